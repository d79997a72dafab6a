"""Delete conversations older than N days from the SQL tracker store.

Pure module: SQLAlchemy Core on Rasa's `events` table, no Rasa imports. A
conversation is deleted whole once its newest event is older than the cut-off,
so no conversation is left half-deleted. Escalation records are kept (they hold
no message text). The action server runs it once a day (`RETENTION_DAYS`,
actions/server.py).

Usage: python -m records.retention --days 90 [--db-url URL] [--dry-run]
"""

import argparse
import datetime
import sys
from typing import List, Optional, Sequence

import sqlalchemy as sa

from core.settings import get_settings


def expired_conversations(engine: sa.engine.Engine, cutoff: float) -> List[str]:
    """Sender ids whose newest event is older than `cutoff` (epoch seconds)."""
    events = sa.Table("events", sa.MetaData(), autoload_with=engine)
    with engine.connect() as conn:
        query = (
            sa.select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(sa.func.max(events.c.timestamp) < cutoff)
        )
        return [row[0] for row in conn.execute(query)]


def delete_older_than(
    db_url: str,
    days: float,
    now: Optional[datetime.datetime] = None,
    dry_run: bool = False,
) -> List[str]:
    """Delete every conversation idle for more than `days`; return their ids."""
    if days < 0:
        raise ValueError("days must not be negative")
    now = now or datetime.datetime.now(datetime.timezone.utc)
    cutoff = (now - datetime.timedelta(days=days)).timestamp()
    engine = sa.create_engine(db_url, future=True)
    try:
        expired = expired_conversations(engine, cutoff)
        if expired and not dry_run:
            events = sa.Table("events", sa.MetaData(), autoload_with=engine)
            with engine.begin() as conn:
                # In chunks: some databases limit the number of bound parameters.
                for start in range(0, len(expired), 500):
                    chunk = expired[start : start + 500]
                    conn.execute(events.delete().where(events.c.sender_id.in_(chunk)))
        return expired
    finally:
        engine.dispose()


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line for operators."""
    parser = argparse.ArgumentParser(prog="python -m records.retention")
    parser.add_argument("--days", type=float, required=True)
    parser.add_argument("--db-url", default=None, help="default: TRACKER_DB_URL")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    db_url = args.db_url or get_settings().tracker_db_url
    try:
        removed = delete_older_than(db_url, args.days, dry_run=args.dry_run)
    except sa.exc.NoSuchTableError:
        print(f"No conversations stored at {db_url}.")
        return 0
    verb = "Would delete" if args.dry_run else "Deleted"
    print(f"{verb} {len(removed)} conversations idle for more than {args.days:g} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
