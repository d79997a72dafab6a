"""Reading a turn once (core/answers/reading.py)."""

from typing import Dict, List, Sequence

import pytest

from core import constants as c
from core.answers.reading import (
    as_the_medicine,
    comparison_topic,
    covered_named,
    effects_asked,
    intent_confidences,
    ranked_intents,
    read,
)
from core.answers.types import Turn
from core.facts import FactStore


@pytest.mark.parametrize(
    "ranking, intents, confidences",
    [
        ([], [], {}),
        (
            [
                {"name": "nlu_fallback", "confidence": 0.9},
                {"name": "ask_dose", "confidence": 0.4},
                {"name": "ask_dose", "confidence": 0.1},
                {"name": "ask_schedule", "confidence": None},
            ],
            ["ask_dose", "ask_schedule"],
            {"ask_dose": 0.4, "ask_schedule": 0.0},
        ),
    ],
)
def test_the_intent_ranking_without_the_fallback(
    ranking: List[Dict[str, object]],
    intents: List[str],
    confidences: Dict[str, float],
) -> None:
    assert ranked_intents(ranking) == intents
    assert intent_confidences(ranking) == confidences


@pytest.mark.parametrize(
    "text, compared, topic",
    [
        ("is it like chemo?", ["chemotherapy"], c.TOPIC_DRUG_CLASS),
        ("is it like keytruda?", ["keytruda"], c.TOPIC_MECHANISM),
        ("like chemo or keytruda?", ["chemotherapy", "keytruda"], c.TOPIC_MECHANISM),
    ],
)
def test_a_comparison_asks_what_ours_is_or_how_it_works(
    text: str, compared: Sequence[str], topic: str
) -> None:
    assert comparison_topic(text, compared) == topic


def test_names_become_the_medicine(store: FactStore) -> None:
    assert as_the_medicine(store, "is this from socazolimab?") == (
        f"is this from {c.MEDICINE_PLACEHOLDER}?"
    )
    assert covered_named(store, ["aspirin", "socazolimab", "socazolimab"]) == (
        "socazolimab",
    )
    assert effects_asked("does it cause a rash?")
    assert effects_asked("I have a rash") == []


def test_a_reading_of_a_turn(store: FactStore) -> None:
    turn = Turn(
        intent=c.INTENT_INFORM_MEDICINE,
        other_medicines=["keytruda"],
        slot_medicine="plozalizumab",
        text="is it like keytruda? and how is it given",
        intent_ranking=[c.INTENT_ASK_DOSE],
    )
    reading = read(store, turn)
    assert reading.named == ()
    assert reading.in_play is store.medicine("plozalizumab")
    assert reading.names_only and reading.intent_topic is None
    assert reading.guess == c.TOPIC_DOSE
    assert reading.compared == ("keytruda",)
    assert reading.asked_for == [c.TOPIC_MECHANISM]
    assert reading.parts == ("is it like keytruda", "how is it given")


def test_nothing_is_compared_with_no_medicine_in_play(store: FactStore) -> None:
    turn = Turn(intent=None, other_medicines=["keytruda"], text="like keytruda?")
    reading = read(store, turn)
    assert reading.in_play is None and reading.compared == ()
    assert reading.uncovered == ()


def test_the_fallback_may_read_a_text_apart_from_the_turn(store: FactStore) -> None:
    reading = read(store, Turn(intent=None), text="how does it work? and the dose")
    assert reading.text == "how does it work? and the dose"
    assert len(reading.parts) == 2
