"""Triage levels, lowest to highest, as data."""

from typing import Tuple

EMERGENCY = "emergency"
URGENT = "urgent"
ROUTINE = "routine"
CALM = "calm"
# Lowest to highest.
LEVELS: Tuple[str, ...] = (CALM, ROUTINE, URGENT, EMERGENCY)


def level_rank(level: str) -> int:
    """Position of a level from calm (0) to emergency (3)."""
    return LEVELS.index(level)
