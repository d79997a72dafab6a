"""Question types (core/question_types.py): the form of a question, any medicine."""

import pytest

from core import constants as c
from core.question_types import question_types


@pytest.mark.parametrize(
    "text, topic",
    [
        ("what's this medicine?", c.TOPIC_OVERVIEW),
        (
            "my sister starts the medicine next week. what exactly is it",
            c.TOPIC_OVERVIEW,
        ),
        ("could you explain the medicine to me simply", c.TOPIC_OVERVIEW),
        ("is that a real drug or something new", c.TOPIC_OVERVIEW),
        (
            "will the medicine get rid of the cancer for good, is it a cure",
            c.TOPIC_TRIAL_RESULTS,
        ),
        ("what are my chances of it working", c.TOPIC_TRIAL_RESULTS),
        ("did the medicine actually work in the study", c.TOPIC_TRIAL_RESULTS),
        ("could a GP prescribe it", c.TOPIC_APPROVAL),
        ("is the medicine available in Canada", c.TOPIC_APPROVAL),
        ("how would my mum get it", c.TOPIC_APPROVAL),
        ("which company produces the medicine", c.TOPIC_DEVELOPER),
        ("how many infusions are there", c.TOPIC_SCHEDULE),
        ("how long would she stay on the medicine", c.TOPIC_SCHEDULE),
        ("how does it work", c.TOPIC_MECHANISM),
        ("is it sold under a different name", c.TOPIC_OVERVIEW),
        ("what does the code in its research name stand for", c.TOPIC_OVERVIEW),
        ("who should we tell if she gets side effects", c.TOPIC_REPORT_MONITOR),
        ("which symptoms mean he needs medical help urgently", c.TOPIC_REPORT_MONITOR),
        (
            "how come there are regular blood tests on the medicine",
            c.TOPIC_REPORT_MONITOR,
        ),
        ("does the medicine work the same way as nivolumab", c.TOPIC_MECHANISM),
        ("what does it actually do to the cancer cells", c.TOPIC_MECHANISM),
        (
            "the trial was chemo alone against chemo plus the medicine, "
            "how much better was it",
            c.TOPIC_TRIAL_RESULTS,
        ),
    ],
)
def test_the_form_asks_for_a_topic(text: str, topic: str) -> None:
    assert topic in question_types(text)


@pytest.mark.parametrize(
    "text",
    [
        "what is it used for",
        "what is the medicine made of",
        "how is it given",
        "what dose is the medicine",
        "does it cause a rash",
        "",
        "?!",
        "which blood tests are needed before the first dose",
        "can I buy cold remedies over the counter",
    ],
)
def test_other_forms_ask_for_none_of_them(text: str) -> None:
    assert question_types(text) == []


def test_working_like_another_medicine_asks_how_it_works_not_how_well() -> None:
    assert question_types("does the medicine work the same way as keytruda") == [
        c.TOPIC_MECHANISM
    ]
    assert c.TOPIC_TRIAL_RESULTS in question_types("does the medicine work")
