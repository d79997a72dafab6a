"""Symptom rules, first part: UKONS "call 999" presentations (emergency),
with the urgent rules that belong beside them."""

from typing import Tuple

from core.triage.levels import EMERGENCY, URGENT
from core.triage.symptom_rule import C_SSRS, PRO_CTCAE, SEEDS, UKONS, SymptomRule
from core.triage.words_rules import (
    AT_REST,
    BODY_SWELLING,
    BREATH,
    VOMIT,
)

EMERGENCY_RULES: Tuple[SymptomRule, ...] = (
    SymptomRule(
        "breathing",
        EMERGENCY,
        (
            "can not breathe|breath",
            "can not catch|get * breath",
            "unable to breathe",
            "not breathe|breathing",
            "trouble|difficulty|struggle|hard|problem|difficult|labour|labor * "
            "to? breathe|breathing|breath",
            "breathe|breathing * be? difficult|hard|laboured|labored|problem|bad|"
            "worse|poor",
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
        source=f"{UKONS} breathlessness: at rest or unable to complete sentences is "
        f"red (999); {PRO_CTCAE} shortness of breath",
        near=(
            f"{BREATH}|short + {AT_REST}",
            "not|barely|hardly|unable + talk|speak|sentence|word|words + breath|"
            "breathe|breathless|short|air",
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
            "chest|breastbone|sternum + pain|ache|aching|hurt|hurts|hurting|tight|"
            "tightness|pressure|heavy|heaviness|crush|crushing|squeeze|squeezing|"
            "elephant|band|burn|burning|stab|stabbing",
        ),
    ),
    SymptomRule(
        "severe_allergic_reaction",
        EMERGENCY,
        (
            f"swell|swollen|swelling|puffy of? * {BODY_SWELLING}",
            f"{BODY_SWELLING} * be? swell|swollen|swelling|puffy|puff",
            "throat * * * * be? close|closing|tight|tighten",
            "anaphylaxis|anaphylactic",
            "can not swallow",
            "lip|lips|face|tongue|eye|eyes * go|gone|went massive|huge|big|fat",
        ),
        source=f"{UKONS} infusion reaction with airway compromise (999); {SEEDS} "
        "infusion reactions",
        near=(
            f"{BODY_SWELLING} + swell|swollen|swelling|puffy|puff|balloon|"
            "ballooning|blow|blown|fat|big|huge",
            "throat|airway|windpipe + close|closing|closed|tight|tightening|"
            "narrow|shut|shutting|blocked",
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
            "not|barely|hardly|can + wake|rouse|respond|answer|conscious + he|she|"
            "him|her|mum|mom|dad|husband|wife|partner|they|them",
        ),
    ),
    SymptomRule(
        "seizure",
        EMERGENCY,
        (
            "seizure|seizures|convulsion|convulsions|convulse|convulsing|epileptic",
            # "fitting" as a verb ("he's fitting", "started fitting"), not the noun of
            # a wig or dress fitting.
            "=is|was|are|were|'s|keep|keeps|kept|start|started|starts|been|still|"
            "began|begun =fitting",
            "=fitting again|now|nonstop|constantly|badly",
            "have|had|having a =fit|fits",
        ),
        source=f"{UKONS} neurological change (999)",
        near=(
            "shake|shaking|jerk|jerking|twitch|twitching + uncontrollably|floor|"
            "whole|body|arms|legs + eye|eyes|foam|foaming|unconscious|roll|rolled",
            "=fit + happen|happened|had|having|start|started|jerk|jerking|shaking|"
            "floor|stiff",
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
        source=f"{UKONS} bleeding: severe haemorrhage (999); {PRO_CTCAE} vomiting, "
        "cough",
        near=(
            f"{VOMIT} + blood|bloody|clot|clots|red",
            "vomit|vomiting|vomited|sick|throw|threw|puke|puked + coffee|black|brown",
            "blood + everywhere|lot|lots|pool|cupful|cup|mouthful|pouring|gush|gushing",
        ),
    ),
    SymptomRule(
        "confusion",
        EMERGENCY,
        (
            "sudden|suddenly|very|really|so|become|get|seem|be confused|disorient|"
            "disoriented|confusion",
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
            "face|arm|hand|leg|mouth|smile + droop|drooping|dropped|drop|numb|"
            "weak|dead + one|side|suddenly|sudden",
            "face|smile|mouth + crooked|lopsided|wonky|uneven|droop|drooping|"
            "droopy|slipped|fallen",
            "word|words|speech + slur|slurred|slurring|wrong|muddled|jumbled|find",
            # Told by what the person cannot do: words that will not come out,
            # sight lost in one eye (NHS stroke and sudden loss of vision: 999).
            "see|sight|vision + not|lost|lose|losing|gone|blank|black + one|"
            "suddenly|sudden|eye",
            # Consciousness told by what the person cannot do (UKONS: drowsiness, 999),
            # seen by someone else: "I can't stay awake on the drip" is tiredness.
            "not|barely|hardly + stay|keep + awake|open + he|she|him|her|mum|mom|"
            "dad|husband|wife|partner|they|son|daughter",
            # NHS stroke: problems understanding what others say, come on suddenly.
            "sudden|suddenly + not|barely|hardly|unable + understand|"
            "understanding|follow|following + say|saying|said|talk|talking|speak|"
            "speaking|word|words",
            "muddle|muddled|sense + not|no|any|since",
            "side + numb|weak|droop|drooping|dropped|paralysed|paralyzed|dead|"
            "heavy + one|left|right|whole|body",
        ),
    ),
    SymptomRule(
        "speech_loss",
        EMERGENCY,
        (),
        frozenset({"of"}),  # not "a word out of the nurse"
        source="NHS stroke (999): speech problems, told as words that will not come "
        "out",
        near=("not|barely|hardly + word|words|sentence + out|come|coming|form",),
    ),
    SymptomRule(
        "high_sugar_signs",
        URGENT,
        (),
        source="NHS high blood sugar and high calcium: very thirsty and passing "
        "urine a lot",
        near=(
            "thirsty|thirst|parched + wee|weeing|pee|peeing|urinate|urinating|"
            "toilet|loo + constantly|loads|lot|always|time|night|often|nonstop",
        ),
    ),
    SymptomRule(
        "neuro_emergency",
        EMERGENCY,
        (
            "thunderclap|thunder clap",
            "worst headache * * * life",
        ),
        source=f"{UKONS} neurological change (999): sudden severe headache; NICE "
        "meningitis red flags (headache with neck stiffness and dislike of light)",
        near=(
            "stiff|stiffness + neck + light|lights|bright|glare|rash|fever|"
            "temperature|temp|vomit|vomiting",
            "headache|head + sudden|suddenly|instant|instantly|explode|exploded|"
            "exploding|hit + worst|severe|agony",
            # NHS meningitis: a stiff neck told by what the person cannot do
            # ("can't bend my neck forward", "can't touch my chin to my chest"),
            # with a fever or a headache.
            "neck|chin + bend|bending|move|moving|touch|turn|turning|tuck|lower|"
            "nod|forward|down|stiff|stiffness + "
            "headache|fever|temperature|temp|hot|burning|boiling|light|lights|"
            "rash|vomit|vomiting|38|39|40",
        ),
    ),
    SymptomRule(
        "acute_abdomen",
        EMERGENCY,
        ("rigid abdomen|belly|tummy|stomach",),
        source=f"{UKONS} abdominal pain (red); a rigid, board-like abdomen is "
        "peritonism (999)",
        near=(
            "abdomen|abdo|belly|tummy|stomach + rigid|board",
            "abdomen|abdo|belly|tummy|stomach + rock|brick|stone + hard",
        ),
    ),
    SymptomRule(
        "non_blanching_rash",
        EMERGENCY,
        ("non blanching|blanche|blanch rash|spots",),
        source="NHS meningitis and sepsis: a rash that does not fade under a pressed "
        "glass (999)",
        near=(
            "rash|spot|spots|blotch|blotches|mark|marks|dot|dots|bruise|bruises|"
            "purple + not + fade|disappear|go|vanish|blanch|change",
            "rash|spot|spots|blotch|blotches|mark|marks|dot|dots + glass|tumbler",
            "fade|disappear|vanish|blanch + press|pressed|pressing|glass|tumbler + not",
        ),
    ),
    SymptomRule(
        "severe_skin_reaction",
        EMERGENCY,
        (),
        source=f"{UKONS} rash (red); {SEEDS} immune-related skin reactions: skin loss "
        "with sore eyes or mouth is SJS/TEN (999)",
        near=(
            "skin + sheet|sheets|slough|sloughing|strip|strips",
            "skin + peel|peeling|blister|blistering|raw|coming + eye|eyes|mouth|"
            "lips|genitals",
        ),
    ),
    SymptomRule(
        "anaphylaxis_signs",
        EMERGENCY,
        (),
        source=f"{UKONS} infusion reaction with airway, breathing or circulation "
        f"problem (999); {SEEDS} infusion reactions",
        near=(
            "rash|hive|hives|itchy|itch|welts|flushed|flushing + lightheaded|"
            "faint|croaky|hoarse|wheezy|wheeze|wheezing",
        ),
    ),
    # Self-harm has its own detector (core/triage/self_harm.py); this entry gives the
    # category its level and its place in the table.
    SymptomRule("self_harm", EMERGENCY, (), source=f"{C_SSRS} screener"),
)
