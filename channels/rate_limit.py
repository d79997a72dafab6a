"""Messages per conversation per minute: in this process, or shared through Redis.

`build_rate_limiter` picks the window's home from `RATE_LIMIT_STORAGE_URI`
(`core/settings.py`):

* empty or `memory://` (the default): a sliding window per conversation in this
  process (`MemoryRateLimiter`). With several Sanic workers or instances each
  process counts on its own, so a conversation gets the limit once per process.
* anything else, e.g. `redis://host:6379/2`: a moving window kept by the
  maintained `limits` library in that storage (`SharedRateLimiter`), so every
  worker and instance counts the same messages.

The in-process window stays a deque rather than `limits`' MemoryStorage: that
storage keeps a key for every conversation ever seen and sweeps every entry from
a timer thread each 10 ms under load; the deque is bounded and has no thread.

If the shared storage fails (Redis down, a timeout), the message is let through
and a warning logged: a patient must never be locked out of safety replies by an
infrastructure fault. The rate limit protects the servers, not the patient.

No Rasa imports.
"""

import hashlib
import logging
import time
from collections import deque
from typing import Any, Callable, Deque, Dict, Optional

logger = logging.getLogger(__name__)

WINDOW_S = 60.0
MEMORY_URI = "memory://"
# Keys in the shared storage start with this (after `limits`' own "LIMITER/").
KEY_NAMESPACE = "patientbot"
# A Redis that does not answer within this long counts as down (fail open): the
# check runs on the channel's event loop, so it must never wait long.
STORAGE_TIMEOUT_S = 0.5


class RateLimiter:
    """Decides whether a conversation may send one more message now."""

    per_minute: int

    def allow(self, sender: str) -> bool:  # pragma: no cover - interface
        """True to admit the message (and count it), False when over the limit."""
        raise NotImplementedError


class MemoryRateLimiter(RateLimiter):
    """Sliding one-minute window of message times per conversation, in memory."""

    def __init__(
        self,
        per_minute: int,
        clock: Callable[[], float] = time.monotonic,
        max_conversations: int = 100_000,
    ) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.max_conversations = max_conversations
        self._seen: Dict[str, Deque[float]] = {}

    def allow(self, sender: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = self.clock()
        times = self._seen.get(sender)
        if times is None:
            if len(self._seen) >= self.max_conversations:
                self._forget_idle(now)
            times = self._seen[sender] = deque()
        while times and now - times[0] >= WINDOW_S:
            times.popleft()
        if len(times) >= self.per_minute:
            return False
        times.append(now)
        return True

    def _forget_idle(self, now: float) -> None:
        idle = [s for s, t in self._seen.items() if not t or now - t[-1] >= WINDOW_S]
        for sender in idle:
            del self._seen[sender]
        if len(self._seen) >= self.max_conversations:  # all busy: drop the oldest
            del self._seen[next(iter(self._seen))]


class SharedRateLimiter(RateLimiter):
    """A moving one-minute window per conversation in a `limits` storage.

    Args:
        per_minute: messages allowed per conversation per minute; 0 is no limit.
        storage: a `limits` storage with moving-window support (Redis in
            production, `limits.storage.MemoryStorage` in tests).
        namespace: keeps one channel's counts apart from another's.
    """

    def __init__(self, per_minute: int, storage: Any, namespace: str = "") -> None:
        from limits import RateLimitItemPerMinute
        from limits.strategies import MovingWindowRateLimiter

        self.per_minute = per_minute
        self.storage = storage
        self.namespace = namespace
        self._item = RateLimitItemPerMinute(max(per_minute, 1))
        self._window = MovingWindowRateLimiter(storage)
        self._failing = False

    def allow(self, sender: str) -> bool:
        if self.per_minute <= 0:
            return True
        # Hashed: no raw sender ids in the shared storage, and no odd characters.
        key = hashlib.sha256(sender.encode("utf-8", "replace")).hexdigest()[:32]
        try:
            allowed = bool(
                self._window.hit(self._item, KEY_NAMESPACE, self.namespace, key)
            )
        except Exception as error:  # any storage fault: fail open (see module doc)
            if not self._failing:
                logger.warning(
                    "rate limit storage failed (%s): letting messages through "
                    "until it answers again",
                    type(error).__name__,
                )
            self._failing = True
            return True
        if self._failing:
            logger.warning("rate limit storage answers again")
            self._failing = False
        return allowed


def build_rate_limiter(
    per_minute: int,
    storage_uri: Optional[str],
    namespace: str = "",
    clock: Callable[[], float] = time.monotonic,
) -> RateLimiter:
    """The limiter for `storage_uri`: in memory when it is empty or `memory://`.

    Building does not connect: a storage that is down only shows when counting.
    """
    if not storage_uri or storage_uri.strip() == MEMORY_URI:
        return MemoryRateLimiter(per_minute, clock)
    from limits.storage import MovingWindowSupport, storage_from_string

    storage = storage_from_string(
        storage_uri.strip(),
        socket_timeout=STORAGE_TIMEOUT_S,
        socket_connect_timeout=STORAGE_TIMEOUT_S,
    )
    if not isinstance(storage, MovingWindowSupport):
        raise ValueError(
            f"RATE_LIMIT_STORAGE_URI: {storage_uri.split(':')[0]} storage "
            "cannot keep a moving window; use redis:// or memory://"
        )
    return SharedRateLimiter(per_minute, storage, namespace)
