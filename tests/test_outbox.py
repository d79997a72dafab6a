"""The outbox delivery loop against a real loopback clinic receiver.

Backoff and jitter, dead letters, stable idempotency keys, 12 simultaneous
escalations with three loops on one SQLite file, a webhook that is down for a
while, and a delivery process killed with SIGKILL while its post is in flight.
"""

import asyncio
import dataclasses
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.escalation_actions import ActionEscalate
from channels.session_ids import key_from_settings, public_ref
from core import constants as c
from core.settings import PROJECT_ROOT, Settings, get_settings
from escalation import outbox
from escalation.outbox import DeliveryLoop, RetryPolicy
from escalation.store import DEAD, DELIVERED, PENDING, SENDING, EscalationStore
from escalation.webhook import WebhookClient, verify_signature
from tests.clinic_receiver import ClinicReceiver

SECRET = "test-outbox-secret"
NOW = 1_800_000_000.0


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'escalations.db'}"


@pytest.fixture
def store(db_url: str) -> EscalationStore:
    return EscalationStore(db_url)


@pytest.fixture
def receiver() -> Iterator[ClinicReceiver]:
    clinic = ClinicReceiver().start()
    yield clinic
    clinic.released.set()
    clinic.stop()


def _loop(
    store: EscalationStore, url: str, policy: RetryPolicy, **kwargs: Any
) -> DeliveryLoop:
    """A loop with a signing client, a short interval and a long claim timeout."""
    options: Dict[str, Any] = {"interval_s": 0.2, "claim_timeout_s": 60, **kwargs}
    return DeliveryLoop(
        store, WebhookClient(url, SECRET, timeout_s=5).post, policy, **options
    )


@pytest.mark.parametrize(
    "attempt, longest",
    [(1, 1), (2, 2), (3, 4), (9, 256), (10, 300), (11, 300), (1000, 300)],
)
def test_backoff_doubles_and_is_capped(attempt: int, longest: float) -> None:
    policy = RetryPolicy(base_s=1, cap_s=300, jitter=0.5, max_attempts=12)
    assert policy.delay(attempt, rand=lambda: 0.0) == longest
    assert policy.delay(attempt, rand=lambda: 0.999999) == pytest.approx(
        longest / 2, rel=1e-5
    )


def test_jitter_stays_within_its_bounds_and_spreads() -> None:
    policy = RetryPolicy(base_s=2, cap_s=60, jitter=0.25, max_attempts=12)
    rand = random.Random(14).random
    delays = [policy.delay(4, rand) for _ in range(500)]
    assert all(12 <= d <= 16 for d in delays)
    assert max(delays) - min(delays) > 3  # spread, not one value


def test_retry_time_until_the_last_attempt() -> None:
    policy = RetryPolicy(base_s=1, cap_s=300, jitter=0, max_attempts=3)
    assert [policy.retry_at(n, NOW) for n in (1, 2, 3, 4)] == [
        NOW + 1,
        NOW + 2,
        None,
        None,
    ]


def test_dead_letter_after_max_attempts_with_one_key_throughout(
    store: EscalationStore, receiver: ClinicReceiver
) -> None:
    receiver.refuse_first = 1000
    clock = FakeClock()
    loop = _loop(
        store, receiver.url, RetryPolicy(1, 4, 0.5, 3), clock=clock, rand=lambda: 0.0
    )
    store.record("conv-1", "emergency", "breathing", webhook=True)
    assert loop.run_pending() == 1
    row = store.get(1)
    assert (row.delivery, row.attempts, row.next_attempt_at, row.last_error) == (
        "failed",
        1,
        NOW + 1,
        "HTTP 503",
    )
    clock.now += 0.5
    assert loop.run_pending() == 0  # not due yet: no post
    clock.now += 0.5
    assert loop.run_pending() == 1
    assert store.get(1).next_attempt_at == clock.now + 2
    clock.now += 2
    assert loop.run_pending() == 1
    assert store.get(1).delivery == DEAD
    clock.now += 3600
    assert loop.run_pending() == 0  # dead letters wait for staff
    assert len(receiver.posts) == 3
    assert {p.key for p in receiver.posts} == {store.get(1).idempotency_key}
    # Staff retry (`python -m escalation.cli retry`) once the clinic is fixed.
    receiver.refuse_first = 0
    assert store.requeue(now=clock.now) == 1
    assert loop.run_pending() == 1
    assert store.get(1).delivery == DELIVERED
    assert [p.key for p in receiver.accepted()] == [store.get(1).idempotency_key]


def _escalate_at_once(
    db_url: str, settings: Settings, loops: List[DeliveryLoop], count: int
) -> None:
    """`count` threads run the real action at the same moment, each waking a loop."""
    start = threading.Barrier(count)
    errors: List[BaseException] = []
    tracker_slots = {
        c.SLOT_TRIAGE_LEVEL: "emergency",
        c.SLOT_TRIAGE_CATEGORY: "breathing",
    }

    def patient(index: int) -> None:
        from rasa_sdk import Tracker

        try:
            action = ActionEscalate(
                EscalationStore(db_url),
                settings,
                wake=lambda _: loops[index % len(loops)].wake(),
            )
            tracker = Tracker(
                f"conv-{index:02d}", tracker_slots, {}, [], False, None, {}, None
            )
            start.wait()
            asyncio.run(action.run(CollectingDispatcher(), tracker, {}))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=patient, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_twelve_simultaneous_escalations_three_loops_no_duplicates(
    db_url: str, receiver: ClinicReceiver
) -> None:
    """The issue's measurement (12 at once, slow webhook refusing its first 5),
    with three loops on one file as three action server processes would be."""
    receiver.refuse_first, receiver.delay_s = 5, 0.15
    policy = RetryPolicy(base_s=0.1, cap_s=0.5, jitter=0.5, max_attempts=10)
    loops = [
        _loop(EscalationStore(db_url), receiver.url, policy, worker=f"loop-{i}").start()
        for i in range(3)
    ]
    settings = dataclasses.replace(
        get_settings(), escalation_db_url=db_url, webhook_url=receiver.url
    )
    try:
        _escalate_at_once(db_url, settings, loops, 12)
        receiver.wait_for_accepted(12)
        time.sleep(0.5)  # time for a duplicate to show up, if there were one
    finally:
        for loop in loops:
            loop.stop()
    per_key = Counter(p.key for p in receiver.accepted())
    store = EscalationStore(db_url)
    rows = store.recent()
    assert sorted(per_key) == sorted(r.idempotency_key for r in rows)  # type: ignore[type-var]
    assert set(per_key.values()) == {1} and len(per_key) == 12
    # No retry storm: one post per record plus one per refusal.
    assert len(receiver.posts) == 12 + 5
    assert all(r.delivery == DELIVERED for r in rows)
    key = key_from_settings(settings)
    assert {r.conversation_id for r in rows} == {
        public_ref(key, f"conv-{i:02d}") for i in range(12)
    }
    for post in receiver.posts:
        assert verify_signature(
            SECRET,
            post.headers["X-Webhook-Timestamp"],
            post.key,
            post.body,
            post.headers["X-Signature-256"],
        )
        assert set(post.payload) == {
            "id",
            "created_at",
            "conversation_id",
            "level",
            "category",
        }


def test_webhook_down_for_a_while_then_back_oldest_first(
    store: EscalationStore, receiver: ClinicReceiver
) -> None:
    """Driven pass by pass on a fake clock: while the clinic is down each record
    backs off on its own; once it is back, due records go out oldest first."""
    receiver.stop()  # connection refused
    clock = FakeClock()
    loop = _loop(
        store,
        receiver.url,
        RetryPolicy(1, 30, 0.5, 20),
        clock=clock,
        rand=random.Random(3).random,
    )
    for i in range(5):
        store.record(f"conv-{i}", "urgent", "fever", webhook=True)
        clock.now += 1
        loop.run_pending()
    for _ in range(6):  # down for a while: a few minutes of passes
        clock.now += 10
        loop.run_pending()
    rows = store.recent()
    assert all(
        r.delivery == "failed" and r.last_error == "ConnectionError" for r in rows
    )
    assert len({r.next_attempt_at for r in rows}) == 5  # jitter spread them
    keys = [r.idempotency_key for r in reversed(rows)]
    receiver.start()
    clock.now += 30  # the cap: everything is due again
    assert loop.run_pending() == 5
    assert [p.payload["conversation_id"] for p in receiver.accepted()] == [
        f"conv-{i}" for i in range(5)
    ]
    assert [p.key for p in receiver.accepted()] == keys  # the keys of the failed posts
    assert all(r.delivery == DELIVERED for r in store.recent())


def test_webhook_down_then_back_with_a_running_loop(
    store: EscalationStore, receiver: ClinicReceiver
) -> None:
    """The same with the loop thread on the real clock: all delivered, once each."""
    receiver.stop()
    loop = _loop(store, receiver.url, RetryPolicy(0.05, 0.3, 0.5, 50)).start()
    try:
        for i in range(5):
            store.record(f"conv-{i}", "urgent", "fever", webhook=True)
            loop.wake()
        _wait(lambda: all(r.attempts >= 2 for r in store.recent()))
        receiver.start()
        receiver.wait_for_accepted(5)
        _wait(lambda: all(r.delivery == DELIVERED for r in store.recent()))
    finally:
        loop.stop()
    assert sorted(p.payload["id"] for p in receiver.accepted()) == [1, 2, 3, 4, 5]


def _deliver_forever(
    db_url: str, url: str, worker: str, logs: Path
) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "ESCALATION_DB_URL": db_url,
        "ESCALATION_WEBHOOK_URL": url,
        "ESCALATION_WEBHOOK_SECRET": SECRET,
        "ESCALATION_WEBHOOK_TIMEOUT_S": "1.5",
        "ESCALATION_CLAIM_TIMEOUT_S": "3",
        "ESCALATION_DELIVERY_INTERVAL_S": "0.2",
        "ESCALATION_WEBHOOK_BACKOFF_S": "0.1",
    }
    log = open(logs / f"{worker}.log", "w")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "escalation.cli",
            "deliver-forever",
            "--worker",
            worker,
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wait(check: Callable[[], bool], timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_killed_delivery_process_loses_nothing(
    tmp_path: Path, db_url: str, store: EscalationStore, receiver: ClinicReceiver
) -> None:
    """SIGKILL while the clinic holds the first post: after the claim timeout a
    new process posts it again with the same Idempotency-Key (at least once),
    and after dropping repeats the clinic has every record once."""
    for i in range(3):
        store.record(f"conv-{i}", "emergency", "seizure", webhook=True)
    keys = {r.id: r.idempotency_key for r in store.recent()}
    receiver.released.clear()
    first = _deliver_forever(db_url, receiver.url, "first", tmp_path)
    try:
        assert receiver.holding.wait(30), (tmp_path / "first.log").read_text()
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        first.kill()
    row = store.get(1)
    assert (row.delivery, row.claimed_by.split("/")[0]) == (SENDING, "first")  # type: ignore[union-attr]
    assert [store.get(i).delivery for i in (2, 3)] == [PENDING, PENDING]
    receiver.released.set()  # the clinic got the post; the sender never heard back
    second = _deliver_forever(db_url, receiver.url, "second", tmp_path)
    try:
        _wait(lambda: all(r.delivery == DELIVERED for r in store.recent()))
        second.send_signal(signal.SIGTERM)
        assert second.wait(10) == 0  # stops cleanly on SIGTERM
    finally:
        second.kill()
    per_key: Dict[str, List[bytes]] = {}
    for post in receiver.accepted():
        per_key.setdefault(post.key, []).append(post.body)
    assert set(per_key) == set(keys.values())  # nothing lost
    assert len(per_key[keys[1]]) == 2 and len(set(per_key[keys[1]])) == 1  # same repeat
    assert [len(per_key[keys[i]]) for i in (2, 3)] == [1, 1]
    assert [p.payload["id"] for p in receiver.accepted_once()] == [1, 2, 3]


def test_one_loop_per_process(
    monkeypatch: pytest.MonkeyPatch, db_url: str, receiver: ClinicReceiver
) -> None:
    monkeypatch.setattr(outbox, "_PROCESS_LOOP", None)
    settings = dataclasses.replace(
        get_settings(),
        escalation_db_url=db_url,
        webhook_url=receiver.url,
        delivery_interval_s=3600,
    )
    assert outbox.process_loop(dataclasses.replace(settings, webhook_url=None)) is None
    loop = outbox.process_loop(settings)
    try:
        assert loop is not None and outbox.process_loop(settings) is loop
        assert [t.name for t in threading.enumerate()].count("escalation-outbox") == 1
        loop.store.record("conv-1", "urgent", "fever", webhook=True)
        outbox.wake_process_loop(settings)
        (post,) = receiver.wait_for_accepted(1)
        assert post.payload["conversation_id"] == "conv-1"
    finally:
        assert loop is not None
        loop.stop()


def test_cli_deliver_posts_what_is_due_once(
    db_url: str,
    store: EscalationStore,
    receiver: ClinicReceiver,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
) -> None:
    from escalation import cli

    monkeypatch.setenv("ESCALATION_DB_URL", db_url)
    monkeypatch.setenv("ESCALATION_WEBHOOK_URL", receiver.url)
    receiver.refuse_first = 1
    store.record("conv-1", "urgent", "fever", webhook=True)
    store.record("conv-2", "urgent", "fever", webhook=True)
    assert cli.main(["deliver"]) == 1  # the first post was refused: one left
    assert "Posted 2; 1 still undelivered; 0 dead." in capsys.readouterr().out
    assert [store.get(i).delivery for i in (1, 2)] == ["failed", DELIVERED]
