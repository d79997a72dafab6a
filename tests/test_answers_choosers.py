"""The topic choice of each kind of question (core/answers/choosers.py)."""

from typing import List, Optional

import pytest

from core import constants as c
from core.answers import topic as t
from core.answers.choosers import (
    choose_for_question,
    choose_for_uncovered,
    choose_for_unsure,
    first_choice,
)
from core.answers.reading import Reading, read
from core.answers.topic import TopicChoice, choice
from core.answers.types import Turn
from core.facts import FactStore


@pytest.fixture(scope="module")
def retriever(store: FactStore):
    from core.retrieval import build_retriever
    from core.settings import PROJECT_ROOT

    return build_retriever(store, PROJECT_ROOT / "data" / "nlu")


def test_the_first_choice_made_stands(store: FactStore) -> None:
    reading = read(store, Turn(intent=None))
    asked: List[str] = []

    def none(reading: Reading) -> Optional[TopicChoice]:
        asked.append("none")
        return None

    def dose(reading: Reading) -> Optional[TopicChoice]:
        asked.append("dose")
        return choice("dose", t.FORM)

    otherwise = choice(None, t.NOTHING)
    assert first_choice(reading, (none, dose, none), otherwise).topic == "dose"
    assert asked == ["none", "dose"]
    assert first_choice(reading, (none,), otherwise) is otherwise


@pytest.mark.parametrize(
    "turn, reason, topic",
    [
        (Turn(c.INTENT_ASK_MECHANISM, ["socazolimab"]), t.CLASSIFIER, "mechanism"),
        (Turn(c.INTENT_INFORM_MEDICINE, ["socazolimab"]), t.FOLLOW_UP, None),
        (
            Turn(
                c.INTENT_ASK_OVERVIEW,
                ["socazolimab"],
                other_medicines=["keytruda"],
                text="socazolimab vs keytruda",
            ),
            t.COMPARISON,
            "mechanism",
        ),
    ],
)
def test_a_topic_question(
    store: FactStore, turn: Turn, reason: str, topic: Optional[str]
) -> None:
    chosen = choose_for_question(read(store, turn))
    assert (chosen.reason, chosen.topic) == (reason, topic)


@pytest.mark.parametrize(
    "turn, reason",
    [
        (
            Turn(c.INTENT_NLU_FALLBACK, slot_medicine="socazolimab", text="blah"),
            t.NO_MEDICINE,
        ),
        (
            Turn(
                c.INTENT_NLU_FALLBACK,
                ["socazolimab"],
                text="could socazolimab cause a rash on my arms?",
            ),
            t.SIDE_EFFECT_CHECK,
        ),
    ],
)
def test_an_unsure_question(
    store: FactStore, retriever, turn: Turn, reason: str
) -> None:
    assert choose_for_unsure(read(store, turn, retriever)).reason == reason


@pytest.mark.parametrize(
    "turn, reason",
    [
        (Turn(c.INTENT_ASK_UNCOVERED_TOPIC, text="can I drink wine"), t.NO_MEDICINE),
        (
            Turn(
                c.INTENT_ASK_UNCOVERED_TOPIC, ["socazolimab"], text="can I drink wine"
            ),
            t.NOT_COVERED,
        ),
        (
            Turn(
                c.INTENT_ASK_UNCOVERED_TOPIC,
                slot_medicine="socazolimab",
                text="does it cause a rash?",
            ),
            t.SIDE_EFFECT_CHECK,
        ),
    ],
)
def test_a_question_the_sources_may_not_cover(
    store: FactStore, retriever, turn: Turn, reason: str
) -> None:
    assert choose_for_uncovered(read(store, turn, retriever)).reason == reason
