"""The thin actions: tracker in, dispatcher messages and slot events out."""

from typing import Any, Callable, Dict

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from core import constants as c
from actions.answer_actions import ActionAnswerQuestion, ActionAskRephrase
from core.facts import FactStore

SHOWN = {c.SLOT_DISCLAIMER_SHOWN: True}


async def test_answer_sends_text_source_and_custom_audit_data(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_ASK_MECHANISM,
        text="how does socazolumab work",
        entities=[{"entity": c.ENTITY_MEDICINE, "value": "socazolimab", "start": 9, "end": 20}],
        slots=SHOWN,
    )
    events = await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert "PD-L1" in message["text"] and "Source:" in message["text"]
    assert message["custom"]["fact"]["id"] == "socazolimab.mechanism"
    # pending_topic is already empty: only slots that change are sent back.
    assert events == [
        SlotSet(c.SLOT_MEDICINE, "socazolimab"),
        SlotSet(c.SLOT_LAST_TOPIC, c.TOPIC_MECHANISM),
    ]


async def test_clarifying_question_has_buttons_and_remembers_topic(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    tracker = make_tracker(intent=c.INTENT_ASK_SCHEDULE, text="how often is it given", slots=SHOWN)
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
        slots={c.SLOT_MEDICINE: "plozalizumab", c.SLOT_LAST_TOPIC: c.TOPIC_SCHEDULE, **SHOWN},
    )
    await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["custom"]["fact"]["id"] == "plozalizumab.schedule"


async def test_other_medicine_entity_gets_the_unknown_medicine_reply(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_ASK_SIDE_EFFECTS_COMMON,
        entities=[{"entity": c.ENTITY_OTHER_MEDICINE, "value": "pembrolizumab"}],
        slots={c.SLOT_MEDICINE: "socazolimab", **SHOWN},
    )
    await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert message["custom"] == {"unknown_medicine": ["pembrolizumab"]}


async def test_rephrase_offers_buttons(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    events = await ActionAskRephrase(store).run(
        dispatcher, make_tracker(text="blorp", slots=SHOWN), domain
    )
    (message,) = dispatcher.messages
    assert events == [] and len(message["buttons"]) == 4


def test_store_is_loaded_lazily_from_facts_dir(small_facts_dir, monkeypatch) -> None:
    monkeypatch.setenv("FACTS_DIR", str(small_facts_dir))
    action = ActionAnswerQuestion()
    assert action.name() == c.ACTION_ANSWER_QUESTION
    assert [m.id for m in action.store.medicines] == ["testamab"]


ANSWER_PATHS = [
    pytest.param({"intent": c.INTENT_ASK_MECHANISM,
                  "entities": [{"entity": c.ENTITY_MEDICINE, "value": "socazolimab"}]}, id="fact"),
    pytest.param({"intent": c.INTENT_ASK_PREMEDICATION,
                  "entities": [{"entity": c.ENTITY_MEDICINE, "value": "socazolimab"}]}, id="no-info"),
    pytest.param({"intent": c.INTENT_INFORM_MEDICINE, "slots": {c.SLOT_LAST_TOPIC: c.TOPIC_DOSE},
                  "entities": [{"entity": c.ENTITY_MEDICINE, "value": "plozalizumab"}]}, id="follow-up"),
    pytest.param({"intent": c.INTENT_ASK_DOSE}, id="clarify"),
    pytest.param({"intent": c.INTENT_ASK_DOSE,
                  "entities": [{"entity": c.ENTITY_OTHER_MEDICINE, "value": "keytruda"}]}, id="unknown"),
    pytest.param({"intent": c.INTENT_ASK_SIDE_EFFECTS_COMMON, "slots": {c.SLOT_MEDICINE: "socazolimab"},
                  "entities": [{"entity": c.ENTITY_SYMPTOM_QUESTION, "value": "fever"}]}, id="education"),
]


@pytest.mark.parametrize("kwargs", ANSWER_PATHS)
async def test_no_answer_path_skips_the_disclaimer(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable,
    domain: Dict[str, Any], kwargs: Dict[str, Any],
) -> None:
    events = await ActionAnswerQuestion(store).run(dispatcher, make_tracker(**kwargs), domain)
    assert dispatcher.messages[0]["response"] == c.RESPONSE_DISCLAIMER
    assert len(dispatcher.messages) >= 2
    assert SlotSet(c.SLOT_DISCLAIMER_SHOWN, True) in events


@pytest.mark.parametrize("kwargs", ANSWER_PATHS)
async def test_disclaimer_is_not_repeated_once_shown(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable,
    domain: Dict[str, Any], kwargs: Dict[str, Any],
) -> None:
    kwargs = {**kwargs, "slots": {**kwargs.get("slots", {}), **SHOWN}}
    await ActionAnswerQuestion(store).run(dispatcher, make_tracker(**kwargs), domain)
    assert all(m.get("response") != c.RESPONSE_DISCLAIMER for m in dispatcher.messages)


async def test_rephrase_also_shows_disclaimer_first(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    await ActionAskRephrase(store).run(dispatcher, make_tracker(text="blorp"), domain)
    assert dispatcher.messages[0]["response"] == c.RESPONSE_DISCLAIMER


async def test_education_advice_follows_the_answer(
    store: FactStore, dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_ASK_SIDE_EFFECTS_COMMON,
        entities=[{"entity": c.ENTITY_MEDICINE, "value": "socazolimab"},
                  {"entity": c.ENTITY_SYMPTOM_QUESTION, "value": "diarrhoea"}],
        slots=SHOWN,
    )
    await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    fact, advice = dispatcher.messages
    assert fact["custom"]["fact"]["id"] == "socazolimab.side_effects_common"
    assert "same day" in advice["text"] and "blood in your stool" in advice["text"]
    assert advice["custom"] == {"when_to_call": ["diarrhoea"]}
