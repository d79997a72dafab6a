"""Settings read from the environment and `.env`, in one place, with safe defaults.

Read when called, never at import time. `.env.example` lists every variable. A
variable set in the environment wins over the same one in `.env` (the file
`ENV_FILE` names; default `.env` in the project; `ENV_FILE=` reads none). Every
value is checked when read: a wrong one raises `SettingsError` naming the
variable, its value and what it should be, and the servers stop with that line.

`python -m core.settings --export` prints, as shell `export` lines, the `.env`
values the environment does not set (scripts/serve.sh uses it, so that Rasa's
own reading of endpoints.yml sees them too).
"""

import argparse
import functools
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional, Sequence, Tuple

from dotenv import dotenv_values

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Runtime settings of the action server and the scripts."""

    facts_dir: Path
    seeds_dir: Path
    nlu_dir: Path
    escalation_db_url: str
    tracker_db_url: str
    webhook_url: Optional[str]
    webhook_signing_key: Optional[str]
    webhook_timeout_s: float
    webhook_max_attempts: int
    webhook_backoff_s: float
    webhook_backoff_cap_s: float
    webhook_jitter: float
    delivery_interval_s: float
    claim_timeout_s: float
    emergency_number: Optional[str]
    clinic_contact: Optional[str]
    crisis_line: Optional[str]
    # Where the channels keep the per-conversation rate limit window: None for
    # this process's memory, or a `limits` storage URI such as redis://host:6379/2
    # so that every worker and instance shares it (channels/rate_limit.py).
    rate_limit_storage_uri: Optional[str] = None
    # Where the servers keep their files (databases, the session key).
    state_dir: Path = PROJECT_ROOT / "state"
    # Signs socket.io session ids and names conversations in records
    # (channels/session_ids.py); None: the key file in `state_dir`.
    session_secret: Optional[str] = None
    # Rasa sends this on every call to the action server (endpoints.yml), which
    # refuses calls without it (actions/server.py). None: the server refuses all.
    action_server_token: Optional[str] = None
    # Conversations idle for longer are deleted once a day by the action server
    # (records/retention.py); 0 keeps them until deleted by hand.
    retention_days: float = 30.0
    # Browser origins allowed to reach Rasa's channels (CORS_ORIGINS, spaces
    # between); empty: the page's default origins on WEB_PORT.
    allowed_origins: Tuple[str, ...] = ()
    # True behind a reverse proxy that sets X-Forwarded-For: the per-client rate
    # limit then counts by the address the proxy saw.
    trust_forwarded_for: bool = False
    # Integrators send this in `Authorization: Bearer <token>` to the REST
    # channel; None leaves REST open to loopback clients only.
    rest_token: Optional[str] = None
    # Source documents of medicines added by the clinic; the two original
    # medicines' texts stay in `seeds_dir`. Both are searched (`source_folders`).
    sources_dir: Path = PROJECT_ROOT / "sources"

    @property
    def source_folders(self) -> Tuple[Path, ...]:
        """Where a fact file's source document may be: the project's `sources/`,
        then the original seed texts."""
        return (self.sources_dir, self.seeds_dir)


class SettingsError(ValueError):
    """A setting with a value the project cannot use; the message says which."""


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def env_file() -> Optional[Path]:
    """The `.env` file to read: `ENV_FILE`, else `.env` in the project; None for
    `ENV_FILE=` (empty)."""
    named = os.environ.get("ENV_FILE")
    if named is None:
        return PROJECT_ROOT / ".env"
    return Path(named) if named.strip() else None


def file_values(path: Optional[Path]) -> Dict[str, str]:
    """The variables a `.env` file sets (none when it does not exist).

    Parsed once per version of the file: actions read the settings on every
    message, and an unchanged file costs one `stat`.
    """
    if path is None or not path.is_file():
        return {}
    stat = path.stat()
    return dict(_parsed(path, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _parsed(path: Path, mtime_ns: int, size: int) -> Tuple[Tuple[str, str], ...]:
    return tuple((k, v) for k, v in dotenv_values(path).items() if v is not None)


class _Source:
    """Variables from the environment, then `.env`, each checked as it is read."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self.values = values

    def text(self, name: str, default: str = "") -> str:
        value = self.values.get(name, "").strip()
        return value or default

    def optional(self, name: str) -> Optional[str]:
        return self.text(name) or None

    def number(self, name: str, default: float, minimum: float = 0.0) -> float:
        raw = self.text(name, str(default))
        try:
            value = float(raw)
        except ValueError:
            raise SettingsError(f"{name}={raw!r} is not a number") from None
        if value < minimum:
            raise SettingsError(f"{name}={raw!r} must be {minimum:g} or more")
        return value

    def whole(self, name: str, default: int, minimum: int = 1) -> int:
        raw = self.text(name, str(default))
        if not raw.isdigit() or int(raw) < minimum:
            raise SettingsError(f"{name}={raw!r} must be a whole number >= {minimum}")
        return int(raw)

    def flag(self, name: str) -> bool:
        raw = self.text(name).lower()
        if raw not in _TRUE + _FALSE:
            raise SettingsError(f"{name}={raw!r} must be true or false")
        return raw in _TRUE

    def url(self, name: str, schemes: Sequence[str], default: str = "") -> str:
        raw = self.text(name, default)
        if raw and not raw.startswith(tuple(f"{s}://" for s in schemes)):
            wanted = " or ".join(f"{s}://..." for s in schemes)
            raise SettingsError(f"{name}={raw!r} must be a URL: {wanted}")
        return raw


def _source() -> _Source:
    return _Source({**file_values(env_file()), **os.environ})


# SQLAlchemy URLs the stores accept.
_DB_SCHEMES = ("sqlite", "postgresql", "postgresql+psycopg2", "mysql", "mysql+pymysql")


def get_settings() -> Settings:
    """Build settings from the environment and `.env` (see `.env.example`).

    Raises:
        SettingsError: a variable has a value the project cannot use.
    """
    env = _source()
    state = Path(env.text("STATE_DIR", str(PROJECT_ROOT / "state")))
    return Settings(
        facts_dir=Path(env.text("FACTS_DIR", str(PROJECT_ROOT / "facts"))),
        seeds_dir=Path(
            env.text("SEEDS_DIR", str(PROJECT_ROOT.parent / "shared" / "seeds"))
        ),
        nlu_dir=Path(env.text("NLU_DIR", str(PROJECT_ROOT / "data" / "nlu"))),
        escalation_db_url=env.url(
            "ESCALATION_DB_URL", _DB_SCHEMES, f"sqlite:///{state / 'escalations.db'}"
        ),
        tracker_db_url=env.url(
            "TRACKER_DB_URL", _DB_SCHEMES, f"sqlite:///{state / 'rasa.db'}"
        ),
        webhook_url=env.url("ESCALATION_WEBHOOK_URL", ("http", "https")) or None,
        webhook_signing_key=env.optional("ESCALATION_WEBHOOK_SECRET"),
        webhook_timeout_s=env.number("ESCALATION_WEBHOOK_TIMEOUT_S", 5, 0.1),
        # 12 attempts with the defaults below: 10 to 20 minutes before a dead letter.
        webhook_max_attempts=env.whole("ESCALATION_WEBHOOK_MAX_ATTEMPTS", 12),
        webhook_backoff_s=env.number("ESCALATION_WEBHOOK_BACKOFF_S", 1),
        webhook_backoff_cap_s=env.number("ESCALATION_WEBHOOK_BACKOFF_CAP_S", 300),
        webhook_jitter=env.number("ESCALATION_WEBHOOK_JITTER", 0.5),
        delivery_interval_s=env.number("ESCALATION_DELIVERY_INTERVAL_S", 5, 0.01),
        # Must exceed the webhook timeout, or a slow post would be sent again.
        claim_timeout_s=env.number("ESCALATION_CLAIM_TIMEOUT_S", 60, 0.1),
        emergency_number=env.optional("EMERGENCY_NUMBER"),
        clinic_contact=env.optional("CLINIC_CONTACT"),
        crisis_line=env.optional("CRISIS_LINE"),
        rate_limit_storage_uri=env.optional("RATE_LIMIT_STORAGE_URI"),
        state_dir=state,
        session_secret=env.optional("SESSION_SECRET"),
        action_server_token=env.optional("ACTION_SERVER_TOKEN"),
        retention_days=env.number("RETENTION_DAYS", 30),
        allowed_origins=tuple(env.text("CORS_ORIGINS").split())
        or _page_origins(env.whole("WEB_PORT", 8080)),
        trust_forwarded_for=env.flag("TRUST_FORWARDED_FOR"),
        rest_token=env.optional("REST_TOKEN"),
        sources_dir=Path(env.text("SOURCES_DIR", str(PROJECT_ROOT / "sources"))),
    )


def _page_origins(port: int) -> Tuple[str, ...]:
    return (f"http://localhost:{port}", f"http://127.0.0.1:{port}")


def load_env_file() -> None:
    """Put the `.env` values the environment does not set into `os.environ`, for
    code that reads the environment itself (Rasa reading endpoints.yml)."""
    for name, value in file_values(env_file()).items():
        os.environ.setdefault(name, value)


def checked_settings() -> Settings:
    """`get_settings()` for a server's start: a wrong value stops the process with
    one clear line instead of a traceback."""
    try:
        return get_settings()
    except SettingsError as error:
        sys.exit(f"Setting error: {error} (see .env.example).")


def private_sqlite_file(db_url: str) -> None:
    """For a `sqlite:///` URL: the folder made owner-only (0700) and the database
    file created owner-only (0600), as patients' words are kept there."""
    if not db_url.startswith("sqlite:///"):
        return
    path = Path(db_url[len("sqlite:///") :])
    if str(path) in ("", ":memory:"):
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """`--check`: validate the settings; `--export`: print the `.env` values the
    environment lacks as shell `export` lines."""
    parser = argparse.ArgumentParser(prog="python -m core.settings")
    parser.add_argument("--export", action="store_true")
    args = parser.parse_args(argv)
    checked_settings()
    if args.export:
        for name, value in file_values(env_file()).items():
            if name not in os.environ and name.isidentifier():
                print(f"export {name}={shlex.quote(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
