"""AtomicRedisLockStore: one turn at a time per conversation, however many
processes share the Redis (a real Redis server, `make production-deps`)."""

import asyncio
import threading
import time
from pathlib import Path
from typing import Dict, List

import pytest
import redis as redis_client
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from runtime.lock_store import AtomicRedisLockStore
from tooling.services import redis

pytestmark = pytest.mark.production

WORKERS = 6  # each with its own store and connection, as Sanic workers have
TURNS = 5


def store_for(settings: Dict[str, str]) -> LockStore:
    """The lock store as Rasa builds it from endpoints.production.yml."""
    return LockStore.create(
        EndpointConfig(
            type="runtime.lock_store.AtomicRedisLockStore",
            url=settings["REDIS_HOST"],
            port=settings["REDIS_PORT"],
            db=settings["REDIS_DB"],
            key_prefix="patientbot",
        )
    )


def run_turns(settings: Dict[str, str], conversation: str) -> Dict[str, int]:
    """WORKERS x TURNS turns of one conversation, all started together; each turn
    reads a counter, waits, and writes it back plus one (a lost update shows)."""
    counter = redis_client.Redis(
        host=settings["REDIS_HOST"],
        port=int(settings["REDIS_PORT"]),
        db=int(settings["REDIS_DB"]),
    )
    counter.set("turns", 0)
    inside: List[int] = []
    most_inside = [0]
    guard = threading.Lock()
    start = threading.Barrier(WORKERS)

    async def turns(store: LockStore) -> None:
        for _ in range(TURNS):
            async with store.lock(conversation, wait_time_in_seconds=0.005):
                with guard:
                    inside.append(1)
                    most_inside[0] = max(most_inside[0], len(inside))
                seen = int(counter.get("turns"))
                await asyncio.sleep(0.003)
                counter.set("turns", seen + 1)
                with guard:
                    inside.pop()

    def worker() -> None:
        store = store_for(settings)
        start.wait()
        asyncio.run(turns(store))

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return {"turns": int(counter.get("turns")), "most_inside": most_inside[0]}


def test_rasa_loads_it_as_a_redis_lock_store_with_the_settings(tmp_path: Path) -> None:
    with redis(tmp_path / "redis") as settings:
        store = store_for(settings)
        assert isinstance(store, AtomicRedisLockStore)
        assert isinstance(
            store, RedisLockStore
        )  # Rasa allows SANIC_WORKERS > 1 with it
        assert store.key_prefix == "patientbot:lock:"
        assert store.red.connection_pool.connection_kwargs["port"] == int(
            settings["REDIS_PORT"]
        )


def test_concurrent_turns_of_one_conversation_run_one_at_a_time(tmp_path: Path) -> None:
    with redis(tmp_path / "redis") as settings:
        result = run_turns(settings, "patient-1")
        assert result == {"turns": WORKERS * TURNS, "most_inside": 1}
        # Nobody waits any more: the lock is gone, as with Rasa's store.
        assert store_for(settings).get_lock("patient-1") is None


def test_tickets_are_issued_in_order_and_never_twice(tmp_path: Path) -> None:
    with redis(tmp_path / "redis") as settings:
        stores = [store_for(settings) for _ in range(WORKERS)]
        tickets: List[int] = []
        start = threading.Barrier(WORKERS)

        def issue(store: LockStore) -> None:
            start.wait()
            for _ in range(TURNS):
                tickets.append(store.issue_ticket("patient-2"))

        threads = [threading.Thread(target=issue, args=(s,)) for s in stores]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(tickets) == list(range(WORKERS * TURNS))
        lock = stores[0].get_lock("patient-2")
        assert [t.number for t in lock.tickets] == list(range(WORKERS * TURNS))
        for number in range(WORKERS * TURNS):
            stores[number % WORKERS].cleanup("patient-2", number)
        assert stores[0].get_lock("patient-2") is None


def test_expired_tickets_are_dropped_and_a_waiting_ticket_keeps_the_lock(
    tmp_path: Path,
) -> None:
    with redis(tmp_path / "redis") as settings:
        store = store_for(settings)
        stale = store.issue_ticket("patient-3", lock_lifetime=0.05)
        waiting = store.issue_ticket("patient-3", lock_lifetime=60)
        time.sleep(0.1)
        store.update_lock("patient-3")
        assert [t.number for t in store.get_lock("patient-3").tickets] == [waiting]
        store.cleanup("patient-3", stale)  # already gone: the waiting ticket stays
        assert store.get_lock("patient-3").now_serving == waiting
        store.cleanup("patient-3", waiting)
        assert store.get_lock("patient-3") is None
