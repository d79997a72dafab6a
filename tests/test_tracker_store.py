"""FastSQLTrackerStore reads and writes exactly what Rasa's SQLTrackerStore does."""

import json

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from runtime.tracker_store import FastSQLTrackerStore

DOMAIN = Domain.from_yaml(
    "intents: [greet]\nslots:\n  medicine:\n    type: text\n    mappings: []\n"
)


def conversation(sender: str):
    return DialogueStateTracker.from_events(
        sender,
        [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
            UserUttered("hi", {"name": "greet", "confidence": 0.9}),
            BotUttered("hello", {"custom": {"fact": {"id": "x"}}}),
            SlotSet("medicine", "socazolimab"),
            ActionExecuted("action_listen"),
        ],
        slots=DOMAIN.slots,
    )


def stores(tmp_path):
    db = str(tmp_path / "rasa.db")
    return (
        SQLTrackerStore(DOMAIN, dialect="sqlite", db=db),
        FastSQLTrackerStore(DOMAIN, dialect="sqlite", db=db),
        f"sqlite:///{db}",
    )


def rows(url: str, sender: str):
    with sa.create_engine(url).connect() as conn:
        return conn.execute(
            sa.text(
                "SELECT type_name, timestamp, intent_name, action_name, data "
                "FROM events "
                "WHERE sender_id = :s ORDER BY id"
            ),
            {"s": sender},
        ).fetchall()


async def test_writes_the_same_rows_as_rasa(tmp_path):
    rasa_store, fast_store, url = stores(tmp_path)
    tracker = conversation("a")
    await rasa_store.save(tracker)
    twin = DialogueStateTracker.from_dict(
        "b", [e.as_dict() for e in tracker.events], DOMAIN.slots
    )
    await fast_store.save(twin)
    assert rows(url, "a") == rows(url, "b") and len(rows(url, "a")) == 7


async def test_reads_back_what_either_store_wrote(tmp_path):
    rasa_store, fast_store, _ = stores(tmp_path)
    tracker = conversation("c")
    await rasa_store.save(tracker)
    mine = await fast_store.retrieve("c")
    theirs = await rasa_store.retrieve("c")
    assert list(mine.events) == list(
        theirs.events
    )  # the latest session, as Rasa reads it
    assert mine.get_slot("medicine") == "socazolimab"


async def test_later_turns_and_new_sessions_match_rasa(tmp_path):
    rasa_store, fast_store, url = stores(tmp_path)
    for sender, store in (("rasa", rasa_store), ("fast", fast_store)):
        await store.save(conversation(sender))
        tracker = await store.retrieve(sender)  # as Rasa does before every turn
        await store.save(tracker)  # nothing new
        tracker.update(UserUttered("more", {"name": "greet", "confidence": 1.0}))
        await store.save(tracker)
        tracker = await store.retrieve(sender)
        tracker.update(ActionExecuted("action_session_start"))
        tracker.update(SessionStarted())
        tracker.update(UserUttered("again", {"name": "greet", "confidence": 1.0}))
        await store.save(tracker)

    def strip(found):  # everything but the timestamps
        return [
            (
                row[0],
                row[2],
                row[3],
                {k: v for k, v in json.loads(row[4]).items() if k != "timestamp"},
            )
            for row in found
        ]

    assert strip(rows(url, "rasa")) == strip(rows(url, "fast"))
    assert len(rows(url, "fast")) == len(rows(url, "rasa")) >= 10
    for store in (rasa_store, fast_store):
        assert [
            e.as_dict()["event"] for e in (await store.retrieve("fast")).events
        ] == [e.as_dict()["event"] for e in (await store.retrieve("rasa")).events]
    assert len((await fast_store.retrieve_full_tracker("fast")).events) == len(
        (await rasa_store.retrieve_full_tracker("rasa")).events
    )


async def test_unknown_conversation_is_none(tmp_path):
    _, fast_store, _ = stores(tmp_path)
    assert await fast_store.retrieve("nobody") is None


async def test_database_work_does_not_block_other_conversations(tmp_path, monkeypatch):
    """While one conversation waits for a slow database, the loop serves others."""
    import asyncio
    import contextlib
    import time

    _, fast_store, _ = stores(tmp_path)
    await fast_store.save(conversation("slow"))
    scope = fast_store.session_scope

    @contextlib.contextmanager
    def slow_scope():
        time.sleep(0.3)  # a database that blocks its caller, as drivers do
        with scope() as session:
            yield session

    monkeypatch.setattr(fast_store, "session_scope", slow_scope)
    ticks = []

    async def other_conversations():
        while len(ticks) < 1000:
            ticks.append(time.monotonic())
            await asyncio.sleep(0.01)

    ticker = asyncio.ensure_future(other_conversations())
    await asyncio.sleep(0)
    started = time.monotonic()
    tracker = await fast_store.retrieve("slow")
    await fast_store.save(tracker)
    finished = time.monotonic()
    ticker.cancel()
    assert tracker.get_slot("medicine") == "socazolimab"
    # Blocking the loop would leave no tick inside the 0.6 s of database waits.
    assert len([t for t in ticks if started < t < finished]) >= 10


async def test_a_tracker_just_read_is_saved_without_counting_the_stored_events(
    tmp_path, monkeypatch
):
    _, fast_store, url = stores(tmp_path)
    await fast_store.save(conversation("d"))
    counted = []
    count = fast_store._additional_events
    monkeypatch.setattr(
        fast_store,
        "_additional_events",
        lambda session, tracker: counted.append(1) or count(session, tracker),
    )
    tracker = await fast_store.retrieve("d")
    tracker.update(UserUttered("more", {"name": "greet", "confidence": 1.0}))
    await fast_store.save(tracker)
    assert counted == [] and len(rows(url, "d")) == 8
    # A second save of the same tracker counts, as Rasa's store does.
    tracker.update(ActionExecuted("action_listen"))
    await fast_store.save(tracker)
    assert counted == [1] and len(rows(url, "d")) == 9


async def test_session_start_is_looked_up_once_not_joined_to_every_event(tmp_path):
    """Rasa joins a session-start subquery to every row; PostgreSQL may run it each."""
    _, fast_store, _ = stores(tmp_path)
    await fast_store.save(conversation("e"))
    statements = []
    sa.event.listen(
        fast_store.engine,
        "before_cursor_execute",
        lambda conn, cursor, sql, *args: statements.append(" ".join(sql.split())),
    )
    tracker = await fast_store.retrieve("e")
    assert tracker.get_slot("medicine") == "socazolimab"
    assert len(statements) == 2, statements
    assert statements[0].startswith("SELECT max(events.timestamp)")
    assert "max(" not in statements[1] and statements[1].count("FROM events") == 1
