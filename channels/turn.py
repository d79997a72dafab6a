"""What the REST and socket.io channels share: the gate and one guarded turn.

A turn never crashes the channel and never leaves the patient without a word:

* Rasa fails (tracker store or lock store down...): `FAILED`; the channel says
  "temporarily unavailable", and logs the error type with a hashed sender id,
  never the patient's text (the database error text can hold both);
* Rasa answers nothing (the action server is down, so the answer action failed;
  red-flag replies are domain responses and still come): `SILENT`; the channel
  sends `NO_ANSWER`;
* Rasa is still busy at the deadline (a slow action server): `LATE`; the turn
  carries on in the background, so nothing is lost, and the channel says so.
"""

import asyncio
import functools
import logging
from enum import Enum
from typing import Any, Awaitable, Callable, Dict, FrozenSet, Optional

from rasa.core.channels.channel import UserMessage

from channels.guard import Gate, GateConfig, log_id
from channels.rate_limit import build_rate_limiter
from core.answers import medicine_payload, topic_payloads
from core.constants import EMERGENCY, SAFETY_CHECK_PAYLOADS
from core.facts import load_fact_store
from core.settings import get_settings

logger = logging.getLogger(__name__)

UNAVAILABLE = (
    "Sorry, I am temporarily unavailable. Please try again in a few minutes. "
    "If you feel very unwell, call {emergency} or your care team now."
)
NO_ANSWER = (
    "Sorry, I can't look that up right now. Please try again in a few minutes. "
    "If you feel very unwell, call {emergency} or your care team now."
)
LATE = (
    "This is taking longer than usual. Please wait a moment, or try again in a "
    "few minutes. If you feel very unwell, call {emergency} or your care team now."
)
DEFAULT_DEADLINE_S = 20.0


class TurnEnd(Enum):
    """How a patient's turn ended, as the channel saw it."""

    DONE = "done"
    SILENT = "silent"
    LATE = "late"
    FAILED = "failed"


# What the patient is told after a turn that did not simply answer.
FOLLOW_UP = {TurnEnd.FAILED: UNAVAILABLE, TurnEnd.SILENT: NO_ANSWER, TurnEnd.LATE: LATE}


def emergency_number() -> str:
    return get_settings().emergency_number or "your local emergency number"


def patient_text(template: str, gate: Gate) -> str:
    return template.format(emergency=gate.emergency_number)


def allowed_payloads() -> FrozenSet[str]:
    """The exact payloads of the bot's own buttons: medicines, their topics and
    the safety check."""
    store = load_fact_store(get_settings().facts_dir)
    medicines = {medicine_payload(medicine.id) for medicine in store.medicines}
    return frozenset(
        medicines | set(topic_payloads(store)) | set(SAFETY_CHECK_PAYLOADS)
    )


@functools.lru_cache(maxsize=1)
def _detector() -> Any:
    from core.triage.detector import SymptomDetector

    return SymptomDetector()


def red_flag(text: str) -> bool:
    """True when the rules alone read `text` as an emergency or possible self-harm
    (the same rules the NLU pipeline runs; no model needed)."""
    assessment = _detector().assess(text)
    return assessment.level == EMERGENCY or assessment.self_harm_possible


def client_address(
    remote: Optional[str], forwarded_for: Optional[str], trust_forwarded_for: bool
) -> Optional[str]:
    """The client's address for the per-client limit: the connection's peer, or
    the first address of X-Forwarded-For when a proxy in front sets it
    (TRUST_FORWARDED_FOR; otherwise a client could pick its own)."""
    if forwarded_for and trust_forwarded_for:
        first = forwarded_for.split(",")[0].strip()
        if first:
            return first[:64]
    return remote or None


def build_gate(credentials: Optional[Dict[str, Any]], channel: str = "") -> Gate:
    """The front door of `channel`, its rate limits kept where the settings say."""
    config = GateConfig.from_mapping(credentials)
    storage = get_settings().rate_limit_storage_uri

    def limiter(per_minute: int, scope: str) -> Any:
        return build_rate_limiter(per_minute, storage, namespace=f"{channel}{scope}")

    return Gate(
        config,
        allowed_payloads(),
        emergency_number(),
        limiter=limiter(config.rate_limit_per_minute, ""),
        client_limiter=limiter(config.rate_limit_per_client_per_minute, "-client"),
        global_limiter=limiter(config.rate_limit_global_per_minute, "-all"),
        red_flag=red_flag,
    )


def deadline_from(credentials: Optional[Dict[str, Any]]) -> float:
    return float((credentials or {}).get("reply_deadline_seconds", DEFAULT_DEADLINE_S))


async def run_turn(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    message: UserMessage,
    sent: Callable[[], int],
    deadline_s: float,
) -> TurnEnd:
    """Hand one admitted message to Rasa; `sent()` counts the replies so far."""
    task = asyncio.ensure_future(on_new_message(message))
    task.add_done_callback(lambda done: _log_late_failure(done, message.sender_id))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=deadline_s)
    except asyncio.TimeoutError:
        logger.warning(
            "turn still running after %.0f s sender=%s",
            deadline_s,
            log_id(message.sender_id),
        )
        return TurnEnd.LATE
    except Exception as error:  # the task's own error, re-raised by wait_for
        logger.error(
            "turn failed sender=%s error=%s",
            log_id(message.sender_id),
            type(error).__name__,
        )
        logger.debug("turn failure details", exc_info=True)
        return TurnEnd.FAILED
    return TurnEnd.DONE if sent() else TurnEnd.SILENT


def _log_late_failure(task: "asyncio.Future[Any]", sender: str) -> None:
    """Retrieve a background turn's error so asyncio does not print it (with text)."""
    if not task.cancelled() and task.exception() is not None:
        logger.debug(
            "turn error sender=%s error=%s",
            log_id(sender),
            type(task.exception()).__name__,
        )
