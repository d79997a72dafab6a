"""The values of the answer decision (core/answers/types.py)."""

from core.answers.types import (
    KEEP,
    Answer,
    NoInformation,
    Reply,
    facts_answered,
)
from core.facts import FactStore


def test_a_reply_says_which_fact_medicine_and_topic_it_answers(
    store: FactStore,
) -> None:
    fact = store.fact("socazolimab", "mechanism")
    assert fact is not None
    answer = Reply("text", fact=fact)
    assert (answer.fact_id, answer.medicine, answer.topic) == (
        "socazolimab.mechanism",
        "socazolimab",
        "mechanism",
    )
    note = Reply("none", note=NoInformation("socazolimab", "dose"))
    assert (note.fact_id, note.medicine, note.topic) == (None, None, None)
    assert facts_answered([note, answer, note]) == [fact]


def test_an_answer_keeps_what_it_does_not_set() -> None:
    answer = Answer([], medicine=None, last_topic="dose")
    assert answer.pending_topic is KEEP
    assert answer.medicine is None and answer.last_topic == "dose"
