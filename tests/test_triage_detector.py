"""Symptom triage at the detector level: the phrasing table and the reading rules."""

from pathlib import Path
from typing import Dict

import pytest
import yaml

from core.triage.advice import LEVEL_BY_CATEGORY, WHEN_TO_CALL
from core.triage.categories import MENINGITIS, SEPSIS
from core.triage.detector import SymptomDetector, default_detector
from core.triage.levels import CALM, EMERGENCY, ROUTINE, URGENT, level_rank
from core.triage.measurements import VITAL_SIGNS
from core.triage.rules import RULES
from core.triage.thresholds import FEVER_THRESHOLD_C

CASES: Dict[str, list] = yaml.safe_load(
    (Path(__file__).parent / "triage_cases.yml").read_text(encoding="utf-8")
)
RED_FLAGS = [
    (level, *entry.rsplit(" | ", 1))
    for level in (EMERGENCY, URGENT)
    for entry in CASES[level]
]
ROUTINE_CASES = [tuple(entry.rsplit(" | ", 1)) for entry in CASES[ROUTINE]]
# Calm messages that may escalate: at most 3% of them (the target).
MAX_CALM_ESCALATED = 0.03


@pytest.fixture(scope="module")
def detector() -> SymptomDetector:
    return default_detector()


def test_table_is_large_enough() -> None:
    assert sum(len(v) for v in CASES.values()) >= 150


@pytest.mark.parametrize(
    "level, text, category", RED_FLAGS, ids=[c[1][:40] for c in RED_FLAGS]
)
def test_red_flags_are_never_missed(
    detector: SymptomDetector, level: str, text: str, category: str
) -> None:
    assessment = detector.assess(text)
    assert level_rank(assessment.level) >= level_rank(level), assessment
    if assessment.level == level:
        assert assessment.category == category, assessment


@pytest.mark.parametrize(
    "text, category", ROUTINE_CASES, ids=[c[0][:40] for c in ROUTINE_CASES]
)
def test_routine_symptoms_get_routine_advice(
    detector: SymptomDetector, text: str, category: str
) -> None:
    assessment = detector.assess(text)
    assert (assessment.level, assessment.category) == (ROUTINE, category), assessment


def test_calm_messages_rarely_escalate(detector: SymptomDetector) -> None:
    escalated = [t for t in CASES[CALM] if detector.assess(t).escalates]
    assert len(escalated) / len(CASES[CALM]) <= MAX_CALM_ESCALATED, escalated


@pytest.mark.parametrize(
    "text, category",
    [
        ("can it cause diarrhea?", "diarrhoea"),
        ("what if I get a rash?", "skin_mouth"),
        ("is fever a common side effect?", "fever"),
        ("do I need to worry about chest pain?", "chest_pain"),
    ],
)
def test_questions_are_education_not_escalation(
    detector: SymptomDetector, text: str, category: str
) -> None:
    assessment = detector.assess(text)
    assert assessment.level == CALM
    assert category in assessment.asked_about


def test_negated_symptoms_are_neither_escalated_nor_asked(
    detector: SymptomDetector,
) -> None:
    assessment = detector.assess("no fever and not short of breath")
    assert assessment.level == CALM and assessment.asked_about == ()
    assert all(f.negated for f in assessment.findings)


@pytest.mark.parametrize(
    "text, escalates",
    [
        ("temperature 37.4", False),
        (f"temperature {FEVER_THRESHOLD_C}", True),
        ("temp 99.4 F", False),  # 37.4 °C
        ("temp 99.5 F", True),  # 37.5 °C
        ("38,1 degrees", True),
        ("I'm 39 and my appointment is at 38 Main St", False),
    ],
)
def test_temperatures_are_converted_and_checked(
    detector: SymptomDetector, text: str, escalates: bool
) -> None:
    assert detector.assess(text).escalates is escalates


def test_highest_level_wins(detector: SymptomDetector) -> None:
    assessment = detector.assess("I feel tired and I have a fever and chest pain")
    assert (assessment.level, assessment.category) == (EMERGENCY, "chest_pain")
    assert {f.category for f in assessment.findings} >= {
        "tiredness",
        "fever",
        "chest_pain",
    }


@pytest.mark.parametrize(
    "text", ["", "   ", "!!!", "🙂" * 50, "a" * 10_000, "\x00\u200b\u202e"]
)
def test_odd_input_never_raises(detector: SymptomDetector, text: str) -> None:
    assert detector.assess(text).level in (CALM, ROUTINE, URGENT, EMERGENCY)


def test_every_category_has_when_to_call_advice() -> None:
    categories = (
        {r.category for r in RULES}
        | {v.category for v in VITAL_SIGNS}
        | {"infusion_reaction", SEPSIS, MENINGITIS}
    )
    assert categories <= set(WHEN_TO_CALL)


def test_every_when_to_call_category_has_a_level() -> None:
    # Without a level, the advice falls to the routine wording ("mention it at
    # your next visit") for a sign the symptom check escalates.
    assert set(WHEN_TO_CALL) - set(LEVEL_BY_CATEGORY) == set()


@pytest.mark.parametrize(
    "category",
    ["blood_pressure", "blood_sugar", "calcium", "sepsis", "meningitis_signs"],
)
def test_when_to_call_advice_is_never_routine_for_a_red_flag(category: str) -> None:
    from core.answers import when_to_call_reply

    reply = when_to_call_reply([category])
    assert reply is not None and "next visit" not in reply.text


@pytest.mark.parametrize(
    "text, level, category",
    [
        # NEWS2 / NHS bands; the value, not a listed sentence, sets the level.
        ("the finger clip says oxygen 90", EMERGENCY, "breathing"),
        ("his breathing rate is 30 a minute", EMERGENCY, "breathing"),
        ("bp 82/50 and she looks pale", URGENT, "blood_pressure"),
        ("lying on the sofa, heart rate 112", URGENT, "weakness_heart"),
        ("pulse 135 and I only walked to the kitchen", URGENT, "weakness_heart"),
        ("glucose 19.4 on my partner's meter", URGENT, "blood_sugar"),
        ("blood sugar was 2.9 before lunch", URGENT, "blood_sugar"),
        ("sugar reading 320 mg/dL", URGENT, "blood_sugar"),
        ("the lab rang: corrected calcium 3.3", URGENT, "calcium"),
    ],
)
def test_abnormal_readings_escalate_by_their_bands(
    detector: SymptomDetector, text: str, level: str, category: str
) -> None:
    assessment = detector.assess(text)
    assert (assessment.level, assessment.category) == (level, category)


@pytest.mark.parametrize(
    "text",
    [
        "oxygen 97 on the monitor",
        "heart rate 104 after climbing two flights",
        "resting pulse 68",
        "glucose 6.2 this morning",
        "calcium came back 2.4",
        "blood pressure 128/80",
        "breathing rate 16",
        "the infusion took 1 hr 30 min",
    ],
)
def test_normal_readings_are_calm_evidence(
    detector: SymptomDetector, text: str
) -> None:
    assessment = detector.assess(text)
    assert assessment.level == CALM
    # A quoted reading is evidence that nothing is wrong, unless it was no reading at
    # all.
    assert assessment.judged_calm == ("hr 30" not in text)


def test_a_reading_before_a_later_if_is_still_a_report(
    detector: SymptomDetector,
) -> None:
    assert (
        detector.assess("the nurse said sats 89 and to call if worse").level
        == EMERGENCY
    )
    assert not detector.assess("what if my sats fall to 89?").escalates


@pytest.mark.parametrize(
    "text",
    [
        "38.9 and shaking uncontrollably",
        "my wife has a fever and can't stop shivering",
        "temperature 39, his knees look mottled",
        "feverish and haven't passed urine all day",
    ],
)
def test_fever_with_a_sepsis_red_flag_is_an_emergency(
    detector: SymptomDetector, text: str
) -> None:
    assessment = detector.assess(text)
    assert (assessment.level, assessment.category) == (EMERGENCY, SEPSIS)


def test_a_sepsis_red_flag_alone_is_an_emergency_and_cant_stop_is_no_denial(
    detector: SymptomDetector,
) -> None:
    # UK Sepsis Trust: extreme shivering or mottled skin alone means call 999.
    assert (
        detector.assess("he cannot stop shivering under two duvets").level == EMERGENCY
    )
    assert detector.assess("I won't stop bleeding from the cannula site").escalates


@pytest.mark.parametrize(
    "text, level",
    [
        ("threw up five times since breakfast", URGENT),
        ("she's been sick twice tonight", URGENT),
        ("felt sick a couple of times after lunch", ROUTINE),  # feeling sick is nausea
    ],
)
def test_counted_vomiting(detector: SymptomDetector, text: str, level: str) -> None:
    assert detector.assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        "my heart keeps hammering away",
        "a fluttery heartbeat on and off today",
        "his legs have gone funny and he can't feel the floor",
    ],
)
def test_palpitations_and_changed_legs_are_urgent(
    detector: SymptomDetector, text: str
) -> None:
    assert detector.assess(text).level == URGENT, text


@pytest.mark.parametrize(
    "text",
    [
        "bad tummy upset on the weekend, right as rain now",
        "felt a bit queasy at lunch but it passed",
        "a bit shivery last night but up and about this morning",
        "she had the runs for three days last cycle, fine since",
        "no swelling, no blood in the pee",
        "palpitations once in the car, it hasn't happened again",
        "is it safe to take paracetamol for a temperature? (no temperature at the "
        "moment)",
    ],
)
def test_over_or_denied_stays_calm(detector: SymptomDetector, text: str) -> None:
    assert detector.assess(text).level == CALM, text


@pytest.mark.parametrize(
    "text",
    [
        "I've had the runs for the last week",
        "heart hammering again tonight, it hasn't settled",
        "pulse 130 sitting here, is that from the treatment?",
    ],
)
def test_still_going_stays_escalated(detector: SymptomDetector, text: str) -> None:
    assert detector.assess(text).level == URGENT, text


def test_carer_reports_count(detector: SymptomDetector) -> None:
    for text in (
        "my husband collapsed",
        "my wife has a fever",
        "he is coughing up blood",
    ):
        assert detector.assess(text).escalates, text


def test_report_inside_a_question_still_counts(detector: SymptomDetector) -> None:
    assert (
        detector.assess("I have diarrhoea 5 times a day, is that normal?").level
        == URGENT
    )


@pytest.mark.parametrize(
    "text, level, category",
    [
        # Concepts that meet in a sentence, not fixed phrases.
        ("coughed up a cupful of blood", EMERGENCY, "bleeding"),
        ("my stools are black like tar", URGENT, "gi_bleeding"),
        ("I can barely get a sentence out, so short of breath", EMERGENCY, "breathing"),
        # Bare readings, low temperatures, UKONS vomiting bands.
        ("38.4 tonight", URGENT, "fever"),
        ("temp 35.4 and cold", URGENT, "low_temperature"),
        ("vomited once after lunch", ROUTINE, "dehydration"),
        ("I've been sick 4 times", URGENT, "dehydration"),
        # Self-harm from its own detector.
        ("my family would be better off if I wasn't here", EMERGENCY, "self_harm"),
        # A question about a symptom plus a report of now is a report.
        ("is diarrhoea a side effect? I've had it all day", URGENT, "diarrhoea"),
    ],
)
def test_new_wordings(
    detector: SymptomDetector, text: str, level: str, category: str
) -> None:
    assessment = detector.assess(text)
    assert (assessment.level, assessment.category) == (level, category), assessment


@pytest.mark.parametrize(
    "text",
    [
        "my breathing's fine today",
        "temperature normal this morning, 36.8",
        "I had a fever on Monday, it's gone now",
        "the rash has cleared up",
        "had a headache yesterday, gone today",
        "I had diarrhoea a few months ago",
        "I'm sick and tired of the parking",
        "that call nearly gave me a heart attack",
        "sats 97%, temp 36.9",
    ],
)
def test_over_normal_and_idioms_are_calm(detector: SymptomDetector, text: str) -> None:
    assert not detector.assess(text).escalates, detector.assess(text)


def test_comparisons_with_normal_still_escalate(detector: SymptomDetector) -> None:
    assert detector.assess("loose stools 6 times a day above my normal").level == URGENT


def test_past_self_harm_is_history_not_emergency(detector: SymptomDetector) -> None:
    assessment = detector.assess("I tried to hurt myself years ago, I'm well now")
    assert assessment.level == CALM and assessment.self_harm_history


def test_every_rule_names_its_source() -> None:
    assert all(rule.source for rule in RULES)


@pytest.mark.parametrize(
    "text, state",
    [
        ("I feel really strange", True),
        ("my chest is odd", True),
        ("mum is very drowsy", True),
        ("i want to talk to a nurse", False),
        ("how often is it given?", False),
        ("", False),
    ],
)
def test_mentions_a_bodily_or_emotional_state(
    detector: SymptomDetector, text: str, state: bool
) -> None:
    assert detector.mentions_state(text) is state


def test_a_calm_line_above_a_current_emergency_does_not_hide_it(detector) -> None:
    # Found by the property test: a line break ends a clause, and a calm word
    # before the symptom says nothing about it.
    for first_line in ("fine", "EASE", "all good yesterday", "slept well"):
        assert (
            detector.assess(f"{first_line}\nRight now I can't breathe.").level
            == "emergency"
        )


def test_sudden_trouble_understanding_speech_is_a_stroke_sign(
    detector: SymptomDetector,
) -> None:
    # NHS stroke (FAST, speech): trouble understanding what others say, come on
    # suddenly.
    assert (
        detector.assess("suddenly he can't follow a word we say to him").level
        == EMERGENCY
    )
    assert not detector.assess(
        "I suddenly understood what my consultant was saying"
    ).escalates
    assert not detector.assess(
        "I can't understand what the leaflet is saying about doses"
    ).escalates


def test_the_level_check_catches_a_category_without_a_level() -> None:
    planted = {**WHEN_TO_CALL, "new_warning_sign": "a sign nobody gave a level"}
    assert set(planted) - set(LEVEL_BY_CATEGORY) == {"new_warning_sign"}


# --- second-hand symptoms and nouns that look like symptoms ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "the pharmacist went on about sore mouths and ulcers, i didn't take it in, "
        "what was that about",
        "my neighbour had awful shivers on her chemo last year, does that happen with "
        "socazolimab",
        "a lady in my support group got a blistering rash from her drip, is that "
        "common with it",
        "got my wig fitting booked for friday",
        "the dress fitting is at 3, then lunch",
    ],
)
def test_second_hand_symptoms_and_look_alike_nouns_are_calm(
    detector, text: str
) -> None:
    assert detector.assess(text).level == CALM, detector.assess(text).findings


@pytest.mark.parametrize(
    "text, level",
    [
        ("my neighbour said my wife's eyes look yellow, is that a thing", URGENT),
        ("my mate says he can't breathe, what do i do", EMERGENCY),
        ("my son keeps fitting and won't stop", EMERGENCY),
        ("he had a fit on the bathroom floor", EMERGENCY),
    ],
)
def test_the_patients_own_people_and_real_fits_still_escalate(
    detector, text: str, level: str
) -> None:
    assert detector.assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        "and a temperature?",
        "ok so swollen ankles",
        "what about a dry cough",
    ],
)
def test_a_follow_up_naming_a_symptom_is_a_question(detector, text: str) -> None:
    assert detector.assess(text).level == CALM


@pytest.mark.parametrize(
    "text, level",
    [
        ("and my ankles have swollen up since this morning", URGENT),
        ("so i have a temperature of 39", URGENT),
    ],
)
def test_a_follow_up_that_reports_still_escalates(
    detector, text: str, level: str
) -> None:
    assert level_rank(detector.assess(text).level) >= level_rank(level)


def test_evidence_of_a_state_is_the_patients_own(detector) -> None:
    assert not detector.mentions_state("do most people feel this way on it")
    assert detector.mentions_state("do others feel tired on it? i feel wiped out")
    assert not detector.mentions_state("ok ill ask the nurse on monday")
    assert detector.mentions_state("i feel ill")
