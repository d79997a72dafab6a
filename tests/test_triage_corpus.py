"""The classifier's training corpus: composed sentences and hand-written messages."""

from pathlib import Path

import pytest

from core.triage.classifier import WRITTEN_DIR, training_corpus, written_files
from core.triage.corpus import LABELS, generate, labels_in, written_messages
from core.triage.levels import CALM, EMERGENCY, ROUTINE, URGENT


def test_generation_is_deterministic_for_a_seed() -> None:
    assert generate(size=400, seed=5) == generate(size=400, seed=5)
    assert generate(size=400, seed=5) != generate(size=400, seed=6)


def test_generated_corpus_covers_every_level_in_its_shares() -> None:
    counts = labels_in(generate(size=2000, seed=1))
    assert set(counts) == set(LABELS)
    assert counts[CALM] == 800 and counts[EMERGENCY] == 500
    assert counts[URGENT] == 500 and counts[ROUTINE] == 200


def test_the_same_sentence_never_carries_two_labels_often() -> None:
    # The frame decides the label; identical texts with different labels would
    # teach the classifier noise. A few collisions (short composed phrases) are
    # tolerated.
    corpus = generate(size=6000, seed=2)
    labels_by_text = {}
    for text, label in corpus:
        labels_by_text.setdefault(text, set()).add(label)
    conflicting = [t for t, labels in labels_by_text.items() if len(labels) > 1]
    assert len(conflicting) < len(labels_by_text) * 0.01


def _write(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


def test_written_messages_map_history_to_calm(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "a.yml",
        (
            "cases:\n"
            "  - {text: 'cant breathe at all', level: emergency}\n"
            "  - {text: 'I cut myself years ago, fine now', level: history}\n"
            "  - {text: 'temp 38.5', level: urgent, category: fever}\n"
        ),
    )
    assert written_messages([path]) == [
        ("cant breathe at all", EMERGENCY),
        ("I cut myself years ago, fine now", CALM),
        ("temp 38.5", URGENT),
    ]


@pytest.mark.parametrize(
    "case", ["{text: 'hot', level: urgnet}", "{text: '', level: calm}", "{level: calm}"]
)
def test_a_bad_label_names_the_file_and_the_case(tmp_path: Path, case: str) -> None:
    path = _write(
        tmp_path / "bad.yml", f"cases:\n  - {{text: ok, level: calm}}\n  - {case}\n"
    )
    with pytest.raises(ValueError, match=r"bad\.yml: case 2"):
        written_messages([path])


def test_training_corpus_repeats_each_written_message(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "w.yml", "cases:\n  - {text: 'lips went blue', level: emergency}\n"
    )
    corpus = training_corpus(
        ["what is the dose"], size=100, seed=3, written=[path], weight=3
    )
    assert len(corpus) == 103
    assert corpus.count(("lips went blue", EMERGENCY)) == 3


def test_the_project_ships_valid_written_messages() -> None:
    files = written_files(WRITTEN_DIR)
    assert files, "triage_messages/ holds the hand-written training messages"
    pairs = written_messages(files)
    assert len(pairs) > 1000
    assert {label for _, label in pairs} == set(LABELS)


def test_the_framing_of_a_report_appears_in_calm_messages_too() -> None:
    # Persons, times and hedges carry no level: only the symptom does. Each is
    # common in calm messages, not only in symptom reports.
    corpus = generate(size=8000, seed=3)
    for words in ("my dad", "since last night", "please help", "today", "infusion"):
        calm = sum(words in text.lower() for text, label in corpus if label == CALM)
        reported = sum(words in text.lower() for text, label in corpus if label != CALM)
        assert calm >= 0.1 * reported, (words, calm, reported)


def test_calm_questions_also_come_two_at_a_time() -> None:
    questions = ["how is it given?", "what is the dose", "is it approved?"]
    calm = [
        text.lower()
        for text, label in generate(size=4000, seed=3, nlu_examples=questions)
        if label == CALM
    ]
    joined = [
        t for t in calm if sum(q.rstrip("?").lower() in t for q in questions) >= 2
    ]
    assert len(joined) >= 15  # some of the bot's own questions, asked two at a time
