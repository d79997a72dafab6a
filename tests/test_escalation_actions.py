"""action_escalate: records, details, background delivery; never fails the reply."""

import asyncio
import dataclasses
from pathlib import Path
from typing import Any, Callable, Dict

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from core import constants as c
from actions.config import Settings, get_settings
from actions.escalation_actions import ActionEscalate, escalation_details
from actions.escalations import DELIVERED, EscalationStore


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return dataclasses.replace(
        get_settings(),
        escalation_db_url=f"sqlite:///{tmp_path / 'esc.db'}",
        webhook_url=None,
        emergency_number=None,
        clinic_contact=None,
        crisis_line=None,
    )


@pytest.fixture
def store(settings: Settings) -> EscalationStore:
    return EscalationStore(settings.escalation_db_url)


def _slots(level: str, category: str) -> Dict[str, Any]:
    return {c.SLOT_TRIAGE_LEVEL: level, c.SLOT_TRIAGE_CATEGORY: category}


@pytest.mark.parametrize("level", ["emergency", "urgent"])
async def test_emergency_and_urgent_are_recorded(
    level: str, store: EscalationStore, settings: Settings,
    dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any],
) -> None:
    tracker = make_tracker(slots=_slots(level, "fever"), sender_id="conv-42")
    events = await ActionEscalate(store, settings).run(dispatcher, tracker, domain)
    (row,) = store.recent()
    assert (row.conversation_id, row.level, row.category) == ("conv-42", level, "fever")
    assert events == [SlotSet(c.SLOT_DISCLAIMER_SHOWN, True)]


async def test_routine_is_not_recorded_but_says_what_to_watch_for(
    store: EscalationStore, settings: Settings,
    dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any],
) -> None:
    tracker = make_tracker(slots=_slots("routine", "tiredness"))
    await ActionEscalate(store, settings).run(dispatcher, tracker, domain)
    assert store.recent() == []
    (message,) = dispatcher.messages
    assert "usual daily activities" in message["text"]
    assert message["custom"] == {"escalation_details": {"level": "routine", "category": "tiredness"}}


def test_configured_contacts_are_added(settings: Settings) -> None:
    configured = dataclasses.replace(
        settings, emergency_number="112", clinic_contact="Oncology 24h line 0100 200 300",
        crisis_line="116 123",
    )
    assert escalation_details("emergency", "breathing", configured) == "Emergency number: 112."
    assert "Crisis line: 116 123." in (escalation_details("emergency", "self_harm", configured) or "")
    assert escalation_details("urgent", "fever", configured) == (
        "Your care team: Oncology 24h line 0100 200 300."
    )
    assert escalation_details("urgent", "fever", settings) is None


async def test_database_failure_never_breaks_the_reply(
    settings: Settings, dispatcher: CollectingDispatcher, make_tracker: Callable,
    domain: Dict[str, Any], caplog: pytest.LogCaptureFixture,
) -> None:
    class BrokenStore:
        def record(self, *args: Any, **kwargs: Any) -> int:
            raise RuntimeError("database is down")

    tracker = make_tracker(slots=_slots("emergency", "chest_pain"), text="secret words")
    events = await ActionEscalate(BrokenStore(), settings).run(dispatcher, tracker, domain)  # type: ignore[arg-type]
    assert events == [SlotSet(c.SLOT_DISCLAIMER_SHOWN, True)]
    assert "Could not record an escalation" in caplog.text
    assert "secret words" not in caplog.text


async def test_webhook_delivery_runs_in_the_background(
    store: EscalationStore, settings: Settings, dispatcher: CollectingDispatcher,
    make_tracker: Callable, domain: Dict[str, Any],
) -> None:
    delivered = asyncio.Event()
    loop = asyncio.get_running_loop()

    def fake_post(url: str, payload: Dict[str, Any], timeout: float) -> None:
        loop.call_soon_threadsafe(delivered.set)

    hooked = dataclasses.replace(settings, webhook_url="http://clinic.invalid/hook")
    tracker = make_tracker(slots=_slots("urgent", "liver"))
    await ActionEscalate(store, hooked, post=fake_post).run(dispatcher, tracker, domain)
    await asyncio.wait_for(delivered.wait(), timeout=5)
    for _ in range(50):
        if store.recent()[0].delivery == DELIVERED:
            break
        await asyncio.sleep(0.05)
    assert store.recent()[0].delivery == DELIVERED
