"""The per-conversation rate limit (channels/rate_limit.py): in memory, over a
`limits` storage, shared through a real Redis, and failing open."""

import logging
import time
import types
from pathlib import Path

import limits.storage.memory
import pytest
from limits.storage import MemoryStorage, RedisStorage

from channels.rate_limit import (
    MemoryRateLimiter,
    SharedRateLimiter,
    build_rate_limiter,
)
from tooling.services import free_port, redis


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


# --- in this process ---------------------------------------------------------


def test_memory_limit_is_per_conversation_and_slides():
    clock = Clock()
    limiter = MemoryRateLimiter(3, clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")
    clock.now += 59.9
    assert not limiter.allow("a")
    clock.now += 0.1  # the first three are a minute old now
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]


def test_memory_limiter_memory_is_bounded():
    clock = Clock()
    limiter = MemoryRateLimiter(5, clock, max_conversations=100)
    for i in range(1000):
        clock.now += 1
        assert limiter.allow(f"s{i}")
    assert len(limiter._seen) <= 100


@pytest.mark.parametrize(
    "make",
    [
        lambda: MemoryRateLimiter(0, Clock()),
        lambda: SharedRateLimiter(0, MemoryStorage()),
    ],
)
def test_zero_means_no_limit(make):
    limiter = make()
    assert all(limiter.allow("a") for _ in range(200))


# --- over a `limits` storage ---------------------------------------------------


@pytest.fixture
def limits_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """A clock for `limits`' MemoryStorage, which reads time.time()."""
    clock = Clock()
    monkeypatch.setattr(
        limits.storage.memory, "time", types.SimpleNamespace(time=clock)
    )
    return clock


def test_shared_limit_is_per_conversation_and_slides(limits_clock: Clock):
    limiter = SharedRateLimiter(3, MemoryStorage(), namespace="rest")
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")
    limits_clock.now += 61
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]


def test_two_limiters_on_one_storage_share_the_window():
    """As two workers on one Redis: the conversation gets the limit once."""
    storage = MemoryStorage()
    first, second = (
        SharedRateLimiter(4, storage, "rest"),
        SharedRateLimiter(4, storage, "rest"),
    )
    admitted = [limiter.allow("a") for _ in range(5) for limiter in (first, second)]
    assert admitted.count(True) == 4


def test_channels_count_apart_and_raw_sender_ids_are_not_stored():
    storage = MemoryStorage()
    rest, socket = (
        SharedRateLimiter(1, storage, "rest"),
        SharedRateLimiter(1, storage, "socketio"),
    )
    assert rest.allow("patient-jane") and socket.allow("patient-jane")
    assert not rest.allow("patient-jane")
    assert storage.events and not any("patient-jane" in key for key in storage.events)


class BrokenStorage(MemoryStorage):
    """A storage whose server went away."""

    def __init__(self) -> None:
        super().__init__()
        self.broken = True

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if self.broken:
            raise ConnectionError("Error 111 connecting to redis")
        return super().acquire_entry(key, limit, expiry, amount)


def test_storage_fault_fails_open_and_is_logged_once(caplog: pytest.LogCaptureFixture):
    storage = BrokenStorage()
    limiter = SharedRateLimiter(2, storage, "rest")
    with caplog.at_level(logging.WARNING, logger="channels.rate_limit"):
        assert all(limiter.allow("patient-jane") for _ in range(10))  # never locked out
        failed = [r for r in caplog.records if "failed" in r.getMessage()]
        assert len(failed) == 1 and "ConnectionError" in failed[0].getMessage()
        assert "patient-jane" not in caplog.text
        storage.broken = False
        assert [limiter.allow("patient-jane") for _ in range(3)] == [True, True, False]
    assert "answers again" in caplog.text


def test_unreachable_redis_fails_open_quickly():
    limiter = build_rate_limiter(1, f"redis://127.0.0.1:{free_port()}/0", "rest")
    assert isinstance(limiter, SharedRateLimiter)
    start = time.monotonic()
    assert [limiter.allow("a") for _ in range(3)] == [True, True, True]
    assert time.monotonic() - start < 5


# --- choosing the storage ----------------------------------------------------------


@pytest.mark.parametrize("uri", [None, "", "memory://", " memory:// "])
def test_memory_is_the_default(uri):
    assert isinstance(build_rate_limiter(3, uri), MemoryRateLimiter)


def test_redis_uri_keeps_the_window_in_redis_with_short_timeouts():
    limiter = build_rate_limiter(3, "redis://127.0.0.1:6399/2", "rest")
    assert isinstance(limiter, SharedRateLimiter)
    assert isinstance(limiter.storage, RedisStorage)
    options = limiter.storage.storage.connection_pool.connection_kwargs
    assert options["db"] == 2 and options["port"] == 6399
    assert options["socket_timeout"] <= 1 and options["socket_connect_timeout"] <= 1


def test_unknown_storage_is_a_configuration_error_at_start():
    with pytest.raises(Exception, match="unknown storage scheme"):
        build_rate_limiter(3, "bogus://host")


# --- a real Redis --------------------------------------------------------------------


@pytest.mark.production
def test_real_redis_holds_the_limit_across_processes_and_keys_expire(tmp_path: Path):
    with redis(tmp_path / "redis") as settings:
        uri = f"redis://{settings['REDIS_HOST']}:{settings['REDIS_PORT']}/{settings['REDIS_DB']}"
        # Two limiters with their own connections, as two Sanic workers have.
        workers = [build_rate_limiter(5, uri, "rest") for _ in range(2)]
        admitted = [w.allow("jane-1") for _ in range(6) for w in workers]
        assert admitted.count(True) == 5
        assert workers[0].allow("jane-2")  # another conversation has its own window
        client = workers[0].storage.storage
        keys = client.keys("LIMITER*")
        assert len(keys) == 2 and not any(b"jane" in key for key in keys)
        assert all(0 < client.ttl(key) <= 60 for key in keys)  # Redis forgets idle ones
    # Redis is gone now: the patient still gets through.
    assert all(workers[1].allow("jane-1") for _ in range(3))
