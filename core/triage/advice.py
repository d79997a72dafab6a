"""What to watch for, and the level, of each triage category, as data."""

from typing import Dict

from core.triage.levels import EMERGENCY, URGENT
from core.triage.rules import RULES

# What to watch for, by category, as it reads after "if you have ...". The
# level texts themselves are domain responses (domain.yml), so that escalation
# never waits for the action server; these details are added by it.
WHEN_TO_CALL: Dict[str, str] = {
    "breathing": "any trouble breathing, or blue or grey lips",
    "chest_pain": "chest pain or tightness",
    "severe_allergic_reaction": "swelling of the face, lips, tongue or throat",
    "collapse": "fainting, collapse, or someone who will not wake up",
    "seizure": "a seizure (fit)",
    "bleeding": "coughing or vomiting blood, or bleeding that won't stop",
    "confusion": "sudden confusion",
    "neuro_emergency": (
        "a sudden, very severe headache, or a headache with a stiff neck and "
        "bright light hurting"
    ),
    "meningitis_signs": "a stiff neck, or not being able to touch your chin to your "
    "chest, with a fever or a headache",
    "neck_stiffness": "a stiff neck, or not being able to bend your neck forward",
    "non_blanching_rash": "a rash or spots that do not fade when you press a glass "
    "on them",
    "speech_loss": "words that suddenly won't come out",
    "high_sugar_signs": (
        "great thirst and passing much more urine than usual (with vomiting, "
        "tummy pain, fast breathing or drowsiness, call your local emergency number)"
    ),
    "back_pain": "new or worsening back pain",
    "cord_signs": "numbness in your legs, bottom or groin, or losing control of your "
    "bladder or bowels",
    "spinal_cord_compression": (
        "back pain with numb or weak legs, numbness around your bottom, or losing "
        "control of your bladder or bowels"
    ),
    "acute_abdomen": "a hard, rigid tummy with severe pain",
    "severe_skin_reaction": "skin peeling or blistering with sore eyes or mouth",
    "anaphylaxis_signs": "a rash or hives with faintness, a hoarse voice or wheezing",
    "self_harm": "thoughts of suicide or of harming yourself",
    "fever": "a temperature of 37.5 °C (99.5 °F) or higher",
    "rigors": "shivering or shaking chills, even without a fever",
    "sepsis_signs": "shivering you can't stop, or mottled or blotchy skin",
    "sepsis": "a fever with shivering you can't stop, mottled skin or no urine all day",
    "blood_sugar": (
        "a blood sugar reading above 11 or below 4 mmol/L (above 200 or below 72 "
        "mg/dL); treat a low reading first, as you have been taught"
    ),
    "calcium": "nausea, great thirst or muddled thinking after a high calcium result",
    "blood_pressure": (
        "a top blood pressure number of 90 or less, or 180 or more (if you also "
        "feel faint or unwell, call your local emergency number)"
    ),
    "liver": "yellow eyes or skin, or dark urine",
    "dark_urine": "dark urine, or yellow eyes or skin",
    # UKONS: on immunotherapy any increase in stools is amber.
    "diarrhoea": (
        "any increase in how often you open your bowels, diarrhoea, any blood in "
        "your stool, or stomach cramps"
    ),
    "cough_breathless": "a new cough, or getting out of breath doing things you "
    "normally can",
    "skin_mouth": (
        "a rash that blisters or peels, or sores in your mouth (skin peeling or "
        "blistering with sore eyes or mouth: call your local emergency number)"
    ),
    "headache_vision": "a severe headache or any change in your vision",
    "weakness_heart": (
        "severe weakness, dizziness, or a racing heart (sudden weakness on one "
        "side, or a racing heart with chest pain, fainting or breathlessness: call "
        "your local emergency number)"
    ),
    "dehydration": "vomiting so that you can't keep fluids down",
    "bleeding_other": "nosebleeds, bleeding gums or unusual bruising",
    "gi_bleeding": (
        "black, tarry or bloody stools (if the bleeding is heavy, or you feel faint, "
        "call your local emergency number)"
    ),
    "limb_swelling": "new swelling of your legs, ankles or arms",
    "severe_pain": "severe pain, or pain that your painkillers don't control",
    "low_temperature": "a temperature below 36 °C (96.8 °F), or feeling cold and "
    "unwell",
    "no_urine": "passed no urine for many hours",
    "infusion_reaction": (
        "chills, flushing, rash or itching during or after an infusion (during "
        "it, tell your nurse at once)"
    ),
    "tiredness": "tiredness that stops you doing your usual daily activities",
    "nausea": "nausea that stops you eating or drinking, or vomiting",
    "itch": (
        "itching with a spreading, blistering or peeling rash (with sore eyes or "
        "mouth, call your local emergency number)"
    ),
    "headache": (
        "a headache that is severe or comes with vision changes (with confusion or a "
        "stiff neck, call your local emergency number)"
    ),
    "flushing": (
        "flushing that comes with hives, chills or feeling unwell (with faintness, "
        "wheeze or a hoarse voice, call your local emergency number)"
    ),
}

# Level of each category, including the infusion reaction the detector derives.
LEVEL_BY_CATEGORY: Dict[str, str] = {
    **{rule.category: rule.level for rule in RULES},
    "infusion_reaction": URGENT,
    "low_temperature": URGENT,
    # Derived from two findings together (`core/triage/detector.py`).
    "sepsis": EMERGENCY,
    "meningitis_signs": EMERGENCY,
    "spinal_cord_compression": EMERGENCY,
    # Readings: the level at the threshold WHEN_TO_CALL names (a worse value
    # may be an emergency; the symptom check reads the value itself).
    "blood_sugar": URGENT,
    "calcium": URGENT,
    "blood_pressure": URGENT,
}
