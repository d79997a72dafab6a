"""The learned triage classifier: thresholds, combination with the rules, storage."""

from pathlib import Path
from typing import Dict, Sequence, Tuple

import pytest

from core.constants import TRIAGE_CATEGORY_UNCLASSIFIED
from core.triage.detector import SymptomDetector
from core.triage.levels import CALM, EMERGENCY, ROUTINE, URGENT
from core.triage.classifier import Thresholds, TriageModel
from core.triage.verdict import combine


class FixedModel(TriageModel):
    """The real threshold logic over fixed probabilities (no training)."""

    def __init__(
        self, probabilities: Dict[str, float], thresholds: Thresholds = Thresholds()
    ) -> None:
        self._fixed = probabilities
        self.thresholds = thresholds
        self._classes = list(probabilities)

    def probabilities(
        self, text: str, spans: Sequence[Tuple[int, int]] = ()
    ) -> Dict[str, float]:
        return dict(self._fixed)


def _p(
    emergency: float = 0.0, urgent: float = 0.0, routine: float = 0.0
) -> Dict[str, float]:
    return {
        EMERGENCY: emergency,
        URGENT: urgent,
        ROUTINE: routine,
        CALM: 1.0 - emergency - urgent - routine,
    }


@pytest.mark.parametrize(
    "p, judged_calm, level",
    [
        (_p(emergency=0.4), False, EMERGENCY),
        (
            _p(emergency=0.4),
            True,
            CALM,
        ),  # after the rules read it calm: 0.85 / 0.9 needed
        (_p(emergency=0.25, urgent=0.25), False, URGENT),  # together they clear urgent
        (_p(emergency=0.25, urgent=0.25), True, CALM),
        (
            _p(emergency=0.96),
            True,
            EMERGENCY,
        ),  # 0.95 to overrule the rules' calm reading
        (_p(emergency=0.9, urgent=0.05), True, URGENT),
        (_p(routine=0.6), False, ROUTINE),
        (
            _p(routine=0.6),
            True,
            CALM,
        ),  # routine never overrules the rules' calm reading
        (_p(urgent=0.1), False, CALM),
    ],
)
def test_level_of_applies_the_thresholds(
    p: Dict[str, float], judged_calm: bool, level: str
) -> None:
    assert FixedModel(p).level_of(p, judged_calm)[0] == level


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


def test_a_trained_model_round_trips_through_a_file(tmp_path: Path) -> None:
    corpus = [
        ("can't breathe", EMERGENCY),
        ("lips blue", EMERGENCY),
        ("fever 39", URGENT),
        ("temperature of 38.5", URGENT),
        ("bit tired", ROUTINE),
        ("mild rash", ROUTINE),
        ("what is the dose", CALM),
        ("how is it given", CALM),
    ] * 3
    model = TriageModel.train(corpus, Thresholds(emergency=0.3))
    model.save(tmp_path / "m.pkl")
    loaded = TriageModel.load(tmp_path / "m.pkl")
    assert loaded.thresholds == Thresholds(emergency=0.3)
    text = "can't breathe, lips blue"
    assert loaded.probabilities(text) == pytest.approx(model.probabilities(text))
    assert max(loaded.probabilities(text).items(), key=lambda kv: kv[1])[0] == EMERGENCY


def test_medicine_names_read_as_the_medicine_known_or_found() -> None:
    from core.constants import MEDICINE_PLACEHOLDER
    from core.triage.classifier import TriageModel

    model = TriageModel.train(
        [("what is socazolimab", CALM), ("I can't breathe", EMERGENCY)] * 3,
        names=["socazolimab", "MLN1202"],
    )
    assert model.prepare("is MLN1202 safe") == f"is {MEDICINE_PLACEHOLDER} safe"
    # A name the model never heard of, marked by the medicine extractor (a new
    # fact file, a typo), reads the same as a known one.
    text = "what is zorbitamb exactly"
    start = text.index("zorbitamb")
    assert (
        model.prepare(text, [(start, start + 9)])
        == f"what is {MEDICINE_PLACEHOLDER} exactly"
    )
    assert model.probabilities(text, [(start, start + 9)]) == model.probabilities(
        "what is socazolimab exactly"
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


def test_the_self_harm_reading_learns_statements_from_their_calm_twins() -> None:
    from core.triage.classifier import SelfHarmModel

    corpus = [
        (t, True)
        for t in (
            "no reason to keep going, sorted how i'll do it",
            "ready to end it all tonight",
            "im going to kill myself",
            "nobody will miss me when im gone for good",
        )
    ] + [
        (t, False)
        for t in (
            "dying to know the results",
            "this queue is killing me",
            "how is it given",
            "end of treatment party tonight",
            "good to go for the next dose",
        )
    ]
    model = SelfHarmModel.train(corpus)
    assert model.probability(
        "ready to end it all for good tonight"
    ) > model.probability("ready for the end of treatment party")
