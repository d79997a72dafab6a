"""Record escalations in SQL and deliver them to an optional clinic webhook.

Pure module: SQLAlchemy Core and the standard library, no Rasa. SQLite by
default (`ESCALATION_DB_URL`); any SQLAlchemy URL works. Only the time, the
conversation id, the level and the category are stored: never the message.

Staff list records with `make escalations` (`python -m actions.escalations list`)
and retry failed webhook deliveries with `python -m actions.escalations retry`.
"""

import argparse
import datetime
import json
import logging
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

import sqlalchemy as sa

from actions.config import Settings, get_settings

logger = logging.getLogger(__name__)

PENDING, DELIVERED, FAILED, NOT_SENT = "pending", "delivered", "failed", "not_sent"
PostJson = Callable[[str, Dict[str, Any], float], None]

_METADATA = sa.MetaData()
ESCALATIONS = sa.Table(
    "escalations",
    _METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("conversation_id", sa.String(255), nullable=False, index=True),
    sa.Column("level", sa.String(16), nullable=False),
    sa.Column("category", sa.String(64), nullable=False),
    sa.Column("delivery", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("last_error", sa.String(255)),
)


@dataclass(frozen=True)
class Escalation:
    """One recorded escalation."""

    id: int
    created_at: str
    conversation_id: str
    level: str
    category: str
    delivery: str
    attempts: int
    last_error: Optional[str]

    def payload(self) -> Dict[str, Any]:
        """What the clinic webhook receives: no message text."""
        return {
            "id": self.id,
            "created_at": self.created_at,
            "conversation_id": self.conversation_id,
            "level": self.level,
            "category": self.category,
        }


class EscalationStore:
    """Escalation records in one SQL table, created on first use."""

    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        self._engine = sa.create_engine(url, future=True)
        _METADATA.create_all(self._engine)

    def record(
        self,
        conversation_id: str,
        level: str,
        category: str,
        webhook: bool,
        now: Optional[datetime.datetime] = None,
    ) -> int:
        """Store one escalation; returns its id."""
        created = (now or datetime.datetime.now(datetime.timezone.utc)).isoformat(
            timespec="seconds"
        )
        with self._engine.begin() as conn:
            result = conn.execute(
                ESCALATIONS.insert().values(
                    created_at=created,
                    conversation_id=conversation_id,
                    level=level,
                    category=category,
                    delivery=PENDING if webhook else NOT_SENT,
                    attempts=0,
                )
            )
            return int(result.inserted_primary_key[0])

    def _select(self, query: Any) -> List[Escalation]:
        with self._engine.connect() as conn:
            return [Escalation(**row._mapping) for row in conn.execute(query)]

    def recent(self, limit: int = 50) -> List[Escalation]:
        """Newest first."""
        return self._select(ESCALATIONS.select().order_by(ESCALATIONS.c.id.desc()).limit(limit))

    def undelivered(self) -> List[Escalation]:
        """Records waiting for the webhook, oldest first."""
        query = (
            ESCALATIONS.select()
            .where(ESCALATIONS.c.delivery.in_([PENDING, FAILED]))
            .order_by(ESCALATIONS.c.id)
        )
        return self._select(query)

    def mark(self, escalation_id: int, delivery: str, error: Optional[str] = None) -> None:
        """Record a delivery attempt's outcome."""
        with self._engine.begin() as conn:
            conn.execute(
                ESCALATIONS.update()
                .where(ESCALATIONS.c.id == escalation_id)
                .values(
                    delivery=delivery,
                    attempts=ESCALATIONS.c.attempts + 1,
                    last_error=(error or "")[:255] or None,
                )
            )


def post_json(url: str, payload: Dict[str, Any], timeout_s: float) -> None:
    """POST JSON; raises on a network error or a non-2xx answer."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(url, response.status, "not 2xx", {}, None)  # type: ignore[arg-type]


def deliver_pending(
    store: EscalationStore,
    url: str,
    timeout_s: float,
    retries: int,
    backoff_s: float,
    post: PostJson = post_json,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Send every undelivered record, retrying each with exponential backoff.

    A record that still fails is marked `failed` and stays in the table for the
    next delivery run: nothing is lost. Returns how many were delivered.
    """
    delivered = 0
    for escalation in store.undelivered():
        error: Optional[str] = None
        for attempt in range(retries + 1):
            try:
                post(url, escalation.payload(), timeout_s)
                error = None
                break
            except Exception as exc:  # any failure is kept for retry
                error = f"{type(exc).__name__}: {exc}"
                if attempt < retries:
                    sleep(backoff_s * (2**attempt))
        if error is None:
            store.mark(escalation.id, DELIVERED)
            delivered += 1
        else:
            logger.warning("Escalation %s not delivered: %s", escalation.id, error)
            store.mark(escalation.id, FAILED, error)
    return delivered


def store_from_settings(settings: Optional[Settings] = None) -> EscalationStore:
    """The store named by `ESCALATION_DB_URL`."""
    return EscalationStore((settings or get_settings()).escalation_db_url)


def _print_table(rows: Sequence[Escalation]) -> None:
    if not rows:
        print("No escalations recorded.")
        return
    header = ("id", "created_at", "level", "category", "delivery", "conversation_id")
    lines = [header] + [
        (str(r.id), r.created_at, r.level, r.category, r.delivery, r.conversation_id)
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line for staff: list escalations, retry webhook deliveries."""
    parser = argparse.ArgumentParser(prog="python -m actions.escalations")
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="show the newest escalations")
    listing.add_argument("--limit", type=int, default=50)
    sub.add_parser("retry", help="deliver pending and failed records to the webhook")
    args = parser.parse_args(argv)
    settings = get_settings()
    store = store_from_settings(settings)
    if args.command == "list":
        _print_table(store.recent(args.limit))
        return 0
    if not settings.webhook_url:
        print("ESCALATION_WEBHOOK_URL is not set: nothing to deliver to.")
        return 1
    sent = deliver_pending(
        store, settings.webhook_url, settings.webhook_timeout_s,
        settings.webhook_retries, settings.webhook_backoff_s,
    )
    left = len(store.undelivered())
    print(f"Delivered {sent}; {left} still undelivered.")
    return 0 if left == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
