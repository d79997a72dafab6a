"""Bad input over the real REST channel: a clear 4xx or a friendly reply, never a
5xx, nothing stored for a rejected request, and long messages cut before NLU."""

import json
import sqlite3
import time
import uuid
from pathlib import Path

import pytest
import requests

from tests.e2e.conftest import escalation_level, fact_ids

pytestmark = pytest.mark.e2e


def _sender() -> str:
    return f"bad-{uuid.uuid4().hex[:10]}"


def _post(
    rasa_url: str, data: bytes, content_type: str = "application/json"
) -> requests.Response:
    return requests.post(
        f"{rasa_url}/webhooks/rest/webhook",
        data=data,
        headers={"Content-Type": content_type},
        timeout=60,
    )


def _stored_events(tracker_db: Path, sender: str) -> int:
    with sqlite3.connect(tracker_db) as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ?", (sender,)
        ).fetchone()
    return count


def _rasa_rss_mb(rasa_url: str) -> float:
    """Resident memory of the Rasa server listening on this URL's port."""
    port = rasa_url.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if (
            b"run" in argv
            and b"--port" in argv
            and port.encode() in argv
            and b"actions" not in argv
        ):
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    raise LookupError(f"no Rasa process on port {port}")


BAD_BODIES = {
    "invalid JSON": b'{"sender": "x", "message": ',
    "JSON array": b'[{"sender": "x", "message": "hi"}]',
    "empty body": b"",
    "invalid UTF-8": b'{"sender": "SENDER", "message": "dose \xc3\x28"}',
    "missing message": b'{"sender": "SENDER"}',
    "null message": b'{"sender": "SENDER", "message": null}',
    "numeric message": b'{"sender": "SENDER", "message": 42}',
    "object message": b'{"sender": "SENDER", "message": {"text": "hi"}}',
    "empty message": b'{"sender": "SENDER", "message": ""}',
    "whitespace message": b'{"sender": "SENDER", "message": " \\t\\r\\n "}',
    "invisible-only message": b'{"sender": "SENDER", "message": "\\u200b\\u200f"}',
    "missing sender": b'{"message": "hi"}',
    "null sender": b'{"sender": null, "message": "hi"}',
    "numeric sender": b'{"sender": 12, "message": "hi"}',
    "object sender": b'{"sender": {"id": "SENDER"}, "message": "hi"}',
    "5,000-character sender": b'{"sender": "' + b"s" * 5000 + b'", "message": "hi"}',
}


@pytest.mark.parametrize("name", list(BAD_BODIES))
def test_bad_request_gets_a_clear_json_4xx_and_stores_nothing(
    rasa_url: str, tracker_db: Path, name: str
) -> None:
    sender = _sender()
    response = _post(rasa_url, BAD_BODIES[name].replace(b"SENDER", sender.encode()))
    assert 400 <= response.status_code < 500, (
        name,
        response.status_code,
        response.text,
    )
    body = response.json()
    assert set(body) == {"error", "message"} and body["message"], body
    assert _stored_events(tracker_db, sender) == 0


def test_wrong_content_type_is_still_read_as_json(say, rasa_url: str) -> None:
    sender = _sender()
    response = _post(
        rasa_url,
        json.dumps({"sender": sender, "message": "hello"}).encode(),
        content_type="text/plain",
    )
    assert response.status_code == 200 and response.json()


@pytest.mark.parametrize(
    "text",
    [
        "which side\u200b effects does socazolimab bring?",  # zero-width space
        "\u200fhow is socazolimab given?",  # right-to-left mark
        "how is\r\nsocazolimab\tgiven?",  # CR/LF, tab
        "side effects of socazolimab \U0001f637\U0001f64f",  # emoji
        "<script>alert(1)</script> how does socazolimab work?",
        "'; DROP TABLE events; -- what is socazolimab",
        "dose\x00 of socazolimab\x07",  # control characters
    ],
)
def test_odd_but_valid_text_gets_a_normal_reply(
    say, tracker_db: Path, text: str
) -> None:
    sender = _sender()
    messages = say(sender, text)
    assert messages and all(m["recipient_id"] == sender for m in messages)
    assert any("socazolimab" in m.get("text", "").lower() for m in messages), messages
    assert _stored_events(tracker_db, sender) > 0


def test_long_messages_are_cut_before_nlu_and_memory_stays_flat(
    say, rasa_url: str
) -> None:
    say(_sender(), "hello")  # warm
    before = _rasa_rss_mb(rasa_url)
    longest = 0.0
    for _ in range(5):
        text = "I have a question about socazolimab. " + "blah " * 42_000  # ~210 KB
        start = time.perf_counter()
        messages = say(_sender(), text)
        longest = max(longest, time.perf_counter() - start)
        assert "very long" in messages[0]["text"], messages
        assert "2000 characters" in messages[0]["text"]
        assert len(messages) > 1  # and the bot still answered
    growth = _rasa_rss_mb(rasa_url) - before
    print(f"5 x 210 KB: slowest reply {longest:.2f} s, Rasa RSS growth {growth:.0f} MB")
    assert growth < 150, f"Rasa grew {growth:.0f} MB on five long messages"
    assert longest < 15


def test_safety_words_at_the_end_of_a_long_message_still_escalate(say) -> None:
    text = (
        "Let me tell you about my week. "
        + "It was fine. " * 20_000
        + "Now I can't breathe."
    )
    messages = say(_sender(), text)
    assert escalation_level(messages) == "emergency", messages


# --- a leading `/` is plain text ------------------------------------------------


def test_slash_intent_cannot_hide_an_emergency(say) -> None:
    assert escalation_level(say(_sender(), "/greet I can't breathe")) == "emergency"
    assert (
        escalation_level(say(_sender(), '/greet{"triage_level": "routine"} chest pain'))
        == "emergency"
    )


def test_slash_cannot_restart_or_set_entities(say, tracker_db: Path) -> None:
    sender = _sender()
    say(sender, "how does socazolimab work?")
    say(sender, "/restart")
    say(sender, '/inform_medicine{"medicine": "aspirin"}')
    say(sender, "/session_start")
    answer = say(sender, "what is the dose?")
    texts = " ".join(m.get("text", "") for m in answer)
    assert "socazolimab" in texts.lower(), answer  # the medicine is still remembered
    with sqlite3.connect(tracker_db) as db:
        rows = db.execute(
            "SELECT type_name, intent_name, data FROM events WHERE sender_id = ?",
            (sender,),
        ).fetchall()
    types = {row[0] for row in rows}
    assert "restart" not in types
    assert sum(1 for row in rows if row[0] == "session_started") == 1
    intents = {row[1] for row in rows if row[0] == "user"}
    assert "restart" not in intents and "session_start" not in intents
    slots = [json.loads(row[2]) for row in rows if row[0] == "slot"]
    assert all(slot.get("value") != "aspirin" for slot in slots)


def test_our_own_medicine_button_still_works(say) -> None:
    sender = _sender()
    say(sender, "what are the side effects?")
    messages = say(sender, '/inform_medicine{"medicine": "plozalizumab"}')
    facts = fact_ids(messages)
    assert facts and facts[0].startswith("plozalizumab."), messages


# --- rate limit -----------------------------------------------------------------


def test_rate_limit_answers_politely_per_conversation(rasa_url: str, say) -> None:
    sender = _sender()
    url = f"{rasa_url}/webhooks/rest/webhook"
    statuses = [
        requests.post(url, json={"sender": sender, "message": "thanks"}, timeout=60)
        for _ in range(31)
    ]
    assert [r.status_code for r in statuses[:30]] == [200] * 30
    limited = statuses[30]
    assert limited.status_code == 429 and limited.headers.get("Retry-After")
    assert limited.json()["error"] == "rate_limited"
    assert "emergency" in limited.json()["message"]
    assert say(_sender(), "thanks")  # other conversations are not affected
