"""Which parts of a question the sources don't cover, read from the fact files."""

import dataclasses

import pytest

from core.coverage import ASPECTS, covering_topics, names, uncovered_aspects
from core.facts import FactStore


@pytest.mark.parametrize(
    "text, aspect",
    [
        ("are beers allowed between socazolimab drips", "alcohol"),
        ("is it safe when pregnant", "pregnancy or breastfeeding"),
        ("what happens if I miss an infusion", "a missed dose"),
        ("how much does it cost, will insurance pay", "cost or insurance"),
        ("can I fly to Spain during treatment", "travel"),
        ("is my dad too old for it at 84", "age (children or older people)"),
        (
            "can I take turmeric with it",
            "other medicines, supplements or herbal remedies",
        ),
        (
            "is ibuprofen ok for the aches",
            "other medicines, supplements or herbal remedies",
        ),
        (
            "can he have painkillers with it",
            "other medicines, supplements or herbal remedies",
        ),
        ("I will miss my socazolimab appointment next week", "a missed dose"),
    ],
)
def test_an_aspect_no_fact_mentions_is_uncovered(
    store: FactStore, text: str, aspect: str
) -> None:
    medicine = store.medicine("socazolimab")
    assert aspect in [a.name for a in uncovered_aspects(medicine, text)]


def test_plain_topic_questions_ask_about_no_aspect(store: FactStore) -> None:
    medicine = store.medicine("socazolimab")
    for text in (
        "how often does one get socazolimab",
        "what are the side effects",
        "how does it work",
        "is it approved",
        "what dose will I get",
    ):
        assert uncovered_aspects(medicine, text) == []


def test_an_aspect_the_facts_mention_is_covered(store: FactStore) -> None:
    # Plozalizumab's facts tell patients not to start herbal supplements unasked.
    medicine = store.medicine("plozalizumab")
    assert uncovered_aspects(medicine, "can I take herbal supplements with it") == []
    # The same question is uncovered for a medicine whose facts say nothing of it.
    assert uncovered_aspects(
        store.medicine("socazolimab"), "can I take herbal supplements with it"
    )


def test_coverage_follows_the_fact_file_not_code(store: FactStore) -> None:
    medicine = store.medicine("socazolimab")
    text = "is it ok while breastfeeding"
    assert uncovered_aspects(medicine, text)
    fact = next(iter(medicine.facts.values()))
    told = dataclasses.replace(
        fact, answer=fact.answer + " Do not breastfeed during treatment."
    )
    taught = dataclasses.replace(medicine, facts={**medicine.facts, fact.topic: told})
    assert uncovered_aspects(taught, text) == []


def test_names_read_as_a_list() -> None:
    assert names(ASPECTS[:1]) == ASPECTS[0].name
    assert (
        names(ASPECTS[:3])
        == f"{ASPECTS[0].name}, {ASPECTS[1].name} and {ASPECTS[2].name}"
    )


def test_the_facts_that_mention_an_asked_aspect_are_found(store: FactStore) -> None:
    plozalizumab = store.medicine("plozalizumab")
    # "US Brand Names: None" is in the approval fact; OTC medicines in precautions.
    assert covering_topics(plozalizumab, "what's the brand name of it") == ["approval"]
    assert covering_topics(plozalizumab, "can I take ibuprofen with it") == [
        "precautions"
    ]
    assert covering_topics(plozalizumab, "how often is it given") == []
    # Nothing in socazolimab's facts mentions a brand name or ibuprofen.
    assert (
        covering_topics(store.medicine("socazolimab"), "can I take ibuprofen with it")
        == []
    )
