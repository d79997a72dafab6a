"""The socket.io channel end to end: session, answers, buttons, custom payloads."""

import asyncio
import uuid
from typing import Any, Dict, List

import pytest
import socketio

from tests.e2e.conftest import leave

pytestmark = pytest.mark.e2e


async def _conversation(
    url: str, messages: List[str], settle_s: float = 6.0
) -> List[List[Dict[str, Any]]]:
    """Send messages in turn; collect the bot events that follow each."""
    client = socketio.AsyncClient()
    received: List[Dict[str, Any]] = []
    confirmed = asyncio.Event()
    issued: List[str] = []

    @client.on("bot_uttered")
    async def on_bot(data: Dict[str, Any]) -> None:
        received.append(data)

    @client.on("session_confirm")
    async def on_confirm(data: Any) -> None:
        issued.append(data)
        confirmed.set()

    # Polling: the websocket client needs a newer aiohttp than Rasa 3.6 pins; the
    # browser tests cover the websocket transport.
    await client.connect(url, socketio_path="/socket.io", transports=["polling"])
    # An id the server never issued: it answers with one of its own.
    await client.emit("session_request", {"session_id": uuid.uuid4().hex})
    await asyncio.wait_for(confirmed.wait(), 10)
    session_id = issued[0]
    turns = []
    for message in messages:
        start = len(received)
        await client.emit(
            "user_uttered", {"message": message, "session_id": session_id}
        )
        deadline = asyncio.get_running_loop().time() + settle_s
        # Replies arrive as separate events; wait until they stop coming.
        last_count, quiet = start, 0
        while asyncio.get_running_loop().time() < deadline and quiet < 10:
            await asyncio.sleep(0.1)
            quiet = (
                quiet + 1
                if len(received) == last_count and len(received) > start
                else 0
            )
            last_count = len(received)
        turns.append(received[start:])
    await leave(client)
    return turns


def test_answer_with_fact_payload(rasa_url: str) -> None:
    (turn,) = asyncio.run(_conversation(rasa_url, ["how does socazolimab work?"]))
    texts = [e["text"] for e in turn if "text" in e]
    assert "medical advice" in texts[0]
    assert any("PD-L1" in t for t in texts)
    facts = [e["custom"]["fact"] for e in turn if "fact" in e.get("custom", {})]
    assert facts and facts[0]["id"] == "socazolimab.mechanism"


def test_buttons_and_escalation_payload(rasa_url: str) -> None:
    pick = '/inform_medicine{"medicine": "plozalizumab"}'
    ask, answer, emergency = asyncio.run(
        _conversation(rasa_url, ["how often is it given?", pick, "I can't breathe"])
    )
    (buttons,) = [e["quick_replies"] for e in ask if e.get("quick_replies")]
    assert {b["title"] for b in buttons} == {"Socazolimab", "Plozalizumab"}
    assert any("Days 1, 15, and 29" in e.get("text", "") for e in answer)
    assert emergency[1]["custom"]["escalation"]["level"] == "emergency"
    assert "emergency number" in emergency[0]["text"]


def test_same_front_door_as_rest(rasa_url: str) -> None:
    """`/` is plain text, long messages are cut with a note, empty ones get a reply."""
    slash, long, empty, after = asyncio.run(
        _conversation(
            rasa_url,
            [
                "/greet I can't breathe",
                "how does socazolimab work? " + "blah " * 42_000,
                "  \u200b ",
                "how is it given?",
            ],
        )
    )
    assert any(
        (e.get("custom") or {}).get("escalation", {}).get("level") == "emergency"
        for e in slash
    ), slash
    assert "very long" in long[0]["text"] and len(long) > 1
    assert empty == [
        {
            "text": "I did not get any text. Please type your question.",
            "custom": {"error": "empty_message"},
        }
    ]
    assert any("socazolimab" in e.get("text", "").lower() for e in after), after


def test_unlisted_emergencies_over_socketio(rasa_url: str) -> None:
    self_harm, breathless = asyncio.run(
        _conversation(
            rasa_url,
            [
                "I've been saving up my pills so I can take them all",
                "I can't catch my breath even lying down",
            ],
        )
    )
    escalation = [
        e["custom"]["escalation"]
        for e in self_harm
        if "escalation" in e.get("custom", {})
    ]
    assert escalation and escalation[0]["level"] == "emergency"
    assert escalation[0]["category"] == "self_harm"
    assert any("crisis line" in e.get("text", "") for e in self_harm)
    escalation = [
        e["custom"]["escalation"]
        for e in breathless
        if "escalation" in e.get("custom", {})
    ]
    assert escalation and escalation[0]["level"] == "emergency"
