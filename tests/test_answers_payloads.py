"""Button payloads (core/answers/payloads.py)."""

from core import constants as c
from core.answers.payloads import (
    medicine_buttons,
    medicine_payload,
    topic_button,
    topic_payload,
    topic_payloads,
)
from core.facts import FactStore


def test_payloads_set_intent_and_medicine() -> None:
    assert (
        medicine_payload("socazolimab") == '/inform_medicine{"medicine": "socazolimab"}'
    )
    assert (
        topic_payload("socazolimab", c.TOPIC_MECHANISM)
        == '/ask_mechanism{"medicine": "socazolimab"}'
    )


def test_a_topic_button_is_titled_with_its_label() -> None:
    assert topic_button("plozalizumab", c.TOPIC_DOSE) == {
        "title": c.TOPIC_LABELS[c.TOPIC_DOSE][0].upper()
        + c.TOPIC_LABELS[c.TOPIC_DOSE][1:],
        "payload": '/ask_dose{"medicine": "plozalizumab"}',
    }


def test_every_button_of_the_store(small_store: FactStore) -> None:
    (testamab,) = small_store.medicines
    assert medicine_buttons(small_store) == (
        {"title": testamab.name, "payload": medicine_payload(testamab.id)},
    )
    assert topic_payloads(small_store) == tuple(
        topic_payload(testamab.id, topic)
        for topic in testamab.facts
        if topic in c.INTENT_BY_TOPIC
    )
