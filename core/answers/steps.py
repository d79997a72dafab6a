"""The steps of the answer pipeline, each with one signature: `Step`.

Pure module. A step takes the reading, the topic choice and the draft answer so
far, and returns the next draft: the answer itself, the closest fact for a topic
the sources lack, what a comparison leaves unsettled, the parts of the question
the sources don't cover, the other parts asked, and when to get help.
"""

from dataclasses import dataclass, replace
from typing import Callable, List, Optional, Sequence, Tuple

from core.answers import replies as r
from core.answers.choosers import SIDE_EFFECT_TOPICS
from core.answers.conditions import (
    USE_TOPICS,
    condition_topic,
    fact_text,
    unmentioned_condition,
)
from core.answers.parts import MAX_PARTS
from core.answers.reading import Reading
from core.answers.side_effect_check import side_effect_check_replies
from core.answers.topic import TopicChoice, part_topic, related_topic
from core.answers.types import KEEP, Answer, Remembered, Reply, facts_answered
from core.comparisons import kinds_named, unsettled
from core.constants import (
    TOPIC_APPROVED_USES,
    TOPIC_DRUG_CLASS,
    TOPIC_INVESTIGATIONAL_USES,
    TOPIC_OVERVIEW,
)
from core.facts import STATUS_INVESTIGATIONAL, Fact, Medicine
from core.side_effects import Asked


@dataclass(frozen=True)
class Draft:
    """An answer in the making.

    Attributes:
        replies: the replies so far, in the order they are sent.
        answered: the one medicine answered for (None for none or several).
        medicine, pending_topic, last_topic: what the conversation remembers
            (see `Answer`).
    """

    replies: Tuple[Reply, ...] = ()
    answered: Optional[Medicine] = None
    medicine: Remembered = KEEP
    pending_topic: Remembered = KEEP
    last_topic: Remembered = KEEP

    def plus(self, replies: Sequence[Reply]) -> "Draft":
        """The draft with `replies` sent after the others."""
        return replace(self, replies=(*self.replies, *replies))

    def answer(self) -> Answer:
        """The finished answer."""
        return Answer(
            list(self.replies), self.medicine, self.pending_topic, self.last_topic
        )


Step = Callable[[Reading, TopicChoice, Draft], Draft]


def for_medicine(
    medicine: Medicine, replies: Sequence[Reply], last: Remembered = KEEP
) -> Draft:
    """Replies about one medicine, which "it" then refers to; no topic pending."""
    return Draft(tuple(replies), medicine, medicine.id, None, last)


# --- Answering a topic question ------------------------------------------------------


def _fact_mentions(fact: Optional[Fact], names: Sequence[str]) -> bool:
    if fact is None:
        return False
    answer = fact.answer.lower()
    return all(name.lower() in answer for name in names)


def _answered_medicines(
    reading: Reading, topic: Optional[str], follow_up: bool
) -> List[str]:
    """The medicines named, else the conversation's for a topic question unless
    another medicine is named: "Will they give me Benadryl first?" names another
    medicine, but one our own fact talks about: answer it."""
    turn = reading.turn
    slot = turn.slot_medicine or ""
    if reading.named or follow_up or not reading.store.medicine(slot):
        return list(reading.named)
    others = turn.other_medicines
    context_fact = reading.store.fact(slot, topic or "")
    return [slot] if not others or _fact_mentions(context_fact, others) else []


def _no_medicine(reading: Reading, topic: Optional[str]) -> Draft:
    """A medicine the bot does not cover is never answered with our facts; with
    none named, ask which (and remember the topic to answer once picked)."""
    others = reading.turn.other_medicines
    if others:
        reply = r.unknown_medicine_reply(reading.store, others)
        return Draft((reply,), pending_topic=None, last_topic=topic)
    return Draft((r.clarify_reply(reading.store, topic),), pending_topic=topic)


def _topic_facts(medicines: Sequence[Medicine], topic: str) -> List[Reply]:
    """Each medicine's fact on the topic, or that its sources say nothing on it.
    A medicine still in trials has no approved uses: "what is it used for?" also
    gets what it is being studied for."""
    replies = [
        r.fact_reply(m.facts[topic])
        if topic in m.facts
        else r.no_information_reply(m, topic)
        for m in medicines
    ]
    if topic == TOPIC_APPROVED_USES:
        replies += [
            r.fact_reply(m.facts[TOPIC_INVESTIGATIONAL_USES])
            for m in medicines
            if m.status == STATUS_INVESTIGATIONAL
            and TOPIC_INVESTIGATIONAL_USES in m.facts
        ]
    return replies


def _conditions(
    reading: Reading, medicines: Sequence[Medicine], topic: str, given: Sequence[Reply]
) -> List[Reply]:
    """A condition the question names that the uses never mention is said so; one
    they do mention is answered by the fact on its uses that mentions it,
    whatever the topic read ("does it help X?")."""
    replies: List[Reply] = []
    if topic in USE_TOPICS:
        conditions = [(m, unmentioned_condition(m, reading.text)) for m in medicines]
        replies += [r.unmentioned_condition_reply(m, c) for m, c in conditions if c]
    given_ids = {fact.id for fact in facts_answered(given)}
    for medicine in medicines:
        found = condition_topic(medicine, reading.text)
        if found and medicine.facts[found].id not in given_ids:
            replies.append(r.fact_reply(medicine.facts[found]))
    return replies


def _asked_effects(reading: Reading, topic: str) -> Sequence[Asked]:
    """A named symptom asked about in a side-effect question, or with "could
    that be the drug?" whatever topic the rest reads as."""
    if topic in SIDE_EFFECT_TOPICS or reading.attribution:
        return reading.effects
    return ()


def _question_replies(
    reading: Reading, medicines: Sequence[Medicine], topic: str
) -> List[Reply]:
    """The replies to a topic question (not a follow-up) for the medicines."""
    if topic == TOPIC_OVERVIEW:
        return [r.overview_reply(m) for m in medicines]
    asked = _asked_effects(reading, topic)
    if asked:
        return [
            reply for m in medicines for reply in side_effect_check_replies(m, asked)
        ]
    replies = _topic_facts(medicines, topic)
    return replies + _conditions(reading, medicines, topic, replies)


def answer_question(reading: Reading, chosen: TopicChoice, draft: Draft) -> Draft:
    """A topic question answers for the medicines named in the message, else
    for the medicine of the conversation, else asks which medicine. A message
    that only names a medicine ("what about plozalizumab?") answers the pending
    or last topic for it, or gives its overview."""
    turn = reading.turn
    follow_up = chosen.topic is None
    asked = (turn.pending_topic or turn.last_topic) if follow_up else chosen.topic
    known = _answered_medicines(reading, asked, follow_up)
    if not known:
        return _no_medicine(reading, asked)
    topic = asked or TOPIC_OVERVIEW
    medicines = [m for m in (reading.store.medicine(i) for i in known) if m is not None]
    replies = (
        _topic_facts(medicines, topic)
        if follow_up
        else _question_replies(reading, medicines, topic)
    )
    # Two medicines at once leave no single "it" for a follow-up.
    single = medicines[0] if len(known) == 1 else None
    return Draft(tuple(replies), single, single.id if single else None, None, topic)


# --- After the answer ----------------------------------------------------------------


def closest_to_uncovered(reading: Reading, chosen: TopicChoice, draft: Draft) -> Draft:
    """When the topic asked is one the medicine's sources lack ("no
    information"), the fact that clearly leads the ranking of the patient's
    words, said to be the closest match: "what have natural killer cells got to
    do with it?" read as a precautions question still reaches how it works."""
    medicine, topic = draft.answered, chosen.topic
    if reading.retriever is None or medicine is None or topic is None:
        return draft
    if topic in medicine.facts or len(draft.replies) != 1:
        return draft
    winner = reading.rank(medicine.id).clear_winner or related_topic(medicine, topic)
    return (
        draft.plus([r.closest_match_reply(medicine.facts[winner])]) if winner else draft
    )


def _with_comparison(draft: Draft, things: Sequence[str]) -> Draft:
    """After the answer to a comparison, say which things compared the facts
    given never mention (the sources don't settle those comparisons)."""
    facts = facts_answered(draft.replies)
    sources = " ".join(fact_text(f) for f in facts)
    missing = unsettled(things, sources) if facts else []
    return draft.plus([r.not_compared_reply(missing)]) if missing else draft


def comparison(reading: Reading, chosen: TopicChoice, draft: Draft) -> Draft:
    """What the comparison asked leaves unsettled."""
    return _with_comparison(draft, reading.compared)


def comparison_or_kind(reading: Reading, chosen: TopicChoice, draft: Draft) -> Draft:
    """What the comparison asked leaves unsettled; "is it a steroid?" compares by
    its form alone."""
    if reading.compared:
        return _with_comparison(draft, reading.compared)
    if chosen.topic == TOPIC_DRUG_CLASS:
        return _with_comparison(draft, kinds_named(reading.text))
    return draft


def uncovered_aspects(reading: Reading, chosen: TopicChoice, draft: Draft) -> Draft:
    """Put the not-covered statement first when the question asks about
    something the answered medicine's sources never mention."""
    if draft.answered is None or not reading.uncovered:
        return draft
    first = r.uncovered_reply(draft.answered, reading.uncovered)
    return replace(draft, replies=(first, *draft.replies))


def uncovered_unless_only_named(
    reading: Reading, chosen: TopicChoice, draft: Draft
) -> Draft:
    """`uncovered_aspects`, except for a message that only names a medicine."""
    if reading.names_only and chosen.topic is None:
        return draft
    return uncovered_aspects(reading, chosen, draft)


def other_parts(reading: Reading, chosen: TopicChoice, draft: Draft) -> Draft:
    """In a question of several parts, each other part whose topic is clear (up
    to MAX_PARTS topics in all); the topic the classifier read stays one of the
    parts answered when another reading took the lead."""
    medicine = draft.answered
    if reading.retriever is None or len(reading.parts) < 2 or medicine is None:
        return draft
    last = draft.last_topic if isinstance(draft.last_topic, str) else None
    answered = {last} | {fact.topic for fact in facts_answered(draft.replies)}
    topics = [part_topic(reading, medicine, part) for part in reading.parts]
    extra: List[Reply] = []
    for topic in (*topics, reading.intent_topic):
        if topic is None or topic in answered or len(answered) >= MAX_PARTS:
            continue
        answered.add(topic)
        if topic in medicine.facts:
            extra.append(r.fact_reply(medicine.facts[topic]))
    return draft.plus(extra)


def when_to_call(reading: Reading, chosen: TopicChoice, draft: Draft) -> Draft:
    """When-to-call advice for the symptoms asked about (not reported)."""
    advice = r.when_to_call_reply(reading.turn.asked_symptoms)
    return draft.plus([advice]) if advice is not None else draft
