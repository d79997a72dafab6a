"""Print the Python files `rasa train` runs, one per line (for the Makefile).

They are the modules of the NLU components config.yml names, the launcher that
applies our fixes to Rasa (runtime/launch.py), and every project module they
import. Standard library only: the Makefile runs it before the virtualenv exists.

Usage: python3 scripts/training_inputs.py [ROOT]
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tooling.imports import (  # noqa: E402
    closure,
    import_graph,
    module_name,
    python_files,
)

LAUNCHER = "runtime.launch"
# `- name: components.triage_component.SymptomTriageClassifier` -> the module.
COMPONENT = re.compile(r"^\s*-\s*name:\s*([\w.]+)\.\w+\s*$", re.MULTILINE)


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    files = [p for p in python_files(root) if p.relative_to(root).parts[0] != "tests"]
    graph = import_graph(root, files)
    config = (root / "config.yml").read_text(encoding="utf-8")
    starts = [LAUNCHER, *COMPONENT.findall(config)]
    paths = {module_name(root, path): path for path in files}
    for name in sorted(closure(graph, starts)):
        print(paths[name].relative_to(root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
