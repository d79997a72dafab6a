"""Conditions a "used for X?" question names (core/answers/conditions.py)."""

from typing import Optional

import pytest

from core import constants as c
from core.answers.conditions import condition_topic, unmentioned_condition
from core.facts import FactStore


@pytest.mark.parametrize(
    "medicine, text, condition",
    [
        (
            "plozalizumab",
            "can plozalizumab be used for rheumatoid arthritis",
            "rheumatoid arthritis",
        ),
        (
            "socazolimab",
            "is socazolimab approved for bladder cancer?",
            "bladder cancer",
        ),
        (
            "socazolimab",
            "is socazolimab approved for cervical cancer?",
            None,
        ),  # in the sources
        (
            "plozalizumab",
            "does it help people with diabetic kidney disease",
            None,
        ),  # nephropathy
        ("socazolimab", "what is socazolimab meant for", None),  # no condition named
    ],
)
def test_a_condition_the_use_facts_never_mention_is_found(
    store: FactStore, medicine: str, text: str, condition: Optional[str]
) -> None:

    assert unmentioned_condition(store.medicine(medicine), text) == condition


def test_a_condition_no_fact_mentions_adds_no_fact(store: FactStore) -> None:
    medicine = store.medicine("plozalizumab")
    assert condition_topic(medicine, "does plozalizumab help psoriasis") is None
    assert (
        condition_topic(medicine, "does it help with atherosclerosis")
        == c.TOPIC_INVESTIGATIONAL_USES
    )
    # Generic words name no condition.
    assert condition_topic(medicine, "does it help cancer") is None
