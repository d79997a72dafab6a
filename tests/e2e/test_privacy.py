"""Logs at INFO hold neither the patient's words nor raw sender ids, and the
Rasa HTTP API is off unless a token is set."""

import uuid
from pathlib import Path

import pytest
import requests

from core.settings import PROJECT_ROOT
from tooling.servers import MODEL, running_bot

pytestmark = pytest.mark.e2e

LOGS = PROJECT_ROOT / "results" / "e2e"


def test_logs_hold_no_patient_words_or_sender_ids(say, rasa_url: str) -> None:
    sender = f"privacy-{uuid.uuid4().hex}"
    words = f"zebracorn{uuid.uuid4().hex[:8]}"
    say(sender, f"how does socazolimab work {words}?")
    say(sender, f"I can't breathe {words}")  # an escalation is logged
    requests.post(
        f"{rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": 5},
        timeout=30,
    )  # a rejected one
    logs = "".join(path.read_text(errors="replace") for path in LOGS.glob("*.log"))
    assert "Escalation" in logs  # the logs were written
    assert sender not in logs
    assert words not in logs


def test_http_api_is_off_by_default(rasa_url: str) -> None:
    response = requests.get(f"{rasa_url}/conversations/anyone/tracker", timeout=30)
    assert response.status_code == 404


def test_http_api_needs_its_token_when_on(tmp_path: Path) -> None:
    token = uuid.uuid4().hex
    with running_bot(
        PROJECT_ROOT, MODEL, tmp_path, tmp_path / "logs", api_token=token
    ) as url:
        tracker = f"{url}/conversations/someone/tracker"
        assert requests.get(tracker, timeout=30).status_code == 401
        assert (
            requests.get(tracker, params={"token": "wrong"}, timeout=30).status_code
            == 401
        )
        parse = requests.post(f"{url}/model/parse", json={"text": "hi"}, timeout=30)
        assert parse.status_code == 401
        assert (
            requests.get(tracker, params={"token": token}, timeout=30).status_code
            == 200
        )
        # The patient channels need no token.
        reply = requests.post(
            f"{url}/webhooks/rest/webhook",
            json={"sender": "api-test", "message": "hello"},
            timeout=30,
        )
        assert reply.status_code == 200 and reply.json()
