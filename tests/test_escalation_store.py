"""Escalation records, outbox states and claims, schema upgrade, the staff CLI."""

import datetime
import sqlite3
import threading
from pathlib import Path
from typing import List

import pytest

from escalation import cli
from escalation import store as esc
from escalation.store import EscalationStore

NOW = 1_800_000_000.0


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'state' / 'escalations.db'}"


@pytest.fixture
def store(db_url: str) -> EscalationStore:
    return EscalationStore(db_url)


def test_record_and_list_newest_first(store: EscalationStore) -> None:
    at = datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.timezone.utc)
    first = store.record("conv-1", "urgent", "fever", webhook=False, now=at)
    second = store.record("conv-2", "emergency", "breathing", webhook=True, now=at)
    rows = store.recent()
    assert [r.id for r in rows] == [second, first]
    assert rows[1].created_at == "2026-11-21T09:00:00+00:00"
    assert (rows[1].conversation_id, rows[1].level, rows[1].category) == (
        "conv-1",
        "urgent",
        "fever",
    )
    assert rows[1].delivery == esc.NOT_SENT and rows[0].delivery == esc.PENDING
    assert [r.id for r in store.undelivered()] == [second]


def test_payload_carries_no_message_text(store: EscalationStore) -> None:
    store.record("conv-1", "urgent", "fever", webhook=True)
    (row,) = store.undelivered()
    assert set(row.payload()) == {
        "id",
        "created_at",
        "conversation_id",
        "level",
        "category",
    }


def test_each_record_gets_its_own_idempotency_key(store: EscalationStore) -> None:
    ids = [store.record(f"conv-{i}", "urgent", "fever", webhook=True) for i in range(3)]
    keys = [store.get(i).idempotency_key for i in ids]
    assert all(keys) and len(set(keys)) == 3


def test_a_claim_is_exclusive_across_threads_and_store_instances(db_url: str) -> None:
    EscalationStore(db_url).record("conv-1", "emergency", "breathing", webhook=True)
    stores = [EscalationStore(db_url) for _ in range(4)]
    start = threading.Barrier(16)
    wins: List[str] = []

    def contend(index: int) -> None:
        start.wait()
        if stores[index % 4].claim(1, f"worker-{index}", NOW):
            wins.append(f"worker-{index}")

    threads = [threading.Thread(target=contend, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(wins) == 1
    row = stores[0].get(1)
    assert (row.delivery, row.claimed_by, row.claimed_at, row.attempts) == (
        esc.SENDING,
        wins[0],
        NOW,
        1,
    )


def test_claim_next_takes_the_oldest_due_record(store: EscalationStore) -> None:
    for i in range(3):
        store.record(f"conv-{i}", "urgent", "fever", webhook=True)
    store.record("conv-x", "urgent", "fever", webhook=False)  # never claimed
    first = store.claim_next("a", NOW)
    assert first is not None and first.id == 1
    store.mark_failed(1, "a", "HTTP 503", retry_at=NOW + 10)
    assert [store.claim_next("b", NOW).id, store.claim_next("b", NOW).id] == [2, 3]  # type: ignore[union-attr]
    assert store.claim_next("b", NOW) is None  # 1 is not due yet, 4 is not_sent
    assert store.next_due_at() == NOW + 10
    again = store.claim_next("c", NOW + 10)
    assert again is not None and (again.id, again.attempts) == (1, 2)


def test_only_the_claimant_finishes_a_record(store: EscalationStore) -> None:
    store.record("conv-1", "urgent", "fever", webhook=True)
    assert store.claim(1, "a/1", NOW)
    assert not store.claim(1, "b/1", NOW)  # already sending
    assert not store.mark_delivered(1, "b/1", NOW)
    assert store.mark_delivered(1, "a/1", NOW)
    row = store.get(1)
    assert (row.delivery, row.claimed_by, row.delivered_at) == (
        esc.DELIVERED,
        "a/1",
        "2027-01-15T08:00:00+00:00",
    )
    assert not store.claim(1, "c/1", NOW + 1)  # delivered records stay delivered


def test_a_stale_claim_returns_to_pending_after_the_timeout(
    store: EscalationStore,
) -> None:
    store.record("conv-1", "emergency", "seizure", webhook=True)
    assert store.claim(1, "died/1", NOW)
    assert store.release_stale(NOW + 59, timeout_s=60) == 0
    assert store.get(1).delivery == esc.SENDING
    assert store.release_stale(NOW + 61, timeout_s=60) == 1
    row = store.get(1)
    assert (row.delivery, row.claimed_by, row.last_error) == (
        esc.PENDING,
        None,
        "claim timed out",
    )
    assert store.claim(1, "alive/1", NOW + 61)
    # The dead sender's late answer changes nothing.
    assert not store.mark_delivered(1, "died/1", NOW + 62)
    assert store.get(1).claimed_by == "alive/1"


def test_failed_then_dead_then_requeued(store: EscalationStore) -> None:
    store.record("conv-1", "urgent", "liver", webhook=True)
    key = store.get(1).idempotency_key
    assert store.claim(1, "a/1", NOW)
    assert store.mark_failed(1, "a/1", "ConnectionError", retry_at=NOW + 5)
    row = store.get(1)
    assert (row.delivery, row.next_attempt_at, row.last_error) == (
        esc.FAILED,
        NOW + 5,
        "ConnectionError",
    )
    assert store.claim(1, "a/2", NOW + 5)
    assert store.mark_failed(1, "a/2", "HTTP 500", retry_at=None)
    assert [r.id for r in store.dead()] == [1] and store.undelivered() == []
    assert not store.claim(1, "a/3", NOW + 1000)  # dead letters wait for staff
    assert store.requeue(now=NOW + 1000) == 1
    row = store.get(1)
    assert (row.delivery, row.attempts, row.idempotency_key) == (esc.PENDING, 0, key)
    assert store.claim(1, "a/4", NOW + 1000)


OLD_SCHEMA = """
CREATE TABLE escalations (
    id INTEGER NOT NULL PRIMARY KEY, created_at VARCHAR(32) NOT NULL,
    conversation_id VARCHAR(255) NOT NULL, level VARCHAR(16) NOT NULL,
    category VARCHAR(64) NOT NULL, delivery VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL, last_error VARCHAR(255));
INSERT INTO escalations VALUES
    (1, '2025-01-01T00:00:00+00:00', 'old-1', 'urgent', 'fever', 'delivered', 1, NULL),
    (2, '2025-01-01T00:00:01+00:00', 'old-2', 'emergency', 'breathing', \
'failed', 4, 'x'),
    (3, '2025-01-01T00:00:02+00:00', 'old-3', 'urgent', 'liver', 'not_sent', 0, NULL);
"""


def test_a_database_from_an_older_version_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.executescript(OLD_SCHEMA)
    store = EscalationStore(f"sqlite:///{path}")
    rows = {r.id: r for r in store.recent()}
    assert all(rows[i].idempotency_key for i in rows)
    assert rows[2].next_attempt_at == 0.0  # the old failure is due at once
    keys = {i: rows[i].idempotency_key for i in rows}
    again = EscalationStore(f"sqlite:///{path}")  # opening twice keeps the keys
    assert {r.id: r.idempotency_key for r in again.recent()} == keys
    claimed = again.claim_next("a/1", NOW)
    assert claimed is not None and claimed.id == 2
    assert again.record("new", "urgent", "fever", webhook=True) == 4


def test_cli_lists_records_and_dead_letters(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("ESCALATION_DB_URL", db_url)
    assert cli.main(["list"]) == 0
    assert "No escalations recorded." in capsys.readouterr().out
    store = EscalationStore(db_url)
    store.record("conv-7", "urgent", "fever", webhook=False)
    store.record("conv-8", "emergency", "seizure", webhook=True)
    store.claim(2, "a/1", NOW)
    store.mark_failed(2, "a/1", "HTTP 503", retry_at=None)
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    assert "conv-7" in out and "urgent" in out and "fever" in out
    assert "dead" in out and "1 dead letter(s)" in out


def test_cli_retry_needs_a_webhook(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESCALATION_DB_URL", db_url)
    monkeypatch.delenv("ESCALATION_WEBHOOK_URL", raising=False)
    assert cli.main(["retry"]) == 1


def test_cli_retry_puts_dead_letters_back(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("ESCALATION_DB_URL", db_url)
    monkeypatch.setenv("ESCALATION_WEBHOOK_URL", "http://127.0.0.1:9/unused")
    store = EscalationStore(db_url)
    for i in (1, 2):
        store.record(f"conv-{i}", "urgent", "fever", webhook=True)
        store.claim(i, "a/1", NOW)
        store.mark_failed(i, "a/1", "HTTP 503", retry_at=None)
    assert cli.main(["retry", "2"]) == 0
    assert "1 record(s) back to pending" in capsys.readouterr().out
    assert [store.get(i).delivery for i in (1, 2)] == [esc.DEAD, esc.PENDING]
    assert cli.main(["retry"]) == 0
    assert store.get(1).delivery == esc.PENDING
