"""Settings read from the environment, in one place, with safe defaults.

Read when called, never at import time. `.env.example` lists every variable.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple

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


def _optional(name: str) -> Optional[str]:
    value = os.environ.get(name, "").strip()
    return value or None


def get_settings() -> Settings:
    """Build settings from the environment (see `.env.example`)."""
    state = Path(os.environ.get("STATE_DIR", PROJECT_ROOT / "state"))
    return Settings(
        facts_dir=Path(os.environ.get("FACTS_DIR", PROJECT_ROOT / "facts")),
        seeds_dir=Path(
            os.environ.get("SEEDS_DIR", PROJECT_ROOT.parent / "shared" / "seeds")
        ),
        nlu_dir=Path(os.environ.get("NLU_DIR", PROJECT_ROOT / "data" / "nlu")),
        escalation_db_url=os.environ.get(
            "ESCALATION_DB_URL", f"sqlite:///{state / 'escalations.db'}"
        ),
        tracker_db_url=os.environ.get(
            "TRACKER_DB_URL", f"sqlite:///{state / 'rasa.db'}"
        ),
        webhook_url=_optional("ESCALATION_WEBHOOK_URL"),
        webhook_signing_key=_optional("ESCALATION_WEBHOOK_SECRET"),
        webhook_timeout_s=float(os.environ.get("ESCALATION_WEBHOOK_TIMEOUT_S", "5")),
        # 12 attempts with the defaults below: 10 to 20 minutes before a dead letter.
        webhook_max_attempts=int(
            os.environ.get("ESCALATION_WEBHOOK_MAX_ATTEMPTS", "12")
        ),
        webhook_backoff_s=float(os.environ.get("ESCALATION_WEBHOOK_BACKOFF_S", "1")),
        webhook_backoff_cap_s=float(
            os.environ.get("ESCALATION_WEBHOOK_BACKOFF_CAP_S", "300")
        ),
        webhook_jitter=float(os.environ.get("ESCALATION_WEBHOOK_JITTER", "0.5")),
        delivery_interval_s=float(
            os.environ.get("ESCALATION_DELIVERY_INTERVAL_S", "5")
        ),
        # Must exceed the webhook timeout, or a slow post would be sent again.
        claim_timeout_s=float(os.environ.get("ESCALATION_CLAIM_TIMEOUT_S", "60")),
        emergency_number=_optional("EMERGENCY_NUMBER"),
        clinic_contact=_optional("CLINIC_CONTACT"),
        crisis_line=_optional("CRISIS_LINE"),
        rate_limit_storage_uri=_optional("RATE_LIMIT_STORAGE_URI"),
        state_dir=state,
        session_secret=_optional("SESSION_SECRET"),
        action_server_token=_optional("ACTION_SERVER_TOKEN"),
        retention_days=float(os.environ.get("RETENTION_DAYS", "30")),
        allowed_origins=tuple(os.environ.get("CORS_ORIGINS", "").split())
        or _page_origins(),
        trust_forwarded_for=os.environ.get("TRUST_FORWARDED_FOR", "").lower()
        in ("1", "true", "yes"),
        rest_token=_optional("REST_TOKEN"),
    )


def _page_origins() -> Tuple[str, ...]:
    port = os.environ.get("WEB_PORT", "8080")
    return (f"http://localhost:{port}", f"http://127.0.0.1:{port}")


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
