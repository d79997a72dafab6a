"""Measurements patients quote: temperatures and vital signs.

Numbers with a temperature unit or word are checked against the fever and low
temperature thresholds; quoted vital signs (oxygen saturation, pulse, breathing
rate, blood sugar, calcium, blood pressure) against the bands in
`core/triage/thresholds.py`. A normal reading is evidence that nothing is
wrong, so it is kept as a resolved finding (see `Assessment.judged_calm`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, List, Optional, Set, Tuple

from core.triage.categories import FEVER, INFUSION_REACTION, LOW_TEMPERATURE
from core.triage.context import hypothetical
from core.triage.findings import Finding
from core.triage.levels import CALM, EMERGENCY, ROUTINE, URGENT
from core.triage.thresholds import (
    BREATHING_RATE_HIGH,
    BREATHING_RATE_LOW,
    CALCIUM_HIGH_MMOL,
    CALCIUM_LOW_MMOL,
    CALCIUM_SEVERE_MMOL,
    FAHRENHEIT_ABOVE,
    FEVER_THRESHOLD_C,
    GLUCOSE_HIGH_MMOL,
    GLUCOSE_LOW_MMOL,
    GLUCOSE_MG_DL_ABOVE,
    LOW_TEMPERATURE_C,
    MG_DL_PER_MMOL_GLUCOSE,
    OXYGEN_RED_FLAG,
    PULSE_HIGH,
    PULSE_LOW,
    PULSE_RESTING_HIGH,
    SYSTOLIC_HIGH,
    SYSTOLIC_LOW,
    TEMPERATURE_PLAUSIBLE_C,
)
from core.triage.timing import resolved
from core.triage.tokens import doc_norm
from core.triage.words_context import TEMPERATURE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_TEMPERATURE = re.compile(
    r"(?<![\d.])(\d{2,3}(?:[.,]\d{1,2})?)\s*(°|º|degrees?|deg)?\s*([cf])?(?![a-z])",
    re.IGNORECASE,
)
_TEMPERATURE_WORD_IN = re.compile(r"temp|fever|hot", re.IGNORECASE)
_OXYGEN = re.compile(
    r"(?:sats?|saturation|oxygen|o2|spo2|pulse ox\w*|monitor says)\W*$", re.IGNORECASE
)
_NOT_TEMPERATURE_UNIT = re.compile(
    r"\s*(?:mg|g\b|kg|ml|l\b|%|cm|mm|years?|yrs?|weeks?|kilos?|pounds?|lbs?|min|"
    r"hours?|hrs?|mmol|units?|iu|x\b|times)"
)


# --- Temperatures -------------------------------------------------------------


def _oxygen_reading(text: str, match: re.Match[str]) -> bool:
    """A percentage or a number after "sats": oxygen saturation."""
    after = text[match.end() : match.end() + 3]
    before = text[max(0, match.start() - 25) : match.start()]
    return after.lstrip().startswith("%") or bool(_OXYGEN.search(before))


def _bare_reading(text: str, match: re.Match[str]) -> bool:
    """ "38.4 tonight": a decimal is a reading, unless a unit says otherwise."""
    if "." not in match.group(1) and "," not in match.group(1):
        return False
    after = text[match.end() : match.end() + 12].lower()
    return not _NOT_TEMPERATURE_UNIT.match(after)


def _named_temperature(text: str, match: re.Match[str], span: Span) -> bool:
    """A degree sign, a unit, a decimal, or a temperature word in the sentence
    ("I am 38 years old" is none of these)."""
    if match.group(2) or match.group(3) or _bare_reading(text, match):
        return True
    return bool({doc_norm(t) for t in span.sent} & TEMPERATURE_WORDS)


def _celsius(match: re.Match[str]) -> Optional[float]:
    """The reading in °C, or None when no body could have it."""
    value = float(match.group(1).replace(",", "."))
    unit = (match.group(3) or "").lower()
    celsius = (value - 32) * 5 / 9 if unit == "f" or value > FAHRENHEIT_ABOVE else value
    low, high = TEMPERATURE_PLAUSIBLE_C
    return celsius if low <= celsius <= high else None


def _temperature_span(doc: Doc, match: re.Match[str]) -> Optional[Span]:
    """The reading's tokens, when the number is a body temperature."""
    span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if span is None or _oxygen_reading(doc.text, match):
        return None
    return span if _named_temperature(doc.text, match, span) else None


def _temperature_finding(
    match: re.Match[str], span: Span, celsius: float
) -> Tuple[Finding, bool]:
    """The reading as a finding, and whether it is in the normal range."""
    # A reading is a report, even inside a question ("is 35.5 too low?"),
    # unless it is conditional ("what if it goes over 38?").
    asked = "if" in {doc_norm(t) for t in span.sent} and hypothetical(span)
    text, start, end = match.group(0).strip(), match.start(1), match.end(1)
    if celsius >= FEVER_THRESHOLD_C:
        category = FEVER
    elif celsius < LOW_TEMPERATURE_C:
        category = LOW_TEMPERATURE
    else:
        return Finding(FEVER, URGENT, text, False, asked, start, end, True), True
    finding = Finding(category, URGENT, text, False, asked, start, end, resolved(span))
    return finding, False


def _about_temperature(finding: Finding) -> bool:
    return finding.category in (FEVER, LOW_TEMPERATURE) or (
        finding.category == INFUSION_REACTION
        and bool(_TEMPERATURE_WORD_IN.search(finding.text))
    )


def _mark_normal(doc: Doc, findings: List[Finding], sentences: Set[int]) -> None:
    """Fever words in a sentence with only normal readings read as normal."""
    for index, finding in enumerate(findings):
        if not _about_temperature(finding) or finding.resolved:
            continue
        span = doc.char_span(finding.start, finding.end, alignment_mode="expand")
        if span is not None and span.sent.start in sentences:
            findings[index] = dataclasses.replace(finding, resolved=True)


def temperatures(doc: Doc, findings: List[Finding]) -> List[Finding]:
    """Readings: fever at or above the threshold, low below 36 °C; a normal
    reading marks the fever words of its sentence (in `findings`) as normal too."""
    normal_sentences: Set[int] = set()
    abnormal_sentences: Set[int] = set()
    readings: List[Finding] = []
    for match in _TEMPERATURE.finditer(doc.text):
        span = _temperature_span(doc, match)
        celsius = _celsius(match) if span is not None else None
        if span is None or celsius is None:
            continue
        finding, normal = _temperature_finding(match, span, celsius)
        (normal_sentences if normal else abnormal_sentences).add(span.sent.start)
        readings.append(finding)
    only_normal = normal_sentences - abnormal_sentences
    if only_normal:
        _mark_normal(doc, findings, only_normal)
    return readings


# --- Vital signs ----------------------------------------------------------------


@dataclass(frozen=True)
class VitalSign:
    """A measured value a patient may quote, with the bands that set its level.

    `name` is a regex for the words that name the reading; the value follows
    within a few characters ("sats 88", "pulse is 118", "sugar meter said 26").
    `level` maps the value (and whether the sentence says "at rest") to a level,
    CALM for the normal range: a normal reading is evidence that nothing is
    wrong, so it is kept as a resolved finding (see `Assessment.judged_calm`).
    """

    category: str
    name: str
    low: float  # values outside [low, high] are not this reading ("sugar 2 spoons")
    high: float
    level: Callable[[float, bool], str]
    source: str


def _oxygen_level(value: float, at_rest: bool) -> str:
    return EMERGENCY if value <= OXYGEN_RED_FLAG else CALM


def _pulse_level(value: float, at_rest: bool) -> str:
    if value > PULSE_HIGH or value < PULSE_LOW:
        return URGENT
    # Above 100 at rest is a fast heart (tachycardia); after the stairs it is not.
    return URGENT if at_rest and value > PULSE_RESTING_HIGH else CALM


def _glucose_level(value: float, at_rest: bool) -> str:
    mmol = value / MG_DL_PER_MMOL_GLUCOSE if value > GLUCOSE_MG_DL_ABOVE else value
    return URGENT if mmol > GLUCOSE_HIGH_MMOL or mmol < GLUCOSE_LOW_MMOL else CALM


def _calcium_level(value: float, at_rest: bool) -> str:
    if value >= CALCIUM_SEVERE_MMOL or value < CALCIUM_LOW_MMOL:
        return URGENT
    return ROUTINE if value > CALCIUM_HIGH_MMOL else CALM


def _breathing_rate_level(value: float, at_rest: bool) -> str:
    return (
        EMERGENCY
        if value >= BREATHING_RATE_HIGH or value <= BREATHING_RATE_LOW
        else CALM
    )


def _blood_pressure_level(value: float, at_rest: bool) -> str:
    return URGENT if value <= SYSTOLIC_LOW or value >= SYSTOLIC_HIGH else CALM


_VALUE_AFTER_NAME = r"\b[^\d\n]{0,25}?(\d{1,3}(?:[.,]\d)?)(?!\d)"
_AT_REST = re.compile(
    r"\b(?:rest(?:ing)?|sitting|lying|sat|asleep|doing nothing|watching)\b",
    re.IGNORECASE,
)
VITAL_SIGNS: Tuple[VitalSign, ...] = (
    VitalSign(
        "breathing",
        r"(?:sats?|saturations?|oxygen(?: level| levels| reading)?|o2|spo2|pulse "
        r"?ox\w*)",
        50,
        100,
        _oxygen_level,
        "NEWS2: SpO2 91% or less",
    ),
    VitalSign(
        "weakness_heart",
        r"(?:pulse|heart ?rate|heartbeat|heart beat)",
        20,
        250,
        _pulse_level,
        "NHS palpitations; NEWS2 pulse",
    ),
    VitalSign(
        "breathing",
        r"(?:breathing rate|respiratory rate|resp rate|breaths? (?:a|per) min\w*)",
        4,
        70,
        _breathing_rate_level,
        "NEWS2: respiration rate 25 or more, 8 or fewer",
    ),
    VitalSign(
        "blood_sugar",
        r"(?:blood sugars?|sugars?(?: levels?| meter| reading)?|glucose(?: level)?)",
        1,
        700,
        _glucose_level,
        "NHS high / low blood sugar; Society for Endocrinology ICI guidance",
    ),
    VitalSign(
        "calcium",
        r"(?:calcium|adjusted calcium|corrected calcium)",
        1,
        5,
        _calcium_level,
        "Society for Endocrinology: acute hypercalcaemia",
    ),
    VitalSign(
        "blood_pressure",
        r"(?:blood pressure|bp)",
        50,
        260,
        _blood_pressure_level,
        "NEWS2 systolic 90 or less; NHS 180 or more",
    ),
)
_VITAL_PATTERNS = tuple(
    (vital, re.compile(r"\b" + vital.name + _VALUE_AFTER_NAME, re.IGNORECASE))
    for vital in VITAL_SIGNS
)
_IF = re.compile(r"\bif\b", re.IGNORECASE)
_BPM = re.compile(r"\b(\d{2,3})\s*(?:bpm|beats (?:a|per) min\w*)", re.IGNORECASE)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (cut at full stops and line breaks) holding text[start:end]."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    sentence_end = min(
        (i for i in (text.find(".", end), text.find("\n", end)) if i >= 0),
        default=len(text),
    )
    return text[sentence_start:sentence_end]


def _conditional(text: str, start: int) -> bool:
    """ "what if my sats drop to 88?" asks; "calcium was 3.1, ring if worse" reports."""
    clause_start = max(text.rfind(mark, 0, start) for mark in ".,;?!\n") + 1
    return bool(_IF.search(text[clause_start:start]))


def _vital_matches(text: str) -> List[Tuple[VitalSign, re.Match[str]]]:
    matches = [
        (vital, m) for vital, pattern in _VITAL_PATTERNS for m in pattern.finditer(text)
    ]
    matches += [(VITAL_SIGNS[1], m) for m in _BPM.finditer(text)]
    return matches


def vital_signs(text: str) -> Iterable[Finding]:
    """Readings the patient quotes, at the level their bands give; a normal
    reading is a resolved finding ("sats 97", "pulse 72 at rest")."""
    seen: Set[Tuple[int, int]] = set()
    for vital, match in _vital_matches(text):
        if match.span(1) in seen:
            continue
        seen.add(match.span(1))
        value = float(match.group(1).replace(",", "."))
        if not vital.low <= value <= vital.high:
            continue
        sentence = _sentence_around(text, match.start(), match.end())
        level = vital.level(value, bool(_AT_REST.search(sentence)))
        yield Finding(
            vital.category,
            URGENT if level == CALM else level,
            match.group(0),
            False,
            _conditional(text, match.start()),
            match.start(),
            match.end(),
            resolved=level == CALM,
        )
