"""Everything a turn says, read once: the `Reading` every later step works from.

Pure module. The medicines named and in play, the intent classifier's reading
and ranking, the form of the question, its parts, what it compares, and the
symptoms it asks about.
"""

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Tuple

from core.answers.parts import question_parts
from core.answers.types import Turn
from core.comparisons import compared_things, kinds_named
from core.constants import (
    INTENT_INFORM_MEDICINE,
    INTENT_NLU_FALLBACK,
    MEDICINE_PLACEHOLDER,
    TOPIC_BY_INTENT,
    TOPIC_DRUG_CLASS,
    TOPIC_MECHANISM,
)
from core.coverage import Aspect, uncovered_aspects
from core.facts import FactStore, Medicine
from core.medicine_matcher import names_pattern
from core.question_types import question_types
from core.side_effects import (
    Asked,
    asked_effects,
    is_attribution_question,
    is_side_effect_question,
)

if TYPE_CHECKING:
    from core.retrieval import FactRetriever, Ranking


def ranked_intents(ranking: Sequence[Dict[str, object]]) -> List[str]:
    """Intent names of an NLU ranking, best first, once each, without the
    fallback intent."""
    return list(intent_confidences(ranking))


def intent_confidences(ranking: Sequence[Dict[str, object]]) -> Dict[str, float]:
    """Each intent's confidence in an NLU ranking (the first, if one repeats)."""
    confidences: Dict[str, float] = {}
    for entry in ranking:
        name = entry.get("name")
        if name and name != INTENT_NLU_FALLBACK and name not in confidences:
            confidences[str(name)] = float(entry.get("confidence") or 0.0)  # type: ignore[arg-type]
    return confidences


_names_pattern = functools.lru_cache(maxsize=8)(names_pattern)


def as_the_medicine(store: FactStore, text: str) -> str:
    """The text with our medicines' names as "the medicine": "is this from
    socazolimab?" asks as "is this from the medicine?" does."""
    pattern = _names_pattern(
        tuple(sorted({n for m in store.medicines for n in m.names}))
    )
    return pattern.sub(MEDICINE_PLACEHOLDER, text) if pattern else text


def effects_asked(text: str) -> List[Asked]:
    """The symptoms or organs a side-effect question ("does it cause ...") names."""
    return asked_effects(text) if is_side_effect_question(text) else []


def covered_named(store: FactStore, medicines: Sequence[str]) -> Tuple[str, ...]:
    """The covered medicines among those named, once each, in order."""
    return tuple(m for m in dict.fromkeys(medicines) if store.medicine(m))


def comparison_topic(text: str, compared: Sequence[str]) -> str:
    """What a comparison that asks nothing else asks: what kind of medicine ours
    is when it is compared with kinds of treatment only ("is it like chemo?"),
    else how ours works."""
    kinds = set(kinds_named(text))
    return (
        TOPIC_DRUG_CLASS
        if all(thing in kinds for thing in compared)
        else TOPIC_MECHANISM
    )


@dataclass(frozen=True)
class Reading:
    """One turn, read once.

    Attributes:
        store: the fact base the turn is read against.
        retriever: the BM25 ranking of the facts, when one is given.
        turn: the turn as the action read it.
        text: the message (the fallback may be given it apart from the turn).
        named: the covered medicines the message names, once each, in order.
        in_play: the first of them, else the medicine of the conversation.
        intent_topic: the topic the intent classifier read, if any.
        names_only: the classifier read the message as only naming a medicine.
        guess: the topic of the classifier's best intent, even when unsure.
        compared: what a comparison compares our medicine with.
        parts: the separate questions in the message.

    The readings only some answers need (the form of the question, the effects
    it names, what the sources never mention) are read on first use, once.
    """

    store: FactStore
    retriever: Optional["FactRetriever"]
    turn: Turn
    text: str
    named: Tuple[str, ...]
    in_play: Optional[Medicine]
    intent_topic: Optional[str]
    names_only: bool
    guess: Optional[str]
    compared: Tuple[str, ...]
    parts: Tuple[str, ...]
    _rankings: Dict[Tuple[str, str], "Ranking"] = field(
        default_factory=dict, compare=False, repr=False
    )

    @functools.cached_property
    def _as_medicine(self) -> str:
        return as_the_medicine(self.store, self.text)

    @functools.cached_property
    def form(self) -> Tuple[str, ...]:
        """The topics the form of the question asks for (`question_types`)."""
        return tuple(question_types(self._as_medicine))

    @functools.cached_property
    def effects(self) -> Tuple[Asked, ...]:
        """The symptoms or organs the message names."""
        return tuple(asked_effects(self.text))

    @functools.cached_property
    def effects_asked(self) -> Tuple[Asked, ...]:
        """Those, when the message is a side-effect question."""
        return tuple(effects_asked(self._as_medicine))

    @functools.cached_property
    def attribution(self) -> bool:
        """The message asks whether a symptom is the medicine's doing."""
        return is_attribution_question(self._as_medicine)

    @functools.cached_property
    def uncovered(self) -> Tuple[Aspect, ...]:
        """What the message asks that the sources of the medicine in play never
        mention (`core.coverage`)."""
        if self.in_play is None:
            return ()
        return tuple(uncovered_aspects(self.in_play, self.text))

    @property
    def asked_for(self) -> List[str]:
        """The topics the form asks for; a comparison that asks nothing else asks
        `comparison_topic`."""
        if self.form or not self.compared:
            return list(self.form)
        return [comparison_topic(self.text, self.compared)]

    def rank(self, medicine_id: str, text: Optional[str] = None) -> "Ranking":
        """The BM25 ranking of a medicine's facts for the message (or a part of
        it), computed once."""
        assert self.retriever is not None
        asked = self.text if text is None else text
        key = (medicine_id, asked)
        if key not in self._rankings:
            self._rankings[key] = self.retriever.rank(medicine_id, asked)
        return self._rankings[key]


def _guess(turn: Turn) -> Optional[str]:
    return TOPIC_BY_INTENT.get(turn.intent_ranking[0]) if turn.intent_ranking else None


def _in_play(store: FactStore, named: Sequence[str], turn: Turn) -> Optional[Medicine]:
    return store.medicine(named[0] if named else (turn.slot_medicine or ""))


def read(
    store: FactStore,
    turn: Turn,
    retriever: Optional["FactRetriever"] = None,
    text: Optional[str] = None,
) -> Reading:
    """Read the turn once. `text`, when given, is the message to read instead of
    the turn's own (what it compares is always read from the turn's)."""
    message = turn.text if text is None else text
    named = covered_named(store, turn.medicines)
    in_play = _in_play(store, named, turn)
    compared = compared_things(turn.text, turn.other_medicines) if in_play else []
    return Reading(
        store=store,
        retriever=retriever,
        turn=turn,
        text=message,
        named=named,
        in_play=in_play,
        intent_topic=TOPIC_BY_INTENT.get(turn.intent or ""),
        names_only=turn.intent == INTENT_INFORM_MEDICINE,
        guess=_guess(turn),
        compared=tuple(compared),
        parts=tuple(question_parts(message)),
    )
