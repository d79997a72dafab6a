"""Quiet starts: third-party deprecation notices hidden, ours still shown."""

import logging
from typing import List, Tuple

import pytest

from runtime.quiet import PROJECT_ROOT, hiding_third_party_deprecations, quiet

SITE = "/x/.venv/lib/python3.10/site-packages"


def _shown(category: type, filename: str) -> List[Tuple[str, str]]:
    seen: List[Tuple[str, str]] = []
    show = hiding_third_party_deprecations(
        lambda message, cat, name, *rest: seen.append((cat.__name__, name))
    )
    show("old API", category, filename, 1)
    return seen


@pytest.mark.parametrize(
    "filename",
    [f"{SITE}/tensorflow/python/util.py", f"{SITE}/sanic/app.py", "/usr/lib/x.py"],
)
def test_third_party_deprecations_are_hidden(filename: str) -> None:
    assert _shown(DeprecationWarning, filename) == []
    assert _shown(PendingDeprecationWarning, filename) == []


def test_our_own_deprecations_and_other_warnings_still_show() -> None:
    ours = str(PROJECT_ROOT / "core" / "answers.py")
    assert _shown(DeprecationWarning, ours) == [("DeprecationWarning", ours)]
    theirs = f"{SITE}/rasa/x.py"
    assert _shown(UserWarning, theirs) == [("UserWarning", theirs)]


def test_only_the_pending_task_report_is_dropped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    quiet()
    log = logging.getLogger("asyncio")
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        log.error("Task was destroyed but it is pending!\ntask: <Task pending>")
        log.error("Unclosed client session")
    assert [r.getMessage() for r in caplog.records] == ["Unclosed client session"]
