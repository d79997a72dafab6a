"""Escalation records, webhook delivery with retries, and the staff CLI."""

import datetime
from pathlib import Path
from typing import Any, Dict, List

import pytest

from actions import escalations as esc
from actions.escalations import EscalationStore, deliver_pending


@pytest.fixture
def store(tmp_path: Path) -> EscalationStore:
    return EscalationStore(f"sqlite:///{tmp_path / 'state' / 'escalations.db'}")


def test_record_and_list_newest_first(store: EscalationStore) -> None:
    at = datetime.datetime(2026, 11, 21, 9, 0, tzinfo=datetime.timezone.utc)
    first = store.record("conv-1", "urgent", "fever", webhook=False, now=at)
    second = store.record("conv-2", "emergency", "breathing", webhook=True, now=at)
    rows = store.recent()
    assert [r.id for r in rows] == [second, first]
    assert rows[1].created_at == "2026-11-21T09:00:00+00:00"
    assert (rows[1].conversation_id, rows[1].level, rows[1].category) == ("conv-1", "urgent", "fever")
    assert rows[1].delivery == esc.NOT_SENT and rows[0].delivery == esc.PENDING
    assert [r.id for r in store.undelivered()] == [second]


def test_payload_carries_no_message_text(store: EscalationStore) -> None:
    store.record("conv-1", "urgent", "fever", webhook=True)
    (row,) = store.undelivered()
    assert set(row.payload()) == {"id", "created_at", "conversation_id", "level", "category"}


def test_delivery_retries_with_backoff_then_succeeds(store: EscalationStore) -> None:
    store.record("conv-1", "emergency", "chest_pain", webhook=True)
    calls: List[Dict[str, Any]] = []
    sleeps: List[float] = []

    def flaky(url: str, payload: Dict[str, Any], timeout: float) -> None:
        calls.append(payload)
        if len(calls) < 3:
            raise ConnectionError("clinic system down")

    sent = deliver_pending(store, "http://clinic", 2.0, retries=3, backoff_s=0.5,
                           post=flaky, sleep=sleeps.append)
    assert sent == 1 and len(calls) == 3
    assert sleeps == [0.5, 1.0]
    (row,) = store.recent()
    assert row.delivery == esc.DELIVERED and row.attempts == 1
    assert store.undelivered() == []


def test_failed_delivery_is_kept_for_the_next_run(store: EscalationStore) -> None:
    store.record("conv-1", "urgent", "liver", webhook=True)

    def down(url: str, payload: Dict[str, Any], timeout: float) -> None:
        raise TimeoutError("no answer")

    assert deliver_pending(store, "http://clinic", 1.0, 2, 0.0, post=down, sleep=lambda s: None) == 0
    (row,) = store.undelivered()
    assert row.delivery == esc.FAILED and "TimeoutError" in (row.last_error or "")

    received: List[Dict[str, Any]] = []
    assert deliver_pending(store, "http://clinic", 1.0, 0, 0.0,
                           post=lambda u, p, t: received.append(p), sleep=lambda s: None) == 1
    assert received[0]["category"] == "liver" and store.undelivered() == []


def test_real_http_delivery_to_a_local_server(store: EscalationStore) -> None:
    import http.server
    import json
    import threading

    bodies: List[Dict[str, Any]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        store.record("conv-9", "emergency", "seizure", webhook=True)
        url = f"http://127.0.0.1:{server.server_port}/hook"
        assert deliver_pending(store, url, 2.0, 0, 0.0) == 1
    finally:
        server.shutdown()
    assert bodies[0]["conversation_id"] == "conv-9" and bodies[0]["level"] == "emergency"


def test_cli_lists_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("ESCALATION_DB_URL", url)
    assert esc.main(["list"]) == 0
    assert "No escalations recorded." in capsys.readouterr().out
    EscalationStore(url).record("conv-7", "urgent", "fever", webhook=False)
    assert esc.main(["list"]) == 0
    out = capsys.readouterr().out
    assert "conv-7" in out and "urgent" in out and "fever" in out


def test_cli_retry_needs_a_webhook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_DB_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("ESCALATION_WEBHOOK_URL", raising=False)
    assert esc.main(["retry"]) == 1
