"""Text normalisation and typo correction, the first stage of triage.

spaCy (blank English, lookup lemmatizer from spacy-lookups-data, sentencizer)
splits a message into tokens and sentences. Each token gets a normalised form:
its lemma, with contractions expanded ("can't" -> "can not") and typos of
symptom words corrected ("feaver" -> "fever") when the word is not English.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Dict, FrozenSet, Iterable, Tuple

from core.medicine_matcher import edit_distance
from core.triage.idioms import mask_idioms
from core.triage.words_normalise import (
    AFTER_ILL,
    BEFORE_T,
    CONTRACTIONS,
    SHORTHAND_SPLITS,
)

if TYPE_CHECKING:  # spaCy loads only when a detector is built, not on import:
    # the action server imports this package and must stay small.
    from spacy.language import Language
    from spacy.tokens import Doc, Token

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_WORD_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")
# Shorter words are never corrected: too many real words lie one edit apart.
MIN_TYPO_LENGTH = 4
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


def build_pipeline() -> Language:
    """Blank English with the lookup lemmatizer, a sentencizer, and texting
    shorthand ("cnt", "dnt") split into verb and "t"."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("sentencizer")
    nlp.initialize()
    for shorthand, parts in SHORTHAND_SPLITS.items():
        for form in (shorthand, shorthand.upper(), shorthand.capitalize()):
            cut = len(parts[0])
            nlp.tokenizer.add_special_case(  # type: ignore[union-attr]
                form, [{"ORTH": form[:cut]}, {"ORTH": form[cut:]}]
            )
    return nlp


class Normaliser:
    """Gives every token of a message its normalised form (`Token.norm_`)."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        # The lookup table is keyed by string hashes: ask it by word.
        self._lemma_table = nlp.get_pipe("lemmatizer").lookups.get_table(  # type: ignore[attr-defined]
            "lemma_lookup"
        )
        self._english: FrozenSet[str] = common_english_words() | frozenset(
            self._lemma_table.values()
        )
        self._vocabulary: Tuple[str, ...] = ()

    def set_vocabulary(self, words: Iterable[str]) -> None:
        """The symptom words a misspelling may be corrected to."""
        self._vocabulary = tuple(sorted(words))

    def lemma(self, word: str) -> str:
        """The lookup lemma of a lower-case word, or the word itself."""
        return str(self._lemma_table.get(word, word))

    def normalise_word(self, word: str) -> str:
        """A rule's word as the matcher compares it: contraction or lemma."""
        word = word.lower()
        return CONTRACTIONS.get(word) or self.lemma(word)

    def _is_english(self, word: str) -> bool:
        return word in self._english

    def _never_corrected(self, word: str) -> bool:
        return (
            len(word) < MIN_TYPO_LENGTH
            or not word.isalpha()
            or self._is_english(word)
            or word in self._vocabulary
        )

    # One normaliser per detector: the cache lives as long as the process.
    @functools.lru_cache(maxsize=4096)
    def correct(self, word: str) -> str:
        """A symptom word for a misspelling, or the word itself."""
        if self._never_corrected(word):
            return word
        allowed = 1 if len(word) <= 6 else 2
        best, best_key = word, (allowed + 1, False)
        # Typos rarely change the first letter: on a tie, that candidate wins.
        for candidate in self._vocabulary:
            key = (edit_distance(word, candidate, allowed), candidate[0] != word[0])
            if key[0] <= allowed and key < best_key:
                best, best_key = candidate, key
        return best

    def doc(self, text: str) -> Doc:
        """The message as tokens with their normalised forms set."""
        text = _WORD_HYPHEN.sub(" ", text.translate(_APOSTROPHES))
        # Same length, so finding offsets still point into the patient's text.
        text = mask_idioms(text)
        doc = self._nlp(text)
        for token in doc:
            token.norm_ = self._norm(doc, token)
        return doc

    def _norm(self, doc: Doc, token: Token) -> str:
        lower = token.lower_
        if lower == "t" and token.i and doc[token.i - 1].lower_ in BEFORE_T:
            return "not"
        if lower == "ill" and _next_lower(doc, token) in AFTER_ILL:
            return "will"  # "ill plan round it": I'll, not unwell
        norm = CONTRACTIONS.get(lower) or token.lemma_.lower() or lower
        return self.correct(norm)


def _next_lower(doc: Doc, token: Token) -> str:
    return doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
