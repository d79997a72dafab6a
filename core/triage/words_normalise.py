"""Contractions and texting shorthand, as data (`core/triage/normalise.py`)."""

from typing import Dict, Tuple

CONTRACTIONS: Dict[str, str] = {
    "ca": "can",
    "wo": "will",
    "n't": "not",
    "nt": "not",
    "'m": "be",
    "'re": "be",
    "'ve": "have",
    "'ll": "will",
    "'d": "would",
    "cannot": "can",
    "im": "i",
    "ive": "i",
    # texting shorthand, split below: "cnt" = can + not, "dnt" = do + not
    "cn": "can",
    "dn": "do",
}
# "ill" before one of these is "I'll" typed without the apostrophe.
AFTER_ILL = frozenset(
    {
        "be",
        "have",
        "do",
        "go",
        "get",
        "see",
        "try",
        "plan",
        "let",
        "call",
        "ring",
        "ask",
        "check",
        "book",
        "make",
        "take",
        "tell",
        "just",
        "probably",
        "definitely",
        "sort",
        "bring",
        "pop",
        "give",
        "wait",
        "keep",
        "look",
        "speak",
        "talk",
        "come",
        "text",
        "email",
        "phone",
        "need",
        "send",
        "write",
        "put",
        "work",
        "stick",
        "leave",
        "read",
        "find",
        "mention",
        "bear",
        "remember",
        "def",
        "prob",
        "defo",
        "maybe",
        "also",
        "still",
        "never",
        "know",
        "say",
        "update",
        "message",
    }
)
# "t" after one of these is "not": "can t", "don t", and the split shorthand.
BEFORE_T = frozenset(
    {
        "cn",
        "dn",
        "can",
        "don",
        "won",
        "didn",
        "doesn",
        "isn",
        "wasn",
        "couldn",
        "wouldn",
        "haven",
        "hasn",
        "aren",
    }
)
# Negated verbs typed without vowels or apostrophe, as in text messages; spaCy
# already splits "cant", "dont", "wont" into verb and "nt".
SHORTHAND_SPLITS: Dict[str, Tuple[str, str]] = {"cnt": ("cn", "t"), "dnt": ("dn", "t")}
