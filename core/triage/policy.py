"""The triage decision for one message, from its three readings.

Pure function, no Rasa: the NLU component (`components/triage_component.py`)
reads the message, calls `decide`, and writes the decision into it.

The readings:

* the rules' `Assessment` (`core/triage/detector.py`), and whether the message
  speaks of a bodily or mental state at all (`SymptomDetector.mentions_state`);
* the `Verdict` of the rules with the learned classifier (`core/triage/verdict.py`);
* DIET's top intent and its confidence (NLU fallback left out), used only to
  offer the safety check or, with the classifier's doubt, to escalate.

Outcomes:

* a reported symptom: the intent becomes `symptom_<level>` (escalation);
* past, resolved self-harm: `self_harm_support` (a gentle reply with a crisis line);
* a message that may be about a symptom, but neither layer is confident:
  `safety_check` (a one-tap question: is this happening now?);
* a symptom only negated or asked about: a symptom intent from DIET gives way
  to its next best intent, and the categories asked about are tagged for
  when-to-call advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from core.constants import (
    INTENT_BY_TRIAGE_LEVEL,
    INTENT_SAFETY_CHECK,
    INTENT_SELF_HARM_SUPPORT,
    LEVEL_BY_INTENT,
    TRIAGE_CATEGORY_UNCLASSIFIED,
)
from core.triage.categories import SELF_HARM
from core.triage.findings import Assessment
from core.triage.levels import EMERGENCY
from core.triage.verdict import Verdict

# Character offsets (start, end) of what an entity points at in the message.
Offsets = Tuple[int, int]


@dataclass(frozen=True)
class DietGuess:
    """DIET's top intent (NLU fallback left out) and its confidence."""

    intent: Optional[str] = None
    confidence: float = 0.0

    def level(self, min_confidence: float) -> Optional[str]:
        """The triage level DIET's symptom intent names, when it is sure enough."""
        if self.intent is None or self.confidence < min_confidence:
            return None
        return LEVEL_BY_INTENT.get(self.intent)


@dataclass(frozen=True)
class Readings:
    """Everything the decision reads about one message.

    `unsure_threshold` is the classifier's safety-check threshold, None without
    a trained classifier.
    """

    assessment: Assessment
    verdict: Verdict
    state: bool
    diet: DietGuess
    min_confidence: float
    unsure_threshold: Optional[float]
    text_length: int


@dataclass(frozen=True)
class TriageDecision:
    """What the message gets: a level, a reply intent, and entities.

    `level` and `category` (never None with a level) escalate; `self_harm_support`
    and `unsure` pick the gentle self-harm reply and the safety check;
    `drop_symptom_guess` lets DIET's symptom intent give way to its next best
    intent. `span` is where the level's entities point; `questions` are the
    categories asked about, each with where it was asked.
    """

    level: Optional[str]
    category: Optional[str]
    unsure: bool
    self_harm_support: bool
    drop_symptom_guess: bool
    span: Offsets
    questions: Tuple[Tuple[str, Offsets], ...]

    @property
    def intent(self) -> Optional[str]:
        """The intent that replaces DIET's, or None to keep it (or its next best)."""
        if self.level is not None:
            return INTENT_BY_TRIAGE_LEVEL[self.level]
        if self.self_harm_support:
            return INTENT_SELF_HARM_SUPPORT
        return INTENT_SAFETY_CHECK if self.unsure else None


def _classifier_unsure(r: Readings) -> bool:
    """The classifier reads some symptom in a message about a state."""
    return (
        r.unsure_threshold is not None
        and r.verdict.symptom_probability >= r.unsure_threshold
        and r.state
    )


def _diet_alone(r: Readings, guessed: Optional[str]) -> bool:
    """DIET reads a symptom the rules don't know, in a message about a state."""
    return guessed is not None and not r.assessment.findings and r.state


def _escalation(
    r: Readings, guessed: Optional[str]
) -> Tuple[Optional[str], Optional[str]]:
    """Level and category from the rules and the classifier; failing them, DIET
    reads a symptom the rules don't know, and the classifier does not call it
    calm: two readings of three, so escalate."""
    level, category = r.verdict.level, r.verdict.category
    no_classifier = r.unsure_threshold is None
    if level is None and _diet_alone(r, guessed):
        if no_classifier or _classifier_unsure(r):
            return guessed, TRIAGE_CATEGORY_UNCLASSIFIED
    return level, category


def _unsure(r: Readings, level: Optional[str], guessed: Optional[str]) -> bool:
    """Nothing escalates, the rules did not call it calm, and DIET or the
    classifier reads a symptom; or DIET alone reads self-harm history, which
    only the detector may call: ask instead."""
    if level is not None:
        return False
    if not r.assessment.judged_calm and (
        _diet_alone(r, guessed) or _classifier_unsure(r)
    ):
        return True
    return (
        r.diet.intent == INTENT_SELF_HARM_SUPPORT and not r.assessment.self_harm_history
    )


def _questions(
    assessment: Assessment, text_length: int
) -> Tuple[Tuple[str, Offsets], ...]:
    asked = {
        f.category: (f.start, f.end) for f in assessment.findings if f.hypothetical
    }
    return tuple(
        (category, asked.get(category, (0, text_length)))
        for category in assessment.asked_about
    )


def _span(assessment: Assessment, category: Optional[str], text_length: int) -> Offsets:
    """The reported finding of the category, or the whole message."""
    top = next(
        (f for f in assessment.findings if f.reported and f.category == category),
        None,
    )
    return (top.start, top.end) if top else (0, text_length)


def decide(r: Readings) -> TriageDecision:
    """The triage decision for one message's readings."""
    guessed = r.diet.level(r.min_confidence)
    level, category = _escalation(r, guessed)
    unsure = _unsure(r, level, guessed)
    possible = r.assessment.self_harm_possible or r.verdict.self_harm_possible
    if possible and not r.assessment.escalates:
        if level == EMERGENCY:
            # The classifier's emergency for words that may be about ending
            # one's life: the self-harm reply, which gives the crisis line.
            category = SELF_HARM
        else:
            # Ask, with the crisis line; an urgent or routine reply gives neither.
            level, category, unsure = None, None, True
    support = level is None and r.assessment.self_harm_history
    return TriageDecision(
        level=level,
        category=(category or TRIAGE_CATEGORY_UNCLASSIFIED) if level else None,
        unsure=unsure and not support,
        self_harm_support=support,
        # The rules read the symptom as negated or asked about: not a report.
        drop_symptom_guess=level is None
        and not support
        and not unsure
        and guessed is not None,
        span=_span(r.assessment, category, r.text_length),
        questions=_questions(r.assessment, r.text_length),
    )
