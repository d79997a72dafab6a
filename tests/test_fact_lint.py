"""The fact lint: the real fact base passes, and a planted fault of each kind fails."""

import dataclasses
import datetime
from typing import List

import pytest

from core.fact_lint import (
    amounts,
    answer_hash,
    lint,
    lint_approvals,
    lint_fact,
    lint_side_effect_terms,
    named_terms,
)
from core.facts import Fact, FactStore
from core.side_effects import LAY_TERMS


def _fact(answer: str, quotes: List[str], **changes) -> Fact:
    fact = Fact(
        "testamab",
        "overview",
        answer,
        "S",
        tuple(quotes),
        (),
        datetime.date(2026, 12, 3),
        "f.txt",
        "T",
        "a pharmacist",
        answer_hash(answer),
    )
    return dataclasses.replace(fact, **changes)


def test_the_real_fact_base_and_vocabulary_pass(store: FactStore) -> None:
    assert lint(store.all_facts(), LAY_TERMS) == []


def test_a_signed_fact_that_says_what_its_quotes_say_passes() -> None:
    assert (
        lint_fact(
            _fact(
                "Give 5 mg/kg every 3 weeks in China's approved use.",
                ["5 mg/kg every 3 weeks; approved by China's NMPA."],
            )
        )
        == []
    )


@pytest.mark.parametrize(
    "answer, quotes, problem",
    [
        ("Give 5 mg/kg.", ["Give 5 mg per dose."], "'5 mg/kg' is not in its quotes"),
        (
            "It lasts 30 minutes.",
            ["It lasts 30 to 60 hours."],
            "'30 minute' is not in its quotes",
        ),
        ("The FDA reviewed it.", ["The NMPA reviewed it."], "'FDA' is named"),
        ("A Phase 3 trial ran.", ["A Phase 2 trial ran."], "'Phase 3' is named"),
        ("Sorrento made it.", ["A company made it."], "'Sorrento' is named"),
        (
            "It is approved for cervical cancer.",
            ["Approved by China's NMPA for cervical cancer."],
            "says 'approved' without",
        ),
    ],
)
def test_a_planted_fault_fails(answer: str, quotes: List[str], problem: str) -> None:
    assert any(problem in p for p in lint_fact(_fact(answer, quotes))), lint_fact(
        _fact(answer, quotes)
    )


def test_approved_without_its_country_fails_across_a_medicines_facts() -> None:
    scoped = _fact("Approved in China.", ["Approved by China's NMPA."])
    bare = dataclasses.replace(
        _fact("It is approved for cervical cancer.", ["For cervical cancer."]),
        topic="approved_uses",
    )
    assert lint_approvals([scoped, bare]) == [
        "testamab.approved_uses: says 'approved' without naming China or NMPA"
    ]
    trial = _fact(
        "You join an approved clinical research trial.", ["approved clinical trials"]
    )
    assert lint_approvals([scoped, trial]) == []


def test_an_answer_changed_since_its_review_fails() -> None:
    signed = _fact("Give it every 3 weeks.", ["every 3 weeks"])
    changed = dataclasses.replace(signed, answer="Give it every 3 weeks, or sooner.")
    assert any("changed since its review" in p for p in lint_fact(changed))
    assert any(
        "no reviewer" in p
        for p in lint_fact(dataclasses.replace(signed, reviewed_by=""))
    )


def test_a_broad_sign_counted_as_an_effect_fails() -> None:
    planted = [
        ("rash", r"rash", ("rash", "redness")),
        ("colitis", r"colitis", ("colitis", "bowel")),
    ]
    assert lint_side_effect_terms(planted) == [
        "side-effect term 'rash' counts the broad sign 'redness' as the effect",
        "side-effect term 'colitis' counts the broad sign 'bowel' as the effect",
    ]


def test_amounts_and_names_are_read_in_one_spelling() -> None:
    assert amounts("5 mg/kg over 30–60 minutes, 15.4% at 2 years") == [
        ("5", "mg/kg"),
        ("60", "minute"),
        ("15.4", "%"),
        ("2", "year"),
    ]
    assert named_terms("NMPA in China; a Phase 1b study by Sorrento Therapeutics") == [
        "NMPA",
        "China",
        "Phase 1b",
        "Sorrento Therapeutics",
    ]
