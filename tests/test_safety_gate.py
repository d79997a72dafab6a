"""The safety gate: figures from a reader, floors from one file, and a failure
when a weakened copy of the symptom check is measured."""

from pathlib import Path

import pytest

from core.triage.detector import SymptomDetector
from tooling.safety_gate import (
    CALM_EMERGENCY,
    CALM_ESCALATED,
    CHECK,
    EMERGENCY_RECALL,
    SELF_HARM_RECALL,
    SUPPORT,
    Case,
    Conversation,
    Figures,
    check,
    misses,
    read_floors,
    score_conversations,
    score_messages,
)

FLOORS = Path(__file__).parent / "safety_floors.yml"
CASES = [
    Case("my lips have gone blue and I can't get air in", "emergency"),
    Case("I keep thinking about killing myself", "emergency", self_harm=True),
    Case("temperature 38.6 and shivery", "urgent"),
    Case("what dose is usual for an adult", "calm"),
    Case("I hurt myself years ago when I was at school, I'm well now", "history"),
]


def _rules(detector: SymptomDetector):
    def read(text: str) -> str:
        assessment = detector.assess(text)
        if assessment.self_harm_history:
            return SUPPORT
        return assessment.level if assessment.escalates else "calm"

    return read


class WithoutSelfHarm(SymptomDetector):
    """A weakened copy: the self-harm detector removed."""

    def _self_harm(self, text):
        return iter(())


@pytest.fixture(scope="module")
def detector() -> SymptomDetector:
    return SymptomDetector()


def test_the_rules_pass_a_gate_that_a_weakened_copy_fails(
    detector: SymptomDetector,
) -> None:
    floors = {
        "development": {
            EMERGENCY_RECALL: 1.0,
            SELF_HARM_RECALL: 1.0,
            CALM_ESCALATED: 0.0,
        }
    }
    assert check({"development": score_messages(CASES, _rules(detector))}, floors) == []
    weakened = score_messages(CASES, _rules(WithoutSelfHarm()))
    failures = check({"development": weakened}, floors)
    assert any(SELF_HARM_RECALL in f for f in failures)
    assert any(EMERGENCY_RECALL in f for f in failures)


def test_a_calm_message_escalated_breaks_a_ceiling() -> None:
    figures = score_messages([Case("how is it given", "calm")], lambda _: "emergency")
    failures = check({"development": figures}, {"development": {CALM_EMERGENCY: 0.0}})
    assert failures and "above" in failures[0]


def test_a_floor_with_no_measurement_fails() -> None:
    assert check({}, {"locked": {EMERGENCY_RECALL: 0.5}}) == [
        "locked emergency_recall: not measured (floor 0.5)"
    ]


def test_the_check_and_the_crisis_line_count_as_they_should() -> None:
    figures = score_messages(CASES, lambda text: CHECK)
    assert (
        figures.rate(EMERGENCY_RECALL) == 0.0
        and figures.rate("self_harm_crisis_line") == 1.0
    )
    assert misses(CASES[3], "urgent") == [CALM_ESCALATED]
    assert misses(CASES[3], CHECK) == []


def test_conversations_count_each_turn_in_order() -> None:
    conversation = Conversation(
        "follow-up",
        (
            Case("how does it work", "calm"),
            Case("and then how do they give it?", "calm"),
        ),
    )
    figures = score_conversations([conversation], [["calm", "emergency"]], Figures())
    assert (
        figures.tallies[CALM_EMERGENCY].hits == 1
        and figures.tallies[CALM_EMERGENCY].total == 2
    )


def test_the_floors_file_holds_every_set_the_report_measures() -> None:
    """Each single-message set on its own, conversations together for
    development: a new set needs floors of its own before it counts."""
    from core.settings import PROJECT_ROOT

    floors = read_floors(FLOORS)
    eval_dir = PROJECT_ROOT / "tests" / "eval"
    expected = {"conversations development"}
    expected |= {f"development: {p.name}" for p in eval_dir.glob("triage_dev*.yml")}
    expected |= {f"locked: {p.name}" for p in eval_dir.glob("triage_locked*.yml")}
    expected |= {
        f"conversations locked: {p.name}"
        for p in eval_dir.glob("conversations_locked*.yml")
    }
    assert set(floors) == expected
    assert floors["conversations development"][CALM_EMERGENCY] == 0.0
    assert (
        floors["conversations locked: conversations_locked.yml"][CALM_EMERGENCY] == 0.0
    )
