"""One guarded turn (channels/turn.py): no crash, no silence, nothing lost."""

import asyncio
import logging

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.rate_limit import MemoryRateLimiter, SharedRateLimiter
from channels.turn import TurnEnd, allowed_payloads, build_gate, run_turn


def message(collector: CollectingOutputChannel) -> UserMessage:
    return UserMessage(
        "my secret symptom text", collector, "patient-jane", input_channel="rest"
    )


async def test_answered_turn_is_done():
    collector = CollectingOutputChannel()

    async def rasa(msg: UserMessage) -> None:
        await msg.output_channel.send_text_message(msg.sender_id, "an answer")

    outcome = await run_turn(
        rasa, message(collector), lambda: len(collector.messages), 5
    )
    assert outcome is TurnEnd.DONE


async def test_turn_without_replies_is_silent():
    collector = CollectingOutputChannel()

    async def rasa(msg: UserMessage) -> None:
        return None

    outcome = await run_turn(
        rasa, message(collector), lambda: len(collector.messages), 5
    )
    assert outcome is TurnEnd.SILENT


async def test_failure_is_reported_and_logged_without_text_or_sender(caplog):
    collector = CollectingOutputChannel()

    async def rasa(msg: UserMessage) -> None:
        raise ConnectionError(f"db down while saving {msg.text} for {msg.sender_id}")

    with caplog.at_level(logging.INFO):
        outcome = await run_turn(rasa, message(collector), lambda: 0, 5)
    assert outcome is TurnEnd.FAILED
    assert "ConnectionError" in caplog.text
    assert "secret" not in caplog.text and "jane" not in caplog.text


async def test_slow_turn_is_late_but_finishes_in_the_background():
    collector = CollectingOutputChannel()
    finished = asyncio.Event()

    async def rasa(msg: UserMessage) -> None:
        await msg.output_channel.send_text_message(msg.sender_id, "first")
        await asyncio.sleep(0.3)
        await msg.output_channel.send_text_message(msg.sender_id, "second")
        finished.set()

    outcome = await run_turn(
        rasa, message(collector), lambda: len(collector.messages), 0.1
    )
    assert outcome is TurnEnd.LATE
    assert [m["text"] for m in collector.messages] == ["first"]
    await asyncio.wait_for(finished.wait(), 2)
    assert [m["text"] for m in collector.messages] == ["first", "second"]


def test_allowed_payloads_are_exactly_the_bots_own_buttons():
    topic_buttons = {
        p
        for p in allowed_payloads()
        if not p.startswith(("/inform", "/symptom", "/no_"))
    }
    assert '/ask_mechanism{"medicine": "socazolimab"}' in topic_buttons
    assert (
        '/ask_premedication{"medicine": "socazolimab"}' not in topic_buttons
    )  # no such fact
    assert all(p.startswith("/ask_") for p in topic_buttons)
    assert allowed_payloads() - topic_buttons == frozenset(
        {
            '/inform_medicine{"medicine": "socazolimab"}',
            '/inform_medicine{"medicine": "plozalizumab"}',
            '/symptom_emergency{"triage_level": "emergency", '
            '"triage_category": "breathing"}',
            '/symptom_emergency{"triage_level": "emergency", '
            '"triage_category": "chest_pain"}',
            '/symptom_emergency{"triage_level": "emergency", '
            '"triage_category": "self_harm"}',
            '/symptom_urgent{"triage_level": "urgent", "triage_category": "fever"}',
            "/no_symptom_now",
        }
    )


def test_gate_counts_in_memory_unless_a_storage_is_configured(monkeypatch):
    monkeypatch.delenv("RATE_LIMIT_STORAGE_URI", raising=False)
    gate = build_gate({"rate_limit_per_minute": 7}, "rest")
    assert isinstance(gate.limiter, MemoryRateLimiter) and gate.limiter.per_minute == 7


@pytest.mark.parametrize("channel", ["rest", "socketio"])
def test_gate_shares_its_window_through_the_configured_storage(monkeypatch, channel):
    monkeypatch.setenv("RATE_LIMIT_STORAGE_URI", "redis://127.0.0.1:6399/2")
    gate = build_gate({"rate_limit_per_minute": 7}, channel)
    assert isinstance(gate.limiter, SharedRateLimiter)
    assert gate.limiter.per_minute == 7 and gate.limiter.namespace == channel


def test_red_flag_reads_emergencies_and_self_harm_by_the_rules_alone() -> None:
    from channels.turn import red_flag

    assert red_flag("I cannot breathe")
    assert red_flag("my lips and tongue are swelling up")
    assert red_flag("I want to end my life")
    assert not red_flag("hello")
    assert not red_flag("how is socazolimab given?")


def test_client_address_trusts_a_proxy_header_only_when_told() -> None:
    from channels.turn import client_address

    assert client_address("127.0.0.1", "203.0.113.9", False) == "127.0.0.1"
    assert client_address("127.0.0.1", "203.0.113.9, 10.0.0.1", True) == "203.0.113.9"
    assert client_address("127.0.0.1", None, True) == "127.0.0.1"
