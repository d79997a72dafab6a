"""Review data for the fact base: age since review and readability per answer.

Pure module (textstat, no Rasa). Used by `make facts-report`
(scripts/facts_report.py) and by tests that hold answers to the reading target.
"""

import datetime
from dataclasses import dataclass
from typing import List, Optional

from core.facts import Fact, FactStore

# Patient materials aim at grade 8 or lower (Flesch-Kincaid).
READING_GRADE_TARGET = 8.0
DEFAULT_MAX_REVIEW_AGE_DAYS = 365


@dataclass(frozen=True)
class FactReview:
    """One fact's review figures."""

    fact: Fact
    age_days: int
    grade: float
    words: int
    stale: bool

    @property
    def too_hard(self) -> bool:
        """True when the answer reads above the grade target."""
        return self.grade > READING_GRADE_TARGET


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level of a text."""
    import textstat  # staff tooling only: keep it out of the action server

    return float(textstat.flesch_kincaid_grade(text))


def review(
    store: FactStore,
    today: Optional[datetime.date] = None,
    max_age_days: int = DEFAULT_MAX_REVIEW_AGE_DAYS,
) -> List[FactReview]:
    """Review figures for every fact, in fact-id order."""
    today = today or datetime.date.today()
    rows = []
    for fact in sorted(store.all_facts(), key=lambda f: f.id):
        age = (today - fact.reviewed).days
        rows.append(
            FactReview(
                fact=fact,
                age_days=age,
                grade=reading_grade(fact.answer),
                words=len(fact.answer.split()),
                stale=age > max_age_days,
            )
        )
    return rows
