"""The replies composed around the facts (core/answers/replies.py)."""

import pytest

from actions.base import reply_json
from core.answers.replies import (
    covered_names,
    no_information_reply,
    rephrase_reply,
    unknown_medicine_reply,
    when_to_call_reply,
)
from core.answers.wording import SAFETY_LINE
from core.facts import FactStore


def test_covered_names_and_rephrase_come_from_the_fact_base(
    small_store: FactStore,
) -> None:
    assert covered_names(small_store) == "Testamab (TST-42)"
    reply = rephrase_reply(small_store)
    # Testamab has no mechanism or side-effect facts: no suggestion it can't answer.
    assert reply.buttons == ()
    assert "another way" in reply.text


def test_rephrase_suggests_answerable_questions(store: FactStore) -> None:
    reply = rephrase_reply(store)
    payloads = [b["payload"] for b in reply.buttons]
    # Names come from the fact base, as the reply builds them.
    socazolimab, plozalizumab = (
        store.medicine(m).name for m in ("socazolimab", "plozalizumab")
    )
    assert f"How does {socazolimab} work?" in payloads
    assert f"What are the side effects of {plozalizumab}?" in payloads


@pytest.mark.parametrize(
    "category, phrase",
    [
        ("chest_pain", "call your local emergency number straight away"),
        (
            "fever",
            "contact your care team (or trial doctor) or their 24-hour line "
            "straight away",
        ),
        ("nausea", "at your next visit"),
    ],
)
def test_when_to_call_advice_by_level(category: str, phrase: str) -> None:
    reply = when_to_call_reply([category])
    assert reply is not None and phrase in reply.text
    assert reply_json(reply) == {"when_to_call": [category]}


def test_unknown_category_gives_no_advice() -> None:
    assert when_to_call_reply(["not-a-category"]) is None


def test_every_non_answer_says_what_to_do_about_a_symptom_now(store: FactStore) -> None:
    from core.answers.replies import (
        rephrase_reply,
    )

    medicine = store.medicine("socazolimab")
    for reply in (
        rephrase_reply(store),
        no_information_reply(medicine, "premedication"),
        unknown_medicine_reply(store, ["pembrolizumab"]),
    ):
        assert reply.text.endswith(SAFETY_LINE)
