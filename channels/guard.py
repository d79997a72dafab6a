"""What a patient channel lets through to Rasa: pure checks, no Rasa imports.

Every message from REST or socket.io passes `Gate.admit` before Rasa sees it:

* the sender id must be a short printable string, the message a string;
* invisible and control characters (zero-width, bidi marks, NUL, CR/LF...) are
  removed or turned into spaces, then the text is trimmed;
* a message that starts with `/` is plain text: Rasa would otherwise read it as
  an intent (`/restart`, `/greet{...}`); only the exact payloads of the bot's own
  buttons are let through as they are;
* a very long message is cut *before* NLU to its beginning and end (safety
  words are often at the end), and the patient is told;
* each conversation, each client address and the channel as a whole may send a
  limited number of messages per minute (`channels/rate_limit.py`: in this
  process, or shared through Redis); a message over a limit that the rules
  read as an emergency or as possible self-harm is let through all the same
  (`red_flag`), so a flood on a patient's id can never silence their emergency.

A rejected message never reaches Rasa, so nothing is stored for it.
"""

import hashlib
import hmac
import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Union

from channels.rate_limit import MemoryRateLimiter, RateLimiter

COMMAND_PREFIX = "/"
# Kept when cutting: this share of the limit from the start, the rest from the end.
HEAD_SHARE = 0.75
CUT_MARK = " [...] "

# Patient-facing texts. Plain words, no medical content.
TRUNCATED_NOTE = (
    "Your message was very long, so I only read its beginning and its end "
    "({limit} characters). If something is urgent, please send it as a short message."
)
EMPTY_MESSAGE = "I did not get any text. Please type your question."
RATE_LIMITED = (
    "You are sending messages very fast. Please wait a minute and try again. "
    "If this is an emergency, call {emergency} now."
)


@dataclass(frozen=True)
class GateConfig:
    """Limits for one channel; set in credentials.yml under the channel."""

    max_message_chars: int = 2000
    max_sender_chars: int = 128
    # Messages per conversation per minute; 0 turns the limit off.
    rate_limit_per_minute: int = 30
    # Messages per client address, and through the channel, per minute: about
    # twice and four times what one Rasa worker on 2 cores answers (47 replies/s,
    # 2,832 a minute, measured 2026-12-03 over REST with 16 conversations at
    # once), so a clinic behind one address and the two-worker benchmark are not
    # throttled, while a flood is cut before it queues up. 0 turns a limit off.
    # docs/security.md.
    rate_limit_per_client_per_minute: int = 6000
    rate_limit_global_per_minute: int = 12000

    @classmethod
    def from_mapping(cls, values: Optional[Dict[str, Any]]) -> "GateConfig":
        values = values or {}
        config = cls(
            **{
                name: int(values[name])
                for name in cls.__dataclass_fields__
                if name in values
            }
        )
        if config.max_message_chars < 20 or config.max_sender_chars < 1:
            raise ValueError(
                "max_message_chars must be >= 20 and max_sender_chars >= 1"
            )
        for name in (
            "rate_limit_per_minute",
            "rate_limit_per_client_per_minute",
            "rate_limit_global_per_minute",
        ):
            if getattr(config, name) < 0:
                raise ValueError(f"{name} must be >= 0")
        return config


@dataclass(frozen=True)
class Admitted:
    """A message Rasa may process."""

    sender: str
    text: str
    notes: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rejected:
    """A message Rasa never sees. `status` is the HTTP status REST answers with."""

    status: int
    code: str
    message: str


Verdict = Union[Admitted, Rejected]

_WHITESPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """NFC text without control or format characters, whitespace runs as one space."""
    text = unicodedata.normalize("NFC", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            # control, format (zero-width, bidi), surrogate, private, unassigned
            continue
        else:
            kept.append(char)
    return _WHITESPACE.sub(" ", "".join(kept)).strip()


def neutralise_command(text: str, allowed_payloads: FrozenSet[str]) -> str:
    """Leading slashes dropped unless the whole text is one of our button payloads."""
    if not text.startswith(COMMAND_PREFIX) or text in allowed_payloads:
        return text
    return text.lstrip(COMMAND_PREFIX + " ")


def cut(text: str, limit: int) -> str:
    """At most `limit` characters: the beginning and the end, cut at spaces if near."""
    if len(text) <= limit:
        return text
    room = limit - len(CUT_MARK)
    head_len = int(room * HEAD_SHARE)
    tail_len = room - head_len
    head = text[:head_len]
    tail = text[len(text) - tail_len :]
    space = head.rfind(" ")
    if space > head_len * 0.8:
        head = head[:space]
    space = tail.find(" ")
    if 0 <= space < tail_len * 0.2:
        tail = tail[space + 1 :]
    return head.rstrip() + CUT_MARK + tail.lstrip()


def check_sender(value: Any, max_chars: int) -> Optional[Rejected]:
    if not isinstance(value, str) or not value.strip():
        return Rejected(400, "invalid_sender", "`sender` must be a non-empty string.")
    if len(value) > max_chars:
        return Rejected(
            400, "invalid_sender", f"`sender` must be at most {max_chars} characters."
        )
    if any(
        unicodedata.category(char)[0] in ("C", "Z") and char != " " for char in value
    ):
        return Rejected(
            400,
            "invalid_sender",
            "`sender` must not contain control or invisible characters.",
        )
    return None


class Gate:
    """Admits or rejects one inbound message; shared by the REST and socket.io channels.

    The three rate limits are counted by the given limiters (e.g. shared through
    Redis), else in this process with `clock`. `red_flag(text)` is True for a
    message the rules read as an emergency or possible self-harm: it passes a
    limit it would otherwise hit.
    """

    GLOBAL_KEY = "*"

    def __init__(
        self,
        config: GateConfig,
        allowed_payloads: FrozenSet[str],
        emergency_number: str,
        clock: Callable[[], float] = time.monotonic,
        limiter: Optional[RateLimiter] = None,
        client_limiter: Optional[RateLimiter] = None,
        global_limiter: Optional[RateLimiter] = None,
        red_flag: Callable[[str], bool] = lambda text: False,
    ) -> None:
        self.config = config
        self.allowed_payloads = allowed_payloads
        self.emergency_number = emergency_number
        self.limiter = limiter or MemoryRateLimiter(config.rate_limit_per_minute, clock)
        self.client_limiter = client_limiter or MemoryRateLimiter(
            config.rate_limit_per_client_per_minute, clock
        )
        self.global_limiter = global_limiter or MemoryRateLimiter(
            config.rate_limit_global_per_minute, clock
        )
        self.red_flag = red_flag

    def admit(self, sender: Any, message: Any, client: Optional[str] = None) -> Verdict:
        """`client` is the sender's network address, when the channel knows it."""
        problem = check_sender(sender, self.config.max_sender_chars)
        if problem is not None:
            return problem
        if not isinstance(message, str):
            return Rejected(400, "invalid_message", "`message` must be a string.")
        if len(message) > 8 * self.config.max_message_chars:
            message = cut(
                message, 8 * self.config.max_message_chars
            )  # bound the work below
        text = neutralise_command(clean_text(message), self.allowed_payloads).strip()
        if not text:
            return Rejected(400, "empty_message", EMPTY_MESSAGE)
        notes = []
        if len(text) > self.config.max_message_chars:
            # A button payload longer than the limit is no button once cut: plain text.
            text = neutralise_command(
                cut(text, self.config.max_message_chars), self.allowed_payloads
            )
            notes.append(TRUNCATED_NOTE.format(limit=self.config.max_message_chars))
        if not self._within_limits(sender, client) and not self.red_flag(text):
            return Rejected(
                429,
                "rate_limited",
                RATE_LIMITED.format(emergency=self.emergency_number),
            )
        return Admitted(sender=sender, text=text, notes=notes)

    def _within_limits(self, sender: str, client: Optional[str]) -> bool:
        """Counts the message against each limit in turn, stopping at the first hit."""
        return (
            self.limiter.allow(sender)
            and (client is None or self.client_limiter.allow(client))
            and self.global_limiter.allow(self.GLOBAL_KEY)
        )


_LOG_KEY = (os.environ.get("LOG_ID_KEY") or os.urandom(16).hex()).encode()


def log_id(sender: str) -> str:
    """A short keyed hash of a sender id for logs; the raw id never appears there.

    The key is LOG_ID_KEY when set (stable across restarts, so logs can be
    correlated) and random per process otherwise.
    """
    return hmac.new(
        _LOG_KEY, sender.encode("utf-8", "replace"), hashlib.sha256
    ).hexdigest()[:12]
