"""The steps of the answer pipeline (core/answers/steps.py)."""

from core import constants as c
from core.answers.reading import read
from core.answers.replies import fact_reply
from core.answers.steps import (
    Draft,
    comparison_or_kind,
    for_medicine,
    uncovered_aspects,
    when_to_call,
)
from core.answers.topic import choice
from core.answers.types import KEEP, NoInformation, Turn, WhenToCall
from core.facts import FactStore


def test_a_draft_grows_and_becomes_the_answer(store: FactStore) -> None:
    medicine = store.medicine("socazolimab")
    assert medicine is not None
    first, second = (fact_reply(medicine.facts[t]) for t in ("mechanism", "dose"))
    draft = for_medicine(medicine, [first], "mechanism").plus([second])
    assert draft.replies == (first, second) and draft.answered is medicine
    answer = draft.answer()
    assert answer.replies == [first, second]
    assert (answer.medicine, answer.pending_topic, answer.last_topic) == (
        "socazolimab",
        None,
        "mechanism",
    )
    assert Draft().answer().medicine is KEEP


def test_what_the_sources_never_mention_is_said_first(store: FactStore) -> None:
    medicine = store.medicine("socazolimab")
    assert medicine is not None
    reading = read(
        store,
        Turn(c.INTENT_ASK_DOSE, ["socazolimab"], text="the dose, and can I drink wine"),
    )
    answer = fact_reply(medicine.facts["dose"])
    draft = uncovered_aspects(
        reading, choice("dose", ""), for_medicine(medicine, [answer])
    )
    first, second = draft.replies
    assert isinstance(first.note, NoInformation) and first.note.aspects
    assert second is answer
    # With no single medicine answered, nothing is added.
    assert uncovered_aspects(reading, choice("dose", ""), Draft((answer,))).replies == (
        answer,
    )


def test_steps_that_do_not_apply_leave_the_draft_as_it_is(store: FactStore) -> None:
    reading = read(store, Turn(c.INTENT_ASK_DOSE, ["socazolimab"], text="the dose"))
    draft = Draft()
    assert comparison_or_kind(reading, choice("dose", ""), draft) is draft
    assert when_to_call(reading, choice("dose", ""), draft) is draft


def test_when_to_call_comes_last(store: FactStore) -> None:
    reading = read(store, Turn(c.INTENT_ASK_DOSE, asked_symptoms=["fever"]))
    (advice,) = when_to_call(reading, choice(None, ""), Draft()).replies
    assert advice.note == WhenToCall(("fever",))
