"""The values the answer decision works with: the turn, typed replies, the answer.

Pure module. A `Reply` says what it is about in typed fields (the fact it
answers with, or a typed note such as `NoInformation`); the actions turn those
into the message's `custom` JSON and the answer's memory into slot events.
"""

import enum
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

from core.facts import Fact

Button = Dict[str, str]


@dataclass(frozen=True)
class Turn:
    """What the action knows about the latest user message and the context."""

    intent: Optional[str]
    medicines: Sequence[str] = ()
    other_medicines: Sequence[str] = ()
    slot_medicine: Optional[str] = None
    pending_topic: Optional[str] = None
    last_topic: Optional[str] = None
    asked_symptoms: Sequence[str] = ()
    text: str = ""
    # The intent classifier's ranking, best first, even when it was too unsure
    # to decide (then `intent` is the fallback): a second reading for ranking.
    intent_ranking: Sequence[str] = ()
    # The classifier's confidence in each intent of that ranking.
    intent_confidence: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class NoInformation:
    """The sources say nothing on a topic, an aspect or a condition asked."""

    medicine: Optional[str]
    topic: Optional[str]
    aspects: Optional[Tuple[str, ...]] = None
    condition: Optional[str] = None


@dataclass(frozen=True)
class UnknownMedicine:
    """Medicines asked about that the bot does not cover."""

    names: Tuple[str, ...]


@dataclass(frozen=True)
class TopicChoices:
    """A medicine's best topics, offered as buttons."""

    medicine: str
    topics: Tuple[str, ...]


@dataclass(frozen=True)
class SideEffectCheck:
    """Whether the sources list the effects asked, and the fact quoted."""

    medicine: str
    asked: str
    listed: bool
    groups: Tuple[str, ...] = ()
    fact_id: Optional[str] = None


@dataclass(frozen=True)
class NotCompared:
    """Things compared that the facts given never mention."""

    things: Tuple[str, ...]


@dataclass(frozen=True)
class WhenToCall:
    """Symptom categories the when-to-call advice covers."""

    categories: Tuple[str, ...]


Note = Union[
    NoInformation,
    UnknownMedicine,
    TopicChoices,
    SideEffectCheck,
    NotCompared,
    WhenToCall,
]


@dataclass(frozen=True)
class Reply:
    """One bot message: its text, optional buttons, and what it is about.

    Attributes:
        fact: the fact it answers with (the first one for an overview).
        facts: for an overview, the ids of every fact it is built from.
        closest_match: the fact was found by ranking, not asked by topic.
        note: what a reply that gives no fact answer is about.
    """

    text: str
    buttons: Tuple[Button, ...] = ()
    fact: Optional[Fact] = None
    facts: Tuple[str, ...] = ()
    closest_match: bool = False
    note: Optional[Note] = None

    @property
    def fact_id(self) -> Optional[str]:
        """The id of the fact it answers with."""
        return self.fact.id if self.fact is not None else None

    @property
    def topic(self) -> Optional[str]:
        """The topic of the fact it answers with."""
        return self.fact.topic if self.fact is not None else None

    @property
    def medicine(self) -> Optional[str]:
        """The medicine of the fact it answers with."""
        return self.fact.medicine_id if self.fact is not None else None


class Keep(enum.Enum):
    """A remembered value the answer leaves as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP
# What the conversation remembers after an answer: a value, None to forget, or
# KEEP to leave it unchanged.
Remembered = Union[str, None, Keep]


@dataclass
class Answer:
    """Replies to send and what the conversation remembers next.

    Attributes:
        medicine: the medicine "it" refers to in the next message.
        pending_topic: the topic to answer once the patient names a medicine.
        last_topic: the topic answered, for a follow-up naming another medicine.
    """

    replies: List[Reply]
    medicine: Remembered = KEEP
    pending_topic: Remembered = KEEP
    last_topic: Remembered = KEEP


def facts_answered(replies: Sequence[Reply]) -> List[Fact]:
    """The facts the replies answer with, in order."""
    return [reply.fact for reply in replies if reply.fact is not None]
