"""Self-harm constructs of the C-SSRS screener, as patterns over lay wording.

Data for `core/triage/self_harm.py`: each entry is (construct, pattern) over
text lower-cased with apostrophes and contractions normalised first.
"""

from typing import Tuple

_SELF = r"(?:my ?self|me ?self|himself|herself|themselves|themself|ourselves)"
_PILLS = (
    r"(?:pills?|tablets?|meds|medicines?|medications?|painkillers?|morphine|"
    r"oxy\w*|sleeping pills?|insulin|paracetamol|tylenol|opioids?|drugs)"
)
_BE_GONE = (
    r"(?:dead|gone|not here|not alive|never born|not around|not be here|away from it "
    r"all)"
)
# (construct, pattern). Text is lower-cased with apostrophes and contractions
# normalised first (see `normalise`).
CONSTRUCTS: Tuple[Tuple[str, str], ...] = (
    # C-SSRS 1: wish to be dead.
    (
        "wish_dead",
        r"\bwish(?:es|ed|ing)?\s+(?:i|he|she|they)\s+(?:was|were|could be|would "
        rf"be|had been|be|could|would)?\s*{_BE_GONE}",
    ),
    (
        "wish_dead",
        r"\bwish(?:es|ed|ing)?\s+(?:i|he|she|they)\s+(?:could|"
        r"would)?\s*(?:just\s+)?(?:die|disappear|not wake up|never wake up|go to "
        r"sleep forever)",
    ),
    (
        "wish_dead",
        r"\bwant(?:s|ed|ing)?\s+(?:to\s+)?(?:just\s+)?(?:die|be dead|disappear "
        r"forever|not exist|stop existing)\b",
    ),
    (
        "wish_dead",
        r"\b(?:do not|does not|did not|not|no longer|never)\s+want(?:s|"
        r"ing)?\s+to\s+(?:live|be alive|be here|wake up|exist|go on|carry on|keep "
        r"going|keep living|be around)\b",
    ),
    ("wish_dead", r"\b(?:rather|better off)\s+(?:be\s+)?dead\b"),
    ("wish_dead", r"\b(?:sleep|go to sleep)\b(?:\s+\S+){0,3}\s+(?:never|not)\s+wake\b"),
    (
        "wish_dead",
        r"\bhope\s+(?:i|he|she)\s+(?:do not|does not|never|will not)\s+wake\b",
    ),
    (
        "wish_dead",
        r"\b(?:no|not any|not much|what is the)\s+(?:point|reason|use)\s+(?:in\s+|"
        r"of\s+|to\s+)?(?:living|going on|being alive|carrying on|being here|live|"
        r"go on|life)\b",
    ),
    (
        "wish_dead",
        r"\b(?:tired|sick|done)\s+(?:of|with)\s+(?:living|being alive|life|existing)\b",
    ),
    ("wish_dead", r"\blife\s+(?:is not|is no longer|not)\s+worth\b"),
    (
        "wish_dead",
        r"\b(?:can not|could not)\s+(?:go on|carry on|keep going|take (?:it|this|"
        r"any more|anymore))\b(?!\s+(?:the|that|this|with the|medicine|drug|"
        r"tablet|pill))",
    ),
    ("wish_dead", r"\b(?:ready|want|wanting|waiting)\s+to\s+(?:die|go)\s+now\b"),
    ("wish_dead", r"\b(?:to|and|i|just)\s+(?:not|never)\s+wake\s+up\b"),
    ("wish_dead", r"\bdisappear\s+(?:permanently|forever|for good|for ever)\b"),
    (
        "wish_dead",
        r"\b(?:kinder|better|easier)\s+(?:for everyone\s+)?if\s+(?:i|he|"
        r"she)\s+(?:just\s+)?(?:was not|were not|was gone|were gone|did not exist|"
        r"died|was dead)\b",
    ),
    (
        "plan",
        r"\bhow many\b(?:\s+\S+){0,8}?\s+(?:would it take|does it take|to (?:die|"
        r"overdose|not wake|end it))\b",
    ),
    (
        "plan",
        r"\b(?:took|taken|swallowed|taking|take)\s+(?:extra|all|lots of|loads of|"
        r"a handful of|too many|a bunch of|a load of|the "
        r"whole)\s+(?:\S+\s+)?(?:pills|tablets|meds|"
        r"painkillers)\b(?=.{0,40}\b(?:go away|end|die|stop|sleep forever|not "
        r"wake|disappear)\b)",
    ),
    (
        "wish_dead",
        r"\b(?:wish|hope|want|wants|let|pray)\b(?:\s+\S+){0,9}?\s+(?:finish|"
        r"finishes)\s+(?:me|him|her)\s+off\b",
    ),
    (
        "wish_dead",
        r"\bwant(?:s)?\s+(?:it|everything|this)\s+(?:all\s+)?to\s+(?:end|"
        r"stop)\s+(?:for good|forever|permanently)\b",
    ),
    # C-SSRS 2: non-specific active suicidal thoughts.
    ("suicidal", r"\bsuicid\w*"),
    (
        "suicidal",
        r"\b(?:kill|killing|killed|kil|hurt|hurting|harm|harming|end|ending|off|"
        rf"offing|top|topping)\s+{_SELF}",
    ),
    (
        "suicidal",
        r"\b(?:end|ending|ended|take|taking|took)\s+(?:my|his|her|"
        r"their)\s+(?:own\s+)?life\b",
    ),
    (
        "suicidal",
        r"\b(?:end|ending)\s+it\s+all\b|\bend\s+it\s+(?:now|tonight|soon)\b|"
        r"\bending\s+things\b|\bend\s+things\b",
    ),
    ("suicidal", r"\bunaliv\w*|\bkms\b"),
    # C-SSRS 1-2 asked as "thoughts of ...": ending it, dying, not being here.
    (
        "suicidal",
        r"\b(?:thought|thoughts|thinking|think|thinks)\s+(?:about|"
        r"of)\s+(?:ending\s+(?:it|things|everything)|dying|"
        r"not\s+(?:being\s+(?:here|around|alive)|waking\s+up))\b",
    ),
    (
        "suicidal",
        r"\bnot\s+(?:be\s+)?(?:around|here)\s+(?:much\s+longer|anymore|any more|"
        r"for much longer)\b",
    ),
    # C-SSRS 3-5: method, intent, plan.
    ("plan", r"\boverdos\w*|\bover dose\b|\bod(?:ed|d|ing)?\s+on\b"),
    (
        "plan",
        r"\b(?:take|swallow|taking|swallowing)\s+(?:them|it|these|those|all|"
        r"every\w*)\s+(?:all\s+)?(?:at once|together|in one go)\b",
    ),
    (
        "plan",
        r"\b(?:take|swallow|taking|swallowing)\s+them\s+all\b(?!\s+(?:with|before|"
        r"after|as|in|at the same|every|each|on|the same))",
    ),
    (
        "plan",
        r"\b(?:take|swallow|taking|swallowing)\s+(?:all|the whole|a whole|"
        r"every)\s+(?:of\s+)?(?:my\s+|the\s+|his\s+|her\s+)?(?:bottle|box|pack|"
        rf"packet|{_PILLS})\b(?!\s+(?:with|before|after|as prescribed|in the|at "
        r"the same))",
    ),
    # C-SSRS actual attempt: a whole container already swallowed ("I've just
    # swallowed a whole box of paracetamol"); a container, not "all my pills today".
    (
        "plan",
        r"\b(?:took|taken|swallowed|downed|necked)\s+(?:a|the|an)\s+(?:whole|"
        r"entire|full)\s+(?:bottle|box|pack|packet|tub|strip|jar|blister)\b",
    ),
    (
        "plan",
        r"\b(?:hang|hanging|shoot|shooting|drown|drowning|gas|gassing)\s+(?:my "
        r"?self|himself|herself)\b",
    ),
    (
        "plan",
        r"\bjump(?:ing|ed)?\s+(?:off|from|in front of)\b|\bin front of\s+(?:a|"
        r"the)\s+(?:train|bus|car|lorry|truck)\b|\bstep\s+in front of\b",
    ),
    ("plan", r"\bnoose\b"),
    (
        "plan",
        r"\b(?:drive|driving|drove|crash|crashing|steer|steering)\s+(?:my|the|his|"
        r"her)?\s*(?:car|van)\s+(?:into|off)\b",
    ),
    # C-SSRS 6: preparatory behaviour.
    (
        "preparation",
        r"\b(?:sav\w*|stockpil\w*|hoard\w*|collect\w*|stash\w*|keep\w*\s+back|"
        rf"hid\w*|put\w*\s+aside|build\w*\s+up)\b(?:\s+up)?(?:\s+\S+){{0,3}}\s+"
        rf"{_PILLS}",
    ),
    (
        "preparation",
        rf"\b{_PILLS}\s+(?:\S+\s+){{0,3}}(?:saved|stockpiled|hoarded|stashed|"
        r"hidden|put aside)\b",
    ),
    (
        "preparation",
        r"\b(?:wrote|written|writing|write|left|leave)\s+(?:a\s+|my\s+|"
        r"the\s+)?(?:suicide|goodbye|farewell|last)\s+(?:note|letter|message)s?\b",
    ),
    (
        "preparation",
        r"\b(?:giving|gave|give)\s+(?:away\s+)?(?:all\s+)?(?:my|his|"
        r"her)\s+(?:things|stuff|belongings|possessions)\s*(?:away)?\b",
    ),
    (
        "preparation",
        r"\b(?:say|said|saying)\s+(?:my\s+)?goodbyes?\s+(?:to\s+)?(?:everyone|"
        r"everybody|my family|all)\b",
    ),
    # C-SSRS behaviour: self-injury.
    (
        "self_injury",
        r"\b(?:cut|cuts|cutting|burn|burns|burnt|burned|burning|hit|hits|hitting|"
        rf"punch\w*|scratch\w*|stab\w*|starv\w*|bang\w*|slash\w*)\s+{_SELF}",
    ),
    (
        "self_injury",
        r"\b(?:cut|cuts|cutting|slash\w*|burn\w*|scratch\w*)\s+(?:my|his|her|"
        r"their)\s+(?:arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|body)\b",
    ),
    ("self_injury", r"\bself[\s-]*(?:harm\w*|injur\w*|mutilat\w*|destruct\w*)"),
    # Self-injury told as a habit or a period, with no object ("a phase of
    # cutting in her teens", "started cutting again").
    (
        "self_injury",
        r"\b(?:phase|period|spell|bout|history|habit|years|"
        r"time)\s+of\s+(?:cutting|burning)\b|"
        r"\b(?:started|start|stopped|stop|quit|back to)\s+(?:cutting|"
        r"burning)\b(?!\s+(?:down|back|out|up|off|the|a|it|my hair|his hair|her "
        r"hair)\b)",
    ),
    # Perceived burdensomeness.
    (
        "burden",
        r"\bbetter off\s+(?:without\s+(?:me|him|her|them)|if\s+(?:i|he|"
        r"she)\s+(?:was|were|was not|were not|am not|is not|died|disappeared|were "
        r"gone|was gone|were dead|was dead|did not wake))",
    ),
    ("burden", r"\b(?:no one|nobody|noone)\s+would\s+(?:miss|care|notice)\b"),
    (
        "burden",
        r"\b(?:i am|i feel|i feel like|i am just|he is|she is|feel like|"
        r"just)\s+(?:such\s+|a\s+|an\s+)*(?:burden|waste of space|weight on)\b",
    ),
    (
        "burden",
        r"\bburden\s+(?:to|on|for)\s+(?:everyone|everybody|my|his|her|them|the "
        r"family|all)\b",
    ),
    (
        "burden",
        r"\b(?:will not|would not|not going to|no "
        r"longer)\s+be\s+a\s+burden\s+(?:on|to|for)\s+\w+\s+(?:much longer|for "
        r"long|soon|any ?more)\b",
    ),
    (
        "burden",
        r"\b(?:everyone|everybody|they|my family|the kids|my kids|he|"
        r"she)\s+(?:would|will)\s+(?:all\s+)?be\s+(?:better|happier|fine|"
        r"easier)\s+(?:off\s+)?(?:without me|when i am gone|once i am gone|if i "
        r"was gone)\b",
    ),
    # Finality and escape, told without a word for death (988 Lifeline and
    # Samaritans warning signs: talk of not being around, of a way out).
    (
        "finality",
        rf"\b(?:finish|end)\s+(?:it|things|everything|it all)\s+(?:{_SELF}|on my "
        r"own terms|before (?:it|the cancer|cancer|this) does)\b",
    ),
    (
        "finality",
        r"\b(?:might|may)\s+as\s+well\s+(?:just\s+)?(?:end it|end things|end it "
        r"all|be dead|die|not be here)\b",
    ),
    (
        "finality",
        r"\bnot\s+(?:sticking|staying|hanging|going to stick|going to stay|going "
        r"to hang)\s+around\b(?!\s+(?:for|to|at|in|after|until|till|while)\b)",
    ),
    # First person only: "dad won't be around by christmas, the doctors said" is a
    # prognosis.
    (
        "finality",
        r"\bi\s+(?:will not|would not|am not going to)\s+be\s+(?:here|"
        r"around)\s+(?:much longer|for long|for much longer|by|when|after|to see|"
        r"next|any ?more)\b",
    ),
    (
        "finality",
        r"\b(?:take|taking|took|find|found|see)\s+(?:the|a|my)\s+(?:easy|only|"
        r"quick)\s+way\s+out\b",
    ),
    # C-SSRS 4-5: intent with a method or a time decided.
    (
        "plan",
        r"\b(?:decided|worked out|figured out|planned|chosen|chose|"
        r"picked)\s+(?:exactly\s+)?(?:how|when|where)(?:\s+(?:i will|i am going "
        r"to|i would|to)\s+(?:do it|go|end it))?\s*(?:[.,!?;]|$|and\b)",
    ),
    ("plan", r"\band\s+i\s+have\s+(?:chosen|decided|picked)\s*(?:[.!]|$)"),
    # Looking up means (C-SSRS preparatory behaviour).
    ("plan", r"\b(?:lethal|fatal|deadly)\s+(?:dose|amount|overdose|quantity|number)\b"),
    (
        "plan",
        r"\b(?:look|looking|looked|search|searching|searched|googl\w*|research\w*|"
        r"read\w*)\s+(?:up\s+)?(?:\S+\s+){0,5}(?:how to (?:die|end it)|ways to "
        r"die|what would kill)\b",
    ),
    (
        "plan",
        r"\b(?:painless|quickest|easiest|quick|best)\s+way\s+to\s+(?:die|go|end "
        r"it|end things)\b",
    ),
    (
        "plan",
        r"\bhow\s+(?:much|many)\b(?:\s+\S+){0,6}\s+(?:would|to|will|"
        r"could)\s+(?:kill|be fatal|be lethal)\b",
    ),
    # Goodbyes and giving things away (preparatory behaviour).
    (
        "preparation",
        r"\b(?:this is|consider this|this is my)\s+goodbye\b|"
        r"\bgoodbye\s+(?:forever|for good)\b|\b(?:last|final)\s+goodbyes?\b",
    ),
    (
        "preparation",
        r"\b(?:giving|given|gave|give)\s+(?:away\s+)?(?:all\s+)?(?:my|his|"
        r"her)\s+(?:\w+\s+){0,2}(?:things|stuff|belongings|possessions|jewellery|"
        r"jewelry|records|collection|savings)\s+away\b",
    ),
    # Giving one's own things away, whatever they are ("gave away my books and my
    # guitar").
    (
        "preparation",
        r"\b(?:giving|given|gave|give|gives)\s+away\s+(?:all\s+)?(?:of\s+)?(?:my|"
        r"his|her)\b",
    ),
    # Burden: ending being a problem for others (Samaritans: "I'm a burden").
    (
        "burden",
        r"\b(?:stop|end|quit)\s+being\s+a\s+(?:problem|burden|nuisance|bother|"
        r"drain|weight)\b(?:\s+(?:for|to|on)\s+(?:everyone|everybody|anyone|them|"
        r"you|my \w+))?",
    ),
    # An act already done: a supply of tablets taken at once (C-SSRS actual attempt).
    (
        "plan",
        r"\b(?:took|taken|swallowed|necked|downed)\s+all\s+(?:of\s+)?(?:my|the|"
        rf"his|her)\s+(?:\w+\s+)?{_PILLS}\b(?!\s+(?:today|this morning|tonight|as|"
        r"like|on time|with|for the|every|each|at breakfast|at lunch|at dinner|"
        r"at night|before|after))",
    ),
    # Means dwelt on: a place to jump or a line to step onto (C-SSRS method).
    (
        "plan",
        r"\b(?:railway|rail line|railway line|train tracks?|train line|level "
        r"crossing|bridge|cliff|cliffs|multi storey|multi-storey|rooftop|"
        r"roof)\b(?:\s+\S+){0,12}?\s+(?:how easy|how quick|thinking (?:about|how)|"
        r"jump|jumping|step off|stepped|end it)\b",
    ),
    (
        "plan",
        r"\b(?:how easy|how quick)\s+it\s+would\s+be\b(?:\s+\S+){0,12}?\s+(?:railw"
        r"ay|rail|train|tracks|bridge|cliff|edge|roof|jump|pills|tablets)\b",
    ),
    # Finality told as a date or a deadline ("by tomorrow it won't matter").
    (
        "finality",
        r"\b(?:by tomorrow|by tonight|after tonight|by the weekend|by monday|soon|"
        r"by then|tomorrow)\b\W+(?:\w+\W+){0,3}?(?:it|nothing)\s+(?:will not|will "
        r"no longer|is not going to)\s+matter\b",
    ),
    (
        "finality",
        r"\bi\s+(?:will not|am not going to)\s+be\s+(?:here|"
        r"around)\s+for\s+(?:the|my|next|another)\b",
    ),
    ("plan", r"\b(?:may|might)\s+as\s+well\s+(?:choose|pick|decide)\s+(?:when|how)\b"),
)
