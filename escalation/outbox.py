"""The escalation outbox: one delivery loop per process posts due records.

Pure module, no Rasa. The escalation action only records a row and calls
`wake()`; the loop (a daemon thread) claims due records oldest first, posts each
once, and schedules failures with exponential backoff and jitter until they
are delivered or become dead letters. Several loops (threads, processes,
hosts) may share one database: a claim is exclusive (`EscalationStore.claim`).

Delivery is at least once: a loop that dies after posting but before marking
the record delivered leaves a claim that goes back to pending after
`ESCALATION_CLAIM_TIMEOUT_S`, and the record is posted again with the same
`Idempotency-Key`, by which the clinic drops the repeat.
"""

import logging
import os
import random
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from core.settings import Settings
from escalation.store import Escalation, EscalationStore, store_from_settings
from escalation.webhook import DeliveryError, WebhookClient

logger = logging.getLogger(__name__)

Post = Callable[[Mapping[str, Any], str], None]  # (payload, idempotency key)
Clock = Callable[[], float]
Random = Callable[[], float]  # uniform in [0, 1)


@dataclass(frozen=True)
class RetryPolicy:
    """When a failed record is tried again, and when it is given up.

    After failed attempt n (1, 2, ...) the delay is
    `min(cap_s, base_s * 2 ** (n - 1)) * (1 - jitter * u)` with u uniform in
    [0, 1): never above the cap, and loops that failed together spread out
    instead of retrying in step. After `max_attempts` failures: dead letter.
    """

    base_s: float
    cap_s: float
    jitter: float
    max_attempts: int

    def delay(self, attempt: int, rand: Random = random.random) -> float:
        """Seconds to wait after failed attempt number `attempt` (from 1)."""
        # The exponent is bounded so a large attempt count cannot overflow.
        raw = min(self.cap_s, self.base_s * 2 ** min(attempt - 1, 64))
        return raw * (1 - self.jitter * rand())

    def retry_at(
        self, attempt: int, now: float, rand: Random = random.random
    ) -> Optional[float]:
        """When to try again after failed attempt `attempt`; None for a dead letter."""
        if attempt >= self.max_attempts:
            return None
        return now + self.delay(attempt, rand)

    @classmethod
    def from_settings(cls, settings: Settings) -> "RetryPolicy":
        """The `ESCALATION_WEBHOOK_*` backoff settings."""
        return cls(
            settings.webhook_backoff_s,
            settings.webhook_backoff_cap_s,
            settings.webhook_jitter,
            settings.webhook_max_attempts,
        )


def _describe(error: Exception) -> str:
    # Status or exception type only: an error text may echo a URL or a body.
    if isinstance(error, DeliveryError):
        return str(error)
    return type(error).__name__


class DeliveryLoop:
    """Posts due escalation records until stopped; wakes early on `wake()`.

    Args:
        store: where records are claimed and marked.
        post: sends one payload with its idempotency key; raises on failure.
        policy: backoff and dead-letter rule.
        interval_s: the longest the loop sleeps between looks at the table.
        claim_timeout_s: after this a claim is presumed dead and released.
        worker: name recorded in `claimed_by` (default host:pid:random).
        clock: Unix time source (injected for tests).
        rand: uniform [0, 1) source for the jitter (injected for tests).
    """

    def __init__(
        self,
        store: EscalationStore,
        post: Post,
        policy: RetryPolicy,
        interval_s: float,
        claim_timeout_s: float,
        worker: Optional[str] = None,
        clock: Clock = time.time,
        rand: Random = random.random,
    ) -> None:
        self.store = store
        self._post = post
        self._policy = policy
        self._interval_s = interval_s
        self._claim_timeout_s = claim_timeout_s
        self.worker = worker or f"{socket.gethostname()[:40]}:{os.getpid()}"
        self._clock = clock
        self._rand = rand
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None

    def wake(self) -> None:
        """Look for due records now (a new escalation was recorded)."""
        self._wake.set()

    def deliver_one(self) -> Optional[bool]:
        """Claim and post the oldest due record: True delivered, False failed,
        None when nothing was due."""
        # A fresh token per claim: a late answer to an older claim of this
        # same loop cannot finish a newer one.
        claimant = f"{self.worker}/{uuid.uuid4().hex[:8]}"
        escalation = self.store.claim_next(claimant, self._clock())
        if escalation is None:
            return None
        return self._send(escalation, claimant)

    def _send(self, escalation: Escalation, claimant: str) -> bool:
        try:
            self._post(escalation.payload(), escalation.idempotency_key or "")
        except Exception as error:  # any failure is one failed attempt
            now = self._clock()
            retry_at = self._policy.retry_at(escalation.attempts, now, self._rand)
            reason = _describe(error)
            self.store.mark_failed(escalation.id, claimant, reason, retry_at)
            if retry_at is None:
                logger.error(
                    "Escalation %s is a dead letter after %s attempts (%s)",
                    escalation.id,
                    escalation.attempts,
                    reason,
                )
            else:
                logger.warning(
                    "Escalation %s not delivered (%s); retry in %.1f s",
                    escalation.id,
                    reason,
                    retry_at - now,
                )
            return False
        if not self.store.mark_delivered(escalation.id, claimant, self._clock()):
            logger.warning(
                "Escalation %s delivered after its claim timed out", escalation.id
            )
        logger.info("Escalation %s delivered", escalation.id)
        return True

    def run_pending(self) -> int:
        """Release stale claims, then post every due record; returns posts made."""
        self.store.release_stale(self._clock(), self._claim_timeout_s)
        posts = 0
        while not self._stop.is_set() and self.deliver_one() is not None:
            posts += 1
        return posts

    def _sleep_s(self) -> float:
        due = self.store.next_due_at()
        if due is None:
            return self._interval_s
        return min(self._interval_s, max(0.0, due - self._clock()))

    def run_forever(self) -> None:
        """Deliver until `request_stop()`; survives database and network errors."""
        while not self._stop.is_set():
            self._wake.clear()  # a wake() from now on triggers another pass
            try:
                self.run_pending()
                pause = self._sleep_s()
            except Exception as error:  # database down: try again later
                logger.error("Escalation delivery loop: %s", type(error).__name__)
                logger.debug("delivery loop failure", exc_info=True)
                pause = self._interval_s
            if pause > 0:
                self._wake.wait(pause)

    def start(self) -> "DeliveryLoop":
        """Run `run_forever` in a daemon thread."""
        self._thread = threading.Thread(
            target=self.run_forever, name="escalation-outbox", daemon=True
        )
        self._thread.start()
        return self

    def request_stop(self) -> None:
        """Stop after the current post (safe from a signal handler)."""
        self._stop.set()
        self._wake.set()

    def stop(self, timeout_s: float = 10) -> None:
        """Stop the thread after its current post and wait for it."""
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout_s)


_UNSIGNED_WARNED = False


def build_loop(
    settings: Settings,
    store: Optional[EscalationStore] = None,
    worker: Optional[str] = None,
) -> DeliveryLoop:
    """A loop posting to `ESCALATION_WEBHOOK_URL` with the settings' policy."""
    global _UNSIGNED_WARNED
    if not settings.webhook_url:
        raise ValueError("ESCALATION_WEBHOOK_URL is not set")
    if not settings.webhook_signing_key and not _UNSIGNED_WARNED:
        _UNSIGNED_WARNED = True
        logger.warning(
            "ESCALATION_WEBHOOK_SECRET is not set: webhook posts are unsigned"
        )
    if settings.claim_timeout_s <= settings.webhook_timeout_s:
        logger.warning(
            "ESCALATION_CLAIM_TIMEOUT_S should exceed "
            "ESCALATION_WEBHOOK_TIMEOUT_S, or slow posts are sent twice"
        )
    client = WebhookClient(
        settings.webhook_url, settings.webhook_signing_key, settings.webhook_timeout_s
    )
    return DeliveryLoop(
        store or store_from_settings(settings),
        client.post,
        RetryPolicy.from_settings(settings),
        settings.delivery_interval_s,
        settings.claim_timeout_s,
        worker=worker,
    )


_PROCESS_LOCK = threading.Lock()
_PROCESS_LOOP: Optional[DeliveryLoop] = None
_PROCESS_PID: Optional[int] = None


def process_loop(settings: Settings) -> Optional[DeliveryLoop]:
    """This process's one running delivery loop, started on first call.

    None without a webhook URL. After a fork the child starts its own loop
    (threads do not survive a fork).
    """
    global _PROCESS_LOOP, _PROCESS_PID
    if not settings.webhook_url:
        return None
    with _PROCESS_LOCK:
        if _PROCESS_LOOP is None or _PROCESS_PID != os.getpid():
            _PROCESS_LOOP = build_loop(settings).start()
            _PROCESS_PID = os.getpid()
            logger.info("Escalation delivery loop started (%s)", _PROCESS_LOOP.worker)
        return _PROCESS_LOOP


def wake_process_loop(settings: Settings) -> None:
    """Start this process's loop if needed and have it look for due records."""
    loop = process_loop(settings)
    if loop is not None:
        loop.wake()
