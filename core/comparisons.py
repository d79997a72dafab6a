"""Comparisons: "socazolimab vs pembrolizumab", "is it like methotrexate?",
"plozalizumab or radiation, what's the difference?", "is it a steroid?".

Pure module, no Rasa. A patient who compares our medicine with another medicine
or with a kind of treatment gets what the sources say about ours (how it works,
unless the question asks something else), and for each thing compared that the
sources never mention, a plain statement that they don't settle the comparison.
Nothing is written per medicine: other medicines come from the entity extractor
(`core.medicine_matcher`), kinds of treatment from the table below.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Sequence, Tuple

# Kinds of treatment patients compare ours with: (said back, words in a question).
CLASS_WORDS: Tuple[Tuple[str, str], ...] = (
    ("chemotherapy", r"chemo\w*"),
    ("a steroid", r"steroids?"),
    ("an NSAID", r"nsaids?|anti-?inflammator\w*"),
    ("an antibiotic", r"antibiotics?"),
    ("a hormone treatment", r"hormon\w*"),
    ("a vaccine", r"vaccines?"),
    ("a painkiller", r"painkillers?|pain killers?|opioids?"),
    ("radiotherapy", r"radio\w*|radiation"),
    ("a biologic", r"biologics?"),
    ("a pill", r"pills?|tablets?"),
)

# The words that make a question a comparison. Not "or" and not "with": "given
# alone or with chemo?" asks how it is given, not how it compares.
COMPARISON_CUE = re.compile(
    r"\b(?:vs|versus|compar\w*|like|same (?:\w+ ){0,2}(?:as|way)|similar\w*|differ\w*|"
    r"better|worse|stronger|weaker|safer|instead of|rather than|alternative to|"
    r"switch(?:ed|ing)? (?:from|to)|the same thing)\b",
    re.IGNORECASE,
)


def kinds_named(text: str) -> List[str]:
    """The kinds of treatment `text` names, as said back ("a steroid")."""
    lowered = (text or "").lower()
    return [
        name for name, pattern in CLASS_WORDS if re.search(rf"\b(?:{pattern})", lowered)
    ]


# How many words from the thing compared a comparison word may stand:
# "difference between socazolimab and ordinary chemo" compares; "not chemo, but
# she's scared she'll lose her hair like last time" does not.
CUE_WINDOW = 6


def _cue_near(text: str, thing_pattern: str) -> bool:
    """Whether a comparison word stands within CUE_WINDOW words of the thing."""
    words = re.findall(r"\S+", text)
    for i, word in enumerate(words):
        if re.search(rf"\b(?:{thing_pattern})", word, re.IGNORECASE):
            window = " ".join(words[max(0, i - CUE_WINDOW) : i + CUE_WINDOW + 1])
            if COMPARISON_CUE.search(window):
                return True
    return False


def compared_things(text: str, other_medicines: Sequence[str]) -> List[str]:
    """What a comparison question compares ours with: the other medicines it
    names, then the kinds of treatment, each with a comparison word nearby."""
    text = text or ""
    if not COMPARISON_CUE.search(text):
        return []
    things = [m for m in other_medicines if _cue_near(text, re.escape(m))]
    things += [name for name, pattern in CLASS_WORDS if _cue_near(text, pattern)]
    return list(dict.fromkeys(things))


def _mentioned(thing: str, sources: str) -> bool:
    pattern = next((p for name, p in CLASS_WORDS if name == thing), None)
    if pattern is not None:
        return re.search(rf"\b(?:{pattern})", sources) is not None
    return re.search(rf"\b{re.escape(thing.lower())}\b", sources) is not None


def unsettled(things: Iterable[str], sources: str) -> List[str]:
    """The things compared that the sources' text never mentions."""
    lowered = sources.lower()
    return [thing for thing in things if not _mentioned(thing, lowered)]


__all__ = [
    "CLASS_WORDS",
    "COMPARISON_CUE",
    "compared_things",
    "kinds_named",
    "unsettled",
]
