"""Shared behaviour of actions that need the fact base.

This is the edge between the pure answer package and Rasa: typed replies
become the message's `custom` JSON (`reply_json`, keys and values as REST
integrators read them) and an answer's memory becomes slot events
(`answer_slots`)."""

import abc
import functools
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from core.answers import (
    Answer,
    NoInformation,
    NotCompared,
    Reply,
    SideEffectCheck,
    TopicChoices,
    UnknownMedicine,
    WhenToCall,
)
from core.answers.replies import covered_names
from core.answers.types import Keep, Note
from core.constants import (
    RESPONSE_DISCLAIMER,
    SLOT_COVERED_MEDICINES,
    SLOT_DISCLAIMER_SHOWN,
    SLOT_LAST_TOPIC,
    SLOT_MEDICINE,
    SLOT_PENDING_TOPIC,
)
from core.facts import Fact, FactStore, load_fact_store
from core.retrieval import FactRetriever, build_retriever
from core.settings import get_settings


def fact_json(fact: Fact) -> Dict[str, Any]:
    """A fact's audit data: which fact, from which source and section, when reviewed."""
    return {
        "id": fact.id,
        "medicine": fact.medicine_id,
        "topic": fact.topic,
        "source": {
            "file": fact.source_file,
            "title": fact.source_title,
            "section": fact.section,
        },
        "reviewed": fact.reviewed.isoformat(),
    }


def _no_information_json(note: NoInformation) -> Dict[str, Any]:
    data: Dict[str, Any] = {"medicine": note.medicine, "topic": note.topic}
    if note.aspects is not None:
        data["aspects"] = list(note.aspects)
    if note.condition is not None:
        data["condition"] = note.condition
    return {"no_information": data}


def _side_effect_check_json(note: SideEffectCheck) -> Dict[str, Any]:
    data: Dict[str, Any] = {
        "medicine": note.medicine,
        "asked": note.asked,
        "listed": note.listed,
    }
    if note.listed:
        data["groups"] = list(note.groups)
    if note.fact_id is not None:
        data["fact"] = note.fact_id
    return {"side_effect_check": data}


def _note_json(note: Note) -> Dict[str, Any]:
    if isinstance(note, NoInformation):
        return _no_information_json(note)
    if isinstance(note, SideEffectCheck):
        return _side_effect_check_json(note)
    if isinstance(note, UnknownMedicine):
        return {"unknown_medicine": list(note.names)}
    if isinstance(note, TopicChoices):
        return {
            "topic_choices": {"medicine": note.medicine, "topics": list(note.topics)}
        }
    if isinstance(note, NotCompared):
        return {"not_compared": list(note.things)}
    assert isinstance(note, WhenToCall)
    return {"when_to_call": list(note.categories)}


def reply_json(reply: Reply) -> Optional[Dict[str, Any]]:
    """A reply's machine-readable data: the message's `custom` on REST channels
    (integrators and the question report read these keys)."""
    if reply.fact is not None:
        data: Dict[str, Any] = {"fact": fact_json(reply.fact)}
        if reply.facts:
            data["facts"] = list(reply.facts)
        if reply.closest_match:
            data["closest_match"] = True
        return data
    return _note_json(reply.note) if reply.note is not None else None


def answer_slots(answer: Answer) -> Dict[str, Optional[str]]:
    """The slots an answer sets (None clears one); those it keeps are left out."""
    slots: Dict[str, Optional[str]] = {}
    for slot, value in (
        (SLOT_MEDICINE, answer.medicine),
        (SLOT_PENDING_TOPIC, answer.pending_topic),
        (SLOT_LAST_TOPIC, answer.last_topic),
    ):
        if not isinstance(value, Keep):
            slots[slot] = value
    return slots


@functools.lru_cache(maxsize=4)
def _cached_store(facts_dir: Path) -> FactStore:
    return load_fact_store(facts_dir)


@functools.lru_cache(maxsize=4)
def _cached_retriever(store: FactStore, nlu_dir: Path) -> FactRetriever:
    return build_retriever(store, nlu_dir)


def default_store() -> FactStore:
    """The fact base named by the settings, loaded once per process."""
    return _cached_store(get_settings().facts_dir)


def retriever_for(store: FactStore) -> FactRetriever:
    """A BM25 index over `store` and the NLU examples, built once per store."""
    return _cached_retriever(store, get_settings().nlu_dir)


class FactAction(Action, metaclass=abc.ABCMeta):
    """Base for actions that answer from the fact base.

    The store is injected (tests pass a small one); by default it is loaded
    lazily from `FACTS_DIR` on first use, never at import.
    """

    def __init__(self, store: Optional[FactStore] = None) -> None:
        self._store = store

    @property
    def store(self) -> FactStore:
        """The injected store, or the default one."""
        if self._store is None:
            self._store = default_store()
        return self._store

    @property
    def retriever(self) -> FactRetriever:
        """A BM25 index over the store and the NLU examples, built once per store."""
        return retriever_for(self.store)

    @abc.abstractmethod
    def name(self) -> str:
        """The action's name in the domain."""

    @staticmethod
    def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
        """Send one reply; `custom` reaches REST clients as the message's `custom`."""
        kwargs: Dict[str, Any] = {"text": reply.text}
        if reply.buttons:
            kwargs["buttons"] = [dict(b) for b in reply.buttons]
        custom = reply_json(reply)
        if custom is not None:
            kwargs["json_message"] = custom
        dispatcher.utter_message(**kwargs)

    def emit(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        answer: Answer,
        only_changes: bool = False,
    ) -> List[Dict[str, Any]]:
        """Send an answer's replies and return its slot events (with
        `only_changes`, only for slots whose value changes).

        The disclaimer goes first whenever this conversation has not shown it:
        whatever dialogue path led here, no medical answer goes out without it.
        """
        events = (
            ensure_disclaimer(dispatcher, tracker, self.store) if answer.replies else []
        )
        for reply in answer.replies:
            self.send(dispatcher, reply)
        slots = answer_slots(answer)
        if only_changes:
            slots = {s: v for s, v in slots.items() if tracker.get_slot(s) != v}
        return events + [SlotSet(slot, value) for slot, value in slots.items()]


def ensure_disclaimer(
    dispatcher: CollectingDispatcher, tracker: Tracker, store: FactStore
) -> List[Dict[str, Any]]:
    """Show the disclaimer unless this conversation already has; return slot events."""
    if tracker.get_slot(SLOT_DISCLAIMER_SHOWN):
        return []
    return show_disclaimer(dispatcher, store)


def show_disclaimer(
    dispatcher: CollectingDispatcher, store: FactStore
) -> List[Dict[str, Any]]:
    """Send the disclaimer response and remember that it was shown.

    The medicines it names come from the fact base, and are kept in a slot that
    the greeting and the other fixed responses name them with: a medicine added
    to `facts/` is named everywhere without a change to the domain.
    """
    medicines = covered_names(store)
    dispatcher.utter_message(
        response=RESPONSE_DISCLAIMER, **{SLOT_COVERED_MEDICINES: medicines}
    )
    return [
        SlotSet(SLOT_DISCLAIMER_SHOWN, True),
        SlotSet(SLOT_COVERED_MEDICINES, medicines),
    ]
