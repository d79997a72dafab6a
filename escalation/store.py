"""Escalation records in SQL, and the outbox state of their clinic webhook posts.

Pure module: SQLAlchemy Core and the standard library, no Rasa. SQLite by
default (`ESCALATION_DB_URL`); any SQLAlchemy URL works (PostgreSQL in
production). Only the time, the conversation id, the level and the category are
stored: never the message.

Delivery states (`delivery` column):
  not_sent   no webhook was configured when the record was made
  pending    waiting for its first post, or put back by `retry` or a stale claim
  sending    claimed by one delivery loop (`claimed_by`, `claimed_at`)
  failed     the last post failed; tried again at `next_attempt_at`
  delivered  the webhook answered 2xx (`delivered_at`)
  dead       failed `ESCALATION_WEBHOOK_MAX_ATTEMPTS` times; staff retry it

A record is claimed with one conditional UPDATE before it is posted, so two
loops (threads, processes or hosts on one database) never post it at once.
The delivery loop itself is in `escalation/outbox.py`.

Staff list records with `make escalations` (`python -m escalation.cli list`),
put dead and failed records back with `python -m escalation.cli retry`, and
can run a delivery loop with `python -m escalation.cli deliver-forever`.
"""

import datetime
import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

import sqlalchemy as sa

from core.settings import Settings, get_settings, private_sqlite_file

logger = logging.getLogger(__name__)

NOT_SENT, PENDING, SENDING = "not_sent", "pending", "sending"
FAILED, DELIVERED, DEAD = "failed", "delivered", "dead"
# States a delivery loop may claim a record from once `next_attempt_at` is due.
CLAIMABLE = (PENDING, FAILED)
# How many due records one claim looks at; losing all of them to other loops
# just means looking again.
CLAIM_CANDIDATES = 8

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
    # Added by the outbox; `_upgrade` adds them to tables made by older versions.
    sa.Column("idempotency_key", sa.String(36)),
    sa.Column("next_attempt_at", sa.Float),  # Unix time
    sa.Column("claimed_at", sa.Float),  # Unix time
    sa.Column("claimed_by", sa.String(96)),
    sa.Column("delivered_at", sa.String(32)),  # ISO 8601, for staff
)
DUE_INDEX = sa.Index(
    "ix_escalations_due", ESCALATIONS.c.delivery, ESCALATIONS.c.next_attempt_at
)
OUTBOX_COLUMNS = (
    "idempotency_key",
    "next_attempt_at",
    "claimed_at",
    "claimed_by",
    "delivered_at",
)


def _iso(moment: float) -> str:
    return datetime.datetime.fromtimestamp(moment, datetime.timezone.utc).isoformat(
        timespec="seconds"
    )


@dataclass(frozen=True)
class Escalation:
    """One recorded escalation and its delivery state."""

    id: int
    created_at: str
    conversation_id: str
    level: str
    category: str
    delivery: str
    attempts: int
    last_error: Optional[str]
    idempotency_key: Optional[str] = None
    next_attempt_at: Optional[float] = None
    claimed_at: Optional[float] = None
    claimed_by: Optional[str] = None
    delivered_at: Optional[str] = None

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
    """Escalation records in one SQL table, created or upgraded on first use."""

    def __init__(self, url: str) -> None:
        connect_args: Dict[str, Any] = {}
        if url.startswith("sqlite:///"):
            private_sqlite_file(url)  # owner-only folder and file
            # Several loops share one file: wait for the write lock, don't fail.
            connect_args["timeout"] = 30
        self._engine = sa.create_engine(url, future=True, connect_args=connect_args)
        _METADATA.create_all(self._engine)
        self._upgrade()

    def _upgrade(self) -> None:
        """Add the outbox columns to a table made by an older version."""
        present = {
            c["name"] for c in sa.inspect(self._engine).get_columns("escalations")
        }
        for name in OUTBOX_COLUMNS:
            if name in present:
                continue
            column = ESCALATIONS.c[name]
            kind = column.type.compile(dialect=self._engine.dialect)
            try:
                with self._engine.begin() as conn:
                    conn.execute(
                        sa.text(f"ALTER TABLE escalations ADD COLUMN {name} {kind}")
                    )
            except sa.exc.DBAPIError:
                # Another process added it first; anything else fails just below.
                logger.debug("column %s already added", name, exc_info=True)
        try:
            DUE_INDEX.create(self._engine, checkfirst=True)
        except sa.exc.DBAPIError:  # made by another process starting at the same time
            logger.debug("index already made", exc_info=True)
        with self._engine.begin() as conn:
            # Old pending and failed rows are due now, in their original order.
            conn.execute(
                ESCALATIONS.update()
                .where(ESCALATIONS.c.next_attempt_at.is_(None))
                .values(next_attempt_at=0.0)
            )
            missing = (
                conn.execute(
                    sa.select(ESCALATIONS.c.id).where(
                        ESCALATIONS.c.idempotency_key.is_(None)
                    )
                )
                .scalars()
                .all()
            )
            for escalation_id in missing:
                # Conditional: two processes upgrading at once keep the first key.
                conn.execute(
                    ESCALATIONS.update()
                    .where(ESCALATIONS.c.id == escalation_id)
                    .where(ESCALATIONS.c.idempotency_key.is_(None))
                    .values(idempotency_key=str(uuid.uuid4()))
                )

    def dispose(self) -> None:
        """Close pooled connections."""
        self._engine.dispose()

    def record(
        self,
        conversation_id: str,
        level: str,
        category: str,
        webhook: bool,
        now: Optional[datetime.datetime] = None,
    ) -> int:
        """Store one escalation (pending when a webhook is set); returns its id."""
        moment = now or datetime.datetime.now(datetime.timezone.utc)
        with self._engine.begin() as conn:
            result = conn.execute(
                ESCALATIONS.insert().values(
                    created_at=moment.isoformat(timespec="seconds"),
                    conversation_id=conversation_id,
                    level=level,
                    category=category,
                    delivery=PENDING if webhook else NOT_SENT,
                    attempts=0,
                    idempotency_key=str(uuid.uuid4()),
                    # Due at once, whatever clock a delivery loop runs on.
                    next_attempt_at=0.0,
                )
            )
            return int(result.inserted_primary_key[0])

    def _select(self, query: Any) -> List[Escalation]:
        with self._engine.connect() as conn:
            return [Escalation(**row._mapping) for row in conn.execute(query)]

    def get(self, escalation_id: int) -> Escalation:
        """One record by id."""
        (row,) = self._select(
            ESCALATIONS.select().where(ESCALATIONS.c.id == escalation_id)
        )
        return row

    def recent(self, limit: int = 50) -> List[Escalation]:
        """Newest first."""
        newest = ESCALATIONS.select().order_by(ESCALATIONS.c.id.desc())
        return self._select(newest.limit(limit))

    def undelivered(self) -> List[Escalation]:
        """Records the outbox still has to post (not dead ones), oldest first."""
        query = (
            ESCALATIONS.select()
            .where(ESCALATIONS.c.delivery.in_([PENDING, SENDING, FAILED]))
            .order_by(ESCALATIONS.c.id)
        )
        return self._select(query)

    def dead(self) -> List[Escalation]:
        """Dead letters, oldest first."""
        return self._select(
            ESCALATIONS.select()
            .where(ESCALATIONS.c.delivery == DEAD)
            .order_by(ESCALATIONS.c.id)
        )

    def next_due_at(self) -> Optional[float]:
        """When the earliest claimable record is due (Unix time), if any."""
        with self._engine.connect() as conn:
            value = conn.execute(
                sa.select(sa.func.min(ESCALATIONS.c.next_attempt_at)).where(
                    ESCALATIONS.c.delivery.in_(CLAIMABLE)
                )
            ).scalar()
        return None if value is None else float(value)

    def claim(self, escalation_id: int, claimant: str, now: float) -> bool:
        """Claim one due record for `claimant`; True only for the one winner.

        One conditional UPDATE: the database lets exactly one of several
        concurrent claims match (SQLite serialises writers; PostgreSQL re-checks
        the WHERE clause after the competing update commits).
        """
        with self._engine.begin() as conn:
            result = conn.execute(
                ESCALATIONS.update()
                .where(ESCALATIONS.c.id == escalation_id)
                .where(ESCALATIONS.c.delivery.in_(CLAIMABLE))
                .where(ESCALATIONS.c.next_attempt_at <= now)
                .values(
                    delivery=SENDING,
                    claimed_by=claimant,
                    claimed_at=now,
                    attempts=ESCALATIONS.c.attempts + 1,
                )
            )
            return result.rowcount == 1

    def claim_next(self, claimant: str, now: float) -> Optional[Escalation]:
        """Claim the oldest due record, or None when nothing is due."""
        while True:
            with self._engine.connect() as conn:
                candidates = (
                    conn.execute(
                        sa.select(ESCALATIONS.c.id)
                        .where(ESCALATIONS.c.delivery.in_(CLAIMABLE))
                        .where(ESCALATIONS.c.next_attempt_at <= now)
                        .order_by(ESCALATIONS.c.id)
                        .limit(CLAIM_CANDIDATES)
                    )
                    .scalars()
                    .all()
                )
            if not candidates:
                return None
            for escalation_id in candidates:
                if self.claim(escalation_id, claimant, now):
                    return self.get(escalation_id)

    def _finish(self, escalation_id: int, claimant: str, **values: Any) -> bool:
        # Only the current claimant may finish: after a stale claim was released
        # and taken by another loop, the first loop's late answer changes nothing.
        # `claimed_by` stays: who made the last attempt.
        with self._engine.begin() as conn:
            result = conn.execute(
                ESCALATIONS.update()
                .where(ESCALATIONS.c.id == escalation_id)
                .where(ESCALATIONS.c.delivery == SENDING)
                .where(ESCALATIONS.c.claimed_by == claimant)
                .values(**values)
            )
            return result.rowcount == 1

    def mark_delivered(self, escalation_id: int, claimant: str, now: float) -> bool:
        """The webhook accepted the claimed record."""
        return self._finish(
            escalation_id,
            claimant,
            delivery=DELIVERED,
            delivered_at=_iso(now),
            last_error=None,
        )

    def mark_failed(
        self, escalation_id: int, claimant: str, error: str, retry_at: Optional[float]
    ) -> bool:
        """The post failed: try again at `retry_at`, or dead-letter it when None."""
        if retry_at is None:
            return self._finish(
                escalation_id, claimant, delivery=DEAD, last_error=error[:255]
            )
        return self._finish(
            escalation_id,
            claimant,
            delivery=FAILED,
            next_attempt_at=retry_at,
            last_error=error[:255],
        )

    def release_stale(self, now: float, timeout_s: float) -> int:
        """Put claims older than `timeout_s` (their sender died) back to pending."""
        with self._engine.begin() as conn:
            result = conn.execute(
                ESCALATIONS.update()
                .where(ESCALATIONS.c.delivery == SENDING)
                .where(ESCALATIONS.c.claimed_at < now - timeout_s)
                .values(
                    delivery=PENDING,
                    claimed_by=None,
                    claimed_at=None,
                    next_attempt_at=now,
                    last_error="claim timed out",
                )
            )
            return int(result.rowcount)

    def requeue(self, ids: Sequence[int] = (), now: Optional[float] = None) -> int:
        """Dead and failed records (all, or `ids`) back to pending, attempts reset."""
        query = ESCALATIONS.update().where(ESCALATIONS.c.delivery.in_([DEAD, FAILED]))
        if ids:
            query = query.where(ESCALATIONS.c.id.in_(list(ids)))
        with self._engine.begin() as conn:
            result = conn.execute(
                query.values(
                    delivery=PENDING,
                    attempts=0,
                    next_attempt_at=time.time() if now is None else now,
                )
            )
            return int(result.rowcount)


def store_from_settings(settings: Optional[Settings] = None) -> EscalationStore:
    """The store named by `ESCALATION_DB_URL`."""
    return EscalationStore((settings or get_settings()).escalation_db_url)
