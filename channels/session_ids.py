"""Conversation ids the server issues and can prove, and their public references.

Pure module (standard library only, no Rasa imports), shared by the socket.io
channel and the action server.

* `issue(key)` makes a new socket.io session id: 32 random hex digits, a dot and
  a keyed signature of them (HMAC-SHA256, truncated to 128 bits). Only the
  server holds the key, so a client can prove an id only by having been given
  it; `verify` checks one in constant time and accepts nothing else (no NUL,
  no right-to-left marks, no 20,000-character ids).
* `public_ref(key, sender_id)` is the conversation's name outside the live
  chat: in escalation records, the clinic webhook and transcripts. It is a
  keyed hash, so holding it gives no way into the conversation.

The key comes from `SESSION_SECRET`, or from `<STATE_DIR>/session.key`, which
is created once (mode 0600) so that ids survive a restart and both servers
share it (`load_key`).
"""

import hashlib
import hmac
import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # pragma: no cover
    from core.settings import Settings

RANDOM_HEX = 32
SIGNATURE_HEX = 32
KEY_FILE = "session.key"
REF_PREFIX = "c-"
REF_HEX = 16
_ID = re.compile(rf"^([0-9a-f]{{{RANDOM_HEX}}})\.([0-9a-f]{{{SIGNATURE_HEX}}})$")


def _sign(key: bytes, random_part: str) -> str:
    digest = hmac.new(key, b"session:" + random_part.encode("ascii"), hashlib.sha256)
    return digest.hexdigest()[:SIGNATURE_HEX]


def issue(key: bytes) -> str:
    """A new session id this server can later recognise as its own."""
    random_part = secrets.token_hex(RANDOM_HEX // 2)
    return f"{random_part}.{_sign(key, random_part)}"


def verify(key: bytes, session_id: object) -> bool:
    """True only for an id `issue` made with `key`."""
    if (
        not isinstance(session_id, str)
        or len(session_id) != RANDOM_HEX + 1 + SIGNATURE_HEX
    ):
        return False
    match = _ID.match(session_id)
    return match is not None and hmac.compare_digest(
        _sign(key, match.group(1)), match.group(2)
    )


def public_ref(key: bytes, sender_id: str) -> str:
    """The conversation's non-secret name for records, webhooks and transcripts."""
    digest = hmac.new(
        key, b"ref:" + sender_id.encode("utf-8", "replace"), hashlib.sha256
    )
    return REF_PREFIX + digest.hexdigest()[:REF_HEX]


def load_key(secret: Optional[str], state_dir: Path) -> bytes:
    """The signing key: `secret` when set, else the state folder's key file,
    created on first use with owner-only permissions.

    The file appears whole or not at all (written aside, then linked into
    place), so processes and threads starting together all read the same key.
    """
    if secret:
        return secret.encode("utf-8")
    path = state_dir / KEY_FILE
    if not path.exists():
        state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, aside = tempfile.mkstemp(dir=state_dir, prefix=".session-key-")
        try:
            with os.fdopen(fd, "w") as handle:  # mkstemp makes it 0600
                handle.write(secrets.token_hex(32))
            try:
                os.link(aside, path)
            except FileExistsError:
                pass  # another process linked its key first: use theirs
        finally:
            os.unlink(aside)
    key = path.read_bytes().strip()
    if not key:
        raise RuntimeError(f"{path} is empty: delete it or set SESSION_SECRET")
    return key


def key_from_settings(settings: "Settings") -> bytes:
    """The key for the running servers' settings (`core.settings`)."""
    return load_key(settings.session_secret, settings.state_dir)
