"""Context of a symptom mention: negation, questions and hypotheticals.

A finding is dropped if negated ("no fever", "not short of breath"; a negation
inside the phrase, as in "can't breathe", does not count) and marked
hypothetical when its sentence asks about it rather than reports it ("can it
cause diarrhea?", "what if I get a rash?"). Reports by carers count.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, List

from core.triage.tokens import doc_norm
from core.triage.words_context import (
    COMPARATIVES,
    FIRST_PERSON_PATTERN,
    HYPOTHETICAL_MARKERS,
    NEGATION_CUES,
    NOW_MARKERS,
    OTHER_PEOPLE,
    OUTSIDE_PERSON,
    POSSESSIVES,
    QUESTION_OPENERS,
    REPORT_ADVERBS,
    REPORT_SUBJECTS,
    REPORT_VERBS,
    SCOPE_BREAKS,
    STANCE_WORDS,
    SUPPOSITION_OPENERS,
    TOPIC_OF_TALK,
    WHETHER_IT_HAPPENS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# How far back (in tokens) a negation cue reaches: "I do not have a fever".
_NEGATION_WINDOW = 4
# After "not": an issue denied ("nausea isn't an issue").
_NOT_AN_ISSUE = frozenset({"issue", "problem", "bother", "concern", "there"})
# "not sure if I have a fever" is doubt, not a denial; "can't stop shaking",
# "won't stop bleeding" say it goes on.
_NOT_DENIALS = frozenset({"sure", "certain", "know", "stop", "help"})
# Question openers by their surface word: the lookup lemmatizer turns "does"
# into "doe".
_OPENERS = QUESTION_OPENERS | {"does", "is", "are", "did"}
_FOLLOW_UP_FRAGMENT = re.compile(
    r"^\s*(?:(?:and|or|also|plus|so)\b.*\?\s*$|(?:ok|okay|right|alright)\s+so\b|"
    r"(?:and\s+)?(?:what|how)\s+about\b)",
    re.IGNORECASE,
)
_FRAGMENT_MAX_WORDS = 6
_OWN_SURFACE = ("me", "im", "i'm")


def clause(span: Span) -> Span:
    """The part of the sentence around `span` between scope breaks."""
    sentence = span.sent
    start, end = span.start, span.end
    while start > sentence.start and doc_norm(span.doc[start - 1]) not in SCOPE_BREAKS:
        start -= 1
    while end < sentence.end and doc_norm(span.doc[end]) not in SCOPE_BREAKS:
        end += 1
    return span.doc[start:end]


def negated(span: Span) -> bool:
    """A negation cue shortly before the span, within its clause."""
    if any(doc_norm(t) in NEGATION_CUES for t in span):
        return False  # "can't breathe", "can't keep fluids down"
    doc = span.doc
    after = [doc_norm(t) for t in doc[span.end : min(span.end + 4, span.sent.end)]]
    if "not" in after and set(after) & _NOT_AN_ISSUE:
        return True  # "nausea isn't an issue"
    i, budget = span.start - 1, _NEGATION_WINDOW
    while i >= span.sent.start and budget > 0:
        norm = doc_norm(doc[i])
        if norm in SCOPE_BREAKS:
            return False
        if norm in NEGATION_CUES:
            following = doc_norm(doc[i + 1]) if i + 1 < len(doc) else ""
            return following not in _NOT_DENIALS
        # "no chest pain or trouble breathing": the cue reaches across "or".
        budget += _NEGATION_WINDOW if norm in {"or", "nor"} else -1
        i -= 1
    return False


def _subject_reports(rest: List[str]) -> bool | None:
    """What the two words after a report subject say: True for a report ("I
    have", "she can't"), False for a stance or an obligation ("I'm worried
    about", "do I have to"), None when they say nothing."""
    if rest and rest[0] in REPORT_VERBS:
        second = rest[1] if len(rest) > 1 else ""
        return not (second in STANCE_WORDS or second == "to")
    if rest[:2] in (["can", "not"], ["could", "not"]):
        return True
    return None


def _verb_right_after(tokens: List[Token], i: int, span: Span) -> bool:
    """The subject stands right before a symptom that starts after it ("he
    fainted", "she collapsed")."""
    return (
        tokens[i].i < span.start
        and i + 1 < len(tokens)
        and tokens[i + 1].i == span.start
    )


def _asked_subject(tokens: List[Token], i: int) -> bool:
    """ "can I get a fever?": the subject right after the opening question word."""
    return i == 1 and opens_question(tokens[:1]) and tokens[0].lower_ != "what"


def reported_by_construction(clause: Span, span: Span) -> bool:
    """A subject plus a report verb ("I have", "my husband is", "she can't")."""
    tokens = list(clause)
    norms = [doc_norm(t) for t in tokens]
    for i, norm in enumerate(norms):
        if norm == "if":
            return False  # "what if I get ...": everything after is hypothetical
        if norm not in REPORT_SUBJECTS or _asked_subject(tokens, i):
            continue
        reports = _subject_reports(norms[i + 1 : i + 3])
        if reports is None:
            reports = _verb_right_after(tokens, i, span)
        if reports:
            return True
    return False


def _possessive_report(span: Span, own_clause: Span, clause_norms: List[str]) -> bool:
    """ "my chest", "his breathing" right before the symptom, with no "if"."""
    before = [
        doc_norm(t)
        for t in span.doc[max(own_clause.start, span.start - 2) : span.start]
    ]
    return any(n in POSSESSIVES for n in before) and "if" not in clause_norms


def _asks_in_sentence(sentence: Span) -> bool:
    """A hypothetical marker in the sentence; "above my normal" compares,
    "is it normal to ..." asks."""
    norms = [doc_norm(t) for t in sentence]
    kept = [
        n
        for i, n in enumerate(norms)
        if not (n == "normal" and i and norms[i - 1] in COMPARATIVES)
    ]
    return any(n in HYPOTHETICAL_MARKERS for n in kept)


def _supposed(span: Span) -> bool:
    """Second-hand, a follow-up fragment, or a supposition opening the sentence
    ("Say my wee went dark, is that urgent?", "imagine I got a rash"; not "he
    said", not "they say it's fine")."""
    return (
        second_hand(span)
        or follow_up_fragment(span.doc)
        or doc_norm(span.sent[0]) in SUPPOSITION_OPENERS
    )


def hypothetical(span: Span) -> bool:
    """The sentence asks about or supposes the symptom rather than reports it."""
    own_clause = clause(span)
    clause_norms = [doc_norm(t) for t in own_clause]
    if any(n in NOW_MARKERS for n in clause_norms):
        return False
    if _supposed(span):
        return True
    if reported_by_construction(own_clause, span):
        return False
    if _possessive_report(span, own_clause, clause_norms):
        return False
    if _asks_in_sentence(span.sent):
        return True
    return opens_question(own_clause) or opens_question(span.sent)


def others_state(token: Token) -> bool:
    """A state word said of other people ("do other people feel like this?");
    callers first check that the message holds nothing of the patient's own."""
    return any(t.lower_ in OTHER_PEOPLE for t in token.sent if t.i < token.i)


def _own_word(token: Token) -> bool:
    norm = doc_norm(token)
    return (
        norm in REPORT_SUBJECTS
        or norm in POSSESSIVES
        or norm in REPORT_VERBS
        or token.lower_ in _OWN_SURFACE
    )


def follow_up_fragment(doc: Doc) -> bool:
    """A follow-up that names a symptom without a subject or a verb ("and a
    rash?", "ok so yellow eyes", "what about sore joints"): a topic asked about
    in a conversation, not a report. Only when it is the whole message."""
    words = [t for t in doc if t.is_alpha]
    if len(words) > _FRAGMENT_MAX_WORDS or not _FOLLOW_UP_FRAGMENT.search(doc.text):
        return False
    return not any(_own_word(t) for t in words)


def second_hand(span: Span) -> bool:
    """A symptom someone talked about, or that someone outside the patient's care
    had, asked about (`TOPIC_OF_TALK`, `OUTSIDE_PERSON`), with nothing of the
    patient's own between the telling and the symptom."""
    sentence = span.sent
    before = span.doc.text[sentence.start_char : span.start_char]
    for pattern, needs_question in ((TOPIC_OF_TALK, False), (OUTSIDE_PERSON, True)):
        match = None
        for match in pattern.finditer(before):
            pass
        if match is None or FIRST_PERSON_PATTERN.search(before[match.end() :]):
            continue
        if not needs_question or WHETHER_IT_HAPPENS.search(span.doc.text):
            return True
    return False


def opens_question(tokens: Iterable[Token]) -> bool:
    """The words open a question ("can it", "is it"), unless a report adverb
    follows ("can't breathe", "can hardly breathe", "can barely talk")."""
    words = [t for t in tokens if t.is_alpha or doc_norm(t) == "not"]
    if not words or words[0].lower_ not in _OPENERS:
        return False
    return len(words) < 2 or doc_norm(words[1]) not in REPORT_ADVERBS
