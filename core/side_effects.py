"""Answer "does it cause X?" and "how does it affect my liver?" from the facts.

Pure module. Nothing here is written per medicine: a patient's word for a
symptom or an organ is mapped to clinical terms by one shared lay vocabulary
(PRO-CTCAE patient terms and common organ words), and those terms are looked up
in the quoted passages of the medicine's side-effect facts: every topic whose
name starts with `side_effects`, plus `report_monitor` (what to report). A new
medicine's fact file gets this with no code.

Groups are read from the fact's topic (common; with chemotherapy; serious; what
to report) and, when the matching sentence speaks of the infusion, "an infusion
reaction".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from core.constants import MEDICINE_PLACEHOLDER, TOPIC_SIDE_EFFECTS_SERIOUS
from core.facts import Fact, Medicine

# Patient words (regular expressions) -> the clinical words to look for in the
# seed passages. Shared by every medicine.
LAY_TERMS: Tuple[Tuple[str, str, Tuple[str, ...]], ...] = (
    # (name said back to the patient, patient words, clinical words)
    (
        "tiredness",
        r"tired\w*|fatigue\w*|exhaust\w*|no energy|lack of energy|sleepy|weary|"
        r"wiped out|worn out|drained|run down|lethargic|knackered|shattered",
        ("fatigue", "tired"),
    ),
    (
        "nausea",
        r"nause\w*|feel(?:ing)? sick|queasy|sick to (?:my|the) stomach|upset stomach",
        ("nausea", "upset stomach"),
    ),
    ("vomiting", r"vomit\w*|throw(?:ing)? up|puk\w*|being sick", ("vomit",)),
    (
        "diarrhoea",
        r"diarr?h?o?ea\w*|diarhea|the runs|loose (?:stools?|bowels?)|watery poo",
        ("diarrhea", "diarrhoea"),
    ),
    # Only the effect itself, or a term a pharmacist accepts as the same: a broad
    # sign ("redness" during a drip, "bowel changes") is not the diagnosis.
    ("rash", r"rash\w*|spots|hives", ("rash", "skin reaction")),
    ("itching", r"itch\w*", ("itching", "itch")),
    ("fever", r"fever\w*|temperature|temp\b", ("fever",)),
    ("chills", r"chills?|shiver\w*|rigou?rs?", ("chills",)),
    ("headache", r"headache\w*|migraine", ("headache", "head pain")),
    ("cough", r"cough\w*", ("cough",)),
    (
        "breathing problems",
        r"breath\w*|short of breath|pneumonitis|lung inflammation",
        ("pneumonitis", "breath"),
    ),
    (
        "liver problems",
        r"jaundice|yellow\w*|hepatitis|liver enzymes?|alt\b|ast\b",
        ("liver", "hepatitis", "hepatotoxicity", "yellowing"),
    ),
    # A sign of liver stress in the sources ("very dark urine").
    (
        "dark urine",
        r"dark (?:urine|pee|wee)|(?:urine|pee|wee)\b[^.?!]{0,25}\bdark(?:er)?\b",
        ("dark urine",),
    ),
    ("colitis", r"colitis|bowel inflammation|inflamed bowel", ("colitis",)),
    ("thyroid problems", r"thyroid\w*", ("thyroid",)),
    (
        "low blood counts",
        r"an(?:a)?emi\w*|low blood count\w*|neutropeni\w*|low platelets?|"
        r"thrombocytopeni\w*|low white cells?",
        ("anemia", "neutropenia", "thrombocytopenia", "hematologic"),
    ),
    (
        "hair loss",
        r"hair (?:loss|fall\w*|thin\w*|"
        r"(?:is |has been |keeps )?(?:falling|coming) out)|"
        r"(?:lose|losing|lost|shed\w*) (?:\w+ ){0,4}hair|bald\w*|alopecia",
        ("hair loss", "alopecia"),
    ),
    (
        "weight change",
        r"weight (?:gain|loss)|gain weight|lose weight|put on weight",
        ("weight",),
    ),
    (
        "sleep problems",
        r"insomnia|(?:can't|cannot|can not|unable to) sleep|"
        r"(?:trouble|problems?|difficulty) sleeping|sleep\b|sleepless\w*",
        ("insomnia", "sleeplessness", "trouble sleeping", "sleep problems"),
    ),
    ("mood changes", r"depress\w*|anxi\w*|mood\w*|suicid\w*", ("depression", "mood")),
    ("infertility", r"infertil\w*|fertility", ("fertility",)),
    ("kidney problems", r"kidney\w*|renal|nephritis", ("kidney", "renal", "nephritis")),
    (
        "heart problems",
        r"heart\b|cardiac|myocarditis|palpitation\w*",
        ("heart", "cardiac", "myocarditis"),
    ),
    (
        "joint or muscle pain",
        r"joint\w*|muscle\w*|aches?\b",
        ("joint", "muscle", "arthralgia", "myalgia"),
    ),
    ("numbness", r"numb\w*|tingl\w*|neuropath\w*", ("numbness", "neuropathy")),
    ("memory problems", r"memory|forget\w*|brain fog", ("memory", "cognitive")),
    (
        "infusion reactions",
        r"infusion reaction\w*|reaction to the (?:drip|infusion)",
        ("infusion reaction",),
    ),
)
# Organ words: "how does it affect my liver?" asks about all of them at once.
ORGANS: Tuple[Tuple[str, str, Tuple[str, ...]], ...] = (
    (
        "your liver",
        r"liver",
        ("liver", "hepatitis", "hepatotoxicity", "yellowing", "enzymes"),
    ),
    (
        "your stomach and gut",
        r"stomach|tummy|gut|bowels?|digest\w*|intestin\w*|belly",
        (
            "diarrhea",
            "diarrhoea",
            "nausea",
            "gastrointestinal",
            "colitis",
            "upset stomach",
            "bowel",
        ),
    ),
    ("your skin", r"skin", ("rash", "itching", "skin", "redness")),
    ("your lungs", r"lungs?|breathing", ("pneumonitis", "lung", "cough", "breath")),
    (
        "your blood",
        r"blood counts?|blood cells|bone marrow",
        ("anemia", "neutropenia", "thrombocytopenia", "hematologic"),
    ),
    ("your kidneys", r"kidneys?", ("kidney", "renal")),
    ("your heart", r"heart", ("heart", "cardiac")),
)
_GROUPS: Dict[str, str] = {
    "side_effects_common": "common side effects",
    "side_effects_chemo": "side effects when it is given with chemotherapy",
    "side_effects_serious": "serious side effects",
    "report_monitor": "signs to report to your care team",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# Words that make a question about a symptom a side-effect question.
_SIDE_EFFECT_CUES = re.compile(
    r"\b(?:cause[sd]?|causing|side[ -]?effects?|adverse|affect\w*|"
    r"give[sn]? (?:you|me|people)|make[s]? (?:you|me|people|your|my)|lead to|risk|"
    r"damage|harm|bad for|linked|trigger\w*|result in|reaction|effect on|do to|"
    r"mess(?:es|ing)? (?:with|up)|do anything to|hurt (?:my|your|the)|"
    r"safe for (?:my|his|her|your|the)|"
    # asked about a symptom already there: is it the medicine?
    r"from (?:the |this |that |my |his |her )?"
    r"(?:drug|medicine|treatment|infusion|drip|immunotherapy|it)|"
    r"related|connected|common (?:with|on|for)|usual (?:with|on)|"
    r"(?:is|was) (?:this|that|it) normal|(?:other )?people get|known (?:to|with|for)|"
    r"reacting to|because of (?:the|it|this)|due to (?:the|it|this)|"
    r"(?:could|can|might|would|is|was) (?:it|this|that) (?:be )?(?:the|my|his|her) "
    r"(?:drug|medicine|medication|treatment|infusion|drip|immunotherapy)|"
    r"(?:could|can|might) (?:the|my) "
    r"(?:drug|medicine|medication|treatment|immunotherapy) (?:be|do))\b",
    re.IGNORECASE,
)
_MEDICINE = re.escape(MEDICINE_PLACEHOLDER)
# The short pairing patients type into a search box: "<medicine> and itching?",
# "chills after <medicine>?" (names replaced by "the medicine" first).
_PAIRED = re.compile(
    rf"^\W*(?:{_MEDICINE}\W+(?:and\W+|with\W+|\+\W*|&\W*)?[^?.!]{{2,60}}|"
    rf"[^?.!]{{2,60}}?\W(?:after|on|with|from|and)\W+{_MEDICINE})\W*\?\W*$",
    re.IGNORECASE,
)


# Asking whether a symptom already there comes from the medicine: a side-effect
# question whatever topic the rest of the message reads as ("my ALT came back
# high, could that be the drug?"), and after an escalation, a symptom told with
# "since he started <the medicine>" links it to the medicine.
_ATTRIBUTION = re.compile(
    r"\b(?:from (?:the |this |that )?"
    r"(?:drug|medicine|medication|treatment|infusion|drip)|"
    r"(?:is|was|could|can|might|would) (?:it|this|that) (?:be )?(?:the|from the) "
    r"(?:drug|medicine|medication|treatment|infusion|drip)|"
    r"(?:is|could|might) (?:it|this|that) be (?:related|connected|linked)|"
    r"(?:is|was) (?:it|this|that) (?:related|connected|linked)|"
    r"because of (?:the|it|this) (?:drug|medicine|treatment)|"
    r"due to (?:the|it|this) (?:drug|medicine|treatment)|"
    rf"since (?:\w+ ){{0,2}}"
    r"(?:started|starting|began|beginning|being on|going on|having) (?:on )?"
    rf"(?:{re.escape(MEDICINE_PLACEHOLDER)}|it|the (?:drug|treatment|infusions?)))\b",
    re.IGNORECASE,
)


def is_attribution_question(text: str) -> bool:
    """Does the text ask whether a symptom comes from the medicine?"""
    return bool(_ATTRIBUTION.search(text or ""))


def is_side_effect_question(text: str) -> bool:
    """Does the text ask whether something is a side effect ("can it cause ...",
    "is that the drug?", "the medicine and itching?")?"""
    return bool(
        _SIDE_EFFECT_CUES.search(text)
        or _PAIRED.search(text)
        or _ATTRIBUTION.search(text)
    )


@dataclass(frozen=True)
class Asked:
    """One symptom or organ the patient asked about."""

    name: str
    terms: Tuple[str, ...]
    organ: bool = False


@dataclass(frozen=True)
class Listed:
    """Where the sources list an asked-about effect, with the passage."""

    asked: Asked
    fact: Fact
    group: str
    passage: str


def asked_effects(text: str) -> List[Asked]:
    """The symptoms and organs a question names, in order of mention."""
    lowered = text.lower().replace("\u2019", "'")
    found: List[Tuple[int, Asked]] = []
    for table, organ in ((LAY_TERMS, False), (ORGANS, True)):
        for name, pattern, terms in table:
            match = re.search(rf"\b(?:{pattern})", lowered)
            if match:
                found.append((match.start(), Asked(name, terms, organ)))
    found.sort(key=lambda pair: (pair[0], not pair[1].organ))
    # One word, one question: "my kidneys" is the organ, not also "kidney problems".
    kept: List[Asked] = []
    starts = set()
    for start, asked in found:
        if start not in starts:
            kept.append(asked)
            starts.add(start)
    return kept


def side_effect_facts(medicine: Medicine) -> List[Fact]:
    """The medicine's facts about side effects and what to report, by topic name."""
    return [
        fact
        for topic, fact in medicine.facts.items()
        if topic.startswith("side_effects") or topic == "report_monitor"
    ]


def look_up(medicine: Medicine, asked: Asked) -> List[Listed]:
    """Every side-effect fact whose quoted passage names one of the asked terms."""
    listed: List[Listed] = []
    for fact in side_effect_facts(medicine):
        for quote in fact.quotes:
            for sentence in _SENTENCE.split(quote):
                lowered = sentence.lower()
                if any(
                    re.search(rf"\b{re.escape(term)}", lowered) for term in asked.terms
                ):
                    group = _GROUPS.get(fact.topic, "side effects")
                    if "infusion" in lowered:
                        group = "infusion reactions"
                    listed.append(
                        Listed(asked, fact, group, " ".join(sentence.split()))
                    )
                    break
            else:
                continue
            break
    return listed


# Broader signs the sources may name instead of the effect asked about: never a
# "yes", but quoted so that the patient reads what the source does say
# ("bowel changes must be reported" for diarrhoea; "redness" during the drip for
# a rash; pneumonitis for a cough).
RELATED_SIGNS: Dict[str, Tuple[str, ...]] = {
    "diarrhoea": ("bowel", "colitis"),
    "colitis": ("bowel",),
    "vomiting": ("nausea",),
    "rash": ("redness", "skin"),
    "itching": ("redness", "skin"),
    "cough": ("pneumonitis", "lung", "breath"),
    "breathing problems": ("cough", "lung"),
    "dark urine": ("liver", "hepatitis"),
    "fever": ("infection",),
}
# How urgently the passage itself says to act.
IMMEDIATE, PROMPT, REPORT = "immediately", "prompt", "report"


def related_signs(medicine: Medicine, asked: Asked) -> List[Listed]:
    """Passages naming a broader sign related to an effect the sources don't list."""
    words = RELATED_SIGNS.get(asked.name, ())
    return look_up(medicine, Asked(asked.name, words, asked.organ)) if words else []


def urgency(listed: Listed) -> Optional[str]:
    """What the source says to do about the listed effect, as strongly as it says it."""
    passage = listed.passage.lower()
    if "immediately" in passage or "right away" in passage:
        return IMMEDIATE
    if listed.fact.topic == TOPIC_SIDE_EFFECTS_SERIOUS and any(
        "prompt medical attention" in q.lower() for q in listed.fact.quotes
    ):
        return PROMPT
    if re.search(r"\b(?:must|should) be reported\b|\breport\b", passage):
        return REPORT
    return None


def group_names(listed: Sequence[Listed]) -> List[str]:
    """The groups an effect is listed in, once each, in fact order."""
    return list(dict.fromkeys(item.group for item in listed))


def first(listed: Sequence[Listed]) -> Optional[Listed]:
    """The first listing, if any."""
    return listed[0] if listed else None
