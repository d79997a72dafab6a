"""A conversation is its patient's alone, end to end on the running servers.

* socket.io: a second client can neither read nor write a session it was not
  issued; a socket that never asked for a session cannot post at all;
* the action server refuses forged calls (401), caps inflated bodies and never
  echoes a request;
* a flood on a victim's sender id does not stop the victim's emergency reply.
"""

import asyncio
import socket
import zlib
from typing import Any, Dict, Iterator, List

import pytest
import requests
import socketio

from actions.server import TOKEN_HEADER
from channels.session_ids import key_from_settings, public_ref
from core.settings import PROJECT_ROOT, get_settings
from tests.e2e.conftest import escalation_level, leave
from tooling.servers import start_action_server, stop_processes

pytestmark = pytest.mark.e2e


class Client:
    """A socket.io client that records what it is sent."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncClient()
        self.received: List[Dict[str, Any]] = []
        self.issued: List[str] = []
        self.sio.on("bot_uttered", self.received.append)
        self.sio.on("session_confirm", self.issued.append)

    async def connect(self, url: str) -> None:
        await self.sio.connect(url, socketio_path="/socket.io", transports=["polling"])

    async def session(self, asked: Any = None) -> str:
        count = len(self.issued)
        await self.sio.emit("session_request", {"session_id": asked})
        for _ in range(100):
            if len(self.issued) > count:
                return self.issued[-1]
            await asyncio.sleep(0.1)
        raise TimeoutError("no session_confirm")

    async def say(self, text: str, session_id: Any) -> None:
        await self.sio.emit("user_uttered", {"message": text, "session_id": session_id})


async def _settle(*clients: Client, seconds: float = 6.0, quiet_s: float = 1.5) -> None:
    """Wait until no client has received anything new for `quiet_s` (at most
    `seconds`)."""
    counts, quiet = None, 0
    for _ in range(int(seconds * 10)):
        await asyncio.sleep(0.1)
        now = [len(c.received) for c in clients]
        quiet = quiet + 1 if now == counts and any(now) else 0
        if quiet >= quiet_s * 10:
            return
        counts = now


def _texts(client: Client) -> str:
    return " ".join(str(e.get("text", "")) for e in client.received)


async def _hijack(url: str, key: bytes) -> Dict[str, Any]:
    victim, reader, writer = Client(), Client(), Client()
    for client in (victim, reader, writer):
        await client.connect(url)
    victim_id = await victim.session()
    random_part = victim_id.split(".")[0]
    # What an attacker could hold: the public reference of the conversation (as in
    # escalation records, webhooks and transcripts), the id without its signature,
    # or with a forged one. Each is answered with a new session of the reader's own.
    reader_ids = [
        await reader.session(asked)
        for asked in (
            public_ref(key, victim_id),
            random_part,
            random_part + "." + "0" * 32,
        )
    ]
    await victim.say("how does socazolimab work?", victim_id)
    await _settle(victim, reader)
    # The writer never asks for a session and posts into the victim's.
    await writer.say("how is it given?", victim_id)
    # The reader posts naming the victim's session.
    await reader.say("what are the side effects?", victim_id)
    await _settle(victim, reader, writer, seconds=4)
    for client in (victim, reader, writer):
        await leave(client.sio)
    return {
        "victim_id": victim_id,
        "reader_ids": reader_ids,
        "victim": victim,
        "reader": reader,
        "writer": writer,
    }


def test_a_second_client_cannot_read_or_write_anothers_session(rasa_url: str) -> None:
    """The session id is a bearer secret only its patient's page holds: anything
    else a client presents gets it a session of its own."""
    seen = asyncio.run(_hijack(rasa_url, key_from_settings(get_settings())))
    victim, reader, writer = seen["victim"], seen["reader"], seen["writer"]
    assert seen["victim_id"] not in seen["reader_ids"]
    assert len(set(seen["reader_ids"])) == 3
    assert "PD-L1" in _texts(victim)  # the victim is answered
    assert "PD-L1" not in _texts(reader)  # nobody else reads it
    assert "PD-L1" not in _texts(writer)
    # Neither foreign post reached the victim's conversation.
    assert "30 to 60 minutes" not in _texts(victim)
    assert len([e for e in victim.received if "fact" in (e.get("custom") or {})]) == 1
    assert [e["custom"]["error"] for e in writer.received] == ["session_required"]
    assert [
        e["custom"]["error"]
        for e in reader.received
        if "error" in (e.get("custom") or {})
    ] == ["session_mismatch"]


async def _returning(url: str) -> Dict[str, Any]:
    first = Client()
    await first.connect(url)
    issued = await first.session()
    await first.say("how does socazolimab work?", issued)
    await _settle(first)
    await leave(first.sio)
    again = Client()  # the same patient after a reload: the page presents its id
    await again.connect(url)
    kept = await again.session(issued)
    await again.say("how is it given?", kept)
    await _settle(again)
    await leave(again.sio)
    return {"issued": issued, "kept": kept, "again": again}


def test_the_patient_returns_to_their_own_session(rasa_url: str) -> None:
    seen = asyncio.run(_returning(rasa_url))
    assert seen["kept"] == seen["issued"]
    assert "30 to 60 minutes" in _texts(seen["again"])  # the medicine was remembered


def test_a_flood_on_a_sender_id_does_not_silence_its_emergency(rasa_url: str) -> None:
    url = f"{rasa_url}/webhooks/rest/webhook"
    statuses = [
        requests.post(
            url, json={"sender": "flooded", "message": "hello"}, timeout=60
        ).status_code
        for _ in range(35)
    ]
    assert 429 in statuses  # the flood was limited
    reply = requests.post(
        url, json={"sender": "flooded", "message": "I cannot breathe"}, timeout=60
    )
    assert reply.status_code == 200, reply.text
    assert escalation_level(reply.json()) == "emergency"
    # An ordinary message under the flooded id is still limited.
    assert (
        requests.post(
            url, json={"sender": "flooded", "message": "thanks"}, timeout=60
        ).status_code
        == 429
    )


@pytest.fixture(scope="module")
def action_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import os

    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "ACTION_SERVER_TOKEN": "e2e-token-1",
        "ESCALATION_DB_URL": f"sqlite:///{tmp_path_factory.mktemp('a') / 'e.db'}",
    }
    logs = tmp_path_factory.mktemp("action-logs")
    proc, url = start_action_server(PROJECT_ROOT, env, logs)
    try:
        yield url
    finally:
        stop_processes([proc])


FORGED = {
    "next_action": "action_escalate",
    "sender_id": "victim",
    "tracker": {
        "sender_id": "victim",
        "slots": {"triage_level": "emergency"},
        "latest_message": {"text": "secret patient words"},
        "events": [],
    },
    "domain": {},
    "version": "3.6.21",
}


def test_a_forged_action_call_gets_401(action_server: str) -> None:
    for headers in ({}, {TOKEN_HEADER: "guess"}, {TOKEN_HEADER: ""}):
        reply = requests.post(action_server, json=FORGED, headers=headers, timeout=10)
        assert reply.status_code == 401, headers
        assert "secret patient words" not in reply.text
    assert requests.get(action_server.replace("/webhook", "/health"), timeout=10).ok


def test_errors_never_echo_the_request(action_server: str) -> None:
    broken = {
        **FORGED,
        "next_action": "action_answer_question",
        "tracker": "not a tracker",
    }
    reply = requests.post(
        action_server, json=broken, headers={TOKEN_HEADER: "e2e-token-1"}, timeout=10
    )
    assert reply.status_code >= 400
    assert (
        "not a tracker" not in reply.text and "secret patient words" not in reply.text
    )


def test_an_inflated_body_is_capped(action_server: str) -> None:
    bomb = zlib.compress(b" " * (20 * 1024 * 1024))
    reply = requests.post(
        action_server,
        data=bomb,
        timeout=30,
        headers={
            TOKEN_HEADER: "e2e-token-1",
            "Content-Encoding": "deflate",
            "Content-Type": "application/json",
        },
    )
    assert reply.status_code == 413


def test_the_action_server_listens_on_loopback_only(action_server: str) -> None:
    port = int(action_server.rsplit(":", 1)[1].split("/")[0])
    try:
        outside = socket.gethostbyname(socket.gethostname())
    except OSError:
        pytest.skip("this machine has no address besides loopback")
    if outside.startswith("127."):
        pytest.skip("this machine has no address besides loopback")
    with pytest.raises(OSError):
        socket.create_connection((outside, port), timeout=2).close()


async def _connect_from(url: str, origin: str) -> bool:
    client = socketio.AsyncClient()
    try:
        await client.connect(
            url,
            socketio_path="/socket.io",
            transports=["polling"],
            headers={"Origin": origin},
            wait_timeout=10,
        )
    except socketio.exceptions.ConnectionError:
        return False
    await leave(client)
    return True


def test_socketio_admits_browsers_only_from_the_page_origins(
    rasa_url: str, web_port: int
) -> None:
    assert asyncio.run(_connect_from(rasa_url, f"http://localhost:{web_port}"))
    assert not asyncio.run(_connect_from(rasa_url, "https://evil.example"))


def test_rest_refuses_other_origins_and_form_posts(
    rasa_url: str, web_port: int
) -> None:
    url = f"{rasa_url}/webhooks/rest/webhook"
    body = '{"sender": "origin-check", "message": "hello"}'
    assert (
        requests.post(
            url,
            data=body,
            headers={
                "Origin": "https://evil.example",
                "Content-Type": "application/json",
            },
            timeout=30,
        ).status_code
        == 403
    )
    assert (
        requests.post(
            url,
            data=body,
            headers={
                "Content-Type": "text/plain",
                "Origin": f"http://localhost:{web_port}",
            },
            timeout=30,
        ).status_code
        == 415
    )


async def _flooded_socket(url: str) -> Client:
    client = Client()
    await client.connect(url)
    issued = await client.session()
    for _ in range(35):
        await client.say("hello", issued)
        # Paced: over polling, engine.io refuses a request that packs more than
        # 16 messages, so an unpaced burst would never reach the channel at all.
        await asyncio.sleep(0.05)
    await _settle(client, seconds=30)
    await client.say("I cannot breathe", issued)
    await _settle(client, seconds=15)
    await leave(client.sio)
    return client


def test_a_flood_over_socketio_does_not_silence_the_emergency(rasa_url: str) -> None:
    client = asyncio.run(_flooded_socket(rasa_url))
    errors = [(e.get("custom") or {}).get("error") for e in client.received]
    assert "rate_limited" in errors  # the flood was limited
    levels = [
        e["custom"]["escalation"]["level"]
        for e in client.received
        if "escalation" in (e.get("custom") or {})
    ]
    assert levels == ["emergency"]
