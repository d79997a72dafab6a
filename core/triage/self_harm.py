"""A high-recall detector for thoughts of suicide and self-harm.

Pure module: regular expressions, no spaCy, no Rasa. It runs before the symptom
rules on every message (`core/triage/detector.py`) and is deliberately broad: when a
message could be about wanting to die or to hurt oneself, it is read that way.

Vocabulary: the constructs of the Columbia Suicide Severity Rating Scale
(C-SSRS) screener, each written as our own patterns over lay wording:

* wish to be dead (passive ideation), including "not wanting to wake up";
* active thoughts of killing oneself, including slang;
* method, intent and plan; preparatory behaviour (saving up pills, notes,
  giving things away);
* self-injury (cutting, burning, hitting oneself);
* perceived burdensomeness ("they'd be better off without me"), an
  interpersonal-theory risk factor that C-SSRS-trained screeners ask about.

How a match is read:

* negated ("I'm not suicidal", "never thought of hurting myself") -> no finding;
* a question about the medicine ("can it cause suicidal thoughts?") -> `asked`,
  answered with the crisis line, not an emergency;
* clearly past and resolved ("years ago I cut myself, I'm well now") with no
  sign it is back -> `history`: a gentle reply that offers the crisis line;
* distress that may be about ending one's life without saying so ("I can't do
  this any more", "what's the point") -> `possible`: the bot asks gently and
  gives the crisis line;
* anything else -> `current`: the emergency reply with a crisis line. When
  unsure between the two, this is the reading.

Idioms ("this fatigue is killing me", "dying to know") match none of the
patterns, because each needs a self-directed object or a wish about one's life.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Pattern, Tuple

from core.triage.self_harm_constructs import CONSTRUCTS
from core.triage.self_harm_signs import (
    ACCIDENT,
    CONTRACTIONS,
    FAMILIES,
    FAMILY_IDIOMS,
    GOES_ON,
    NEGATION_BEFORE,
    NEGATION_BLOCKERS,
    PAST,
    PET_GIVEN,
    POSSIBLE_CONSTRUCTS,
    QUESTION_ABOUT,
    QUESTION_OPENING,
    RECOVERED,
    STILL_CURRENT,
    TEMPORARY_CARE,
)

CURRENT = "current"
HISTORY = "history"
ASKED = "asked"
POSSIBLE = (
    "possible"  # may be about ending one's life: ask gently, give the crisis line
)

_PATTERNS: Tuple[Tuple[str, Pattern[str]], ...] = tuple(
    (construct, re.compile(pattern))
    for construct, pattern in CONSTRUCTS + POSSIBLE_CONSTRUCTS
)
_POSSIBLE_NAMES = frozenset(construct for construct, _ in POSSIBLE_CONSTRUCTS)
_FAMILY_PATTERNS = tuple((name, strong, re.compile(p)) for name, strong, p in FAMILIES)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
# The patient's own words before a question: a report, not a question about it.
_OWN_BEFORE = r"\b(?:i|i am|i have|he|she|my)\b"
# Words that say a past episode is back: the history reading does not hold.
_BACK_NOW = (
    r"\b(?:again|lately|recently|these days|today|tonight|right now|at the moment|"
    r"currently|still|coming back|came back|this week)\b"
)
# A wish-to-be-dead construct that opens with a negation carries it in itself
# ("don't want to wake up"): no negation before it denies it.
_NEGATED_WISHES = ("do not", "does not", "did not", "not", "no longer", "never")
# Which reading decides the reply, first to last.
_READING_ORDER = {CURRENT: 0, POSSIBLE: 1, HISTORY: 2, ASKED: 3}
# A family match: (family name, strong family, match).
_FamilyMatch = Tuple[str, bool, "re.Match[str]"]


@dataclass(frozen=True)
class SelfHarmFinding:
    """One match: the construct, how it reads, and where it is in the text."""

    construct: str
    reading: str  # CURRENT, HISTORY or ASKED
    text: str
    start: int
    end: int


def _blank(pattern: Pattern[str], text: str) -> str:
    """The text with every match of `pattern` blanked out, same length."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe and dash, contractions expanded."""
    text = text.translate(_APOSTROPHES).lower()
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    for pattern, replacement in CONTRACTIONS:
        text = re.sub(pattern, replacement, text)
    return re.sub(r"[ \t]+", " ", text)


def _sentence_bounds(text: str, start: int, end: int) -> Tuple[int, int]:
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n")
    rights = [i for i in (text.find(mark, end) for mark in ".!?\n") if i != -1]
    return left + 1, (min(rights) + 1 if rights else len(text))


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    match = NEGATION_BEFORE.search(before)
    if not match:
        return False
    between = before[match.start() :]
    # "can't stop thinking about...", "haven't stopped", "couldn't help thinking":
    # a negated stop is a thought that goes on, not a denial.
    return not (NEGATION_BLOCKERS.search(between) or GOES_ON.search(between))


def _asked(text: str, start: int, sentence: Tuple[int, int]) -> bool:
    """A question about the medicine ("can it cause suicidal thoughts?"), with
    none of the patient's own words before the match."""
    words = text[sentence[0] : sentence[1]]
    if not (QUESTION_OPENING.search(words) and QUESTION_ABOUT.search(words)):
        return False
    return not re.search(_OWN_BEFORE, text[sentence[0] : start])


def _history(text: str) -> bool:
    """Clearly past, with no sign it is back; or past and recovered."""
    if not PAST.search(text):
        return False
    if not STILL_CURRENT.search(text):
        return True
    return bool(RECOVERED.search(text)) and not re.search(_BACK_NOW, text)


def _reading(text: str, start: int, end: int) -> str:
    if _asked(text, start, _sentence_bounds(text, start, end)):
        return ASKED
    return HISTORY if _history(text) else CURRENT


def _family_matches(normalised: str) -> List[_FamilyMatch]:
    """The first match of each warning-sign family. "not going to be anyone's
    burden" is a burden statement: a negation does not deny that family."""
    found = [
        (name, strong, match)
        for name, strong, pattern in _FAMILY_PATTERNS
        for match in [pattern.search(normalised)]
        if match
    ]
    return [
        (name, strong, m)
        for name, strong, m in found
        if name == "burden" or not _negated(normalised, m.start())
    ]


def _family_reading(normalised: str, found: List[_FamilyMatch], strong: int) -> str:
    first = min(m.start() for _, _, m in found)
    last = max(m.end() for _, _, m in found)
    reading = _reading(normalised, first, last)
    # Two strong families, or one with a place or tool (ideation with a
    # method, C-SSRS 3): an emergency. One strong family alone: ask.
    with_place = any(name == "places" for name, _, _ in found)
    if reading == CURRENT and strong < 2 and not with_place:
        return POSSIBLE
    return reading


def _family_finding(normalised: str) -> Optional[SelfHarmFinding]:
    normalised = _blank(FAMILY_IDIOMS, normalised)
    if ACCIDENT.search(normalised):
        return None
    if TEMPORARY_CARE.search(
        normalised
    ):  # a pet minded for a holiday is not given away
        normalised = _blank(PET_GIVEN, normalised)
    found = _family_matches(normalised)
    strong = sum(1 for _, is_strong, _ in found if is_strong)
    if strong < 1:
        return None
    first = min(m.start() for _, _, m in found)
    last = max(m.end() for _, _, m in found)
    return SelfHarmFinding(
        "warning_signs",
        _family_reading(normalised, found, strong),
        normalised[first:last],
        first,
        last,
    )


def _construct_finding(
    construct: str, match: re.Match[str], normalised: str
) -> Optional[SelfHarmFinding]:
    """The match read, or None when a negation before it denies it."""
    carries_negation = construct == "wish_dead" and match.group(0).startswith(
        _NEGATED_WISHES
    )
    if not carries_negation and _negated(normalised, match.start()):
        return None
    reading = _reading(normalised, match.start(), match.end())
    if construct in _POSSIBLE_NAMES and reading == CURRENT:
        reading = POSSIBLE
    return SelfHarmFinding(
        construct, reading, match.group(0), match.start(), match.end()
    )


def find_self_harm(text: str) -> List[SelfHarmFinding]:
    """Every non-negated self-harm construct in `text`, with how it reads.

    Offsets refer to the normalised text, which keeps words in order; callers use
    them only to order and show findings.
    """
    if not text or not text.strip():
        return []
    normalised = _blank(FAMILY_IDIOMS, normalise(text))
    found = (
        _construct_finding(construct, match, normalised)
        for construct, pattern in _PATTERNS
        for match in pattern.finditer(normalised)
    )
    findings = [f for f in found if f is not None]
    if not findings:
        extra = _family_finding(normalised)
        findings = [extra] if extra else []
    return sorted(findings, key=lambda f: f.start)


def denied(text: str) -> bool:
    """The message denies self-harm ("I'm not suicidal, just tired"): a
    construct appears, negated, and none is read as current."""
    if not text or not text.strip():
        return False
    normalised = _blank(FAMILY_IDIOMS, normalise(text))
    negated = any(
        _negated(normalised, m.start())
        for _, pattern in _PATTERNS
        for m in pattern.finditer(normalised)
    )
    return negated and not find_self_harm(text)


def strongest(findings: List[SelfHarmFinding]) -> Optional[SelfHarmFinding]:
    """The finding that decides the reply: current over history over asked."""
    return min(findings, key=lambda f: _READING_ORDER[f.reading]) if findings else None
