"""Rasa's Redis lock store, with each change to a conversation's lock atomic.

Rasa 3.6's `RedisLockStore` keeps a conversation's ticket queue as one JSON
value and changes it by read, modify, write: issuing a ticket, finishing one,
dropping expired ones, deleting the lock when nobody waits. With two Sanic
workers or two Rasa instances, two messages of one conversation arriving
together can both read the queue before either writes it back: both get the
same ticket, both turns run at once, and the second save overwrites the
first's events. Measured in CI (two workers, 20 messages to one conversation,
four at a time): a message answered with 200 was missing from the stored
conversation. The enterprise fix (`ConcurrentRedisLockStore`) is not in the
open-source release.

Here every change is one Redis transaction on the lock's key (WATCH, then
MULTI/EXEC, retried when another process changed the key in between), so the
queue is the same as if the changes had happened one after the other. Same keys
and values as Rasa's store: instances running either can share a Redis, and
Rasa still treats it as a Redis lock store (needed for SANIC_WORKERS > 1).

Use it as `lock_store: type: runtime.lock_store.AtomicRedisLockStore` with
the usual Redis settings (endpoints.production.yml).
"""

import json
from typing import Any, Callable, Optional, Text, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
# What a change does: the lock as it should be stored (None: delete it), and a result.
Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], T]]


class AtomicRedisLockStore(RedisLockStore):
    """`RedisLockStore` whose ticket queue changes are Redis transactions."""

    def __init__(
        self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any
    ) -> None:
        if endpoint_config is not None:  # as Rasa loads a custom lock store
            kwargs = {
                "host": endpoint_config.url or "localhost",
                **endpoint_config.kwargs,
                **kwargs,
            }
        super().__init__(**kwargs)

    def _change(self, conversation_id: Text, change: Change[T]) -> T:
        key = self.key_prefix + conversation_id

        def attempt(pipe: Any) -> T:
            raw = pipe.get(key)  # watched: EXEC fails if anyone writes it meanwhile
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            new_lock, result = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            return result

        return self.red.transaction(attempt, key, value_from_callable=True)

    def issue_ticket(
        self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME
    ) -> int:
        def issue(lock: Optional[TicketLock]) -> Tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: Text) -> None:
        def drop_expired(
            lock: Optional[TicketLock],
        ) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        def finish(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Finish `ticket_number`; delete the lock in the same step if nobody waits
        (Rasa checks and deletes separately, and can delete a ticket just issued)."""

        def finish_and_tidy(
            lock: Optional[TicketLock],
        ) -> Tuple[Optional[TicketLock], bool]:
            if lock is None:
                return None, False
            lock.remove_ticket_for(ticket_number)
            return (lock, False) if lock.is_someone_waiting() else (None, True)

        deleted = self._change(conversation_id, finish_and_tidy)
        self._log_deletion(conversation_id, deleted)
