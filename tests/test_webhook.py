"""The clinic webhook post: body, headers, HMAC signature and its verification."""

import hashlib
import hmac
import time
from typing import Iterator

import pytest
import requests

from escalation import webhook as wh
from tests.clinic_receiver import ClinicReceiver

SECRET = "test-secret-not-real"
BODY = wh.encode_body({"id": 3, "level": "emergency", "category": "breathing"})
NOW = 1_800_000_000.0


@pytest.fixture
def receiver() -> Iterator[ClinicReceiver]:
    clinic = ClinicReceiver().start()
    yield clinic
    clinic.stop()


def test_body_is_compact_sorted_json() -> None:
    assert BODY == b'{"category":"breathing","id":3,"level":"emergency"}'


def test_signature_is_hmac_sha256_over_timestamp_key_and_body() -> None:
    # Computed independently, as docs/operations.md tells the clinic to.
    expected = hmac.new(
        SECRET.encode(), b"1800000000.key-1." + BODY, hashlib.sha256
    ).hexdigest()
    assert wh.sign(SECRET, "1800000000", "key-1", BODY) == f"sha256={expected}"


@pytest.mark.parametrize(
    "secret, timestamp, key, body, now, valid",
    [
        (SECRET, "1800000000", "key-1", BODY, NOW, True),
        (SECRET, "1800000000", "key-1", BODY, NOW + 299, True),
        (SECRET, "1800000000", "key-1", BODY, NOW - 29, True),  # clock skew
        ("another-secret", "1800000000", "key-1", BODY, NOW, False),  # wrong secret
        (
            SECRET,
            "1800000000",
            "key-1",
            BODY.replace(b"3", b"4"),
            NOW,
            False,
        ),  # body changed
        (SECRET, "1800000000", "key-2", BODY, NOW, False),  # a fresh key on a replay
        (SECRET, "1800000001", "key-1", BODY, NOW, False),  # timestamp changed
        (SECRET, "1800000000", "key-1", BODY, NOW + 301, False),  # too old: a replay
        (SECRET, "1800000000", "key-1", BODY, NOW - 31, False),  # too far in the future
        (SECRET, "not-a-time", "key-1", BODY, NOW, False),
    ],
)
def test_verify_signature(
    secret: str, timestamp: str, key: str, body: bytes, now: float, valid: bool
) -> None:
    signature = wh.sign(SECRET, "1800000000", "key-1", BODY)
    assert (
        wh.verify_signature(secret, timestamp, key, body, signature, now=now) is valid
    )


@pytest.mark.parametrize(
    "timestamp, key, body, signature",
    [
        (None, "key-1", BODY, "sha256=00"),
        ("1800000000", None, BODY, "sha256=00"),
        ("1800000000", "key-1", "text, not bytes", "sha256=00"),
        ("1800000000", "key-1", BODY, None),
        ("1800000000", "kéy", BODY, "sha256=00"),
        ("1800000000", "key-1", BODY, "sha256=ü"),
        ("١٨٠٠٠٠٠٠٠٠", "key-1", BODY, "sha256=00"),  # digits, but not ASCII ones
        ("", "", b"", ""),
    ],
)
def test_malformed_input_is_false_never_an_exception(
    timestamp, key, body, signature
) -> None:
    assert (
        wh.verify_signature(SECRET, timestamp, key, body, signature, now=NOW) is False
    )


def test_headers_without_a_secret_carry_no_signature() -> None:
    headers = wh.signed_headers(BODY, "key-1", None, NOW)
    assert headers == {
        "Content-Type": "application/json",
        "Idempotency-Key": "key-1",
        "X-Webhook-Timestamp": "1800000000",
    }
    signed = wh.signed_headers(BODY, "key-1", SECRET, NOW)
    assert signed["X-Signature-256"] == wh.sign(SECRET, "1800000000", "key-1", BODY)


def test_client_posts_signed_raw_body(receiver: ClinicReceiver) -> None:
    client = wh.WebhookClient(receiver.url, SECRET, timeout_s=5)
    client.post({"id": 7, "level": "urgent"}, "key-7")
    client.close()
    (post,) = receiver.posts
    assert post.body == b'{"id":7,"level":"urgent"}'
    assert post.headers["Content-Type"] == "application/json"
    assert post.key == "key-7"
    assert wh.verify_signature(
        SECRET,
        post.headers["X-Webhook-Timestamp"],
        post.key,
        post.body,
        post.headers["X-Signature-256"],
    )


def test_client_raises_on_non_2xx_and_on_a_closed_port(
    receiver: ClinicReceiver,
) -> None:
    receiver.refuse_first = 1
    client = wh.WebhookClient(receiver.url, None, timeout_s=5)
    with pytest.raises(wh.DeliveryError, match="HTTP 503"):
        client.post({"id": 1}, "key-1")
    assert "X-Signature-256" not in receiver.posts[0].headers
    receiver.stop()
    with pytest.raises(requests.ConnectionError):
        client.post({"id": 1}, "key-1")


def test_the_documented_verification_snippet_accepts_our_posts() -> None:
    """The clinic copies docs/operations.md's snippet: it must agree with `sign`."""
    from core.settings import PROJECT_ROOT

    readme = (PROJECT_ROOT / "docs" / "operations.md").read_text()
    section = readme[readme.index("### Clinic webhook contract") :]
    snippet = section[section.index("```python") + len("```python") :]
    snippet = snippet[: snippet.index("```")]
    namespace: dict = {}
    exec(snippet, namespace)  # noqa: S102 (our own documentation)
    timestamp = str(int(time.time()))
    signature = wh.sign(SECRET, timestamp, "key-9", BODY)
    assert namespace["verify"](SECRET, timestamp, "key-9", BODY, signature)
    assert not namespace["verify"](SECRET, timestamp, "key-9", BODY + b" ", signature)
    assert not namespace["verify"](SECRET, timestamp, "key-8", BODY, signature)
    assert not namespace["verify"]("wrong-key", timestamp, "key-9", BODY, signature)
