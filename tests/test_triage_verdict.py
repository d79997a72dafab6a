"""Where the rules and the classifier meet: `combine` and its `Verdict`."""

from typing import Dict, Sequence, Tuple

import pytest

from core.constants import TRIAGE_CATEGORY_UNCLASSIFIED
from core.triage.detector import SymptomDetector
from core.triage.levels import CALM, EMERGENCY, URGENT
from core.triage.verdict import combine
from tests.test_triage_classifier import FixedModel, _p


@pytest.fixture(scope="module")
def detector() -> SymptomDetector:
    return SymptomDetector()


def test_combine_keeps_the_rules_when_the_classifier_is_calm(
    detector: SymptomDetector,
) -> None:
    text = "I can't breathe"
    verdict = combine(detector.assess(text), FixedModel(_p()), text)
    assert (verdict.level, verdict.category) == (EMERGENCY, "breathing")
    assert verdict.symptom_probability == 0.0


def test_combine_never_lowers_the_rules(detector: SymptomDetector) -> None:
    text = "I can't breathe"
    assert (
        combine(detector.assess(text), FixedModel(_p(urgent=0.9)), text).level
        == EMERGENCY
    )


def test_combine_raises_what_the_rules_miss_as_unclassified(
    detector: SymptomDetector,
) -> None:
    text = "everything feels wrong in a way I can't name"
    assessment = detector.assess(text)
    assert not assessment.escalates
    verdict = combine(assessment, FixedModel(_p(emergency=0.95)), text)
    assert (verdict.level, verdict.category) == (
        EMERGENCY,
        TRIAGE_CATEGORY_UNCLASSIFIED,
    )
    assert verdict.symptom_probability == pytest.approx(0.95)


@pytest.mark.parametrize(
    "p, level",
    [
        (
            _p(emergency=0.5),
            None,
        ),  # unclear: no level, the component asks the safety check
        (_p(emergency=0.8), None),  # still under the bar (0.9)
        (
            _p(emergency=0.5, urgent=0.45),
            URGENT,
        ),  # an urgent reading near certain stands
    ],
)
def test_the_classifier_alone_is_not_sure_enough_for_an_emergency_below_its_bar(
    detector: SymptomDetector,
    p: Dict[str, float],
    level: str,
) -> None:
    text = "everything feels wrong in a way I can't name"
    verdict = combine(detector.assess(text), FixedModel(p), text)
    assert verdict.level == level and verdict.symptom_probability >= 0.5


def test_no_level_from_the_classifier_alone_without_evidence(
    detector: SymptomDetector,
) -> None:
    text = "and how do they give it?"
    verdict = combine(
        detector.assess(text), FixedModel(_p(emergency=0.99)), text, evidence=False
    )
    assert verdict.level is None


def test_combine_without_a_model_is_the_rules_alone(detector: SymptomDetector) -> None:
    assert (
        combine(detector.assess("what is the dose"), None, "what is the dose").level
        is None
    )


def test_a_question_about_an_unheard_of_medicine_is_not_escalated_for_its_name() -> (
    None
):
    from core.triage.classifier import default_model

    model = default_model()
    text = "in a nutshell, what is quorvatinib, and how is it given?"
    start = text.index("quorvatinib")
    level, _ = model.level_of(
        model.probabilities(text, [(start, start + len("quorvatinib"))])
    )
    assert level == CALM


class SelfHarmReading(FixedModel):
    """Fixed probabilities plus a fixed self-harm reading."""

    def __init__(self, self_harm: float) -> None:
        super().__init__(_p())
        self._self_harm = self_harm

    def self_harm_probability(
        self, text: str, spans: Sequence[Tuple[int, int]] = ()
    ) -> float:
        return self._self_harm


def test_the_self_harm_reading_asks_with_the_crisis_line_and_never_calls_an_emergency(
    detector: SymptomDetector,
) -> None:
    text = "left everything tidy for them, nothing more to sort now"
    assessment = detector.assess(text)
    sure = combine(assessment, SelfHarmReading(0.99), text, evidence=False)
    assert sure.self_harm_possible and sure.level is None
    assert not combine(assessment, SelfHarmReading(0.5), text).self_harm_possible


@pytest.mark.parametrize(
    "text",
    [
        "i'm not suicidal, just worn out by the drips",  # a denial
        "years ago i took an overdose, i've been well for a decade",  # a past episode
        "can socazolimab cause suicidal thoughts",  # a question about it
    ],
)
def test_the_rules_reading_of_denials_history_and_questions_wins(
    detector: SymptomDetector, text: str
) -> None:
    verdict = combine(detector.assess(text), SelfHarmReading(0.99), text)
    assert not verdict.self_harm_possible
