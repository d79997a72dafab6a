"""The clinic webhook: one signed JSON post per escalation record.

Pure module: `requests`, `hmac` and the standard library, no Rasa, no database.
The contract the clinic implements is in docs/operations.md
("Clinic webhook contract").

What is signed: the ASCII decimal timestamp of `X-Webhook-Timestamp`, one `.`,
the `Idempotency-Key`, one `.`, then the raw body bytes exactly as sent (so a
replayed body cannot be given a fresh key to pass deduplication). The signature
is HMAC-SHA256 with the shared secret (the signing key), in hex, sent as
`X-Signature-256: sha256=<hex>`.
"""

import hashlib
import hmac
import json
import time
from typing import Any, Dict, Mapping, Optional

import requests

CONTENT_TYPE = "application/json"
IDEMPOTENCY_HEADER = "Idempotency-Key"
SIGNATURE_HEADER = "X-Signature-256"
TIMESTAMP_HEADER = "X-Webhook-Timestamp"
SIGNATURE_PREFIX = "sha256="
# How old a timestamp the clinic should still accept; replays older are refused.
DEFAULT_TOLERANCE_S = 300
# How far ahead of the clinic's clock a timestamp may be (clock skew only).
DEFAULT_FUTURE_TOLERANCE_S = 30


class DeliveryError(Exception):
    """The webhook answered, but not with a 2xx status."""


def encode_body(payload: Mapping[str, Any]) -> bytes:
    """The exact bytes posted: compact JSON with sorted keys, UTF-8."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")


def sign(signing_key: str, timestamp: str, idempotency_key: str, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256 over `timestamp`, `.`, `idempotency_key`,
    `.`, and `body`."""
    signed = (
        timestamp.encode("ascii") + b"." + idempotency_key.encode("ascii") + b"." + body
    )
    mac = hmac.new(signing_key.encode("utf-8"), signed, hashlib.sha256)
    return SIGNATURE_PREFIX + mac.hexdigest()


def verify_signature(
    signing_key: str,
    timestamp: Any,
    idempotency_key: Any,
    body: Any,
    signature: Any,
    now: Optional[float] = None,
    tolerance_s: float = DEFAULT_TOLERANCE_S,
    future_tolerance_s: float = DEFAULT_FUTURE_TOLERANCE_S,
) -> bool:
    """What the clinic checks: the signature matches and the timestamp is recent.
    Any malformed input (missing headers, non-ASCII, wrong types) is False, never
    an exception.

    Args:
        signing_key: the shared `ESCALATION_WEBHOOK_SECRET`.
        timestamp: the `X-Webhook-Timestamp` header.
        idempotency_key: the `Idempotency-Key` header.
        body: the raw request body, before any JSON parsing.
        signature: the `X-Signature-256` header.
        now: the current Unix time (default: the clock).
        tolerance_s: how old the timestamp may be.
        future_tolerance_s: how far ahead of `now` it may be.
    """
    if not (
        isinstance(timestamp, str)
        and timestamp.isascii()
        and timestamp.isdigit()
        and isinstance(idempotency_key, str)
        and idempotency_key.isascii()
        and isinstance(body, bytes)
        and isinstance(signature, str)
        and signature.isascii()
    ):
        return False
    age = (time.time() if now is None else now) - int(timestamp)
    if age > tolerance_s or age < -future_tolerance_s:
        return False
    expected = sign(signing_key, timestamp, idempotency_key, body)
    return hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii"))


def signed_headers(
    body: bytes, idempotency_key: str, signing_key: Optional[str], now: float
) -> Dict[str, str]:
    """Headers of one post; the signature only when a signing key is set."""
    timestamp = str(int(now))
    headers = {
        "Content-Type": CONTENT_TYPE,
        IDEMPOTENCY_HEADER: idempotency_key,
        TIMESTAMP_HEADER: timestamp,
    }
    if signing_key:
        headers[SIGNATURE_HEADER] = sign(signing_key, timestamp, idempotency_key, body)
    return headers


class WebhookClient:
    """Posts escalation payloads to one URL; raises on anything but a 2xx.

    One client per delivery loop: the `requests.Session` keeps the connection.
    """

    def __init__(self, url: str, signing_key: Optional[str], timeout_s: float) -> None:
        self.url = url
        self._signing_key = signing_key
        self._timeout_s = timeout_s
        self._session = requests.Session()

    def post(self, payload: Mapping[str, Any], idempotency_key: str) -> None:
        """Send one record; raise `DeliveryError` or a `requests` error on failure."""
        body = encode_body(payload)
        headers = signed_headers(body, idempotency_key, self._signing_key, time.time())
        response = self._session.post(
            self.url, data=body, headers=headers, timeout=self._timeout_s
        )
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"HTTP {response.status_code}")

    def close(self) -> None:
        """Close the pooled connection."""
        self._session.close()
