"""What triage reads in a message: findings, and the assessment they make."""

from dataclasses import dataclass
from typing import Optional, Tuple

from core.triage.categories import SELF_HARM_HISTORY, SELF_HARM_POSSIBLE
from core.triage.levels import CALM


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
