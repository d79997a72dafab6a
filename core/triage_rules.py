"""Red-flag symptom rules for triage, as data.

Each rule is a category, a level and phrase patterns over normalised lemmas
(see `core/triage.py`). Pattern syntax, one token per space:

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
* C-SSRS: the Columbia screener, for self-harm (`core/self_harm.py`).

When a message is ambiguous the higher level wins, because a missed emergency
costs more than an extra phone call.
"""

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Tuple

PRO_CTCAE = "PRO-CTCAE"
UKONS = "UKONS"
SEEDS = "SEEDS"
C_SSRS = "C-SSRS"
# How many tokens apart the words of a `near` rule may be.
NEAR_WINDOW = 8

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
    {
        "but",
        "however",
        "although",
        "though",
        "except",
        "and",
        "yet",
        ",",
        ";",
        ":",
        "-",
        ".",
    }
)


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


_BODY_SWELLING = "face|lip|tongue|throat|mouth|eye|eyelid"
_CARER = (
    "husband|wife|partner|mum|mom|mother|dad|father|son|daughter|brother|sister|"
    "friend|patient|grandmother|grandfather|grandma|grandpa|nan|child|baby"
)

_BREATH = "breathe|breathing|breath|breathless|breathlessness|winded|wheeze|wheezing|air|puff|puffed"
_AT_REST = (
    "rest|resting|sit|sitting|lie|lying|asleep|sleep|bed|still|talk|talking|speak|"
    "speaking|sentence|sentences|word|words|gasp|gasping|panting|blue|grey|gray"
)
_VOMIT = "vomit|vomiting|vomited|sick|throw|threw|puke|puked|puking|heave|retch|cough|coughing|coughed|spit|spat|bring"
_STOOL = "stool|stools|poo|poos|poop|poops|pooping|pooing|bowel|bowels|motion|motions|feces|faeces|diarrhoea|diarrhea|bum|bottom|toilet|loo"

RULES: Tuple[SymptomRule, ...] = (
    # --- Emergency: UKONS "call 999" presentations ----------------------------
    SymptomRule(
        "breathing",
        EMERGENCY,
        (
            "can not breathe|breath",
            "can not catch|get * breath",
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
            "suffocate|suffocating|suffocation",
            "fight|fighting|struggling for * breath|air",
            "not get|getting enough * air|breath|oxygen",
        ),
        source=f"{UKONS} breathlessness: at rest or unable to complete sentences is red (999); "
        f"{PRO_CTCAE} shortness of breath",
        near=(
            f"{_BREATH}|short + {_AT_REST}",
            "not|barely|hardly|unable + talk|speak|sentence|word|words + breath|breathe|breathless|short|air",
        ),
    ),
    SymptomRule(
        "chest_pain",
        EMERGENCY,
        (
            "chest pain|ache|tightness|tight|pressure|hurt|hurting|pains",
            "pain|ache|pressure|tightness in * chest",
            "chest * * be? hurt|hurting|tight|ache|aching|heavy",
            "heart attack",
        ),
        source=f"{UKONS} chest pain (999)",
        near=(
            "chest|breastbone|sternum + pain|ache|aching|hurt|hurts|hurting|tight|tightness|pressure|heavy|heaviness|crush|crushing|squeeze|squeezing|elephant|band|burn|burning|stab|stabbing",
        ),
    ),
    SymptomRule(
        "severe_allergic_reaction",
        EMERGENCY,
        (
            f"swell|swollen|swelling|puffy of? * {_BODY_SWELLING}",
            f"{_BODY_SWELLING} * be? swell|swollen|swelling|puffy|puff",
            "throat * * * * be? close|closing|tight|tighten",
            "anaphylaxis|anaphylactic",
            "can not swallow",
            "lip|lips|face|tongue|eye|eyes * go|gone|went massive|huge|big|fat",
        ),
        source=f"{UKONS} infusion reaction with airway compromise (999); {SEEDS} infusion reactions",
        near=(
            f"{_BODY_SWELLING} + swell|swollen|swelling|puffy|puff|balloon|ballooning|blow|blown|fat|big|huge",
            "throat|airway|windpipe + close|closing|closed|tight|tightening|narrow|shut|shutting|blocked",
        ),
    ),
    SymptomRule(
        "collapse",
        EMERGENCY,
        (
            "faint|fainting|fainted|feint|feinted|fainty",
            "pass|black out",
            "collapse|collapsing",
            "unconscious|unresponsive",
            "not respond|responding|responsive",
            "not wake|waking",
            "lose|lost consciousness",
            "keel|keeled over",
            "limp|floppy|slump|slumped",
            "not open * eye|eyes",
            "hit the floor",
            "can not rouse|wake",
        ),
        source=f"{UKONS} collapse (999)",
        near=(
            "not|barely|hardly|can + wake|rouse|respond|answer|conscious + he|she|him|her|mum|mom|dad|husband|wife|partner|they|them",
        ),
    ),
    SymptomRule(
        "seizure",
        EMERGENCY,
        (
            "seizure|seizures|convulsion|convulsions|convulse|convulsing|epileptic",
            # "fitting" as a verb ("he's fitting", "started fitting"), not the noun of
            # a wig or dress fitting.
            "=is|was|are|were|'s|keep|keeps|kept|start|started|starts|been|still|began|begun =fitting",
            "=fitting again|now|nonstop|constantly|badly",
            "have|had|having a =fit|fits",
        ),
        source=f"{UKONS} neurological change (999)",
        near=(
            "shake|shaking|jerk|jerking|twitch|twitching + uncontrollably|floor|whole|body|arms|legs + eye|eyes|foam|foaming|unconscious|roll|rolled",
            "=fit + happen|happened|had|having|start|started|jerk|jerking|shaking|floor|stiff",
            "=fitting + floor|shaking|jerking|jerk|stiff|unconscious|eyes|foam|foaming",
        ),
    ),
    SymptomRule(
        "bleeding",
        EMERGENCY,
        (
            "cough|spit|vomit|throw|puke * up? blood",
            "blood in * vomit|sick|spit|phlegm|sputum",
            "bloody vomit|sputum|phlegm",
            "coffee ground|grounds",
            "haemorrhage|hemorrhage|haemorrhaging|hemorrhaging",
            "bleed|bleeding * will not|wo not|not stop",
            "pour|pouring|gush|gushing blood",
        ),
        source=f"{UKONS} bleeding: severe haemorrhage (999); {PRO_CTCAE} vomiting, cough",
        near=(
            f"{_VOMIT} + blood|bloody|clot|clots|red",
            "vomit|vomiting|vomited|sick|throw|threw|puke|puked + coffee|black|brown",
            "blood + everywhere|lot|lots|pool|cupful|cup|mouthful|pouring|gush|gushing",
        ),
    ),
    SymptomRule(
        "confusion",
        EMERGENCY,
        (
            "sudden|suddenly|very|really|so|become|get|seem|be confused|disorient|disoriented|confusion",
            "sudden confusion",
            "not know where * be",
            "not make sense|talk nonsense",
            "pink * froth|frothy|foam|foamy",
            "not think straight|properly|clearly",
            "make sense of anything",
            "nothing make sense",
            "not recognise|recognize * me|anyone|us|family",
            "slur|slurred|slurring speech|word|words",
            "face * droop|drooping|droopy|drop|dropped",
            "drowsy|drowsiness",
            "see|seeing|hear|hearing thing|things",
            "hallucinate|hallucinating|hallucination|hallucinations|delirious",
            "disoriented|disorientated|disorientation",
        ),
        frozenset(
            {
                "about",
                "by",
                "with",
                "on",
                "as",
                "why",
                "what",
                "how",
                "whether",
                "regard",
            }
        ),
        source=f"{UKONS} neurological change: new confusion or drowsiness (999)",
        near=(
            "drowsy|sleepy + not|hardly|barely + wake|rouse|keep",
            "not + know|recognise|recognize + where|who|me|us|family|day",
            "talk|talking|speak|speaking + nonsense|gibberish|jumbled|strange",
            # Stroke (FAST): face, arm or speech, suddenly or on one side.
            "face|arm|hand|leg|mouth|smile + droop|drooping|dropped|drop|numb|weak|dead + one|side|suddenly|sudden",
            "face|smile|mouth + crooked|lopsided|wonky|uneven|droop|drooping|droopy|slipped|fallen",
            "word|words|speech + slur|slurred|slurring|wrong|muddled|jumbled|find",
            # Told by what the person cannot do: words that will not come out,
            # sight lost in one eye (NHS stroke and sudden loss of vision: 999).
            "see|sight|vision + not|lost|lose|losing|gone|blank|black + one|suddenly|sudden|eye",
            # Consciousness told by what the person cannot do (UKONS: drowsiness, 999),
            # seen by someone else: "I can't stay awake on the drip" is tiredness.
            "not|barely|hardly + stay|keep + awake|open + he|she|him|her|mum|mom|dad|husband|wife|partner|they|son|daughter",
            # NHS stroke: problems understanding what others say, come on suddenly.
            "sudden|suddenly + not|barely|hardly|unable + understand|understanding|follow|following + say|saying|said|talk|talking|speak|speaking|word|words",
            "muddle|muddled|sense + not|no|any|since",
            "side + numb|weak|droop|drooping|dropped|paralysed|paralyzed|dead|heavy + one|left|right|whole|body",
        ),
    ),
    SymptomRule(
        "speech_loss",
        EMERGENCY,
        (),
        frozenset({"of"}),  # not "a word out of the nurse"
        source="NHS stroke (999): speech problems, told as words that will not come out",
        near=("not|barely|hardly + word|words|sentence + out|come|coming|form",),
    ),
    SymptomRule(
        "high_sugar_signs",
        URGENT,
        (),
        source="NHS high blood sugar and high calcium: very thirsty and passing urine a lot",
        near=(
            "thirsty|thirst|parched + wee|weeing|pee|peeing|urinate|urinating|toilet|loo + "
            "constantly|loads|lot|always|time|night|often|nonstop",
        ),
    ),
    SymptomRule(
        "neuro_emergency",
        EMERGENCY,
        (
            "thunderclap|thunder clap",
            "worst headache * * * life",
        ),
        source=f"{UKONS} neurological change (999): sudden severe headache; NICE meningitis "
        "red flags (headache with neck stiffness and dislike of light)",
        near=(
            "stiff|stiffness + neck + light|lights|bright|glare|rash|fever|temperature|temp|vomit|vomiting",
            "headache|head + sudden|suddenly|instant|instantly|explode|exploded|exploding|hit + worst|severe|agony",
            # NHS meningitis: a stiff neck told by what the person cannot do
            # ("can't bend my neck forward", "can't touch my chin to my chest"),
            # with a fever or a headache.
            "neck|chin + bend|bending|move|moving|touch|turn|turning|tuck|lower|nod|forward|down|stiff|stiffness + "
            "headache|fever|temperature|temp|hot|burning|boiling|light|lights|rash|vomit|vomiting|38|39|40",
        ),
    ),
    SymptomRule(
        "acute_abdomen",
        EMERGENCY,
        ("rigid abdomen|belly|tummy|stomach",),
        source=f"{UKONS} abdominal pain (red); a rigid, board-like abdomen is peritonism (999)",
        near=(
            "abdomen|abdo|belly|tummy|stomach + rigid|board",
            "abdomen|abdo|belly|tummy|stomach + rock|brick|stone + hard",
        ),
    ),
    SymptomRule(
        "non_blanching_rash",
        EMERGENCY,
        ("non blanching|blanche|blanch rash|spots",),
        source="NHS meningitis and sepsis: a rash that does not fade under a pressed glass (999)",
        near=(
            "rash|spot|spots|blotch|blotches|mark|marks|dot|dots|bruise|bruises|purple + not + fade|disappear|go|vanish|blanch|change",
            "rash|spot|spots|blotch|blotches|mark|marks|dot|dots + glass|tumbler",
            "fade|disappear|vanish|blanch + press|pressed|pressing|glass|tumbler + not",
        ),
    ),
    SymptomRule(
        "severe_skin_reaction",
        EMERGENCY,
        (),
        source=f"{UKONS} rash (red); {SEEDS} immune-related skin reactions: skin loss with "
        "sore eyes or mouth is SJS/TEN (999)",
        near=(
            "skin + sheet|sheets|slough|sloughing|strip|strips",
            "skin + peel|peeling|blister|blistering|raw|coming + eye|eyes|mouth|lips|genitals",
        ),
    ),
    SymptomRule(
        "anaphylaxis_signs",
        EMERGENCY,
        (),
        source=f"{UKONS} infusion reaction with airway, breathing or circulation problem (999); "
        f"{SEEDS} infusion reactions",
        near=(
            "rash|hive|hives|itchy|itch|welts|flushed|flushing + lightheaded|faint|croaky|hoarse|wheezy|wheeze|wheezing",
        ),
    ),
    # Self-harm has its own detector (core/self_harm.py); this entry gives the
    # category its level and its place in the table.
    SymptomRule("self_harm", EMERGENCY, (), source=f"{C_SSRS} screener"),
    # --- Urgent: UKONS red and amber ---------------------------------------------
    SymptomRule(
        "fever",
        URGENT,
        (
            "fever|feverish|febrile|pyrexia|pyrexial",
            "high|raised|elevated temperature|temp",
            "=feverish|=fevers",
            "burn|burning up",
            "have|got|run|running|with|spike|spiking|spiked a? temperature|temp",
            "temperature|temp * be? high|up|raised|spike|spiking",
            "hot and cold",
            "hot|cold sweat|sweats",
            "night sweats",
        ),
        source=f"{UKONS} fever: 37.5 C or above (red)",
        near=(
            "temperature|temp|thermometer + high|up|raised|spike|spiking|spiked|rising|rise|climb|climbing",
        ),
    ),
    SymptomRule(
        "low_temperature",
        URGENT,
        (
            "low temperature|temp",
            "can not get warm",
        ),
        source=f"{UKONS} temperature below 36 C (red)",
        near=("temperature|temp|temps + low|under|below|dropped|dropping|down",),
    ),
    SymptomRule(
        "rigors",
        URGENT,
        (
            "shiver|shivering|shivery|shivers|rigor|rigors|chill|chills",
            "shake|shaking",
            "the shakes",
            "teeth chatter|chattering",
        ),
        source=f"{PRO_CTCAE} shivering or shaking chills; {UKONS} fever/sepsis (red)",
    ),
    # UK Sepsis Trust ("call 999": extreme shivering or muscle pain, mottled or
    # discoloured skin, passing no urine in a day) and NICE NG51 high-risk
    # criteria. Alone urgent; with a fever they make the picture an emergency
    # (see SEPSIS_FEVER and SEPSIS_RED_FLAGS below).
    SymptomRule(
        "sepsis_signs",
        EMERGENCY,
        (
            "can not stop shake|shaking|shiver|shivering|tremble|trembling",
            "shake|shaking|shiver|shivering|tremble|trembling uncontrollably|violently|nonstop",
            "uncontrollable|uncontrolled|violent|extreme|severe|constant shake|shaking|shiver|shivering|shivers|shakes|rigor|rigors|chills",
            "mottled|blotchy|marbled skin|leg|legs|knee|knees",
            "skin * be? mottled|blotchy|marbled",
            "feel|feeling like * be? die|dying",
            "feel|feeling * be? going to die",
        ),
        source="UK Sepsis Trust red flags (999: 'I feel like I might die'); NICE NG51 sepsis high-risk criteria",
        near=(
            "skin|leg|legs|knee|knees|arm|arms|hand|hands + mottled|blotchy|marbled",
        ),
    ),
    SymptomRule(
        "liver",
        URGENT,
        (
            "yellow eye|eyes|skin",
            "eye|eyes|skin * be? turn|go|look|looking? yellow|yellowish",
            "jaundice|jaundiced",
            "yellowing",
        ),
        source=f"{SEEDS} hepatitis (liver problems); {UKONS} jaundice (red)",
        near=("yellow|yellowish|orange + eye|eyes|skin|face|white|whites",),
    ),
    SymptomRule(
        "dark_urine",
        URGENT,
        (
            "dark|brown|cola|black urine|pee|wee|piss",
            "urine|pee|wee * be? very? dark|brown",
        ),
        source=f"{SEEDS} hepatitis; {PRO_CTCAE} urine colour change",
        near=("urine|pee|wee|piss|wees + dark|brown|cola|tea|orange|black",),
    ),
    SymptomRule(
        "gi_bleeding",
        URGENT,
        (
            "blood in * stool|stools|poo|poop|bowel|toilet",
            "bloody|black|tarry stool|stools|poo|poop|diarrhoea|diarrhea",
            "rectal bleeding",
            "bleed|bleeding from * bottom|bum|back passage|rectum",
        ),
        source=f"{UKONS} diarrhoea with blood / rectal bleeding (red); {SEEDS} colitis",
        near=(f"{_STOOL} + blood|bloody|black|tar|tarry|maroon|red",),
    ),
    SymptomRule(
        "diarrhoea",
        URGENT,
        (
            "diarrhoea|diarrhea|diarrhoeal|diarrheal|diarhea|diarrea",
            "loose|watery|runny|liquid stool|stools|poo|poos|bowel|motion|motions",
            "the runs|trots|squits",
            "severe|bad|terrible stomach|tummy|belly|abdominal cramp|cramps|pain",
            "stomach|tummy|belly * cramp|cramps|cramping",
            "bowel|bowels * be? very? loose|watery|runny",
        ),
        source=f"{UKONS} diarrhoea (any increase on immunotherapy is amber, 7+ a day red); "
        f"{SEEDS} immune-related colitis; {PRO_CTCAE} diarrhea, abdominal pain",
        near=(
            f"{_STOOL}|go|going|gone|run|running|rush|rushing + loose|watery|runny|liquid|water|toilet|loo|bathroom + times|x|time|day|night|hour|hours|hrs|today|constantly|nonstop",
            "bowel|bowels|loo|toilet|poo|poos|stool|stools + watery|water|liquid|runny|loose|crazy|explosive|urgent|urgency|accident|accidents",
            "watery|runny|liquid + ones|times|today|day",
            # "pooing 6 or 7 times a day": a count of bowel movements in a day (UKONS).
            "poo|pooing|pooed|poos|stool|stools|toilet|loo + times + day|today|daily|night",
            "stomach|tummy|belly|abdomen|abdominal|gut + agony|severe|terrible|awful|excruciating|unbearable|bad|worst|doubled",
        ),
    ),
    SymptomRule(
        "cough_breathless",
        URGENT,
        (
            "cough|coughing",
            "short|out of breath",
            "breathless|breathlessness|wheeze|wheezy|wheezing",
            "puffed|winded",
        ),
        source=f"{UKONS} breathlessness on exertion (amber); {SEEDS} pneumonitis; "
        f"{PRO_CTCAE} cough, shortness of breath, wheezing",
    ),
    SymptomRule(
        "skin_mouth",
        URGENT,
        (
            "blister|blistering|blisters",
            "peel|peeling skin",
            "skin * peel|peeling",
            "mouth sore|sores|ulcer|ulcers",
            "sore|sores|ulcer|ulcers in * mouth",
            "rash",
            "can not eat|swallow * mouth|sore",
            "chewing|chew|swallowing|swallow glass|razor|razors|blades",
        ),
        source=f"{PRO_CTCAE} rash, mouth/throat sores; {UKONS} rash, mucositis (amber/red)",
        near=(
            "mouth|gum|gums|tongue|throat|cheek|cheeks + sore|sores|ulcer|ulcers|raw|blister|blisters",
            "skin + peel|peeling|blister|blistering|raw|weeping|sloughing|coming|falling",
        ),
    ),
    SymptomRule(
        "headache_vision",
        URGENT,
        (
            "severe|bad|terrible|worst|awful|unbearable|really|very|pounding|splitting|thumping|banging|massive|blinding|crushing headache|migraine",
            "blurred|blurry|double|blur|losing vision|sight",
            "see|seeing double",
            "vision * change|blurry|blurred|go|problem|loss",
            "can not see properly|clearly|well",
        ),
        source=f"{PRO_CTCAE} headache, blurred vision; {UKONS} neurology (red)",
        near=(
            "vision|sight|eyesight|eye|eyes|see + blur|blurry|blurred|double|fuzzy|dim|dark|lost|flash|flashes|spot|spots|wavy|strange|funny|weird|odd",
        ),
    ),
    SymptomRule(
        "neck_stiffness",
        URGENT,
        (
            "stiff neck",
            "neck * be? stiff|rigid",
        ),
        source="NHS meningitis signs: a stiff neck (with a fever or a headache: 999)",
        near=(
            "neck|chin + bend|bending|move|moving|touch|turn|turning|tuck|lower|nod|forward|forwards|down + "
            "not|barely|hardly|stiff|rigid|agony|hurts|painful|yell|yelling|scream|screaming|cry|crying",
        ),
    ),
    SymptomRule(
        "weakness_heart",
        URGENT,
        (
            "very|extremely|extreme|severe|really|so|too weak|weakness",
            "can not stand|walk",
            "severe|extreme fatigue|tiredness",
            "can not get out of bed",
            "not get up|off * bed|sofa|chair|floor|couch|settee",
            "leg|legs like jelly",
            "racing|pounding|fast|irregular|fluttering heart|heartbeat|pulse",
            "heart * be? race|racing|pound|pounding|flutter|fluttering|skip|skipping",
            "palpitation|palpitations",
            "dizzy|dizziness|lightheaded|lightheadedness|vertigo",
            "light headed",
            "room * spin|spinning",
            "leg|legs * give way",
            "=numb|numbness|tingling",
        ),
        source=f"{PRO_CTCAE} dizziness, palpitations, fatigue (severe), numbness; {UKONS} (amber/red); "
        "NHS palpitations (a heartbeat that pounds, flutters, thumps or skips)",
        near=(
            "weak|weakness|wobbly + not|barely|hardly + stand|walk|move|lift|get up",
            # New altered feeling or power in the legs (NICE NG234 spinal cord
            # compression: limb weakness, sensory change, unsteady walking).
            "leg|legs|foot|feet + weird|strange|funny|odd|heavy|numb|dead|wobbly|unsteady|buckle|"
            "buckling|buckled|belong",
            "heart|heartbeat|pulse|chest + race|racing|raced|pound|pounding|thump|thumping|hammer|"
            "hammering|bang|banging|flutter|fluttering|flutters|fluttery|irregular|erratic|missing|skip|skipping",
        ),
    ),
    SymptomRule(
        "dehydration",
        URGENT,
        (
            "can not keep * * * down",
            "vomit|vomiting|vomited|puke|puking|puked",
            "throw|threw up",
            "=been sick",
            "keep be? sick|vomit|throw",
            "be sick",
            "sick twice",
        ),
        source=f"{UKONS} vomiting (2-5 a day amber, 6+ red) and oral intake; {PRO_CTCAE} vomiting",
        near=(  # A count of episodes makes "sick" vomiting: "sick 3 times", "threw up four times".
            "sick|vomit|vomited|throw|threw|puke|puked|retch|retched + 2|3|4|5|6|7|8|9|10|two|three|"
            "four|five|six|seven|eight|nine|ten|several|multiple|few + time|times|x",
            "not|unable + keep|hold + down|water|fluid|fluids|liquid|liquids|food|anything",
            # UKONS oral intake: refusing or barely drinking, or unable to swallow.
            "drink|drinks|drinking|fluid|fluids + refuse|refusing|refused|barely|hardly|face|sip|sips",
            "not|unable|barely|hardly + swallow|swallowing + water|fluid|fluids|liquid|liquids|drink|drinks|anything",
        ),
        not_after=frozenset({"feel", "feeling"}),
    ),  # "felt sick a few times" is nausea
    SymptomRule(
        "bleeding_other",
        URGENT,
        (
            "bleed|bleeding",
            "nosebleed|nosebleeds",
            "pinprick|petechiae|petechial",
            "tiny|little|small red|purple spot|spots|dots",
            "unusual|easy? bruise|bruising|bruises",
            "blood * in * urine|pee",
        ),
        source=f"{UKONS} bleeding (amber/red); {PRO_CTCAE} nosebleed, bruising",
        near=("nose|gum|gums|urine|pee|wee + blood|bleed|bleeding|bloody|pink|red",),
    ),
    SymptomRule(
        "back_pain",
        URGENT,
        (
            "back|spine|spinal pain|ache|aching",
            "pain|ache in * back|spine",
            "bad|sore|painful back",
        ),
        source="NICE NG234 spinal metastases and spinal cord compression: new back pain in cancer; "
        f"{UKONS} (amber)",
        near=(
            "back|spine + hurt|hurts|hurting|agony|killing|pain|painful|ache|aching",
        ),
    ),
    SymptomRule(
        "cord_signs",
        EMERGENCY,
        (
            "numb|numbness * waist|bottom|bum|buttock|buttocks|groin|saddle|thigh|thighs",
            "waist down",
            "not feel * leg|legs|foot|feet|bottom|bum",
            "lose|lost|losing control * bladder|bowel|bowels|wee|pee|poo",
            "not control * bladder|bowel|bowels|wee|pee|poo",
        ),
        source="NICE NG234 spinal cord compression and cauda equina: numbness in the saddle "
        "area or legs, loss of bladder or bowel control (999)",
    ),
    SymptomRule(
        "severe_pain",
        URGENT,
        (
            "severe|agonising|agonizing|excruciating|unbearable|terrible|crippling|worst pain|ache|aches",
            "pain|ache * severe|agonising|unbearable|excruciating",
            "doubled up|over * pain",
        ),
        source=f"{UKONS} pain: severe or not controlled by painkillers (red)",
        near=(
            "pain|ache|abdo|abdomen|belly|tummy|stomach|back|side|ribs + severe|agony|agonising|excruciating|unbearable|crippling|doubled",
        ),
    ),
    SymptomRule(
        "no_urine",
        URGENT,
        (
            "not pee|wee|urinate|piss",
            "not pass|passed urine|water",
            "no urine|pee",
            "not be for a wee|pee",
        ),
        source=f"{UKONS} urinary problems (red)",
        near=(
            "pee|peeing|wee|weeing|weed|urine|urinate|urinating|water + barely|hardly|less|little|tiny|trickle|dribble|only|not|nothing",
        ),
    ),
    SymptomRule(
        "limb_swelling",
        URGENT,
        (),
        source=f"{PRO_CTCAE} swelling (arms or legs); {UKONS} new swelling (amber); "
        f"{SEEDS} immune-related heart and kidney effects",
        near=(
            "leg|legs|ankle|ankles|foot|feet|calf|calves|arm|arms + swollen|swelling|swell|puffy|puff|balloon|ballooned|fat",
        ),
    ),
    # --- Routine: UKONS green ------------------------------------------------------
    SymptomRule(
        "tiredness",
        ROUTINE,
        (
            "tired|tiredness|fatigue|fatigued|exhausted|weary|sleepy|drained|wiped",
            "no energy",
        ),
        frozenset({"of"}),
        source=f"{PRO_CTCAE} fatigue (mild)",
    ),
    SymptomRule(
        "nausea",
        ROUTINE,
        (
            "nausea|nauseous|nauseated|queasy",
            "feel|feeling * * sick|queasy|nauseous",
        ),
        source=f"{PRO_CTCAE} nausea (mild)",
    ),
    SymptomRule(
        "itch",
        ROUTINE,
        ("itch|itchy|itching|itchiness",),
        source=f"{PRO_CTCAE} itching",
    ),
    SymptomRule(
        "headache",
        ROUTINE,
        ("headache|headaches",),
        source=f"{PRO_CTCAE} headache (mild)",
    ),
    SymptomRule(
        "flushing",
        ROUTINE,
        ("flush|flushing|flushed|hive|hives",),
        source=f"{PRO_CTCAE} hives; {SEEDS} infusion reactions",
    ),
)

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

# State: words that, in a symptom's clause, say it is over or normal ("my
# breathing's fine today", "temperature normal this morning", "the rash has
# gone"). UKONS asks about the last 24 hours: an episode that is over is not a
# red flag. A negation right before the word ("not better") cancels it, and so
# does any of STATE_ONGOING in the clause ("better but still coughing blood").
STATE_CALM = frozenset(
    {
        "normally",
        "fine",
        "normal",
        "ok",
        "okay",
        "good",
        "better",
        "gone",
        "cleared",
        "settle",
        "settled",
        "resolve",
        "resolved",
        "stopped",
        "sorted",
        "lifting",
        "lifted",
        "over",
        "improve",
        "improved",
        "improving",
        "ease",
        "eased",
        "easing",
        "subside",
        "subsided",
        "vanish",
        "vanished",
        "disappear",
        "disappeared",
        "heal",
        "healed",
        "healing",
        "recover",
        "recovered",
        "away",
        "fade",
        "faded",
        "fading",
        "manageable",
        "normalise",
        "normalize",
        "less",
        "calmed",
        "clearing",
        "lessening",
        "lessened",
        "passed",
        "down",
        "going",
        "clear",
        "none",
        "nothing",
        "settling",
        "easing",
    }
)
# Words of bodily or emotional state, beyond the symptom vocabulary: a message
# with one of them, that neither layer is sure is calm, gets the safety check.
STATE_LEXICON = frozenset(
    {
        "feel",
        "feeling",
        "felt",
        "pain",
        "painful",
        "hurt",
        "hurts",
        "ache",
        "aching",
        "sore",
        "ill",
        "unwell",
        "sick",
        "poorly",
        "awful",
        "terrible",
        "dreadful",
        "horrible",
        "weird",
        "strange",
        "odd",
        "wrong",
        "worse",
        "scared",
        "frightened",
        "anxious",
        "panic",
        "panicking",
        "depressed",
        "hopeless",
        "numb",
        "swollen",
        "swelling",
        "lump",
        "bleed",
        "blood",
        "breath",
        "breathe",
        "chest",
        "heart",
        "head",
        "stomach",
        "tummy",
        "belly",
        "throat",
        "skin",
        "eye",
        "eyes",
        "leg",
        "legs",
        "arm",
        "arms",
        "face",
        "mouth",
        "neck",
        "body",
        "hot",
        "cold",
        "shaky",
        "faint",
        "tired",
        "weak",
        "dizzy",
        "sleepy",
        "drowsy",
        "confused",
        "upset",
        "crying",
        "cope",
        "coping",
        # A mind's state and the acts and means of self-harm (C-SSRS): evidence too.
        "die",
        "dying",
        "dead",
        "death",
        "kill",
        "suicide",
        "suicidal",
        "burden",
        "worthless",
        "pointless",
        "goodbye",
        "overdose",
        "pills",
        "tablets",
        "alive",
    }
)
# Left out on purpose: particles and everyday words that name no state in most
# messages ("dumb it down", "back home", "off to the clinic", "how bad", "a low
# dose"). A state told with them comes with a word above ("feeling low").
# The state words that can only mean "it is over", for a short comment after a
# symptom ("I had a fever in January, long gone").
STATE_RESOLVED = frozenset(
    {
        "normally",
        "gone",
        "cleared",
        "settled",
        "resolved",
        "stopped",
        "better",
        "vanished",
        "disappeared",
        "healed",
        "recovered",
        "over",
        "passed",
        "fine",
        "normal",
        "sorted",
    }
)
STATE_ONGOING = frozenset(
    {
        "still",
        "again",
        "worse",
        "worsen",
        "worsening",
        "keep",
        "keeps",
        "back",
        "return",
        "returned",
        "until",
        "till",
        "except",
        "yet",
        "otherwise",
        "apart",
        "besides",
        "aside",
    }
)
# A following clause that opens with one of these refers back to the symptom:
# "I had a fever on Monday, it's gone now".
BACK_REFERENCES = frozenset(
    {
        "it",
        "that",
        "this",
        "they",
        "which",
        "both",
        "all",
        "everything",
        "these",
        "those",
        "thing",
        "now",
        "but",
        "and",
        "none",
        "nothing",
        "back",
    }
)
# Remote past: an episode weeks or more ago that the patient reports in the past
# tense ("I had a fever last month") is history, not a red flag now.
REMOTE_UNITS = frozenset(
    {
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "yr",
        "yrs",
        "cycle",
        "cycles",
        "time",
        "round",
        "rounds",
        "course",
    }
)
PAST_TENSE = frozenset({"have", "be", "do"})  # lemmas of had / was / were / did
PAST_SURFACE = frozenset({"had", "was", "were", "did", "used"})

# Figures of speech with symptom words, masked before matching ("sick and
# tired of the forms", "it nearly gave me a heart attack"). Self-harm idioms
# need no entry: its patterns want a self-directed object (core/self_harm.py).
IDIOMS: Tuple[str, ...] = (
    r"sick (?:and|&|n) tired",
    r"sick to death",
    r"sick of\b",
    r"(?:will|would|'ll|gonna|going to) have (?:a fit|kittens|a heart attack)",
    r"(?:throw|threw|throwing|thrown) a fit\b",
    r"(?:have|had|having) a fit (?:about|over)\b",
    r"(?:give|gave|giving|have|had) (?:me |him |her )?a heart attack",
    r"heart(?:'s| is| was)? (?:skipped|skips|sank|sinks|stopped|in my mouth)",
    r"(?:killing|kills|killed) me",
    r"dying (?:to|for)\b",
    r"to die for",
    r"(?:bored|scared|worried|frightened|tired) to death",
    r"pain in the (?:neck|backside|bum|arse|ass)",
    r"breath of fresh air",
    r"(?:take|takes|took|taken|taking) (?:my|your|his|her|our) breath away",
    r"(?:hold|holding|held) (?:my|your|our) breath",
    r"under my breath",
    r"blood(?:y)? (?:hell|forms?|paperwork|nuisance|nightmare)",
    r"my blood (?:boil|boils|boiling)",
    r"fed up",
    r"head(?: is|'s)? spinning with",
    r"sick note",
    r"cold feet",
    r"feeling blue",
    r"out of the blue",
    r"blue badge",
    r"under the weather",
    r"doing my head in",
    r"bleeding (?:money|me dry)",
    r"(?:be|is) the death of (?:me|him|her)",
    r"(?:makes?|making|made) (?:me|him|her) want to (?:throw up|be sick|puke|scream|cry)",
    r"laugh(?:ed|ing)? my head off",
    r"cost an arm and a leg",
    r"break a leg",
    r"pain in the backside",
    r"dead on (?:my|his|her|their|our) feet",
    r"(?:drive|drives|driving|drove) (?:me|him|her) (?:up the wall|mad|crazy|round the bend)",
    # A body's reaction told as the measure of a feeling or a joke, not as a
    # symptom: bursting with pride, shaking with excitement, laughing so hard one
    # could not breathe, so happy one can't breathe, so bad one could throw up.
    r"(?:bursting|shaking|trembling|shivering|buzzing|glowing|crying|welling up|fit to burst) with "
    r"(?:pride|joy|happiness|excitement|delight|glee|laughter|anticipation|relief|love)",
    r"(?:laugh\w*|giggl\w*|crying with laughter) so (?:hard|much)\b.{0,40}?\b"
    r"(?:i|we|he|she|they) (?:could not|can not|couldn'?t|cannot|can'?t|could barely|nearly|almost) "
    r"(?:breathe|stop|stand|see)",
    r"(?:could not|can not|couldn'?t|cannot|can'?t) (?:breathe|stop shaking|stop crying)[,!. ]+"
    r"(?:i'?m|i am|im|we'?re|from|with|for) (?:so |just |really )?(?:happy|excited|relieved|proud|laughing|giddy|chuffed)",
    r"so (?:bad|gross|awful|disgusting|vile|revolting|cheesy|boring|sweet|strong|weak|rank) (?:that )?"
    r"(?:i|you|we) (?:could|would|might) (?:throw up|be sick|vomit|puke|cry|scream|die)",
)

_IDIOM_PATTERN = re.compile(r"\b(?:" + "|".join(IDIOMS) + r")", re.IGNORECASE)
# Sayings for being well again, read as "fine" ("right as rain today").
CALM_IDIOMS: Tuple[str, ...] = (
    r"(?:as )?right as rain",
    r"up and about",
    r"(?:as )?good as new",
    r"(?:as )?fit as a fiddle",
    r"back to (?:my|his|her|their|your) (?:old|usual|normal) self",
    r"back on (?:my|his|her|their) feet",
    r"sorted (?:itself|themselves) out",
    r"bright as a button",
    r"on the mend",
)
_CALM_IDIOM_PATTERN = re.compile(
    r"\b(?:" + "|".join(CALM_IDIOMS) + r")\b", re.IGNORECASE
)


def mask_idioms(text: str) -> str:
    """The text with idioms blanked out and sayings for "well again" read as
    "fine", same length (offsets stay valid)."""
    text = _CALM_IDIOM_PATTERN.sub(
        lambda m: "fine " + "~" * (len(m.group(0)) - 5), text
    )
    return _IDIOM_PATTERN.sub(lambda m: "~" * len(m.group(0)), text)


# Words in a sentence that make a symptom mention a report of now, not a question.
NOW_MARKERS = frozenset(
    {
        "now",
        "currently",
        "since",
        "today",
        "tonight",
        "yesterday",
        "morning",
        "evening",
        "afternoon",
        "overnight",
        "lately",
        "recently",
    }
)
# Words that make a mention hypothetical ("what if I get a rash?").
HYPOTHETICAL_MARKERS = frozenset(
    {
        "if",
        "suppose",
        "incase",
        "risk",
        "chance",
        "prevent",
        "avoid",
        "ever",
        "possible",
        "possibly",
        "likely",
        "common",
        "normal",
        "cause",
        "effect",
        "worry",
        "worried",
        "afraid",
        "scared",
        "concerned",
        "wonder",
        "wondering",
        "curious",
        "mean",
        "sign",
    }
)
# Words that open a supposition when they open the sentence ("say I got a rash").
SUPPOSITION_OPENERS = frozenset(
    {"say", "suppose", "supposing", "imagine", "hypothetically"}
)
# Second-hand: a symptom someone talked about ("the nurse said something about
# yellow eyes"), or one a person outside the patient's care had, told to ask
# whether it happens ("a man in the waiting room said he got chills, does that
# happen with it?"). Neither is a report of the patient's body now.
TOPIC_OF_TALK = re.compile(
    r"\b(?:said|says|say|told|tell|tells|mentioned|mention|talked|talking|talks|warned|"
    r"explained|went on|was on|read|reading)\b(?:\s+\S+){0,3}?\s+about\b",
    re.IGNORECASE,
)
OUTSIDE_PERSON = re.compile(
    r"\b(?:(?:a|my|one|this|some|another|other) (?:friend|mate|guy|man|woman|lady|bloke|girl|"
    r"neighbour|neighbor|colleague|patient|person|fella|chap|pal)s?|someone|somebody|people|"
    r"(?:a|the|my) (?:friend|neighbour|neighbor|colleague)'?s? \w+|(?:friends|mates|others))\b"
    r"(?:\s+\S+){0,8}?\s+(?:said|says|told|mentioned|reckons|had|got|gets|has)\b",
    re.IGNORECASE,
)
WHETHER_IT_HAPPENS = re.compile(
    r"\b(?:does|did|do|can|could|will|would|is|are)\s+(?:that|this|it|these|those)\s+"
    r"(?:happen|a thing|common|normal|usual|likely|mean|happens)|"
    r"\b(?:does|can|could|will|would)\s+(?:\w+\s+){0,2}(?:cause|do that|give you|make you)\b|"
    r"\b(?:is|are) (?:that|it|this) (?:a )?(?:thing|common|normal|usual)\b|"
    r"\bcan (?:u|you) explain\b|\bwhat (?:did|does) (?:she|he|they) mean\b",
    re.IGNORECASE,
)
# "I'm worried about ..." is a stance, not a report of a symptom.
STANCE_WORDS = frozenset(
    {
        "worry",
        "worried",
        "afraid",
        "scared",
        "concerned",
        "wonder",
        "wondering",
        "curious",
        "ask",
        "asking",
        "interested",
    }
)
QUESTION_OPENERS = frozenset(
    {
        "can",
        "could",
        "will",
        "would",
        "do",
        "does",
        "did",
        "is",
        "are",
        "should",
        "may",
        "might",
        "what",
        "how",
        "when",
        "why",
        "which",
        "who",
        "any",
    }
)
# Subjects that make a clause a report: the patient or a carer's person.
REPORT_SUBJECTS = frozenset({"i", "we", "he", "she", "they"} | set(_CARER.split("|")))
REPORT_VERBS = frozenset(
    {
        "have",
        "be",
        "feel",
        "get",
        "keep",
        "develop",
        "notice",
        "think",
        "seem",
        "look",
        "start",
        "will",
    }
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
    "bleeding": "coughing or vomiting blood, or bleeding that won't stop",
    "confusion": "sudden confusion",
    "neuro_emergency": (
        "a sudden, very severe headache, or a headache with a stiff neck and bright light hurting"
    ),
    "meningitis_signs": "a stiff neck, or not being able to touch your chin to your chest, "
    "with a fever or a headache",
    "neck_stiffness": "a stiff neck, or not being able to bend your neck forward",
    "non_blanching_rash": "a rash or spots that do not fade when you press a glass on them",
    "speech_loss": "words that suddenly won't come out",
    "high_sugar_signs": (
        "great thirst and passing much more urine than usual (with vomiting, "
        "tummy pain, fast breathing or drowsiness, call your local emergency "
        "number)"
    ),
    "back_pain": "new or worsening back pain",
    "cord_signs": "numbness in your legs, bottom or groin, or losing control of your bladder or bowels",
    "spinal_cord_compression": (
        "back pain with numb or weak legs, numbness around your bottom, or losing control of "
        "your bladder or bowels"
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
        "a blood sugar reading above 11 or below 4 mmol/L (above 200 or below 72 mg/dL); "
        "treat a low reading first, as you have been taught"
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
        "any increase in how often you open your bowels, diarrhoea, any blood in your stool, "
        "or stomach cramps"
    ),
    "cough_breathless": "a new cough, or getting out of breath doing things you normally can",
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
    "low_temperature": "a temperature below 36 °C (96.8 °F), or feeling cold and unwell",
    "no_urine": "passed no urine for many hours",
    "infusion_reaction": (
        "chills, flushing, rash or itching during or after an infusion (during "
        "it, tell your nurse at once)"
    ),
    "tiredness": "tiredness that stops you doing your usual daily activities",
    "nausea": "nausea that stops you eating or drinking, or vomiting",
    "itch": (
        "itching with a spreading, blistering or peeling rash (with sore eyes or mouth, "
        "call your local emergency number)"
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
    # Derived from two findings together (core/triage.py `_summarise`).
    "sepsis": EMERGENCY,
    "meningitis_signs": EMERGENCY,
    "spinal_cord_compression": EMERGENCY,
    # Readings: the level at the threshold WHEN_TO_CALL names (a worse value
    # may be an emergency; the symptom check reads the value itself).
    "blood_sugar": URGENT,
    "calcium": URGENT,
    "blood_pressure": URGENT,
}
