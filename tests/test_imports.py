"""The import graph (tooling/imports.py) and the training inputs it lists."""

import subprocess
import sys
from pathlib import Path

from core.settings import PROJECT_ROOT
from tooling.imports import closure


def test_closure_follows_imports_and_the_packages_above() -> None:
    graph = {
        "app": {"pkg.b"},
        "pkg": set(),
        "pkg.b": {"pkg.c"},
        "pkg.c": set(),
        "other": {"app"},
    }
    assert closure(graph, ["app", "missing"]) == {"app", "pkg", "pkg.b", "pkg.c"}


def test_training_inputs_hold_the_components_and_not_the_answer_code() -> None:
    out = subprocess.run(
        [sys.executable, "scripts/training_inputs.py"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "components/triage_component.py" in out
    assert "runtime/rasa_fixes.py" in out  # the fixes apply while training too
    assert all(Path(PROJECT_ROOT / path).is_file() for path in out)
    # Reply wording, answers and actions are not run by `rasa train`: changing
    # them must not retrain the model.
    assert not [p for p in out if p.startswith(("actions/", "core/answers"))]
