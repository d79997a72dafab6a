"""The REST channel's body parsing and replies (channels/rest.py), without a server."""

import json

import pytest
from rasa.core.channels.channel import UserMessage

from channels.guard import Admitted, Gate, GateConfig, Rejected
from channels.rest import PatientRestInput, error_response, parse_body


@pytest.mark.parametrize(
    "raw, code",
    [
        (b"", "empty_body"),
        (b"   \n", "empty_body"),
        (b"\xff\xfe{}", "invalid_utf8"),
        (b'{"sender": "a", "message": "caf\xe9"}', "invalid_utf8"),
        (b"{not json", "invalid_json"),
        (b'["sender", "message"]', "invalid_json"),
        (b'"just a string"', "invalid_json"),
        (b"[" * 100_000, "invalid_json"),
    ],
)
def test_bad_bodies_are_rejected(raw, code):
    rejected = parse_body(raw)
    assert (
        isinstance(rejected, Rejected)
        and rejected.code == code
        and rejected.status == 400
    )


def test_good_body_is_parsed():
    assert parse_body('{"sender": "a", "message": "hé"}'.encode()) == {
        "sender": "a",
        "message": "hé",
    }


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


# --- who may call REST (channels.rest.admission) ---------------------------------

ORIGINS = ("http://localhost:8080",)


def _admit(
    token=None,
    authorization=None,
    peer="127.0.0.1",
    origin=None,
    content_type="application/json",
):
    from channels.rest import admission

    return admission(token, authorization, peer, origin, ORIGINS, content_type)


def test_loopback_may_call_without_a_token_others_may_not() -> None:
    assert _admit() is None
    assert _admit(peer="::1") is None
    refused = _admit(peer="203.0.113.9")
    assert refused is not None and refused.status == 401


def test_with_a_token_every_caller_must_present_it() -> None:
    assert (
        _admit(
            token="integrator-token-1",
            authorization="Bearer integrator-token-1",
            peer="203.0.113.9",
        )
        is None
    )
    for wrong in (
        None,
        "Bearer integrator-token-2",
        "integrator-token-1",
        "Basic integrator-token-1",
    ):
        refused = _admit(token="integrator-token-1", authorization=wrong)
        assert refused is not None and refused.status == 401, wrong


def test_browsers_of_other_origins_and_form_posts_are_refused() -> None:
    page = "http://localhost:8080"
    assert _admit(origin=page) is None
    assert _admit(origin="https://evil.example").status == 403
    assert _admit(origin=page, content_type="text/plain").status == 415
    assert (
        _admit(origin=page, content_type="application/x-www-form-urlencoded").status
        == 415
    )
    assert _admit(origin=page, content_type="application/json; charset=utf-8") is None
    # Servers and curl send no Origin: their body is read as JSON whatever its label.
    assert _admit(content_type="application/x-www-form-urlencoded") is None


def test_a_huge_json_number_is_a_clean_400() -> None:
    from channels.rest import parse_body

    rejected = parse_body(b'{"sender": "a", "message": ' + b"9" * 5000 + b"}")
    assert rejected.status == 400 and rejected.code == "invalid_json"
