"""Splitting a message into its questions (core/answers/parts.py)."""

from typing import List

import pytest

from core.answers.parts import question_parts


@pytest.mark.parametrize(
    "text, parts",
    [
        ("how does it work", ["how does it work"]),
        (
            "what are the side effects and how long does it last",
            ["what are the side effects", "how long does it last"],
        ),
        ("how is it given? how often?", ["how is it given", "how often"]),
        ("dose; also the schedule please", ["the schedule please"]),
        ("salt and pepper", ["salt and pepper"]),
        ("ok?", []),
        ("", []),
    ],
)
def test_question_parts(text: str, parts: List[str]) -> None:
    assert question_parts(text) == parts
