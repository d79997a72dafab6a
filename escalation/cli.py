"""Command line for staff: list escalation records, put failed posts back, deliver.

python -m escalation.cli list [--limit 50]   (also `make escalations`)
python -m escalation.cli retry [ids ...]
python -m escalation.cli deliver
python -m escalation.cli deliver-forever [--worker NAME]
"""

import argparse
import logging
import signal
import sys
from typing import Optional, Sequence

from core.settings import Settings, get_settings
from escalation.outbox import build_loop
from escalation.store import (
    FAILED,
    Escalation,
    EscalationStore,
    _iso,
    store_from_settings,
)

logger = logging.getLogger(__name__)


def _print_table(rows: Sequence[Escalation]) -> None:
    if not rows:
        print("No escalations recorded.")
        return
    header = (
        "id",
        "created_at",
        "level",
        "category",
        "delivery",
        "attempts",
        "next_attempt_at",
        "conversation_id",
    )
    lines = [header] + [
        (
            str(r.id),
            r.created_at,
            r.level,
            r.category,
            r.delivery,
            str(r.attempts),
            _iso(r.next_attempt_at)
            if r.next_attempt_at and r.delivery == FAILED
            else "",
            r.conversation_id,
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip()
        )


def _deliver_forever(
    settings: Settings, store: EscalationStore, worker: Optional[str]
) -> int:
    loop = build_loop(settings, store, worker=worker)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: loop.request_stop())
    logger.info("Delivering escalations as %s until SIGTERM", loop.worker)
    loop.run_forever()
    return 0


def _deliver_once(settings: Settings, store: EscalationStore) -> int:
    loop = build_loop(settings, store)
    posted = loop.run_pending()
    left = len(store.undelivered())
    print(f"Posted {posted}; {left} still undelivered; {len(store.dead())} dead.")
    return 0 if left == 0 else 1


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line for staff: list escalations, retry dead letters, deliver."""
    parser = argparse.ArgumentParser(prog="python -m escalation.cli")
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="show the newest escalations")
    listing.add_argument("--limit", type=int, default=50)
    retry = sub.add_parser("retry", help="put dead and failed records back to pending")
    retry.add_argument("ids", nargs="*", type=int, help="only these ids")
    sub.add_parser("deliver", help="post the records that are due now, then exit")
    forever = sub.add_parser(
        "deliver-forever",
        help="run a delivery loop until SIGTERM, as the action server does",
    )
    forever.add_argument("--worker", help="name in claimed_by (default host:pid)")
    args = parser.parse_args(argv)
    settings = get_settings()
    store = store_from_settings(settings)
    if args.command == "list":
        _print_table(store.recent(args.limit))
        dead = len(store.dead())
        if dead:
            print(
                f"{dead} dead letter(s): `python -m escalation.cli retry` "
                "sends them again."
            )
        return 0
    if not settings.webhook_url:
        print("ESCALATION_WEBHOOK_URL is not set: nothing to deliver to.")
        return 1
    if args.command == "retry":
        count = store.requeue(args.ids)
        print(
            f"{count} record(s) back to pending; the action server's delivery loop "
            "posts them within ESCALATION_DELIVERY_INTERVAL_S."
        )
        return 0
    if args.command == "deliver":
        return _deliver_once(settings, store)
    return _deliver_forever(settings, store, args.worker)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    sys.exit(main())
