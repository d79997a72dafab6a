"""Check the product's code limits (tooling/code_limits.py); exit 1 on any breach.

Usage: python scripts/check_limits.py [ROOT]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tooling.code_limits import (  # noqa: E402
    MAX_COMPLEXITY,
    MAX_LINES,
    breaches,
    python_files,
)


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    files = python_files(root)
    found = breaches(root, files)
    for breach in found:
        print(breach)
    print(
        f"{len(files)} modules: complexity <= {MAX_COMPLEXITY}, <= {MAX_LINES} lines, "
        f"no import circle: {len(found)} breach(es)."
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
