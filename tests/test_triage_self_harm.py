"""The self-harm detector: C-SSRS constructs, idioms, negation, history, questions."""

import pytest

from core.triage.detector import SymptomDetector
from core.triage.levels import CALM, EMERGENCY
from core.triage.self_harm import (
    ASKED,
    CURRENT,
    HISTORY,
    POSSIBLE,
    find_self_harm,
    strongest,
)


@pytest.mark.parametrize(
    "text, construct",
    [
        ("sometimes I wish I was dead", "wish_dead"),
        ("I don't want to wake up tomorrow", "wish_dead"),
        ("there's no point in living like this", "wish_dead"),
        ("I keep thinking about killing myself", "suicidal"),
        ("my husband says he wants to end his life", "suicidal"),
        ("I've got a plan, I'll take an overdose tonight", "plan"),
        ("I've been stockpiling my painkillers", "preparation"),
        ("I wrote goodbye letters to my kids", "preparation"),
        ("I cut my arms last night", "self_injury"),
        ("she's been burning herself", "self_injury"),
        ("everyone would be better off without me", "burden"),
        ("I'm just a burden to my family", "burden"),
        ("she keeps having thoughts of not waking up", "suicidal"),
        ("I can't stop thinking about dying", "suicidal"),
    ],
)
def test_each_construct_is_a_current_finding(text: str, construct: str) -> None:
    found = strongest(find_self_harm(text))
    assert found is not None and found.reading == CURRENT, found
    assert any(f.construct == construct for f in find_self_harm(text))


@pytest.mark.parametrize(
    "text",
    [
        "this fatigue is killing me",
        "I'm dying to know my scan results",
        "I'm not suicidal, just tired",
        "I don't want to die, I want this treatment to work",
        "never had any thoughts of harming myself",
        "can I take all my tablets with food?",
        "I can't take the tablets with milk",
        "",
    ],
)
def test_idioms_denials_and_ordinary_questions_find_nothing(text: str) -> None:
    assert find_self_harm(text) == []


@pytest.mark.parametrize(
    "text, reading",
    [
        ("I tried to kill myself years ago but I'm doing well now", HISTORY),
        ("I used to self harm as a teenager", HISTORY),
        ("I used to self harm and lately the urges are back", CURRENT),
        ("years ago I overdosed and I'm thinking about it again", CURRENT),
        ("can socazolimab cause suicidal thoughts?", ASKED),
    ],
)
def test_history_and_questions_are_read_apart_from_now(text: str, reading: str) -> None:
    found = strongest(find_self_harm(text))
    assert found is not None and found.reading == reading


@pytest.mark.parametrize(
    "text",
    [
        "I can't stop thinking about killing myself",
        "i cant stop thinking about ending it all",
        "I couldn't help thinking about suicide",
        "I havent stopped thinking about killing myself",
    ],
)
def test_a_negated_stop_is_a_thought_that_goes_on(text: str) -> None:
    assert SymptomDetector().assess(text).level == EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "I haven't had any thoughts of hurting myself",
        "she hasnt tried to hurt herself",
    ],
)
def test_have_not_denies(text: str) -> None:
    assert SymptomDetector().assess(text).level == CALM


def test_thoughts_told_as_over_with_help_are_history() -> None:
    found = strongest(
        find_self_harm(
            "In my forties I had thoughts of ending it; counselling helped and those "
            "thoughts "
            "went away."
        )
    )
    assert found is not None and found.reading == HISTORY


def test_killing_time_is_not_self_harm() -> None:
    assert find_self_harm("I was thinking about killing time in the waiting room") == []


@pytest.mark.parametrize(
    "text, reading",
    [
        (
            "my brother went through a phase of cutting at school, he's 40 now and "
            "absolutely fine",
            HISTORY,
        ),
        ("I've stopped cutting, three years clean and doing well", HISTORY),
        ("I started cutting again this week", CURRENT),
        ("two years clean but I cut myself again tonight", CURRENT),
    ],
)
def test_self_injury_told_as_a_habit_or_a_period(text: str, reading: str) -> None:
    (finding, *_) = find_self_harm(text)
    assert finding.reading == reading


@pytest.mark.parametrize(
    "text",
    [
        "I stopped cutting down on sugar",
        "she's back to cutting the grass",
        "he started cutting his hair short",
    ],
)
def test_cutting_other_things_is_not_self_injury(text: str) -> None:
    assert find_self_harm(text) == []


@pytest.mark.parametrize(
    "text, construct",
    [
        # Finality and escape, with no word for death.
        ("the tumour will win whatever, so I'll end things myself first", "finality"),
        ("after the next cycle I am not sticking around, that's settled", "finality"),
        ("honestly i won't be around for long, don't worry about me", "finality"),
        ("thinking I might take the easy way out this weekend", "finality"),
        ("might as well end it all now", "finality"),
        # A method or a time decided; means looked up.
        ("I have picked when, and nobody will stop me", "plan"),
        ("what's a fatal amount of oxycodone", "plan"),
        ("been reading up on ways to die that don't hurt", "plan"),
        ("quickest way to go without pain?", "plan"),
        # Goodbyes and giving things away.
        ("this is my goodbye, look after the cat", "preparation"),
        ("i gave all my jewellery away to my nieces last week", "preparation"),
        # Burden told as relief for others.
        ("the kids will be happier once i am gone", "burden"),
    ],
)
def test_indirect_self_harm_is_current(text: str, construct: str) -> None:
    found = strongest(find_self_harm(text))
    assert found is not None and found.reading == CURRENT, found
    assert any(f.construct == construct for f in find_self_harm(text))


@pytest.mark.parametrize(
    "text",
    [
        "I really can't cope with this anymore",
        "whats the point any more",
        "I've given up on life",
        "there's no hope left for me",
        "so tired of fighting",
        "been putting my affairs in order",
    ],
)
def test_distress_that_may_mean_suicide_is_possible_not_emergency(text: str) -> None:
    found = strongest(find_self_harm(text))
    assert found is not None and found.reading == POSSIBLE
    assessment = SymptomDetector().assess(text)
    assert assessment.level == CALM and assessment.self_harm_possible


@pytest.mark.parametrize(
    "text",
    [
        "my dad won't be around by the summer, the consultant told us",  # a prognosis
        "we're not sticking around for the results, we'll phone tomorrow",
        "what is the point of the blood test before each drip?",
        "I've decided when to start: the 14th",
        "said goodbye to my hair today, it was time",
        "I might as well get the flu jab while I'm there",
        "I'm done with chemo, onto immunotherapy next",
    ],
)
def test_calm_twins_of_the_indirect_frames_stay_calm(text: str) -> None:
    assessment = SymptomDetector().assess(text)
    assert assessment.level == CALM and not assessment.self_harm_possible, assessment


@pytest.mark.parametrize(
    "text, reading",
    [
        # Two strong families (finality, burden, farewell, hopelessness, means).
        ("the kids will be fine without me and I've sorted my affairs", CURRENT),
        # One strong family with a place or tool: ideation with a method.
        ("there's no point any more, I know which bridge", CURRENT),
        # One strong family alone: ask gently, with the crisis line.
        ("wrote my will last night and I'm ready", POSSIBLE),
        ("told them to stop worrying about me anymore", POSSIBLE),
    ],
)
def test_warning_signs_from_several_families(text: str, reading: str) -> None:
    found = strongest(find_self_harm(text))
    assert found is not None and found.reading == reading, found


@pytest.mark.parametrize(
    "text",
    [
        "goodbye",
        "we walked along the cliff path and over the old railway bridge",
        "bought rope and a knife for the camping trip after treatment",
        "said my goodbyes to the unit staff on my last day, what a team",
        "the end of treatment is two cycles away",
        "I'm at the end of my tether with the car park",
        "what is the point of the scan before each cycle?",
    ],
)
def test_everyday_words_of_the_families_stay_calm(text: str) -> None:
    assert strongest(find_self_harm(text)) is None


# --- warning signs of preparation, means and ongoing self-injury -----------------


@pytest.mark.parametrize(
    "text",
    [
        # preparation (a pet given away) with finality
        "found my cat a new owner, gave the cat to a neighbour. won't be needing "
        "anything where i am going",
        # hopelessness with a query about a lethal amount
        "no point carrying on, searched online how much insulin would kill a person",
        # a method in a closed garage, told as a farewell
        "door shut, motor on in the garage. i just want someone to know",
        # self-injury getting worse, with a tool
        "the razor cuts are getting too deep now and i do not want to stop",
    ],
)
def test_warning_signs_from_several_families_are_an_emergency(text: str) -> None:
    assessment = SymptomDetector().assess(text)
    assert assessment.level == EMERGENCY, (text, assessment.findings)


@pytest.mark.parametrize(
    "text",
    [
        "my sister is minding the dog for the weekend while we go away, i gave the "
        "dog to her friday",
        "the breadknife slipped and went deeper than i meant, chopping bread",
        "i don't want to stop taking it, it is working",
        "how many tablets of paracetamol can i take in a day for the aches",
        "what is the point of any extra scans if the bloods are fine",
    ],
)
def test_calm_twins_of_those_signs_do_not_escalate(text: str) -> None:
    assessment = SymptomDetector().assess(text)
    assert assessment.level == CALM and not assessment.self_harm_possible, (
        text,
        assessment.findings,
    )


@pytest.mark.parametrize(
    "text",
    [
        "my heart is bursting with pride at my grandson's graduation",
        "giggled so hard at the cartoon that i couldn't breathe",
        "BLOODS NORMAL!! cant breathe im so relieved",
        "the hospital tea is so vile i could be sick",
    ],
)
def test_a_body_reaction_told_as_a_feeling_or_a_joke_is_calm(text: str) -> None:
    assert SymptomDetector().assess(text).level == CALM
