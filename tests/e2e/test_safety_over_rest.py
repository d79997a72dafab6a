"""Disclaimer and triage end to end: trained model, real servers, REST channel."""

import uuid
from typing import Any, Dict, List

import pytest

from actions.escalations import EscalationStore

pytestmark = pytest.mark.e2e


def _sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"


def _escalations(messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [m["custom"]["escalation"] for m in messages if "escalation" in m.get("custom", {})]


def test_new_conversation_starts_with_the_disclaimer(say) -> None:
    messages = say(_sender(), "how does socazolimab work?")
    assert "medical advice" in messages[0]["text"]
    assert any("PD-L1" in m.get("text", "") for m in messages[1:])


def test_disclaimer_is_shown_once_per_session(say) -> None:
    sender = _sender()
    say(sender, "how does socazolimab work?")
    again = say(sender, "what is the dose of socazolimab?")
    assert not any("substitute for professional" in m.get("text", "") for m in again)


@pytest.mark.parametrize(
    "message, level, category",
    [
        ("I can't breathe", "emergency", "breathing"),
        ("my husband collapsed", "emergency", "collapse"),
        ("chest pian", "emergency", "chest_pain"),
        ("i have a feaver of 38.5", "urgent", "fever"),
        ("my eyes look yelow", "urgent", "liver"),
        ("I feel a bit tired", "routine", "tiredness"),
    ],
)
def test_symptoms_escalate_first_with_payload(say, message: str, level: str, category: str) -> None:
    sender = _sender()
    say(sender, "hello")  # the session (and its disclaimer) has started
    messages = say(sender, message)
    # The escalation text is the first reply, its payload the second.
    assert "medical advice" in messages[0]["text"]
    escalation = messages[1]["custom"]["escalation"]
    assert (escalation["level"], escalation["category"]) == (level, category)
    if level == "emergency":
        assert "emergency number" in messages[0]["text"]


def test_emergency_and_urgent_are_recorded(say, escalation_db_url: str) -> None:
    sender = _sender()
    say(sender, "my lips are turning blue")
    say(sender, "I have a fever")
    say(sender, "mild nausea today")
    rows = [r for r in EscalationStore(escalation_db_url).recent() if r.conversation_id == sender]
    assert sorted((r.level, r.category) for r in rows) == [
        ("emergency", "breathing"), ("urgent", "fever"),
    ]


def test_question_about_a_symptom_is_education(say) -> None:
    messages = say(_sender(), "can socazolimab cause diarrhea?")
    assert _escalations(messages) == []
    texts = " ".join(m.get("text", "") for m in messages)
    assert "diarrhea" in texts and "When to get help" in texts


def test_negation_is_calm_and_the_question_is_answered(say) -> None:
    messages = say(_sender(), "I don't have a fever. How often is socazolimab given?")
    assert _escalations(messages) == []
    assert any("every two or three weeks" in m.get("text", "") for m in messages)


def test_conversation_goes_on_after_an_escalation(say) -> None:
    sender = _sender()
    say(sender, "I have a fever")
    messages = say(sender, "how is plozalizumab given?")
    assert _escalations(messages) == []
    assert any(
        m.get("custom", {}).get("fact", {}).get("id") == "plozalizumab.administration"
        for m in messages
    )
