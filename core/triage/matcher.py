"""The rule matcher: compiles the rules' mini-language and finds symptom spans.

Pattern syntax (`core/triage/symptom_rule.py`): one token per space; `a|b`
either word, `a?` optional, `*` any one word, `=a|b` those exact words only.
`near` groups (`a|b + c|d`) are concepts that must meet within `NEAR_WINDOW`
tokens of one sentence, in any order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Dict, FrozenSet, Iterable, List, Set, Tuple

from core.triage.levels import level_rank
from core.triage.normalise import MIN_TYPO_LENGTH
from core.triage.symptom_rule import NEAR_WINDOW, SymptomRule
from core.triage.tokens import doc_norm, line_break
from core.triage.words_context import SCOPE_BREAKS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

# A word group of a `near` rule, and whether it matches its exact words only.
NearGroup = Tuple[FrozenSet[str], bool]
TokenSpec = Dict[str, object]
Normalise = Callable[[str], str]
# Commas and "and" may be crossed by a `near` match; other breaks may not.
_NEAR_BREAKS = SCOPE_BREAKS - {"and", ","}


def _word_spec(part: str, normalise: Normalise) -> TokenSpec:
    if part.startswith("="):
        return {"LOWER": {"IN": part[1:].split("|")}}
    words = sorted({normalise(w) for w in part.split("|")} | set(part.split("|")))
    return {"NORM": {"IN": words}}


def pattern_tokens(pattern: str, normalise: Normalise) -> List[TokenSpec]:
    """A spaCy Matcher pattern for one rule pattern."""
    tokens: List[TokenSpec] = []
    for part in pattern.split():
        if part == "*":
            tokens.append({"OP": "?"})
            continue
        optional = part.endswith("?")
        spec = _word_spec(part.rstrip("?"), normalise)
        if optional:
            spec["OP"] = "?"
        tokens.append(spec)
    return tokens


def _near_group(group: str, normalise: Normalise) -> NearGroup:
    # A group written "=word|..." matches those exact words only ("=fit" is not
    # the "fitting" of a dress); others also match their lemmas and normal forms.
    group = group.strip()
    if group.startswith("="):
        return frozenset(group[1:].split("|")), True
    words = group.split("|")
    return frozenset({normalise(w) for w in words} | set(words)), False


def near_groups(near: str, normalise: Normalise) -> Tuple[NearGroup, ...]:
    """The word groups of one `near` entry."""
    return tuple(_near_group(group, normalise) for group in near.split("+"))


def _spec_words(spec: TokenSpec) -> List[str]:
    norm = spec.get("NORM")
    return list(norm.get("IN", [])) if isinstance(norm, dict) else []


class RuleMatcher:
    """Finds the spans of every rule in a normalised doc."""

    def __init__(
        self, vocab: Vocab, rules: Iterable[SymptomRule], normalise: Normalise
    ) -> None:
        from spacy.matcher import Matcher

        self._matcher = Matcher(vocab)
        self._strings = vocab.strings
        self._near: List[Tuple[str, Tuple[NearGroup, ...]]] = []
        vocabulary: Set[str] = set()
        for rule in rules:
            vocabulary |= self._add_patterns(rule, normalise)
            vocabulary |= self._add_near(rule, normalise)
        self.vocabulary: FrozenSet[str] = frozenset(vocabulary)

    def _add_patterns(self, rule: SymptomRule, normalise: Normalise) -> Set[str]:
        patterns = [pattern_tokens(p, normalise) for p in rule.patterns]
        if patterns:
            self._matcher.add(rule.category, patterns)
        return {
            word
            for pattern in patterns
            for spec in pattern
            for word in _spec_words(spec)
            if len(word) >= MIN_TYPO_LENGTH
        }

    def _add_near(self, rule: SymptomRule, normalise: Normalise) -> Set[str]:
        vocabulary: Set[str] = set()
        for near in rule.near:
            groups = near_groups(near, normalise)
            self._near.append((rule.category, groups))
            # Only the first group (the symptom's noun) feeds typo correction:
            # the modifier groups hold common words ("below", "times").
            vocabulary.update(w for w in groups[0][0] if len(w) >= MIN_TYPO_LENGTH)
        return vocabulary

    def spans(self, doc: Doc) -> List[Tuple[str, Span]]:
        """(category, span) of every pattern match, then every `near` match."""
        spans = [
            (self._strings[match_id], doc[start:end])
            for match_id, start, end in self._matcher(doc)
        ]
        spans.extend(self._near_spans(doc))
        return spans

    def _near_spans(self, doc: Doc) -> Iterable[Tuple[str, Span]]:
        """Concepts that meet within NEAR_WINDOW tokens of one sentence."""
        for sentence in doc.sents:
            norms = [(t.i, doc_norm(t), t.lower_) for t in sentence]
            for category, groups in self._near:
                span = _near_match(doc, norms, groups)
                if span is not None:
                    yield category, span


def _positions(
    norms: List[Tuple[int, str, str]], group: FrozenSet[str], exact: bool
) -> List[int]:
    return [
        i for i, norm, lower in norms if lower in group or (not exact and norm in group)
    ]


def _near_match(
    doc: Doc, norms: List[Tuple[int, str, str]], groups: Tuple[NearGroup, ...]
) -> Span | None:
    """The first span where one word of each group meets the first group's word."""
    positions = [_positions(norms, group, exact) for group, exact in groups]
    if not all(positions):
        return None
    for anchor in positions[0]:
        chosen = _gather(doc, anchor, positions[1:])
        if chosen is not None:
            return doc[min(chosen) : max(chosen) + 1]
    return None


def _gather(doc: Doc, anchor: int, others: List[List[int]]) -> List[int] | None:
    """The anchor and, for each other group, its nearest word; None when a group
    has no word close enough."""
    chosen = [anchor]
    for candidates in others:
        close = [
            i
            for i in candidates
            if abs(i - anchor) <= NEAR_WINDOW
            and i not in chosen
            and not breaks_between(doc, i, anchor)
        ]
        if not close:
            return None
        chosen.append(min(close, key=lambda i: abs(i - anchor)))
    return chosen


def breaks_between(doc: Doc, i: int, j: int) -> bool:
    """A break between tokens i and j that concepts may not cross ("but", ";").
    Commas and "and" may be crossed: "can barely get a sentence out, so short of
    breath"."""
    low, high = min(i, j), max(i, j)
    return any(
        doc_norm(t) in _NEAR_BREAKS or line_break(t) for t in doc[low + 1 : high]
    )


def longest_first(
    spans: List[Tuple[str, Span]], rules: Dict[str, SymptomRule]
) -> List[Tuple[str, Span]]:
    """Drop matches inside a match of a higher level, or a longer one of the same."""
    ordered = sorted(
        spans,
        key=lambda cs: (-level_rank(rules[cs[0]].level), -(cs[1].end - cs[1].start)),
    )
    kept: List[Tuple[str, Span]] = []
    for category, span in ordered:
        if any(k.start <= span.start and span.end <= k.end for _, k in kept):
            continue
        kept.append((category, span))
    return kept
