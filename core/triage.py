"""Detect red-flag symptoms in a patient's message and assign a triage level.

Pure module: spaCy, no Rasa. Runs on every message inside the Rasa NLU pipeline
(`components/triage_component.py`), independent of the intent classifier, so an
emergency is escalated even when the classifier is wrong or the action server is
down.

How a message is read:

1. spaCy (blank English, lookup lemmatizer from spacy-lookups-data, sentencizer)
   splits it into tokens and sentences. Each token gets a normalised form: its
   lemma, with contractions expanded ("can't" -> "can not") and typos of symptom
   words corrected ("feaver" -> "fever") when the word is not English.
2. A rule Matcher finds symptom phrases (`core/triage_rules.py`); numbers
   with a temperature unit or word are checked against the fever threshold.
3. Each finding is dropped if negated ("no fever", "not short of breath"; a
   negation inside the phrase, as in "can't breathe", does not count) and marked
   hypothetical when its sentence asks about it rather than reports it ("can it
   cause diarrhea?", "what if I get a rash?"). Reports by carers count.
4. The highest level among reported findings wins. When in doubt the rules err
   towards escalation.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Callable,
    Dict,
    FrozenSet,
    Iterable,
    List,
    Optional,
    Sequence,
    Set,
    Tuple,
)

if TYPE_CHECKING:  # spaCy loads only when a detector is built, not on import:
    # the action server imports this package and must stay small.
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

from core.medicine_matcher import edit_distance
from core.self_harm import ASKED, CURRENT, HISTORY, POSSIBLE, find_self_harm
from core.triage_rules import (
    BACK_REFERENCES,
    CALM,
    CORD_PARTNERS,
    EMERGENCY,
    HYPOTHETICAL_MARKERS,
    INFUSION_CONTEXT,
    INFUSION_SIGNS,
    LEVELS,
    MENINGITIS_PARTNERS,
    NEAR_WINDOW,
    NEGATION_CUES,
    NOW_MARKERS,
    OUTSIDE_PERSON,
    PAST_SURFACE,
    POSSESSIVES,
    QUESTION_OPENERS,
    REMOTE_UNITS,
    REPORT_SUBJECTS,
    REPORT_VERBS,
    ROUTINE,
    RULES,
    SCOPE_BREAKS,
    SEPSIS_FEVER,
    SEPSIS_RED_FLAGS,
    STANCE_WORDS,
    STATE_CALM,
    STATE_LEXICON,
    STATE_ONGOING,
    STATE_RESOLVED,
    SUPPOSITION_OPENERS,
    TOPIC_OF_TALK,
    URGENT,
    WHETHER_IT_HAPPENS,
    SymptomRule,
    mask_idioms,
)

# Fever threshold. Oncology teams use 37.5 to 38 °C; the lower end is taken so
# that no fever in that band goes unescalated.
FEVER_THRESHOLD_C = 37.5
# UKONS: below 36 °C is as much a warning sign as a fever (sepsis).
LOW_TEMPERATURE_C = 36.0
INFUSION_REACTION = "infusion_reaction"
FEVER = "fever"
LOW_TEMPERATURE = "low_temperature"
SELF_HARM = "self_harm"
SEPSIS = "sepsis"
MENINGITIS = "meningitis_signs"
NECK_STIFFNESS = "neck_stiffness"
BACK_PAIN = "back_pain"
CORD_COMPRESSION = "spinal_cord_compression"
# Past, resolved self-harm: a gentle reply with the crisis line, not an emergency.
SELF_HARM_HISTORY = "self_harm_history"
# Distress that may be about ending one's life: the safety check, with the crisis line.
SELF_HARM_POSSIBLE = "self_harm_possible"
VOMITING = "dehydration"

# How far back (in tokens) a negation cue reaches: "I do not have a fever".
_NEGATION_WINDOW = 4
_CONTRACTIONS: Dict[str, str] = {
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
_AFTER_ILL = frozenset(
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
_BEFORE_T = frozenset(
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
_SHORTHAND_SPLITS: Dict[str, Tuple[str, str]] = {"cnt": ("cn", "t"), "dnt": ("dn", "t")}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_WORD_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")
_TEMPERATURE = re.compile(
    r"(?<![\d.])(\d{2,3}(?:[.,]\d{1,2})?)\s*(°|º|degrees?|deg)?\s*([cf])?(?![a-z])",
    re.IGNORECASE,
)
_TEMPERATURE_WORD_IN = re.compile(r"temp|fever|hot", re.IGNORECASE)
_OXYGEN = re.compile(
    r"(?:sats?|saturation|oxygen|o2|spo2|pulse ox\w*|monitor says)\W*$", re.IGNORECASE
)
_NOT_TEMPERATURE_UNIT = re.compile(
    r"\s*(?:mg|g\b|kg|ml|l\b|%|cm|mm|years?|yrs?|weeks?|kilos?|pounds?|lbs?|min|hours?|hrs?|"
    r"mmol|units?|iu|x\b|times)"
)
_TEMPERATURE_WORDS = frozenset(
    {
        "temp",
        "temperature",
        "fever",
        "thermometer",
        "temps",
        "feverish",
        "hot",
        "febrile",
    }
)
_MIN_TYPO_LENGTH = 4
# Words at least this frequent (log probability) in spacy-lookups-data's English
# word list are real words and never "corrected" ("never" is not a typo of
# "fever"); rarer forms such as "pian" or "yelow" are mostly misspellings.
_COMMON_WORD_LOGPROB = -15.0


@functools.lru_cache(maxsize=1)
def common_english_words() -> FrozenSet[str]:
    """Frequent English words from the package's word-probability table."""
    import spacy_lookups_data
    import srsly

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    probabilities: Dict[str, float] = srsly.read_gzip_json(path)
    return frozenset(
        word
        for word, logprob in probabilities.items()
        if logprob > _COMMON_WORD_LOGPROB and word.isalpha()
    )


@dataclass(frozen=True)
class Finding:
    """One symptom mention and how it was read."""

    category: str
    level: str
    text: str
    negated: bool
    hypothetical: bool
    start: int = 0
    end: int = 0
    resolved: bool = False

    @property
    def reported(self) -> bool:
        """True when the patient (or a carer) reports it as happening now."""
        return not self.negated and not self.hypothetical and not self.resolved


@dataclass(frozen=True)
class Assessment:
    """The triage outcome for one message.

    `level` is `calm` when nothing is reported; `asked_about` lists categories
    mentioned only as questions or hypotheticals (for when-to-call advice).
    """

    level: str
    category: Optional[str]
    findings: Tuple[Finding, ...]
    asked_about: Tuple[str, ...]

    @property
    def escalates(self) -> bool:
        """True for routine, urgent and emergency."""
        return self.level != CALM

    @property
    def self_harm_history(self) -> bool:
        """Past, resolved self-harm was mentioned and nothing escalates."""
        return self.category == SELF_HARM_HISTORY

    @property
    def self_harm_possible(self) -> bool:
        """Words that may be about ending one's life, and nothing escalates."""
        return not self.escalates and any(
            f.category == SELF_HARM_POSSIBLE for f in self.findings
        )

    @property
    def judged_calm(self) -> bool:
        """The rules saw a symptom and read every mention as not happening now
        (negated, asked about, over, or a normal reading)."""
        return not self.escalates and any(
            f.category != SELF_HARM_POSSIBLE for f in self.findings
        )


def level_rank(level: str) -> int:
    """Position of a level from calm (0) to emergency (3)."""
    return LEVELS.index(level)


def _pattern_tokens(pattern: str, lemma) -> List[Dict[str, object]]:
    tokens: List[Dict[str, object]] = []
    for part in pattern.split():
        if part == "*":
            tokens.append({"OP": "?"})
            continue
        optional = part.endswith("?")
        part = part.rstrip("?")
        if part.startswith("="):
            spec: Dict[str, object] = {"LOWER": {"IN": part[1:].split("|")}}
        else:
            words = sorted(
                {_normalise_word(w, lemma) for w in part.split("|")}
                | set(part.split("|"))
            )
            spec = {"NORM": {"IN": words}}
        if optional:
            spec["OP"] = "?"
        tokens.append(spec)
    return tokens


def _normalise_word(word: str, lemma) -> str:
    word = word.lower()
    return _CONTRACTIONS.get(word) or lemma(word)


class SymptomDetector:
    """Reads a message and returns its triage `Assessment`."""

    def __init__(self, rules: Sequence[SymptomRule] = RULES) -> None:
        import spacy
        from spacy.matcher import Matcher

        self._nlp: Language = spacy.blank("en")
        self._nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        self._nlp.add_pipe("sentencizer")
        self._nlp.initialize()
        for shorthand, parts in _SHORTHAND_SPLITS.items():
            for form in (shorthand, shorthand.upper(), shorthand.capitalize()):
                cut = len(parts[0])
                self._nlp.tokenizer.add_special_case(
                    form, [{"ORTH": form[:cut]}, {"ORTH": form[cut:]}]
                )
        # The lookup table is keyed by string hashes: ask it by word.
        self._lemma_table = self._nlp.get_pipe("lemmatizer").lookups.get_table(
            "lemma_lookup"
        )
        self._english: FrozenSet[str] = common_english_words() | frozenset(
            self._lemma_table.values()
        )
        self._rules: Dict[str, SymptomRule] = {r.category: r for r in rules}
        self._matcher = Matcher(self._nlp.vocab)
        vocabulary: Set[str] = set()
        self._near: List[Tuple[str, Tuple[Tuple[FrozenSet[str], bool], ...]]] = []
        for rule in rules:
            patterns = [_pattern_tokens(p, self._lemma) for p in rule.patterns]
            if patterns:
                self._matcher.add(rule.category, patterns)
            for pattern in patterns:
                for spec in pattern:
                    words = spec.get("NORM", {}).get("IN", [])  # type: ignore[union-attr]
                    vocabulary.update(w for w in words if len(w) >= _MIN_TYPO_LENGTH)
            for near in rule.near:
                # A group written "=word|..." matches those exact words only
                # ("=fit" is not the "fitting" of a dress); others also match
                # their lemmas and normal forms.
                groups = tuple(
                    (frozenset(group.strip()[1:].split("|")), True)
                    if group.strip().startswith("=")
                    else (
                        frozenset(
                            {
                                _normalise_word(w, self._lemma)
                                for w in group.strip().split("|")
                            }
                            | set(group.strip().split("|"))
                        ),
                        False,
                    )
                    for group in near.split("+")
                )
                self._near.append((rule.category, groups))
                # Only the first group (the symptom's noun) feeds typo correction:
                # the modifier groups hold common words ("below", "times").
                vocabulary.update(w for w in groups[0][0] if len(w) >= _MIN_TYPO_LENGTH)
        self._vocabulary: Tuple[str, ...] = tuple(sorted(vocabulary))

    def _lemma(self, word: str) -> str:
        return str(self._lemma_table.get(word, word))

    def _is_english(self, word: str) -> bool:
        return word in self._english

    @functools.lru_cache(maxsize=4096)
    def _correct(self, word: str) -> str:
        """A symptom word for a misspelling, or the word itself."""
        if (
            len(word) < _MIN_TYPO_LENGTH
            or not word.isalpha()
            or self._is_english(word)
            or word in self._vocabulary
        ):
            return word
        allowed = 1 if len(word) <= 6 else 2
        best, best_key = word, (allowed + 1, False)
        # Typos rarely change the first letter: on a tie, that candidate wins.
        for candidate in self._vocabulary:
            key = (edit_distance(word, candidate, allowed), candidate[0] != word[0])
            if key[0] <= allowed and key < best_key:
                best, best_key = candidate, key
        return best

    def _doc(self, text: str) -> Doc:
        text = _WORD_HYPHEN.sub(" ", text.translate(_APOSTROPHES))
        # Same length, so finding offsets still point into the patient's text.
        text = mask_idioms(text)
        doc = self._nlp(text)
        for token in doc:
            lower = token.lower_
            if lower == "t" and token.i and doc[token.i - 1].lower_ in _BEFORE_T:
                token.norm_ = "not"
                continue
            if (
                lower == "ill"
                and token.i + 1 < len(doc)
                and doc[token.i + 1].lower_ in _AFTER_ILL
            ):
                token.norm_ = "will"  # "ill plan round it": I'll, not unwell
                continue
            norm = _CONTRACTIONS.get(lower) or token.lemma_.lower() or lower
            token.norm_ = self._correct(norm)
        return doc

    # --- Reading a finding ---------------------------------------------------

    @staticmethod
    def _clause(span: Span) -> Span:
        """The part of the sentence around `span` between scope breaks."""
        sentence = span.sent
        start, end = span.start, span.end
        while (
            start > sentence.start and doc_norm(span.doc[start - 1]) not in SCOPE_BREAKS
        ):
            start -= 1
        while end < sentence.end and doc_norm(span.doc[end]) not in SCOPE_BREAKS:
            end += 1
        return span.doc[start:end]

    @staticmethod
    def _negated(span: Span) -> bool:
        if any(doc_norm(t) in NEGATION_CUES for t in span):
            return False  # "can't breathe", "can't keep fluids down"
        doc = span.doc
        after = [doc_norm(t) for t in doc[span.end : min(span.end + 4, span.sent.end)]]
        if "not" in after and set(after) & {
            "issue",
            "problem",
            "bother",
            "concern",
            "there",
        }:
            return True  # "nausea isn't an issue"
        i, budget = span.start - 1, _NEGATION_WINDOW
        while i >= span.sent.start and budget > 0:
            norm = doc_norm(doc[i])
            if norm in SCOPE_BREAKS:
                return False
            if norm in NEGATION_CUES:
                following = doc_norm(doc[i + 1]) if i + 1 < len(doc) else ""
                # "not sure if I have a fever" is doubt, not a denial; "can't
                # stop shaking", "won't stop bleeding" say it goes on.
                return following not in {"sure", "certain", "know", "stop", "help"}
            # "no chest pain or trouble breathing": the cue reaches across "or".
            budget += _NEGATION_WINDOW if norm in {"or", "nor"} else -1
            i -= 1
        return False

    @staticmethod
    def _reported_by_construction(clause: Span, span: Span) -> bool:
        """A subject plus a report verb ("I have", "my husband is", "she can't")."""
        tokens = list(clause)
        norms = [doc_norm(t) for t in tokens]
        for i, norm in enumerate(norms):
            if norm == "if":
                return False  # "what if I get ...": everything after is hypothetical
            if norm not in REPORT_SUBJECTS:
                continue
            # "can I get a fever?": subject right after the opening question word.
            if i == 1 and _opens_question(tokens[:1]) and tokens[0].lower_ != "what":
                continue
            rest = norms[i + 1 : i + 3]
            if rest and rest[0] in REPORT_VERBS:
                if len(rest) > 1 and rest[1] in STANCE_WORDS:
                    continue  # "I'm worried about ..."
                if len(rest) > 1 and rest[1] == "to":
                    continue  # "do I have to ..."
                return True
            if rest[:2] == ["can", "not"] or rest[:2] == ["could", "not"]:
                return True
            if (
                tokens[i].i < span.start
                and i + 1 < len(norms)
                and tokens[i + 1].i == span.start
            ):
                return True  # "he fainted", "she collapsed"
        return False

    def _hypothetical(self, span: Span) -> bool:
        clause = self._clause(span)
        sentence = span.sent
        clause_norms = [doc_norm(t) for t in clause]
        if any(n in NOW_MARKERS for n in clause_norms):
            return False
        if _second_hand(span) or _follow_up_fragment(span.doc):
            return True
        # "Say my wee went dark, is that urgent?", "imagine I got a rash": a
        # supposition opens the sentence (not "he said", not "they say it's fine").
        if doc_norm(span.sent[0]) in SUPPOSITION_OPENERS:
            return True
        if self._reported_by_construction(clause, span):
            return False
        before = [
            doc_norm(t)
            for t in span.doc[max(clause.start, span.start - 2) : span.start]
        ]
        if any(n in POSSESSIVES for n in before) and "if" not in clause_norms:
            return False
        sentence_norms = [doc_norm(t) for t in sentence]
        # "above my normal" compares; "is it normal to ..." asks.
        sentence_norms = [
            n
            for i, n in enumerate(sentence_norms)
            if not (n == "normal" and i and sentence_norms[i - 1] in _COMPARATIVE)
        ]
        if any(n in HYPOTHETICAL_MARKERS for n in sentence_norms):
            return True
        return _opens_question(clause) or _opens_question(sentence)

    # --- Public API ------------------------------------------------------------

    def assess(self, text: str) -> Assessment:
        """Triage one message. Never raises on any string."""
        if not text or not text.strip():
            return Assessment(CALM, None, (), ())
        doc = self._doc(text)
        findings: List[Finding] = list(self._self_harm(text))
        spans = [
            (self._nlp.vocab.strings[match_id], doc[start:end])
            for match_id, start, end in self._matcher(doc)
        ]
        spans.extend(self._near_spans(doc))
        for category, span in _longest_first(spans, self._rules):
            rule = self._rules[category]
            if span.end < len(doc) and doc_norm(doc[span.end]) in rule.not_before:
                continue
            if span.start and doc_norm(doc[span.start - 1]) in rule.not_after:
                continue
            findings.append(self._finding(category, rule.level, span))
        findings.extend(self._temperatures(doc, findings))
        findings.extend(_vital_signs(doc.text))
        return _summarise(_promote_reported_questions(text, findings))

    def mentions_state(
        self, text: str, assessment: Optional[Assessment] = None
    ) -> bool:
        """Does the message speak of a bodily or emotional state? Any symptom
        finding (in whatever reading), a body part, or a word for feeling unwell."""
        if not text or not text.strip():
            return False
        if (assessment or self.assess(text)).findings:
            return True
        doc = self._doc(text)
        own = bool(_FIRST_PERSON & {t.lower_ for t in doc})
        return any(
            (
                doc_norm(t) in STATE_LEXICON
                or (t.lower_ in STATE_LEXICON and doc_norm(t) != "will")
            )
            and (own or not _others_state(t))
            for t in doc
        )

    def _self_harm(self, text: str) -> Iterable[Finding]:
        for found in find_self_harm(text):
            category = {HISTORY: SELF_HARM_HISTORY, POSSIBLE: SELF_HARM_POSSIBLE}.get(
                found.reading, SELF_HARM
            )
            level = EMERGENCY if found.reading == CURRENT else CALM
            yield Finding(
                category,
                level,
                found.text,
                negated=False,
                # Its offsets are in the normalised text: point at the whole message.
                hypothetical=found.reading == ASKED,
                start=0,
                end=len(text),
                resolved=found.reading == HISTORY,
            )

    def _near_spans(self, doc: Doc) -> Iterable[Tuple[str, Span]]:
        """Concepts that meet within NEAR_WINDOW tokens of one sentence."""
        for sentence in doc.sents:
            norms = [(t.i, doc_norm(t), t.lower_) for t in sentence]
            for category, groups in self._near:
                positions = [
                    [
                        i
                        for i, norm, lower in norms
                        if lower in group or (not exact and norm in group)
                    ]
                    for group, exact in groups
                ]
                if not all(positions):
                    continue
                for anchor in positions[0]:
                    chosen = [anchor]
                    for others in positions[1:]:
                        close = [
                            i
                            for i in others
                            if abs(i - anchor) <= NEAR_WINDOW
                            and i not in chosen
                            and not _breaks_between(doc, i, anchor)
                        ]
                        if not close:
                            break
                        chosen.append(min(close, key=lambda i: abs(i - anchor)))
                    else:
                        yield category, doc[min(chosen) : max(chosen) + 1]
                        break

    def _finding(self, category: str, level: str, span: Span) -> Finding:
        clause_norms = {doc_norm(t) for t in span.sent}
        if category in INFUSION_SIGNS and clause_norms & INFUSION_CONTEXT:
            category, level = INFUSION_REACTION, URGENT
        if category == VOMITING and _once(span.sent):
            level = ROUTINE  # UKONS: one episode in 24 hours is green
        # A match across a comma is negated only by words in its last clause:
        # "can't leave the loo, 10 watery ones" is not a denial.
        breaks = [t.i for t in span if doc_norm(t) in SCOPE_BREAKS]
        negation_span = span.doc[breaks[-1] + 1 : span.end] if breaks else span
        negated = self._negated(negation_span) if len(negation_span) else False
        # ... but a last clause that is a denial is one: "wee is normal, no blood".
        negated = (
            negated
            or bool(breaks)
            and len(negation_span) > 1
            and (doc_norm(negation_span[0]) in {"no", "without", "nor"})
        )
        return Finding(
            category=category,
            level=level,
            text=span.text,
            negated=negated,
            hypothetical=self._hypothetical(span),
            start=span.start_char,
            end=span.end_char,
            resolved=_resolved(span),
        )

    def _temperatures(self, doc: Doc, findings: List[Finding]) -> Iterable[Finding]:
        """Readings: fever at or above the threshold, low below 36 °C; a normal
        reading marks the fever words of its sentence as normal too."""
        normal_sentences: Set[int] = set()
        abnormal_sentences: Set[int] = set()
        readings: List[Finding] = []
        for match in _TEMPERATURE.finditer(doc.text):
            value = float(match.group(1).replace(",", "."))
            unit = (match.group(3) or "").lower()
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if span is None:
                continue
            sentence_norms = {doc_norm(t) for t in span.sent}
            after = doc.text[match.end() : match.end() + 3]
            if after.lstrip().startswith("%") or _OXYGEN.search(
                doc.text[max(0, match.start() - 25) : match.start()]
            ):
                continue  # oxygen saturation, not a temperature
            bare_reading = "." in match.group(1) or "," in match.group(1)
            if bare_reading:  # "38.4 tonight", unless a unit says otherwise
                after = doc.text[match.end() : match.end() + 12].lower()
                bare_reading = not _NOT_TEMPERATURE_UNIT.match(after)
            if not (
                match.group(2)
                or unit
                or bare_reading
                or sentence_norms & _TEMPERATURE_WORDS
            ):
                continue  # "I am 38 years old"
            celsius = (value - 32) * 5 / 9 if unit == "f" or value > 50 else value
            if not 30 <= celsius <= 45:
                continue
            # A reading is a report, even inside a question ("is 35.5 too low?"),
            # unless it is conditional ("what if it goes over 38?").
            hypothetical = "if" in sentence_norms and self._hypothetical(span)
            if celsius >= FEVER_THRESHOLD_C:
                category, level = FEVER, URGENT
            elif celsius < LOW_TEMPERATURE_C:
                category, level = LOW_TEMPERATURE, URGENT
            else:
                normal_sentences.add(span.sent.start)
                readings.append(
                    Finding(
                        FEVER,
                        URGENT,
                        match.group(0).strip(),
                        False,
                        hypothetical,
                        match.start(1),
                        match.end(1),
                        resolved=True,
                    )
                )
                continue
            abnormal_sentences.add(span.sent.start)
            readings.append(
                Finding(
                    category,
                    level,
                    match.group(0).strip(),
                    False,
                    hypothetical,
                    match.start(1),
                    match.end(1),
                    resolved=_resolved(span),
                )
            )
        only_normal = normal_sentences - abnormal_sentences
        if only_normal:
            for index, finding in enumerate(findings):
                about_temperature = finding.category in (FEVER, LOW_TEMPERATURE) or (
                    finding.category == INFUSION_REACTION
                    and _TEMPERATURE_WORD_IN.search(finding.text)
                )
                if not about_temperature or finding.resolved:
                    continue
                span = doc.char_span(
                    finding.start, finding.end, alignment_mode="expand"
                )
                if span is not None and span.sent.start in only_normal:
                    findings[index] = dataclasses.replace(finding, resolved=True)
        return readings


_OWN = re.compile(r"\b(?:i|i'm|im|we|me|my|our|us)\b", re.IGNORECASE)


_OTHERS = frozenset(
    {
        "people",
        "others",
        "anyone",
        "anybody",
        "everyone",
        "everybody",
        "patients",
        "folk",
        "folks",
        "someone",
        "somebody",
    }
)
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "our", "us", "im", "i'm"})


def _others_state(token: Token) -> bool:
    """A state word said of other people ("do other people feel like this?");
    callers first check that the message holds nothing of the patient's own."""
    return any(t.lower_ in _OTHERS for t in token.sent if t.i < token.i)


_FOLLOW_UP_FRAGMENT = re.compile(
    r"^\s*(?:(?:and|or|also|plus|so)\b.*\?\s*$|(?:ok|okay|right|alright)\s+so\b|"
    r"(?:and\s+)?(?:what|how)\s+about\b)",
    re.IGNORECASE,
)
_FRAGMENT_MAX_WORDS = 6


def _follow_up_fragment(doc: Doc) -> bool:
    """A follow-up that names a symptom without a subject or a verb ("and a
    rash?", "ok so yellow eyes", "what about sore joints"): a topic asked about
    in a conversation, not a report. Only when it is the whole message."""
    words = [t for t in doc if t.is_alpha]
    if len(words) > _FRAGMENT_MAX_WORDS or not _FOLLOW_UP_FRAGMENT.search(doc.text):
        return False
    return not any(
        doc_norm(t) in REPORT_SUBJECTS
        or doc_norm(t) in POSSESSIVES
        or doc_norm(t) in REPORT_VERBS
        or t.lower_ in ("me", "im", "i'm")
        for t in words
    )


def _second_hand(span: Span) -> bool:
    """A symptom someone talked about, or that someone outside the patient's care
    had, asked about (`TOPIC_OF_TALK`, `OUTSIDE_PERSON`), with nothing of the
    patient's own between the telling and the symptom."""
    sentence = span.sent
    before = span.doc.text[sentence.start_char : span.start_char]
    for pattern, needs_question in ((TOPIC_OF_TALK, False), (OUTSIDE_PERSON, True)):
        match = None
        for match in pattern.finditer(before):
            pass
        if match is None or _OWN.search(before[match.end() :]):
            continue
        if not needs_question or WHETHER_IT_HAPPENS.search(span.doc.text):
            return True
    return False


def doc_norm(token: Token) -> str:
    """The normalised form set by `SymptomDetector._doc`."""
    return token.norm_


def _opens_question(tokens: Sequence[Token]) -> bool:
    words = [t for t in tokens if t.is_alpha or doc_norm(t) == "not"]
    # The surface word, not the lemma: the lookup lemmatizer turns "does" into "doe".
    if not words or words[0].lower_ not in QUESTION_OPENERS | {
        "does",
        "is",
        "are",
        "did",
    }:
        return False
    # "can't breathe", "can hardly breathe", "can barely talk" are reports.
    return len(words) < 2 or doc_norm(words[1]) not in _REPORT_ADVERBS


_BACK_IN_TIME = frozenset(
    {"to", "in", "when", "then", "at", "on", "during", "before", "down"}
)  # "back to normal", "gone back down"
_REPORT_ADVERBS = frozenset(
    {"not", "hardly", "barely", "only", "still", "just", "really", "now"}
)
_COMPARATIVE = frozenset(
    {"than", "above", "below", "beyond", "my", "your", "his", "her", "usual", "of"}
)  # "more than normal", "on top of normal"
# Words of coming back: denied, they say an episode is over.
_RECURRENCE = frozenset({"again", "back", "return", "returned", "returning"})
_RECUR = frozenset(
    {
        "happen",
        "happened",
        "recur",
        "recurred",
        "return",
        "returned",
        "repeat",
        "repeated",
    }
)
_CHANGE_VERBS = frozenset(
    {"go", "gone", "went", "going", "come", "came", "coming", "settle", "die", "died"}
)
_CHANGE_GERUNDS = frozenset({"getting", "feeling", "becoming", "growing"})
_AWAY_VERBS = frozenset({"go", "gone", "went", "going", "die", "died", "fade", "faded"})
_NONE_FOLLOWERS = frozenset(
    {"since", "now", "today", "anymore", "more", "at", "for", "this"}
)
_GONE_FOLLOWERS = frozenset(
    {
        "now",
        "away",
        "completely",
        "entirely",
        "today",
        "since",
        "again",
        "for",
        "by",
        "after",
        "within",
        "overnight",
        "down",
        "thank",
        "thankfully",
        "and",
        "but",
        "so",
        ".",
        "back",
    }
)
_PASSED_OBJECTS = frozenset(
    {
        "out",
        "any",
        "urine",
        "water",
        "blood",
        "clots",
        "clot",
        "stool",
        "stools",
        "wind",
    }
)
# "Is diarrhoea a side effect? I've been going 9 times a day": a question about a
# symptom plus a report of now elsewhere in the message is a report.
_REPORT_CUES = re.compile(
    r"\b(?:mine(?:'s| is| are)?|i(?:'ve| have) got (?:it|them|one)|i have (?:it|them)|"
    r"(?:right )?now|today|tonight|at the moment|currently|this morning|since|"
    r"i(?:'ve| have) (?:been|had)|ive (?:been|had)|all day|all night|"
    r"he(?:'s| has) (?:been|had)|she(?:'s| has) (?:been|had))\b",
    re.IGNORECASE,
)


_DENIAL_REACH = 25  # characters after a denied symptom that a time word belongs to


def _promote_reported_questions(text: str, findings: List[Finding]) -> List[Finding]:
    """A question about a symptom plus a cue that the patient has it ("can it
    cause a rash? I have it now") is a report. A time word that belongs to a
    denial ("no headache right now") is not such a cue."""
    if not any(f.hypothetical for f in findings):
        return findings
    denials = [f for f in findings if f.negated]
    cues = [
        m
        for m in _REPORT_CUES.finditer(text)
        if not any(d.start <= m.start() <= d.end + _DENIAL_REACH for d in denials)
    ]
    if not cues:
        return findings
    return [
        dataclasses.replace(f, hypothetical=False)
        if f.hypothetical and not f.negated and f.category != SELF_HARM
        else f
        for f in findings
    ]


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
    mmol = value / MG_DL_PER_MMOL_GLUCOSE if value > 40 else value
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


# NEWS2 (Royal College of Physicians, 2017): a single parameter scoring 3 calls
# for urgent review: oxygen saturation 91% or less, breathing rate 25 a minute
# or more or 8 or fewer, systolic blood pressure 90 or less.
OXYGEN_RED_FLAG = 91
BREATHING_RATE_HIGH, BREATHING_RATE_LOW = 25, 8
SYSTOLIC_LOW = 90
# NHS, very high blood pressure: 180 systolic or more needs same-day advice.
SYSTOLIC_HIGH = 180
# NHS, heart palpitations: a heartbeat staying above 120 or below 40 needs an
# urgent appointment; a resting rate above 100 is a fast heart (tachycardia),
# which on a checkpoint inhibitor the team wants to hear about (myocarditis).
PULSE_HIGH, PULSE_LOW, PULSE_RESTING_HIGH = 120, 40, 100
# NHS, high and low blood sugar: above 11 mmol/L (200 mg/dL) is high, below 4
# (72 mg/dL) is a hypo. Society for Endocrinology emergency guidance for immune
# checkpoint inhibitors: new high sugar can be immune-related diabetes.
GLUCOSE_HIGH_MMOL, GLUCOSE_LOW_MMOL = 11.0, 4.0
MG_DL_PER_MMOL_GLUCOSE = 18.0
# Society for Endocrinology emergency guidance: adjusted calcium of 3.0 mmol/L
# or more (or below 1.9) is severe and needs same-day care; 2.6-3.0 is mild.
CALCIUM_SEVERE_MMOL, CALCIUM_HIGH_MMOL, CALCIUM_LOW_MMOL = 3.0, 2.6, 1.9
_VALUE_AFTER_NAME = r"\b[^\d\n]{0,25}?(\d{1,3}(?:[.,]\d)?)(?!\d)"
_AT_REST = re.compile(
    r"\b(?:rest(?:ing)?|sitting|lying|sat|asleep|doing nothing|watching)\b",
    re.IGNORECASE,
)
VITAL_SIGNS: Tuple[VitalSign, ...] = (
    VitalSign(
        "breathing",
        r"(?:sats?|saturations?|oxygen(?: level| levels| reading)?|o2|spo2|pulse ?ox\w*)",
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


def _vital_signs(text: str) -> Iterable[Finding]:
    """Readings the patient quotes, at the level their bands give; a normal
    reading is a resolved finding ("sats 97", "pulse 72 at rest")."""
    seen: Set[Tuple[int, int]] = set()
    matches = [
        (vital, m) for vital, pattern in _VITAL_PATTERNS for m in pattern.finditer(text)
    ]
    matches += [(VITAL_SIGNS[1], m) for m in _BPM.finditer(text)]
    for vital, match in matches:
        if match.span(1) in seen:
            continue
        seen.add(match.span(1))
        value = float(match.group(1).replace(",", "."))
        if not vital.low <= value <= vital.high:
            continue
        sentence_start = (
            max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start()))
            + 1
        )
        sentence_end = min(
            (
                i
                for i in (text.find(".", match.end()), text.find("\n", match.end()))
                if i >= 0
            ),
            default=len(text),
        )
        at_rest = bool(_AT_REST.search(text[sentence_start:sentence_end]))
        level = vital.level(value, at_rest)
        # "what if my sats drop to 88?" asks; "calcium was 3.1, ring if worse" reports.
        clause_start = max(text.rfind(mark, 0, match.start()) for mark in ".,;?!\n") + 1
        conditional = bool(_IF.search(text[clause_start : match.start()]))
        yield Finding(
            vital.category,
            URGENT if level == CALM else level,
            match.group(0),
            False,
            conditional,
            match.start(),
            match.end(),
            resolved=level == CALM,
        )


def _breaks_between(doc: Doc, i: int, j: int) -> bool:
    """A break between tokens i and j that concepts may not cross ("but", ";").
    Commas and "and" may be crossed: "can barely get a sentence out, so short of
    breath"."""
    low, high = min(i, j), max(i, j)
    return any(
        doc_norm(t) in SCOPE_BREAKS - {"and", ","} or _line_break(t)
        for t in doc[low + 1 : high]
    )


def _line_break(token: Token) -> bool:
    """A line break, which ends a clause as a comma does."""
    return token.is_space and "\n" in token.text


def _once(sentence: Span) -> bool:
    norms = [doc_norm(t) for t in sentence]
    if "once" in norms:
        return True
    return any(
        a in {"1", "one"} and b in {"time", "episode"} for a, b in zip(norms, norms[1:])
    )


def _state_calm(tokens: Sequence[Token], strong_only: bool = False) -> bool:
    """A calm state word, not negated, and nothing saying it goes on.

    `strong_only` keeps the words that can only mean "over" (gone, cleared,
    settled...), for short comments after a symptom ("..., long gone").
    """
    norms = [doc_norm(t) for t in tokens]
    lowers = [t.lower_ for t in tokens]
    if _ongoing(lowers, norms):
        return False
    if any(_denied_recurrence(norms, i) for i in range(len(norms))):
        return True  # "it hasn't happened again", "not come back since"
    words = STATE_RESOLVED if strong_only else STATE_CALM
    for i, lower in enumerate(lowers):
        if not (norms[i] in words or lower in words):
            continue
        before = lowers[max(0, i - 3) : i]
        after = lowers[i + 1] if i + 1 < len(lowers) else ""
        if i and lowers[i - 1] in _COMPARATIVE:
            continue  # "more than normal", "above my normal" compare
        if _negated_before(norms, i) or "non" in before:
            continue  # "not better", "won't go away", "hasn't come back to normal", "non stop"
        if lower == "over" and (
            i == 0 or lowers[i - 1] not in {"is", "'s", "was", "be", "it"}
        ):
            continue  # "all over", "over the weekend"
        if lower == "away" and (i == 0 or norms[i - 1] not in _AWAY_VERBS):
            continue  # "went away"; not "skin coming away"
        if lower == "down" and (i == 0 or norms[i - 1] not in _CHANGE_VERBS):
            continue  # "came down"; not "can't keep it down"
        if (
            lower in {"none", "nothing"}
            and after not in _NONE_FOLLOWERS
            and not (after == "like" and "since" in lowers[i + 2 : i + 5])
        ):
            continue  # "none since", "nothing like it since"; not "nothing helps"
        if lower == "less" and any(
            w.endswith("ing") and w not in _CHANGE_GERUNDS
            for w in lowers[max(0, i - 2) : i]
        ):
            continue  # "cough is less", "getting less"; not "peeing much less"
        if lower in {"gone", "going"} and after and after not in _GONE_FOLLOWERS:
            continue  # "gone yellow", "gone limp": a change, not an end
        if lower in {"stop", "stopped", "pass", "passed"} and (
            after.endswith("ing") or after in _PASSED_OBJECTS
        ):
            continue  # "stopped drinking", "passed out", "passed blood"
        if _opens_question(tokens[:4]) and lower in {"normal", "ok", "okay", "fine"}:
            continue  # "is it normal to ...?" asks
        return True
    return False


def _denied_just_before(norms: Sequence[str], i: int) -> bool:
    """A negation one or two words before `i`, with no "stop" between
    ("hasn't happened", "not come back"; not "won't stop happening")."""
    return (
        bool(set(norms[max(0, i - 2) : i]) & NEGATION_CUES)
        and "stop" not in norms[max(0, i - 3) : i]
    )


def _negated_before(norms: Sequence[str], i: int, reach: int = 4) -> bool:
    """A negation up to `reach` words before `i`, within its clause."""
    for norm in reversed(norms[max(0, i - reach) : i]):
        if norm in SCOPE_BREAKS - {"and"}:
            return False
        if norm in NEGATION_CUES:
            return True
    return False


def _denied_recurrence(norms: Sequence[str], i: int) -> bool:
    """ "hasn't happened again", "has not come back" (not "hasn't come back to normal")."""
    if norms[i] in _RECUR:
        return _denied_just_before(norms, i)
    if norms[i] == "back" and i and norms[i - 1] == "come":
        following = norms[i + 1] if i + 1 < len(norms) else ""
        return following not in _BACK_IN_TIME and _denied_just_before(norms, i - 1)
    return False


def _span_ongoing(span: Span) -> bool:
    return _ongoing([t.lower_ for t in span], [doc_norm(t) for t in span])


def _ongoing(lowers: Sequence[str], norms: Sequence[str]) -> bool:
    for i, word in enumerate(lowers):
        if word in STATE_ONGOING or norms[i] in STATE_ONGOING:
            if (
                word == "back"
                and i + 1 < len(lowers)
                and lowers[i + 1] in _BACK_IN_TIME
            ):
                continue  # "back to normal", "back in January"
            if word in _RECURRENCE and _denied_just_before(norms, i):
                continue  # "hasn't happened again", "not come back", "hasn't returned"
            return True
    return False


def _clauses(sentence: Span) -> List[Span]:
    clauses, start = [], sentence.start
    for token in sentence:
        if doc_norm(token) in SCOPE_BREAKS - {"and"} or _line_break(token):
            if token.i > start:
                clauses.append(sentence.doc[start : token.i])
            start = token.i + 1
    if start < sentence.end:
        clauses.append(sentence.doc[start : sentence.end])
    return clauses


def _resolved(span: Span) -> bool:
    """Over, normal or long past: "my breathing's fine today", "I had a fever on
    Monday, it's gone now", "I had a rash last year"."""
    doc = span.doc
    clauses = _clauses(span.sent)
    own = next((c for c in clauses if c.start <= span.start < c.end), None)
    if own is None:
        return False
    # Only what is said of the symptom, after its mention: a calm word before
    # it ("I felt fine, then suddenly I can't breathe", "ok so my chest is
    # crushing", a line "fine" above "Right now I can't breathe") is not about it.
    # A near-concept match can start well before the symptom ("slept well ...
    # can't breathe"): only the words after the match count.
    if _state_calm(doc[span.end : own.end]):
        return True
    if _remote_past(own):
        return True
    # The next clause, in this sentence or the next, refers back to the symptom.
    following = [c for c in clauses if c.start >= own.end]
    if not following and span.sent.end < len(doc):
        following = _clauses(doc[span.sent.end :][0].sent)[:1]
    if following:
        nxt = following[0]
        opener = [doc_norm(t) for t in nxt[:2]]
        # "..., it's gone now" or a short comment: "..., gone today", "long gone".
        back_reference = bool(opener) and opener[0] in BACK_REFERENCES
        short_comment = len(nxt) <= 4 and _state_calm(nxt, strong_only=True)
        # A past episode, then a clause opening with its end: "had a headache
        # yesterday, gone now after a good sleep", "went dizzy yesterday, fine since".
        # Or a short comment further on in the sentence: "fever went up to 38 after
        # my jab, I rang the line and they said it was the jab, been fine since".
        told_as_past = _said_in_past(own)
        past_then_over = (
            told_as_past
            and _state_calm(nxt[:2], strong_only=True)
            and not (_span_ongoing(nxt))
        )
        later_comment = told_as_past and any(
            len(c) <= 4 and _state_calm(c, strong_only=True) for c in following[1:]
        )
        if (
            (back_reference and (_state_calm(nxt) or _remote_past(nxt)))
            or short_comment
            or (past_then_over or later_comment)
        ):
            return not any(doc_norm(t) in STATE_ONGOING for t in own) and not any(
                _span_ongoing(c) for c in following
            )
    return False


def _said_in_past(clause: Span) -> bool:
    """Told in the past tense or of an earlier day ("had", "was", "yesterday")."""
    lowers = [t.lower_ for t in clause]
    last_night = any(
        a == "last" and b in _LAST_TIMES for a, b in zip(lowers, lowers[1:])
    )
    return (
        bool(set(lowers) & (PAST_SURFACE | PAST_WORDS)) or last_night
    ) and "now" not in lowers


# Earlier days and past-tense verbs beside `PAST_SURFACE`: an episode told as over.
_LAST_TIMES = frozenset(
    {"night", "evening", "week", "weekend", "month", "cycle", "time"}
)
PAST_WORDS = frozenset(
    {
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "weekend",
        "went",
        "felt",
        "got",
    }
)


def _remote_past(clause: Span) -> bool:
    lowers = [t.lower_ for t in clause]
    # "last cycle", "last month" name a time that is over; "for the last week"
    # runs up to now.
    point_in_past = any(
        word == "last"
        and i + 1 < len(lowers)
        and lowers[i + 1] in REMOTE_UNITS
        and (i == 0 or lowers[i - 1] != "the")
        for i, word in enumerate(lowers)
    )
    ongoing = {"since", "still", "again", "keep", "keeps", "now"} | (
        set() if point_in_past else {"for"}
    )
    if set(lowers) & ongoing:
        return False
    for i, word in enumerate(lowers):
        if word == "ago" and i and lowers[i - 1] in REMOTE_UNITS:
            return True
        # "in 2019", "back in 2015": a year other than this one.
        if (
            word == "in"
            and i + 1 < len(lowers)
            and re.fullmatch(r"(?:19|20)\d\d", lowers[i + 1])
        ):
            return lowers[i + 1] != str(datetime.date.today().year)
    if not set(lowers) & PAST_SURFACE or "now" in lowers:
        return False
    if point_in_past:
        return True
    if "used" in lowers and "to" in lowers:
        # "I used to get rashes"; not "which I never used to be".
        return not set(lowers[: lowers.index("used")]) & {"never", "not", "n't"}
    return False


def _longest_first(
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


def _summarise(findings: List[Finding]) -> Assessment:
    reported = [f for f in findings if f.reported]
    asked = tuple(
        dict.fromkeys(f.category for f in findings if f.hypothetical and not f.negated)
    )
    if not reported:
        history = any(f.category == SELF_HARM_HISTORY for f in findings)
        return Assessment(
            CALM, SELF_HARM_HISTORY if history else None, tuple(findings), asked
        )
    categories = {f.category for f in reported}
    if categories & SEPSIS_FEVER and categories & SEPSIS_RED_FLAGS:
        return Assessment(EMERGENCY, SEPSIS, tuple(findings), asked)
    if NECK_STIFFNESS in categories and categories & MENINGITIS_PARTNERS:
        return Assessment(EMERGENCY, MENINGITIS, tuple(findings), asked)
    if BACK_PAIN in categories and categories & CORD_PARTNERS:
        return Assessment(EMERGENCY, CORD_COMPRESSION, tuple(findings), asked)
    top = max(reported, key=lambda f: level_rank(f.level))
    return Assessment(top.level, top.category, tuple(findings), asked)


@functools.lru_cache(maxsize=1)
def default_detector() -> SymptomDetector:
    """One shared detector per process (building it takes about half a second)."""
    return SymptomDetector()
