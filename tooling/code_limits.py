"""Limits the product's code keeps, checked by `make lint` (scripts/check_limits.py).

- Every function has a cyclomatic complexity of `MAX_COMPLEXITY` or less, as
  radon counts it (boolean operators and comprehensions are branches too). The
  most branched functions of Rasa's own policies and classifiers are at 13-14.
- Every module has `MAX_LINES` lines or less, word lists and rule tables
  included: a bigger module holds more than one concern.
- No import circle between the project's modules: two modules that need each
  other are one concern, or a third module is missing.

Tests, scripts and test tooling are held to the import rule only.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional

from radon.complexity import cc_visit

from tooling.imports import import_cycles, import_graph, python_files

MAX_COMPLEXITY = 15
MAX_LINES = 500
# Folders whose modules may branch more and run longer (tests, report scripts,
# test tooling); they still may not import in circles.
EXEMPT_FOLDERS = ("tests", "scripts", "tooling")


@dataclass(frozen=True)
class Breach:
    """One place over a limit, in words."""

    path: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


def is_exempt(root: Path, path: Path) -> bool:
    """True for tests, scripts and test tooling."""
    return path.relative_to(root).parts[0] in EXEMPT_FOLDERS


def complexity_breaches(root: Path, path: Path) -> List[Breach]:
    """Functions and methods of `path` above `MAX_COMPLEXITY`."""
    relative = str(path.relative_to(root))
    return [
        Breach(relative, f"{block.fullname} has complexity {block.complexity}")
        for block in cc_visit(path.read_text(encoding="utf-8"))
        if block.complexity > MAX_COMPLEXITY
    ]


def size_breach(root: Path, path: Path) -> Optional[Breach]:
    """The module itself when it is longer than `MAX_LINES`."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if lines <= MAX_LINES:
        return None
    return Breach(str(path.relative_to(root)), f"{lines} lines")


def breaches(root: Path, files: Optional[Iterable[Path]] = None) -> List[Breach]:
    """Every breach of the three limits under `root`."""
    files = list(files if files is not None else python_files(root))
    found: List[Breach] = []
    for path in files:
        if is_exempt(root, path):
            continue
        found.extend(complexity_breaches(root, path))
        too_long = size_breach(root, path)
        if too_long:
            found.append(too_long)
    for cycle in import_cycles(import_graph(root, files)):
        found.append(Breach(cycle[0], "import circle: " + " <-> ".join(cycle)))
    return found
