"""Start and stop the real servers: the action server and Rasa with a trained model.

Shared by the end-to-end tests (`tests/e2e/conftest.py`), the benchmark
(`scripts/bench.py`) and the soak run (`scripts/soak.py`). Each server runs in
its own process group, logging to `<logs>/<name>.log`, on a free port
(`tooling.services.free_port`); stopping a server stops its whole group.
"""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import requests

from core.settings import PROJECT_ROOT
from tooling.services import free_port

MODEL = PROJECT_ROOT / "models" / "patient-bot.tar.gz"
# Rasa's own command line, e.g. for a bare reference bot.
RASA = Path(sys.executable).parent / "rasa"
# Our Rasa: the same command line with our fixes applied first (run in the project).
OUR_RASA = [sys.executable, "-m", "runtime.launch"]
# Loading TensorFlow and the model takes about half a minute on 2 cores; allow
# for a slow machine without hanging CI forever.
STARTUP_TIMEOUT_S = 240


def wait_until(
    check: Callable[[], bool], what: str, procs: List[subprocess.Popen]
) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"{what}: a server exited early (see results/e2e/*.log)"
                )
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise TimeoutError(f"{what} not ready after {STARTUP_TIMEOUT_S}s")


def start_process(
    name: str, command: List[str], cwd: Path, env: Dict[str, str], logs: Path
) -> subprocess.Popen:
    """Start a server in its own process group, logging to `logs/<name>.log`."""
    logs.mkdir(parents=True, exist_ok=True)
    log = open(logs / f"{name}.log", "w")
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


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


def endpoints_with(
    path: Path,
    action_url: str,
    tracker_db: Optional[Path] = None,
    base: Path = PROJECT_ROOT / "endpoints.yml",
) -> Path:
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
    """Write credentials.yml, `settings` changed for every channel; return `path`."""
    import yaml

    channels = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text())
    for config in channels.values():
        config.update(settings)
    path.write_text(yaml.safe_dump(channels))
    return path


def rasa_command(
    model: Path,
    endpoints: Path,
    port: int,
    cors: Sequence[str] = (),
    credentials: Path = Path("credentials.yml"),
    api_token: Optional[str] = None,
    rasa: Sequence[str] = tuple(OUR_RASA),
) -> List[str]:
    """`rasa run` for the REST and socket.io channels (HTTP API only with a token),
    as `make run` starts it unless `rasa` names another command line."""
    return [
        *rasa,
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
        "--port",
        str(port),
        *(["--cors", *cors] if cors else []),
        *(["--enable-api", "--auth-token", api_token] if api_token else []),
    ]


def wait_for_rasa(url: str, procs: Sequence[subprocess.Popen]) -> None:
    """Wait until Rasa answers a message over REST."""
    wait_until(
        lambda: (
            requests.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": "e2e-warmup", "message": "hello"},
                timeout=30,
            ).json()
            != []
        ),
        "rasa server",
        list(procs),
    )


def wait_for_log(
    log: Path, text: str, count: int, procs: Sequence[subprocess.Popen]
) -> None:
    """Wait until `text` appears `count` times in `log` (e.g. once per Sanic worker)."""
    wait_until(
        lambda: log.read_text(errors="replace").count(text) >= count,
        f"{count} x '{text}' in {log.name}",
        list(procs),
    )


def action_token() -> str:
    """The shared secret Rasa sends the action server: ACTION_SERVER_TOKEN, set
    for this process (and the servers it starts) on first use."""
    return os.environ.setdefault("ACTION_SERVER_TOKEN", secrets.token_hex(16))


def start_action_server(
    project: Path,
    env: Dict[str, str],
    logs: Path,
    name: str = "actions",
    port: Optional[int] = None,
) -> Tuple[subprocess.Popen, str]:
    """Start the action server (on a free port unless given), wait until healthy;
    return it and its URL."""
    port = port or free_port()
    env.setdefault("ACTION_SERVER_TOKEN", action_token())
    # As scripts/serve.sh: the SDK's app behind our guards, without the Rasa CLI.
    command = [str(RASA.parent / "python"), "-m", "actions.server", "--port", str(port)]
    proc = start_process(name, command, project, env, logs)
    try:
        wait_until(
            lambda: requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok,
            "action server",
            [proc],
        )
    except Exception:
        stop_processes([proc])
        raise
    return proc, f"http://127.0.0.1:{port}/webhook"


@contextlib.contextmanager
def running_bot(
    project: Path,
    model: Path,
    workdir: Path,
    logs: Path,
    extra_env: Optional[Dict[str, str]] = None,
    cors: Sequence[str] = (),
    tracker_db: Optional[Path] = None,
    endpoints_file: Optional[Path] = None,
    api_token: Optional[str] = None,
    credentials: Optional[Path] = None,
) -> Iterator[str]:
    """Run the action server and Rasa for `project` and `model`; yield Rasa's URL
    once every Sanic worker (`SANIC_WORKERS`) is up.

    Conversations go to the SQLite file `tracker_db` when given, else memory;
    `endpoints_file` (e.g. endpoints.production.yml) replaces both, its values
    coming from `extra_env`. `credentials` replaces credentials.yml.
    """
    action_token()
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(project),
        # The origins socket.io admits browsers from: the same as Rasa's CORS.
        **({"CORS_ORIGINS": " ".join(cors)} if cors else {}),
        **(extra_env or {}),
    }
    action, env["ACTION_SERVER_URL"] = start_action_server(project, env, logs)
    procs = [action]
    endpoints = endpoints_file or endpoints_with(
        workdir / "endpoints.yml", env["ACTION_SERVER_URL"], tracker_db
    )
    rasa_port = free_port()
    url = f"http://127.0.0.1:{rasa_port}"
    try:
        procs.append(
            start_process(
                "rasa",
                rasa_command(
                    model,
                    endpoints,
                    rasa_port,
                    cors,
                    api_token=api_token,
                    credentials=credentials or Path("credentials.yml"),
                ),
                project,
                env,
                logs,
            )
        )
        wait_for_rasa(url, procs)
        # Each Sanic worker loads the model itself.
        wait_for_log(
            logs / "rasa.log",
            "Rasa server is up and running",
            int(env.get("SANIC_WORKERS", "1")),
            procs,
        )
        yield url
    finally:
        stop_processes(procs)
