"""The code limits of `make lint`: complexity, module size, import circles."""

from pathlib import Path
from typing import Dict

import pytest

from tooling.code_limits import MAX_COMPLEXITY, MAX_LINES, breaches
from tooling.imports import import_cycles, import_graph, module_name, python_files


def _write(root: Path, files: Dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _branchy(branches: int) -> str:
    body = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(branches))
    return f"def f(x):\n{body}    return -1\n"


@pytest.mark.parametrize(
    "branches, breached", [(MAX_COMPLEXITY - 1, False), (MAX_COMPLEXITY, True)]
)
def test_a_function_over_the_complexity_limit_is_a_breach(
    tmp_path: Path, branches: int, breached: bool
) -> None:
    # n `if`s make complexity n + 1.
    _write(tmp_path, {"core/__init__.py": "", "core/m.py": _branchy(branches)})
    assert bool(breaches(tmp_path)) is breached


def test_tests_scripts_and_tooling_may_branch_and_run_long(tmp_path: Path) -> None:
    long = "x = 1\n" * (MAX_LINES + 1)
    _write(
        tmp_path,
        {
            "tests/test_m.py": _branchy(MAX_COMPLEXITY + 5) + long,
            "scripts/r.py": long,
            "core/__init__.py": "",
            "core/big.py": long,
        },
    )
    assert [str(b) for b in breaches(tmp_path)] == [
        f"core/big.py: {MAX_LINES + 1} lines"
    ]


def test_an_import_circle_is_found_even_through_a_late_import(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/store.py": "def cli():\n    from pkg.outbox import loop\n",
            "pkg/outbox.py": "from pkg import store\n",
            "pkg/free.py": "from pkg.store import cli\n",
        },
    )
    graph = import_graph(tmp_path, python_files(tmp_path))
    assert import_cycles(graph) == [["pkg.outbox", "pkg.store"]]
    assert "import circle: pkg.outbox <-> pkg.store" in str(breaches(tmp_path)[0])


def test_imports_for_type_checking_only_make_no_circle(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from pkg.b import B\n",
            "pkg/b.py": "from pkg.a import A\n",
            "pkg/c.py": "from . import a\nfrom .b import B\n",
        },
    )
    graph = import_graph(tmp_path, python_files(tmp_path))
    assert import_cycles(graph) == []
    assert graph["pkg.c"] == {"pkg.a", "pkg.b"}  # relative imports resolved


def test_module_names() -> None:
    root = Path("/r")
    assert module_name(root, root / "core/triage/__init__.py") == "core.triage"
    assert module_name(root, root / "core/settings.py") == "core.settings"
