"""Rank a medicine's facts for a question the intent classifier was unsure of.

Pure module (rank-bm25, no Rasa). Each topic of a medicine is one document:
its answer, its quoted seed passages, its label, and the bot's own NLU examples
for that topic's intent. BM25 ranks the documents for the patient's words; the
caller answers the top fact when it clearly wins, or offers the best topics.

Memory and time: two medicines of about 20 topics each make 40 documents of a
few hundred words; the index is a few hundred kilobytes and ranking takes well
under a millisecond (`tests/test_retrieval.py` measures neither; the decision
time is printed by `scripts/question_report.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from core.constants import (
    TOPIC_ADMINISTRATION,
    TOPIC_APPROVAL,
    TOPIC_APPROVED_USES,
    TOPIC_BOXED_WARNING,
    TOPIC_BY_INTENT,
    TOPIC_DEVELOPER,
    TOPIC_DOSE,
    TOPIC_DOSE_ADJUSTMENT,
    TOPIC_DRUG_CLASS,
    TOPIC_INVESTIGATIONAL_USES,
    TOPIC_LABELS,
    TOPIC_MECHANISM,
    TOPIC_OVERVIEW,
    TOPIC_PRECAUTIONS,
    TOPIC_PREMEDICATION,
    TOPIC_PRETREATMENT_TESTS,
    TOPIC_RELATED_RESEARCH,
    TOPIC_REPORT_MONITOR,
    TOPIC_SCHEDULE,
    TOPIC_SIDE_EFFECTS_CHEMO,
    TOPIC_SIDE_EFFECTS_COMMON,
    TOPIC_SIDE_EFFECTS_SERIOUS,
    TOPIC_TRIAL_RESULTS,
)
from core.facts import FactStore
from core.nlu_examples import examples_by_intent

# A top score this many times the runner-up's is a clear winner. Chosen on
# tests/eval/questions_dev.yml (scripts/question_report.py prints the effect).
CLEAR_WIN_RATIO = 1.6
# Below this BM25 score nothing is close enough to offer as an answer.
MIN_SCORE = 2.0
CHOICES = 3
# A second question in a message already known to ask several things needs
# less: its topic must still lead the next one clearly.
PART_RATIO = 1.4
PART_MIN_SCORE = 1.5

# The words patients ask each topic with (question words, not answers): the
# answer and quotes say "is approved in China"; a patient asks "can my doctor
# prescribe it?". Added to each topic's document, for every medicine alike, so a
# new fact file gets them too.
TOPIC_QUESTION_WORDS: Dict[str, str] = {
    TOPIC_OVERVIEW: "explain nutshell basics summary introduction plain english "
    "leaflet letter called name drug medicine medication",
    TOPIC_MECHANISM: "work works working action target targets block blocks attack "
    "signal cell cells pathway receptor switch",
    TOPIC_DRUG_CLASS: "type kind class category classified family group steroid chemo "
    "chemotherapy immunotherapy antibody biologic targeted",
    TOPIC_APPROVED_USES: "approved treat treats treating used use condition conditions "
    "indication indications",
    TOPIC_INVESTIGATIONAL_USES: "studied studying trial trials investigational "
    "experimental tested testing tried research conditions diseases",
    TOPIC_ADMINISTRATION: "given give infusion drip iv vein injection jab pill tablet "
    "intravenous minutes hospital clinic home",
    TOPIC_DOSE: "dose dosage mg milligrams amount much weight strength",
    TOPIC_SCHEDULE: "often frequency frequently every weeks interval cycle cycles days "
    "long duration stop",
    TOPIC_SIDE_EFFECTS_COMMON: "side effects common usual reactions everyday mild",
    TOPIC_SIDE_EFFECTS_CHEMO: "chemo chemotherapy combined combination platinum "
    "together",
    TOPIC_SIDE_EFFECTS_SERIOUS: "serious severe dangerous emergency immune attack "
    "organs inflammation risks",
    TOPIC_REPORT_MONITOR: "report call tell contact watch monitor monitoring check "
    "checks blood tests during look out",
    TOPIC_PRETREATMENT_TESTS: "before start starting tests test screening checks "
    "baseline biomarker",
    TOPIC_PREMEDICATION: "before infusion premedication first beforehand antihistamine "
    "prevent reaction",
    TOPIC_PRECAUTIONS: "avoid careful precautions safe safety warnings dos donts",
    TOPIC_TRIAL_RESULTS: "results work effective effectiveness efficacy cure shrink "
    "shrinks response respond survival longer odds chance chances percent success "
    "promising better benefit outcome",
    TOPIC_APPROVAL: "approved approval licensed license available availability "
    "prescribe prescription get access buy country countries status regulator market",
    TOPIC_DEVELOPER: "made makes company developed developer manufacturer maker owns "
    "rights",
    TOPIC_DOSE_ADJUSTMENT: "change lower reduce adjust kidney liver problems",
    TOPIC_BOXED_WARNING: "black box boxed warning",
    TOPIC_RELATED_RESEARCH: "research future science studies scientists",
}
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STOPWORDS = frozenset(
    "a an the and or of to in on for with is are was were be been being it its this "
    "that these those i me my we our you your he she his her they them their what "
    "which who whom how when where why do does did can could will would should may "
    "might must shall have has had about any some there here from by at as if so not "
    "no yes just please tell know want get got also more most very much many really "
    "thing things am".split()
)
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ed",
    "es",
    "s",
    "ly",
)


def tokens(text: str) -> List[str]:
    """Lower-case word stems without stop words."""
    result = []
    for word in _WORD.findall(text.lower()):
        if word in _STOPWORDS or len(word) < 2:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        result.append(word)
    return result


def nlu_examples_by_topic(nlu_dir: Path) -> Dict[str, List[str]]:
    """The bot's training examples of each topic intent, annotations removed."""
    topics: Dict[str, List[str]] = {}
    for intent, examples in examples_by_intent(nlu_dir).items():
        topic = TOPIC_BY_INTENT.get(intent)
        if topic is not None:
            topics.setdefault(topic, []).extend(examples)
    return topics


@dataclass(frozen=True)
class Ranking:
    """Topics of one medicine, best first, with their BM25 scores."""

    medicine_id: str
    scored: Tuple[Tuple[str, float], ...]

    @property
    def clear_winner(self) -> Optional[str]:
        """The top topic when it clearly beats the rest, else None."""
        return self.winner(CLEAR_WIN_RATIO, MIN_SCORE)

    def winner(self, ratio: float, min_score: float) -> Optional[str]:
        """The top topic if it scores `min_score` and `ratio` times the next."""
        if not self.scored or self.scored[0][1] < min_score:
            return None
        top = self.scored[0][1]
        second = self.scored[1][1] if len(self.scored) > 1 else 0.0
        return self.scored[0][0] if top >= ratio * max(second, 1e-9) else None

    def best(self, count: int = CHOICES) -> List[str]:
        """Up to `count` topics with a score above zero."""
        return [topic for topic, score in self.scored[:count] if score > 0]


class FactRetriever:
    """One BM25 index per medicine over its topics."""

    def __init__(self, store: FactStore, examples: Dict[str, List[str]]) -> None:
        from rank_bm25 import BM25Okapi

        self._indexes: Dict[str, Tuple[List[str], BM25Okapi]] = {}
        for medicine in store.medicines:
            names = {n.lower() for n in (medicine.name, *medicine.aliases)}
            topics, documents = [], []
            for topic, fact in medicine.facts.items():
                text = " ".join(
                    [
                        fact.answer,
                        *fact.quotes,
                        TOPIC_LABELS.get(topic, topic),
                        TOPIC_QUESTION_WORDS.get(topic, ""),
                        *examples.get(topic, []),
                    ]
                )
                documents.append([t for t in tokens(text) if t not in names])
                topics.append(topic)
            if documents:
                self._indexes[medicine.id] = (topics, BM25Okapi(documents))
        self._names = {n.lower() for m in store.medicines for n in (m.name, *m.aliases)}

    def rank(self, medicine_id: str, text: str) -> Ranking:
        """The medicine's topics ranked for `text`."""
        if medicine_id not in self._indexes:
            return Ranking(medicine_id, ())
        topics, index = self._indexes[medicine_id]
        query = [t for t in tokens(text) if t not in self._names]
        if not query:
            return Ranking(medicine_id, ())
        scores = index.get_scores(query)
        ranked = sorted(zip(topics, (float(s) for s in scores)), key=lambda ts: -ts[1])
        return Ranking(medicine_id, tuple(ranked))


def build_retriever(store: FactStore, nlu_dir: Path) -> FactRetriever:
    """A retriever over the store, with the NLU examples in `nlu_dir` if present."""
    return FactRetriever(store, nlu_examples_by_topic(nlu_dir))


__all__: Sequence[str] = ("FactRetriever", "Ranking", "build_retriever", "tokens")
