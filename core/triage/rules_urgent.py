"""Symptom rules, second part: UKONS red and amber (urgent and routine)."""

from typing import Tuple

from core.triage.levels import EMERGENCY, ROUTINE, URGENT
from core.triage.symptom_rule import PRO_CTCAE, SEEDS, UKONS, SymptomRule
from core.triage.words_rules import (
    STOOL,
)

URGENT_RULES: Tuple[SymptomRule, ...] = (
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
            "temperature|temp|thermometer + high|up|raised|spike|spiking|spiked|"
            "rising|rise|climb|climbing",
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
            "shake|shaking|shiver|shivering|tremble|trembling uncontrollably|"
            "violently|nonstop",
            "uncontrollable|uncontrolled|violent|extreme|severe|constant shake|"
            "shaking|shiver|shivering|shivers|shakes|rigor|rigors|chills",
            "mottled|blotchy|marbled skin|leg|legs|knee|knees",
            "skin * be? mottled|blotchy|marbled",
            "feel|feeling like * be? die|dying",
            "feel|feeling * be? going to die",
        ),
        source="UK Sepsis Trust red flags (999: 'I feel like I might die'); NICE NG51 "
        "sepsis high-risk criteria",
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
        near=(f"{STOOL} + blood|bloody|black|tar|tarry|maroon|red",),
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
        source=f"{UKONS} diarrhoea (any increase on immunotherapy is amber, 7+ a day "
        f"red); {SEEDS} immune-related colitis; {PRO_CTCAE} diarrhea, abdominal pain",
        near=(
            f"{STOOL}|go|going|gone|run|running|rush|rushing + loose|watery|runny|"
            "liquid|water|toilet|loo|bathroom + times|x|time|day|night|hour|"
            "hours|hrs|today|constantly|nonstop",
            "bowel|bowels|loo|toilet|poo|poos|stool|stools + watery|water|liquid|"
            "runny|loose|crazy|explosive|urgent|urgency|accident|accidents",
            "watery|runny|liquid + ones|times|today|day",
            # "pooing 6 or 7 times a day": a count of bowel movements in a day (UKONS).
            "poo|pooing|pooed|poos|stool|stools|toilet|loo + times + day|today|"
            "daily|night",
            "stomach|tummy|belly|abdomen|abdominal|gut + agony|severe|terrible|"
            "awful|excruciating|unbearable|bad|worst|doubled",
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
        source=f"{PRO_CTCAE} rash, mouth/throat sores; {UKONS} rash, mucositis "
        "(amber/red)",
        near=(
            "mouth|gum|gums|tongue|throat|cheek|cheeks + sore|sores|ulcer|ulcers|"
            "raw|blister|blisters",
            "skin + peel|peeling|blister|blistering|raw|weeping|sloughing|coming|"
            "falling",
        ),
    ),
    SymptomRule(
        "headache_vision",
        URGENT,
        (
            "severe|bad|terrible|worst|awful|unbearable|really|very|pounding|"
            "splitting|thumping|banging|massive|blinding|crushing headache|migraine",
            "blurred|blurry|double|blur|losing vision|sight",
            "see|seeing double",
            "vision * change|blurry|blurred|go|problem|loss",
            "can not see properly|clearly|well",
        ),
        source=f"{PRO_CTCAE} headache, blurred vision; {UKONS} neurology (red)",
        near=(
            "vision|sight|eyesight|eye|eyes|see + blur|blurry|blurred|double|"
            "fuzzy|dim|dark|lost|flash|flashes|spot|spots|wavy|strange|funny|weird|odd",
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
            "neck|chin + bend|bending|move|moving|touch|turn|turning|tuck|lower|"
            "nod|forward|forwards|down + "
            "not|barely|hardly|stiff|rigid|agony|hurts|painful|yell|yelling|"
            "scream|screaming|cry|crying",
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
        source=f"{PRO_CTCAE} dizziness, palpitations, fatigue (severe), numbness; "
        f"{UKONS} (amber/red); "
        "NHS palpitations (a heartbeat that pounds, flutters, thumps or skips)",
        near=(
            "weak|weakness|wobbly + not|barely|hardly + stand|walk|move|lift|get up",
            # New altered feeling or power in the legs (NICE NG234 spinal cord
            # compression: limb weakness, sensory change, unsteady walking).
            "leg|legs|foot|feet + weird|strange|funny|odd|heavy|numb|dead|wobbly|"
            "unsteady|buckle|buckling|buckled|belong",
            "heart|heartbeat|pulse|chest + race|racing|raced|pound|pounding|thump|"
            "thumping|hammer|"
            "hammering|bang|banging|flutter|fluttering|flutters|fluttery|"
            "irregular|erratic|missing|skip|skipping",
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
        source=f"{UKONS} vomiting (2-5 a day amber, 6+ red) and oral intake; "
        f"{PRO_CTCAE} vomiting",
        # A count of episodes makes "sick" vomiting: "sick 3 times", "threw up
        # four times".
        near=(
            "sick|vomit|vomited|throw|threw|puke|puked|retch|retched + 2|3|4|5|6|"
            "7|8|9|10|two|three|"
            "four|five|six|seven|eight|nine|ten|several|multiple|few + time|times|x",
            "not|unable + keep|hold + down|water|fluid|fluids|liquid|liquids|food|"
            "anything",
            # UKONS oral intake: refusing or barely drinking, or unable to swallow.
            "drink|drinks|drinking|fluid|fluids + refuse|refusing|refused|barely|"
            "hardly|face|sip|sips",
            "not|unable|barely|hardly + swallow|swallowing + water|fluid|fluids|"
            "liquid|liquids|drink|drinks|anything",
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
        source="NICE NG234 spinal metastases and spinal cord compression: new back "
        "pain in cancer; "
        f"{UKONS} (amber)",
        near=(
            "back|spine + hurt|hurts|hurting|agony|killing|pain|painful|ache|aching",
        ),
    ),
    SymptomRule(
        "cord_signs",
        EMERGENCY,
        (
            "numb|numbness * waist|bottom|bum|buttock|buttocks|groin|saddle|thigh|"
            "thighs",
            "waist down",
            "not feel * leg|legs|foot|feet|bottom|bum",
            "lose|lost|losing control * bladder|bowel|bowels|wee|pee|poo",
            "not control * bladder|bowel|bowels|wee|pee|poo",
        ),
        source="NICE NG234 spinal cord compression and cauda equina: numbness in the "
        "saddle area or legs, loss of bladder or bowel control (999)",
    ),
    SymptomRule(
        "severe_pain",
        URGENT,
        (
            "severe|agonising|agonizing|excruciating|unbearable|terrible|"
            "crippling|worst pain|ache|aches",
            "pain|ache * severe|agonising|unbearable|excruciating",
            "doubled up|over * pain",
        ),
        source=f"{UKONS} pain: severe or not controlled by painkillers (red)",
        near=(
            "pain|ache|abdo|abdomen|belly|tummy|stomach|back|side|ribs + severe|"
            "agony|agonising|excruciating|unbearable|crippling|doubled",
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
            "pee|peeing|wee|weeing|weed|urine|urinate|urinating|water + barely|"
            "hardly|less|little|tiny|trickle|dribble|only|not|nothing",
        ),
    ),
    SymptomRule(
        "limb_swelling",
        URGENT,
        (),
        source=f"{PRO_CTCAE} swelling (arms or legs); {UKONS} new swelling (amber); "
        f"{SEEDS} immune-related heart and kidney effects",
        near=(
            "leg|legs|ankle|ankles|foot|feet|calf|calves|arm|arms + swollen|"
            "swelling|swell|puffy|puff|balloon|ballooned|fat",
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
