"""The shape of a red-flag symptom rule, and the sources rules cite.

Each rule is a category, a level and phrase patterns over normalised lemmas
(see `core/triage/matcher.py`). Pattern syntax, one token per space:

* `a|b`   either word;       * `a?`  optional word;
* `*`     any one word, optional (bridges "my", "the", "very", ...).

A rule may also list `near` groups, `a|b + c|d`: one word of each group
within `NEAR_WINDOW` tokens of each other in one sentence, in any order
("coughed up a cupful of blood", "my stools are black like tar"). Concepts that
meet, rather than fixed phrases, are what generalise to new wordings.

Every rule names its `source`:

* PRO-CTCAE: the NCI's patient-reported item library (v1.0), whose symptom terms
  are the words patients use for the CTCAE adverse events;
* UKONS: the UK Oncology Nursing Society 24-hour triage tool, whose red and
  amber thresholds set our urgent level, and whose "call 999" presentations
  (collapse, airway, severe bleeding, chest pain) set emergency;
* SEEDS: the warnings in the two source texts (immune-related colitis,
  pneumonitis, hepatitis, infusion reactions);
* C-SSRS: the Columbia screener, for self-harm (`core/triage/self_harm.py`).

When a message is ambiguous the higher level wins, because a missed emergency
costs more than an extra phone call.
"""

from dataclasses import dataclass
from typing import FrozenSet, Tuple

PRO_CTCAE = "PRO-CTCAE"
UKONS = "UKONS"
SEEDS = "SEEDS"
C_SSRS = "C-SSRS"
# How many tokens apart the words of a `near` rule may be.
NEAR_WINDOW = 8


@dataclass(frozen=True)
class SymptomRule:
    """Phrases that signal one symptom category at one level.

    `not_before` lists words that, right after a match, show it is not a
    symptom ("confused about the dose", "tired of waiting"). `near` lists
    word groups that must meet within `NEAR_WINDOW` tokens, in any order.
    """

    category: str
    level: str
    patterns: Tuple[str, ...]
    not_before: FrozenSet[str] = frozenset()
    source: str = ""
    near: Tuple[str, ...] = ()
    # Words right before a match that show it is something else ("feel sick").
    not_after: FrozenSet[str] = frozenset()
