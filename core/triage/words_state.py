"""Words that say whether a symptom is over, goes on, or is long past, as data.

`core/triage/timing.py` reads them.
"""

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
BACK_IN_TIME = frozenset(
    {"to", "in", "when", "then", "at", "on", "during", "before", "down"}
)  # "back to normal", "gone back down"
# Words of coming back: denied, they say an episode is over.
RECURRENCE_WORDS = frozenset({"again", "back", "return", "returned", "returning"})
RECUR_VERBS = frozenset(
    {
        "happen",
        "happened",
        "recur",
        "recurred",
        "return",
        "returned",
        "repeat",
        "repeated",
    }
)
CHANGE_VERBS = frozenset(
    {"go", "gone", "went", "going", "come", "came", "coming", "settle", "die", "died"}
)
CHANGE_GERUNDS = frozenset({"getting", "feeling", "becoming", "growing"})
AWAY_VERBS = frozenset({"go", "gone", "went", "going", "die", "died", "fade", "faded"})
NONE_FOLLOWERS = frozenset(
    {"since", "now", "today", "anymore", "more", "at", "for", "this"}
)
GONE_FOLLOWERS = frozenset(
    {
        "now",
        "away",
        "completely",
        "entirely",
        "today",
        "since",
        "again",
        "for",
        "by",
        "after",
        "within",
        "overnight",
        "down",
        "thank",
        "thankfully",
        "and",
        "but",
        "so",
        ".",
        "back",
    }
)
PASSED_OBJECTS = frozenset(
    {
        "out",
        "any",
        "urine",
        "water",
        "blood",
        "clots",
        "clot",
        "stool",
        "stools",
        "wind",
    }
)
# Earlier days and past-tense verbs beside `PAST_SURFACE`: an episode told as over.
LAST_TIMES = frozenset(
    {"night", "evening", "week", "weekend", "month", "cycle", "time"}
)
PAST_WORDS = frozenset(
    {
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "weekend",
        "went",
        "felt",
        "got",
    }
)
