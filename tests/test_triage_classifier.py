"""The learned triage classifier: thresholds, storage, names, the self-harm reading."""

from pathlib import Path
from typing import Dict, Sequence, Tuple

import pytest

from core.triage.classifier import Thresholds, TriageModel
from core.triage.levels import CALM, EMERGENCY, ROUTINE, URGENT


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


def test_a_model_saved_before_the_triage_package_loads(tmp_path: Path) -> None:
    """A model file names its classes by module: the former `core.triage_model`
    still loads, as the same classes."""
    import pickle

    from sklearn.dummy import DummyClassifier

    pipeline = DummyClassifier().fit(["a", "b"], [CALM, URGENT])
    thresholds = Thresholds(urgent=0.5)
    data = {"pipeline": pipeline, "thresholds": thresholds, "names": ("zedumab",)}
    # Protocol 0 writes each class as "module\nname\n": the old name fits in.
    saved = pickle.dumps(data, protocol=0).replace(
        b"core.triage.classifier\n", b"core.triage_model\n"
    )
    assert b"core.triage_model\n" in saved
    path = tmp_path / "triage_model.pkl"
    path.write_bytes(saved)
    model = TriageModel.load(path)
    assert model.thresholds == thresholds
    assert model.names == ("zedumab",)
