"""Retention: whole conversations idle past the limit are deleted, others kept."""

import datetime
import json
from pathlib import Path
from typing import List

import pytest
import sqlalchemy as sa

from records import retention

NOW = datetime.datetime(2026, 11, 21, 12, 0, tzinfo=datetime.timezone.utc)
DAY = 86400.0


def _events_table(url: str) -> sa.Table:
    """A table shaped like Rasa's SQLTrackerStore `events` table."""
    metadata = sa.MetaData()
    table = sa.Table(
        "events",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False, index=True),
        sa.Column("type_name", sa.String(255), nullable=False),
        sa.Column("timestamp", sa.Float),
        sa.Column("intent_name", sa.String(255)),
        sa.Column("action_name", sa.String(255)),
        sa.Column("data", sa.Text),
    )
    metadata.create_all(sa.create_engine(url))
    return table


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'rasa.db'}"
    table = _events_table(url)
    rows = []
    # old: all events 100 and 95 days ago; mixed: started 100 days ago, active
    # 2 days ago; recent: today.
    for sender, ages in (("old", [100, 95]), ("mixed", [100, 2]), ("recent", [0.1])):
        for age in ages:
            rows.append(
                {
                    "sender_id": sender,
                    "type_name": "user",
                    "timestamp": NOW.timestamp() - age * DAY,
                    "data": json.dumps({"event": "user", "text": "hi"}),
                }
            )
    with sa.create_engine(url).begin() as conn:
        conn.execute(table.insert(), rows)
    return url


def _senders(url: str) -> List[str]:
    with sa.create_engine(url).connect() as conn:
        return sorted(
            {r[0] for r in conn.execute(sa.text("select sender_id from events"))}
        )


def test_deletes_only_conversations_idle_past_the_limit(db: str) -> None:
    assert retention.delete_older_than(db, 30, now=NOW) == ["old"]
    assert _senders(db) == ["mixed", "recent"]


def test_dry_run_deletes_nothing(db: str) -> None:
    assert retention.delete_older_than(db, 1, now=NOW, dry_run=True) == ["mixed", "old"]
    assert _senders(db) == ["mixed", "old", "recent"]


def test_zero_days_deletes_everything_older_than_now(db: str) -> None:
    assert sorted(retention.delete_older_than(db, 0, now=NOW)) == [
        "mixed",
        "old",
        "recent",
    ]
    assert _senders(db) == []


def test_negative_days_is_refused(db: str) -> None:
    with pytest.raises(ValueError):
        retention.delete_older_than(db, -1)


def test_cli(db: str, capsys: pytest.CaptureFixture) -> None:
    assert retention.main(["--days", "3650", "--db-url", db]) == 0
    assert "Deleted 0 conversations" in capsys.readouterr().out


def test_cli_without_a_store(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert (
        retention.main(
            ["--days", "30", "--db-url", f"sqlite:///{tmp_path / 'none.db'}"]
        )
        == 0
    )
    assert "No conversations stored" in capsys.readouterr().out
