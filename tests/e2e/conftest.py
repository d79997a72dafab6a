"""Start the real action server and Rasa server with the trained model.

Session-scoped: both servers start once on free ports, and are stopped (their
whole process groups) when the session ends. Logs go to results/e2e/.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest
import requests

from actions.config import PROJECT_ROOT

MODEL = PROJECT_ROOT / "models" / "patient-bot.tar.gz"
RASA = Path(sys.executable).parent / "rasa"
# Loading TensorFlow and the model takes about half a minute on 2 cores; allow
# for a slow machine without hanging CI forever.
STARTUP_TIMEOUT_S = 240


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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
    return _free_port()


@pytest.fixture(scope="session")
def rasa_url(
    tmp_path_factory: pytest.TempPathFactory, escalation_db_url: str, web_port: int
) -> Iterator[str]:
    """Base URL of a running Rasa server wired to a running action server."""
    assert MODEL.exists(), f"{MODEL} missing: run `make train` first"
    logs = PROJECT_ROOT / "results" / "e2e"
    logs.mkdir(parents=True, exist_ok=True)
    action_port, rasa_port = _free_port(), _free_port()
    endpoints = tmp_path_factory.mktemp("e2e") / "endpoints.yml"
    endpoints.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{action_port}/webhook\n"
    )
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(PROJECT_ROOT),
        "ESCALATION_DB_URL": escalation_db_url,
        "ESCALATION_WEBHOOK_URL": "",
    }
    commands = {
        "actions": [str(RASA), "run", "actions", "--actions", "actions",
                    "--port", str(action_port)],
        "rasa": [str(RASA), "run", "--model", str(MODEL), "--endpoints", str(endpoints),
                 "--credentials", "credentials.yml", "--port", str(rasa_port),
                 "--cors", f"http://127.0.0.1:{web_port}", f"http://localhost:{web_port}"],
    }
    procs = []
    for name, command in commands.items():
        log = open(logs / f"{name}.log", "w")
        procs.append(
            subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log,
                             stderr=subprocess.STDOUT, start_new_session=True)
        )
    url = f"http://127.0.0.1:{rasa_port}"
    try:
        _wait_until(
            lambda: requests.get(f"http://127.0.0.1:{action_port}/health", timeout=2).ok,
            "action server", procs,
        )
        _wait_until(
            lambda: requests.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": "e2e-warmup", "message": "hello"}, timeout=30,
            ).json() != [],
            "rasa server", procs,
        )
        yield url
    finally:
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


@pytest.fixture
def say(rasa_url: str) -> Callable[[str, str], List[Dict[str, Any]]]:
    """Send one message over the REST channel and return the bot's messages."""

    def _say(sender: str, message: str) -> List[Dict[str, Any]]:
        response = requests.post(
            f"{rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return response.json()

    return _say


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
