"""Every path the README and the docs name exists, and the README stays short."""

import re
from pathlib import Path
from typing import List

import pytest

from core.settings import PROJECT_ROOT

DOCS = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
# Made by a run, not kept in git: named as what a run writes.
GENERATED = ("results/", "state/", "models/", ".venv", ".env", "web/node_modules")
# `core/settings.py`, `escalation/`, `tests/eval/triage_dev7.yml`: a backticked word
# that starts with one of the project's own top-level names.
_TOKEN = re.compile(r"`([^`\s]+)`")
# [text](docs/safety.md), relative to the document.
_LINK = re.compile(r"\]\(([^)#\s]+)")


def _top_level_names() -> List[str]:
    return sorted(
        p.name for p in PROJECT_ROOT.iterdir() if not p.name.startswith(".git")
    )


def named_paths(text: str) -> List[str]:
    """The project paths a Markdown text names in backticks."""
    tops = set(_top_level_names())
    found = []
    for token in _TOKEN.findall(text):
        token = token.rstrip(".,:;)")
        first = token.split("/")[0]
        if "/" not in token and "." not in token:
            continue
        if first in tops and not token.startswith(GENERATED) and "<" not in token:
            found.append(token.split(":")[0].split("#")[0])
    return found


def linked_paths(text: str) -> List[str]:
    """The relative link targets of a Markdown text (no web addresses, and not
    Rasa's entity annotations such as `[socazolimab](medicine)`)."""
    return [t for t in _LINK.findall(text) if ":" not in t and ("/" in t or "." in t)]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_path_a_document_names_exists(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    missing = [p for p in named_paths(text) if not any(PROJECT_ROOT.glob(p))]
    missing += [p for p in linked_paths(text) if not (doc.parent / p).exists()]
    assert missing == [], f"{doc.name} names paths that do not exist: {missing}"


def test_linked_paths_are_relative_links() -> None:
    text = "[a](docs/a.md), [b](https://x.org/b), [c](#x), [d](../README.md#x), "
    text += "[e](medicine)"
    assert linked_paths(text) == ["docs/a.md", "../README.md"]


def test_named_paths_finds_project_paths_only() -> None:
    text = "`core/settings.py`, `make run`, `results/bench.md`, `https://x/y`, `../a`"
    assert named_paths(text) == ["core/settings.py"]


def test_the_readme_is_a_front_door() -> None:
    assert len((PROJECT_ROOT / "README.md").read_text().splitlines()) <= 200


def test_the_readme_map_names_every_package() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    packages = sorted(
        init.parent.name
        for init in PROJECT_ROOT.glob("*/__init__.py")
        if init.parent.name != "tests"
    )
    assert [p for p in packages if f"| `{p}/`" not in readme] == []


def test_the_staff_guide_lists_every_triage_category() -> None:
    from core.triage.advice import LEVEL_BY_CATEGORY

    guide = (PROJECT_ROOT / "docs" / "staff-guide.md").read_text(encoding="utf-8")
    assert [c for c in LEVEL_BY_CATEGORY if f"`{c}`" not in guide] == []
