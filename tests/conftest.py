"""Shared fixtures: a dispatcher, a tracker factory, a domain, a small fact base."""

import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from core.facts import FactStore, load_fact_store
from core.settings import PROJECT_ROOT, get_settings

# A developer's `.env` must not change what the tests see, nor the servers they
# start: tests that need a `.env` write their own and point ENV_FILE at it.
os.environ.setdefault("ENV_FILE", "")

SMALL_FACT_FILE = """\
id: testamab
name: Testamab
aliases: [testamab, TST-42]
status: investigational
source:
  file: seed.txt
  title: Testamab sheet
topics:
  overview:
    section: Overview
    answer: Testamab is a test antibody given every 3 weeks.
    quotes: ["Testamab is a test antibody. It is given every 3 weeks."]
    key_terms: [test antibody]
    reviewed: 2026-01-02
  premedication:
    section: Before the drip
    answer: Benadryl may be given before the drip.
    quotes: ["Benadryl may be given before the drip."]
    key_terms: [Benadryl]
    reviewed: 2026-01-02
"""


@pytest.fixture(scope="session")
def store() -> FactStore:
    """The project's real fact base."""
    return load_fact_store(PROJECT_ROOT / "facts")


@pytest.fixture
def small_facts_dir(tmp_path: Path) -> Path:
    """A folder holding one small, valid fact file."""
    folder = tmp_path / "facts"
    folder.mkdir()
    (folder / "testamab.yml").write_text(SMALL_FACT_FILE)
    return folder


@pytest.fixture
def small_store(small_facts_dir: Path) -> FactStore:
    """A store loaded from `small_facts_dir`."""
    return load_fact_store(small_facts_dir)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    """Collects what an action sends."""
    return CollectingDispatcher()


@pytest.fixture
def domain() -> Dict[str, Any]:
    """A minimal domain dict; our actions read nothing from it."""
    return {"slots": {}, "responses": {}, "intents": []}


@pytest.fixture
def make_tracker() -> Callable[..., Tracker]:
    """Build a tracker from keyword arguments (slots, intent, entities, text)."""

    def _make(
        intent: Optional[str] = None,
        entities: Optional[List[Dict[str, Any]]] = None,
        text: str = "",
        slots: Optional[Dict[str, Any]] = None,
        sender_id: str = "test-user",
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0} if intent else {},
            "entities": entities or [],
        }
        return Tracker(
            sender_id=sender_id,
            slots=slots or {},
            latest_message=latest,
            events=[],
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name=None,
        )

    return _make


@pytest.fixture(scope="session")
def source_folders() -> Tuple[Path, ...]:
    """Where the fact base's source documents are: `sources/` (medicines a clinic
    adds), then the original seed texts (`SEEDS_DIR`, default ../shared/seeds)."""
    settings = get_settings()
    assert settings.seeds_dir.is_dir(), (
        f"seed folder {settings.seeds_dir} not found: set SEEDS_DIR"
    )
    return settings.source_folders
