"""The replies the bot composes around its facts, each with typed fields.

Pure module: the wording comes from `core.answers.wording`, every medical
sentence from a `Fact`; when there is none the reply says so and points to the
care team, never guesses.
"""

from typing import Callable, Dict, List, Optional, Sequence, Tuple

from core.answers import wording
from core.answers.payloads import medicine_buttons, topic_button
from core.answers.types import (
    Button,
    NoInformation,
    NotCompared,
    Reply,
    TopicChoices,
    UnknownMedicine,
    WhenToCall,
)
from core.constants import (
    TOPIC_APPROVAL,
    TOPIC_APPROVED_USES,
    TOPIC_DRUG_CLASS,
    TOPIC_INVESTIGATIONAL_USES,
    TOPIC_LABELS,
    TOPIC_MECHANISM,
    TOPIC_OVERVIEW,
    TOPIC_SIDE_EFFECTS_COMMON,
)
from core.coverage import Aspect, and_list
from core.coverage import names as aspect_names
from core.facts import Fact, FactStore, Medicine
from core.triage.advice import LEVEL_BY_CATEGORY, WHEN_TO_CALL
from core.triage.levels import EMERGENCY, URGENT


def fact_reply(fact: Fact) -> Reply:
    """The answer for one fact, its source note, and its audit data."""
    return Reply(text=wording.fact_text(fact), fact=fact)


def no_information_reply(medicine: Medicine, topic: str) -> Reply:
    """Said when the seeds have nothing on this topic for this medicine."""
    label = TOPIC_LABELS.get(topic, "that")
    return Reply(
        text=wording.no_information_text(medicine.name, label),
        note=NoInformation(medicine=medicine.id, topic=topic),
    )


def uncovered_reply(medicine: Medicine, aspects: Sequence[Aspect]) -> Reply:
    """Said for the parts of a question the medicine's sources say nothing about
    ("can I drink wine on it?"), before any part they do answer."""
    return Reply(
        text=wording.uncovered_text(medicine.name, aspect_names(aspects)),
        note=NoInformation(
            medicine=medicine.id,
            topic=None,
            aspects=tuple(a.name for a in aspects),
        ),
    )


def not_covered_reply() -> Reply:
    """A question the sources don't cover, with no medicine in play."""
    return Reply(
        text=wording.not_covered_text(),
        note=NoInformation(medicine=None, topic=None),
    )


def covered_names(store: FactStore) -> str:
    """'socazolimab and plozalizumab (MLN1202)' from the fact base."""
    names = []
    for medicine in store.medicines:
        extra = [a for a in medicine.aliases if a.lower() != medicine.name.lower()]
        names.append(wording.medicine_with_aliases(medicine.name, extra))
    return and_list(names)


def unknown_medicine_reply(store: FactStore, others: Sequence[str]) -> Reply:
    """Said when the patient asks about a medicine the bot does not cover."""
    asked = tuple(dict.fromkeys(others))
    return Reply(
        text=wording.unknown_medicine_text(covered_names(store), asked),
        note=UnknownMedicine(asked),
    )


def clarify_reply(store: FactStore, topic: Optional[str]) -> Reply:
    """Ask which medicine the question is about."""
    label = TOPIC_LABELS[topic] if topic in TOPIC_LABELS else ""
    return Reply(text=wording.clarify_text(label), buttons=medicine_buttons(store))


def closest_match_reply(fact: Fact, others: Sequence[str] = ()) -> Reply:
    """An answer found by ranking the fact base, said to be the closest match;
    `others` are the next best topics, offered as buttons in case it is not."""
    label = TOPIC_LABELS.get(fact.topic, fact.topic)
    offered = [t for t in others if t != fact.topic and t in TOPIC_LABELS]
    text = wording.closest_match_text(label, wording.fact_text(fact))
    if offered:
        text += wording.OTHER_CHOICES_TEXT
    return Reply(
        text=text,
        buttons=tuple(topic_button(fact.medicine_id, t) for t in offered),
        fact=fact,
        closest_match=True,
    )


def topic_choices_reply(medicine: Medicine, topics: Sequence[str]) -> Reply:
    """No clear match: the medicine's best topics as buttons."""
    return Reply(
        text=wording.topic_choices_text(medicine.name),
        buttons=tuple(
            topic_button(medicine.id, t) for t in topics if t in TOPIC_LABELS
        ),
        note=TopicChoices(medicine=medicine.id, topics=tuple(topics)),
    )


# The questions suggested when a message was not understood, when the medicine
# has a fact on their topic.
SUGGESTED_QUESTIONS: Tuple[Tuple[str, Callable[[str], str]], ...] = (
    (TOPIC_MECHANISM, wording.mechanism_question),
    (TOPIC_SIDE_EFFECTS_COMMON, wording.side_effects_question),
)


def rephrase_reply(store: FactStore, medicine_first: Optional[str] = None) -> Reply:
    """Low-confidence reply: ask to rephrase and suggest questions as buttons,
    for the medicine the patient named first."""
    suggestions: List[Button] = []
    medicines = sorted(store.medicines, key=lambda m: m.id != medicine_first)
    for medicine in medicines:
        for topic, question in SUGGESTED_QUESTIONS:
            if topic in medicine.facts:
                asked = question(medicine.name)
                suggestions.append({"title": asked, "payload": asked})
    return Reply(text=wording.REPHRASE_TEXT, buttons=tuple(suggestions))


def not_compared_reply(things: Sequence[str]) -> Reply:
    """The things a patient compared ours with that the answer never mentions."""
    return Reply(
        text=wording.not_compared_text(things), note=NotCompared(tuple(things))
    )


def unmentioned_condition_reply(medicine: Medicine, condition: str) -> Reply:
    """A "used for X?" question about a condition the uses never mention."""
    return Reply(
        text=wording.unmentioned_condition_text(medicine.name, condition),
        note=NoInformation(medicine=medicine.id, topic=None, condition=condition),
    )


# What a "what is it?" answer is built from, in order; each topic that exists.
OVERVIEW_PARTS: Tuple[Tuple[str, ...], ...] = (
    (TOPIC_OVERVIEW,),
    (TOPIC_DRUG_CLASS,),
    (TOPIC_APPROVED_USES, TOPIC_INVESTIGATIONAL_USES),
    (TOPIC_APPROVAL,),
)


def _overview_facts(medicine: Medicine) -> List[Fact]:
    """The facts of an overview, once each, in the order of OVERVIEW_PARTS."""
    facts: List[Fact] = []
    for choices in OVERVIEW_PARTS:
        fact = next((medicine.facts[t] for t in choices if t in medicine.facts), None)
        if fact is not None and fact not in facts:
            facts.append(fact)
    return facts


def overview_reply(medicine: Medicine) -> Reply:
    """What it is, what kind of medicine, what it is approved or studied for, and
    its status: whole answers of several facts, each named in the source line."""
    facts = _overview_facts(medicine)
    if not facts:
        return no_information_reply(medicine, TOPIC_OVERVIEW)
    sections = [f.section for f in dict.fromkeys(facts)]
    reviewed = max(f.reviewed for f in facts).isoformat()
    return Reply(
        text=wording.overview_text(
            [f.answer for f in facts], facts[0], sections, reviewed
        ),
        fact=facts[0],
        facts=tuple(f.id for f in facts),
    )


# When-to-call sentence by triage level; any other level gets the routine one.
_CALL_SENTENCE: Dict[str, Callable[[str], str]] = {
    EMERGENCY: wording.call_emergency_text,
    URGENT: wording.call_urgent_text,
}


def when_to_call_reply(categories: Sequence[str]) -> Optional[Reply]:
    """Education for symptoms asked about (not reported): when to get help."""
    asked = tuple(dict.fromkeys(categories))
    sentences = [
        _CALL_SENTENCE.get(LEVEL_BY_CATEGORY.get(c) or "", wording.call_routine_text)(
            WHEN_TO_CALL[c]
        )
        for c in asked
        if WHEN_TO_CALL.get(c) is not None
    ]
    if not sentences:
        return None
    return Reply(
        text=wording.WHEN_TO_CALL_LEAD + " ".join(sentences),
        note=WhenToCall(asked),
    )


def follow_up_reply(reply: Reply) -> Reply:
    """A reply sent after an escalation, led by the follow-up prefix (no buttons)."""
    return Reply(
        text=f"{wording.FOLLOW_UP_PREFIX}{reply.text}",
        fact=reply.fact,
        facts=reply.facts,
        closest_match=reply.closest_match,
        note=reply.note,
    )
