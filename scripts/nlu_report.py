"""Print the held-out NLU figures from `rasa test nlu` results and check targets.

Usage: python scripts/nlu_report.py results/nlu
Exits 1 when intent accuracy or medicine F1 is below its target.
"""

import json
import sys
from pathlib import Path
from typing import Any, Dict

INTENT_ACCURACY_TARGET = 0.95
MEDICINE_F1_TARGET = 0.95
EXTRACTOR_REPORT = "MedicineEntityExtractor_report.json"


def _load(path: Path) -> Dict[str, Any]:
    if not path.exists():
        sys.exit(f"{path} not found: run `make test-nlu` first")
    return json.loads(path.read_text())


def main(results: Path) -> int:
    """Print the figures; return the exit code."""
    intents = _load(results / "intent_report.json")
    entities = _load(results / EXTRACTOR_REPORT)
    accuracy = float(intents["accuracy"])
    medicine = entities.get("medicine", {})
    f1 = float(medicine.get("f1-score", 0.0))
    examples = int(intents["weighted avg"]["support"])
    weak = sorted(
        (name, report["f1-score"])
        for name, report in intents.items()
        if isinstance(report, dict)
        and "support" in report
        and name not in ("macro avg", "weighted avg", "micro avg")
        and report["f1-score"] < 0.9
    )
    print(f"Held-out NLU test set: {examples} messages (tests/nlu/test_nlu.yml)")
    print(
        f"  intent accuracy   {accuracy:.1%}  (target >= {INTENT_ACCURACY_TARGET:.0%})"
    )
    print(f"  intent macro F1   {intents['macro avg']['f1-score']:.1%}")
    print(
        f"  medicine F1       {f1:.1%}  precision {medicine.get('precision', 0):.1%} "
        f"recall {medicine.get('recall', 0):.1%}  (target >= {MEDICINE_F1_TARGET:.0%})"
    )
    for name, score in weak:
        print(f"  weak intent: {name} F1 {score:.1%}")
    ok = accuracy >= INTENT_ACCURACY_TARGET and f1 >= MEDICINE_F1_TARGET
    print("NLU targets met" if ok else "NLU targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "results/nlu")))
