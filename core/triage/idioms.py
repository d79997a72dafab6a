"""Figures of speech with symptom words, and how they are masked.

Pure module: regular expressions only. Both triage readings mask them, so "sick
and tired of the forms" says nothing about the body.
"""

import re
from typing import Tuple

# Figures of speech with symptom words, masked before matching ("sick and
# tired of the forms", "it nearly gave me a heart attack"). Self-harm idioms
# need no entry: its patterns want a self-directed object (core/triage/self_harm.py).
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
    r"(?:makes?|making|made) (?:me|him|her) want to (?:throw up|be sick|puke|"
    r"scream|cry)",
    r"laugh(?:ed|ing)? my head off",
    r"cost an arm and a leg",
    r"break a leg",
    r"pain in the backside",
    r"dead on (?:my|his|her|their|our) feet",
    r"(?:drive|drives|driving|drove) (?:me|him|her) (?:up the wall|mad|crazy|"
    r"round the bend)",
    # A body's reaction told as the measure of a feeling or a joke, not as a
    # symptom: bursting with pride, shaking with excitement, laughing so hard one
    # could not breathe, so happy one can't breathe, so bad one could throw up.
    r"(?:bursting|shaking|trembling|shivering|buzzing|glowing|crying|welling up|"
    r"fit to burst) with "
    r"(?:pride|joy|happiness|excitement|delight|glee|laughter|anticipation|relief|"
    r"love)",
    r"(?:laugh\w*|giggl\w*|crying with laughter) so (?:hard|much)\b.{0,40}?\b"
    r"(?:i|we|he|she|they) (?:could not|can not|couldn'?t|cannot|can'?t|could "
    r"barely|nearly|almost) (?:breathe|stop|stand|see)",
    r"(?:could not|can not|couldn'?t|cannot|can'?t) (?:breathe|stop shaking|stop "
    r"crying)[,!. ]+"
    r"(?:i'?m|i am|im|we'?re|from|with|for) (?:so |just |really )?(?:happy|"
    r"excited|relieved|proud|laughing|giddy|chuffed)",
    r"so (?:bad|gross|awful|disgusting|vile|revolting|cheesy|boring|sweet|strong|"
    r"weak|rank) (?:that )?"
    r"(?:i|you|we) (?:could|would|might) (?:throw up|be sick|vomit|puke|cry|"
    r"scream|die)",
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
