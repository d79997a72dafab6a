"""Benchmark and score the symptom detector on the phrasing table.

Usage: python scripts/bench_triage.py [rounds]
Prints time per message (target: under 5 ms) and the table's recall figures.
"""

import statistics
import sys
import time
from pathlib import Path
from typing import Dict, List

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.triage import SymptomDetector, level_rank  # noqa: E402
from core.triage_rules import CALM, EMERGENCY, ROUTINE, URGENT  # noqa: E402

TABLE = Path(__file__).resolve().parent.parent / "tests" / "triage_cases.yml"


def main(rounds: int) -> int:
    """Run the benchmark; returns the exit code."""
    cases: Dict[str, List[str]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    messages = [(level, entry.rsplit(" | ", 1)[0]) for level, entries in cases.items()
                for entry in entries]
    start = time.perf_counter()
    detector = SymptomDetector()
    build_s = time.perf_counter() - start
    for _, text in messages:  # warm caches as a running server would be
        detector.assess(text)

    timings: List[float] = []
    for _ in range(rounds):
        for _, text in messages:
            t0 = time.perf_counter()
            detector.assess(text)
            timings.append((time.perf_counter() - t0) * 1000)
    long_text = "I have a question about my treatment and how I feel. " * 40
    t0 = time.perf_counter()
    detector.assess(long_text)
    long_ms = (time.perf_counter() - t0) * 1000

    timings.sort()
    print(f"Symptom detector, {len(messages)} phrasings x {rounds} rounds")
    print(f"  build            {build_s * 1000:.0f} ms (once per process)")
    print(f"  per message      mean {statistics.mean(timings):.2f} ms, "
          f"p50 {timings[len(timings) // 2]:.2f} ms, "
          f"p95 {timings[int(len(timings) * 0.95)]:.2f} ms, max {timings[-1]:.2f} ms "
          f"(target < 5 ms)")
    print(f"  2,200-char text  {long_ms:.2f} ms")

    ok = True
    for level in (EMERGENCY, URGENT, ROUTINE):
        texts = [t for lv, t in messages if lv == level]
        hit = sum(level_rank(detector.assess(t).level) >= level_rank(level) for t in texts)
        print(f"  {level:<9} recall  {hit}/{len(texts)} = {hit / len(texts):.1%}")
        ok &= level == ROUTINE or hit == len(texts)
    calm = [t for lv, t in messages if lv == CALM]
    escalated = sum(detector.assess(t).escalates for t in calm)
    print(f"  calm escalated   {escalated}/{len(calm)} = {escalated / len(calm):.1%} (target <= 3%)")
    ok &= escalated / len(calm) <= 0.03
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20))
