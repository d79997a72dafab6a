"""Rasa's SQL tracker store, reading and writing its rows more cheaply.

Same table, same schema, same rows as `rasa.core.tracker_store.SQLTrackerStore`
(transcripts, retention and other Rasa instances see no difference). Profiling
the Rasa server under load showed about a third of its time in the tracker
store, and the time per message growing with the conversation. Avoidable:

* Rasa selects the current session's events with the session start as a
  subquery joined to every row. When PostgreSQL's row estimate for the
  conversation is low (a table not analysed since it grew, or many short
  conversations beside a long one), it runs that subquery once *per event*:
  the read turns quadratic. Measured with EXPLAIN ANALYZE on a 942-event
  conversation: 76 ms before autovacuum analysed the table, 1.9 ms after.
  Here the session start is looked up first (0.5 ms), then the events from it
  on (1.3 ms): the same rows, whatever the statistics. Rasa's save counts the
  stored events with the same query, so this mends saving too.
* reading built a full ORM object per stored event only to take its `data`
  column: here the same query returns the column alone;
* saving added one ORM object per new event to the session: here the new rows
  go in as one multi-row insert;
* saving first counted the conversation's stored events (a query over the
  whole session) to know which events are new. A tracker this store has just
  read already knows that number: it is how many events it read. It is used
  once, for that tracker's next save; any other save counts as Rasa does.
  Both rely on the same guarantee, the conversation's lock, held by Rasa from
  the read to the save, so that nothing else writes the conversation between.

And Rasa's SQL store talks to the database *inside* the event loop: while one
conversation waits for PostgreSQL (a commit waits for the disk), the Rasa
worker serves nobody else. Here the database work runs in a small thread pool
and the worker carries on with other conversations meanwhile. One
conversation's turns still run one at a time: Rasa holds its lock (the lock
store) from reading the conversation until its new events are saved.

Use it as `tracker_store: type: runtime.tracker_store.FastSQLTrackerStore`
with the usual SQL settings (endpoints.yml, endpoints.production.yml).
"""

import asyncio
import itertools
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, List, Optional, Text, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from core.settings import private_sqlite_file

# Database calls of one Rasa process at a time; each holds a pooled connection.
DB_THREADS = 4
_DB_POOL = ThreadPoolExecutor(
    max_workers=DB_THREADS, thread_name_prefix="tracker-store"
)
T = TypeVar("T")
# Set on a tracker this store read: how many of its events are stored.
_STORED_EVENTS = "_patientbot_stored_events"


async def _in_db_thread(work: Callable[..., T], *args: Any) -> T:
    return await asyncio.get_running_loop().run_in_executor(_DB_POOL, work, *args)


class FastSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` without per-row ORM objects, off the event loop."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # A SQLite file holds patients' words: owner-only folder and file.
        if kwargs.get("dialect", "sqlite") == "sqlite" and kwargs.get("db"):
            private_sqlite_file(f"sqlite:///{kwargs['db']}")
        super().__init__(*args, **kwargs)

    async def _retrieve(
        self, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        events = await _in_db_thread(
            self._read_events, sender_id, fetch_events_from_all_sessions
        )
        if not (self.domain and events):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions:  # what Rasa's save would count
            setattr(tracker, _STORED_EVENTS, len(events))
        return tracker

    def _event_query(
        self, session: Any, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> Any:
        """Rasa's query for the conversation's events (its latest session's unless
        `fetch_events_from_all_sessions`), with the session start looked up first."""
        event = self.SQLEvent
        query = session.query(event).filter(event.sender_id == sender_id)
        if not fetch_events_from_all_sessions:
            session_start = (
                session.query(sa.func.max(event.timestamp))
                .filter(
                    event.sender_id == sender_id,
                    event.type_name == SessionStarted.type_name,
                )
                .scalar()
            )
            if session_start is not None:  # else: every event, as Rasa does
                query = query.filter(event.timestamp >= session_start)
        return query.order_by(event.id)

    def _read_events(
        self, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> List[Dict[Text, Any]]:
        with self.session_scope() as session:
            rows = (
                self._event_query(session, sender_id, fetch_events_from_all_sessions)
                .with_entities(self.SQLEvent.data)
                .all()
            )
            return [json.loads(data) for (data,) in rows]

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        await _in_db_thread(self._write_new_events, tracker)

    def _write_new_events(self, tracker: DialogueStateTracker) -> None:
        # The caller holds the conversation's lock: nothing changes `tracker` meanwhile.
        stored = tracker.__dict__.pop(_STORED_EVENTS, None)
        with self.session_scope() as session:
            new_events = (
                self._additional_events(session, tracker)
                if stored is None
                else itertools.islice(tracker.events, stored, None)
            )
            rows = [_row(tracker.sender_id, event) for event in new_events]
            if rows:
                session.execute(sa.insert(self.SQLEvent.__table__), rows)
            session.commit()


def _row(sender_id: Text, event: Event) -> Dict[str, Any]:
    """The columns Rasa's own `save` writes for one event."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {})
        .get("intent", {})
        .get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }
