"""Which topic to answer: the readings fused, and the choice with its reason.

Pure module. Three readings of a topic question: the intent classifier, BM25
over the named medicine's facts, and the form of the question
(`core.question_types`). A `TopicChoice` says which topic won, why, and which
others to offer in case it is not the one meant.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Sequence, Tuple

from core.answers.parts import MAX_PARTS
from core.answers.reading import Reading, as_the_medicine
from core.constants import TOPIC_BY_INTENT
from core.coverage import covering_topics
from core.facts import Medicine
from core.question_types import question_types
from core.retrieval import PART_MIN_SCORE, PART_RATIO

if TYPE_CHECKING:
    from core.retrieval import Ranking

# Each topic scores the classifier's confidence in it, plus this weight times
# its BM25 score relative to the best, plus QUESTION_TYPE_WEIGHT if its form
# asks for it; the highest is answered. With 1.0 the ranking overrules a
# confident classifier only when the classifier's topic shares few words with
# the question. Chosen on the development question sets
# (scripts/question_report.py prints the effect; 1.5 and 2.0 moved them by one
# question either way).
FUSION_WEIGHT = 1.0
# The third reading: a topic the form of the question asks for
# (core/question_types.py) gains this much.
QUESTION_TYPE_WEIGHT = 1.0

# Why a topic was chosen.
CLASSIFIER = "classifier"  # the intent classifier's topic, unchanged
READINGS = "readings"  # the three readings fused (`fused_topic`)
COMPARISON = "comparison"  # a comparison asks how ours works or what it is
NAME_WORDS = "name words"  # the words beside a medicine's name point to a fact
FOLLOW_UP = "follow-up"  # only a medicine named: the earlier topic carries on
SIDE_EFFECT_CHECK = "side-effect check"  # a symptom or organ asked about
FORM = "form"  # the form of the question asks for it
CLEAR_WINNER = "clear winner"  # it clearly leads the ranking of the words
PARTS = "parts"  # several questions: each part's topic
COVERING = "covering"  # its fact mentions what the question asks about
AGREEING_GUESS = "agreeing guess"  # the unsure classifier and the ranking agree
CHOICES = "choices"  # no topic: the best ones are offered
NOTHING = "nothing"  # no topic and nothing to offer
NO_MEDICINE = "no medicine"  # no covered medicine in play
NOT_COVERED = "not covered"  # the question is one the sources don't cover


@dataclass(frozen=True)
class TopicChoice:
    """The topics to answer, in order, why they were chosen, and the next best
    ones to offer in case they are not the ones meant."""

    topics: Tuple[str, ...]
    reason: str
    alternatives: Tuple[str, ...] = ()

    @property
    def topic(self) -> Optional[str]:
        """The topic answered first, if any."""
        return self.topics[0] if self.topics else None

    @property
    def last(self) -> Optional[str]:
        """The topic answered last (what a follow-up refers to), if any."""
        return self.topics[-1] if self.topics else None


def choice(
    topic: Optional[str], reason: str, alternatives: Sequence[str] = ()
) -> TopicChoice:
    """A choice of one topic (or none)."""
    return TopicChoice((topic,) if topic else (), reason, tuple(alternatives))


def _fused_scores(
    medicine: Medicine,
    scores: Mapping[str, float],
    confidence: Mapping[str, float],
    asked_for: Sequence[str],
) -> Dict[str, float]:
    """Each of the medicine's topics scored by the three readings together."""
    best = max(scores.values(), default=0.0)
    classifier = {
        TOPIC_BY_INTENT[i]: c for i, c in confidence.items() if i in TOPIC_BY_INTENT
    }
    return {
        topic: (
            classifier.get(topic, 0.0)
            + FUSION_WEIGHT * (scores.get(topic, 0.0) / best if best > 0 else 0.0)
            + QUESTION_TYPE_WEIGHT * (topic in asked_for)
        )
        for topic in set(classifier) | set(scores) | set(asked_for)
        if topic in medicine.facts
    }


def fused_topic(
    medicine: Medicine,
    ranking: "Ranking",
    confidence: Mapping[str, float],
    min_score: float = 0.0,
    asked_for: Sequence[str] = (),
) -> Optional[str]:
    """The medicine's topic that the classifier, the ranking and the form of
    the question (`asked_for`) favour together, if it leads the next (a tie is
    no answer) and scores `min_score` by BM25 or is asked for by its form."""
    scores = dict(ranking.scored)
    fused = _fused_scores(medicine, scores, confidence, asked_for)
    topics = sorted(fused, key=lambda t: (-fused[t], t))
    if not topics or fused[topics[0]] <= 0:
        return None
    if scores.get(topics[0], 0.0) < min_score and topics[0] not in asked_for:
        return None
    if len(topics) > 1 and fused[topics[0]] <= fused[topics[1]]:
        return None
    return topics[0]


# The fact that comes closest to a topic a medicine's sources lack: what a
# pharmacist would point to ("no section on precautions, but report any new or
# worsening symptoms").
RELATED_TOPICS: Dict[str, Tuple[str, ...]] = {
    "precautions": ("report_monitor",),
    "pretreatment_tests": ("report_monitor",),
    "related_research": ("investigational_uses",),
    "dose_adjustment": ("dose",),
    "premedication": ("administration",),
    "boxed_warning": ("side_effects_serious",),
    "side_effects_chemo": ("side_effects_common",),
    "developer": ("approval",),
}


def related_topic(medicine: Medicine, topic: str) -> Optional[str]:
    """The medicine's fact closest to a topic its sources lack, if any."""
    return next((t for t in RELATED_TOPICS.get(topic, ()) if t in medicine.facts), None)


def ranked_covering(medicine: Medicine, ranking: "Ranking", text: str) -> List[str]:
    """The topics whose facts mention an aspect `text` asks about, best ranked
    first; those the ranking scores zero are left out."""
    covering = covering_topics(medicine, text)
    return [t for t in ranking.best(len(medicine.facts)) if t in covering]


def part_topic(reading: Reading, medicine: Medicine, part: str) -> Optional[str]:
    """The topic one part of a question asks: the one its form asks for ("what
    is it?"), else the one that clearly leads its ranking."""
    asked_for = [
        t
        for t in question_types(as_the_medicine(reading.store, part))
        if t in medicine.facts
    ]
    if asked_for:
        return asked_for[0]
    return reading.rank(medicine.id, part).winner(PART_RATIO, PART_MIN_SCORE)


def part_topics(
    reading: Reading, medicine: Medicine, parts: Sequence[str]
) -> List[str]:
    """Each part's topic, once each, at most MAX_PARTS."""
    topics = (part_topic(reading, medicine, part) for part in parts)
    return list(dict.fromkeys(t for t in topics if t))[:MAX_PARTS]
