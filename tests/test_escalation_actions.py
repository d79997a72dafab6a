"""action_escalate: records, details, wakes the outbox; never fails the reply."""

import dataclasses
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.escalation_actions import ActionEscalate, escalation_details
from channels.session_ids import public_ref
from core import constants as c
from core.facts import FactStore, load_fact_store
from core.settings import PROJECT_ROOT, Settings, get_settings
from escalation.outbox import DeliveryLoop, RetryPolicy
from escalation.store import DELIVERED, PENDING, EscalationStore
from escalation.webhook import WebhookClient
from tests.clinic_receiver import ClinicReceiver


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return dataclasses.replace(
        get_settings(),
        escalation_db_url=f"sqlite:///{tmp_path / 'esc.db'}",
        webhook_url=None,
        emergency_number=None,
        clinic_contact=None,
        crisis_line=None,
        session_secret="test-session-secret",
    )


@pytest.fixture
def store(settings: Settings) -> EscalationStore:
    return EscalationStore(settings.escalation_db_url)


def _slots(level: str, category: str) -> Dict[str, Any]:
    return {c.SLOT_TRIAGE_LEVEL: level, c.SLOT_TRIAGE_CATEGORY: category}


@pytest.mark.parametrize("level", ["emergency", "urgent"])
async def test_emergency_and_urgent_are_recorded(
    level: str,
    store: EscalationStore,
    settings: Settings,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    tracker = make_tracker(slots=_slots(level, "fever"), sender_id="conv-42")
    events = await ActionEscalate(store, settings).run(dispatcher, tracker, domain)
    (row,) = store.recent()
    # Recorded under the conversation's public reference, never its live id.
    assert (row.conversation_id, row.level, row.category) == (
        public_ref(b"test-session-secret", "conv-42"),
        level,
        "fever",
    )
    assert "conv-42" not in row.conversation_id
    assert events == [SlotSet(c.SLOT_DISCLAIMER_SHOWN, True)]


async def test_routine_is_not_recorded_but_says_what_to_watch_for(
    store: EscalationStore,
    settings: Settings,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    tracker = make_tracker(slots=_slots("routine", "tiredness"))
    await ActionEscalate(store, settings).run(dispatcher, tracker, domain)
    assert store.recent() == []
    (message,) = dispatcher.messages
    assert "usual daily activities" in message["text"]
    assert message["custom"] == {
        "escalation_details": {"level": "routine", "category": "tiredness"}
    }


def test_configured_contacts_are_added(settings: Settings) -> None:
    configured = dataclasses.replace(
        settings,
        emergency_number="112",
        clinic_contact="Oncology 24h line 0100 200 300",
        crisis_line="116 123",
    )
    assert (
        escalation_details("emergency", "breathing", configured)
        == "Emergency number: 112."
    )
    assert "Crisis line: 116 123." in (
        escalation_details("emergency", "self_harm", configured) or ""
    )
    assert escalation_details("urgent", "fever", configured) == (
        "Your care team: Oncology 24h line 0100 200 300."
    )
    assert escalation_details("urgent", "fever", settings) is None


async def test_database_failure_never_breaks_the_reply(
    settings: Settings,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    class BrokenStore:
        def record(self, *args: Any, **kwargs: Any) -> int:
            raise RuntimeError("database is down")

    tracker = make_tracker(slots=_slots("emergency", "chest_pain"), text="secret words")
    events = await ActionEscalate(BrokenStore(), settings).run(
        dispatcher, tracker, domain
    )  # type: ignore[arg-type]
    assert events == [SlotSet(c.SLOT_DISCLAIMER_SHOWN, True)]
    assert "Could not record an escalation" in caplog.text
    assert "secret words" not in caplog.text


@pytest.fixture
def woken() -> List[Settings]:
    """What the action woke the outbox with (no real loop in these tests)."""
    return []


@pytest.mark.parametrize("url, wakes", [(None, 0), ("http://clinic.invalid/hook", 1)])
async def test_the_action_records_and_wakes_without_posting(
    url: str,
    wakes: int,
    store: EscalationStore,
    settings: Settings,
    woken: List[Settings],
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    hooked = dataclasses.replace(settings, webhook_url=url)
    tracker = make_tracker(slots=_slots("urgent", "liver"))
    await ActionEscalate(store, hooked, wake=woken.append).run(
        dispatcher, tracker, domain
    )
    (row,) = store.recent()
    assert row.delivery == (PENDING if url else "not_sent") and row.attempts == 0
    assert woken == [hooked] * wakes


async def test_routine_wakes_nothing(
    store: EscalationStore,
    settings: Settings,
    woken: List[Settings],
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    hooked = dataclasses.replace(settings, webhook_url="http://clinic.invalid/hook")
    tracker = make_tracker(slots=_slots("routine", "tiredness"))
    await ActionEscalate(store, hooked, wake=woken.append).run(
        dispatcher, tracker, domain
    )
    assert woken == [] and store.recent() == []


async def test_a_failing_wake_never_breaks_the_reply(
    store: EscalationStore,
    settings: Settings,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(_: Settings) -> None:
        raise RuntimeError("thread limit")

    hooked = dataclasses.replace(settings, webhook_url="http://clinic.invalid/hook")
    tracker = make_tracker(slots=_slots("emergency", "seizure"))
    events = await ActionEscalate(store, hooked, wake=broken).run(
        dispatcher, tracker, domain
    )
    assert events == [SlotSet(c.SLOT_DISCLAIMER_SHOWN, True)]
    assert store.recent()[0].delivery == PENDING  # the loop of a later start sends it
    assert "delivery loop not started" in caplog.text


@pytest.fixture
def receiver() -> Iterator[ClinicReceiver]:
    clinic = ClinicReceiver().start()
    yield clinic
    clinic.stop()


async def test_woken_loop_delivers_in_the_background(
    store: EscalationStore,
    settings: Settings,
    receiver: ClinicReceiver,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    """The action with a real loop and a real receiver: the turn returns before
    the post, which arrives once the loop is woken (its interval is an hour)."""
    client = WebhookClient(receiver.url, None, timeout_s=5)
    loop = DeliveryLoop(
        store,
        client.post,
        RetryPolicy(1, 10, 0.5, 3),
        interval_s=3600,
        claim_timeout_s=60,
    )
    loop.start()
    try:
        receiver.released.clear()  # the clinic holds the post: the turn must not wait
        hooked = dataclasses.replace(settings, webhook_url=receiver.url)
        tracker = make_tracker(slots=_slots("urgent", "liver"), sender_id="conv-7")
        action = ActionEscalate(store, hooked, wake=lambda _: loop.wake())
        events = await action.run(dispatcher, tracker, domain)
        assert events == [SlotSet(c.SLOT_DISCLAIMER_SHOWN, True)]
        assert receiver.holding.wait(10)  # the post is in flight, the reply is done
        receiver.released.set()
        (post,) = receiver.wait_for_accepted(1)
    finally:
        loop.stop()
        client.close()
    assert post.payload["conversation_id"] == public_ref(
        b"test-session-secret", "conv-7"
    )
    assert post.key == store.recent()[0].idempotency_key
    assert store.recent()[0].delivery == DELIVERED


@pytest.fixture
def fact_store() -> FactStore:
    return load_fact_store(PROJECT_ROOT / "facts")


def _medicine(value: str) -> List[Dict[str, Any]]:
    return [{"entity": c.ENTITY_MEDICINE, "value": value}]


async def test_an_urgent_symptom_with_a_side_effect_question_gets_the_answer_after(
    store: EscalationStore,
    settings: Settings,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
    fact_store: FactStore,
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_SYMPTOM_URGENT,
        entities=_medicine("socazolimab"),
        text="she has had a red itchy rash since yesterday, is this from socazolimab?",
        slots=_slots("urgent", "rash"),
    )
    await ActionEscalate(store, settings, facts=fact_store).run(
        dispatcher, tracker, domain
    )
    assert len(store.recent()) == 1  # still recorded
    (answer,) = [
        m for m in dispatcher.messages if "side_effect_check" in (m.get("custom") or {})
    ]
    assert answer["text"].startswith(
        "About your question (this does not change the advice above)"
    )
    # Rash and itching are listed by one passage: one reply names both.
    assert answer["custom"]["side_effect_check"]["asked"] == "itching, rash"
    assert answer["custom"]["side_effect_check"]["groups"] == ["common side effects"]


@pytest.mark.parametrize(
    "intent, level, category, text",
    [
        # An emergency reply stands alone, even with a question.
        (
            c.INTENT_SYMPTOM_EMERGENCY,
            "emergency",
            "breathing",
            "he can't breathe, is that a side effect of socazolimab?",
        ),
        # A symptom without a question gets nothing after the escalation.
        (c.INTENT_SYMPTOM_URGENT, "urgent", "rash", "I have a rash all over"),
    ],
)
async def test_no_side_effect_follow_up_after_an_emergency_or_without_a_question(
    intent: str,
    level: str,
    category: str,
    text: str,
    store: EscalationStore,
    settings: Settings,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
    fact_store: FactStore,
) -> None:
    tracker = make_tracker(
        intent=intent,
        entities=_medicine("socazolimab"),
        text=text,
        slots=_slots(level, category),
    )
    await ActionEscalate(store, settings, facts=fact_store).run(
        dispatcher, tracker, domain
    )
    assert not any(
        "side_effect_check" in (m.get("custom") or {}) for m in dispatcher.messages
    )
