"""The topic readings fused, and the topic choice (core/answers/topic.py)."""

from typing import Dict, Optional, Sequence, Tuple

import pytest

from core import constants as c
from core.answers import topic as t
from core.answers.topic import TopicChoice, choice, fused_topic, related_topic
from core.facts import FactStore
from core.retrieval import Ranking


def test_a_choice_names_its_topics_in_order() -> None:
    one = choice(c.TOPIC_DOSE, t.CLASSIFIER)
    assert (one.topic, one.last, one.topics) == ("dose", "dose", ("dose",))
    none = choice(None, t.FOLLOW_UP)
    assert (none.topic, none.last, none.topics) == (None, None, ())
    parts = TopicChoice(("dose", "schedule"), t.PARTS)
    assert (parts.topic, parts.last) == ("dose", "schedule")
    assert choice("dose", t.READINGS, ["schedule"]).alternatives == ("schedule",)


@pytest.mark.parametrize(
    "scored, confidence, min_score, asked_for, topic",
    [
        # The classifier and the ranking agree.
        (
            (("mechanism", 4.0), ("dose", 1.0)),
            {"ask_mechanism": 0.9},
            0.0,
            (),
            "mechanism",
        ),
        # A tie is no answer.
        ((("mechanism", 2.0), ("dose", 2.0)), {}, 0.0, (), None),
        # The ranking alone, below the score asked for: no answer ...
        ((("mechanism", 0.5),), {}, 1.0, (), None),
        # ... unless the form of the question asks for it.
        ((("mechanism", 0.5),), {}, 1.0, ("mechanism",), "mechanism"),
        # Nothing read at all.
        ((), {}, 0.0, (), None),
    ],
)
def test_fused_topic(
    store: FactStore,
    scored: Tuple[Tuple[str, float], ...],
    confidence: Dict[str, float],
    min_score: float,
    asked_for: Sequence[str],
    topic: Optional[str],
) -> None:
    medicine = store.medicine("socazolimab")
    assert medicine is not None
    ranking = Ranking("socazolimab", scored)
    assert fused_topic(medicine, ranking, confidence, min_score, asked_for) == topic


def test_the_fact_closest_to_a_topic_the_sources_lack(store: FactStore) -> None:
    medicine = store.medicine("socazolimab")
    assert medicine is not None and "premedication" not in medicine.facts
    assert related_topic(medicine, "premedication") == "administration"
    assert related_topic(medicine, "mechanism") is None
