"""Conversation start: the disclaimer, on every channel."""

from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import FactAction, show_disclaimer
from core.constants import ACTION_SESSION_START, SLOT_DISCLAIMER_SHOWN


class ActionSessionStart(FactAction):
    """Start a session: carry slots over if configured, then show the disclaimer.

    Rasa runs this before the first message of every conversation session on
    every channel (REST, socket.io, shell). The fact base is injected (tests),
    else loaded from `FACTS_DIR`: the disclaimer names the medicines it covers.
    """

    def name(self) -> Text:
        return ACTION_SESSION_START

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Dict[Text, Any]]:
        events: List[Dict[Text, Any]] = [SessionStarted()]
        session_config = domain.get("session_config") or {}
        if session_config.get("carry_over_slots_to_new_session", True):
            events += [
                SlotSet(name, value)
                for name, value in tracker.current_slot_values().items()
                if value is not None and name != SLOT_DISCLAIMER_SHOWN
            ]
        # Every session shows it again, whatever an earlier session showed.
        events += show_disclaimer(dispatcher, self.store)
        events.append(ActionExecuted("action_listen"))
        return events
