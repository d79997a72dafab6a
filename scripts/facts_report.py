"""List every fact with its source passage, review age and reading grade, and
write the review sheet a clinician signs (one HTML page per medicine).

Usage: python scripts/facts_report.py [--max-age-days N] [--out results/facts-report.md]
Prints a table, writes the full report (with passages) as Markdown, and flags
facts past the review age (FACT_REVIEW_MAX_DAYS, default 365) or above grade 8.
"""

import argparse
import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.fact_review import (  # noqa: E402
    DEFAULT_MAX_REVIEW_AGE_DAYS,
    READING_GRADE_TARGET,
    review,
)
from core.facts import load_fact_store  # noqa: E402
from core.settings import get_settings  # noqa: E402
from tooling.review_sheet import medicine_page  # noqa: E402


def main() -> int:
    """Print the table and write the report; returns 0."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--max-age-days",
        type=int,
        default=int(
            os.environ.get("FACT_REVIEW_MAX_DAYS", DEFAULT_MAX_REVIEW_AGE_DAYS)
        ),
    )
    parser.add_argument("--out", type=Path, default=Path("results/facts-report.md"))
    args = parser.parse_args()
    rows = review(
        load_fact_store(get_settings().facts_dir), max_age_days=args.max_age_days
    )

    header = (
        f"{'fact':<38} {'reviewed':<10} {'age':>5} {'grade':>5} {'words':>5}  flags"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        flags = ", ".join(
            flag
            for flag, on in (("REVIEW DUE", row.stale), ("ABOVE GRADE 8", row.too_hard))
            if on
        )
        print(
            f"{row.fact.id:<38} {row.fact.reviewed.isoformat():<10} {row.age_days:>5} "
            f"{row.grade:>5.1f} {row.words:>5}  {flags}"
        )
    stale = sum(r.stale for r in rows)
    hard = sum(r.too_hard for r in rows)
    worst = max(r.grade for r in rows)
    print(
        f"\n{len(rows)} facts; {stale} past the review age ({args.max_age_days} days); "
        f"{hard} above grade {READING_GRADE_TARGET:g}; hardest grade {worst:.1f}"
    )

    lines = [
        "# Fact base review",
        "",
        f"{len(rows)} facts. Review age limit: {args.max_age_days} days. "
        f"Reading target: Flesch-Kincaid grade {READING_GRADE_TARGET:g} or lower.",
        "",
        "| fact | reviewed | age (days) | grade | flags |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        flags = " ".join(
            f
            for f, on in (("review due", row.stale), ("above grade 8", row.too_hard))
            if on
        )
        lines.append(
            f"| {row.fact.id} | {row.fact.reviewed} | {row.age_days} "
            f"| {row.grade:.1f} | {flags} |"
        )
    for row in rows:
        fact = row.fact
        lines += [
            "",
            f"## {fact.id}",
            "",
            f"**Answer** (grade {row.grade:.1f}): {fact.answer}",
            "",
            f"**Source:** `{fact.source_file}`, {fact.source_title}, "
            f'section "{fact.section}"',
            "",
        ]
        lines += [f"> {quote}" for quote in fact.quotes]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"Report written to {args.out}")
    # The review sheet a clinician reads and signs: one page per medicine.
    store = load_fact_store(get_settings().facts_dir)
    sheets = args.out.parent / "review-sheet"
    sheets.mkdir(parents=True, exist_ok=True)
    for medicine in store.medicines:
        page = sheets / f"{medicine.id}.html"
        page.write_text(
            medicine_page(medicine, datetime.date.today()), encoding="utf-8"
        )
        print(f"Review sheet written to {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
