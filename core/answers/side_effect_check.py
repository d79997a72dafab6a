"""The side-effect check: "does it cause a rash?" answered from the facts.

Pure module. Whether the sources list each asked symptom or organ effect, in
which group, in their words, with what to do: as strongly as the source says
it, and never less urgently than the symptom check's advice for that effect.
"""

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from core.answers import wording
from core.answers.types import Reply, SideEffectCheck
from core.constants import TOPIC_REPORT_MONITOR
from core.facts import STATUS_INVESTIGATIONAL, Medicine
from core.side_effects import (
    IMMEDIATE,
    PROMPT,
    REPORT,
    Asked,
    Listed,
    first,
    group_names,
    look_up,
    related_signs,
    urgency,
)
from core.triage.advice import LEVEL_BY_CATEGORY, WHEN_TO_CALL
from core.triage.levels import EMERGENCY, URGENT

# At most this many effects of one question are checked.
MAX_CHECKED = 3
_URGENCY_ORDER = (IMMEDIATE, PROMPT, REPORT, None)

# The symptom check's category for each effect of the shared vocabulary: the
# side-effect answer is never less urgent than the when-to-call advice for it.
EFFECT_CATEGORY: Dict[str, str] = {
    "fever": "fever",
    "chills": "rigors",
    "cough": "cough_breathless",
    "breathing problems": "breathing",
    "diarrhoea": "diarrhoea",
    "colitis": "diarrhoea",
    "vomiting": "dehydration",
    "dark urine": "dark_urine",
    "liver problems": "liver",
    "rash": "skin_mouth",
    "infusion reactions": "infusion_reaction",
    "your lungs": "breathing",
    "your liver": "liver",
}


@dataclass
class _Entry:
    """One reply's worth: the effects asked, where first listed, every listing."""

    items: List[Asked]
    found: Optional[Listed]
    listed: List[Listed]


def _team(medicine: Medicine) -> str:
    """Who a patient tells: the trial doctor for a medicine only given in trials."""
    return (
        wording.TRIAL_DOCTOR
        if medicine.status == STATUS_INVESTIGATIONAL
        else wording.YOUR_CARE_TEAM
    )


def _act(how: Optional[str], team: str, effect: str = "") -> str:
    """What to do: as strongly as the source says it (`core.side_effects.urgency`),
    and never less urgently than the symptom check's advice for that effect."""
    said = wording.SOURCE_SAYS.get(how or "", "")
    category = EFFECT_CATEGORY.get(effect, "")
    level = LEVEL_BY_CATEGORY.get(category)
    # An emergency sign of this effect is named, with the emergency number.
    emergency = (
        wording.emergency_sign_text(WHEN_TO_CALL[category])
        if level == EMERGENCY
        else ""
    )
    if level in (URGENT, EMERGENCY) or how in (IMMEDIATE, PROMPT):
        return wording.act_now_text(said, team, emergency)
    if how == REPORT:
        return wording.act_report_text(said, team)
    return wording.act_text(team)


def _same_passage(entry: _Entry, found: Optional[Listed]) -> bool:
    return bool(found and entry.found and entry.found.passage == found.passage)


def _entries(medicine: Medicine, asked: Sequence[Asked]) -> List[_Entry]:
    """The effects asked (up to MAX_CHECKED), those listed by the same passage
    ("my skin... itchy... a rash") together."""
    entries: List[_Entry] = []
    for item in asked[:MAX_CHECKED]:
        listed = look_up(medicine, item)
        found = first(listed)
        same = next((e for e in entries if _same_passage(e, found)), None)
        if same is not None:
            same.items.append(item)
        else:
            entries.append(_Entry([item], found, listed))
    return entries


def _only_to_report(listed: Sequence[Listed]) -> bool:
    return bool(listed) and all(
        item.fact.topic == TOPIC_REPORT_MONITOR for item in listed
    )


def _not_listed(medicine: Medicine, entry: _Entry, said: str, asked: str) -> Reply:
    """Never "yes" for an effect the sources do not list: quote what they do say
    about it, a sign to report or a broader sign, in their words."""
    said_instead = entry.found or first(related_signs(medicine, entry.items[0]))
    text = wording.not_listed_text(medicine.name, said)
    if said_instead is None:
        text += wording.cannot_rule_out()
        fact_id = None
    else:
        act = _act(urgency(said_instead), _team(medicine), entry.items[0].name)
        source = wording.source_note(said_instead.fact)
        text += wording.what_they_do_say(said_instead.passage, act, source)
        fact_id = said_instead.fact.id
    return Reply(
        text=text,
        note=SideEffectCheck(medicine.id, asked, listed=False, fact_id=fact_id),
    )


def _listed(
    medicine: Medicine, entry: _Entry, found: Listed, said: str, asked: str
) -> Reply:
    """Act as strongly as the strongest passage listing it, and quote that
    passage too ("report immediately" may be in another fact). A related sign
    can carry the warning ("diarrhoea" is common; the colitis it may be needs
    prompt medical attention)."""
    candidates = [*entry.listed, *related_signs(medicine, entry.items[0])]
    strongest = min(candidates, key=lambda item: _URGENCY_ORDER.index(urgency(item)))
    also = (
        wording.they_also_say(strongest.passage)
        if strongest.passage != found.passage and urgency(strongest)
        else ""
    )
    groups = group_names(entry.listed)
    act = _act(urgency(strongest), _team(medicine), entry.items[0].name)
    text = wording.listed_text(
        medicine.name, said, wording.groups_said(groups), found.passage, also, act
    )
    return Reply(
        text=f"{text}\n\n{wording.source_note(found.fact)}",
        note=SideEffectCheck(
            medicine.id, asked, listed=True, groups=tuple(groups), fact_id=found.fact.id
        ),
    )


def _check_reply(medicine: Medicine, entry: _Entry) -> Reply:
    said = wording.effects_said(
        [wording.effect_said(i.name, i.organ) for i in entry.items]
    )
    asked = ", ".join(i.name for i in entry.items)
    if entry.found is None or _only_to_report(entry.listed):
        return _not_listed(medicine, entry, said, asked)
    return _listed(medicine, entry, entry.found, said, asked)


def side_effect_check_replies(
    medicine: Medicine, asked: Sequence[Asked]
) -> List[Reply]:
    """Whether the sources list each asked symptom or organ effect (up to three),
    in which group, with the passage and its source; or that they don't. Effects
    listed by the same passage ("my skin... itchy... a rash") share one reply."""
    return [_check_reply(medicine, entry) for entry in _entries(medicine, asked)]
