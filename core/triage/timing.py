"""Time and "is it over": whether a symptom mention is over, normal or long past.

"my breathing's fine today", "I had a fever on Monday, it's gone now", "I had
a rash last year": UKONS asks about the last 24 hours, and an episode that is
over is not a red flag. Words that say it goes on ("still", "again", "worse")
keep it current.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Sequence

from core.triage.context import opens_question
from core.triage.tokens import doc_norm, line_break
from core.triage.words_context import COMPARATIVES, NEGATION_CUES, SCOPE_BREAKS
from core.triage.words_state import (
    AWAY_VERBS,
    BACK_IN_TIME,
    BACK_REFERENCES,
    CHANGE_GERUNDS,
    CHANGE_VERBS,
    GONE_FOLLOWERS,
    LAST_TIMES,
    NONE_FOLLOWERS,
    PASSED_OBJECTS,
    PAST_SURFACE,
    PAST_WORDS,
    RECUR_VERBS,
    RECURRENCE_WORDS,
    REMOTE_UNITS,
    STATE_CALM,
    STATE_ONGOING,
    STATE_RESOLVED,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

# Clause breaks inside a sentence; "and" joins, it does not break.
_CLAUSE_BREAKS = SCOPE_BREAKS - {"and"}
# Words before "over" that make it "it is over" ("all over" is a place).
_OVER_SUBJECTS = frozenset({"is", "'s", "was", "be", "it"})
# Calm words that ask when a question opens the clause ("is it normal to ...?").
_ASKABLE = frozenset({"normal", "ok", "okay", "fine"})
# Words that say an episode goes on, against a remote past.
_STILL_GOING = frozenset({"since", "still", "again", "keep", "keeps", "now"})
_NEGATED_USE = frozenset({"never", "not", "n't"})
_YEAR = re.compile(r"(?:19|20)\d\d")

# A calm word's neighbours that make it something else: (lowers, norms, i,
# next word) -> True when the word does not say "over" here.
_Skip = Callable[[Sequence[str], Sequence[str], int, str], bool]


def _over_elsewhere(
    lowers: Sequence[str], norms: Sequence[str], i: int, after: str
) -> bool:
    return (
        i == 0 or lowers[i - 1] not in _OVER_SUBJECTS
    )  # "all over", "over the weekend"


def _away_elsewhere(
    lowers: Sequence[str], norms: Sequence[str], i: int, after: str
) -> bool:
    return (
        i == 0 or norms[i - 1] not in AWAY_VERBS
    )  # "went away"; not "skin coming away"


def _down_elsewhere(
    lowers: Sequence[str], norms: Sequence[str], i: int, after: str
) -> bool:
    return i == 0 or norms[i - 1] not in CHANGE_VERBS  # "came down"; not "keep it down"


def _none_elsewhere(
    lowers: Sequence[str], norms: Sequence[str], i: int, after: str
) -> bool:
    # "none since", "nothing like it since"; not "nothing helps"
    return after not in NONE_FOLLOWERS and not (
        after == "like" and "since" in lowers[i + 2 : i + 5]
    )


def _less_elsewhere(
    lowers: Sequence[str], norms: Sequence[str], i: int, after: str
) -> bool:
    # "cough is less", "getting less"; not "peeing much less"
    return any(
        w.endswith("ing") and w not in CHANGE_GERUNDS for w in lowers[max(0, i - 2) : i]
    )


def _gone_elsewhere(
    lowers: Sequence[str], norms: Sequence[str], i: int, after: str
) -> bool:
    return bool(after) and after not in GONE_FOLLOWERS  # "gone yellow": a change


def _stop_elsewhere(
    lowers: Sequence[str], norms: Sequence[str], i: int, after: str
) -> bool:
    # "stopped drinking", "passed out", "passed blood"
    return after.endswith("ing") or after in PASSED_OBJECTS


_SKIPS: Dict[str, _Skip] = {
    "over": _over_elsewhere,
    "away": _away_elsewhere,
    "down": _down_elsewhere,
    "none": _none_elsewhere,
    "nothing": _none_elsewhere,
    "less": _less_elsewhere,
    "gone": _gone_elsewhere,
    "going": _gone_elsewhere,
    "stop": _stop_elsewhere,
    "stopped": _stop_elsewhere,
    "pass": _stop_elsewhere,
    "passed": _stop_elsewhere,
}


def _says_calm(
    tokens: Span, lowers: Sequence[str], norms: Sequence[str], i: int
) -> bool:
    """The calm word at `i` says the state is calm, read with its neighbours."""
    lower = lowers[i]
    after = lowers[i + 1] if i + 1 < len(lowers) else ""
    if i and lowers[i - 1] in COMPARATIVES:
        return False  # "more than normal", "above my normal" compare
    if _negated_before(norms, i) or "non" in lowers[max(0, i - 3) : i]:
        return False  # "not better", "won't go away", "non stop"
    skip = _SKIPS.get(lower)
    if skip is not None and skip(lowers, norms, i, after):
        return False
    # "is it normal to ...?" asks
    return not (lower in _ASKABLE and opens_question(tokens[:4]))


def state_calm(tokens: Span, strong_only: bool = False) -> bool:
    """A calm state word, not negated, and nothing saying it goes on.

    `strong_only` keeps the words that can only mean "over" (gone, cleared,
    settled...), for short comments after a symptom ("..., long gone").
    """
    norms = [doc_norm(t) for t in tokens]
    lowers = [t.lower_ for t in tokens]
    if _ongoing(lowers, norms):
        return False
    if any(_denied_recurrence(norms, i) for i in range(len(norms))):
        return True  # "it hasn't happened again", "not come back since"
    words = STATE_RESOLVED if strong_only else STATE_CALM
    return any(
        (norms[i] in words or lower in words) and _says_calm(tokens, lowers, norms, i)
        for i, lower in enumerate(lowers)
    )


def _denied_just_before(norms: Sequence[str], i: int) -> bool:
    """A negation one or two words before `i`, with no "stop" between
    ("hasn't happened", "not come back"; not "won't stop happening")."""
    return (
        bool(set(norms[max(0, i - 2) : i]) & NEGATION_CUES)
        and "stop" not in norms[max(0, i - 3) : i]
    )


def _negated_before(norms: Sequence[str], i: int, reach: int = 4) -> bool:
    """A negation up to `reach` words before `i`, within its clause."""
    for norm in reversed(norms[max(0, i - reach) : i]):
        if norm in _CLAUSE_BREAKS:
            return False
        if norm in NEGATION_CUES:
            return True
    return False


def _denied_recurrence(norms: Sequence[str], i: int) -> bool:
    """ "hasn't happened again", "has not come back" (not "hasn't come back to
    normal")."""
    if norms[i] in RECUR_VERBS:
        return _denied_just_before(norms, i)
    if norms[i] == "back" and i and norms[i - 1] == "come":
        following = norms[i + 1] if i + 1 < len(norms) else ""
        return following not in BACK_IN_TIME and _denied_just_before(norms, i - 1)
    return False


def span_ongoing(span: Span) -> bool:
    """A word in the span says the state goes on ("still", "worse", "again")."""
    return _ongoing([t.lower_ for t in span], [doc_norm(t) for t in span])


def _goes_on(lowers: Sequence[str], norms: Sequence[str], i: int) -> bool:
    word = lowers[i]
    if word not in STATE_ONGOING and norms[i] not in STATE_ONGOING:
        return False
    if word == "back" and i + 1 < len(lowers) and lowers[i + 1] in BACK_IN_TIME:
        return False  # "back to normal", "back in January"
    # "hasn't happened again", "not come back", "hasn't returned"
    return not (word in RECURRENCE_WORDS and _denied_just_before(norms, i))


def _ongoing(lowers: Sequence[str], norms: Sequence[str]) -> bool:
    return any(_goes_on(lowers, norms, i) for i in range(len(lowers)))


def clauses(sentence: Span) -> List[Span]:
    """The sentence cut at clause breaks and line breaks."""
    found, start = [], sentence.start
    for token in sentence:
        if doc_norm(token) in _CLAUSE_BREAKS or line_break(token):
            if token.i > start:
                found.append(sentence.doc[start : token.i])
            start = token.i + 1
    if start < sentence.end:
        found.append(sentence.doc[start : sentence.end])
    return found


def _following_clauses(span: Span, all_clauses: List[Span], own: Span) -> List[Span]:
    """The clauses after the symptom's own; at the end of a sentence, the first
    clause of the next sentence."""
    following = [c for c in all_clauses if c.start >= own.end]
    doc = span.doc
    if not following and span.sent.end < len(doc):
        following = clauses(doc[span.sent.end :][0].sent)[:1]
    return following


def _past_then_over(own: Span, following: List[Span]) -> bool:
    """A past episode, then a clause opening with its end: "had a headache
    yesterday, gone now after a good sleep", "went dizzy yesterday, fine since".
    Or a short comment further on in the sentence: "fever went up to 38 after
    my jab, I rang the line and they said it was the jab, been fine since"."""
    if not said_in_past(own):
        return False
    nxt = following[0]
    if state_calm(nxt[:2], strong_only=True) and not span_ongoing(nxt):
        return True
    return any(len(c) <= 4 and state_calm(c, strong_only=True) for c in following[1:])


def _told_over(own: Span, following: List[Span]) -> bool:
    """The next clause refers back to the symptom and says it is over."""
    nxt = following[0]
    opener = [doc_norm(t) for t in nxt[:2]]
    # "..., it's gone now" or a short comment: "..., gone today", "long gone".
    if opener and opener[0] in BACK_REFERENCES:
        if state_calm(nxt) or remote_past(nxt):
            return True
    if len(nxt) <= 4 and state_calm(nxt, strong_only=True):
        return True
    return _past_then_over(own, following)


def resolved(span: Span) -> bool:
    """Over, normal or long past: "my breathing's fine today", "I had a fever on
    Monday, it's gone now", "I had a rash last year"."""
    all_clauses = clauses(span.sent)
    own = next((c for c in all_clauses if c.start <= span.start < c.end), None)
    if own is None:
        return False
    # Only what is said of the symptom, after its mention: a calm word before
    # it ("I felt fine, then suddenly I can't breathe", "ok so my chest is
    # crushing", a line "fine" above "Right now I can't breathe") is not about it.
    # A near-concept match can start well before the symptom ("slept well ...
    # can't breathe"): only the words after the match count.
    if state_calm(span.doc[span.end : own.end]) or remote_past(own):
        return True
    # The next clause, in this sentence or the next, refers back to the symptom.
    following = _following_clauses(span, all_clauses, own)
    if not following or not _told_over(own, following):
        return False
    return not any(doc_norm(t) in STATE_ONGOING for t in own) and not any(
        span_ongoing(c) for c in following
    )


def said_in_past(clause: Span) -> bool:
    """Told in the past tense or of an earlier day ("had", "was", "yesterday")."""
    lowers = [t.lower_ for t in clause]
    last_night = any(
        a == "last" and b in LAST_TIMES for a, b in zip(lowers, lowers[1:])
    )
    return (
        bool(set(lowers) & (PAST_SURFACE | PAST_WORDS)) or last_night
    ) and "now" not in lowers


def _point_in_past(lowers: Sequence[str]) -> bool:
    """ "last cycle", "last month" name a time that is over; "for the last week"
    runs up to now."""
    return any(
        word == "last"
        and i + 1 < len(lowers)
        and lowers[i + 1] in REMOTE_UNITS
        and (i == 0 or lowers[i - 1] != "the")
        for i, word in enumerate(lowers)
    )


def _dated_past(lowers: Sequence[str]) -> Optional[bool]:
    """True for "weeks ago"; for "in 2019", "back in 2015", whether the year is
    another than this one; None when the clause names no date."""
    for i, word in enumerate(lowers):
        if word == "ago" and i and lowers[i - 1] in REMOTE_UNITS:
            return True
        if word == "in" and i + 1 < len(lowers) and _YEAR.fullmatch(lowers[i + 1]):
            return lowers[i + 1] != str(datetime.date.today().year)
    return None


def _used_to(lowers: Sequence[str]) -> bool:
    """ "I used to get rashes"; not "which I never used to be"."""
    if "used" in lowers and "to" in lowers:
        return not set(lowers[: lowers.index("used")]) & _NEGATED_USE
    return False


def remote_past(clause: Span) -> bool:
    """An episode weeks or more ago, told in the past tense."""
    lowers = [t.lower_ for t in clause]
    point_in_past = _point_in_past(lowers)
    ongoing = _STILL_GOING | (set() if point_in_past else {"for"})
    if set(lowers) & ongoing:
        return False
    dated = _dated_past(lowers)
    if dated is not None:
        return dated
    if not set(lowers) & PAST_SURFACE or "now" in lowers:
        return False
    return point_in_past or _used_to(lowers)
