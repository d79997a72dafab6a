"""Which parts of a question the sources do not cover, read from the facts.

Pure module. Consumer medication questions keep asking about the same things
beside the medicine itself (the question types of public consumer collections
such as TREC LiveQA and MedicationQA: pregnancy, alcohol, cost, interactions,
a missed dose, travel, age...). Each aspect below has the patient's words for
it and the words a source would use; an aspect the patient asks about that no
fact of the medicine mentions is not covered, and the bot says so plainly
instead of answering a neighbouring fact. Nothing here is written per medicine:
a new fact file that speaks of pregnancy makes pregnancy covered for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Pattern, Sequence, Tuple

from core.facts import Medicine


@dataclass(frozen=True)
class Aspect:
    """Something a patient may ask about, in their words and the sources'."""

    name: str  # said back to the patient: "pregnancy or breastfeeding"
    asked: Pattern[str]  # in the question
    covered: Pattern[str]  # in a fact's answer or quoted passage


def _aspect(name: str, asked: str, covered: str) -> Aspect:
    return Aspect(
        name,
        re.compile(rf"\b(?:{asked})", re.IGNORECASE),
        re.compile(rf"\b(?:{covered})", re.IGNORECASE),
    )


ASPECTS: Tuple[Aspect, ...] = (
    _aspect(
        "pregnancy or breastfeeding",
        r"pregnan\w*|breast ?feed\w*|nursing a baby|trying for a baby|conceiv\w*",
        r"pregnan\w*|breast ?feed\w*|lactat\w*|contracepti\w*",
    ),
    _aspect(
        "alcohol",
        r"alcohol\w*|wine|beers?|drink(?:ing)? (?:a|some)? ?(?:glass|pint)|booze|"
        r"drinks? (?:alcohol|a little)",
        r"alcohol\w*",
    ),
    _aspect(
        "cost or insurance",
        r"cost\w*|price\w*|pay\b|paid|afford\w*|insurance|insurer|expensive|"
        r"free of charge|financial|funding|medicare|nhs fund\w*",
        r"cost\w*|price\w*|insurance|reimburs\w*|fund\w*|afford\w*",
    ),
    _aspect(
        "a missed dose",
        r"miss(?:ed|es|ing)? (?:a |an |my |one |the )?(?:[a-z0-9]+ )?"
        r"(?:dose|infusion|appointment|session|treatment)|"
        r"skip(?:ped)? (?:a |an )?(?:dose|infusion)|"
        r"(?:dose|infusion|appointment)s?\b.{0,30}\b(?:miss|skip)\w*",
        r"missed dose|miss(?:ed|ing)? (?:a )?dose",
    ),
    _aspect("driving", r"driv(?:e|ing)\b", r"driv(?:e|ing)\b|machinery"),
    _aspect(
        "travel",
        r"fly(?:ing)?\b|flights?|travel\w*|holiday\w*|vacation|abroad",
        r"travel(?:ling|ing)? (?:abroad|by air|overseas)|air travel|fly(?:ing)?\b",
    ),
    _aspect(
        "vaccines", r"vaccin\w*|jabs?\b|flu shot|booster", r"vaccin\w*|immuni[sz]ation"
    ),
    _aspect(
        "other medicines, supplements or herbal remedies",
        r"interact\w*|supplements?|herbal|vitamins?|turmeric|fish oil|st john|"
        r"blood pressure (?:tablets|pills|medicine)|warfarin|blood thinners?|"
        # common over-the-counter and everyday medicines: generic name, brand or class
        r"ibuprofen|paracetamol|acetaminophen|aspirin|tylenol|advil|nurofen|naproxen|"
        r"pain ?killers?|antibiotics?|antihistamines?|sleeping (?:pills|tablets)|"
        r"over[- ]the[- ]counter|"
        r"(?:take|taking|mix\w*) (?:it )?with (?:my )?other "
        r"(?:medicines?|drugs?|meds|tablets)",
        r"(?:drug|medicine) interactions?|"
        r"interacts? with (?:other )?(?:medicines|drugs)|"
        r"supplements?|herbal|other medicines|over-the-counter",
    ),
    _aspect(
        "how long it takes to work",
        r"how (?:long|soon|quickly) (?:does|will|until|before|till)\b.{0,30}\b"
        r"(?:work|start working|kick in|see (?:results|a difference)|help)|"
        r"when will (?:it|i) (?:start to )?(?:work|see|notice)",
        r"time to (?:response|onset)|start(?:s)? to work|weeks? to work|"
        r"take[sn]? .{0,15} to work",
    ),
    _aspect(
        "how long treatment goes on",
        r"how long (?:do|will|can|would|should) "
        r"(?:i|you|he|she|they|we|people|patients)\b.{0,25}\b"
        r"(?:stay on|be on|keep|take|have|continue|need)|"
        r"how many (?:cycles|infusions|doses|rounds) (?:in total|altogether|will|do)|"
        r"for (?:the )?rest of (?:my|his|her) life|limit to how long|"
        r"when (?:do|does|will|can) (?:it|treatment|the treatment) (?:stop|end)",
        r"up to \d+ (?:years?|months?|cycles)|until (?:disease )?progression|"
        r"maximum of|for up to|unacceptable toxicity",
    ),
    _aspect(
        "age (children or older people)",
        r"too old|elderly|older (?:people|adults|patients)|"
        r"over (?:7|8|9)\d\b|aged? (?:7|8|9)\d\b|\b(?:7|8|9)\d ?(?:years? old|yo\b)|"
        r"child(?:ren)?|kids?\b|teen\w*|paediatric|pediatric",
        r"elderly|older (?:people|adults|patients)|"
        r"child(?:ren)?|paediatric|pediatric|aged? \d",
    ),
    _aspect(
        "diet and food",
        r"\bdiet\b|foods?\b|grapefruit|what (?:can|should) (?:i|he|she) eat|"
        r"eating (?:anything|certain)",
        r"\bdiet\b|foods?\b|grapefruit|drink plenty of water|hydrated",
    ),
    _aspect(
        "exercise or sport",
        r"exercis\w*|gym\b|sports?\b|go(?:ing)? (?:for a )?run\b|swim\w*|work ?outs?",
        r"exercis\w*|physical activity",
    ),
    _aspect(
        "where to get it",
        r"where (?:can|do|could) (?:i|we|he|she) (?:get|buy|find)|"
        r"pharmac(?:y|ist) (?:sell|stock)|chemist|buy (?:it|\w+mab) online|near me",
        r"available (?:at|from|in)|pharmac(?:y|ies)|obtain\w*|"
        r"hospital or infusion cent\w*|clinical setting",
    ),
    _aspect(
        "a brand name",
        r"brand (?:name)?|trade ?name|generic",
        r"brand|trade ?name|marketed as",
    ),
)


def asked_aspects(text: str) -> List[Aspect]:
    """The aspects `text` asks about."""
    return [a for a in ASPECTS if a.asked.search(text or "")]


def uncovered_aspects(medicine: Medicine, text: str) -> List[Aspect]:
    """The aspects `text` asks about that none of the medicine's facts mention."""
    asked = asked_aspects(text)
    if not asked:
        return []
    corpus = " ".join(
        part for fact in medicine.facts.values() for part in (fact.answer, *fact.quotes)
    )
    return [a for a in asked if not a.covered.search(corpus)]


def covering_topics(medicine: Medicine, text: str) -> List[str]:
    """The medicine's topics whose facts mention an aspect `text` asks about
    (a brand name, supplements...), in fact-file order: the sources' answer to
    a question the classifier took for an uncovered one."""
    asked = asked_aspects(text)
    return [
        topic
        for topic, fact in medicine.facts.items()
        if any(
            a.covered.search(part)
            for a in asked
            for part in (fact.answer, *fact.quotes)
        )
    ]


def and_list(words: Sequence[str]) -> str:
    """ "a, b and c" for a reply."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def names(aspects: Sequence[Aspect]) -> str:
    """The aspects' names as "a, b and c"."""
    return and_list([a.name for a in aspects])


__all__ = [
    "ASPECTS",
    "Aspect",
    "and_list",
    "asked_aspects",
    "covering_topics",
    "names",
    "uncovered_aspects",
]
