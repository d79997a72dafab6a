"""Names `core/answers.py` imports from the triage rules, where they now live.

The triage modules are the package `core/triage/`; this module only keeps the
answer composer's import working until it names `core.triage.levels` and
`core.triage.advice` itself.
"""

from core.triage.advice import LEVEL_BY_CATEGORY, WHEN_TO_CALL
from core.triage.levels import EMERGENCY, ROUTINE, URGENT

__all__ = ["EMERGENCY", "LEVEL_BY_CATEGORY", "ROUTINE", "URGENT", "WHEN_TO_CALL"]
