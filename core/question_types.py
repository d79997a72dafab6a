"""Question types: the form of a question says what it asks for.

Pure module, no Rasa. "What is this drug?" asks for an overview whatever words
surround it; "will it cure me?", "what are the odds it shrinks?" ask how well it
worked in trials; "can my doctor prescribe it?" asks about availability. These
forms hold for any medicine, so they are written once, as patterns of the
question, not of the answer. They are one reading of a question beside the
intent classifier and the ranking of the fact base
(`core.answers.topic.fused_topic`).

Our medicines' names are replaced by "the medicine" before matching (see
`core.answers.reading.as_the_medicine`), so a pattern never names a medicine.
"""

from __future__ import annotations

import re
from typing import List, Pattern, Sequence, Tuple

from core.constants import (
    MEDICINE_PLACEHOLDER,
    TOPIC_APPROVAL,
    TOPIC_DEVELOPER,
    TOPIC_MECHANISM,
    TOPIC_OVERVIEW,
    TOPIC_REPORT_MONITOR,
    TOPIC_SCHEDULE,
    TOPIC_TRIAL_RESULTS,
)

THE_MEDICINE = MEDICINE_PLACEHOLDER
_IT = rf"(?:it|this|that|{THE_MEDICINE})"
_DRUG = r"(?:drug|medicine|medication|treatment|stuff|thing|one)"

QUESTION_TYPES: Sequence[Tuple[str, Pattern[str]]] = (
    # Asking what a thing is: "what is it?", "what's this drug??", "explain it in
    # plain English", "is that a real medicine?" (not "what is it used for").
    (
        TOPIC_OVERVIEW,
        re.compile(
            rf"\bwhat(?:'s|s| is| exactly is)\s+{_IT}(?:\s+{_DRUG})?\s*(?:[?!.,;:]|$)|"
            rf"\b(?:explain|describe)\b[^?.!]*\b{_IT}\b|\bin a nutshell\b|"
            rf"\bplain english\b|\bnever heard of\b|\bis {_IT} a real {_DRUG}\b",
            re.IGNORECASE,
        ),
    ),
    # How well it works: the trial results (efficacy and biomarker questions).
    (
        TOPIC_TRIAL_RESULTS,
        re.compile(
            r"\b(?:cure[sd]?|curing|shrink\w*|odds|chances? (?:of|that|it)|"
            r"success rate|response rate|survival|survive|live longer|promising|"
            r"effective(?:ness)?|efficacy|"
            rf"how well (?:does|did|do|will) {_IT} work|"
            r"(?:work|works|worked) (?:better|well)|better than|"
            r"how much (?:better|longer)|"
            rf"(?<!how )(?:does|did|will|would) {_IT} (?:actually |really )?work\b"
            r"(?! the same| in the same| differently| like| by|"
            r" on (?:the|my|your|his|her) (?:immune|body|cells)))",
            re.IGNORECASE,
        ),
    ),
    # Its names: "does it go by another name?", "is MLN1202 the same drug as
    # the medicine?" (the overview gives every name the sources use; a brand
    # name is an aspect of `core.coverage`, answered by the fact that mentions it).
    (
        TOPIC_OVERVIEW,
        re.compile(
            r"\b(?:other|another|different|alternative|proper|full|research|chemical|"
            r"code|official) names?\b|"
            r"\balso (?:called|known)\b|\bknown as\b|\bstand for\b|"
            r"\bsame (?:drug|thing|medicine|medication) as\b",
            re.IGNORECASE,
        ),
    ),
    # How it works, or whether it works like something else.
    (
        TOPIC_MECHANISM,
        re.compile(
            rf"\bhow (?:does|do|will|would|exactly does) {_IT} "
            r"(?:actually |really )?work\b|"
            r"\bwork(?:s)? (?:the same way|in the same way|differently|by\b)|"
            rf"\bwhat (?:does|will) {_IT} (?:actually |really )?do (?:to|in|inside)\b|"
            r"\bmode of action\b|\bmechanism\b",
            re.IGNORECASE,
        ),
    ),
    # What to report, to whom, when to get help, and the checks during
    # treatment ("why so many blood tests on it?"; tests before it are the
    # pre-treatment tests).
    (
        TOPIC_REPORT_MONITOR,
        re.compile(
            r"\bwho (?:do|should|can|would|will) (?:i|we|you|he|she|they) "
            r"(?:report|tell|call|contact|ring)\b|"
            r"\breport(?:ing)? (?:a |any |the |my |his |her |their )?"
            r"(?:side effects?|symptoms?|reactions?|problems?)\b|"
            r"\b(?:gets?|seeks?|needs?|call for) (?:medical )?help "
            r"(?:quickly|fast|straight away|right away|urgently|immediately)\b|"
            r"\bwhen (?:should|do|must) (?:i|we|he|she|they) "
            r"(?:call|ring|phone|contact|get help|seek help|worry)\b|"
            r"^(?![^?.!]*\b(?:before|baseline|prior|screening)\b)"
            r"(?=[^?.!]*\b(?:blood ?tests?|bloods|blood work|check-?ups?|monitor\w*)\b)"
            r"[^?.!]*\b(?:during|while|so many|regular\w*|how often|frequent\w*|"
            rf"miss\w*|on (?:the )?(?:trial|study|treatment|{THE_MEDICINE}))\b",
            re.IGNORECASE,
        ),
    ),
    # How to get it: availability and approval status.
    (
        TOPIC_APPROVAL,
        re.compile(
            r"\b(?:prescrib\w*|prescription|get hold of|access to|get access|"
            rf"(?:buy|purchase|order) (?:{_IT}|some|online)|"
            r"available|availability|licen[sc]ed|off[ -]label|on the market|"
            r"how (?:can|do|could|would) (?:i|we|you|my \w+|people) "
            r"(?:actually )?get)\b",
            re.IGNORECASE,
        ),
    ),
    # Who makes it.
    (
        TOPIC_DEVELOPER,
        re.compile(
            r"\b(?:who (?:makes|made|developed|develops|manufactures|owns|invented|"
            r"created|produces)|which company|manufacturer|drug company|"
            r"pharma\w* (?:company|firm)|rights to)\b",
            re.IGNORECASE,
        ),
    ),
    # How often and how long.
    (
        TOPIC_SCHEDULE,
        re.compile(
            r"\b(?:how often|how frequent\w*|"
            r"every (?:\d+|two|three|four|few) (?:days?|weeks?)|"
            r"how many (?:times|doses|cycles|infusions|rounds)|"
            r"how long (?:will|do|does|would|can) (?:i|you|he|she|they|we|people) "
            r"(?:be|stay|keep|need))\b",
            re.IGNORECASE,
        ),
    ),
)


def question_types(text: str) -> List[str]:
    """The topics the form of the question asks for, in table order."""
    return list(
        dict.fromkeys(
            topic for topic, pattern in QUESTION_TYPES if pattern.search(text or "")
        )
    )


__all__ = ["QUESTION_TYPES", "THE_MEDICINE", "question_types"]
