"""The REST channel's body parsing and replies (channels/rest.py), without a server."""

import json

import pytest
from rasa.core.channels.channel import UserMessage

from channels.guard import Admitted, Gate, GateConfig, Rejected
from channels.rest import PatientRestInput, error_response, parse_body


@pytest.mark.parametrize("raw, code", [
    (b"", "empty_body"),
    (b"   \n", "empty_body"),
    (b"\xff\xfe{}", "invalid_utf8"),
    (b'{"sender": "a", "message": "caf\xe9"}', "invalid_utf8"),
    (b"{not json", "invalid_json"),
    (b'["sender", "message"]', "invalid_json"),
    (b'"just a string"', "invalid_json"),
    (b"[" * 100_000, "invalid_json"),
])
def test_bad_bodies_are_rejected(raw, code):
    rejected = parse_body(raw)
    assert isinstance(rejected, Rejected) and rejected.code == code and rejected.status == 400


def test_good_body_is_parsed():
    assert parse_body('{"sender": "a", "message": "hé"}'.encode()) == {"sender": "a", "message": "hé"}


def test_error_response_is_json_with_retry_hint_when_useful():
    reply = error_response(Rejected(429, "rate_limited", "slow down"))
    assert reply.status == 429 and reply.headers["Retry-After"] == "60"
    assert json.loads(reply.body) == {"error": "rate_limited", "message": "slow down"}
    assert "Retry-After" not in error_response(Rejected(400, "x", "y")).headers


def channel() -> PatientRestInput:
    return PatientRestInput(Gate(GateConfig(), frozenset(), "112"), deadline_s=5)


async def test_notes_come_first_then_rasas_replies():
    async def rasa(msg: UserMessage) -> None:
        await msg.output_channel.send_text_message(msg.sender_id, "an answer")

    reply = await channel()._answer(Admitted("a", "hi", ["note"]), rasa)
    assert reply.status == 200
    assert [m["text"] for m in json.loads(reply.body)] == ["note", "an answer"]


async def test_silent_turn_gets_a_safe_reply():
    async def rasa(msg: UserMessage) -> None:
        return None

    messages = json.loads((await channel()._answer(Admitted("a", "hi"), rasa)).body)
    assert len(messages) == 1 and "112" in messages[0]["text"]
    assert messages[0]["recipient_id"] == "a"


async def test_failed_turn_is_503_temporarily_unavailable():
    async def rasa(msg: UserMessage) -> None:
        raise RuntimeError("tracker store down")

    reply = await channel()._answer(Admitted("a", "hi"), rasa)
    body = json.loads(reply.body)
    assert reply.status == 503 and body["error"] == "temporarily_unavailable"
    assert "temporarily unavailable" in body["message"]
