"""After an escalation reply: record it, wake the outbox, add contact details."""

import logging
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answer_actions import turn_from_tracker
from actions.base import FactAction, default_store, retriever_for
from channels.session_ids import key_from_settings, public_ref
from core.answers import escalation_follow_up
from core.constants import (
    ACTION_ESCALATE,
    SLOT_DISCLAIMER_SHOWN,
    SLOT_TRIAGE_CATEGORY,
    SLOT_TRIAGE_LEVEL,
    TRIAGE_CATEGORY_UNCLASSIFIED,
)
from core.facts import FactStore
from core.settings import Settings, get_settings
from core.triage.advice import WHEN_TO_CALL
from core.triage.levels import EMERGENCY, URGENT
from escalation.outbox import wake_process_loop
from escalation.store import EscalationStore, store_from_settings

logger = logging.getLogger(__name__)
RECORDED_LEVELS = (EMERGENCY, URGENT)
Wake = Callable[[Settings], None]


def escalation_details(level: str, category: str, settings: Settings) -> Optional[str]:
    """The contact details and what to watch for, from settings and triage rules."""
    parts = []
    if level == EMERGENCY and settings.emergency_number:
        parts.append(f"Emergency number: {settings.emergency_number}.")
    if category == "self_harm" and settings.crisis_line:
        parts.append(f"Crisis line: {settings.crisis_line}.")
    if level != EMERGENCY and settings.clinic_contact:
        parts.append(f"Your care team: {settings.clinic_contact}.")
    watch_for = WHEN_TO_CALL.get(category)
    if level not in RECORDED_LEVELS and watch_for:
        parts.append(f"Contact your care team sooner if you have {watch_for}.")
    return " ".join(parts) or None


class ActionEscalate(Action):
    """Runs after the domain's escalation reply, which never waits for this.

    It records the escalation and wakes the process's delivery loop
    (`escalation/outbox.py`); the webhook post happens there, never in the turn.

    Args:
        store: escalation records (default: `ESCALATION_DB_URL`).
        settings: default: the environment.
        wake: called after a record is stored (default: start this process's
            delivery loop if needed and wake it). Tests inject their own.
        facts: the fact base, for a side-effect question asked with an urgent
            or routine symptom (default: `FACTS_DIR`).
    """

    def __init__(
        self,
        store: Optional[EscalationStore] = None,
        settings: Optional[Settings] = None,
        wake: Optional[Wake] = None,
        facts: Optional[FactStore] = None,
    ) -> None:
        self._facts = facts
        self._store = store
        self._settings = settings
        self._wake = wake or wake_process_loop
        if store is None and settings is None and wake is None:
            # Built by the action server at startup: start the loop now, so
            # records left undelivered before a restart go out without waiting
            # for the next escalation.
            self._start_delivery()

    def _start_delivery(self) -> None:
        try:
            self._wake(self.settings)
        except Exception as error:  # the action server must start regardless
            logger.error(
                "Escalation delivery loop not started: %s", type(error).__name__
            )

    @property
    def settings(self) -> Settings:
        """Injected settings, or the environment's."""
        if self._settings is None:
            self._settings = get_settings()
        return self._settings

    @property
    def store(self) -> EscalationStore:
        """Injected store, or the one named by `ESCALATION_DB_URL`."""
        if self._store is None:
            self._store = store_from_settings(self.settings)
        return self._store

    def name(self) -> Text:
        return ACTION_ESCALATE

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Dict[Text, Any]]:
        level = tracker.get_slot(SLOT_TRIAGE_LEVEL)
        category = (
            tracker.get_slot(SLOT_TRIAGE_CATEGORY) or TRIAGE_CATEGORY_UNCLASSIFIED
        )
        if level in RECORDED_LEVELS:
            # The record, the clinic webhook and staff see the conversation's
            # public reference, never the id that lets a client into it.
            self._record(
                public_ref(key_from_settings(self.settings), tracker.sender_id),
                level,
                category,
            )
        details = escalation_details(level or "", category, self.settings)
        if details:
            dispatcher.utter_message(
                text=details,
                json_message={
                    "escalation_details": {"level": level, "category": category}
                },
            )
        # The question asked with the symptom, answered under the escalation.
        try:
            facts = self._facts or default_store()
            follow_up = escalation_follow_up(
                facts, turn_from_tracker(tracker), level, retriever_for(facts)
            )
        except Exception as error:  # the escalation stands without it
            logger.error("No side-effect follow-up: %s", type(error).__name__)
            follow_up = []
        for reply in follow_up:
            FactAction.send(dispatcher, reply)
        # The escalation reply carries the disclaimer text ("not medical advice").
        return [SlotSet(SLOT_DISCLAIMER_SHOWN, True)]

    def _record(self, conversation_id: str, level: str, category: str) -> None:
        url = self.settings.webhook_url
        try:
            escalation_id = self.store.record(
                conversation_id, level, category, bool(url)
            )
        except Exception as error:  # the patient's reply must not fail on the database
            # The database error can quote the row (sender id, words): type only.
            logger.error(
                "Could not record an escalation (level %s): %s",
                level,
                type(error).__name__,
            )
            logger.debug("escalation store failure", exc_info=True)
            return
        logger.info("Escalation %s recorded: %s/%s", escalation_id, level, category)
        if url:
            self._start_delivery()
