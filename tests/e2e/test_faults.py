"""Faults with real servers: the action server down or hung, the database down.

The patient always gets a safe reply, red-flag messages still get their advice
(escalation replies are domain responses, not actions), nothing crashes, and
the conversation carries on once the fault is gone.
"""

import os
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
import requests

from channels.turn import LATE, NO_ANSWER
from core.settings import PROJECT_ROOT
from tests.e2e.conftest import escalation_level, fact_ids, say_to
from tooling.servers import (
    MODEL,
    credentials_with,
    endpoints_with,
    rasa_command,
    start_action_server,
    start_process,
    stop_processes,
    wait_for_rasa,
)
from tooling.services import free_port, postgres, postgres_ctl, redis

pytestmark = pytest.mark.e2e

# NO_ANSWER and LATE begin with these words whatever the emergency number.
CANT_ANSWER = NO_ANSWER.split(".")[0]
TAKING_LONG = LATE.split(".")[0]


def _post(url: str, sender: str, message: str) -> requests.Response:
    return requests.post(
        f"{url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        timeout=60,
    )


def _texts(messages: List[Dict[str, Any]]) -> str:
    return " ".join(m.get("text", "") for m in messages)


class Bot:
    """Rasa plus an action server on a fixed port, so the action server can be
    stopped, replaced by a silent one, and started again."""

    def __init__(
        self,
        workdir: Path,
        base: Path = PROJECT_ROOT / "endpoints.yml",
        env: Optional[Dict[str, str]] = None,
    ) -> None:
        self.workdir = workdir
        self.logs = workdir / "logs"
        self.env = {
            **os.environ,
            "RASA_TELEMETRY_ENABLED": "false",
            "PYTHONPATH": str(PROJECT_ROOT),
            "ACTION_TIMEOUT_SECONDS": "3",
            "ESCALATION_DB_URL": f"sqlite:///{workdir / 'escalations.db'}",
            "ESCALATION_WEBHOOK_URL": "",
            **(env or {}),
        }
        self.action_port = free_port()
        self.action: Optional[subprocess.Popen] = None
        self.endpoints = endpoints_with(
            workdir / "endpoints.yml",
            f"http://127.0.0.1:{self.action_port}/webhook",
            workdir / "rasa.db",
            base=base,
        )
        self.credentials = credentials_with(
            workdir / "credentials.yml", reply_deadline_seconds=8
        )
        self.rasa: Optional[subprocess.Popen] = None
        self.url = ""

    def start_actions(self) -> None:
        self.action, _ = start_action_server(
            PROJECT_ROOT, self.env, self.logs, port=self.action_port
        )

    def stop_actions(self) -> None:
        assert self.action is not None
        stop_processes([self.action])
        self.action = None

    def start(self) -> "Bot":
        self.start_actions()
        port = free_port()
        self.rasa = start_process(
            "rasa",
            rasa_command(MODEL, self.endpoints, port, credentials=self.credentials),
            PROJECT_ROOT,
            self.env,
            self.logs,
        )
        self.url = f"http://127.0.0.1:{port}"
        wait_for_rasa(self.url, [self.rasa, self.action])
        return self

    def stop(self) -> None:
        stop_processes([p for p in (self.rasa, self.action) if p is not None])


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[Bot]:
    running = Bot(tmp_path).start()
    try:
        yield running
    finally:
        running.stop()


class SilentServer:
    """Accepts connections on a port and never answers: a hung action server."""

    def __init__(self, port: int) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(64)
        self.held: List[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


def test_action_server_down_then_back(bot: Bot) -> None:
    sender = f"fault-{uuid.uuid4().hex[:8]}"
    assert fact_ids(say_to(bot.url, sender, "how does socazolimab work?")) == [
        "socazolimab.mechanism"
    ]

    bot.stop_actions()
    down = say_to(bot.url, sender, "what is the dose?")
    assert CANT_ANSWER in _texts(down), down
    assert escalation_level(say_to(bot.url, sender, "I can't breathe")) == "emergency"
    assert escalation_level(say_to(bot.url, sender, "I have a fever of 39")) == "urgent"
    # A brand-new conversation: no session-start action, still emergency advice.
    first = say_to(bot.url, f"fault-new-{uuid.uuid4().hex[:8]}", "my chest hurts badly")
    assert escalation_level(first) == "emergency", first
    # Words no rule lists: the self-harm detector and the classifier run in the
    # Rasa server, so they need no action server either.
    for words in (
        "my family would be better off if I wasn't here",
        "I can't catch my breath even lying down",
    ):
        reply = say_to(bot.url, f"fault-new-{uuid.uuid4().hex[:8]}", words)
        assert escalation_level(reply) == "emergency", reply
    # A new conversation's greeting names the medicines from a slot the session
    # start sets; without it, the slot's words, never "None".
    hello = _texts(say_to(bot.url, f"fault-new-{uuid.uuid4().hex[:8]}", "hello"))
    assert "the medicines this service covers" in hello and "None" not in hello

    bot.start_actions()
    back = say_to(bot.url, sender, "what is the dose?")
    assert fact_ids(back) == ["socazolimab.dose"], back  # the medicine is remembered


def test_hung_action_server_does_not_hold_the_patient(bot: Bot) -> None:
    sender = f"hung-{uuid.uuid4().hex[:8]}"
    say_to(bot.url, sender, "how does socazolimab work?")
    bot.stop_actions()
    silent = SilentServer(bot.action_port)
    try:
        start = time.perf_counter()
        answer = say_to(bot.url, sender, "what is the dose?")
        took = time.perf_counter() - start
        assert CANT_ANSWER in _texts(answer) or TAKING_LONG in _texts(answer), answer
        assert took < 10, f"waited {took:.1f} s"
        start = time.perf_counter()
        emergency = say_to(bot.url, sender, "I can't breathe")
        assert escalation_level(emergency) == "emergency", emergency
        assert time.perf_counter() - start < 10
    finally:
        silent.close()
    bot.start_actions()
    assert fact_ids(say_to(bot.url, sender, "how is it given?")) == [
        "socazolimab.administration"
    ]


@pytest.mark.production
def test_database_down_then_back(tmp_path: Path) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="patient-bot-dbdown-"))
    os.chmod(workdir, 0o755)
    with ExitStack() as stack:
        pg = stack.enter_context(postgres(workdir / "pg"))
        rd = stack.enter_context(redis(workdir / "redis"))
        bot = Bot(
            tmp_path, base=PROJECT_ROOT / "endpoints.production.yml", env={**pg, **rd}
        ).start()
        stack.callback(bot.stop)
        sender = f"db-{uuid.uuid4().hex[:8]}"
        assert fact_ids(say_to(bot.url, sender, "how does socazolimab work?")) == [
            "socazolimab.mechanism"
        ]

        postgres_ctl(pg, "stop")
        down = _post(bot.url, sender, "what is the dose?")
        assert down.status_code == 503, down.text
        assert down.json()["error"] == "temporarily_unavailable"
        assert "temporarily unavailable" in down.json()["message"]
        log = (bot.logs / "rasa.log").read_text()
        assert "what is the dose" not in log and sender not in log

        postgres_ctl(pg, "start")
        deadline = time.monotonic() + 60
        while (
            True
        ):  # the first call after the restart may meet a stale pooled connection
            again = _post(bot.url, sender, "what is the dose?")
            if again.status_code == 200 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert again.status_code == 200, again.text
        assert fact_ids(again.json()) == ["socazolimab.dose"], again.json()
