"""Every sentence the bot says around its facts, in one place for clinical review.

Pure module: named sentences and templates only, no decision. Which sentence a
patient gets is decided in `core.answers.replies`, `core.answers.side_effect_check`
and the pipeline; the medical content itself always comes from a `Fact`.
"""

from typing import Dict, Sequence

from core.coverage import and_list
from core.facts import Fact
from core.side_effects import IMMEDIATE, PROMPT, REPORT

CARE_TEAM = "your care team (your doctor, nurse or pharmacist)"
# Every reply that is not an answer ends with this line, so no dead end leaves a
# patient with a symptom now without what to do (domain.yml repeats it in the
# out-of-scope and uncovered-topic responses; a test checks).
SAFETY_LINE = (
    "If this is about a symptom you have now, call your care team's 24-hour line, "
    "or your local emergency number if it is severe."
)

# Before a side-effect answer that follows an escalation: the escalation leads.
FOLLOW_UP_PREFIX = "About your question (this does not change the advice above): "

NOT_COVERED_TEXT = (
    "I don't have information on that in my sources, so I can't answer it. Please ask "
    "your care team or pharmacist, who know your situation."
)

# Who a patient tells about a side effect.
TRIAL_DOCTOR = "your trial doctor"
YOUR_CARE_TEAM = "your care team"

REPHRASE_TEXT = (
    "Sorry, I'm not sure I understood. Could you say it another way? "
    f"You can also pick one of these questions. {SAFETY_LINE}"
)
OTHER_CHOICES_TEXT = "\n\nIf you meant something else, you can pick it below."
WHEN_TO_CALL_LEAD = "When to get help: "

# What the source says to do, by its urgency (`core.side_effects.urgency`).
SOURCE_SAYS: Dict[str, str] = {
    IMMEDIATE: "The source says to report this immediately. ",
    PROMPT: "The source says these need prompt medical attention. ",
    REPORT: "The source says to report it. ",
}


def source_note(fact: Fact) -> str:
    """Short line telling the patient where an answer comes from."""
    return (
        f'Source: {fact.source_title}, section "{fact.section}" '
        f"(reviewed {fact.reviewed.isoformat()})."
    )


def fact_text(fact: Fact) -> str:
    """The answer for one fact followed by its source note."""
    return f"{fact.answer}\n\n{source_note(fact)}"


def overview_text(
    answers: Sequence[str], first: Fact, sections: Sequence[str], reviewed: str
) -> str:
    """Several facts' answers as one overview, with the sections they come from."""
    named = ", ".join(f'"{section}"' for section in sections)
    word = "section" if len(sections) == 1 else "sections"
    return (
        " ".join(answers) + f"\n\nSource: {first.source_title}, {word} {named} "
        f"(reviewed {reviewed})."
    )


def no_information_text(medicine_name: str, label: str) -> str:
    """The sources have nothing on this topic for this medicine."""
    return (
        f"The information I have on {medicine_name} does not cover {label}, "
        f"so I can't answer that. Please ask {CARE_TEAM}. {SAFETY_LINE}"
    )


def uncovered_text(medicine_name: str, aspects: str) -> str:
    """The sources say nothing about what was asked beside the topic."""
    return (
        f"My sources on {medicine_name} don't say anything about "
        f"{aspects}, so I can't answer that. Please ask {CARE_TEAM}. "
        f"{SAFETY_LINE}"
    )


def not_covered_text() -> str:
    """A question the sources don't cover, with no medicine in play."""
    return f"{NOT_COVERED_TEXT} {SAFETY_LINE}"


def unknown_medicine_text(covered: str, asked: Sequence[str]) -> str:
    """Medicines the bot does not cover."""
    return (
        f"I only have information about {covered}. I can't answer "
        f"questions about {', '.join(asked)}. Please ask {CARE_TEAM} about it. "
        f"{SAFETY_LINE}"
    )


def medicine_with_aliases(name: str, aliases: Sequence[str]) -> str:
    """'plozalizumab (MLN1202)'."""
    return f"{name} ({', '.join(aliases)})" if aliases else name


def clarify_text(topic_label: str) -> str:
    """Ask which medicine; `topic_label` is empty when no topic was read."""
    asked = f" You asked about: {topic_label}." if topic_label else ""
    return f"Which medicine do you mean?{asked}"


def closest_match_text(label: str, answer: str) -> str:
    """An answer found by ranking the fact base, said to be the closest match."""
    return (
        f"Here is what my sources say about {label}, the closest match to your "
        f"question:\n\n{answer}"
    )


def topic_title(label: str) -> str:
    """A topic label as a button title: 'How it works'."""
    return label[0].upper() + label[1:]


def topic_choices_text(medicine_name: str) -> str:
    """No clear match: offer the medicine's best topics."""
    return (
        f"I'm not sure which part of {medicine_name} you mean. Is it one of these? "
        f"{SAFETY_LINE}"
    )


def mechanism_question(medicine_name: str) -> str:
    """A suggested question on how the medicine works."""
    return f"How does {medicine_name} work?"


def side_effects_question(medicine_name: str) -> str:
    """A suggested question on the medicine's side effects."""
    return f"What are the side effects of {medicine_name}?"


def not_compared_text(things: Sequence[str]) -> str:
    """The things compared that the answer never mentions."""
    return (
        f"My sources don't compare it with {' or '.join(things)}, so I can't say "
        f"more than the above. Please ask {CARE_TEAM}."
    )


def unmentioned_condition_text(medicine_name: str, condition: str) -> str:
    """A "used for X?" question about a condition the sources never mention."""
    return (
        f"My sources on {medicine_name} don't mention {condition}, so I can't say "
        f"whether it is used for that. Please ask {CARE_TEAM}."
    )


# --- The side-effect check ----------------------------------------------------------


def effect_said(name: str, organ: bool) -> str:
    """An asked effect as said back: 'rash', 'effects on your liver'."""
    return f"effects on {name}" if organ else name


def effects_said(said: Sequence[str]) -> str:
    """Several asked effects as one phrase."""
    return and_list(list(said))


def groups_said(groups: Sequence[str]) -> str:
    """The groups of side effects an effect is listed under, as one phrase."""
    return " and ".join(groups)


def not_listed_text(medicine_name: str, said: str) -> str:
    """The sources do not list the asked effect as a side effect."""
    return f"My sources on {medicine_name} do not list {said} as a side effect."


def what_they_do_say(passage: str, act: str, source: str) -> str:
    """After "not listed": the passage the sources do have on it."""
    return f' What they do say: "{passage}" {act}\n\n{source}'


def cannot_rule_out() -> str:
    """After "not listed", when the sources have nothing related."""
    return (
        f" That does not mean it cannot happen: please ask {CARE_TEAM}. {SAFETY_LINE}"
    )


def they_also_say(passage: str) -> str:
    """A stronger passage on the same effect, quoted after the first."""
    return f' They also say: "{passage}"'


def listed_text(
    medicine_name: str, said: str, groups: str, passage: str, also: str, act: str
) -> str:
    """The sources list the asked effect: where, in their words, and what to do."""
    return (
        f"Yes. My sources on {medicine_name} mention {said} under {groups}: "
        f'"{passage}"{also} {act}'
    )


def emergency_sign_text(watch_for: str) -> str:
    """An emergency sign of an effect, with the emergency number."""
    return (
        f" If you ever have {watch_for}, call your local emergency number "
        "straight away."
    )


def act_now_text(said: str, team: str, emergency: str) -> str:
    """What to do for an effect that needs help straight away."""
    return (
        f"{said}If you have this now, contact {team} or their 24-hour line straight "
        f"away; if it is severe, call your local emergency number.{emergency}"
    )


def act_report_text(said: str, team: str) -> str:
    """What to do for an effect the source says to report."""
    return (
        f"{said}If you have this now, tell {team}; if it is severe, call your "
        "local emergency number."
    )


def act_text(team: str) -> str:
    """What to do for any other effect."""
    return (
        f"If you have this now, contact {team}; "
        "if it is severe, call your local emergency number."
    )


# --- When to call -------------------------------------------------------------------


def call_emergency_text(watch_for: str) -> str:
    """Education on an emergency sign."""
    return (
        f"If you ever have {watch_for}, call your local emergency number straight away."
    )


def call_urgent_text(watch_for: str) -> str:
    """Education on an urgent sign."""
    return (
        f"If you have {watch_for}, contact your care team (or trial doctor) or their "
        f"24-hour line straight away; don't wait for your next appointment."
    )


def call_routine_text(watch_for: str) -> str:
    """Education on a sign to mention at the next visit."""
    return (
        f"Mention it to your care team at your next visit. If you have {watch_for}, "
        f"contact them straight away."
    )
