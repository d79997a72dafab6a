"""Conditions a "used for X?" question names, and whether the facts mention them.

Pure module. "Is it used for multiple sclerosis?" names a condition; the facts
on a medicine's uses either mention it (then that fact answers) or not (then
the reply says the sources don't mention it, never a guess).
"""

import re
from typing import List, Optional, Sequence, Tuple

from core.constants import (
    TOPIC_APPROVAL,
    TOPIC_APPROVED_USES,
    TOPIC_INVESTIGATIONAL_USES,
    TOPIC_OVERVIEW,
    TOPIC_TRIAL_RESULTS,
)
from core.facts import Fact, Medicine

# "Is it used for X?": the words that introduce the condition asked about.
_USE_CUE = re.compile(
    r"\b(?:used? (?:for|to treat|against|in)|treat(?:s|ing|ment for)?|"
    r"approved (?:for|to treat)|"
    r"licensed for|prescribed for|given for|good for|"
    r"help(?:s)?(?: with| against)?|cure(?:s)?|"
    r"works? (?:for|on|against)|effective (?:for|against)|any use (?:for|in|against)|"
    r"results (?:in|for)|studied (?:in|for)|tested (?:in|on|for)|trials? (?:in|for))\s+"
    r"(?:my |his |her |their |a |an |the |people with |patients with )?"
    r"(?P<condition>[a-z][a-z'-]*(?: [a-z][a-z'-]*){0,3})",
    re.IGNORECASE,
)
# Words of a condition phrase that name no particular condition.
_GENERIC_CONDITION_WORDS = frozenset(
    {
        "cancer",
        "cancers",
        "disease",
        "diseases",
        "tumour",
        "tumours",
        "tumor",
        "tumors",
        "people",
        "patients",
        "treatment",
        "something",
        "anything",
        "other",
        "stage",
        "advanced",
        "type",
        "kind",
        "this",
        "that",
        "it",
        "them",
        "yet",
        "too",
        "also",
        "now",
        "still",
        "well",
        "long",
        "term",
        "sure",
        "really",
        "me",
        "him",
        "her",
        "all",
        "types",
        "kinds",
        "form",
        "forms",
        "early",
        "late",
        "both",
        "same",
        "way",
        "thing",
        "things",
        "side",
        "effects",
        "symptoms",
        "what",
        "which",
        "does",
        "will",
        "would",
        "could",
        "should",
        "can",
        "and",
        "or",
        "in",
        "on",
        "with",
        "from",
        "of",
        "to",
        "the",
        "a",
        "an",
        "is",
        "are",
        "as",
        "for",
        "if",
        "when",
    }
)
# The facts that say what a medicine is for.
USE_TOPICS = (
    TOPIC_APPROVED_USES,
    TOPIC_INVESTIGATIONAL_USES,
    TOPIC_TRIAL_RESULTS,
    TOPIC_OVERVIEW,
    TOPIC_APPROVAL,
)


# Words that end a condition phrase: a new clause or a filler word starts there.
_PHRASE_ENDS = frozenset(
    {"and", "or", "too", "yet", "now", "as", "in", "if", "when", "like"}
)


def _phrase_words(phrase: str) -> List[str]:
    """The words of a condition phrase up to where a new clause or filler starts."""
    kept: List[str] = []
    for word in re.findall(r"[a-z][a-z'-]*", phrase.lower()):
        if word in _PHRASE_ENDS:
            break
        kept.append(word)
    return kept


def _named_conditions(medicine: Medicine, text: str) -> List[Tuple[str, List[str]]]:
    """Each condition a "used for X?" question names: (its phrase, its specific
    words); phrases of generic words only ("for cancer") are left out."""
    names = {n.lower() for n in medicine.names}
    conditions = []
    for match in _USE_CUE.finditer(text or ""):
        kept = _phrase_words(match.group("condition"))
        specific = [
            w
            for w in kept
            if w not in _GENERIC_CONDITION_WORDS and w not in names and len(w) >= 3
        ]
        if specific:
            conditions.append((" ".join(kept), specific))
    return conditions


def _mentions_all(words: Sequence[str], sources: str) -> bool:
    """Every word, by its first five letters ("atherosclerosis" is in
    "atherosclerotic"), appears in the lower-cased sources."""
    return all(re.search(rf"\b{re.escape(w[:5])}", sources) for w in words)


def fact_text(fact: Fact) -> str:
    """A fact's answer and quotes, lower-cased, to look words up in."""
    return " ".join([fact.answer, *fact.quotes]).lower()


def unmentioned_condition(medicine: Medicine, text: str) -> Optional[str]:
    """The condition a "used for X?" question names, if the medicine's facts on
    its uses never mention it ("multiple sclerosis"); None when they do, or when
    no particular condition is named."""
    sources = " ".join(
        fact_text(medicine.facts[t]) for t in USE_TOPICS if t in medicine.facts
    )
    for phrase, specific in _named_conditions(medicine, text):
        if not _mentions_all(specific, sources):
            return phrase
    return None


def condition_topic(medicine: Medicine, text: str) -> Optional[str]:
    """The topic on its uses ("does it help atherosclerosis?") whose fact
    mentions the condition the question names, the first of USE_TOPICS."""
    for _, specific in _named_conditions(medicine, text):
        for topic in USE_TOPICS:
            fact = medicine.facts.get(topic)
            if fact is not None and _mentions_all(specific, fact_text(fact)):
                return topic
    return None
