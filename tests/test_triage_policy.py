"""The triage decision for one message (`core/triage/policy.py`), from its readings."""

from typing import Any, Dict, Optional, Tuple

import pytest

from core import constants as c
from core.triage.categories import SELF_HARM, SELF_HARM_HISTORY, SELF_HARM_POSSIBLE
from core.triage.findings import Assessment, Finding
from core.triage.levels import CALM, EMERGENCY, URGENT
from core.triage.policy import DietGuess, Readings, TriageDecision, decide
from core.triage.verdict import Verdict

TEXT_LENGTH = 40
UNSURE = 0.25
FEVER_REPORTED = Finding("fever", URGENT, "a fever", False, False, 5, 12)
FEVER_ASKED = Finding("fever", URGENT, "a fever", False, True, 20, 27)
RASH_DENIED = Finding("rash", URGENT, "no rash", True, False, 0, 7)
HISTORY = Finding(SELF_HARM_HISTORY, CALM, "cut myself", False, False, 0, 40, True)
POSSIBLE = Finding(SELF_HARM_POSSIBLE, CALM, "can't go on", False, False, 0, 40)

ESCALATED = Assessment(URGENT, "fever", (FEVER_REPORTED,), ())
NOTHING = Assessment(CALM, None, (), ())
DENIED = Assessment(CALM, None, (RASH_DENIED,), ())
ASKED = Assessment(CALM, None, (FEVER_ASKED,), ("fever", "rash"))
PAST_SELF_HARM = Assessment(CALM, SELF_HARM_HISTORY, (HISTORY,), ())
MAYBE_SELF_HARM = Assessment(CALM, None, (POSSIBLE,), ())

DIET_URGENT = DietGuess(c.INTENT_SYMPTOM_URGENT, 0.9)
DIET_UNSURE_URGENT = DietGuess(c.INTENT_SYMPTOM_URGENT, 0.3)
DIET_QUESTION = DietGuess("ask_side_effects", 0.9)
DIET_SELF_HARM_SUPPORT = DietGuess(c.INTENT_SELF_HARM_SUPPORT, 0.9)


def _readings(
    assessment: Assessment,
    verdict: Optional[Verdict] = None,
    state: bool = True,
    diet: DietGuess = DietGuess(),
    classifier: bool = True,
) -> Readings:
    rules_level = assessment.level if assessment.escalates else None
    rules_category = assessment.category if assessment.escalates else None
    return Readings(
        assessment=assessment,
        verdict=verdict or Verdict(rules_level, rules_category, 0.0),
        state=state,
        diet=diet,
        min_confidence=0.5,
        unsure_threshold=UNSURE if classifier else None,
        text_length=TEXT_LENGTH,
    )


WHOLE = (0, TEXT_LENGTH)
# (readings, expected decision fields): level, category, intent, drop DIET's guess.
CASES: Dict[str, Tuple[Readings, Tuple[Any, ...]]] = {
    "the rules escalate": (
        _readings(ESCALATED),
        (URGENT, "fever", c.INTENT_SYMPTOM_URGENT, False),
    ),
    "nothing read": (_readings(NOTHING), (None, None, None, False)),
    "the classifier raises what the rules miss": (
        _readings(NOTHING, Verdict(URGENT, c.TRIAGE_CATEGORY_UNCLASSIFIED, 0.8)),
        (URGENT, c.TRIAGE_CATEGORY_UNCLASSIFIED, c.INTENT_SYMPTOM_URGENT, False),
    ),
    "DIET alone escalates without a classifier": (
        _readings(NOTHING, diet=DIET_URGENT, classifier=False),
        (URGENT, c.TRIAGE_CATEGORY_UNCLASSIFIED, c.INTENT_SYMPTOM_URGENT, False),
    ),
    "DIET escalates when the classifier does not call it calm": (
        _readings(NOTHING, Verdict(None, None, 0.3), diet=DIET_URGENT),
        (URGENT, c.TRIAGE_CATEGORY_UNCLASSIFIED, c.INTENT_SYMPTOM_URGENT, False),
    ),
    "DIET against a calm classifier: ask": (
        _readings(NOTHING, Verdict(None, None, 0.1), diet=DIET_URGENT),
        (None, None, c.INTENT_SAFETY_CHECK, False),
    ),
    "DIET below its confidence is not heard": (
        _readings(NOTHING, diet=DIET_UNSURE_URGENT),
        (None, None, None, False),
    ),
    "DIET without a state word gives way": (
        _readings(NOTHING, diet=DIET_URGENT, state=False, classifier=False),
        (None, None, None, True),
    ),
    "the rules read a denial: DIET's symptom gives way": (
        _readings(DENIED, diet=DIET_URGENT, classifier=False),
        (None, None, None, True),
    ),
    "the rules judged calm: no safety check for the classifier's doubt": (
        _readings(DENIED, Verdict(None, None, 0.6)),
        (None, None, None, False),
    ),
    "the classifier unsure: ask": (
        _readings(NOTHING, Verdict(None, None, 0.3)),
        (None, None, c.INTENT_SAFETY_CHECK, False),
    ),
    "the classifier unsure without a state word: nothing": (
        _readings(NOTHING, Verdict(None, None, 0.3), state=False),
        (None, None, None, False),
    ),
    "a question for DIET is not a symptom": (
        _readings(NOTHING, diet=DIET_QUESTION),
        (None, None, None, False),
    ),
    "DIET reads self-harm history the rules did not: ask": (
        _readings(NOTHING, diet=DIET_SELF_HARM_SUPPORT),
        (None, None, c.INTENT_SAFETY_CHECK, False),
    ),
    "past self-harm: the gentle reply": (
        _readings(PAST_SELF_HARM, diet=DIET_SELF_HARM_SUPPORT),
        (None, None, c.INTENT_SELF_HARM_SUPPORT, False),
    ),
    "past self-harm wins over DIET's symptom": (
        _readings(PAST_SELF_HARM, diet=DIET_URGENT, state=False),
        (None, None, c.INTENT_SELF_HARM_SUPPORT, False),
    ),
    "words that may be about self-harm: ask": (
        _readings(MAYBE_SELF_HARM),
        (None, None, c.INTENT_SAFETY_CHECK, False),
    ),
    "the self-harm reading unsure and an urgent classifier: ask": (
        _readings(NOTHING, Verdict(URGENT, c.TRIAGE_CATEGORY_UNCLASSIFIED, 0.8, True)),
        (None, None, c.INTENT_SAFETY_CHECK, False),
    ),
    "the self-harm reading with the classifier's emergency: the self-harm reply": (
        _readings(
            NOTHING, Verdict(EMERGENCY, c.TRIAGE_CATEGORY_UNCLASSIFIED, 0.99, True)
        ),
        (EMERGENCY, SELF_HARM, c.INTENT_SYMPTOM_EMERGENCY, False),
    ),
    "the self-harm reading never lowers the rules' escalation": (
        _readings(ESCALATED, Verdict(URGENT, "fever", 0.8, True)),
        (URGENT, "fever", c.INTENT_SYMPTOM_URGENT, False),
    ),
}


@pytest.mark.parametrize("readings, expected", CASES.values(), ids=list(CASES))
def test_the_decision_table(readings: Readings, expected: Tuple[Any, ...]) -> None:
    decision = decide(readings)
    got = (
        decision.level,
        decision.category,
        decision.intent,
        decision.drop_symptom_guess,
    )
    assert got == expected


@pytest.mark.parametrize(
    "readings, span",
    [
        (_readings(ESCALATED), (5, 12)),  # the reported finding
        (_readings(NOTHING, Verdict(URGENT, "unclassified", 0.8)), WHOLE),
    ],
)
def test_the_level_points_at_its_finding_or_the_whole_message(
    readings: Readings, span: Tuple[int, int]
) -> None:
    assert decide(readings).span == span


def test_categories_asked_about_point_where_they_were_asked() -> None:
    decision = decide(_readings(ASKED))
    assert decision.questions == (("fever", (20, 27)), ("rash", WHOLE))
    assert decision.intent is None


@pytest.mark.parametrize(
    "decision_fields, intent",
    [
        ((URGENT, "fever", False, False), c.INTENT_SYMPTOM_URGENT),
        ((None, None, False, True), c.INTENT_SELF_HARM_SUPPORT),
        ((None, None, True, False), c.INTENT_SAFETY_CHECK),
        ((None, None, False, False), None),
    ],
)
def test_the_intent_a_decision_sets(
    decision_fields: Tuple[Any, ...], intent: Optional[str]
) -> None:
    level, category, unsure, support = decision_fields
    decision = TriageDecision(level, category, unsure, support, False, WHOLE, ())
    assert decision.intent == intent


@pytest.mark.parametrize(
    "guess, level",
    [
        (DIET_URGENT, URGENT),
        (DIET_UNSURE_URGENT, None),
        (DIET_QUESTION, None),
        (DietGuess(), None),
    ],
)
def test_diet_names_a_level_only_for_a_sure_symptom_intent(
    guess: DietGuess, level: Optional[str]
) -> None:
    assert guess.level(0.5) == level
