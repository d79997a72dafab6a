"""Actions that answer patients' questions from the fact base."""

from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import FactAction
from core.answers import (
    Turn,
    fallback_outcome,
    intent_confidences,
    ranked_intents,
    respond,
    uncovered_outcome,
)
from core.constants import (
    ACTION_ANSWER_QUESTION,
    ACTION_ANSWER_UNCOVERED,
    ACTION_ASK_REPHRASE,
    ENTITY_MEDICINE,
    ENTITY_OTHER_MEDICINE,
    ENTITY_SYMPTOM_QUESTION,
    SLOT_LAST_TOPIC,
    SLOT_MEDICINE,
    SLOT_PENDING_TOPIC,
)


def turn_from_tracker(tracker: Tracker) -> Turn:
    """Read what `respond` needs from the tracker."""
    latest = tracker.latest_message or {}
    entities = latest.get("entities") or []

    def values(entity: str) -> List[str]:
        return [
            str(e.get("value"))
            for e in entities
            if e.get("entity") == entity and e.get("value")
        ]

    return Turn(
        intent=(latest.get("intent") or {}).get("name"),
        medicines=values(ENTITY_MEDICINE),
        other_medicines=values(ENTITY_OTHER_MEDICINE),
        slot_medicine=tracker.get_slot(SLOT_MEDICINE),
        pending_topic=tracker.get_slot(SLOT_PENDING_TOPIC),
        last_topic=tracker.get_slot(SLOT_LAST_TOPIC),
        asked_symptoms=values(ENTITY_SYMPTOM_QUESTION),
        text=latest.get("text") or "",
        intent_ranking=ranked_intents(latest.get("intent_ranking") or []),
        intent_confidence=intent_confidences(latest.get("intent_ranking") or []),
    )


class ActionAnswerQuestion(FactAction):
    """Answer a topic question, a follow-up, or ask which medicine is meant."""

    def name(self) -> Text:
        return ACTION_ANSWER_QUESTION

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Dict[Text, Any]]:
        answer = respond(self.store, turn_from_tracker(tracker), self.retriever)
        # Only slots that change: every event costs Rasa a schema validation.
        return self.emit(dispatcher, tracker, answer, only_changes=True)


class ActionAskRephrase(FactAction):
    """Low NLU confidence: rank the named medicine's facts (closest match or its
    best topics as buttons), else ask to rephrase with suggestions."""

    def name(self) -> Text:
        return ACTION_ASK_REPHRASE

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Dict[Text, Any]]:
        text = (tracker.latest_message or {}).get("text") or ""
        answer = fallback_outcome(
            self.store, self.retriever, text, turn_from_tracker(tracker)
        )
        return self.emit(dispatcher, tracker, answer)


class ActionAnswerUncovered(FactAction):
    """A question the sources don't cover: say which parts, for the medicine in
    play, and answer the parts they do cover; with no medicine, a general
    "not covered" reply."""

    def name(self) -> Text:
        return ACTION_ANSWER_UNCOVERED

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Dict[Text, Any]]:
        answer = uncovered_outcome(
            self.store, self.retriever, turn_from_tracker(tracker)
        )
        return self.emit(dispatcher, tracker, answer)
