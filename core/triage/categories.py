"""Names of the triage categories the detector itself derives or refers to.

The rule tables (`core/triage/rules_*.py`) name the rest; these are the ones the
code reads: readings, combinations of findings and the self-harm outcomes.
"""

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
# The vomiting rule's category: being sick leads to dehydration.
DEHYDRATION = "dehydration"
