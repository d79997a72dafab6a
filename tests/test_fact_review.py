"""Fact review: review age flags and the reading-grade target."""

import datetime

import pytest

from core.fact_review import READING_GRADE_TARGET, reading_grade, review
from core.facts import FactStore


def test_every_answer_reads_at_grade_8_or_lower(store: FactStore) -> None:
    hard = {r.fact.id: r.grade for r in review(store) if r.too_hard}
    assert hard == {}


def test_stale_facts_are_flagged_by_age(small_store: FactStore) -> None:
    reviewed = datetime.date(2026, 1, 2)  # the small fact base's review date
    fresh = review(
        small_store, today=reviewed + datetime.timedelta(days=30), max_age_days=365
    )
    assert [r.stale for r in fresh] == [False, False]
    old = review(
        small_store, today=reviewed + datetime.timedelta(days=366), max_age_days=365
    )
    assert [r.stale for r in old] == [True, True]
    assert old[0].age_days == 366


@pytest.mark.parametrize(
    "text, harder_than_target",
    [
        ("The dose is based on your weight. It is given in a vein.", False),
        (
            "Immunomodulatory pharmacotherapeutic interventions "
            "necessitate comprehensive "
            "hematological surveillance throughout administration.",
            True,
        ),
    ],
)
def test_reading_grade(text: str, harder_than_target: bool) -> None:
    assert (reading_grade(text) > READING_GRADE_TARGET) is harder_than_target
