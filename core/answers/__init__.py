"""Decide what to answer and compose the replies (pure: no Rasa imports).

The actions read the tracker into a `Turn`, call `respond` (a topic question),
`fallback_outcome` (an unsure one) or `uncovered_outcome` (one the sources may
not cover), and send the `Answer`. Every medical sentence comes from a `Fact`;
when there is none the reply says so and points to the care team, never guesses.
The wording a clinician reviews is in `core.answers.wording`.
"""

from core.answers.payloads import medicine_payload, topic_payloads
from core.answers.pipeline import (
    escalation_follow_up,
    fallback_outcome,
    respond,
    uncovered_outcome,
)
from core.answers.reading import intent_confidences, ranked_intents
from core.answers.replies import when_to_call_reply
from core.answers.types import (
    KEEP,
    Answer,
    NoInformation,
    NotCompared,
    Reply,
    SideEffectCheck,
    TopicChoices,
    Turn,
    UnknownMedicine,
    WhenToCall,
)
from core.answers.wording import SAFETY_LINE

__all__ = [
    "KEEP",
    "SAFETY_LINE",
    "Answer",
    "NoInformation",
    "NotCompared",
    "Reply",
    "SideEffectCheck",
    "TopicChoices",
    "Turn",
    "UnknownMedicine",
    "WhenToCall",
    "escalation_follow_up",
    "fallback_outcome",
    "intent_confidences",
    "medicine_payload",
    "ranked_intents",
    "respond",
    "topic_payloads",
    "uncovered_outcome",
    "when_to_call_reply",
]
