"""The triage NLU component: overrides intents, tags levels, keeps questions calm."""

from typing import Any, Dict, List, Optional

import pytest
from rasa.shared.nlu.training_data.message import Message

from components.triage_component import SymptomTriageClassifier
from core import constants as c


@pytest.fixture(scope="module")
def component() -> SymptomTriageClassifier:
    return SymptomTriageClassifier()


def _message(text: str, ranking: List[str]) -> Message:
    intents = [
        {"name": name, "confidence": 0.9 - i * 0.1} for i, name in enumerate(ranking)
    ]
    data: Dict[str, Any] = {"text": text, "intent_ranking": intents, "entities": []}
    if intents:
        data["intent"] = intents[0]
    return Message(data=data)


def _entity(message: Message, name: str) -> Optional[str]:
    values = [e["value"] for e in message.get("entities") if e["entity"] == name]
    return values[0] if values else None


@pytest.mark.parametrize(
    "text, ranking, intent, level, category",
    [
        # The classifier is wrong or unsure: the symptom still escalates.
        (
            "I can't breathe",
            ["ask_mechanism"],
            c.INTENT_SYMPTOM_EMERGENCY,
            "emergency",
            "breathing",
        ),
        (
            "/greet I can't breathe",
            ["greet"],
            c.INTENT_SYMPTOM_EMERGENCY,
            "emergency",
            "breathing",
        ),
        (
            "i have a feaver",
            ["nlu_fallback", "ask_dose"],
            c.INTENT_SYMPTOM_URGENT,
            "urgent",
            "fever",
        ),
        (
            "I feel a bit tired",
            ["ask_side_effects_common"],
            c.INTENT_SYMPTOM_ROUTINE,
            "routine",
            "tiredness",
        ),
        # DIET thinks it's a symptom the rules don't know: escalate anyway.
        (
            "my arm went odd and cold",
            ["symptom_urgent", "ask_dose"],
            c.INTENT_SYMPTOM_URGENT,
            "urgent",
            c.TRIAGE_CATEGORY_UNCLASSIFIED,
        ),
    ],
)
def test_reported_symptoms_override_the_intent(
    component: SymptomTriageClassifier,
    text: str,
    ranking: List[str],
    intent: str,
    level: str,
    category: str,
) -> None:
    (message,) = component.process([_message(text, ranking)])
    assert message.get("intent")["name"] == intent
    assert message.get("intent")["confidence"] == 1.0
    assert message.get("intent_ranking")[0]["name"] == intent
    assert _entity(message, c.ENTITY_TRIAGE_LEVEL) == level
    assert _entity(message, c.ENTITY_TRIAGE_CATEGORY) == category


def test_low_confidence_symptom_guess_on_odd_text_is_ignored(
    component: SymptomTriageClassifier,
) -> None:
    message = _message("<script>alert(1)</script>", [])
    message.set(
        "intent_ranking",
        [
            {"name": "symptom_urgent", "confidence": 0.18},
            {"name": "greet", "confidence": 0.1},
        ],
    )
    message.set("intent", {"name": "nlu_fallback", "confidence": 0.5})
    (message,) = component.process([message])
    assert message.get("intent")["name"] == "nlu_fallback"
    assert _entity(message, c.ENTITY_TRIAGE_LEVEL) is None


def test_question_keeps_topic_intent_and_tags_education(
    component: SymptomTriageClassifier,
) -> None:
    (message,) = component.process(
        [_message("can it cause diarrhea?", ["ask_side_effects_common"])]
    )
    assert message.get("intent")["name"] == "ask_side_effects_common"
    assert _entity(message, c.ENTITY_TRIAGE_LEVEL) is None
    assert _entity(message, c.ENTITY_SYMPTOM_QUESTION) == "diarrhoea"


def test_classifier_symptom_guess_on_a_negation_falls_back_to_next_intent(
    component: SymptomTriageClassifier,
) -> None:
    (message,) = component.process(
        [_message("no fever at all", ["symptom_urgent", "deny"])]
    )
    assert message.get("intent")["name"] == "deny"
    assert _entity(message, c.ENTITY_TRIAGE_LEVEL) is None


def test_calm_message_is_untouched(component: SymptomTriageClassifier) -> None:
    (message,) = component.process(
        [_message("how does socazolimab work", ["ask_mechanism"])]
    )
    assert message.get("intent")["name"] == "ask_mechanism"
    assert message.get("entities") == []


def test_other_entities_are_kept(component: SymptomTriageClassifier) -> None:
    message = _message("chest pain after socazolimab", ["ask_side_effects_serious"])
    message.set("entities", [{"entity": "medicine", "value": "socazolimab"}])
    (message,) = component.process([message])
    assert [e["entity"] for e in message.get("entities")] == [
        "medicine",
        c.ENTITY_TRIAGE_LEVEL,
        c.ENTITY_TRIAGE_CATEGORY,
    ]


def test_triage_entities_point_at_the_symptom(
    component: SymptomTriageClassifier,
) -> None:
    text = "after lunch I started coughing up blood"
    (message,) = component.process([_message(text, ["greet"])])
    (level,) = [
        e for e in message.get("entities") if e["entity"] == c.ENTITY_TRIAGE_LEVEL
    ]
    assert text[level["start"] : level["end"]] == "coughing up blood"


# --- With the learned classifier (trained once on the generated corpus) -----------


@pytest.fixture(scope="module")
def with_model() -> SymptomTriageClassifier:
    from core.triage.classifier import default_model

    model = default_model()
    model.thresholds = SymptomTriageClassifier._thresholds(
        SymptomTriageClassifier.get_default_config()
    )
    return SymptomTriageClassifier(model=model)


def test_classifier_raises_a_message_the_rules_miss(
    with_model: SymptomTriageClassifier,
) -> None:
    # No rule knows "drowning"; the rules alone let it through.
    text = "I feel like I am drowning when I lie down"
    assert (
        SymptomTriageClassifier()
        .process([_message(text, ["greet"])])[0]
        .get("intent")["name"]
        == "greet"
    )
    (message,) = with_model.process([_message(text, ["greet"])])
    assert message.get("intent")["name"] in (
        c.INTENT_SYMPTOM_URGENT,
        c.INTENT_SYMPTOM_EMERGENCY,
    )
    assert _entity(message, c.ENTITY_TRIAGE_CATEGORY) == c.TRIAGE_CATEGORY_UNCLASSIFIED


def test_past_resolved_self_harm_gets_support_not_emergency(
    with_model: SymptomTriageClassifier,
) -> None:
    text = "I self harmed when I was a teenager, I'm doing well now"
    (message,) = with_model.process([_message(text, ["greet"])])
    assert message.get("intent")["name"] == c.INTENT_SELF_HARM_SUPPORT
    assert _entity(message, c.ENTITY_TRIAGE_LEVEL) is None


def test_a_symptom_guess_about_a_body_the_classifier_calls_calm_gets_the_safety_check(
    with_model: SymptomTriageClassifier,
) -> None:
    # DIET guesses a symptom; no rule matches; the message speaks of a body.
    (message,) = with_model.process(
        [_message("my legs feel strange in the drip room", ["symptom_urgent", "greet"])]
    )
    assert message.get("intent")["name"] in (
        c.INTENT_SAFETY_CHECK,
        c.INTENT_SYMPTOM_URGENT,
    )


@pytest.mark.parametrize(
    "text, guess",
    [
        ("is the drip room warm", "symptom_urgent"),
        ("and so how do they give it?", "symptom_emergency"),
        ("can I take it at home?", "symptom_emergency"),
        (
            "my wife finished her last cycle today, we're going out for dinner to "
            "celebrate",
            "symptom_emergency",
        ),
    ],
)
def test_no_escalation_or_check_without_a_bodily_or_mental_state(
    with_model: SymptomTriageClassifier,
    text: str,
    guess: str,
) -> None:
    # Neither DIET nor the classifier alone may raise a message that speaks of
    # no body and no mind: such confidence comes from shared frames.
    (message,) = with_model.process([_message(text, [guess, "ask_administration"])])
    assert message.get("intent")["name"] == "ask_administration"
    assert _entity(message, c.ENTITY_TRIAGE_LEVEL) is None


@pytest.mark.parametrize(
    "text",
    [
        "cancer's going to get me anyway so I might as well finish it myself",
        "if the scan is bad on friday I'm not sticking around, I've already decided "
        "how",
    ],
)
def test_indirect_self_harm_is_an_emergency(
    with_model: SymptomTriageClassifier, text: str
) -> None:
    (message,) = with_model.process([_message(text, ["ask_overview"])])
    assert message.get("intent")["name"] == c.INTENT_SYMPTOM_EMERGENCY
    assert _entity(message, c.ENTITY_TRIAGE_CATEGORY) == "self_harm"


def test_distress_that_may_be_about_ending_life_gets_the_check(
    with_model: SymptomTriageClassifier,
) -> None:
    text = "honestly i cant do this anymore"
    (rules_only,) = SymptomTriageClassifier().process(
        [_message(text, ["ask_overview"])]
    )
    assert rules_only.get("intent")["name"] == c.INTENT_SAFETY_CHECK
    # The classifier may raise it further, never lower it to a plain answer.
    (message,) = with_model.process([_message(text, ["ask_overview"])])
    assert message.get("intent")["name"] in (
        c.INTENT_SAFETY_CHECK,
        c.INTENT_SYMPTOM_EMERGENCY,
    )


def test_normal_state_with_a_symptom_guess_is_asked_not_escalated(
    with_model: SymptomTriageClassifier,
) -> None:
    # DIET guesses an emergency; the classifier reads a normal state: ask.
    (message,) = with_model.process(
        [_message("my breathing's fine today", ["symptom_emergency", "greet"])]
    )
    assert message.get("intent")["name"] == c.INTENT_SAFETY_CHECK
    assert _entity(message, c.ENTITY_TRIAGE_LEVEL) is None


def test_fingerprint_changes_when_staff_add_a_written_message(tmp_path) -> None:
    # Rasa caches trained components by fingerprint: a new labelled message must
    # retrain.
    (tmp_path / "clinic.yml").write_text(
        "cases:\n  - {text: 'lips blue', level: emergency}\n"
    )
    config = {"written_messages": str(tmp_path)}
    before = SymptomTriageClassifier.fingerprint_addon(config)
    assert SymptomTriageClassifier.fingerprint_addon(config) == before
    (tmp_path / "clinic.yml").write_text(
        "cases:\n  - {text: 'lips blue', level: emergency}\n"
        "  - {text: 'fine now', level: calm}\n"
    )
    assert SymptomTriageClassifier.fingerprint_addon(config) != before
