"""The side-effect check (core/answers/side_effect_check.py)."""

import pytest

from core.answers.side_effect_check import side_effect_check_replies
from core.facts import FactStore


@pytest.mark.parametrize(
    "medicine, asked, words",
    [
        # Never less urgent than the symptom check's advice for the same sign.
        (
            "plozalizumab",
            "breathing problems",
            "trouble breathing, or blue or grey lips, call your local emergency "
            "number straight away",
        ),
        ("plozalizumab", "fever", "trial doctor or their 24-hour line straight away"),
        (
            "plozalizumab",
            "liver problems",
            "The source says to report this immediately",
        ),
        (
            "socazolimab",
            "colitis",
            "The source says these need prompt medical attention",
        ),
    ],
)
def test_the_side_effect_check_acts_as_urgently_as_source_and_symptom_check(
    store: FactStore,
    medicine: str,
    asked: str,
    words: str,
) -> None:
    from core.side_effects import asked_effects

    (reply,) = side_effect_check_replies(store.medicine(medicine), asked_effects(asked))
    assert words in reply.text
