"""A high-recall detector for thoughts of suicide and self-harm.

Pure module: regular expressions, no spaCy, no Rasa. It runs before the symptom
rules on every message (`core/triage.py`) and is deliberately broad: when a
message could be about wanting to die or to hurt oneself, it is read that way.

Vocabulary: the constructs of the Columbia Suicide Severity Rating Scale
(C-SSRS) screener, each written as our own patterns over lay wording:

* wish to be dead (passive ideation), including "not wanting to wake up";
* active thoughts of killing oneself, including slang;
* method, intent and plan; preparatory behaviour (saving up pills, notes,
  giving things away);
* self-injury (cutting, burning, hitting oneself);
* perceived burdensomeness ("they'd be better off without me"), an
  interpersonal-theory risk factor that C-SSRS-trained screeners ask about.

How a match is read:

* negated ("I'm not suicidal", "never thought of hurting myself") -> no finding;
* a question about the medicine ("can it cause suicidal thoughts?") -> `asked`,
  answered with the crisis line, not an emergency;
* clearly past and resolved ("years ago I cut myself, I'm well now") with no
  sign it is back -> `history`: a gentle reply that offers the crisis line;
* distress that may be about ending one's life without saying so ("I can't do
  this any more", "what's the point") -> `possible`: the bot asks gently and
  gives the crisis line;
* anything else -> `current`: the emergency reply with a crisis line. When
  unsure between the two, this is the reading.

Idioms ("this fatigue is killing me", "dying to know") match none of the
patterns, because each needs a self-directed object or a wish about one's life.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Pattern, Tuple

CURRENT = "current"
HISTORY = "history"
ASKED = "asked"
POSSIBLE = (
    "possible"  # may be about ending one's life: ask gently, give the crisis line
)

_SELF = r"(?:my ?self|me ?self|himself|herself|themselves|themself|ourselves)"
_PILLS = (
    r"(?:pills?|tablets?|meds|medicines?|medications?|painkillers?|morphine|"
    r"oxy\w*|sleeping pills?|insulin|paracetamol|tylenol|opioids?|drugs)"
)
_BE_GONE = r"(?:dead|gone|not here|not alive|never born|not around|not be here|away from it all)"

# (construct, pattern). Text is lower-cased with apostrophes and contractions
# normalised first (see `_normalise`).
_CONSTRUCTS: Tuple[Tuple[str, str], ...] = (
    # C-SSRS 1: wish to be dead.
    (
        "wish_dead",
        rf"\bwish(?:es|ed|ing)?\s+(?:i|he|she|they)\s+(?:was|were|could be|would be|had been|be|could|would)?\s*{_BE_GONE}",
    ),
    (
        "wish_dead",
        r"\bwish(?:es|ed|ing)?\s+(?:i|he|she|they)\s+(?:could|would)?\s*(?:just\s+)?(?:die|disappear|not wake up|never wake up|go to sleep forever)",
    ),
    (
        "wish_dead",
        r"\bwant(?:s|ed|ing)?\s+(?:to\s+)?(?:just\s+)?(?:die|be dead|disappear forever|not exist|stop existing)\b",
    ),
    (
        "wish_dead",
        r"\b(?:do not|does not|did not|not|no longer|never)\s+want(?:s|ing)?\s+to\s+(?:live|be alive|be here|wake up|exist|go on|carry on|keep going|keep living|be around)\b",
    ),
    ("wish_dead", r"\b(?:rather|better off)\s+(?:be\s+)?dead\b"),
    ("wish_dead", r"\b(?:sleep|go to sleep)\b(?:\s+\S+){0,3}\s+(?:never|not)\s+wake\b"),
    (
        "wish_dead",
        r"\bhope\s+(?:i|he|she)\s+(?:do not|does not|never|will not)\s+wake\b",
    ),
    (
        "wish_dead",
        r"\b(?:no|not any|not much|what is the)\s+(?:point|reason|use)\s+(?:in\s+|of\s+|to\s+)?(?:living|going on|being alive|carrying on|being here|live|go on|life)\b",
    ),
    (
        "wish_dead",
        r"\b(?:tired|sick|done)\s+(?:of|with)\s+(?:living|being alive|life|existing)\b",
    ),
    ("wish_dead", r"\blife\s+(?:is not|is no longer|not)\s+worth\b"),
    (
        "wish_dead",
        r"\b(?:can not|could not)\s+(?:go on|carry on|keep going|take (?:it|this|any more|anymore))\b(?!\s+(?:the|that|this|with the|medicine|drug|tablet|pill))",
    ),
    ("wish_dead", r"\b(?:ready|want|wanting|waiting)\s+to\s+(?:die|go)\s+now\b"),
    ("wish_dead", r"\b(?:to|and|i|just)\s+(?:not|never)\s+wake\s+up\b"),
    ("wish_dead", r"\bdisappear\s+(?:permanently|forever|for good|for ever)\b"),
    (
        "wish_dead",
        r"\b(?:kinder|better|easier)\s+(?:for everyone\s+)?if\s+(?:i|he|she)\s+(?:just\s+)?(?:was not|were not|was gone|were gone|did not exist|died|was dead)\b",
    ),
    (
        "plan",
        r"\bhow many\b(?:\s+\S+){0,8}?\s+(?:would it take|does it take|to (?:die|overdose|not wake|end it))\b",
    ),
    (
        "plan",
        r"\b(?:took|taken|swallowed|taking|take)\s+(?:extra|all|lots of|loads of|a handful of|too many|a bunch of|a load of|the whole)\s+(?:\S+\s+)?(?:pills|tablets|meds|painkillers)\b(?=.{0,40}\b(?:go away|end|die|stop|sleep forever|not wake|disappear)\b)",
    ),
    (
        "wish_dead",
        r"\b(?:wish|hope|want|wants|let|pray)\b(?:\s+\S+){0,9}?\s+(?:finish|finishes)\s+(?:me|him|her)\s+off\b",
    ),
    (
        "wish_dead",
        r"\bwant(?:s)?\s+(?:it|everything|this)\s+(?:all\s+)?to\s+(?:end|stop)\s+(?:for good|forever|permanently)\b",
    ),
    # C-SSRS 2: non-specific active suicidal thoughts.
    ("suicidal", r"\bsuicid\w*"),
    (
        "suicidal",
        rf"\b(?:kill|killing|killed|kil|hurt|hurting|harm|harming|end|ending|off|offing|top|topping)\s+{_SELF}",
    ),
    (
        "suicidal",
        r"\b(?:end|ending|ended|take|taking|took)\s+(?:my|his|her|their)\s+(?:own\s+)?life\b",
    ),
    (
        "suicidal",
        r"\b(?:end|ending)\s+it\s+all\b|\bend\s+it\s+(?:now|tonight|soon)\b|\bending\s+things\b|\bend\s+things\b",
    ),
    ("suicidal", r"\bunaliv\w*|\bkms\b"),
    # C-SSRS 1-2 asked as "thoughts of ...": ending it, dying, not being here.
    (
        "suicidal",
        r"\b(?:thought|thoughts|thinking|think|thinks)\s+(?:about|of)\s+(?:ending\s+(?:it|things|everything)|dying|not\s+(?:being\s+(?:here|around|alive)|waking\s+up))\b",
    ),
    (
        "suicidal",
        r"\bnot\s+(?:be\s+)?(?:around|here)\s+(?:much\s+longer|anymore|any more|for much longer)\b",
    ),
    # C-SSRS 3-5: method, intent, plan.
    ("plan", r"\boverdos\w*|\bover dose\b|\bod(?:ed|d|ing)?\s+on\b"),
    (
        "plan",
        r"\b(?:take|swallow|taking|swallowing)\s+(?:them|it|these|those|all|every\w*)\s+(?:all\s+)?(?:at once|together|in one go)\b",
    ),
    (
        "plan",
        r"\b(?:take|swallow|taking|swallowing)\s+them\s+all\b(?!\s+(?:with|before|after|as|in|at the same|every|each|on|the same))",
    ),
    (
        "plan",
        rf"\b(?:take|swallow|taking|swallowing)\s+(?:all|the whole|a whole|every)\s+(?:of\s+)?(?:my\s+|the\s+|his\s+|her\s+)?(?:bottle|box|pack|packet|{_PILLS})\b(?!\s+(?:with|before|after|as prescribed|in the|at the same))",
    ),
    # C-SSRS actual attempt: a whole container already swallowed ("I've just
    # swallowed a whole box of paracetamol"); a container, not "all my pills today".
    (
        "plan",
        r"\b(?:took|taken|swallowed|downed|necked)\s+(?:a|the|an)\s+(?:whole|entire|full)\s+(?:bottle|box|pack|packet|tub|strip|jar|blister)\b",
    ),
    (
        "plan",
        r"\b(?:hang|hanging|shoot|shooting|drown|drowning|gas|gassing)\s+(?:my ?self|himself|herself)\b",
    ),
    (
        "plan",
        r"\bjump(?:ing|ed)?\s+(?:off|from|in front of)\b|\bin front of\s+(?:a|the)\s+(?:train|bus|car|lorry|truck)\b|\bstep\s+in front of\b",
    ),
    ("plan", r"\bnoose\b"),
    (
        "plan",
        r"\b(?:drive|driving|drove|crash|crashing|steer|steering)\s+(?:my|the|his|her)?\s*(?:car|van)\s+(?:into|off)\b",
    ),
    # C-SSRS 6: preparatory behaviour.
    (
        "preparation",
        rf"\b(?:sav\w*|stockpil\w*|hoard\w*|collect\w*|stash\w*|keep\w*\s+back|hid\w*|put\w*\s+aside|build\w*\s+up)\b(?:\s+up)?(?:\s+\S+){{0,3}}\s+{_PILLS}",
    ),
    (
        "preparation",
        rf"\b{_PILLS}\s+(?:\S+\s+){{0,3}}(?:saved|stockpiled|hoarded|stashed|hidden|put aside)\b",
    ),
    (
        "preparation",
        r"\b(?:wrote|written|writing|write|left|leave)\s+(?:a\s+|my\s+|the\s+)?(?:suicide|goodbye|farewell|last)\s+(?:note|letter|message)s?\b",
    ),
    (
        "preparation",
        r"\b(?:giving|gave|give)\s+(?:away\s+)?(?:all\s+)?(?:my|his|her)\s+(?:things|stuff|belongings|possessions)\s*(?:away)?\b",
    ),
    (
        "preparation",
        r"\b(?:say|said|saying)\s+(?:my\s+)?goodbyes?\s+(?:to\s+)?(?:everyone|everybody|my family|all)\b",
    ),
    # C-SSRS behaviour: self-injury.
    (
        "self_injury",
        rf"\b(?:cut|cuts|cutting|burn|burns|burnt|burned|burning|hit|hits|hitting|punch\w*|scratch\w*|stab\w*|starv\w*|bang\w*|slash\w*)\s+{_SELF}",
    ),
    (
        "self_injury",
        r"\b(?:cut|cuts|cutting|slash\w*|burn\w*|scratch\w*)\s+(?:my|his|her|their)\s+(?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|body)\b",
    ),
    ("self_injury", r"\bself[\s-]*(?:harm\w*|injur\w*|mutilat\w*|destruct\w*)"),
    # Self-injury told as a habit or a period, with no object ("a phase of
    # cutting in her teens", "started cutting again").
    (
        "self_injury",
        r"\b(?:phase|period|spell|bout|history|habit|years|time)\s+of\s+(?:cutting|burning)\b|"
        r"\b(?:started|start|stopped|stop|quit|back to)\s+(?:cutting|burning)\b(?!\s+(?:down|back|out|up|off|the|a|it|my hair|his hair|her hair)\b)",
    ),
    # Perceived burdensomeness.
    (
        "burden",
        r"\bbetter off\s+(?:without\s+(?:me|him|her|them)|if\s+(?:i|he|she)\s+(?:was|were|was not|were not|am not|is not|died|disappeared|were gone|was gone|were dead|was dead|did not wake))",
    ),
    ("burden", r"\b(?:no one|nobody|noone)\s+would\s+(?:miss|care|notice)\b"),
    (
        "burden",
        r"\b(?:i am|i feel|i feel like|i am just|he is|she is|feel like|just)\s+(?:such\s+|a\s+|an\s+)*(?:burden|waste of space|weight on)\b",
    ),
    (
        "burden",
        r"\bburden\s+(?:to|on|for)\s+(?:everyone|everybody|my|his|her|them|the family|all)\b",
    ),
    (
        "burden",
        r"\b(?:will not|would not|not going to|no longer)\s+be\s+a\s+burden\s+(?:on|to|for)\s+\w+\s+(?:much longer|for long|soon|any ?more)\b",
    ),
    (
        "burden",
        r"\b(?:everyone|everybody|they|my family|the kids|my kids|he|she)\s+(?:would|will)\s+(?:all\s+)?be\s+(?:better|happier|fine|easier)\s+(?:off\s+)?(?:without me|when i am gone|once i am gone|if i was gone)\b",
    ),
    # Finality and escape, told without a word for death (988 Lifeline and
    # Samaritans warning signs: talk of not being around, of a way out).
    (
        "finality",
        rf"\b(?:finish|end)\s+(?:it|things|everything|it all)\s+(?:{_SELF}|on my own terms|before (?:it|the cancer|cancer|this) does)\b",
    ),
    (
        "finality",
        r"\b(?:might|may)\s+as\s+well\s+(?:just\s+)?(?:end it|end things|end it all|be dead|die|not be here)\b",
    ),
    (
        "finality",
        r"\bnot\s+(?:sticking|staying|hanging|going to stick|going to stay|going to hang)\s+around\b(?!\s+(?:for|to|at|in|after|until|till|while)\b)",
    ),
    # First person only: "dad won't be around by christmas, the doctors said" is a prognosis.
    (
        "finality",
        r"\bi\s+(?:will not|would not|am not going to)\s+be\s+(?:here|around)\s+(?:much longer|for long|for much longer|by|when|after|to see|next|any ?more)\b",
    ),
    (
        "finality",
        r"\b(?:take|taking|took|find|found|see)\s+(?:the|a|my)\s+(?:easy|only|quick)\s+way\s+out\b",
    ),
    # C-SSRS 4-5: intent with a method or a time decided.
    (
        "plan",
        r"\b(?:decided|worked out|figured out|planned|chosen|chose|picked)\s+(?:exactly\s+)?(?:how|when|where)(?:\s+(?:i will|i am going to|i would|to)\s+(?:do it|go|end it))?\s*(?:[.,!?;]|$|and\b)",
    ),
    ("plan", r"\band\s+i\s+have\s+(?:chosen|decided|picked)\s*(?:[.!]|$)"),
    # Looking up means (C-SSRS preparatory behaviour).
    ("plan", r"\b(?:lethal|fatal|deadly)\s+(?:dose|amount|overdose|quantity|number)\b"),
    (
        "plan",
        r"\b(?:look|looking|looked|search|searching|searched|googl\w*|research\w*|read\w*)\s+(?:up\s+)?(?:\S+\s+){0,5}(?:how to (?:die|end it)|ways to die|what would kill)\b",
    ),
    (
        "plan",
        r"\b(?:painless|quickest|easiest|quick|best)\s+way\s+to\s+(?:die|go|end it|end things)\b",
    ),
    (
        "plan",
        r"\bhow\s+(?:much|many)\b(?:\s+\S+){0,6}\s+(?:would|to|will|could)\s+(?:kill|be fatal|be lethal)\b",
    ),
    # Goodbyes and giving things away (preparatory behaviour).
    (
        "preparation",
        r"\b(?:this is|consider this|this is my)\s+goodbye\b|\bgoodbye\s+(?:forever|for good)\b|\b(?:last|final)\s+goodbyes?\b",
    ),
    (
        "preparation",
        r"\b(?:giving|given|gave|give)\s+(?:away\s+)?(?:all\s+)?(?:my|his|her)\s+(?:\w+\s+){0,2}(?:things|stuff|belongings|possessions|jewellery|jewelry|records|collection|savings)\s+away\b",
    ),
    # Giving one's own things away, whatever they are ("gave away my books and my guitar").
    (
        "preparation",
        r"\b(?:giving|given|gave|give|gives)\s+away\s+(?:all\s+)?(?:of\s+)?(?:my|his|her)\b",
    ),
    # Burden: ending being a problem for others (Samaritans: "I'm a burden").
    (
        "burden",
        r"\b(?:stop|end|quit)\s+being\s+a\s+(?:problem|burden|nuisance|bother|drain|weight)\b(?:\s+(?:for|to|on)\s+(?:everyone|everybody|anyone|them|you|my \w+))?",
    ),
    # An act already done: a supply of tablets taken at once (C-SSRS actual attempt).
    (
        "plan",
        rf"\b(?:took|taken|swallowed|necked|downed)\s+all\s+(?:of\s+)?(?:my|the|his|her)\s+(?:\w+\s+)?{_PILLS}\b(?!\s+(?:today|this morning|tonight|as|like|on time|with|for the|every|each|at breakfast|at lunch|at dinner|at night|before|after))",
    ),
    # Means dwelt on: a place to jump or a line to step onto (C-SSRS method).
    (
        "plan",
        r"\b(?:railway|rail line|railway line|train tracks?|train line|level crossing|bridge|cliff|cliffs|multi storey|multi-storey|rooftop|roof)\b(?:\s+\S+){0,12}?\s+(?:how easy|how quick|thinking (?:about|how)|jump|jumping|step off|stepped|end it)\b",
    ),
    (
        "plan",
        r"\b(?:how easy|how quick)\s+it\s+would\s+be\b(?:\s+\S+){0,12}?\s+(?:railway|rail|train|tracks|bridge|cliff|edge|roof|jump|pills|tablets)\b",
    ),
    # Finality told as a date or a deadline ("by tomorrow it won't matter").
    (
        "finality",
        r"\b(?:by tomorrow|by tonight|after tonight|by the weekend|by monday|soon|by then|tomorrow)\b\W+(?:\w+\W+){0,3}?(?:it|nothing)\s+(?:will not|will no longer|is not going to)\s+matter\b",
    ),
    (
        "finality",
        r"\bi\s+(?:will not|am not going to)\s+be\s+(?:here|around)\s+for\s+(?:the|my|next|another)\b",
    ),
    ("plan", r"\b(?:may|might)\s+as\s+well\s+(?:choose|pick|decide)\s+(?:when|how)\b"),
)
# Distress that may be about ending one's life but does not say so: the bot
# asks gently and gives the crisis line (POSSIBLE), never an emergency alone.
_POSSIBLE_CONSTRUCTS: Tuple[Tuple[str, str], ...] = (
    (
        "distress",
        r"\b(?:can not|could not)\s+(?:do|take|cope with|handle)\s+(?:this|it)\s+(?:any ?more|much longer)\b",
    ),
    (
        "distress",
        r"\bwhat is the point\s*(?:any ?more|of (?:anything|it all|going on|living|trying|fighting|carrying on)|[.?!]|$)",
    ),
    (
        "distress",
        r"\bwant(?:s|ing)?\s+(?:it|this|everything)\s+(?:all\s+)?to\s+(?:stop|end|be over)\b",
    ),
    (
        "distress",
        r"\b(?:giving|give|gave|given)\s+up\s+(?:on\s+)?(?:life|living|everything|myself)\b",
    ),
    (
        "distress",
        r"\b(?:no|lost all|lost|without any)\s+(?:hope|future)\s*(?:left|for me|any ?more|[.?!]|$)",
    ),
    (
        "distress",
        r"\b(?:tired|sick|exhausted)\s+of\s+(?:fighting|everything|it all|being here)\b",
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
        r"\b(?:made|making|make)\s+(?:my\s+)?peace\s+with\s+(?:it|dying|everything|the end)\b",
    ),
    (
        "distress",
        r"\b(?:nobody|no one|noone)\s+(?:needs|will need|has)\s+to\s+worry\s+(?:about me\s+)?(?:after|any ?more|once|soon)\b",
    ),
)
_PATTERNS: Tuple[Tuple[str, Pattern[str]], ...] = tuple(
    (construct, re.compile(pattern))
    for construct, pattern in _CONSTRUCTS + _POSSIBLE_CONSTRUCTS
)
_POSSIBLE_NAMES = frozenset(construct for construct, _ in _POSSIBLE_CONSTRUCTS)

_CONTRACTIONS: Tuple[Tuple[str, str], ...] = (
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
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})

# A negation right before a match denies it: "I'm not suicidal", "never had
# thoughts of hurting myself", "no thoughts of self-harm".
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|no|never|nor|without|denies|deny|zero)\b(?:\s+(?:\S+)){0,4}\s*$"
)
_GOES_ON = re.compile(
    r"\b(?:stop\w*|quit\w*|help|shake|escape|block\w*|get (?:rid|away)|switch off|turn off)\b"
)
_NEGATION_BLOCKERS = re.compile(
    r"\b(?:but|though|although|however|except|yet)\b|[,.;!?]"
)
# Signs that the episode is over and long past.
_PAST = re.compile(
    r"\b(?:\d+|a few|few|several|many|some|two|three|four|five|ten)\s+(?:years?|months?|yrs?)\s+ago\b"
    r"|\b(?:years|months|a long time|long time|ages)\s+(?:ago|back)\b"
    r"|\b(?:\d+|a|one|two|three|four|five|ten|a few|several|many)\s+(?:years?|months?|yrs?)\s+(?:clean|free)\b"
    r"|\b(?:went|go|gone|been) through a (?:phase|period|spell|bad patch|bad time)\b"
    r"|\bwhen i was (?:younger|a teen\w*|a kid|a child|at school|in school|at uni|in college|\d+|little)\b"
    r"|\bas a (?:teen\w*|kid|child|student)\b"
    r"|\bin (?:my|his|her|their) (?:teens|twenties|thirties|forties|fifties|20s|30s|40s|50s|youth)\b"
    r"|\bwhen (?:he|she|they) (?:was|were) (?:younger|a teen\w*|a kid|a child|at school|in school|at uni|in college|\d+|little)\b"
    r"|\blast (?:year|summer|winter|spring|autumn)\b"
    r"|\bin the past\b|\bback in (?:19|20)\d\d\b|\bin (?:19|20)\d\d\b|\bused to\b|\bonce,? long ago\b"
    r"|\bhistory of\b|\bpast (?:attempt|history)\b|\bprevious(?:ly)?\b"
)
# Signs that it is (again) current: any of these keeps the emergency reading.
_CURRENT = re.compile(
    r"\b(?:again|lately|recently|these days|this week|today|tonight|right now|now i|"
    r"at the moment|currently|still|coming back|come back|came back|keep|keeps|since|"
    r"this morning|last night|yesterday|starting to|started to|want to|thinking about|"
    r"thinking of|plan|planning|going to|will)\b"
)
_RECOVERED = re.compile(
    r"\b(?:(?:am|feel|feeling|doing|i am doing)\s+(?:much\s+|a lot\s+|so\s+|really\s+)?(?:well|better|fine|good|ok|okay|great)"
    r"|(?:is|are|am|been)\s+(?:absolutely\s+|totally\s+|completely\s+|perfectly\s+)?(?:fine|well|ok|okay|great|happy)"
    r"|not any ?more|no longer|recovered|got help|in a good place|over it|behind me"
    r"|thoughts (?:have |had )?(?:gone|passed|stopped|went away)"
    r"|(?:therapy|counselling|counseling|treatment|medication) helped|had (?:therapy|counselling|counseling))\b"
)
# "Can it cause suicidal thoughts?": asked about, not reported.
_QUESTION_ABOUT = re.compile(
    r"\b(?:cause|causes|side effects?|risk|linked|link|make you|make people|lead to|"
    r"increase|reported|warning|mood changes?)\b"
)
_QUESTION_OPENERS = re.compile(
    r"^\s*(?:can|could|does|do|is|are|will|would|might|may|what|how|should|has|have)\b"
)


# Warning signs in families (988 Lifeline, NIMH and Samaritans warning-sign
# lists; C-SSRS constructs). One family alone says little ("tablets",
# "tomorrow", "goodbye to the nurses"); signs from several families in one
# message are how indirect talk of suicide reads ("the kids will be fine
# without me, the insurance covers it, I've picked the date"). Strong families
# name death, burden, farewells or hopelessness; weak ones only carry a plan.
_FAMILIES: Tuple[Tuple[str, bool, str], ...] = (
    (
        "finality",
        True,
        r"\b(?:i (?:will not|am not going to|would not) be (?:here|around)|i will be gone|(?:once|when|after) i am gone|not wake up|"
        r"go to sleep (?:for good|forever|and not)|end (?:it|things|this|everything)|finish (?:it|things)|(?:will not|does not|do not) matter|"
        r"for good|the end (?:of me|for me|is coming|is near)|(?:never|not|will not) see (?:them|you|him|her|the \w+) again|"
        r"for the last time|stop (?:all )?this|where i am going|"
        r"(?:will not|would not|do not|not going to) (?:be )?need(?:ing)? (?:it|them|this|that|these|those|anything|any of (?:it|this|them)) (?:any ?more|again|where|after)|"
        r"(?:will not|would not|not going to) (?:be )?need(?:ing)? (?:my|the|any) \w+ (?:any ?more|again|where|after))\b",
    ),
    (
        "burden",
        True,
        r"\b(?:(?:a|such a|the) burden|better off|without me|fine without me|problem for|worry about me any ?more|"
        r"look after \w+ (?:\w+ )?for me|life insurance|miss me|in the way)\b",
    ),
    (
        "farewell",
        True,
        r"\b(?:(?:said|say|saying) (?:my )?goodbyes?(?! to (?:the|my|our|his|her) (?:\w+ )?(?:nurses?|team|staff|unit|ward|doctors?|house|hair))|"
        r"goodbye (?:to everyone|forever|for good)|this is goodbye|giving away|gave away|given away|my affairs|"
        r"(?:made|make|wrote|write) (?:a |my )?(?:will|note)|switched (?:his|her|my) phone off|made (?:my |his |her )?peace|"
        r"(?:given|gave|giving|give) (?:the|my|our|his|her) (?:dog|cat|pets?|puppy|kitten|budgie|rabbit|horse) "
        r"(?:away|to)|"
        r"(?:just )?(?:wanted|want|needed|need) (?:someone|somebody|anyone|you) to know)\b",
    ),
    (
        "hopeless",
        True,
        r"\b(?:no point|pointless|hopeless|can not go on|can not carry on|nothing left|give up|giving up|"
        r"what is the point(?! of (?:(?:the|a|an|this|that|these|those|taking|having|doing|getting|my \w+ (?:test|scan|drip))\b|(?:any|more|extra|another|other) (?!of\b)\w+))|no future|going to get me anyway|anyway so|just want (?:it|this|everything) (?:all )?to (?:be over|end|stop))\b",
    ),
    (
        "means",
        True,
        r"\b(?:overdose|noose|gun|shotgun|stockpil\w*|put aside|saving up|saved up|hoard\w*|"
        r"how (?:many|much)\b.{0,40}\b(?:would (?:it )?take|it takes|does it take|to take to|would kill|kills? (?:you|a person|someone)|is (?:fatal|lethal|deadly|too many|an overdose))|"
        r"(?:lethal|fatal|deadly) (?:dose|amount)|carbon monoxide|"
        r"(?:engine|motor) (?:running|on)\b.{0,40}\bgarage|garage\b.{0,60}\b(?:engine|motor) (?:running|on))\b",
    ),
    # Self-injury that is going on or getting worse (NIMH, Anna Freud Centre
    # self-harm signs): strong, and an emergency beside a tool.
    (
        "self_injury",
        True,
        r"\b(?:deeper|too deep|can not stop (?:cutting|hurting|burning|scratching|hitting)|"
        r"(?:do not|did not|does not) want to stop(?! (?:the|my|his|her|this|that|it|treatment|\w+ing)\b))\b",
    ),
    # Places and tools that are everyday words too (a walk on the cliff path):
    # a sign only beside a strong family.
    (
        "places",
        False,
        r"\b(?:rope|knife|blade|razor|bridge|railway|train tracks|in front of (?:a|the)|jump|cliff|rooftop|exhaust)\b",
    ),
    (
        "plan",
        False,
        r"\b(?:decided|made (?:my|his|her|up (?:my|his|her)) mind|mind up|picked|chosen|worked out|sorted|ready|"
        r"tonight|tomorrow|soon|the date|know what i am doing|know where|would take|enough|already)\b",
    ),
)
_FAMILY_PATTERNS = tuple((name, strong, re.compile(p)) for name, strong, p in _FAMILIES)


def warning_sign_families(text: str) -> Tuple[str, ...]:
    """The warning-sign families `text` holds, in `_FAMILIES` order."""
    normalised = _normalise(text)
    return tuple(
        name for name, _, pattern in _FAMILY_PATTERNS if pattern.search(normalised)
    )


# "At the end of my rope" is an idiom of frustration, not a method.
_FAMILY_IDIOMS = re.compile(r"\bend of (?:my|his|her|our|their) (?:rope|tether)\b")


# An injury told as an accident is not self-harm, whatever the tool.
_ACCIDENT = re.compile(
    r"\b(?:accident\w*|by mistake|slipped|chopping|slicing|peeling|cooking|shaving|gardening|"
    r"carving|opening (?:a|the) (?:tin|can|box|parcel|packet)|in the kitchen|diy)\b"
)


_TEMPORARY = re.compile(
    r"\b(?:for (?:the|a) (?:weekend|week|day|night|few days|fortnight)|while (?:we|i|they) (?:go|are|am)|"
    r"holiday|minding|looking after|pet ?sitt\w*|kennels?|cattery|until i am back|till i am back)\b"
)
_PET_GIVEN = re.compile(
    r"\b(?:given|gave|giving|give) (?:the|my|our|his|her) (?:dog|cat|pets?|puppy|kitten|budgie|rabbit|horse) (?:away|to)\b"
)


def _family_finding(normalised: str) -> Optional["SelfHarmFinding"]:
    normalised = _FAMILY_IDIOMS.sub(lambda m: " " * len(m.group(0)), normalised)
    if _ACCIDENT.search(normalised):
        return None
    if _TEMPORARY.search(normalised):  # a pet minded for a holiday is not given away
        normalised = _PET_GIVEN.sub(lambda m: " " * len(m.group(0)), normalised)
    found = [
        (name, strong, match)
        for name, strong, pattern in _FAMILY_PATTERNS
        for match in [pattern.search(normalised)]
        if match
    ]
    # "not going to be anyone's burden" is a burden statement: a negation does
    # not deny that family.
    found = [
        (name, strong, m)
        for name, strong, m in found
        if name == "burden" or not _negated(normalised, m.start())
    ]
    strong = sum(1 for _, is_strong, _ in found if is_strong)
    if strong < 1:
        return None
    first = min(m.start() for _, _, m in found)
    last = max(m.end() for _, _, m in found)
    reading = _reading(normalised, first, last)
    # Two strong families, or one with a place or tool (ideation with a
    # method, C-SSRS 3): an emergency. One strong family alone: ask.
    if (
        reading == CURRENT
        and strong < 2
        and not any(name == "places" for name, _, _ in found)
    ):
        reading = POSSIBLE
    return SelfHarmFinding(
        "warning_signs", reading, normalised[first:last], first, last
    )


@dataclass(frozen=True)
class SelfHarmFinding:
    """One match: the construct, how it reads, and where it is in the text."""

    construct: str
    reading: str  # CURRENT, HISTORY or ASKED
    text: str
    start: int
    end: int


def _normalise(text: str) -> str:
    text = text.translate(_APOSTROPHES).lower()
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    for pattern, replacement in _CONTRACTIONS:
        text = re.sub(pattern, replacement, text)
    return re.sub(r"[ \t]+", " ", text)


def _sentence_bounds(text: str, start: int, end: int) -> Tuple[int, int]:
    left = max(text.rfind(mark, 0, start) for mark in ".!?\n")
    rights = [i for i in (text.find(mark, end) for mark in ".!?\n") if i != -1]
    return left + 1, (min(rights) + 1 if rights else len(text))


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    match = _NEGATION_BEFORE.search(before)
    if not match:
        return False
    between = before[match.start() :]
    # "can't stop thinking about...", "haven't stopped", "couldn't help thinking":
    # a negated stop is a thought that goes on, not a denial.
    return not (_NEGATION_BLOCKERS.search(between) or _GOES_ON.search(between))


def _reading(text: str, start: int, end: int) -> str:
    sentence_start, sentence_end = _sentence_bounds(text, start, end)
    sentence = text[sentence_start:sentence_end]
    if _QUESTION_OPENERS.search(sentence) and _QUESTION_ABOUT.search(sentence):
        if not re.search(
            r"\b(?:i|i am|i have|he|she|my)\b", text[sentence_start:start]
        ):
            return ASKED
    if _PAST.search(text) and not _CURRENT.search(text):
        return HISTORY
    if (
        _PAST.search(text)
        and _RECOVERED.search(text)
        and not re.search(
            r"\b(?:again|lately|recently|these days|today|tonight|right now|at the moment|"
            r"currently|still|coming back|came back|this week)\b",
            text,
        )
    ):
        return HISTORY
    return CURRENT


def find_self_harm(text: str) -> List[SelfHarmFinding]:
    """Every non-negated self-harm construct in `text`, with how it reads.

    Offsets refer to the normalised text, which keeps words in order; callers use
    them only to order and show findings.
    """
    if not text or not text.strip():
        return []
    normalised = _FAMILY_IDIOMS.sub(lambda m: " " * len(m.group(0)), _normalise(text))
    findings: List[SelfHarmFinding] = []
    for construct, pattern in _PATTERNS:
        for match in pattern.finditer(normalised):
            if construct != "wish_dead" or not match.group(0).startswith(
                ("do not", "does not", "did not", "not", "no longer", "never")
            ):
                if _negated(normalised, match.start()):
                    continue
            reading = _reading(normalised, match.start(), match.end())
            if construct in _POSSIBLE_NAMES and reading == CURRENT:
                reading = POSSIBLE
            findings.append(
                SelfHarmFinding(
                    construct,
                    reading,
                    match.group(0),
                    match.start(),
                    match.end(),
                )
            )
    if not findings:
        extra = _family_finding(normalised)
        findings = [extra] if extra else []
    return sorted(findings, key=lambda f: f.start)


def denied(text: str) -> bool:
    """The message denies self-harm ("I'm not suicidal, just tired"): a
    construct appears, negated, and none is read as current."""
    if not text or not text.strip():
        return False
    normalised = _FAMILY_IDIOMS.sub(lambda m: " " * len(m.group(0)), _normalise(text))
    negated = any(
        _negated(normalised, m.start())
        for _, pattern in _PATTERNS
        for m in pattern.finditer(normalised)
    )
    return negated and not find_self_harm(text)


def strongest(findings: List[SelfHarmFinding]) -> Optional[SelfHarmFinding]:
    """The finding that decides the reply: current over history over asked."""
    order = {CURRENT: 0, POSSIBLE: 1, HISTORY: 2, ASKED: 3}
    return min(findings, key=lambda f: order[f.reading]) if findings else None
