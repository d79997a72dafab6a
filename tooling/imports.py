"""The project's import graph, from the source alone (standard library only).

Used by `make lint` (no import circles, tooling/code_limits.py) and by the
Makefile to list the training inputs: the modules `rasa train` runs are the
NLU components that config.yml names, the launcher, and everything they import.
Reply wording and answer code are not among them, so changing them does not
retrain the model.
"""

import ast
import os
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Sequence, Set

SKIPPED_FOLDERS = frozenset({".venv", ".venv-audit", "node_modules", "models", ".git"})


def python_files(root: Path) -> List[Path]:
    """Every .py file of the project under `root`, skipping virtualenvs and the like.

    The skipped folders are never entered: the Makefile runs this on every `make`,
    and walking `.venv` first to filter it out afterwards took a second.
    """
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS]
        found += [Path(folder) / name for name in files if name.endswith(".py")]
    return sorted(found)


def module_name(root: Path, path: Path) -> str:
    """`core/triage/rules.py` -> `core.triage.rules`; a package is its folder."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(test or node)


def _import_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every import statement, except those under `if TYPE_CHECKING:`."""
    stack: List[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if _type_checking_only(node):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imported_modules(root: Path, path: Path, modules: Set[str]) -> Set[str]:
    """The project modules `path` imports (`from pkg import mod` names `pkg.mod`)."""
    importer = module_name(root, path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: Set[str] = set()
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        assert isinstance(node, ast.ImportFrom)
        base = _absolute(node, importer, path.name == "__init__.py")
        submodules = {f"{base}.{alias.name}" for alias in node.names} & modules
        found.update(submodules)
        if len(submodules) < len(node.names):  # names from the module itself
            found.add(base)
    return {name for name in found if name in modules and name != importer}


def import_graph(root: Path, files: Sequence[Path]) -> Dict[str, Set[str]]:
    """Module -> the project modules it imports."""
    modules = {module_name(root, path) for path in files}
    return {
        module_name(root, path): imported_modules(root, path, modules) for path in files
    }


def import_cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    """Strongly connected groups of more than one module (Tarjan), sorted."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    groups: List[List[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def closure(graph: Dict[str, Set[str]], starts: Iterable[str]) -> Set[str]:
    """The modules in `starts` and every project module they import, transitively,
    with the packages above each (Python runs a package's `__init__` first)."""
    seen: Set[str] = set()
    todo = [name for name in starts if name in graph]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parents = {name.rsplit(".", n)[0] for n in range(1, name.count(".") + 1)}
        todo.extend((graph[name] | parents) & set(graph) - seen)
    return seen
