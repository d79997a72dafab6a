"""Adding a medicine needs a fact file, its source and a training run: no code,
domain or test change.

Copies the project to a temporary folder, writes a fact file for a made-up
medicine and its source document in `sources/`, runs the fact tests there (the
provenance check finds every quote in the new source), trains (with fewer
epochs, to keep the test short: the pipeline and its components are the
project's own), serves it, and asks about the new medicine over REST: the
greeting and "which medicines do you cover?" name it too.
"""

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import requests
import yaml

from core.settings import PROJECT_ROOT, get_settings
from tooling.servers import OUR_RASA, running_bot

pytestmark = pytest.mark.e2e

# The bot's files and every package of the project (a folder with `__init__.py`).
COPIED = (
    "config.yml",
    "domain.yml",
    "credentials.yml",
    "endpoints.yml",
    "data",
    "facts",
    "triage_messages",
    "sources",
    "tests",
    "pyproject.toml",
    *sorted(
        init.parent.name
        for init in PROJECT_ROOT.glob("*/__init__.py")
        if init.parent.name != "tests"
    ),
)

NEW_MEDICINE = """\
id: zorbitamab
name: Zorbitamab
aliases: [zorbitamab, ZRB-77]
status: investigational
source:
  file: zorbitamab-test-sheet.txt
  title: Zorbitamab test sheet
topics:
  overview:
    section: Overview
    answer: Zorbitamab (ZRB-77) is a made-up test antibody used only to test this bot.
    quotes: ["Zorbitamab (ZRB-77) is a made-up test antibody used only \
to test this bot."]
    key_terms: [made-up test antibody, ZRB-77]
    reviewed: 2026-11-21
  mechanism:
    section: How it works
    answer: Zorbitamab attaches to a pretend receptor called PRX1 on immune cells.
    quotes: ["Zorbitamab attaches to a pretend receptor called PRX1 on immune cells."]
    key_terms: [pretend receptor, PRX1]
    reviewed: 2026-11-21
  approved_uses:
    section: Approved uses
    answer: Zorbitamab has no approved uses. It is only tested in trials.
    quotes: ["Zorbitamab has no approved uses; it is only tested in trials."]
    key_terms: [no approved uses]
    reviewed: 2026-11-21
  investigational_uses:
    section: Studied uses
    answer: Zorbitamab is being studied for imaginary joint fever.
    quotes: ["Zorbitamab is being studied for imaginary joint fever."]
    key_terms: [imaginary joint fever]
    reviewed: 2026-11-21
  administration:
    section: How it is given
    answer: Zorbitamab is given as a drip into a vein over 45 minutes.
    quotes: ["Zorbitamab is given as a drip into a vein over 45 minutes."]
    key_terms: [drip, vein]
    reviewed: 2026-11-21
  side_effects_common:
    section: Side effects
    answer: Common side effects of zorbitamab are headache and a dry cough.
    quotes: ["Common side effects of zorbitamab are headache and a dry cough."]
    key_terms: [headache, dry cough]
    reviewed: 2026-11-21
"""


# The new medicine's source document: every quote of NEW_MEDICINE stands in it.
NEW_SOURCE = """\
Zorbitamab test sheet

Overview. Zorbitamab (ZRB-77) is a made-up test antibody used only to test this bot.
How it works. Zorbitamab attaches to a pretend receptor called PRX1 on immune cells.
Approved uses. Zorbitamab has no approved uses; it is only tested in trials.
Studied uses. Zorbitamab is being studied for imaginary joint fever.
How it is given. Zorbitamab is given as a drip into a vein over 45 minutes.
Side effects. Common side effects of zorbitamab are headache and a dry cough.
"""


def _fact_tests(project: Path, home: Path) -> subprocess.CompletedProcess:
    """The project's own fact tests, run in the copy with the new medicine."""
    return subprocess.run(
        [
            OUR_RASA[0],
            "-m",
            "pytest",
            "-v",
            "-p",
            "no:cacheprovider",
            "tests/test_facts.py",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            "PYTHONPATH": str(project),
            "PATH": str(Path(OUR_RASA[0]).parent) + ":/usr/bin:/bin",
            "HOME": str(home),
            "SEEDS_DIR": str(get_settings().seeds_dir),
            "ENV_FILE": "",
        },
    )


def _fast_config(path: Path) -> None:
    config = yaml.safe_load(path.read_text())
    for part in config["pipeline"] + config["policies"]:
        if "epochs" in part:
            part["epochs"] = min(part["epochs"], 20)
    path.write_text(yaml.safe_dump(config, sort_keys=False))


def _ask(url: str, sender: str, message: str) -> str:
    response = requests.post(
        f"{url}/webhooks/rest/webhook",
        json={"sender": sender, "message": message},
        timeout=30,
    )
    assert response.status_code == 200
    return "\n".join(m.get("text", "") for m in response.json())


def test_new_fact_file_and_training_teach_the_bot_a_medicine(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in COPIED:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, project / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy(source, project / name)
    (project / "facts" / "zorbitamab.yml").write_text(NEW_MEDICINE)
    (project / "sources" / "zorbitamab-test-sheet.txt").write_text(NEW_SOURCE)
    facts = _fact_tests(project, tmp_path)
    assert facts.returncode == 0, facts.stdout[-3000:]
    # Each of the new medicine's answers was traced to the new source.
    assert facts.stdout.count("[zorbitamab.") >= 6
    assert "traces_to_its_seed_passage[zorbitamab.overview] PASSED" in facts.stdout
    _fast_config(project / "config.yml")

    train = subprocess.run(
        [
            *OUR_RASA,
            "train",
            "--fixed-model-name",
            "with-zorbitamab",
            "--out",
            "models",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        env={
            "RASA_TELEMETRY_ENABLED": "false",
            "PYTHONPATH": str(project),
            "PATH": str(Path(OUR_RASA[0]).parent) + ":/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
    )
    assert train.returncode == 0, train.stdout[-3000:] + train.stderr[-3000:]

    with running_bot(
        project,
        project / "models" / "with-zorbitamab.tar.gz",
        tmp_path,
        tmp_path / "logs",
        extra_env={
            "FACTS_DIR": str(project / "facts"),
            "STATE_DIR": str(tmp_path / "state"),
        },
    ) as url:
        sender = f"add-{uuid.uuid4().hex[:8]}"
        # The disclaimer, the greeting and the covered list name the new medicine.
        hello = _ask(url, f"{sender}-hello", "hello")
        assert hello.count("Zorbitamab (ZRB-77)") == 2, hello
        covered = _ask(url, f"{sender}-which", "which medicines do you cover?")
        assert "Zorbitamab (ZRB-77)" in covered and "Socazolimab" in covered
        assert "no other medicine" in covered
        assert "made-up test antibody" in _ask(url, sender, "what is zorbitamab?")
        # A typo of the new name, and a follow-up on it.
        assert "45 minutes" in _ask(url, sender, "how is zorbitamb given?")
        # The covered list now includes it.
        assert "Zorbitamab (ZRB-77)" in _ask(
            url, f"{sender}-2", "side effects of pembrolizumab?"
        )
        # The side-effect check works from the new file's structure, with no code:
        # a listed symptom with its group, and an unlisted one said plainly.
        listed = _ask(url, f"{sender}-3", "does zorbitamab cause headaches?")
        assert "common side effects" in listed and "headache" in listed
        unlisted = _ask(url, f"{sender}-4", "does zorbitamab cause hair loss?")
        assert "do not list hair loss" in unlisted
        # What the new file never mentions is said to be not covered, by name.
        wine = _ask(url, f"{sender}-5", "can I drink alcohol on zorbitamab?")
        assert "Zorbitamab don't say anything about alcohol" in wine
        # A shortened name counts as the medicine.
        assert "made-up test antibody" in _ask(url, f"{sender}-6", "what is zorbi?")
        # A symptom now comes first; the question asked with it is answered after,
        # from the new file: rash is not on its list.
        rash = _ask(
            url,
            f"{sender}-7",
            "I've had a rash all over since yesterday, is that from zorbitamab?",
        )
        assert rash.index("About your question") > 0
        assert "My sources on Zorbitamab do not list rash" in rash
        # The short search-box pairing asks the side-effect check too.
        paired = _ask(url, f"{sender}-8", "zorbitamab and dry cough?")
        assert "common side effects" in paired and "dry cough" in paired
        # The form of each part of a question picks its topic in the new file.
        parts = _ask(
            url,
            f"{sender}-9",
            "in a nutshell, what is zorbitamab, and how is it given?",
        )
        assert "made-up test antibody" in parts and "45 minutes" in parts
        # A comparison with another medicine: how the new one works, and that
        # its sources don't compare the two.
        versus = _ask(url, f"{sender}-10", "zorbitamab vs pembrolizumab")
        assert "PRX1" in versus and "don't compare it with pembrolizumab" in versus
        # Still in trials (its file's status): its uses add what it is studied for.
        uses = _ask(url, f"{sender}-11", "what is zorbitamab used for?")
        assert "no approved uses" in uses and "imaginary joint fever" in uses
        # A condition named reaches the fact that mentions it, whatever the topic read.
        condition = _ask(
            url, f"{sender}-12", "could zorbitamab help imaginary joint fever?"
        )
        assert "being studied for imaginary joint fever" in condition
        # Its other names come from the overview.
        assert "ZRB-77" in _ask(
            url, f"{sender}-13", "does zorbitamab have any other names?"
        )
