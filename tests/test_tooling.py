"""tooling/ holds what tests and scripts share: nothing outside tests/ may import
from tests/, so the scripts run without the test suite."""

import ast
from pathlib import Path
from typing import List

import pytest

from core.settings import PROJECT_ROOT
from tooling import servers, services


def _imported_modules(path: Path) -> List[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


# Every package of the project (a top-level folder with `__init__.py`), and scripts.
CODE_FOLDERS = sorted(
    [p.parent for p in PROJECT_ROOT.glob("*/__init__.py") if p.parent.name != "tests"]
    + [PROJECT_ROOT / "scripts"]
)
NOT_TESTS = sorted(path for folder in CODE_FOLDERS for path in folder.rglob("*.py"))


@pytest.mark.parametrize(
    "path", NOT_TESTS, ids=lambda p: str(p.relative_to(PROJECT_ROOT))
)
def test_code_outside_tests_never_imports_tests(path: Path) -> None:
    assert not [
        m for m in _imported_modules(path) if m == "tests" or m.startswith("tests.")
    ]


def test_bench_and_soak_use_the_shared_helpers() -> None:
    for script in ("bench.py", "soak.py"):
        assert "tooling.servers" in _imported_modules(PROJECT_ROOT / "scripts" / script)


def test_our_rasa_is_started_through_the_launcher(tmp_path: Path) -> None:
    command = servers.rasa_command(tmp_path / "m.tar.gz", tmp_path / "e.yml", 5005)
    assert command[:4] == [*servers.OUR_RASA, "run"]
    assert servers.OUR_RASA[1:] == ["-m", "runtime.launch"]
    bare = servers.rasa_command(
        tmp_path / "m.tar.gz", tmp_path / "e.yml", 5005, rasa=[str(servers.RASA)]
    )
    assert bare[:2] == [str(servers.RASA), "run"]


def test_free_ports_are_free_and_distinct() -> None:
    import socket

    ports = {services.free_port() for _ in range(5)}
    assert len(ports) >= 4
    for port in ports:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))  # raises if something holds it


@pytest.mark.parametrize(
    "name",
    ["Makefile", "scripts/serve.sh", "scripts/test_stories.sh", "docker-compose.yml"],
)
def test_every_start_path_runs_rasa_through_the_launcher(name: str) -> None:
    text = (PROJECT_ROOT / name).read_text(encoding="utf-8")
    assert "runtime.launch" in text
    assert "bin/rasa" not in text  # Rasa's own entry point would skip the fixes
