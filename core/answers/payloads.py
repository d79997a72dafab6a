"""Button payloads: text the channels let through that sets intent and medicine.

Pure module. A payload skips the NLU (the only `/` text patient channels let
through as it is: see channels/guard.py).
"""

from typing import Tuple

from core.answers.types import Button
from core.answers.wording import topic_title
from core.constants import (
    INTENT_BY_TOPIC,
    INTENT_INFORM_MEDICINE,
    SLOT_MEDICINE,
    TOPIC_LABELS,
)
from core.facts import FactStore


def medicine_payload(medicine_id: str) -> str:
    """A button payload that sets the medicine directly (the only `/` text patient
    channels let through as it is: see channels/guard.py)."""
    return f'/{INTENT_INFORM_MEDICINE}{{"medicine": "{medicine_id}"}}'


def medicine_buttons(store: FactStore) -> Tuple[Button, ...]:
    """One button per covered medicine."""
    return tuple(
        {"title": medicine.name, "payload": medicine_payload(medicine.id)}
        for medicine in store.medicines
    )


def topic_payload(medicine_id: str, topic: str) -> str:
    """A button payload that asks one topic for one medicine (no NLU involved)."""
    intent = INTENT_BY_TOPIC[topic]
    return f'/{intent}{{"{SLOT_MEDICINE}": "{medicine_id}"}}'


def topic_payloads(store: FactStore) -> Tuple[str, ...]:
    """Every topic button payload the bot can offer, for the channels' front door."""
    return tuple(
        topic_payload(medicine.id, topic)
        for medicine in store.medicines
        for topic in medicine.facts
        if topic in INTENT_BY_TOPIC
    )


def topic_button(medicine_id: str, topic: str) -> Button:
    """A button asking one topic of one medicine, titled with the topic's label."""
    return {
        "title": topic_title(TOPIC_LABELS[topic]),
        "payload": topic_payload(medicine_id, topic),
    }
