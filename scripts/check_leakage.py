"""Fail when an evaluation message appears in a training input (`make test`).

Usage: python scripts/check_leakage.py

See `tooling/leakage.py` for what counts as a training input and as "nearly
the same". Prints each leak with both places (never a locked message's text)
and exits 1 when there is any.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.triage.classifier import medicine_names  # noqa: E402
from tooling.leakage import evaluation_texts, find_leaks, project_training_texts  # noqa: E402


def main() -> int:
    """Run the check; returns the exit code."""
    start = time.perf_counter()
    evaluation = evaluation_texts(
        ROOT / "tests" / "eval", ROOT / "tests" / "nlu" / "test_nlu.yml"
    )
    training = project_training_texts(ROOT)
    leaks = find_leaks(evaluation, training, medicine_names())
    for leak in leaks:
        print(leak.describe())
    print(
        f"Leakage check: {len(evaluation)} evaluation messages against {len(training)} "
        f"training texts: {len(leaks)} leak(s) ({time.perf_counter() - start:.1f} s)."
    )
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
