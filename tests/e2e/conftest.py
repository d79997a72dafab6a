"""Start the real action server and Rasa server with the trained model.

Session-scoped: both servers start once on free ports, and are stopped (their
whole process groups) when the session ends. Logs go to results/e2e/.
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import pytest
import requests

from actions.config import PROJECT_ROOT
from tests.e2e.services import free_port

MODEL = PROJECT_ROOT / "models" / "patient-bot.tar.gz"
RASA = Path(sys.executable).parent / "rasa"
# Loading TensorFlow and the model takes about half a minute on 2 cores; allow
# for a slow machine without hanging CI forever.
STARTUP_TIMEOUT_S = 240


def _wait_until(check: Callable[[], bool], what: str, procs: List[subprocess.Popen]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise RuntimeError(f"{what}: a server exited early (see results/e2e/*.log)")
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise TimeoutError(f"{what} not ready after {STARTUP_TIMEOUT_S}s")


@pytest.fixture(scope="session")
def escalation_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Where the e2e action server records escalations."""
    return f"sqlite:///{tmp_path_factory.mktemp('state') / 'escalations.db'}"


@pytest.fixture(scope="session")
def web_port() -> int:
    """Port of the patient page (allowed as a CORS origin by the Rasa server)."""
    return free_port()


def start_process(name: str, command: List[str], cwd: Path, env: Dict[str, str],
                  logs: Path) -> subprocess.Popen:
    """Start a server in its own process group, logging to `logs/<name>.log`."""
    logs.mkdir(parents=True, exist_ok=True)
    log = open(logs / f"{name}.log", "w")
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)


def stop_processes(procs: Sequence[subprocess.Popen]) -> None:
    """SIGTERM each process group, then SIGKILL what is left after 20 s."""
    for proc in procs:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def endpoints_with(path: Path, action_url: str, tracker_db: Optional[Path] = None,
                   base: Path = PROJECT_ROOT / "endpoints.yml") -> Path:
    """Write `base` (our endpoints file) with the action server at `action_url`.

    With the default base, conversations go to the SQLite file `tracker_db`, or
    to memory when it is None; other bases keep their stores.
    """
    import yaml

    endpoints = yaml.safe_load(base.read_text())
    endpoints["action_endpoint"]["url"] = action_url
    if base == PROJECT_ROOT / "endpoints.yml":
        if tracker_db is None:
            endpoints.pop("tracker_store", None)
        else:
            endpoints["tracker_store"]["db"] = str(tracker_db)
    path.write_text(yaml.safe_dump(endpoints))
    return path


def credentials_with(path: Path, **settings: Any) -> Path:
    """Write credentials.yml with `settings` changed for every channel; return `path`."""
    import yaml

    channels = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text())
    for config in channels.values():
        config.update(settings)
    path.write_text(yaml.safe_dump(channels))
    return path


def rasa_command(model: Path, endpoints: Path, port: int, cors: Sequence[str] = (),
                 credentials: Path = Path("credentials.yml"),
                 api_token: Optional[str] = None) -> List[str]:
    """`rasa run` for the REST and socket.io channels (HTTP API only with a token)."""
    return [str(RASA), "run", "--model", str(model), "--endpoints", str(endpoints),
            "--credentials", str(credentials), "--port", str(port),
            *(["--cors", *cors] if cors else []),
            *(["--enable-api", "--auth-token", api_token] if api_token else [])]


def wait_for_rasa(url: str, procs: Sequence[subprocess.Popen]) -> None:
    """Wait until Rasa answers a message over REST."""
    _wait_until(
        lambda: requests.post(
            f"{url}/webhooks/rest/webhook",
            json={"sender": "e2e-warmup", "message": "hello"}, timeout=30,
        ).json() != [],
        "rasa server", list(procs),
    )


def wait_for_log(log: Path, text: str, count: int, procs: Sequence[subprocess.Popen]) -> None:
    """Wait until `text` appears `count` times in `log` (e.g. once per Sanic worker)."""
    _wait_until(lambda: log.read_text(errors="replace").count(text) >= count,
                f"{count} x '{text}' in {log.name}", list(procs))


def start_action_server(
    project: Path, env: Dict[str, str], logs: Path, name: str = "actions",
    port: Optional[int] = None,
) -> Tuple[subprocess.Popen, str]:
    """Start the action server (on a free port unless given), wait until healthy;
    return it and its URL."""
    port = port or free_port()
    # As scripts/serve.sh: the SDK directly, without the Rasa CLI and its TensorFlow.
    command = [str(RASA.parent / "python"), "-m", "rasa_sdk", "--actions", "actions",
               "--port", str(port)]
    proc = start_process(name, command, project, env, logs)
    try:
        _wait_until(
            lambda: requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok,
            "action server", [proc],
        )
    except Exception:
        stop_processes([proc])
        raise
    return proc, f"http://127.0.0.1:{port}/webhook"


@contextlib.contextmanager
def running_bot(
    project: Path, model: Path, workdir: Path, logs: Path,
    extra_env: Optional[Dict[str, str]] = None, cors: Sequence[str] = (),
    tracker_db: Optional[Path] = None, endpoints_file: Optional[Path] = None,
    api_token: Optional[str] = None,
) -> Iterator[str]:
    """Run the action server and Rasa for `project` and `model`; yield Rasa's URL.

    Conversations go to the SQLite file `tracker_db` when given, else memory;
    `endpoints_file` (e.g. endpoints.production.yml) replaces both, its values
    coming from `extra_env`.
    """
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(project),
        **(extra_env or {}),
    }
    action, env["ACTION_SERVER_URL"] = start_action_server(project, env, logs)
    procs = [action]
    endpoints = endpoints_file or endpoints_with(
        workdir / "endpoints.yml", env["ACTION_SERVER_URL"], tracker_db)
    rasa_port = free_port()
    url = f"http://127.0.0.1:{rasa_port}"
    try:
        procs.append(start_process(
            "rasa", rasa_command(model, endpoints, rasa_port, cors, api_token=api_token),
            project, env, logs
        ))
        wait_for_rasa(url, procs)
        yield url
    finally:
        stop_processes(procs)


@pytest.fixture(scope="session")
def tracker_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SQLite tracker store the e2e Rasa server writes conversations to."""
    return tmp_path_factory.mktemp("tracker") / "rasa.db"


@pytest.fixture(scope="session")
def rasa_url(
    tmp_path_factory: pytest.TempPathFactory, escalation_db_url: str, web_port: int,
    tracker_db: Path,
) -> Iterator[str]:
    """Base URL of a running Rasa server wired to a running action server."""
    assert MODEL.exists(), f"{MODEL} missing: run `make train` first"
    with running_bot(
        PROJECT_ROOT, MODEL, tmp_path_factory.mktemp("e2e"),
        PROJECT_ROOT / "results" / "e2e",
        extra_env={"ESCALATION_DB_URL": escalation_db_url, "ESCALATION_WEBHOOK_URL": ""},
        cors=(f"http://127.0.0.1:{web_port}", f"http://localhost:{web_port}"),
        tracker_db=tracker_db,
    ) as url:
        yield url


def say_to(url: str, sender: str, message: str) -> List[Dict[str, Any]]:
    """Send one message over REST to the Rasa at `url`; the bot's messages (200 only)."""
    response = requests.post(f"{url}/webhooks/rest/webhook",
                             json={"sender": sender, "message": message}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def fact_ids(messages: List[Dict[str, Any]]) -> List[str]:
    """Ids of the facts the bot answered with."""
    return [m["custom"]["fact"]["id"] for m in messages if "fact" in (m.get("custom") or {})]


def escalation_level(messages: List[Dict[str, Any]]) -> Optional[str]:
    """The level of the first escalation among the bot's messages, if any."""
    for message in messages:
        escalation = (message.get("custom") or {}).get("escalation")
        if escalation:
            return escalation["level"]
    return None


@pytest.fixture
def say(rasa_url: str) -> Callable[[str, str], List[Dict[str, Any]]]:
    """Send one message over the REST channel and return the bot's messages."""

    return lambda sender, message: say_to(rasa_url, sender, message)


@pytest.fixture(scope="session")
def page_url(rasa_url: str, web_port: int) -> Iterator[str]:
    """The patient page, served by scripts/serve_web.py, talking to `rasa_url`."""
    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    import serve_web

    assert serve_web.SOCKET_IO_CLIENT.exists(), "run `make web` first"
    server = serve_web.build_server(web_port, rasa_url, 0, host="127.0.0.1")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{web_port}/"
    finally:
        server.shutdown()
        server.server_close()
