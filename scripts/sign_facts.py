"""Record a reviewer's sign-off of the fact base's answers (`make sign-facts`).

Usage: python scripts/sign_facts.py --reviewer "Name, role" [fact ids ...]

For each fact named (by default: every fact whose answer changed since its
last sign-off, or was never signed), writes `reviewed`, `reviewed_by` and
`review_hash` (the hash of the answer as it stands, `core.fact_lint.answer_hash`)
into its fact file. Sign only after reading the review sheet
(`make facts-report`): the lint in `make test` then fails as soon as a signed
answer changes, until it is read and signed again.
"""

import argparse
import datetime
import re
import sys
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.fact_lint import answer_hash  # noqa: E402
from core.facts import Fact, load_fact_store  # noqa: E402
from core.settings import get_settings  # noqa: E402

_TOPIC = re.compile(r"^  ([a-z_]+):\s*$")
_SIGN_OFF = re.compile(r"^    (?:reviewed|reviewed_by|review_hash):")


def sign(path: Path, facts: List[Fact], reviewer: str, today: datetime.date) -> None:
    """Rewrite the sign-off lines of `facts` (all of one file) in `path`."""
    by_topic = {fact.topic: fact for fact in facts}
    lines, topic = [], None
    for line in path.read_text(encoding="utf-8").split("\n"):
        match = _TOPIC.match(line)
        if match:
            topic = match.group(1)
        if topic in by_topic and _SIGN_OFF.match(line):
            if line.startswith("    reviewed:"):
                fact = by_topic[topic]
                lines += [
                    f"    reviewed: {today.isoformat()}",
                    f"    reviewed_by: {reviewer!r}".replace("'", '"'),
                    f"    review_hash: {answer_hash(fact.answer)}",
                ]
            continue
        lines.append(line)
    path.write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    """Sign the named or changed facts; return 1 when there is nothing to sign."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--reviewer", required=True, help="who read and approved the answers"
    )
    parser.add_argument("facts", nargs="*", help="fact ids, e.g. socazolimab.dose")
    args = parser.parse_args()
    facts_dir = get_settings().facts_dir
    store = load_fact_store(facts_dir)

    def wanted(fact: Fact) -> bool:
        if args.facts:
            return fact.id in args.facts
        return fact.review_hash != answer_hash(fact.answer) or not fact.reviewed_by

    chosen = [fact for fact in store.all_facts() if wanted(fact)]
    if not chosen:
        print("Nothing to sign: every answer matches its sign-off.")
        return 1
    for medicine in dict.fromkeys(f.medicine_id for f in chosen):
        sign(
            Path(facts_dir) / f"{medicine}.yml",
            [f for f in chosen if f.medicine_id == medicine],
            args.reviewer,
            datetime.date.today(),
        )
    print(
        f"Signed {len(chosen)} answer(s) for {args.reviewer}: "
        + ", ".join(f.id for f in chosen)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
