"""Every red-flag symptom rule, and the findings that combine into one.

The rules themselves are data, split by level in `core/triage/rules_emergency.py`
and `core/triage/rules_urgent.py`; their order is the order the matcher adds
them in.
"""

from typing import FrozenSet, Tuple

from core.triage.categories import (
    BACK_PAIN,
    CORD_COMPRESSION,
    MENINGITIS,
    NECK_STIFFNESS,
    SEPSIS,
)
from core.triage.rules_emergency import EMERGENCY_RULES
from core.triage.rules_urgent import URGENT_RULES
from core.triage.symptom_rule import SymptomRule

RULES: Tuple[SymptomRule, ...] = EMERGENCY_RULES + URGENT_RULES

# A fever (a word or a reading) with a sepsis red flag reported with it is an
# emergency: UK Sepsis Trust, "call 999 ... if someone has signs of infection
# and extreme shivering, mottled skin or no urine in a day".
SEPSIS_FEVER = frozenset({"fever", "low_temperature", "rigors"})
SEPSIS_RED_FLAGS = frozenset({"sepsis_signs", "no_urine"})
# NHS meningitis: a stiff neck with a fever or a headache anywhere in the
# message is an emergency, however far apart they are told.
MENINGITIS_PARTNERS = frozenset({"fever", "rigors", "headache", "headache_vision"})
# NICE NG234: back pain with nerve signs (legs, saddle area, bladder or bowel)
# in a person with cancer is spinal cord compression until proved otherwise.
CORD_PARTNERS = frozenset({"cord_signs", "no_urine", "weakness_heart"})

# Symptoms that, during or after an infusion, are an infusion reaction.
INFUSION_CONTEXT = frozenset({"infusion", "drip", "iv", "treatment", "transfusion"})
INFUSION_SIGNS = frozenset(
    {"rigors", "fever", "skin_mouth", "itch", "nausea", "headache", "flushing"}
)

# Findings that together make an emergency of their own, in the order they are
# checked: (one of these, with one of these, makes this category).
COMBINED_EMERGENCIES: Tuple[Tuple[FrozenSet[str], FrozenSet[str], str], ...] = (
    (SEPSIS_FEVER, SEPSIS_RED_FLAGS, SEPSIS),
    (frozenset({NECK_STIFFNESS}), MENINGITIS_PARTNERS, MENINGITIS),
    (frozenset({BACK_PAIN}), CORD_PARTNERS, CORD_COMPRESSION),
)
