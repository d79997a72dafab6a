"""The thin actions: tracker in, dispatcher messages and slot events out."""

from typing import Any, Callable, Dict

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import constants as c
from actions.answer_actions import ActionAnswerQuestion, ActionAskRephrase
from actions.facts import FactStore


async def test_answer_sends_text_source_and_custom_audit_data(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_ASK_MECHANISM,
        text="how does socazolumab work",
        entities=[{"entity": c.ENTITY_MEDICINE, "value": "socazolimab", "start": 9, "end": 20}],
    )
    events = await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert "PD-L1" in message["text"] and "Source:" in message["text"]
    assert message["custom"]["fact"]["id"] == "socazolimab.mechanism"
    assert events == [
        SlotSet(c.SLOT_MEDICINE, "socazolimab"),
        SlotSet(c.SLOT_PENDING_TOPIC, None),
        SlotSet(c.SLOT_LAST_TOPIC, c.TOPIC_MECHANISM),
    ]


async def test_clarifying_question_has_buttons_and_remembers_topic(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    tracker = make_tracker(intent=c.INTENT_ASK_SCHEDULE, text="how often is it given")
    events = await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert len(message["buttons"]) == 2
    assert events == [SlotSet(c.SLOT_PENDING_TOPIC, c.TOPIC_SCHEDULE)]


async def test_slots_drive_the_follow_up(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_INFORM_MEDICINE,
        entities=[{"entity": c.ENTITY_MEDICINE, "value": "plozalizumab"}],
        slots={c.SLOT_MEDICINE: "plozalizumab", c.SLOT_LAST_TOPIC: c.TOPIC_SCHEDULE},
    )
    await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["custom"]["fact"]["id"] == "plozalizumab.schedule"


async def test_other_medicine_entity_gets_the_unknown_medicine_reply(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_ASK_SIDE_EFFECTS_COMMON,
        entities=[{"entity": c.ENTITY_OTHER_MEDICINE, "value": "pembrolizumab"}],
        slots={c.SLOT_MEDICINE: "socazolimab"},
    )
    await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert message["custom"] == {"unknown_medicine": ["pembrolizumab"]}


async def test_rephrase_offers_buttons(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    events = await ActionAskRephrase(store).run(dispatcher, make_tracker(text="blorp"), domain)
    (message,) = dispatcher.messages
    assert events == [] and len(message["buttons"]) == 4


def test_store_is_loaded_lazily_from_facts_dir(small_facts_dir, monkeypatch) -> None:
    monkeypatch.setenv("FACTS_DIR", str(small_facts_dir))
    action = ActionAnswerQuestion()
    assert action.name() == c.ACTION_ANSWER_QUESTION
    assert [m.id for m in action.store.medicines] == ["testamab"]
