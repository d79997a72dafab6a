"""Score and time the triage layers on the phrasing table and the evaluation sets.

Usage: python scripts/bench_triage.py [rounds]

For `tests/triage_cases.yml` (the rules' own table), the hand-written messages
the classifier trains on (`triage_messages/`, development sets until 2026-11-22:
their figures are fit, not generalisation), `tests/eval/triage_dev*.yml`
(development: tuning allowed, never trained on) and
`tests/eval/triage_locked*.yml` (never tuned on, misses never printed), prints
emergency recall, urgent-or-above recall, routine recall, calm messages
escalated and past self-harm answered gently, for the rules alone, the learned
classifier alone, and both together (`core.triage.verdict.combine`, as the NLU
component does). Then the time per message of both layers.

Exit status: non-zero when the rules miss an emergency or urgent message of
their own table. The evaluation sets' figures and the time target (p95 under
5 ms) are reported, not enforced: the sets measure generalisation, and time on
a shared 2-core machine depends on what else runs.
"""

import statistics
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.triage_component import SymptomTriageClassifier  # noqa: E402
from core.triage.classifier import TriageModel, train_default, written_files  # noqa: E402
from core.triage.detector import SymptomDetector  # noqa: E402
from core.triage.levels import (  # noqa: E402
    CALM,
    EMERGENCY,
    ROUTINE,
    URGENT,
    level_rank,  # noqa: E402
)
from core.triage.verdict import combine  # noqa: E402

TABLE = ROOT / "tests" / "triage_cases.yml"
EVAL = ROOT / "tests" / "eval"
SETS = (
    *(("trained-on", path) for path in written_files()),
    *(("development", path) for path in sorted(EVAL.glob("triage_dev*.yml"))),
    *(("locked", path) for path in sorted(EVAL.glob("triage_locked*.yml"))),
)
HISTORY = "history"
P95_TARGET_MS = 5.0

Case = Tuple[str, str]  # (level, text)


def table_cases() -> List[Case]:
    cases: Dict[str, List[str]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return [
        (level, entry.rsplit(" | ", 1)[0])
        for level, entries in cases.items()
        for entry in entries
    ]


def eval_cases(path: Path) -> List[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(case["level"], case["text"]) for case in data["cases"]]


def score(
    cases: List[Case], read: Callable[[str], Tuple[str, bool]]
) -> Dict[str, Tuple[int, int]]:
    """(hits, total) per level; `read` gives (level, gentle self-harm reply)."""
    result: Dict[str, List[int]] = {}
    for level, text in cases:
        got, gentle = read(text)
        if level == CALM:
            hit = got == CALM
        elif level == HISTORY:
            hit = gentle or got == EMERGENCY  # never a silent miss
        else:
            hit = level_rank(got) >= level_rank(level)
        counts = result.setdefault(level, [0, 0])
        counts[0] += hit
        counts[1] += 1
    return {level: (hits, total) for level, (hits, total) in result.items()}


def line(name: str, figures: Dict[str, Tuple[int, int]]) -> str:
    parts = []
    for level, label in (
        (EMERGENCY, "emergency"),
        (URGENT, "urgent+"),
        (ROUTINE, "routine+"),
        (HISTORY, "past self-harm gentle"),
    ):
        if level in figures:
            hits, total = figures[level]
            parts.append(f"{label} {hits}/{total} = {hits / total:.1%}")
    if CALM in figures:
        hits, total = figures[CALM]
        parts.append(
            f"calm escalated {total - hits}/{total} = {(total - hits) / total:.1%}"
        )
    return f"  {name:<11} " + "; ".join(parts)


def main(rounds: int) -> int:
    """Run the benchmark; returns the exit code."""
    start = time.perf_counter()
    detector = SymptomDetector()
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    model: TriageModel = train_default()
    model.thresholds = SymptomTriageClassifier._thresholds(
        SymptomTriageClassifier.get_default_config()
    )
    train_s = time.perf_counter() - start

    def rules(text: str) -> Tuple[str, bool]:
        assessment = detector.assess(text)
        return assessment.level, assessment.self_harm_history

    def learned(text: str) -> Tuple[str, bool]:
        return model.level(text)[0], False

    def both(text: str) -> Tuple[str, bool]:
        assessment = detector.assess(text)
        evidence = detector.mentions_state(text, assessment)
        level = combine(assessment, model, text, evidence=evidence).level or CALM
        return level, assessment.self_harm_history and level == CALM

    print(
        f"Triage layers (rules build {build_s * 1000:.0f} ms, classifier training "
        f"{train_s:.1f} s, once per process / per `rasa train`)"
    )
    ok = True
    table = table_cases()
    for name, cases in (
        ("phrasing table tests/triage_cases.yml", table),
        *(
            (f"{name} set {path.relative_to(ROOT)}", eval_cases(path))
            for name, path in SETS
            if path.exists()
        ),
    ):
        print(f"\n{name}: {len(cases)} messages")
        for layer, read in (("rules", rules), ("classifier", learned), ("both", both)):
            figures = score(cases, read)
            print(line(layer, figures))
            if cases is table and layer == "rules":
                for level in (EMERGENCY, URGENT):
                    hits, total = figures[level]
                    ok &= hits == total

    messages = [text for _, text in table]
    for text in messages:  # warm caches as a running server would be
        both(text)
    timings: List[float] = []
    for _ in range(rounds):
        for text in messages:
            t0 = time.perf_counter()
            both(text)
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(
        "\nDetection time, rules + classifier, "
        f"{len(messages)} messages x {rounds} rounds:"
    )
    print(
        f"  mean {statistics.mean(timings):.2f} ms, "
        f"p50 {timings[len(timings) // 2]:.2f} ms, "
        f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms "
        f"(target p95 < {P95_TARGET_MS:.0f} ms: "
        f"{'met' if p95 < P95_TARGET_MS else 'NOT MET'})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
