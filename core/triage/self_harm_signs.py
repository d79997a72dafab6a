"""Self-harm wording beyond the constructs, as data.

Distress that may be about ending one's life, the contractions the text is
normalised with, the signs of negation, of a past episode, of a question, and
the warning-sign families (`core/triage/self_harm.py` reads them).
"""

import re
from typing import Tuple

# Distress that may be about ending one's life but does not say so: the bot
# asks gently and gives the crisis line (POSSIBLE), never an emergency alone.
POSSIBLE_CONSTRUCTS: Tuple[Tuple[str, str], ...] = (
    (
        "distress",
        r"\b(?:can not|could not)\s+(?:do|take|cope with|handle)\s+(?:this|"
        r"it)\s+(?:any ?more|much longer)\b",
    ),
    (
        "distress",
        r"\bwhat is the point\s*(?:any ?more|of (?:anything|it all|going on|"
        r"living|trying|fighting|carrying on)|[.?!]|$)",
    ),
    (
        "distress",
        r"\bwant(?:s|ing)?\s+(?:it|this|everything)\s+(?:all\s+)?to\s+(?:stop|end|"
        r"be over)\b",
    ),
    (
        "distress",
        r"\b(?:giving|give|gave|given)\s+up\s+(?:on\s+)?(?:life|living|everything|"
        r"myself)\b",
    ),
    (
        "distress",
        r"\b(?:no|lost all|lost|without any)\s+(?:hope|future)\s*(?:left|for me|"
        r"any ?more|[.?!]|$)",
    ),
    (
        "distress",
        r"\b(?:tired|sick|exhausted)\s+of\s+(?:fighting|everything|it all|being "
        r"here)\b",
    ),
    ("distress", r"\bi am done\s*(?:[.!]|$|with (?:everything|it all|life|fighting))"),
    (
        "distress",
        r"\b(?:put|putting|get|getting|got)\s+(?:my|his|her)\s+affairs\s+in\s+order\b",
    ),
    ("distress", r"\b(?:nothing|no one|nobody)\s+(?:left\s+)?to\s+live\s+for\b"),
    ("distress", r"\b(?:do not|stop)\s+worry(?:ing)?\s+about\s+me\s+any ?more\b"),
    ("distress", r"\bi\s+am\s+ready\s+(?:now|to go)\s*(?:[.!]|$)"),
    (
        "distress",
        r"\b(?:made|making|make)\s+(?:my\s+)?peace\s+with\s+(?:it|dying|"
        r"everything|the end)\b",
    ),
    (
        "distress",
        r"\b(?:nobody|no one|noone)\s+(?:needs|will need|"
        r"has)\s+to\s+worry\s+(?:about me\s+)?(?:after|any ?more|once|soon)\b",
    ),
)
CONTRACTIONS: Tuple[Tuple[str, str], ...] = (
    (r"\bcan'?t\b", "can not"),
    (r"\bcannot\b", "can not"),
    (r"\bwon'?t\b", "will not"),
    (r"\bcouldn'?t\b", "could not"),
    (r"\bdon'?t\b", "do not"),
    (r"\bdoesn'?t\b", "does not"),
    (r"\bdidn'?t\b", "did not"),
    (r"\bisn'?t\b", "is not"),
    (r"\bwasn'?t\b", "was not"),
    (r"\bhaven'?t\b", "have not"),
    (r"\bhasn'?t\b", "has not"),
    (r"\bhadn'?t\b", "had not"),
    (r"\bweren'?t\b", "were not"),
    (r"\baren'?t\b", "are not"),
    (r"\bwouldn'?t\b", "would not"),
    (r"\bi'?m\b", "i am"),
    (r"\bi'?d\b", "i would"),
    (r"\bi'?ve\b", "i have"),
    (r"\bi'?ll\b", "i will"),
    (r"\b(he|she|it|that|there|what|whats)'s\b", r"\1 is"),
    (r"\bwhats\b", "what is"),
    (r"\bthey'?d\b", "they would"),
    (r"\bthey'?re\b", "they are"),
    (r"\bu\b", "you"),
    (r"\bwanna\b", "want to"),
    (r"\bgonna\b", "going to"),
    (r"\bwud\b", "would"),
    (r"\bdont\b", "do not"),
    (r"\bdoesnt\b", "does not"),
    (r"\bcant\b", "can not"),
    (r"\bim\b", "i am"),
    (r"\bive\b", "i have"),
    (r"\bid\b(?=\s+(?:be|rather|like))", "i would"),
)
# A negation right before a match denies it: "I'm not suicidal", "never had
# thoughts of hurting myself", "no thoughts of self-harm".
NEGATION_BEFORE = re.compile(
    r"\b(?:not|no|never|nor|without|denies|deny|zero)\b(?:\s+(?:\S+)){0,4}\s*$"
)
GOES_ON = re.compile(
    r"\b(?:stop\w*|quit\w*|help|shake|escape|block\w*|get (?:rid|away)|switch off|"
    r"turn off)\b"
)
NEGATION_BLOCKERS = re.compile(
    r"\b(?:but|though|although|however|except|yet)\b|[,.;!?]"
)
# Signs that the episode is over and long past.
PAST = re.compile(
    r"\b(?:\d+|a few|few|several|many|some|two|three|four|five|ten)\s+(?:years?|"
    r"months?|yrs?)\s+ago\b"
    r"|\b(?:years|months|a long time|long time|ages)\s+(?:ago|back)\b"
    r"|\b(?:\d+|a|one|two|three|four|five|ten|a few|several|many)\s+(?:years?|"
    r"months?|yrs?)\s+(?:clean|free)\b"
    r"|\b(?:went|go|gone|been) through a (?:phase|period|spell|bad patch|bad time)\b"
    r"|\bwhen i was (?:younger|a teen\w*|a kid|a child|at school|in school|at uni|"
    r"in college|\d+|little)\b|\bas a (?:teen\w*|kid|child|student)\b"
    r"|\bin (?:my|his|her|their) (?:teens|twenties|thirties|forties|fifties|20s|"
    r"30s|40s|50s|youth)\b"
    r"|\bwhen (?:he|she|they) (?:was|were) (?:younger|a teen\w*|a kid|a child|at "
    r"school|in school|at uni|in college|\d+|little)\b"
    r"|\blast (?:year|summer|winter|spring|autumn)\b"
    r"|\bin the past\b|\bback in (?:19|20)\d\d\b|\bin (?:19|20)\d\d\b|\bused to\b|"
    r"\bonce,? long ago\b"
    r"|\bhistory of\b|\bpast (?:attempt|history)\b|\bprevious(?:ly)?\b"
)
# Signs that it is (again) current: any of these keeps the emergency reading.
STILL_CURRENT = re.compile(
    r"\b(?:again|lately|recently|these days|this week|today|tonight|right now|now i|"
    r"at the moment|currently|still|coming back|come back|came back|keep|keeps|since|"
    r"this morning|last night|yesterday|starting to|started to|want to|thinking about|"
    r"thinking of|plan|planning|going to|will)\b"
)
RECOVERED = re.compile(
    r"\b(?:(?:am|feel|feeling|doing|i am doing)\s+(?:much\s+|a lot\s+|so\s+|"
    r"really\s+)?(?:well|better|fine|good|ok|okay|great)"
    r"|(?:is|are|am|been)\s+(?:absolutely\s+|totally\s+|completely\s+|"
    r"perfectly\s+)?(?:fine|well|ok|okay|great|happy)"
    r"|not any ?more|no longer|recovered|got help|in a good place|over it|behind me"
    r"|thoughts (?:have |had )?(?:gone|passed|stopped|went away)"
    r"|(?:therapy|counselling|counseling|treatment|medication) helped|had "
    r"(?:therapy|counselling|counseling))\b"
)
# "Can it cause suicidal thoughts?": asked about, not reported.
QUESTION_ABOUT = re.compile(
    r"\b(?:cause|causes|side effects?|risk|linked|link|make you|make people|lead to|"
    r"increase|reported|warning|mood changes?)\b"
)
QUESTION_OPENING = re.compile(
    r"^\s*(?:can|could|does|do|is|are|will|would|might|may|what|how|should|has|have)\b"
)
# Warning signs in families (988 Lifeline, NIMH and Samaritans warning-sign
# lists; C-SSRS constructs). One family alone says little ("tablets",
# "tomorrow", "goodbye to the nurses"); signs from several families in one
# message are how indirect talk of suicide reads ("the kids will be fine
# without me, the insurance covers it, I've picked the date"). Strong families
# name death, burden, farewells or hopelessness; weak ones only carry a plan.
FAMILIES: Tuple[Tuple[str, bool, str], ...] = (
    (
        "finality",
        True,
        r"\b(?:i (?:will not|am not going to|would not) be (?:here|around)|i will "
        r"be gone|(?:once|when|after) i am gone|not wake up|"
        r"go to sleep (?:for good|forever|and not)|end (?:it|things|this|"
        r"everything)|finish (?:it|things)|(?:will not|does not|do not) matter|"
        r"for good|the end (?:of me|for me|is coming|is near)|(?:never|not|will "
        r"not) see (?:them|you|him|her|the \w+) again|"
        r"for the last time|stop (?:all )?this|where i am going|"
        r"(?:will not|would not|do not|not going to) (?:be )?need(?:ing)? (?:it|"
        r"them|this|that|these|those|anything|any of (?:it|this|them)) (?:any "
        r"?more|again|where|after)|"
        r"(?:will not|would not|not going to) (?:be )?need(?:ing)? (?:my|the|any) "
        r"\w+ (?:any ?more|again|where|after))\b",
    ),
    (
        "burden",
        True,
        r"\b(?:(?:a|such a|the) burden|better off|without me|fine without me|"
        r"problem for|worry about me any ?more|"
        r"look after \w+ (?:\w+ )?for me|life insurance|miss me|in the way)\b",
    ),
    (
        "farewell",
        True,
        r"\b(?:(?:said|say|saying) (?:my )?goodbyes?(?! to (?:the|my|our|his|her) "
        r"(?:\w+ )?(?:nurses?|team|staff|unit|ward|doctors?|house|hair))|"
        r"goodbye (?:to everyone|forever|for good)|this is goodbye|giving away|"
        r"gave away|given away|my affairs|"
        r"(?:made|make|wrote|write) (?:a |my )?(?:will|note)|switched (?:his|her|"
        r"my) phone off|made (?:my |his |her )?peace|"
        r"(?:given|gave|giving|give) (?:the|my|our|his|her) (?:dog|cat|pets?|"
        r"puppy|kitten|budgie|rabbit|horse) (?:away|to)|"
        r"(?:just )?(?:wanted|want|needed|need) (?:someone|somebody|anyone|you) "
        r"to know)\b",
    ),
    (
        "hopeless",
        True,
        r"\b(?:no point|pointless|hopeless|can not go on|can not carry on|nothing "
        r"left|give up|giving up|"
        r"what is the point(?! of (?:(?:the|a|an|this|that|these|those|taking|"
        r"having|doing|getting|my \w+ (?:test|scan|drip))\b|(?:any|more|extra|"
        r"another|other) (?!of\b)\w+))|no future|going to get me anyway|anyway so|"
        r"just want (?:it|this|everything) (?:all )?to (?:be over|end|stop))\b",
    ),
    (
        "means",
        True,
        r"\b(?:overdose|noose|gun|shotgun|stockpil\w*|put aside|saving up|saved "
        r"up|hoard\w*|"
        r"how (?:many|much)\b.{0,40}\b(?:would (?:it )?take|it takes|does it take|"
        r"to take to|would kill|kills? (?:you|a person|someone)|is (?:fatal|"
        r"lethal|deadly|too many|an overdose))|"
        r"(?:lethal|fatal|deadly) (?:dose|amount)|carbon monoxide|"
        r"(?:engine|motor) (?:running|on)\b.{0,40}\bgarage|"
        r"garage\b.{0,60}\b(?:engine|motor) (?:running|on))\b",
    ),
    # Self-injury that is going on or getting worse (NIMH, Anna Freud Centre
    # self-harm signs): strong, and an emergency beside a tool.
    (
        "self_injury",
        True,
        r"\b(?:deeper|too deep|can not stop (?:cutting|hurting|burning|scratching|"
        r"hitting)|"
        r"(?:do not|did not|does not) want to stop(?! (?:the|my|his|her|this|that|"
        r"it|treatment|\w+ing)\b))\b",
    ),
    # Places and tools that are everyday words too (a walk on the cliff path):
    # a sign only beside a strong family.
    (
        "places",
        False,
        r"\b(?:rope|knife|blade|razor|bridge|railway|train tracks|in front of "
        r"(?:a|the)|jump|cliff|rooftop|exhaust)\b",
    ),
    (
        "plan",
        False,
        r"\b(?:decided|made (?:my|his|her|up (?:my|his|her)) mind|mind up|picked|"
        r"chosen|worked out|sorted|ready|"
        r"tonight|tomorrow|soon|the date|know what i am doing|know where|would "
        r"take|enough|already)\b",
    ),
)
# "At the end of my rope" is an idiom of frustration, not a method.
FAMILY_IDIOMS = re.compile(r"\bend of (?:my|his|her|our|their) (?:rope|tether)\b")
# An injury told as an accident is not self-harm, whatever the tool.
ACCIDENT = re.compile(
    r"\b(?:accident\w*|by mistake|slipped|chopping|slicing|peeling|cooking|"
    r"shaving|gardening|"
    r"carving|opening (?:a|the) (?:tin|can|box|parcel|packet)|in the kitchen|diy)\b"
)
TEMPORARY_CARE = re.compile(
    r"\b(?:for (?:the|a) (?:weekend|week|day|night|few days|fortnight)|while "
    r"(?:we|i|they) (?:go|are|am)|"
    r"holiday|minding|looking after|pet ?sitt\w*|kennels?|cattery|until i am back|"
    r"till i am back)\b"
)
PET_GIVEN = re.compile(
    r"\b(?:given|gave|giving|give) (?:the|my|our|his|her) (?:dog|cat|pets?|puppy|"
    r"kitten|budgie|rabbit|horse) (?:away|to)\b"
)
