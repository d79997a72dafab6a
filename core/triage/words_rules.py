"""Word groups the symptom rules share, as data (`core/triage/rules_*.py`)."""

from core.triage.words_context import CARER_WORDS

BODY_SWELLING = "face|lip|tongue|throat|mouth|eye|eyelid"
BREATH = (
    "breathe|breathing|breath|breathless|breathlessness|winded|wheeze|wheezing|air|"
    "puff|puffed"
)
AT_REST = (
    "rest|resting|sit|sitting|lie|lying|asleep|sleep|bed|still|talk|talking|speak|"
    "speaking|sentence|sentences|word|words|gasp|gasping|panting|blue|grey|gray"
)
VOMIT = (
    "vomit|vomiting|vomited|sick|throw|threw|puke|puked|puking|heave|retch|cough|"
    "coughing|coughed|spit|spat|bring"
)
STOOL = (
    "stool|stools|poo|poos|poop|poops|pooping|pooing|bowel|bowels|motion|motions|"
    "feces|faeces|diarrhoea|diarrhea|bum|bottom|toilet|loo"
)

__all__ = ["AT_REST", "BODY_SWELLING", "BREATH", "CARER_WORDS", "STOOL", "VOMIT"]
