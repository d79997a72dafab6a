"""The action server's guards (actions/server.py), as pure functions.

The running server (401 on a forged call, capped bodies, no echo) is tested end
to end in tests/e2e/test_security.py.
"""

import zlib

from actions.server import MAX_BODY_BYTES, authorised, inflate


def test_only_the_configured_token_is_authorised() -> None:
    assert authorised("s3cret-token", "s3cret-token")
    assert not authorised("s3cret-token", "s3cret-tokeN")
    assert not authorised("s3cret-token", None)
    assert not authorised("s3cret-token", "")
    # No token configured: nothing is let through, not even an empty header.
    assert not authorised(None, "")
    assert not authorised("", "")


def test_inflate_keeps_a_normal_body() -> None:
    body = b'{"next_action": "action_answer_question"}'
    assert inflate(zlib.compress(body)) == body


def test_inflate_refuses_a_bomb_and_garbage() -> None:
    bomb = zlib.compress(b"\0" * (MAX_BODY_BYTES + 1))
    assert len(bomb) < 10_000  # tiny on the wire
    assert inflate(bomb) is None
    assert inflate(b"not deflate at all") is None
    assert inflate(zlib.compress(b"x" * 100), limit=99) is None
