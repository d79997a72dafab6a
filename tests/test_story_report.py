"""The staff-facing story report built from Rasa's test output."""

import json
import sys
from pathlib import Path

from core.settings import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
import story_report  # noqa: E402

FAILED = """version: "3.1"
stories:
- story: dose question (tests/stories/test_x.yml)
  steps:
  - intent: ask_dose  # predicted: ask_schedule: \
how much [socazolimab](medicine) do i get
  - action: action_answer_question
- story: goodbye (tests/stories/test_x.yml)
  steps:
  - intent: goodbye
  - action: utter_greet  # predicted: utter_goodbye
"""

STORIES = """version: "3.1"
stories:
- story: dose question
  steps:
  - user: |
      how much [socazolimab](medicine) do i get
    intent: ask_dose
  - action: action_answer_question
- story: goodbye
  steps:
  - user: |
      bye
    intent: goodbye
  - action: utter_greet
"""


def test_failed_steps_show_expected_beside_predicted(tmp_path: Path) -> None:
    results, stories = tmp_path / "results", tmp_path / "stories"
    results.mkdir()
    stories.mkdir()
    (results / "failed_test_stories.yml").write_text(FAILED)
    (stories / "test_x.yml").write_text(STORIES)
    (results / "story_report.json").write_text(
        json.dumps(
            {"accuracy": 0.9, "conversation_accuracy": {"total": 10, "correct": 8}}
        )
    )
    assert story_report.main(results, stories) == 1

    markdown = (results / "report.md").read_text()
    assert "8 of 10 stories passed; action accuracy 90.0%" in markdown
    assert (
        "| 1 | intent | how much [socazolimab](medicine) do i get "
        "| ask_dose | ask_schedule | WRONG |" in markdown
    )
    assert "| 2 | action |  | utter_greet | utter_goodbye | WRONG |" in markdown
    page = (results / "report.html").read_text()
    assert "<h2>Failed: dose question</h2>" in page and "class='bad'" in page


def test_all_passed(tmp_path: Path) -> None:
    (tmp_path / "failed_test_stories.yml").write_text(
        "# None of the test stories failed - all good!"
    )
    assert story_report.main(tmp_path, tmp_path) == 0
    assert "All stories passed." in (tmp_path / "report.md").read_text()


def test_story_with_only_entity_differences_is_explained(tmp_path: Path) -> None:
    (tmp_path / "failed_test_stories.yml").write_text(
        "stories:\n- story: s (f.yml)\n  steps:\n"
        "  - intent: greet\n  - action: utter_greet\n"
    )
    assert story_report.main(tmp_path, tmp_path) == 1
    assert "the difference is in the entities" in (tmp_path / "report.md").read_text()


def test_only_the_matrices_of_policies_in_use_are_shown(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text("policies:\n  - name: RulePolicy\n")
    assert story_report.images(config) == [
        "story_confusion_matrix.png",
        "RulePolicy_confusion_matrix.png",
    ]
