"""The patient-facing sentences, word for word (core/answers/wording.py)."""

import datetime
from typing import Callable

import pytest

from core.answers import wording as w
from core.facts import Fact

ASK = "Please ask your care team (your doctor, nurse or pharmacist)."
NOW = (
    "If this is about a symptom you have now, call your care team's 24-hour line, "
    "or your local emergency number if it is severe."
)


@pytest.mark.parametrize(
    "said, expected",
    [
        (
            w.no_information_text("Testamab", "how it works"),
            "The information I have on Testamab does not cover how it works, so I "
            f"can't answer that. {ASK} {NOW}",
        ),
        (
            w.uncovered_text("Testamab", "alcohol"),
            f"My sources on Testamab don't say anything about alcohol, so I can't "
            f"answer that. {ASK} {NOW}",
        ),
        (
            w.not_covered_text(),
            "I don't have information on that in my sources, so I can't answer it. "
            "Please ask your care team or pharmacist, who know your situation. " + NOW,
        ),
        (
            w.unknown_medicine_text("Testamab (TST-42)", ["aspirin", "keytruda"]),
            "I only have information about Testamab (TST-42). I can't answer questions "
            f"about aspirin, keytruda. {ASK[:-1]} about it. {NOW}",
        ),
        (w.clarify_text(""), "Which medicine do you mean?"),
        (
            w.clarify_text("how it works"),
            "Which medicine do you mean? You asked about: how it works.",
        ),
        (
            w.closest_match_text("how it works", "It blocks PD-L1."),
            "Here is what my sources say about how it works, the closest match to "
            "your question:\n\nIt blocks PD-L1.",
        ),
        (
            w.topic_choices_text("Testamab"),
            f"I'm not sure which part of Testamab you mean. Is it one of these? {NOW}",
        ),
        (w.mechanism_question("Testamab"), "How does Testamab work?"),
        (w.side_effects_question("Testamab"), "What are the side effects of Testamab?"),
        (
            w.not_compared_text(["keytruda", "chemo"]),
            "My sources don't compare it with keytruda or chemo, so I can't say more "
            f"than the above. {ASK}",
        ),
        (
            w.unmentioned_condition_text("Testamab", "gout"),
            "My sources on Testamab don't mention gout, so I can't say whether it is "
            f"used for that. {ASK}",
        ),
        (w.medicine_with_aliases("Testamab", []), "Testamab"),
        (
            w.medicine_with_aliases("Testamab", ["TST-42", "T42"]),
            "Testamab (TST-42, T42)",
        ),
        (w.topic_title("how it works"), "How it works"),
        (w.effect_said("your liver", True), "effects on your liver"),
        (w.effect_said("rash", False), "rash"),
        (w.effects_said(["rash", "itching"]), "rash and itching"),
        (
            w.groups_said(["common side effects", "serious"]),
            "common side effects and serious",
        ),
        (
            w.not_listed_text("Testamab", "rash"),
            "My sources on Testamab do not list rash as a side effect.",
        ),
        (
            w.act_text("your care team"),
            "If you have this now, contact your care team; if it is severe, call your "
            "local emergency number.",
        ),
        (
            w.act_report_text(w.SOURCE_SAYS["report"], "your trial doctor"),
            "The source says to report it. If you have this now, tell your trial "
            "doctor; if it is severe, call your local emergency number.",
        ),
        (
            w.call_emergency_text("chest pain"),
            "If you ever have chest pain, call your local emergency number straight "
            "away.",
        ),
        (
            w.call_routine_text("a rash"),
            "Mention it to your care team at your next visit. If you have a rash, "
            "contact them straight away.",
        ),
    ],
)
def test_sentences_word_for_word(said: str, expected: str) -> None:
    assert said == expected


@pytest.mark.parametrize(
    "non_answer",
    [
        lambda: w.no_information_text("Testamab", "that"),
        lambda: w.uncovered_text("Testamab", "alcohol"),
        w.not_covered_text,
        lambda: w.unknown_medicine_text("Testamab", ["aspirin"]),
        lambda: w.topic_choices_text("Testamab"),
        lambda: w.REPHRASE_TEXT,
    ],
)
def test_every_non_answer_ends_with_the_safety_line(
    non_answer: Callable[[], str],
) -> None:
    assert non_answer().endswith(w.SAFETY_LINE)


def test_a_fact_is_said_with_its_source() -> None:
    fact = Fact(
        medicine_id="testamab",
        topic="mechanism",
        answer="It blocks PD-L1.",
        source_file="testamab.txt",
        source_title="Testamab leaflet",
        section="How it works",
        quotes=(),
        key_terms=(),
        reviewed=datetime.date(2026, 1, 2),
    )
    assert w.fact_text(fact) == (
        'It blocks PD-L1.\n\nSource: Testamab leaflet, section "How it works" '
        "(reviewed 2026-01-02)."
    )
    assert w.overview_text(["A.", "B."], fact, ["One", "Two"], "2026-01-03") == (
        'A. B.\n\nSource: Testamab leaflet, sections "One", "Two" '
        "(reviewed 2026-01-03)."
    )
    # One section is a section.
    assert w.overview_text(["A.", "B."], fact, ["One"], "2026-01-03") == (
        'A. B.\n\nSource: Testamab leaflet, section "One" (reviewed 2026-01-03).'
    )
