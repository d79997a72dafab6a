"""Small readings of spaCy tokens that every stage shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def doc_norm(token: Token) -> str:
    """The normalised form set by `core.triage.normalise.Normaliser.doc`."""
    return token.norm_


def line_break(token: Token) -> bool:
    """A line break, which ends a clause as a comma does."""
    return token.is_space and "\n" in token.text
