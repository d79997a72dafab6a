"""Decide what to answer and compose the replies.

Pure module: no Rasa imports. The action reads the tracker into a `Turn`, calls
`respond`, and emits the `Outcome`. Every medical sentence comes from a `Fact`;
when there is none the reply says so and points to the care team, never guesses.
"""

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple

from core.comparisons import compared_things, kinds_named, unsettled
from core.constants import (
    INTENT_BY_TOPIC,
    INTENT_INFORM_MEDICINE,
    INTENT_NLU_FALLBACK,
    MEDICINE_PLACEHOLDER,
    SLOT_LAST_TOPIC,
    SLOT_MEDICINE,
    SLOT_PENDING_TOPIC,
    TOPIC_APPROVAL,
    TOPIC_APPROVED_USES,
    TOPIC_BY_INTENT,
    TOPIC_DRUG_CLASS,
    TOPIC_INVESTIGATIONAL_USES,
    TOPIC_LABELS,
    TOPIC_MECHANISM,
    TOPIC_OVERVIEW,
    TOPIC_REPORT_MONITOR,
    TOPIC_SIDE_EFFECTS_COMMON,
    TOPIC_TRIAL_RESULTS,
)
from core.coverage import (
    Aspect,
    and_list,
    covering_topics,
    uncovered_aspects,
)
from core.coverage import (
    names as aspect_names,
)
from core.facts import STATUS_INVESTIGATIONAL, Fact, FactStore, Medicine
from core.medicine_matcher import names_pattern
from core.question_types import question_types
from core.retrieval import CHOICES, PART_MIN_SCORE, PART_RATIO, tokens
from core.side_effects import (
    IMMEDIATE,
    PROMPT,
    REPORT,
    Asked,
    Listed,
    asked_effects,
    first,
    group_names,
    is_attribution_question,
    is_side_effect_question,
    look_up,
    related_signs,
    urgency,
)

if TYPE_CHECKING:
    from core.retrieval import FactRetriever, Ranking
from core.triage_rules import (
    EMERGENCY,
    LEVEL_BY_CATEGORY,
    ROUTINE,
    URGENT,
    WHEN_TO_CALL,
)

CARE_TEAM = "your care team (your doctor, nurse or pharmacist)"
# Questions on these topics that name a symptom or an organ get the side-effect
# check ("does it cause hair loss?") instead of the whole list.
SIDE_EFFECT_TOPICS = frozenset(
    {"side_effects_common", "side_effects_chemo", "side_effects_serious"}
)
# Every reply that is not an answer ends with this line, so no dead end leaves a
# patient with a symptom now without what to do (domain.yml repeats it in the
# out-of-scope and uncovered-topic responses; a test checks).
SAFETY_LINE = (
    "If this is about a symptom you have now, call your care team's 24-hour line, "
    "or your local emergency number if it is severe."
)

# Before a side-effect answer that follows an escalation: the escalation leads.
FOLLOW_UP_PREFIX = "About your question (this does not change the advice above): "


@dataclass(frozen=True)
class Reply:
    """One bot message: text, optional buttons, optional machine-readable data."""

    text: str
    buttons: Tuple[Dict[str, str], ...] = ()
    custom: Optional[Dict[str, Any]] = None


@dataclass(frozen=True)
class Turn:
    """What the action knows about the latest user message and the context."""

    intent: Optional[str]
    medicines: Sequence[str] = ()
    other_medicines: Sequence[str] = ()
    slot_medicine: Optional[str] = None
    pending_topic: Optional[str] = None
    last_topic: Optional[str] = None
    asked_symptoms: Sequence[str] = ()
    text: str = ""
    # The intent classifier's ranking, best first, even when it was too unsure
    # to decide (then `intent` is the fallback): a second reading for ranking.
    intent_ranking: Sequence[str] = ()
    # The classifier's confidence in each intent of that ranking.
    intent_confidence: Mapping[str, float] = field(default_factory=dict)


def ranked_intents(ranking: Sequence[Dict[str, object]]) -> List[str]:
    """Intent names of an NLU ranking, best first, once each, without the
    fallback intent."""
    return list(intent_confidences(ranking))


def intent_confidences(ranking: Sequence[Dict[str, object]]) -> Dict[str, float]:
    """Each intent's confidence in an NLU ranking (the first, if one repeats)."""
    confidences: Dict[str, float] = {}
    for entry in ranking:
        name = entry.get("name")
        if name and name != INTENT_NLU_FALLBACK and name not in confidences:
            confidences[str(name)] = float(entry.get("confidence") or 0.0)  # type: ignore[arg-type]
    return confidences


@dataclass
class Outcome:
    """Replies to send and slot values to set (None clears a slot)."""

    replies: List[Reply]
    slots: Dict[str, Optional[str]] = field(default_factory=dict)


# --- Composition -----------------------------------------------------------------


def source_note(fact: Fact) -> str:
    """Short line telling the patient where an answer comes from."""
    return (
        f'Source: {fact.source_title}, section "{fact.section}" '
        f"(reviewed {fact.reviewed.isoformat()})."
    )


def fact_reply(fact: Fact) -> Reply:
    """The answer for one fact, its source note, and its audit data."""
    return Reply(
        text=f"{fact.answer}\n\n{source_note(fact)}",
        custom={
            "fact": {
                "id": fact.id,
                "medicine": fact.medicine_id,
                "topic": fact.topic,
                "source": {
                    "file": fact.source_file,
                    "title": fact.source_title,
                    "section": fact.section,
                },
                "reviewed": fact.reviewed.isoformat(),
            }
        },
    )


def no_information_reply(medicine: Medicine, topic: str) -> Reply:
    """Said when the seeds have nothing on this topic for this medicine."""
    label = TOPIC_LABELS.get(topic, "that")
    return Reply(
        text=(
            f"The information I have on {medicine.name} does not cover {label}, "
            f"so I can't answer that. Please ask {CARE_TEAM}. {SAFETY_LINE}"
        ),
        custom={"no_information": {"medicine": medicine.id, "topic": topic}},
    )


def uncovered_reply(medicine: Medicine, aspects: Sequence[Aspect]) -> Reply:
    """Said for the parts of a question the medicine's sources say nothing about
    ("can I drink wine on it?"), before any part they do answer."""
    return Reply(
        text=(
            f"My sources on {medicine.name} don't say anything about "
            f"{aspect_names(aspects)}, so I can't answer that. Please ask {CARE_TEAM}. "
            f"{SAFETY_LINE}"
        ),
        custom={
            "no_information": {
                "medicine": medicine.id,
                "topic": None,
                "aspects": [a.name for a in aspects],
            }
        },
    )


def _with_uncovered(store: FactStore, outcome: "Outcome", text: str) -> "Outcome":
    """Put the not-covered statement first when the question asks about
    something the answered medicine's sources never mention."""
    medicine = store.medicine(outcome.slots.get(SLOT_MEDICINE) or "")
    if medicine is None:
        return outcome
    aspects = uncovered_aspects(medicine, text)
    if aspects:
        outcome.replies.insert(0, uncovered_reply(medicine, aspects))
    return outcome


def covered_names(store: FactStore) -> str:
    """'socazolimab and plozalizumab (MLN1202)' from the fact base."""
    names = []
    for medicine in store.medicines:
        extra = [a for a in medicine.aliases if a.lower() != medicine.name.lower()]
        names.append(
            f"{medicine.name} ({', '.join(extra)})" if extra else medicine.name
        )
    return and_list(names)


def unknown_medicine_reply(store: FactStore, others: Sequence[str]) -> Reply:
    """Said when the patient asks about a medicine the bot does not cover."""
    asked = ", ".join(dict.fromkeys(others))
    return Reply(
        text=(
            f"I only have information about {covered_names(store)}. I can't answer "
            f"questions about {asked}. Please ask {CARE_TEAM} about it. {SAFETY_LINE}"
        ),
        custom={"unknown_medicine": list(dict.fromkeys(others))},
    )


def medicine_payload(medicine_id: str) -> str:
    """A button payload that sets the medicine directly (the only `/` text patient
    channels let through as it is: see channels/guard.py)."""
    return f'/{INTENT_INFORM_MEDICINE}{{"medicine": "{medicine_id}"}}'


def medicine_buttons(store: FactStore) -> Tuple[Dict[str, str], ...]:
    """One button per covered medicine."""
    return tuple(
        {"title": medicine.name, "payload": medicine_payload(medicine.id)}
        for medicine in store.medicines
    )


def clarify_reply(store: FactStore, topic: Optional[str]) -> Reply:
    """Ask which medicine the question is about."""
    asked = f" You asked about: {TOPIC_LABELS[topic]}." if topic in TOPIC_LABELS else ""
    return Reply(
        text=f"Which medicine do you mean?{asked}",
        buttons=medicine_buttons(store),
    )


def topic_payload(medicine_id: str, topic: str) -> str:
    """A button payload that asks one topic for one medicine (no NLU involved)."""
    intent = INTENT_BY_TOPIC[topic]
    return f'/{intent}{{"{SLOT_MEDICINE}": "{medicine_id}"}}'


def topic_payloads(store: FactStore) -> Tuple[str, ...]:
    """Every topic button payload the bot can offer, for the channels' front door."""
    return tuple(
        topic_payload(medicine.id, topic)
        for medicine in store.medicines
        for topic in medicine.facts
        if topic in INTENT_BY_TOPIC
    )


def closest_match_reply(fact: Fact, others: Sequence[str] = ()) -> Reply:
    """An answer found by ranking the fact base, said to be the closest match;
    `others` are the next best topics, offered as buttons in case it is not."""
    answer = fact_reply(fact)
    label = TOPIC_LABELS.get(fact.topic, fact.topic)
    others = [t for t in others if t != fact.topic and t in TOPIC_LABELS]
    text = (
        f"Here is what my sources say about {label}, the closest match to your "
        f"question:\n\n{answer.text}"
    )
    if others:
        text += "\n\nIf you meant something else, you can pick it below."
    return Reply(
        text=text,
        buttons=tuple(_topic_button(fact.medicine_id, t) for t in others),
        custom={**(answer.custom or {}), "closest_match": True},
    )


def _topic_button(medicine_id: str, topic: str) -> Dict[str, str]:
    label = TOPIC_LABELS[topic]
    return {
        "title": label[0].upper() + label[1:],
        "payload": topic_payload(medicine_id, topic),
    }


def topic_choices_reply(medicine: Medicine, topics: Sequence[str]) -> Reply:
    """No clear match: the medicine's best topics as buttons."""
    return Reply(
        text=(
            f"I'm not sure which part of {medicine.name} you mean. Is it one of these? "
            f"{SAFETY_LINE}"
        ),
        buttons=tuple(
            _topic_button(medicine.id, t) for t in topics if t in TOPIC_LABELS
        ),
        custom={"topic_choices": {"medicine": medicine.id, "topics": list(topics)}},
    )


def rephrase_reply(store: FactStore, medicine_first: Optional[str] = None) -> Reply:
    """Low-confidence reply: ask to rephrase and suggest questions as buttons,
    for the medicine the patient named first."""
    suggestions = []
    medicines = sorted(store.medicines, key=lambda m: m.id != medicine_first)
    for medicine in medicines:
        for topic, question in (
            (TOPIC_MECHANISM, f"How does {medicine.name} work?"),
            (
                TOPIC_SIDE_EFFECTS_COMMON,
                f"What are the side effects of {medicine.name}?",
            ),
        ):
            if topic in medicine.facts:
                suggestions.append({"title": question, "payload": question})
    return Reply(
        text=(
            "Sorry, I'm not sure I understood. Could you say it another way? "
            f"You can also pick one of these questions. {SAFETY_LINE}"
        ),
        buttons=tuple(suggestions),
    )


def side_effect_check_replies(
    medicine: Medicine, asked: Sequence[Asked]
) -> List[Reply]:
    """Whether the sources list each asked symptom or organ effect (up to three),
    in which group, with the passage and its source; or that they don't. Effects
    listed by the same passage ("my skin... itchy... a rash") share one reply."""
    # One entry per reply: (what was asked, where it is listed or None).
    entries: List[Tuple[List[Asked], Optional[Listed], List[Listed]]] = []
    for item in asked[:3]:
        listed = look_up(medicine, item)
        found = first(listed)
        same = next(
            (e for e in entries if found and e[1] and e[1].passage == found.passage),
            None,
        )
        if same is not None:
            same[0].append(item)
        else:
            entries.append(([item], found, listed))
    replies = []
    team = _team(medicine)
    for items, found, listed in entries:
        said = and_list([f"effects on {i.name}" if i.organ else i.name for i in items])
        names_asked = ", ".join(i.name for i in items)
        only_to_report = bool(listed) and all(
            item.fact.topic == TOPIC_REPORT_MONITOR for item in listed
        )
        if found is None or only_to_report:
            # Never "yes" for an effect the sources do not list: quote what they
            # do say about it, a sign to report or a broader sign, in their words.
            said_instead = found or first(related_signs(medicine, items[0]))
            text = f"My sources on {medicine.name} do not list {said} as a side effect."
            if said_instead is not None:
                text += (
                    f' What they do say: "{said_instead.passage}" '
                    f"{_act(urgency(said_instead), team, items[0].name)}\n\n"
                    f"{source_note(said_instead.fact)}"
                )
            else:
                text += (
                    f" That does not mean it cannot happen: please ask {CARE_TEAM}. "
                    f"{SAFETY_LINE}"
                )
            custom = {
                "side_effect_check": {
                    "medicine": medicine.id,
                    "asked": names_asked,
                    "listed": False,
                }
            }
            if said_instead is not None:
                custom["side_effect_check"]["fact"] = said_instead.fact.id
        else:
            groups = " and ".join(group_names(listed))
            # Act as strongly as the strongest passage listing it, and quote that
            # passage too ("report immediately" may be in another fact).
            # A related sign can carry the warning ("diarrhoea" is common; the
            # colitis it may be needs prompt medical attention).
            candidates = [*listed, *related_signs(medicine, items[0])]
            strongest = min(
                candidates, key=lambda item: _URGENCY_ORDER.index(urgency(item))
            )
            also = (
                f' They also say: "{strongest.passage}"'
                if strongest.passage != found.passage and urgency(strongest)
                else ""
            )
            text = (
                f"Yes. My sources on {medicine.name} mention {said} under {groups}: "
                f'"{found.passage}"{also} {_act(urgency(strongest), team, items[0].name)}\n\n'
                f"{source_note(found.fact)}"
            )
            custom = {
                "side_effect_check": {
                    "medicine": medicine.id,
                    "asked": names_asked,
                    "listed": True,
                    "groups": group_names(listed),
                    "fact": found.fact.id,
                }
            }
        replies.append(Reply(text=text, custom=custom))
    return replies


_URGENCY_ORDER = (IMMEDIATE, PROMPT, REPORT, None)


def _team(medicine: Medicine) -> str:
    """Who a patient tells: the trial doctor for a medicine only given in trials."""
    return (
        "your trial doctor"
        if medicine.status == STATUS_INVESTIGATIONAL
        else "your care team"
    )


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


def _act(how: Optional[str], team: str, effect: str = "") -> str:
    """What to do: as strongly as the source says it (`core.side_effects.urgency`),
    and never less urgently than the symptom check's advice for that effect."""
    said = {
        IMMEDIATE: "The source says to report this immediately. ",
        PROMPT: "The source says these need prompt medical attention. ",
        REPORT: "The source says to report it. ",
    }.get(how or "", "")
    category = EFFECT_CATEGORY.get(effect, "")
    level = LEVEL_BY_CATEGORY.get(category)
    # An emergency sign of this effect is named, with the emergency number.
    emergency = (
        f" If you ever have {WHEN_TO_CALL[category]}, call your local emergency number "
        "straight away."
        if level == EMERGENCY
        else ""
    )
    if level in (URGENT, EMERGENCY) or how in (IMMEDIATE, PROMPT):
        return (
            f"{said}If you have this now, contact {team} or their 24-hour line straight "
            f"away; if it is severe, call your local emergency number.{emergency}"
        )
    if how == REPORT:
        return f"{said}If you have this now, tell {team}; if it is severe, call your local emergency number."
    return (
        f"If you have this now, contact {team}; "
        "if it is severe, call your local emergency number."
    )


def escalation_follow_up(
    store: FactStore,
    turn: Turn,
    level: Optional[str],
    retriever: Optional["FactRetriever"] = None,
) -> List[Reply]:
    """After an urgent or routine escalation, the question the message also
    asked, answered from the facts under the escalation: the side-effect check
    ("...a rash since yesterday, is this from socazolimab?"), else the topic the
    intent classifier read before triage took the message ("...diarrhoea six
    times today, how often is it given?"). Never after an emergency: that reply
    must stand alone."""
    if level not in (URGENT, ROUTINE):
        return []
    medicine = _medicine_in_play(store, turn)
    asked = _effects_asked(_as_the_medicine(store, turn.text))
    if medicine is not None and asked:
        replies = side_effect_check_replies(medicine, asked)
    else:
        replies = _question_under_escalation(store, turn, retriever)
    return [
        Reply(text=f"{FOLLOW_UP_PREFIX}{reply.text}", custom=reply.custom)
        for reply in replies
    ]


# DIET's reading of the question under a symptom report must be this sure to be
# answered: below it, the escalation stands alone rather than answer a guess.
QUESTION_UNDER_ESCALATION_CONFIDENCE = 0.5
_QUESTION_FORM = re.compile(
    r"\?|(?:^|[.,;!]\s*|\band\s+|\bbut\s+)(?:how|what|when|which|why|is|are|can|could|"
    r"does|do|should|will|would)\b",
    re.IGNORECASE,
)


def _question_under_escalation(
    store: FactStore,
    turn: Turn,
    retriever: Optional["FactRetriever"],
) -> List[Reply]:
    """The facts answering the topic question asked with a symptom report."""
    question = next((i for i in turn.intent_ranking if i in TOPIC_BY_INTENT), None)
    if (
        question is None
        or not _QUESTION_FORM.search(turn.text)
        or turn.intent_confidence.get(question, 0.0)
        < QUESTION_UNDER_ESCALATION_CONFIDENCE
    ):
        return []
    outcome = respond(store, dataclasses.replace(turn, intent=question), retriever)
    return [r for r in outcome.replies if r.custom and "fact" in r.custom]


def not_compared_reply(things: Sequence[str]) -> Reply:
    """The things a patient compared ours with that the answer never mentions."""
    return Reply(
        text=(
            f"My sources don't compare it with {' or '.join(things)}, so I can't say "
            f"more than the above. Please ask {CARE_TEAM}."
        ),
        custom={"not_compared": list(things)},
    )


def _with_comparison(
    store: FactStore, outcome: "Outcome", things: Sequence[str]
) -> "Outcome":
    """After the answer to a comparison, say which things compared the facts
    given never mention (the sources don't settle those comparisons)."""
    facts = [
        store.fact(r.custom["fact"]["medicine"], r.custom["fact"]["topic"])
        for r in outcome.replies
        if r.custom and "fact" in r.custom
    ]
    sources = " ".join(_fact_text(f) for f in facts if f is not None)
    missing = unsettled(things, sources) if facts else []
    if missing:
        outcome.replies.append(not_compared_reply(missing))
    return outcome


# "Is it used for X?": the words that introduce the condition asked about.
_USE_CUE = re.compile(
    r"\b(?:used? (?:for|to treat|against|in)|treat(?:s|ing|ment for)?|approved (?:for|to treat)|"
    r"licensed for|prescribed for|given for|good for|help(?:s)?(?: with| against)?|cure(?:s)?|"
    r"works? (?:for|on|against)|effective (?:for|against)|any use (?:for|in|against)|"
    r"results (?:in|for)|studied (?:in|for)|tested (?:in|on|for)|trials? (?:in|for))\s+"
    r"(?:my |his |her |their |a |an |the |people with |patients with )?"
    r"(?P<condition>[a-z][a-z'-]*(?: [a-z][a-z'-]*){0,3})",
    re.IGNORECASE,
)
# Words of a condition phrase that name no particular condition.
_GENERIC_CONDITION_WORDS = frozenset(
    {
        "cancer",
        "cancers",
        "disease",
        "diseases",
        "tumour",
        "tumours",
        "tumor",
        "tumors",
        "people",
        "patients",
        "treatment",
        "something",
        "anything",
        "other",
        "stage",
        "advanced",
        "type",
        "kind",
        "this",
        "that",
        "it",
        "them",
        "yet",
        "too",
        "also",
        "now",
        "still",
        "well",
        "long",
        "term",
        "sure",
        "really",
        "me",
        "him",
        "her",
        "all",
        "types",
        "kinds",
        "form",
        "forms",
        "early",
        "late",
        "both",
        "same",
        "way",
        "thing",
        "things",
        "side",
        "effects",
        "symptoms",
        "what",
        "which",
        "does",
        "will",
        "would",
        "could",
        "should",
        "can",
        "and",
        "or",
        "in",
        "on",
        "with",
        "from",
        "of",
        "to",
        "the",
        "a",
        "an",
        "is",
        "are",
        "as",
        "for",
        "if",
        "when",
    }
)
# The facts that say what a medicine is for.
USE_TOPICS = (
    TOPIC_APPROVED_USES,
    TOPIC_INVESTIGATIONAL_USES,
    TOPIC_TRIAL_RESULTS,
    TOPIC_OVERVIEW,
    TOPIC_APPROVAL,
)


def _named_conditions(medicine: Medicine, text: str) -> List[Tuple[str, List[str]]]:
    """Each condition a "used for X?" question names: (its phrase, its specific
    words); phrases of generic words only ("for cancer") are left out."""
    names = {n.lower() for n in medicine.names}
    conditions = []
    for match in _USE_CUE.finditer(text or ""):
        # The phrase ends where a new clause or a filler word starts.
        kept: List[str] = []
        for word in re.findall(r"[a-z][a-z'-]*", match.group("condition").lower()):
            if word in {
                "and",
                "or",
                "too",
                "yet",
                "now",
                "as",
                "in",
                "if",
                "when",
                "like",
            }:
                break
            kept.append(word)
        specific = [
            w
            for w in kept
            if w not in _GENERIC_CONDITION_WORDS and w not in names and len(w) >= 3
        ]
        if specific:
            conditions.append((" ".join(kept), specific))
    return conditions


def _mentions_all(words: Sequence[str], sources: str) -> bool:
    """Every word, by its first five letters ("atherosclerosis" is in
    "atherosclerotic"), appears in the lower-cased sources."""
    return all(re.search(rf"\b{re.escape(w[:5])}", sources) for w in words)


def _fact_text(fact: Fact) -> str:
    return " ".join([fact.answer, *fact.quotes]).lower()


def unmentioned_condition(medicine: Medicine, text: str) -> Optional[str]:
    """The condition a "used for X?" question names, if the medicine's facts on
    its uses never mention it ("multiple sclerosis"); None when they do, or when
    no particular condition is named."""
    sources = " ".join(
        _fact_text(medicine.facts[t]) for t in USE_TOPICS if t in medicine.facts
    )
    for phrase, specific in _named_conditions(medicine, text):
        if not _mentions_all(specific, sources):
            return phrase
    return None


def condition_topic(medicine: Medicine, text: str) -> Optional[str]:
    """The topic on its uses ("does it help atherosclerosis?") whose fact
    mentions the condition the question names, the first of USE_TOPICS."""
    for _, specific in _named_conditions(medicine, text):
        for topic in USE_TOPICS:
            fact = medicine.facts.get(topic)
            if fact is not None and _mentions_all(specific, _fact_text(fact)):
                return topic
    return None


def unmentioned_condition_reply(medicine: Medicine, condition: str) -> Reply:
    return Reply(
        text=(
            f"My sources on {medicine.name} don't mention {condition}, so I can't say "
            f"whether it is used for that. Please ask {CARE_TEAM}."
        ),
        custom={
            "no_information": {
                "medicine": medicine.id,
                "topic": None,
                "condition": condition,
            }
        },
    )


# What a "what is it?" answer is built from, in order; each topic that exists.
OVERVIEW_PARTS: Tuple[Tuple[str, ...], ...] = (
    (TOPIC_OVERVIEW,),
    (TOPIC_DRUG_CLASS,),
    (TOPIC_APPROVED_USES, TOPIC_INVESTIGATIONAL_USES),
    (TOPIC_APPROVAL,),
)


def overview_reply(medicine: Medicine) -> Reply:
    """What it is, what kind of medicine, what it is approved or studied for, and
    its status: whole answers of several facts, each named in the source line."""
    facts: List[Fact] = []
    for choices in OVERVIEW_PARTS:
        fact = next((medicine.facts[t] for t in choices if t in medicine.facts), None)
        if fact is not None and fact not in facts:
            facts.append(fact)
    if not facts:
        return no_information_reply(medicine, TOPIC_OVERVIEW)
    first_fact = facts[0]
    sections = ", ".join(f'"{f.section}"' for f in dict.fromkeys(facts))
    reply = fact_reply(first_fact)
    return Reply(
        text=" ".join(f.answer for f in facts)
        + f"\n\nSource: {first_fact.source_title}, sections {sections} "
        f"(reviewed {max(f.reviewed for f in facts).isoformat()}).",
        custom={**(reply.custom or {}), "facts": [f.id for f in facts]},
    )


def when_to_call_reply(categories: Sequence[str]) -> Optional[Reply]:
    """Education for symptoms asked about (not reported): when to get help."""
    sentences = []
    for category in dict.fromkeys(categories):
        watch_for = WHEN_TO_CALL.get(category)
        if watch_for is None:
            continue
        level = LEVEL_BY_CATEGORY.get(category)
        if level == EMERGENCY:
            sentences.append(
                f"If you ever have {watch_for}, call your local emergency number straight away."
            )
        elif level == URGENT:
            sentences.append(
                f"If you have {watch_for}, contact your care team (or trial doctor) or their "
                f"24-hour line straight away; don't wait for your next appointment."
            )
        else:
            sentences.append(
                f"Mention it to your care team at your next visit. If you have {watch_for}, "
                f"contact them straight away."
            )
    if not sentences:
        return None
    return Reply(
        text="When to get help: " + " ".join(sentences),
        custom={"when_to_call": list(dict.fromkeys(categories))},
    )


# --- Decision --------------------------------------------------------------------


def _answer(store: FactStore, medicine_ids: Sequence[str], topic: str) -> List[Reply]:
    replies = []
    for medicine_id in medicine_ids:
        medicine = store.medicine(medicine_id)
        if medicine is None:
            continue
        fact = medicine.facts.get(topic)
        replies.append(
            fact_reply(fact) if fact else no_information_reply(medicine, topic)
        )
    return replies


def _fact_mentions(fact: Optional[Fact], names: Sequence[str]) -> bool:
    if fact is None:
        return False
    answer = fact.answer.lower()
    return all(name.lower() in answer for name in names)


# Where a message asks a second question: "?", ";", "also", or "and" before a
# new question word ("what are the side effects and how long does it last").
_PARTS = re.compile(
    r"\?|;|\balso\b|\bplus\b|\band (?=(?:what|how|is|are|does|do|can|will|when|who|where|why|"
    r"the|its|any|long|whether|if)\b)",
    re.IGNORECASE,
)
MAX_PARTS = 3


def question_parts(text: str) -> List[str]:
    """The separate questions in a message, longest first kept in order."""
    return [
        p.strip(" ,.")
        for p in _PARTS.split(text or "")
        if len(p.strip(" ,.").split()) >= 2
    ]


def respond(
    store: FactStore, turn: Turn, retriever: Optional["FactRetriever"] = None
) -> Outcome:
    """Replies for the turn, plus when-to-call advice for symptoms asked about.

    With a retriever, a message of several questions gets an answer for each
    part whose topic clearly wins the ranking (up to three topics in all)."""
    classifier_topic = TOPIC_BY_INTENT.get(turn.intent or "")
    compared = _compared(store, turn)
    named = _covered_named(store, turn)
    if compared and classifier_topic in (None, TOPIC_OVERVIEW) and named:
        # "socazolimab vs pembrolizumab": how ours works (its class, against a
        # kind of treatment), then what the sources don't settle.
        asked = _asked_for(store, turn.text, compared)
        turn = dataclasses.replace(turn, intent=INTENT_BY_TOPIC[asked[0]])
    elif retriever is not None and turn.intent == INTENT_INFORM_MEDICINE:
        turn = _words_beside_the_name(store, retriever, turn)
    elif retriever is not None:
        turn = _second_reading(store, retriever, turn)
    outcome = _respond(store, turn)
    if retriever is not None:
        outcome.replies.extend(_closest_to_uncovered(store, retriever, turn, outcome))
    if compared:
        outcome = _with_comparison(store, outcome, compared)
    elif TOPIC_BY_INTENT.get(turn.intent or "") == TOPIC_DRUG_CLASS:
        # "Is it a steroid?" compares by its form alone.
        outcome = _with_comparison(store, outcome, kinds_named(turn.text))
    if turn.intent != INTENT_INFORM_MEDICINE:
        outcome = _with_uncovered(store, outcome, turn.text)
    if retriever is not None:
        # In a question of several parts, the topic the classifier read stays one
        # of the parts answered when another reading took the lead.
        outcome.replies.extend(
            _other_parts(store, retriever, turn, outcome, classifier_topic)
        )
    advice = when_to_call_reply(turn.asked_symptoms)
    if advice is not None:
        outcome.replies.append(advice)
    return outcome


# Three readings of a topic question: the intent classifier, BM25 over the
# named medicine's facts, and the form of the question. Each topic scores the
# classifier's confidence in it, plus this weight times its BM25 score relative
# to the best, plus QUESTION_TYPE_WEIGHT if its form asks for it; the highest is
# answered. With 1.0 the ranking overrules a confident classifier only when the
# classifier's topic shares few words with the question. Chosen on the
# development question sets (scripts/question_report.py prints the effect; 1.5
# and 2.0 moved them by one question either way).
FUSION_WEIGHT = 1.0


# The third reading: a topic the form of the question asks for
# (core/question_types.py) gains this much.
QUESTION_TYPE_WEIGHT = 1.0


def fused_topic(
    medicine: Medicine,
    ranking: "Ranking",
    confidence: Mapping[str, float],
    min_score: float = 0.0,
    asked_for: Sequence[str] = (),
) -> Optional[str]:
    """The medicine's topic that the classifier, the ranking and the form of
    the question (`asked_for`) favour together, if it leads the next (a tie is
    no answer) and scores `min_score` by BM25 or is asked for by its form."""
    scores = dict(ranking.scored)
    best = max(scores.values(), default=0.0)
    classifier = {
        TOPIC_BY_INTENT[i]: c for i, c in confidence.items() if i in TOPIC_BY_INTENT
    }
    fused = {
        topic: (
            classifier.get(topic, 0.0)
            + FUSION_WEIGHT * (scores.get(topic, 0.0) / best if best > 0 else 0.0)
            + QUESTION_TYPE_WEIGHT * (topic in asked_for)
        )
        for topic in set(classifier) | set(scores) | set(asked_for)
        if topic in medicine.facts
    }
    topics = sorted(fused, key=lambda t: (-fused[t], t))
    if (
        not topics
        or fused[topics[0]] <= 0
        or (scores.get(topics[0], 0.0) < min_score and topics[0] not in asked_for)
    ):
        return None
    if len(topics) > 1 and fused[topics[0]] <= fused[topics[1]]:
        return None
    return topics[0]


def _closest_to_uncovered(
    store: FactStore, retriever: "FactRetriever", turn: Turn, outcome: Outcome
) -> List[Reply]:
    """When the topic asked is one the medicine's sources lack ("no
    information"), the fact that clearly leads the ranking of the patient's
    words, said to be the closest match: "what have natural killer cells got to
    do with it?" read as a precautions question still reaches how it works."""
    medicine = store.medicine(outcome.slots.get(SLOT_MEDICINE) or "")
    topic = TOPIC_BY_INTENT.get(turn.intent or "")
    if (
        medicine is None
        or topic is None
        or topic in medicine.facts
        or len(outcome.replies) != 1
    ):
        return []
    winner = retriever.rank(medicine.id, turn.text).clear_winner or related_topic(
        medicine, topic
    )
    return [closest_match_reply(medicine.facts[winner])] if winner else []


# The fact that comes closest to a topic a medicine's sources lack: what a
# pharmacist would point to ("no section on precautions, but report any new or
# worsening symptoms").
RELATED_TOPICS: Dict[str, Tuple[str, ...]] = {
    "precautions": ("report_monitor",),
    "pretreatment_tests": ("report_monitor",),
    "related_research": ("investigational_uses",),
    "dose_adjustment": ("dose",),
    "premedication": ("administration",),
    "boxed_warning": ("side_effects_serious",),
    "side_effects_chemo": ("side_effects_common",),
    "developer": ("approval",),
}


def related_topic(medicine: Medicine, topic: str) -> Optional[str]:
    """The medicine's fact closest to a topic its sources lack, if any."""
    return next((t for t in RELATED_TOPICS.get(topic, ()) if t in medicine.facts), None)


def _words_beside_the_name(
    store: FactStore, retriever: "FactRetriever", turn: Turn
) -> Turn:
    """A message read as only naming a medicine, with no topic pending or
    asked before, whose other words clearly point to one of its facts
    ("Sorrento socazolimab?" to its developer): that topic. "What about
    plozalizumab?" has no such words and keeps its overview or earlier topic."""
    named = _covered_named(store, turn)
    if not named or turn.pending_topic or turn.last_topic:
        return turn
    medicine = store.medicine(named[0])
    winner = retriever.rank(named[0], turn.text).clear_winner
    if medicine is None or winner is None:
        return turn
    # The words must name one of the fact's key terms, not only words of the
    # examples its ranking document carries ("ok", "same", "now").
    key_words = set(tokens(" ".join(medicine.facts[winner].key_terms)))
    if not key_words & set(tokens(turn.text)):
        return turn
    return dataclasses.replace(turn, intent=INTENT_BY_TOPIC[winner])


def _compared(store: FactStore, turn: Turn) -> List[str]:
    """What a comparison question compares our medicine with (`core.comparisons`);
    nothing when no medicine of ours is named or in play."""
    if _medicine_in_play(store, turn) is None:
        return []
    return compared_things(turn.text, turn.other_medicines)


def _asked_for(store: FactStore, text: str, compared: Sequence[str] = ()) -> List[str]:
    """The topics the form of the question asks for. A comparison that asks
    nothing else asks what kind of medicine ours is when it is compared with a
    kind of treatment ("is it like chemo?"), else how ours works."""
    asked = question_types(_as_the_medicine(store, text))
    if asked or not compared:
        return asked
    kinds = set(kinds_named(text))
    return [
        TOPIC_DRUG_CLASS
        if all(thing in kinds for thing in compared)
        else TOPIC_MECHANISM
    ]


def _second_reading(store: FactStore, retriever: "FactRetriever", turn: Turn) -> Turn:
    """The turn with the topic the three readings favour (`fused_topic`), for a
    topic question that names one of our medicines; a side-effect question about
    a named symptom keeps its topic (the side-effect check answers it)."""
    asked_topic = TOPIC_BY_INTENT.get(turn.intent or "")
    named = _covered_named(store, turn)
    if asked_topic is None or not named or not turn.intent_confidence:
        return turn
    if asked_topic in SIDE_EFFECT_TOPICS and asked_effects(turn.text):
        return turn
    medicine = store.medicine(named[0])
    assert medicine is not None
    if asked_topic not in medicine.facts:
        return turn  # the sources say nothing on it: say so, never a neighbour
    topic = fused_topic(
        medicine,
        retriever.rank(medicine.id, turn.text),
        turn.intent_confidence,
        asked_for=_asked_for(store, turn.text),
    )
    if topic is None or topic == asked_topic:
        return turn
    return dataclasses.replace(turn, intent=INTENT_BY_TOPIC[topic])


def _covered_named(store: FactStore, turn: Turn) -> List[str]:
    """The covered medicines the message names, once each, in order."""
    return [m for m in dict.fromkeys(turn.medicines) if store.medicine(m)]


def _medicine_in_play(store: FactStore, turn: Turn) -> Optional[Medicine]:
    """The first covered medicine the message names, else the conversation's."""
    named = _covered_named(store, turn)
    return store.medicine(named[0] if named else (turn.slot_medicine or ""))


def _ranked_covering(medicine: Medicine, ranking: "Ranking", text: str) -> List[str]:
    """The topics whose facts mention an aspect `text` asks about, best ranked
    first; those the ranking scores zero are left out."""
    covering = covering_topics(medicine, text)
    return [t for t in ranking.best(len(medicine.facts)) if t in covering]


def _as_the_medicine(store: FactStore, text: str) -> str:
    """The text with our medicines' names as "the medicine": "is this from
    socazolimab?" asks as "is this from the medicine?" does."""
    pattern = _names_pattern(
        tuple(sorted({n for m in store.medicines for n in m.names}))
    )
    return pattern.sub(MEDICINE_PLACEHOLDER, text) if pattern else text


_names_pattern = functools.lru_cache(maxsize=8)(names_pattern)


def _effects_asked(text: str) -> List[Asked]:
    """The symptoms or organs a side-effect question ("does it cause ...") names."""
    return asked_effects(text) if is_side_effect_question(text) else []


def _part_topic(
    store: FactStore, retriever: "FactRetriever", medicine: Medicine, part: str
) -> Optional[str]:
    """The topic one part of a question asks: the one its form asks for ("what
    is it?"), else the one that clearly leads its ranking."""
    asked_for = [
        t for t in question_types(_as_the_medicine(store, part)) if t in medicine.facts
    ]
    return (
        asked_for[0]
        if asked_for
        else retriever.rank(medicine.id, part).winner(PART_RATIO, PART_MIN_SCORE)
    )


def _part_topics(
    store: FactStore,
    retriever: "FactRetriever",
    medicine: Medicine,
    parts: Sequence[str],
) -> List[str]:
    """Each part's topic, once each, at most MAX_PARTS."""
    topics = (_part_topic(store, retriever, medicine, part) for part in parts)
    return list(dict.fromkeys(t for t in topics if t))[:MAX_PARTS]


def _other_parts(
    store: FactStore,
    retriever: "FactRetriever",
    turn: Turn,
    outcome: Outcome,
    classifier_topic: Optional[str] = None,
) -> List[Reply]:
    parts = question_parts(turn.text)
    medicine = store.medicine(outcome.slots.get(SLOT_MEDICINE) or "")
    if len(parts) < 2 or medicine is None:
        return []
    answered = {outcome.slots.get(SLOT_LAST_TOPIC)} | {
        r.custom["fact"]["topic"]
        for r in outcome.replies
        if r.custom and "fact" in r.custom
    }
    extra: List[Reply] = []
    topics = [_part_topic(store, retriever, medicine, part) for part in parts]
    for topic in (*topics, classifier_topic):
        if topic is None or topic in answered or len(answered) >= MAX_PARTS:
            continue
        answered.add(topic)
        fact = store.fact(medicine.id, topic)
        if fact is not None:
            extra.append(fact_reply(fact))
    return extra


def _respond(store: FactStore, turn: Turn) -> Outcome:
    """Choose the replies for a question or a follow-up naming a medicine.

    * A topic question answers for the medicines named in the message, else for
      the medicine of the conversation, else asks which medicine (and remembers
      the topic to answer once the patient picks one).
    * A message that only names a medicine ("what about plozalizumab?") answers
      the pending or last topic for it, or gives its overview.
    * A medicine the bot does not cover is never answered with our facts.
    """
    known = _covered_named(store, turn)
    asked_topic = TOPIC_BY_INTENT.get(turn.intent or "")
    follow_up = turn.intent == INTENT_INFORM_MEDICINE or asked_topic is None
    topic = (turn.pending_topic or turn.last_topic) if follow_up else asked_topic

    if not known and not follow_up and store.medicine(turn.slot_medicine or ""):
        context_fact = store.fact(turn.slot_medicine or "", topic or "")
        # "Will they give me Benadryl first?" names another medicine, but one
        # our own fact talks about: answer it. Any other medicine is not ours.
        if not turn.other_medicines or _fact_mentions(
            context_fact, turn.other_medicines
        ):
            known = [turn.slot_medicine or ""]

    if not known and turn.other_medicines:
        return Outcome(
            [unknown_medicine_reply(store, turn.other_medicines)],
            {SLOT_PENDING_TOPIC: None, SLOT_LAST_TOPIC: topic},
        )

    if not known:
        return Outcome([clarify_reply(store, topic)], {SLOT_PENDING_TOPIC: topic})

    topic = topic or TOPIC_OVERVIEW
    slots = {
        # Two medicines at once leave no single "it" for a follow-up.
        SLOT_MEDICINE: known[0] if len(known) == 1 else None,
        SLOT_PENDING_TOPIC: None,
        SLOT_LAST_TOPIC: topic,
    }
    if topic == TOPIC_OVERVIEW and not follow_up:
        return Outcome([overview_reply(store.medicine(m)) for m in known], slots)  # type: ignore[arg-type]
    # A named symptom asked about in a side-effect question, or with "could
    # that be the drug?" whatever topic the rest reads as.
    attributed = not follow_up and is_attribution_question(
        _as_the_medicine(store, turn.text)
    )
    asked = (
        asked_effects(turn.text)
        if (topic in SIDE_EFFECT_TOPICS or attributed) and not follow_up
        else []
    )
    if asked:
        replies = [
            reply
            for medicine_id in known
            for reply in side_effect_check_replies(store.medicine(medicine_id), asked)  # type: ignore[arg-type]
        ]
        return Outcome(replies, slots)
    replies = _answer(store, known, topic)
    medicines = [m for m in (store.medicine(i) for i in known) if m is not None]
    if topic == TOPIC_APPROVED_USES:
        # A medicine still in trials has no approved uses: "what is it used
        # for?" also gets what it is being studied for.
        replies += [
            fact_reply(m.facts[TOPIC_INVESTIGATIONAL_USES])
            for m in medicines
            if m.status == STATUS_INVESTIGATIONAL
            and TOPIC_INVESTIGATIONAL_USES in m.facts
        ]
    if not follow_up:
        if topic in USE_TOPICS:
            conditions = [(m, unmentioned_condition(m, turn.text)) for m in medicines]
            replies += [unmentioned_condition_reply(m, c) for m, c in conditions if c]
        # A condition the question names is answered by the fact on its uses
        # that mentions it, whatever the topic read ("does it help X?").
        given = {
            r.custom["fact"]["id"] for r in replies if r.custom and "fact" in r.custom
        }
        for medicine in medicines:
            found = condition_topic(medicine, turn.text)
            if found and medicine.facts[found].id not in given:
                replies.append(fact_reply(medicine.facts[found]))
    return Outcome(replies, slots)


def fallback_outcome(
    store: FactStore, retriever: "FactRetriever", text: str, turn: Turn
) -> Outcome:
    """The intent was uncertain. If a covered medicine is named, rank its facts:
    answer a clear winner as the closest match, else offer its best topics. With
    no covered medicine named, ask to rephrase (suggestions for the medicine of
    the conversation first)."""
    named = _covered_named(store, turn)
    if not named:
        return Outcome([rephrase_reply(store, turn.slot_medicine)])
    guess = TOPIC_BY_INTENT.get(turn.intent_ranking[0]) if turn.intent_ranking else None
    compared = _compared(store, turn)
    outcome = _ranked_outcome(
        store, retriever, text, named[0], guess, turn.intent_confidence, compared
    )
    return _with_comparison(store, _with_uncovered(store, outcome, text), compared)


def _ranked_outcome(
    store: FactStore,
    retriever: "FactRetriever",
    text: str,
    medicine_id: str,
    guess: Optional[str] = None,
    confidence: Optional[Mapping[str, float]] = None,
    compared: Sequence[str] = (),
) -> Outcome:
    medicine = store.medicine(medicine_id)
    assert medicine is not None
    asked = _effects_asked(_as_the_medicine(store, text))
    if asked:
        return Outcome(
            side_effect_check_replies(medicine, asked), {SLOT_MEDICINE: medicine.id}
        )
    ranking = retriever.rank(medicine.id, text)
    asked_for = [t for t in _asked_for(store, text, compared) if t in medicine.facts]
    # The form of the question decides first (a comparison asks how ours
    # works), as for each part of a question (`_part_topic`).
    winner = asked_for[0] if asked_for else ranking.clear_winner
    parts = question_parts(text)
    if winner is None and len(parts) > 1:
        # Several questions at once: answer each part whose topic clearly leads.
        topics = _part_topics(store, retriever, medicine, parts)
        if topics:
            return Outcome(
                [closest_match_reply(medicine.facts[t]) for t in topics],
                {
                    SLOT_MEDICINE: medicine.id,
                    SLOT_PENDING_TOPIC: None,
                    SLOT_LAST_TOPIC: topics[-1],
                },
            )
    if winner is None:
        # An aspect the patient asks about that a fact mentions (how long treatment
        # goes on, a brand name...): the best ranked fact that mentions it.
        winner = next(iter(_ranked_covering(medicine, ranking, text)), None)
    if (
        winner is None
        and guess in medicine.facts
        and guess in ranking.best(AGREEING_RANKS)
    ):
        # No clear winner by ranking, but the intent classifier's best (unsure)
        # guess is among the top topics: two independent readings agree.
        winner = guess
    others: List[str] = []
    if winner is None and confidence:
        # Both readings together: the topic they favour, with the next best
        # offered in case it is not the one meant.
        winner = fused_topic(
            medicine,
            ranking,
            confidence,
            min_score=FUSED_MIN_SCORE,
            asked_for=asked_for,
        )
        others = [t for t in ranking.best(CHOICES) if t != winner][: CHOICES - 1]
    if winner is not None:
        replies = [closest_match_reply(medicine.facts[winner], others)]
        found = condition_topic(medicine, text)
        if found and found != winner:
            replies.append(fact_reply(medicine.facts[found]))  # the condition named
        return Outcome(
            replies,
            {
                SLOT_MEDICINE: medicine.id,
                SLOT_PENDING_TOPIC: None,
                SLOT_LAST_TOPIC: winner,
            },
        )
    best = ranking.best()
    if best:
        return Outcome(
            [topic_choices_reply(medicine, best)], {SLOT_MEDICINE: medicine.id}
        )
    return Outcome([rephrase_reply(store, medicine.id)], {SLOT_MEDICINE: medicine.id})


# How high the intent classifier's unsure guess must rank by BM25 to be answered.
AGREEING_RANKS = 2
# The BM25 score the fused topic of an unsure question needs to be answered (a
# clear winner alone needs retrieval.MIN_SCORE): below it, the best topics are
# offered. 1.0 on the development question sets: 0.0 answered 3 more correctly
# and many off-topic questions with a guess; 2.0 answered 3 fewer.
FUSED_MIN_SCORE = 1.0

NOT_COVERED_TEXT = (
    "I don't have information on that in my sources, so I can't answer it. Please ask "
    "your care team or pharmacist, who know your situation."
)


def uncovered_outcome(
    store: FactStore, retriever: "FactRetriever", turn: Turn
) -> Outcome:
    """The classifier reads a question the sources don't cover. For the named
    medicine (or the one of the conversation): a side-effect question gets the
    side-effect check; otherwise say which parts are not covered, then answer
    each other part whose topic clearly leads (up to three). With no covered
    medicine in play, a general "not covered" reply."""
    medicine = _medicine_in_play(store, turn)
    if medicine is None:
        return Outcome(
            [
                Reply(
                    text=f"{NOT_COVERED_TEXT} {SAFETY_LINE}",
                    custom={"no_information": {"medicine": None, "topic": None}},
                )
            ]
        )
    slots: Dict[str, Optional[str]] = {
        SLOT_MEDICINE: medicine.id,
        SLOT_PENDING_TOPIC: None,
    }
    asked = _effects_asked(_as_the_medicine(store, turn.text))
    if asked:
        return Outcome(side_effect_check_replies(medicine, asked), slots)
    aspects = uncovered_aspects(medicine, turn.text)
    covering = [] if aspects else covering_topics(medicine, turn.text)
    # The form of the question may ask for a topic the sources have ("does it
    # go by another name?" asks for the overview, which gives its names).
    asked_for = (
        []
        if aspects
        else [t for t in _asked_for(store, turn.text) if t in medicine.facts]
    )
    if covering or asked_for:
        # What was asked is in the sources after all (this medicine's file
        # mentions it): the fact that mentions it, the best ranked if several,
        # and the topic the form asks for.
        ranked = _ranked_covering(
            medicine, retriever.rank(medicine.id, turn.text), turn.text
        )
        topics = list(dict.fromkeys([*(ranked or covering)[:1], *asked_for[:1]]))
        slots[SLOT_LAST_TOPIC] = topics[-1]
        return Outcome([closest_match_reply(medicine.facts[t]) for t in topics], slots)
    replies = [
        uncovered_reply(medicine, aspects)
        if aspects
        else no_information_reply(medicine, "")
    ]
    parts = question_parts(turn.text)
    # One question is the uncovered one: never answer a neighbouring fact for it.
    covered_parts = (
        [part for part in parts if not any(a.asked.search(part) for a in aspects)]
        if len(parts) > 1
        else []
    )
    topics = _part_topics(store, retriever, medicine, covered_parts)
    replies += [fact_reply(medicine.facts[t]) for t in topics]
    if topics:
        slots[SLOT_LAST_TOPIC] = topics[-1]
    elif covered_parts:
        # The other part names no clear topic: offer its best ones.
        best = retriever.rank(medicine.id, covered_parts[0]).best()
        if best:
            replies.append(topic_choices_reply(medicine, best))
    return Outcome(replies, slots)
