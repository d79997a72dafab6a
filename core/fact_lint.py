"""Mechanical checks that every answer says no more than its own quotes.

Pure module. `tests/test_fact_lint.py` runs it over the real fact base in
`make test`, and shows that a planted fault of each kind fails:

* every number with its unit in an answer ("5 mg/kg", "15.4%", "60 minutes")
  appears with that unit in the quotes;
* every named body, country, company and trial phase in an answer (FDA, EMA,
  NMPA, CSCO, China, Sorrento, Phase 3, ...) appears in the quotes;
* an answer that says "approved" names the approving body or country whenever
  its quotes do: "approved" never stands alone;
* the answer is the one a reviewer signed off: `review_hash` is the hash of the
  answer as reviewed (`answer_hash`), and `reviewed_by` names who;
* the side-effect vocabulary (`core/side_effects.py`) maps no effect to a broad
  sign ("redness" is not a rash, "bowel" is not colitis or diarrhoea).
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterable, List, Sequence, Tuple

from core.facts import Fact, normalise_text

_UNIT = (
    r"mg/kg|mg|g|ml|mmol/l|%|percent|minutes?|mins?|hours?|days?|weeks?|months?|"
    r"years?|cycles?|doses?|patients?"
)
_AMOUNT = re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?)\s*({_UNIT})(?![\w/])", re.IGNORECASE)
# En and em dashes read as plain hyphens.
_DASHES_AS_HYPHENS = str.maketrans("\u2013\u2014", "--")
# Regulators, guideline bodies, countries, companies and trial phases the
# sources name: each in an answer must be in that answer's quotes.
_NAMED = re.compile(
    r"\b(?:FDA|EMA|NMPA|CSCO|NCCN|WHO|MHRA|China|Chinese|Greater China|"
    r"United States|U\.S\.|Europe|European|Japan|Sorrento(?: Therapeutics)?|"
    r"Lee['’]s(?: Pharmaceutical)?|Takeda|"
    r"Millennium|[Pp]hase\s+(?:[0-9]+[ab]?|I{1,3}V?))(?![\w])"
)
_APPROVING = re.compile(
    r"\b(?:FDA|EMA|NMPA|MHRA|China|Chinese|United States|U\.S\.|"
    r"Europe|European|Japan)\b"
)
# A regulatory approval, not "an approved clinical research trial".
_APPROVED = re.compile(
    r"\bapprov(?:ed|al)\b(?!\s+(?:clinical\s+)?(?:research\s+)?(?:trials?|stud(?:y|ies)))",
    re.IGNORECASE,
)
# Signs broader than any one effect: never the clinical word of a specific effect.
BROAD_SIGNS = frozenset(
    {
        "redness",
        "bowel",
        "bowel changes",
        "skin",
        "gut",
        "stomach",
        "tummy",
        "discomfort",
        "changes",
    }
)


def answer_hash(answer: str) -> str:
    """The hash a reviewer signs: of the answer's words, spacing ignored."""
    return hashlib.sha256(" ".join(answer.split()).encode("utf-8")).hexdigest()[:16]


def _unit(unit: str) -> str:
    unit = unit.lower()
    return {"percent": "%", "mins": "minute", "min": "minute"}.get(
        unit, unit.rstrip("s") or unit
    )


def amounts(text: str) -> List[Tuple[str, str]]:
    """(number, unit) pairs in a text, units in one spelling ("weeks" -> "week")."""
    return [
        (number, _unit(unit))
        for number, unit in _AMOUNT.findall(text.translate(_DASHES_AS_HYPHENS))
    ]


def named_terms(text: str) -> List[str]:
    """The bodies, countries, companies and trial phases a text names."""
    return [re.sub(r"\s+", " ", m.group(0)) for m in _NAMED.finditer(text)]


def lint_fact(fact: Fact) -> List[str]:
    """Everything in one answer that its quotes do not back, and its sign-off."""
    problems: List[str] = []
    quotes = " ".join(fact.quotes)
    quoted_amounts = set(amounts(quotes))
    for number, unit in amounts(fact.answer):
        if (number, unit) not in quoted_amounts:
            problems.append(f"{fact.id}: '{number} {unit}' is not in its quotes")
    quoted = normalise_text(quotes).lower()
    for term in dict.fromkeys(named_terms(fact.answer)):
        if normalise_text(term).lower() not in quoted:
            problems.append(f"{fact.id}: '{term}' is named but not in its quotes")
    if _APPROVED.search(fact.answer):
        bodies = {m.group(0) for m in _APPROVING.finditer(quotes)}
        if bodies and not any(body in fact.answer for body in bodies):
            problems.append(
                f"{fact.id}: says 'approved' without {' or '.join(sorted(bodies))}, "
                "which its quotes name"
            )
    if not fact.reviewed_by:
        problems.append(f"{fact.id}: no reviewer recorded (reviewed_by)")
    if fact.review_hash != answer_hash(fact.answer):
        problems.append(
            f"{fact.id}: the answer changed since its review on {fact.reviewed} "
            f"(review_hash {fact.review_hash or 'missing'}, "
            f"now {answer_hash(fact.answer)})"
        )
    return problems


def lint_side_effect_terms(
    terms: Iterable[Tuple[str, str, Sequence[str]]],
) -> List[str]:
    """Effects whose clinical words include a broad sign."""
    return [
        f"side-effect term '{name}' counts the broad sign '{word}' as the effect"
        for name, _, words in terms
        for word in words
        if word.lower() in BROAD_SIGNS
    ]


def lint_approvals(facts: Sequence[Fact]) -> List[str]:
    """One medicine's answers that say "approved" with no body or country, when
    any of its quotes names one (the scope can come from another passage)."""
    bodies = {
        m.group(0) for fact in facts for m in _APPROVING.finditer(" ".join(fact.quotes))
    }
    return [
        f"{fact.id}: says 'approved' without naming {' or '.join(sorted(bodies))}"
        for fact in facts
        if bodies
        and _APPROVED.search(fact.answer)
        and not any(body in fact.answer for body in bodies)
    ]


def lint(
    facts: Iterable[Fact], terms: Iterable[Tuple[str, str, Sequence[str]]]
) -> List[str]:
    """Every problem in the fact base and the side-effect vocabulary."""
    facts = list(facts)
    problems = [p for fact in facts for p in lint_fact(fact)]
    for medicine in dict.fromkeys(f.medicine_id for f in facts):
        problems += lint_approvals([f for f in facts if f.medicine_id == medicine])
    return list(dict.fromkeys(problems)) + lint_side_effect_terms(terms)
