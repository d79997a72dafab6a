"""A real clinic webhook on loopback for the outbox tests.

It records every post (raw body, headers, the status it answered), can be slow,
can refuse its first K posts with 503, can hold requests until released, and
can be stopped and started again on the same port. Like the documented
contract asks of a clinic, it answers 2xx to a repeated Idempotency-Key too,
and `accepted_once()` is what it keeps after dropping repeats.
"""

import http.server
import json
import threading
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from escalation.webhook import IDEMPOTENCY_HEADER
from tooling.services import free_port


@dataclass(frozen=True)
class Post:
    """One request the receiver got."""

    body: bytes
    headers: Dict[str, str]
    status: int

    @property
    def key(self) -> str:
        return self.headers.get(IDEMPOTENCY_HEADER, "")

    @property
    def payload(self) -> Dict[str, Any]:
        return json.loads(self.body)


class ClinicReceiver:
    """Loopback HTTP server recording posts; see the module docstring."""

    def __init__(self, refuse_first: int = 0, delay_s: float = 0.0) -> None:
        self.refuse_first = refuse_first
        self.delay_s = delay_s
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/escalations"
        self.posts: List[Post] = []
        self.released = threading.Event()
        self.released.set()
        self.holding = threading.Event()  # set while a request is held
        self._lock = threading.Lock()
        self._seen = 0
        self._server: Optional[http.server.ThreadingHTTPServer] = None

    def _handle(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length", 0)))
        with self._lock:
            self._seen += 1
            status = 503 if self._seen <= self.refuse_first else 200
        if not self.released.is_set():
            self.holding.set()
            self.released.wait()
        if self.delay_s:
            time.sleep(self.delay_s)
        with self._lock:
            self.posts.append(Post(body, dict(handler.headers.items()), status))
        handler.send_response(status)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def start(self) -> "ClinicReceiver":
        """Listen on `self.port` (the same port after a stop)."""
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                receiver._handle(self)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", self.port), Handler
        )
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening: posts now get a connection error."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def accepted(self) -> List[Post]:
        """Every post answered 2xx, in arrival order (repeats included)."""
        with self._lock:
            return [p for p in self.posts if 200 <= p.status < 300]

    def accepted_once(self) -> List[Post]:
        """Accepted posts after dropping repeated Idempotency-Keys, first kept."""
        seen, kept = set(), []
        for post in self.accepted():
            if post.key not in seen:
                seen.add(post.key)
                kept.append(post)
        return kept

    def wait_for_accepted(self, count: int, timeout_s: float = 30) -> List[Post]:
        """Wait until `count` distinct keys were accepted; return them."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            kept = self.accepted_once()
            if len(kept) >= count:
                return kept
            time.sleep(0.02)
        raise AssertionError(
            f"{len(self.accepted_once())} of {count} accepted in {timeout_s}s"
        )
