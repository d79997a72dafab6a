"""Shared behaviour of actions that need the fact base."""

import abc
import functools
from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from core.answers import Outcome, Reply
from core.constants import RESPONSE_DISCLAIMER, SLOT_DISCLAIMER_SHOWN
from core.facts import FactStore, load_fact_store
from core.retrieval import FactRetriever, build_retriever
from core.settings import get_settings


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
        if reply.custom is not None:
            kwargs["json_message"] = reply.custom
        dispatcher.utter_message(**kwargs)

    def emit(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, outcome: Outcome
    ) -> List[Dict[str, Any]]:
        """Send an outcome's replies and return its slot events.

        The disclaimer goes first whenever this conversation has not shown it:
        whatever dialogue path led here, no medical answer goes out without it.
        """
        events = ensure_disclaimer(dispatcher, tracker) if outcome.replies else []
        for reply in outcome.replies:
            self.send(dispatcher, reply)
        return events + [SlotSet(slot, value) for slot, value in outcome.slots.items()]


def ensure_disclaimer(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> List[Dict[str, Any]]:
    """Show the disclaimer unless this conversation already has; return slot events."""
    if tracker.get_slot(SLOT_DISCLAIMER_SHOWN):
        return []
    return show_disclaimer(dispatcher)


def show_disclaimer(dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """Send the disclaimer response and remember that it was shown."""
    dispatcher.utter_message(response=RESPONSE_DISCLAIMER)
    return [SlotSet(SLOT_DISCLAIMER_SHOWN, True)]
