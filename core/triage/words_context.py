"""Words that set how a symptom mention reads, as data.

Negation cues and their reach, report subjects and verbs, question openers,
hypothetical and supposition markers, second-hand telling, and the cues that
turn a question into a report (`core/triage/context.py` reads them).
"""

import re

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
# A carer's person: what they report counts as the patient's own.
CARER_WORDS = (
    "husband|wife|partner|mum|mom|mother|dad|father|son|daughter|brother|sister|"
    "friend|patient|grandmother|grandfather|grandma|grandpa|nan|child|baby"
)
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
    r"\b(?:(?:a|my|one|this|some|another|other) (?:friend|mate|guy|man|woman|lady|"
    r"bloke|girl|neighbour|neighbor|colleague|patient|person|fella|chap|pal)s?|someone|"
    r"somebody|people|"
    r"(?:a|the|my) (?:friend|neighbour|neighbor|colleague)'?s? \w+|(?:friends|"
    r"mates|others))\b"
    r"(?:\s+\S+){0,8}?\s+(?:said|says|told|mentioned|reckons|had|got|gets|has)\b",
    re.IGNORECASE,
)
WHETHER_IT_HAPPENS = re.compile(
    r"\b(?:does|did|do|can|could|will|would|is|are)\s+(?:that|this|it|these|those)\s+"
    r"(?:happen|a thing|common|normal|usual|likely|mean|happens)|"
    r"\b(?:does|can|could|will|would)\s+(?:\w+\s+){0,2}(?:cause|do that|give you|"
    r"make you)\b|\b(?:is|are) (?:that|it|this) (?:a )?(?:thing|common|normal|usual)\b|"
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
REPORT_SUBJECTS = frozenset(
    {"i", "we", "he", "she", "they"} | set(CARER_WORDS.split("|"))
)
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
# Words of the patient's own ("I", "my", "we"), as a pattern and as a set.
FIRST_PERSON_PATTERN = re.compile(r"\b(?:i|i'm|im|we|me|my|our|us)\b", re.IGNORECASE)
FIRST_PERSON = frozenset({"i", "me", "my", "we", "our", "us", "im", "i'm"})
# People in general: a state word said of them is not the patient's.
OTHER_PEOPLE = frozenset(
    {
        "people",
        "others",
        "anyone",
        "anybody",
        "everyone",
        "everybody",
        "patients",
        "folk",
        "folks",
        "someone",
        "somebody",
    }
)
# After a question opener these make a report: "can't breathe", "can hardly breathe".
REPORT_ADVERBS = frozenset(
    {"not", "hardly", "barely", "only", "still", "just", "really", "now"}
)
COMPARATIVES = frozenset(
    {"than", "above", "below", "beyond", "my", "your", "his", "her", "usual", "of"}
)  # "more than normal", "on top of normal"
# "Is diarrhoea a side effect? I've been going 9 times a day": a question about a
# symptom plus a report of now elsewhere in the message is a report.
REPORT_CUES = re.compile(
    r"\b(?:mine(?:'s| is| are)?|i(?:'ve| have) got (?:it|them|one)|i have (?:it|them)|"
    r"(?:right )?now|today|tonight|at the moment|currently|this morning|since|"
    r"i(?:'ve| have) (?:been|had)|ive (?:been|had)|all day|all night|"
    r"he(?:'s| has) (?:been|had)|she(?:'s| has) (?:been|had))\b",
    re.IGNORECASE,
)
# Words that make a number in the sentence a temperature ("temp 38").
TEMPERATURE_WORDS = frozenset(
    {
        "temp",
        "temperature",
        "fever",
        "thermometer",
        "temps",
        "feverish",
        "hot",
        "febrile",
    }
)
