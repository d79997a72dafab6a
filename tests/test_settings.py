"""Settings: the environment, then `.env`; every value checked, errors that name it."""

import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.escalation_actions import ActionEscalate
from core import constants as c
from core.settings import PROJECT_ROOT, SettingsError, get_settings


@pytest.fixture
def env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / ".env"
    monkeypatch.setenv("ENV_FILE", str(path))
    for name in ("CLINIC_CONTACT", "RETENTION_DAYS", "ESCALATION_DB_URL"):
        monkeypatch.delenv(name, raising=False)
    return path


def test_a_value_in_env_file_is_read(env_file: Path) -> None:
    env_file.write_text("CLINIC_CONTACT='Ward 5, 0100 200 300'\nRETENTION_DAYS=7\n")
    settings = get_settings()
    assert settings.clinic_contact == "Ward 5, 0100 200 300"
    assert settings.retention_days == 7


def test_the_environment_wins_over_env_file(
    env_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file.write_text("CLINIC_CONTACT=from the file\n")
    monkeypatch.setenv("CLINIC_CONTACT", "from the environment")
    assert get_settings().clinic_contact == "from the environment"


def test_an_empty_env_file_setting_reads_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("CLINIC_CONTACT=nobody reads this\n")
    monkeypatch.setenv("ENV_FILE", "")
    monkeypatch.delenv("CLINIC_CONTACT", raising=False)
    assert get_settings().clinic_contact is None


@pytest.mark.parametrize(
    "line, named",
    [
        ("RETENTION_DAYS=thirty", "RETENTION_DAYS='thirty' is not a number"),
        ("RETENTION_DAYS=-1", "RETENTION_DAYS='-1' must be 0 or more"),
        (
            "ESCALATION_WEBHOOK_MAX_ATTEMPTS=0",
            "ATTEMPTS='0' must be a whole number >= 1",
        ),
        ("ESCALATION_WEBHOOK_URL=clinic.example", "URL='clinic.example' must be a URL"),
        ("ESCALATION_DB_URL=/tmp/x.db", "ESCALATION_DB_URL='/tmp/x.db' must be a URL"),
        ("TRUST_FORWARDED_FOR=maybe", "TRUST_FORWARDED_FOR='maybe' must be true"),
        ("WEB_PORT=80a", "WEB_PORT='80a' must be a whole number"),
    ],
)
def test_a_wrong_value_is_named_with_what_it_should_be(
    env_file: Path, line: str, named: str
) -> None:
    env_file.write_text(line + "\n")
    name = line.split("=")[0]
    with pytest.raises(SettingsError, match=f"^{name}=") as error:
        get_settings()
    assert named in str(error.value)


def test_a_server_stops_on_a_wrong_value_with_one_clear_line(env_file: Path) -> None:
    env_file.write_text("RETENTION_DAYS=thirty\n")
    run = subprocess.run(
        [sys.executable, "-m", "core.settings"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == (
        "Setting error: RETENTION_DAYS='thirty' is not a number (see .env.example)."
    )


def test_export_prints_the_file_values_the_environment_lacks(
    env_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file.write_text("CLINIC_CONTACT=it's ward 5\nRASA_PORT=5105\n")
    monkeypatch.setenv("RASA_PORT", "5005")
    run = subprocess.run(
        [sys.executable, "-m", "core.settings", "--export"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.splitlines() == ["export CLINIC_CONTACT='it'\"'\"'s ward 5'"]


async def test_a_value_in_env_file_reaches_the_patients_reply(
    env_file: Path,
    tmp_path: Path,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    """The escalation action as the action server builds it (settings from the
    environment): the clinic's contact line from `.env` is in the reply."""
    env_file.write_text(
        "CLINIC_CONTACT=Oncology day unit, 0100 200 300\n"
        f"ESCALATION_DB_URL=sqlite:///{tmp_path / 'esc.db'}\n"
        "ESCALATION_WEBHOOK_URL=\n"
    )
    action = ActionEscalate(wake=lambda settings: None)
    tracker = make_tracker(
        slots={c.SLOT_TRIAGE_LEVEL: "urgent", c.SLOT_TRIAGE_CATEGORY: "fever"}
    )
    await action.run(dispatcher, tracker, domain)
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert "Your care team: Oncology day unit, 0100 200 300." in said


# Switches of the report scripts (not settings of the bot) and WSGI request keys.
NOT_SETTINGS = {
    "QUESTIONS_PARSES",
    "QUESTIONS_VERBOSE",
    "SAFETY_DEVELOPMENT_ONLY",
    "SAFETY_VERBOSE",
    "HTTP_X_FORWARDED_FOR",
    "REMOTE_ADDR",
}


def _variables_read_by_the_code() -> set:
    import re

    from tooling.imports import python_files

    pattern = re.compile(
        r"(?:environ\.get\(|environ\[|getenv\(|env\.\w+\(|_optional\()\s*\"([A-Z][A-Z0-9_]+)\""
    )
    found = set()
    for path in python_files(PROJECT_ROOT):
        if path.relative_to(PROJECT_ROOT).parts[0] in ("tests", "tooling"):
            continue
        found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return found - NOT_SETTINGS


def test_env_example_lists_every_variable_the_code_reads() -> None:
    listed = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    read = _variables_read_by_the_code()
    assert {"CLINIC_CONTACT", "RETENTION_DAYS", "ENV_FILE"} <= read
    missing = sorted(name for name in read if f"{name}=" not in listed)
    assert missing == [], f".env.example does not list {missing}"


def test_an_edited_env_file_is_read_again(env_file: Path) -> None:
    """`.env` is parsed once per version of the file, and an edit is seen."""
    env_file.write_text("CLINIC_CONTACT=first\n")
    assert get_settings().clinic_contact == "first"
    env_file.write_text("CLINIC_CONTACT=second, longer\n")
    assert get_settings().clinic_contact == "second, longer"
