"""The answer decision as one pipeline: read the turn, choose the topic, run the steps.

Pure module: no Rasa imports. The actions read the tracker into a `Turn`, call
`respond`, `fallback_outcome` or `uncovered_outcome`, and send the `Answer`.
The three are modes of the same pipeline: each has its topic chooser
(`core.answers.choosers`) and its ordered steps (`core.answers.steps`).
"""

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Sequence

from core.answers import replies as r
from core.answers import topic as t
from core.answers.choosers import (
    choose_for_question,
    choose_for_uncovered,
    choose_for_unsure,
)
from core.answers.conditions import condition_topic
from core.answers.reading import Reading, read
from core.answers.side_effect_check import side_effect_check_replies
from core.answers.steps import (
    Draft,
    Step,
    answer_question,
    closest_to_uncovered,
    comparison,
    comparison_or_kind,
    for_medicine,
    other_parts,
    uncovered_aspects,
    uncovered_unless_only_named,
    when_to_call,
)
from core.answers.topic import TopicChoice, part_topics
from core.answers.types import Answer, Reply, Turn
from core.constants import TOPIC_BY_INTENT
from core.facts import FactStore, Medicine
from core.triage.levels import ROUTINE, URGENT

if TYPE_CHECKING:
    from core.retrieval import FactRetriever


# --- Answering an unsure question ----------------------------------------------------


def _closest(reading: Reading, chosen: TopicChoice, medicine: Medicine) -> Draft:
    """The topic chosen as the closest match (the next best as buttons), and the
    fact that mentions the condition the question names."""
    topic = chosen.topics[0]
    replies = [r.closest_match_reply(medicine.facts[topic], chosen.alternatives)]
    found = condition_topic(medicine, reading.text)
    if found and found != topic:
        replies.append(r.fact_reply(medicine.facts[found]))
    return for_medicine(medicine, replies, topic)


def _each_closest(reading: Reading, chosen: TopicChoice, medicine: Medicine) -> Draft:
    replies = [r.closest_match_reply(medicine.facts[topic]) for topic in chosen.topics]
    return for_medicine(medicine, replies, chosen.last)


def _only_medicine(medicine: Medicine, replies: Sequence[Reply]) -> Draft:
    """Replies about the medicine, which "it" then refers to; nothing else changes."""
    return Draft(tuple(replies), medicine, medicine.id)


MedicineAnswer = Callable[[Reading, TopicChoice, Medicine], Draft]

UNSURE_ANSWERS: Dict[str, MedicineAnswer] = {
    t.SIDE_EFFECT_CHECK: lambda reading, chosen, medicine: _only_medicine(
        medicine, side_effect_check_replies(medicine, reading.effects_asked)
    ),
    t.PARTS: _each_closest,
    t.CHOICES: lambda reading, chosen, medicine: _only_medicine(
        medicine, [r.topic_choices_reply(medicine, chosen.alternatives)]
    ),
    t.NOTHING: lambda reading, chosen, medicine: _only_medicine(
        medicine, [r.rephrase_reply(reading.store, medicine.id)]
    ),
}


def answer_unsure(reading: Reading, chosen: TopicChoice, draft: Draft) -> Draft:
    """The intent was uncertain. With a covered medicine named: the side-effect
    check, the closest match, each part's, or its best topics. With none, ask to
    rephrase (suggestions for the medicine of the conversation first)."""
    if chosen.reason == t.NO_MEDICINE:
        return Draft((r.rephrase_reply(reading.store, reading.turn.slot_medicine),))
    medicine = reading.store.medicine(reading.named[0])
    assert medicine is not None
    return UNSURE_ANSWERS.get(chosen.reason, _closest)(reading, chosen, medicine)


# --- Answering a question the sources may not cover ----------------------------------


def _not_covered(reading: Reading, chosen: TopicChoice, medicine: Medicine) -> Draft:
    first = (
        r.uncovered_reply(medicine, reading.uncovered)
        if reading.uncovered
        else r.no_information_reply(medicine, "")
    )
    return for_medicine(medicine, [first])


UNCOVERED_ANSWERS: Dict[str, MedicineAnswer] = {
    t.SIDE_EFFECT_CHECK: lambda reading, chosen, medicine: for_medicine(
        medicine, side_effect_check_replies(medicine, reading.effects_asked)
    ),
    t.COVERING: _each_closest,
    t.NOT_COVERED: _not_covered,
}


def answer_uncovered(reading: Reading, chosen: TopicChoice, draft: Draft) -> Draft:
    """For the medicine in play: the side-effect check, the facts that mention
    what was asked, or which parts are not covered. With no covered medicine in
    play, a general "not covered" reply."""
    medicine = reading.in_play
    if medicine is None:
        return Draft((r.not_covered_reply(),))
    return UNCOVERED_ANSWERS[chosen.reason](reading, chosen, medicine)


def covered_parts(reading: Reading, chosen: TopicChoice, draft: Draft) -> Draft:
    """After "not covered": each other part whose topic clearly leads (up to
    three), else the best topics of the first other part. The uncovered part is
    never answered with a neighbouring fact."""
    medicine = draft.answered
    if chosen.reason != t.NOT_COVERED or medicine is None or len(reading.parts) < 2:
        return draft
    aspects = reading.uncovered
    parts = [p for p in reading.parts if not any(a.asked.search(p) for a in aspects)]
    topics = part_topics(reading, medicine, parts)
    if topics:
        facts = [r.fact_reply(medicine.facts[topic]) for topic in topics]
        return replace(draft.plus(facts), last_topic=topics[-1])
    best = reading.rank(medicine.id, parts[0]).best() if parts else []
    return draft.plus([r.topic_choices_reply(medicine, best)]) if best else draft


# --- The modes -----------------------------------------------------------------------


@dataclass(frozen=True)
class Mode:
    """How one kind of question is answered: its topic chooser and its steps."""

    choose: Callable[[Reading], TopicChoice]
    steps: Sequence[Step]


# A topic question, or a message only naming a medicine.
QUESTION = Mode(
    choose_for_question,
    (
        answer_question,
        closest_to_uncovered,
        comparison_or_kind,
        uncovered_unless_only_named,
        other_parts,
        when_to_call,
    ),
)
# The intent classifier was unsure.
UNSURE = Mode(choose_for_unsure, (answer_unsure, uncovered_aspects, comparison))
# The classifier read a question the sources don't cover.
UNCOVERED = Mode(choose_for_uncovered, (answer_uncovered, covered_parts))


def run(mode: Mode, reading: Reading) -> Answer:
    """Choose the topic, then run the mode's steps in order."""
    chosen = mode.choose(reading)
    draft = Draft()
    for step in mode.steps:
        draft = step(reading, chosen, draft)
    return draft.answer()


def respond(
    store: FactStore, turn: Turn, retriever: Optional["FactRetriever"] = None
) -> Answer:
    """Replies for the turn, plus when-to-call advice for symptoms asked about.

    With a retriever, a message of several questions gets an answer for each
    part whose topic clearly wins the ranking (up to three topics in all)."""
    return run(QUESTION, read(store, turn, retriever))


def fallback_outcome(
    store: FactStore, retriever: "FactRetriever", text: str, turn: Turn
) -> Answer:
    """The intent was uncertain. If a covered medicine is named, rank its facts:
    answer a clear winner as the closest match, else offer its best topics. With
    no covered medicine named, ask to rephrase (suggestions for the medicine of
    the conversation first)."""
    return run(UNSURE, read(store, turn, retriever, text))


def uncovered_outcome(
    store: FactStore, retriever: "FactRetriever", turn: Turn
) -> Answer:
    """The classifier reads a question the sources don't cover. For the named
    medicine (or the one of the conversation): a side-effect question gets the
    side-effect check; otherwise say which parts are not covered, then answer
    each other part whose topic clearly leads (up to three). With no covered
    medicine in play, a general "not covered" reply."""
    return run(UNCOVERED, read(store, turn, retriever))


# --- After an escalation -------------------------------------------------------------

# DIET's reading of the question under a symptom report must be this sure to be
# answered: below it, the escalation stands alone rather than answer a guess.
QUESTION_UNDER_ESCALATION_CONFIDENCE = 0.5
_QUESTION_FORM = re.compile(
    r"\?|(?:^|[.,;!]\s*|\band\s+|\bbut\s+)(?:how|what|when|which|why|is|are|can|could|"
    r"does|do|should|will|would)\b",
    re.IGNORECASE,
)


def _question_under_escalation(reading: Reading) -> List[Reply]:
    """The facts answering the topic question asked with a symptom report: the
    classifier's best topic intent, read as the question's topic."""
    turn = reading.turn
    question = next((i for i in turn.intent_ranking if i in TOPIC_BY_INTENT), None)
    if question is None or not _QUESTION_FORM.search(turn.text):
        return []
    if turn.intent_confidence.get(question, 0.0) < QUESTION_UNDER_ESCALATION_CONFIDENCE:
        return []
    as_question = replace(
        reading, intent_topic=TOPIC_BY_INTENT[question], names_only=False
    )
    answer = run(QUESTION, as_question)
    return [reply for reply in answer.replies if reply.fact is not None]


def escalation_follow_up(
    store: FactStore,
    turn: Turn,
    level: Optional[str],
    retriever: Optional["FactRetriever"] = None,
) -> List[Reply]:
    """After an urgent or routine escalation, the question the message also
    asked, answered from the facts under the escalation: the side-effect check
    ("...a rash since yesterday, is this from socazolimab?"), else the topic the
    intent classifier read before triage took the message ("...diarrhoea six
    times today, how often is it given?"). Never after an emergency: that reply
    must stand alone."""
    if level not in (URGENT, ROUTINE):
        return []
    reading = read(store, turn, retriever)
    medicine = reading.in_play
    if medicine is not None and reading.effects_asked:
        replies = side_effect_check_replies(medicine, reading.effects_asked)
    else:
        replies = _question_under_escalation(reading)
    return [r.follow_up_reply(reply) for reply in replies]
