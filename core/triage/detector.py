"""Detect red-flag symptoms in a patient's message and assign a triage level.

Pure module: spaCy, no Rasa. Runs on every message inside the Rasa NLU pipeline
(`components/triage_component.py`), independent of the intent classifier, so an
emergency is escalated even when the classifier is wrong or the action server is
down.

How a message is read, one stage a module:

1. `normalise`: tokens, sentences and normalised forms, typos corrected.
2. `matcher`: the rules' phrases and concepts (`rules`); `measurements`:
   temperatures and vital signs against their thresholds.
3. `context`: each finding is dropped if negated and marked hypothetical when
   its sentence asks about it rather than reports it; `timing`: marked resolved
   when it is over, normal or long past. Reports by carers count.
4. Here: the highest level among reported findings wins, or an emergency that
   two findings make together. When in doubt the rules err towards escalation.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Sequence

from core.triage.categories import (
    DEHYDRATION,
    INFUSION_REACTION,
    SELF_HARM,
    SELF_HARM_HISTORY,
    SELF_HARM_POSSIBLE,
)
from core.triage.context import hypothetical, negated, others_state
from core.triage.findings import Assessment, Finding
from core.triage.levels import CALM, EMERGENCY, ROUTINE, URGENT, level_rank
from core.triage.matcher import RuleMatcher, longest_first
from core.triage.measurements import temperatures, vital_signs
from core.triage.normalise import Normaliser, build_pipeline
from core.triage.rules import (
    COMBINED_EMERGENCIES,
    INFUSION_CONTEXT,
    INFUSION_SIGNS,
    RULES,
)
from core.triage.self_harm import ASKED, CURRENT, HISTORY, POSSIBLE, find_self_harm
from core.triage.symptom_rule import SymptomRule
from core.triage.timing import resolved
from core.triage.tokens import doc_norm
from core.triage.words_context import (
    FIRST_PERSON,
    REPORT_CUES,
    SCOPE_BREAKS,
)
from core.triage.words_state import STATE_LEXICON

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Characters after a denied symptom that a time word belongs to.
_DENIAL_REACH = 25
# A last clause opening with one of these is a denial: "wee is normal, no blood".
_DENIAL_OPENERS = frozenset({"no", "without", "nor"})
_SELF_HARM_CATEGORY = {HISTORY: SELF_HARM_HISTORY, POSSIBLE: SELF_HARM_POSSIBLE}


class SymptomDetector:
    """Reads a message and returns its triage `Assessment`."""

    def __init__(self, rules: Sequence[SymptomRule] = RULES) -> None:
        nlp = build_pipeline()
        self._normaliser = Normaliser(nlp)
        self._rules: Dict[str, SymptomRule] = {r.category: r for r in rules}
        self._matcher = RuleMatcher(nlp.vocab, rules, self._normaliser.normalise_word)
        self._normaliser.set_vocabulary(self._matcher.vocabulary)

    def assess(self, text: str) -> Assessment:
        """Triage one message. Never raises on any string."""
        if not text or not text.strip():
            return Assessment(CALM, None, (), ())
        doc = self._normaliser.doc(text)
        findings: List[Finding] = list(self._self_harm(text))
        for category, span in longest_first(self._matcher.spans(doc), self._rules):
            if self._ruled_out(category, span):
                continue
            findings.append(_finding(category, self._rules[category].level, span))
        findings.extend(temperatures(doc, findings))
        findings.extend(vital_signs(doc.text))
        return summarise(promote_reported_questions(text, findings))

    def _self_harm(self, text: str) -> Iterable[Finding]:
        """The self-harm reading's findings (a method, so a test can weaken it)."""
        return self_harm_findings(text)

    def _ruled_out(self, category: str, span: Span) -> bool:
        """A word right after or before the match shows it is something else."""
        rule, doc = self._rules[category], span.doc
        if span.end < len(doc) and doc_norm(doc[span.end]) in rule.not_before:
            return True
        return bool(span.start) and doc_norm(doc[span.start - 1]) in rule.not_after

    def mentions_state(
        self, text: str, assessment: Optional[Assessment] = None
    ) -> bool:
        """Does the message speak of a bodily or emotional state? Any symptom
        finding (in whatever reading), a body part, or a word for feeling unwell."""
        if not text or not text.strip():
            return False
        if (assessment or self.assess(text)).findings:
            return True
        doc = self._normaliser.doc(text)
        own = bool(FIRST_PERSON & {t.lower_ for t in doc})
        return any(_state_word(t) and (own or not others_state(t)) for t in doc)


def _state_word(token: Token) -> bool:
    return doc_norm(token) in STATE_LEXICON or (
        token.lower_ in STATE_LEXICON and doc_norm(token) != "will"
    )


def self_harm_findings(text: str) -> Iterable[Finding]:
    """What the self-harm reading finds, as triage findings."""
    for found in find_self_harm(text):
        yield Finding(
            _SELF_HARM_CATEGORY.get(found.reading, SELF_HARM),
            EMERGENCY if found.reading == CURRENT else CALM,
            found.text,
            negated=False,
            # Its offsets are in the normalised text: point at the whole message.
            hypothetical=found.reading == ASKED,
            start=0,
            end=len(text),
            resolved=found.reading == HISTORY,
        )


def _once(sentence: Span) -> bool:
    norms = [doc_norm(t) for t in sentence]
    if "once" in norms:
        return True
    return any(
        a in {"1", "one"} and b in {"time", "episode"} for a, b in zip(norms, norms[1:])
    )


def _denied(span: Span) -> bool:
    """A match across a comma is negated only by words in its last clause:
    "can't leave the loo, 10 watery ones" is not a denial; but a last clause
    that is a denial is one: "wee is normal, no blood"."""
    breaks = [t.i for t in span if doc_norm(t) in SCOPE_BREAKS]
    last_clause = span.doc[breaks[-1] + 1 : span.end] if breaks else span
    if len(last_clause) and negated(last_clause):
        return True
    return (
        bool(breaks)
        and len(last_clause) > 1
        and doc_norm(last_clause[0]) in _DENIAL_OPENERS
    )


def _finding(category: str, level: str, span: Span) -> Finding:
    if (
        category in INFUSION_SIGNS
        and {doc_norm(t) for t in span.sent} & INFUSION_CONTEXT
    ):
        category, level = INFUSION_REACTION, URGENT
    if category == DEHYDRATION and _once(span.sent):
        level = ROUTINE  # UKONS: one episode of vomiting in 24 hours is green
    return Finding(
        category=category,
        level=level,
        text=span.text,
        negated=_denied(span),
        hypothetical=hypothetical(span),
        start=span.start_char,
        end=span.end_char,
        resolved=resolved(span),
    )


def promote_reported_questions(text: str, findings: List[Finding]) -> List[Finding]:
    """A question about a symptom plus a cue that the patient has it ("can it
    cause a rash? I have it now") is a report. A time word that belongs to a
    denial ("no headache right now") is not such a cue."""
    if not any(f.hypothetical for f in findings):
        return findings
    denials = [f for f in findings if f.negated]
    cues = [
        m
        for m in REPORT_CUES.finditer(text)
        if not any(d.start <= m.start() <= d.end + _DENIAL_REACH for d in denials)
    ]
    if not cues:
        return findings
    return [
        dataclasses.replace(f, hypothetical=False)
        if f.hypothetical and not f.negated and f.category != SELF_HARM
        else f
        for f in findings
    ]


def _combined_emergency(categories: set) -> Optional[str]:
    for first, partners, combined in COMBINED_EMERGENCIES:
        if categories & first and categories & partners:
            return combined
    return None


def summarise(findings: List[Finding]) -> Assessment:
    """The assessment the findings make: the highest reported level."""
    reported = [f for f in findings if f.reported]
    asked = tuple(
        dict.fromkeys(f.category for f in findings if f.hypothetical and not f.negated)
    )
    if not reported:
        history = any(f.category == SELF_HARM_HISTORY for f in findings)
        return Assessment(
            CALM, SELF_HARM_HISTORY if history else None, tuple(findings), asked
        )
    combined = _combined_emergency({f.category for f in reported})
    if combined is not None:
        return Assessment(EMERGENCY, combined, tuple(findings), asked)
    top = max(reported, key=lambda f: level_rank(f.level))
    return Assessment(top.level, top.category, tuple(findings), asked)


@functools.lru_cache(maxsize=1)
def default_detector() -> SymptomDetector:
    """One shared detector per process (building it takes about half a second)."""
    return SymptomDetector()
