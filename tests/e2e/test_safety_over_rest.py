"""Disclaimer and triage end to end: trained model, real servers, REST channel."""

import uuid
from typing import Any, Dict, List

import pytest

from channels.session_ids import key_from_settings, public_ref
from core.settings import get_settings
from escalation.store import EscalationStore

pytestmark = pytest.mark.e2e


def _sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"


def _escalations(messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [
        m["custom"]["escalation"]
        for m in messages
        if "escalation" in m.get("custom", {})
    ]


def test_new_conversation_starts_with_the_disclaimer(say) -> None:
    messages = say(_sender(), "how does socazolimab work?")
    assert "medical advice" in messages[0]["text"]
    assert any("PD-L1" in m.get("text", "") for m in messages[1:])


def test_disclaimer_is_shown_once_per_session(say) -> None:
    sender = _sender()
    say(sender, "how does socazolimab work?")
    again = say(sender, "and the socazolimab dose, how much is it?")
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
def test_symptoms_escalate_first_with_payload(
    say, message: str, level: str, category: str
) -> None:
    sender = _sender()
    say(sender, "hello")  # the session (and its disclaimer) has started
    messages = say(sender, message)
    # The escalation text is the first reply, its payload the second.
    assert "medical advice" in messages[0]["text"]
    escalation = messages[1]["custom"]["escalation"]
    assert (escalation["level"], escalation["category"]) == (level, category)
    if level == "emergency":
        assert "emergency number" in messages[0]["text"]


def _ref(sender: str) -> str:
    """How records name a conversation: its public reference, not the sender id."""
    return public_ref(key_from_settings(get_settings()), sender)


def test_emergency_and_urgent_are_recorded(say, escalation_db_url: str) -> None:
    sender = _sender()
    say(sender, "my lips are turning blue")
    say(sender, "I have a fever")
    say(sender, "mild nausea today")
    rows = [
        r
        for r in EscalationStore(escalation_db_url).recent()
        if r.conversation_id == _ref(sender)
    ]
    assert sorted((r.level, r.category) for r in rows) == [
        ("emergency", "breathing"),
        ("urgent", "fever"),
    ]


def test_question_about_a_symptom_is_education(say) -> None:
    messages = say(_sender(), "can socazolimab cause diarrhea?")
    assert _escalations(messages) == []
    texts = " ".join(m.get("text", "") for m in messages)
    assert "diarrhea" in texts and "When to get help" in texts


def test_negation_is_calm_and_the_question_is_answered(say) -> None:
    messages = say(
        _sender(), "I don't have a fever. How often does one get socazolimab?"
    )
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


# Words no rule lists: the self-harm detector's constructs (C-SSRS) and the
# learned classifier have to carry them.
UNLISTED_EMERGENCIES = [
    ("I've been saving up my pills so I can take them all", "self_harm"),
    ("my family would be better off if I wasn't here", "self_harm"),
    ("I can't catch my breath even lying down", None),
]


@pytest.mark.parametrize("message, category", UNLISTED_EMERGENCIES)
def test_unlisted_self_harm_and_breathlessness_at_rest_are_emergencies(
    say, message: str, category: str
) -> None:
    sender = _sender()
    say(sender, "hello")
    messages = say(sender, message)
    (escalation,) = _escalations(messages)
    assert escalation["level"] == "emergency"
    if category:
        assert escalation["category"] == category
        assert "crisis line" in messages[0]["text"]
    assert "emergency number" in messages[0]["text"]


def test_past_resolved_self_harm_gets_a_gentle_reply(say) -> None:
    sender = _sender()
    say(sender, "hello")
    messages = say(sender, "I used to self harm as a teenager, I'm doing well now")
    assert not _escalations(messages)
    assert any("crisis line" in m.get("text", "") for m in messages)


def test_safety_check_buttons_answer_at_their_level(
    say, escalation_db_url: str
) -> None:
    sender = _sender()
    say(sender, "hello")
    check = say(sender, "I don't feel right")
    (buttons,) = [m["buttons"] for m in check if m.get("buttons")]
    by_title = {b["title"]: b["payload"] for b in buttons}
    assert set(by_title) >= {
        "Trouble breathing",
        "Chest pain",
        "Thoughts of harming myself",
        "Fever or shivering",
        "None of these",
    }
    chest = say(sender, by_title["Chest pain"])
    assert _escalations(chest)[0] == {
        "level": "emergency",
        "category": "chest_pain",
        "action": "call_emergency_services",
    }
    fever = say(sender, by_title["Fever or shivering"])
    assert _escalations(fever)[0]["level"] == "urgent"
    calm = say(sender, by_title["None of these"])
    assert not _escalations(calm)
    levels = [
        r.level
        for r in EscalationStore(escalation_db_url).recent()
        if r.conversation_id == _ref(sender)
    ]
    assert sorted(levels) == ["emergency", "urgent"]


def test_rephrase_reply_says_what_to_do_about_a_symptom_now(say) -> None:
    sender = _sender()
    say(sender, "hello")
    messages = say(sender, "qwzx plonk vrr")
    assert any("symptom you have now" in m.get("text", "") for m in messages), messages


def test_a_side_effect_question_asked_with_an_urgent_symptom_is_answered_after_it(
    say,
) -> None:
    messages = say(
        _sender(),
        "my wife has had a rash all over since yesterday, "
        "could that be from plozalizumab?",
    )
    escalation = next(
        i for i, m in enumerate(messages) if "escalation" in m.get("custom", {})
    )
    assert messages[escalation]["custom"]["escalation"]["level"] == "urgent"
    (after,) = [
        i for i, m in enumerate(messages) if "side_effect_check" in m.get("custom", {})
    ]
    assert after > escalation  # the escalation comes first
    # Rasa's REST channel sends a reply's text (by paragraph), then its custom payload.
    texts = [m.get("text", "") for m in messages[escalation + 1 : after]]
    assert any(t.startswith("About your question") for t in texts), texts
    assert messages[after]["custom"]["side_effect_check"]["medicine"] == "plozalizumab"
