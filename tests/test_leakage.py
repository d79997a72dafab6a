"""The leakage check catches a planted copy of every kind, and names both places."""

from pathlib import Path

import pytest
import yaml

from tooling.leakage import Text, evaluation_texts, find_leaks, normalise

NAMES = ("socazolimab", "plozalizumab", "MLN1202")
TRAINING = [
    Text(
        "my grandfather keeps humming sea shanties while the pump beeps",
        "data/nlu/x.yml",
    ),
    Text("is plozalizumab given through a port or a cannula", "data/nlu/y.yml"),
    Text(
        "the parrot swallowed brass buttons and the vet is closed",
        "triage_messages/a.yml",
    ),
]


@pytest.mark.parametrize(
    "planted, how",
    [
        (
            "My grandfather keeps humming sea shanties, while the pump beeps!",
            "same text",
        ),
        (
            "is socazolimab given through a port or a cannula",
            "same text",
        ),  # name swapped
        (
            "yesterday our parrot swallowed brass buttons and nobody could help",
            "5-gram",
        ),
        ("my grandfathr keeps huming sea shantys whilst the pump beeps", "similarity"),
    ],
)
def test_a_planted_copy_is_caught(planted: str, how: str) -> None:
    leaks = find_leaks([Text(planted, "triage_dev9.yml:case 1")], TRAINING, NAMES)
    assert len(leaks) == 1 and how in leaks[0].how
    assert "triage_dev9.yml:case 1" in leaks[0].describe()
    assert leaks[0].training.place in leaks[0].describe()


def test_unrelated_and_short_messages_pass() -> None:
    evaluation = [
        Text("my chest hurts when I climb the stairs at night", "e:1"),
        Text("thanks so much", "e:2"),
        Text("how is it given", "e:3"),
    ]
    training = TRAINING + [Text("thanks so much", "data/nlu/z.yml")]
    assert find_leaks(evaluation, training, NAMES) == []


def test_a_composed_sentence_counts_only_as_an_exact_copy() -> None:
    composed = Text(
        "my grandfather keeps humming sea shanties while the pump beeps loudly",
        "composed corpus (calm)",
        composed=True,
    )
    near = Text(
        "my grandad keeps humming sea shanties while the pump beeps loudly", "e:1"
    )
    same = Text(
        "My grandfather keeps humming sea shanties while the pump beeps loudly", "e:2"
    )
    assert [
        leak.evaluation.place for leak in find_leaks([near, same], [composed], NAMES)
    ] == ["e:2"]


def test_a_locked_message_is_never_shown() -> None:
    secret = "my grandfather keeps humming sea shanties while the pumps beep"
    (leak,) = find_leaks(
        [Text(secret, "triage_locked9.yml:case 4", locked=True)], TRAINING, NAMES
    )
    assert (
        secret.lower() not in leak.describe().lower()
        and "text not shown" in leak.describe()
    )


def test_sets_are_read_with_locked_files_marked(tmp_path: Path) -> None:
    (tmp_path / "triage_locked9.yml").write_text(
        yaml.safe_dump(
            {"cases": [{"text": "one two three four five", "level": "calm"}]}
        )
    )
    (tmp_path / "conversations_dev9.yml").write_text(
        yaml.safe_dump(
            {"conversations": [{"turns": [{"text": "a b c d e", "level": "calm"}]}]}
        )
    )
    texts = evaluation_texts(tmp_path)
    assert [(t.place, t.locked) for t in texts] == [
        ("conversations_dev9.yml:conversation 1 turn 1", False),
        ("triage_locked9.yml:case 1", True),
    ]


def test_normalise_reads_names_as_one_placeholder() -> None:
    assert normalise("Is MLN1202 OK?", NAMES) == normalise("is socazolimab ok", NAMES)
