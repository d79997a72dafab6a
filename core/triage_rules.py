"""Red-flag symptom rules for triage, as data.

Each rule is a category, a level and phrase patterns over normalised lemmas
(see `core/triage.py`). Pattern syntax, one token per space:

* `a|b`   either word;       * `a?`  optional word;
* `*`     any one word, optional (bridges "my", "the", "very", ...).

The levels and examples follow the issue brief: the seeds' warnings (colitis,
pneumonitis, hepatitis and liver signs, infusion reactions) and standard
oncology telephone-triage practice. When a message is ambiguous the higher level
wins, because a missed emergency costs more than an extra phone call.
"""

from dataclasses import dataclass
from typing import Dict, FrozenSet, Tuple

EMERGENCY = "emergency"
URGENT = "urgent"
ROUTINE = "routine"
CALM = "calm"
# Lowest to highest.
LEVELS: Tuple[str, ...] = (CALM, ROUTINE, URGENT, EMERGENCY)

# Words that can open a negation ("no fever", "not short of breath").
NEGATION_CUES = frozenset({"no", "not", "never", "without", "deny", "nor", "none"})
# Words and marks that end a negation's reach ("no fever but chest pain").
SCOPE_BREAKS = frozenset(
    {"but", "however", "although", "though", "except", "and", "yet", ",", ";", ":", "-", "."}
)


@dataclass(frozen=True)
class SymptomRule:
    """Phrases that signal one symptom category at one level.

    `not_before` lists words that, right after a match, show it is not a
    symptom ("confused about the dose", "tired of waiting").
    """

    category: str
    level: str
    patterns: Tuple[str, ...]
    not_before: FrozenSet[str] = frozenset()


_BODY_SWELLING = "face|lip|tongue|throat|mouth|eye|eyelid"
_CARER = (
    "husband|wife|partner|mum|mom|mother|dad|father|son|daughter|brother|sister|"
    "friend|patient|grandmother|grandfather|grandma|grandpa|nan|child|baby"
)

RULES: Tuple[SymptomRule, ...] = (
    # --- Emergency -------------------------------------------------------------
    SymptomRule("breathing", EMERGENCY, (
        "can not breathe|breath",
        "unable to breathe",
        "not breathe|breathing",
        "trouble|difficulty|struggle|hard|problem|difficult|labour|labor * to? breathe|breathing|breath",
        "breathe|breathing * be? difficult|hard|laboured|labored|problem|bad|worse|poor",
        "barely|hardly breathe|breathing|breath",
        "hurt|hurts|painful|pain to|when * breathe|breathing",
        "gasp|choke|choking",
        "short|out of breath * at? rest|resting|sit|sitting|lie|lying|still",
        "breathless * at? rest|resting|sit|sitting|lie|lying|still",
        "blue|grey|gray lip|lips",
        "lip|lips * be? turn|go|look? blue|grey|gray",
        "suffocate|suffocating",
    )),
    SymptomRule("chest_pain", EMERGENCY, (
        "chest pain|ache|tightness|tight|pressure|hurt|hurting|pains",
        "pain|ache|pressure|tightness in * chest",
        "chest * * be? hurt|hurting|tight|ache|aching|heavy",
        "heart attack",
    )),
    SymptomRule("severe_allergic_reaction", EMERGENCY, (
        f"swell|swollen|swelling|puffy of? * {_BODY_SWELLING}",
        f"{_BODY_SWELLING} * be? swell|swollen|swelling|puffy|puff",
        "throat * * * * be? close|closing|tight|tighten",
        "anaphylaxis|anaphylactic",
    )),
    SymptomRule("collapse", EMERGENCY, (
        "faint|fainting",
        "pass|black out",
        "collapse|collapsing",
        "unconscious|unresponsive",
        "not respond|responding|responsive",
        "not wake|waking",
        "lose|lost consciousness",
    )),
    SymptomRule("seizure", EMERGENCY, (
        "seizure|convulsion|convulse|convulsing|fitting",
        "have|had|having a fit",
    )),
    SymptomRule("bleeding", EMERGENCY, (
        "cough|spit|vomit|throw|puke * up? blood",
        "blood in * vomit|sick|spit|phlegm|sputum",
        "bloody vomit|sputum|phlegm",
    )),
    SymptomRule("confusion", EMERGENCY, (
        "sudden|suddenly|very|really|become|get|seem|be confused|disorient|disoriented|confusion",
        "sudden confusion",
        "not know where * be",
        "not make sense|talk nonsense",
    ), frozenset({"about", "by", "with", "on", "as", "why", "what", "how", "whether", "regard"})),
    SymptomRule("self_harm", EMERGENCY, (
        "suicide|suicidal",
        "kill|hurt|harm myself|himself|herself",
        "self harm|harm",
        "end my|his|her life",
        "end it all",
        "want to die",
        "better off dead",
    )),
    # --- Urgent ----------------------------------------------------------------
    SymptomRule("fever", URGENT, (
        "fever|feverish|febrile|pyrexia",
        "high temperature|temp",
        "burn|burning up",
    )),
    SymptomRule("rigors", URGENT, (
        "shiver|shivering|shivery|rigor|rigors|chill|chills",
        "shake|shaking uncontrollably?",
        "the shakes",
    )),
    SymptomRule("liver", URGENT, (
        "yellow eye|eyes|skin",
        "eye|eyes|skin * be? turn|go|look|looking? yellow|yellowish",
        "jaundice|jaundiced",
        "yellowing",
    )),
    SymptomRule("dark_urine", URGENT, (
        "dark|brown|cola|black urine|pee|wee|piss",
        "urine|pee|wee * be? very? dark|brown",
    )),
    SymptomRule("diarrhoea", URGENT, (
        "diarrhoea|diarrhea|diarrhoeal|diarrheal",
        "loose|watery|runny stool|stools|poo|poos|bowel|motion|motions",
        "the runs",
        "blood in * stool|stools|poo|poop|bowel|toilet",
        "bloody|black stool|stools|poo|poop",
        "severe|bad|terrible stomach|tummy|belly|abdominal cramp|cramps|pain",
        "stomach|tummy|belly * cramp|cramps|cramping",
    )),
    SymptomRule("cough_breathless", URGENT, (
        "cough|coughing",
        "short|out of breath",
        "breathless|breathlessness|wheeze|wheezy|wheezing",
    )),
    SymptomRule("skin_mouth", URGENT, (
        "blister|blistering|blisters",
        "peel|peeling skin",
        "skin * peel|peeling",
        "mouth sore|sores|ulcer|ulcers",
        "sore|sores|ulcer|ulcers in * mouth",
        "rash",
    )),
    SymptomRule("headache_vision", URGENT, (
        "severe|bad|terrible|worst|awful|unbearable|really|very headache|migraine",
        "blurred|blurry|double|blur|losing vision|sight",
        "see|seeing double",
        "vision * change|blurry|blurred|go|problem|loss",
        "can not see properly|clearly|well",
    )),
    SymptomRule("weakness_heart", URGENT, (
        "very|extremely|extreme|severe|really|so|too weak|weakness",
        "can not stand|walk",
        "severe|extreme fatigue|tiredness",
        "can not get out of bed",
        "racing|pounding|fast|irregular heart|heartbeat|pulse",
        "heart * be? race|racing|pound|pounding",
        "palpitation|palpitations",
        "dizzy|dizziness|lightheaded|lightheadedness",
        "light headed",
    )),
    SymptomRule("dehydration", URGENT, (
        "can not keep * * * down",
        "vomit|vomiting|puke|puking",
        "throw up",
        "=been sick",
        "keep be? sick|vomit|throw",
    )),
    SymptomRule("bleeding_other", URGENT, (
        "bleed|bleeding",
        "nosebleed|nosebleeds",
        "unusual|easy? bruise|bruising|bruises",
    )),
    SymptomRule("no_urine", URGENT, (
        "not pee|wee|urinate|piss",
        "not pass|passed urine|water",
        "no urine|pee",
    )),
    # --- Routine ---------------------------------------------------------------
    SymptomRule("tiredness", ROUTINE, (
        "tired|tiredness|fatigue|fatigued|exhausted|weary|sleepy",
        "no energy",
    ), frozenset({"of"})),
    SymptomRule("nausea", ROUTINE, (
        "nausea|nauseous|nauseated|queasy",
        "feel|feeling sick",
    )),
    SymptomRule("itch", ROUTINE, (
        "itch|itchy|itching|itchiness",
    )),
    SymptomRule("headache", ROUTINE, (
        "headache|headaches",
    )),
    SymptomRule("flushing", ROUTINE, (
        "flush|flushing|flushed|hive|hives",
    )),
)

# Symptoms that, during or after an infusion, are an infusion reaction.
INFUSION_CONTEXT = frozenset({"infusion", "drip", "iv", "treatment", "transfusion"})
INFUSION_SIGNS = frozenset(
    {"rigors", "fever", "skin_mouth", "itch", "nausea", "headache", "flushing"}
)

# Words in a sentence that make a symptom mention a report of now, not a question.
NOW_MARKERS = frozenset(
    {"now", "currently", "since", "today", "tonight", "yesterday", "morning", "evening",
     "afternoon", "overnight", "lately", "recently"}
)
# Words that make a mention hypothetical ("what if I get a rash?").
HYPOTHETICAL_MARKERS = frozenset(
    {"if", "suppose", "incase", "risk", "chance", "prevent", "avoid", "ever", "possible",
     "possibly", "likely", "common", "normal", "cause", "effect", "worry", "worried",
     "afraid", "scared", "concerned", "wonder", "wondering", "curious", "mean", "sign"}
)
# "I'm worried about ..." is a stance, not a report of a symptom.
STANCE_WORDS = frozenset(
    {"worry", "worried", "afraid", "scared", "concerned", "wonder", "wondering",
     "curious", "ask", "asking", "interested"}
)
QUESTION_OPENERS = frozenset(
    {"can", "could", "will", "would", "do", "does", "did", "is", "are", "should", "may",
     "might", "what", "how", "when", "why", "which", "who", "any"}
)
# Subjects that make a clause a report: the patient or a carer's person.
REPORT_SUBJECTS = frozenset({"i", "we", "he", "she", "they"} | set(_CARER.split("|")))
REPORT_VERBS = frozenset(
    {"have", "be", "feel", "get", "keep", "develop", "notice", "think", "seem", "look",
     "start", "will"}
)
POSSESSIVES = frozenset({"my", "his", "her", "our", "their"})

# What to watch for, by category, as it reads after "if you have ...". The
# level texts themselves are domain responses (domain.yml), so that escalation
# never waits for the action server; these details are added by it.
WHEN_TO_CALL: Dict[str, str] = {
    "breathing": "any trouble breathing, or blue or grey lips",
    "chest_pain": "chest pain or tightness",
    "severe_allergic_reaction": "swelling of the face, lips, tongue or throat",
    "collapse": "fainting, collapse, or someone who will not wake up",
    "seizure": "a seizure (fit)",
    "bleeding": "coughing or vomiting blood",
    "confusion": "sudden confusion",
    "self_harm": "thoughts of suicide or of harming yourself",
    "fever": "a temperature of 37.5 to 38 °C (99.5 to 100.4 °F) or higher",
    "rigors": "shivering or shaking chills, even without a fever",
    "liver": "yellow eyes or skin, or dark urine",
    "dark_urine": "dark urine, or yellow eyes or skin",
    "diarrhoea": (
        "diarrhoea several times more than normal, any blood in your stool, or severe "
        "stomach cramps"
    ),
    "cough_breathless": "a new cough, or getting out of breath doing things you normally can",
    "skin_mouth": "a rash that blisters or peels, or sores in your mouth",
    "headache_vision": "a severe headache or any change in your vision",
    "weakness_heart": "severe weakness, dizziness, or a racing heart",
    "dehydration": "vomiting so that you can't keep fluids down",
    "bleeding_other": "bleeding that won't stop, nosebleeds, or unusual bruising",
    "no_urine": "no urine for many hours",
    "infusion_reaction": "chills, flushing, rash or itching during or after an infusion",
    "tiredness": "tiredness that stops you doing your usual daily activities",
    "nausea": "nausea that stops you eating or drinking, or vomiting",
    "itch": "itching with a spreading or blistering rash",
    "headache": "a headache that is severe, or comes with vision changes or confusion",
    "flushing": "flushing or hives during or after an infusion",
}

# Level of each category, including the infusion reaction the detector derives.
LEVEL_BY_CATEGORY: Dict[str, str] = {
    **{rule.category: rule.level for rule in RULES},
    "infusion_reaction": URGENT,
}
