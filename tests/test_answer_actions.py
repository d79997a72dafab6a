"""The thin actions: tracker in, dispatcher messages and slot events out."""

from typing import Any, Callable, Dict, Optional

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_actions import (
    ActionAnswerQuestion,
    ActionAnswerUncovered,
    ActionAskRephrase,
)
from actions.base import answer_slots, reply_json
from core import constants as c
from core.answers import (
    Answer,
    NoInformation,
    NotCompared,
    Reply,
    SideEffectCheck,
    TopicChoices,
    UnknownMedicine,
    WhenToCall,
)
from core.facts import FactStore

SHOWN = {c.SLOT_DISCLAIMER_SHOWN: True}


async def test_answer_sends_text_source_and_custom_audit_data(
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_ASK_MECHANISM,
        text="how does socazolumab work",
        entities=[
            {"entity": c.ENTITY_MEDICINE, "value": "socazolimab", "start": 9, "end": 20}
        ],
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
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_ASK_SCHEDULE, text="how often is it given", slots=SHOWN
    )
    events = await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    (message,) = dispatcher.messages
    assert len(message["buttons"]) == 2
    assert events == [SlotSet(c.SLOT_PENDING_TOPIC, c.TOPIC_SCHEDULE)]


async def test_slots_drive_the_follow_up(
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_INFORM_MEDICINE,
        entities=[{"entity": c.ENTITY_MEDICINE, "value": "plozalizumab"}],
        slots={
            c.SLOT_MEDICINE: "plozalizumab",
            c.SLOT_LAST_TOPIC: c.TOPIC_SCHEDULE,
            **SHOWN,
        },
    )
    await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["custom"]["fact"]["id"] == "plozalizumab.schedule"


async def test_other_medicine_entity_gets_the_unknown_medicine_reply(
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
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
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    events = await ActionAskRephrase(store).run(
        dispatcher, make_tracker(text="blorp", slots=SHOWN), domain
    )
    (message,) = dispatcher.messages
    assert events == [] and len(message["buttons"]) == 4


async def test_uncovered_question_names_the_part_and_answers_the_rest(
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_ASK_UNCOVERED_TOPIC,
        text="how is socazolimab given, and can I drink wine with it?",
        entities=[{"entity": c.ENTITY_MEDICINE, "value": "socazolimab"}],
        slots=SHOWN,
    )
    events = await ActionAnswerUncovered(store).run(dispatcher, tracker, domain)
    first, *rest = dispatcher.messages
    assert "don't say anything about alcohol" in first["text"]
    # The covered part is answered, or its best topics offered, administration
    # among them.
    offered = [m["custom"].get("fact", {}).get("topic") for m in rest] + [
        t for m in rest for t in m["custom"].get("topic_choices", {}).get("topics", [])
    ]
    assert c.TOPIC_ADMINISTRATION in offered
    assert SlotSet(c.SLOT_MEDICINE, "socazolimab") in events


async def test_uncovered_question_without_a_medicine_gets_the_general_response(
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    from core.answers.wording import NOT_COVERED_TEXT, SAFETY_LINE

    tracker = make_tracker(
        intent=c.INTENT_ASK_UNCOVERED_TOPIC, text="can I drink wine", slots=SHOWN
    )
    assert await ActionAnswerUncovered(store).run(dispatcher, tracker, domain) == []
    (message,) = dispatcher.messages
    assert NOT_COVERED_TEXT in message["text"] and SAFETY_LINE in message["text"]


async def test_an_uncovered_side_effect_question_gets_the_side_effect_check(
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_ASK_UNCOVERED_TOPIC,
        text="can plozalizumab affect the thyroid",
        entities=[{"entity": c.ENTITY_MEDICINE, "value": "plozalizumab"}],
        slots=SHOWN,
    )
    await ActionAnswerUncovered(store).run(dispatcher, tracker, domain)
    check = dispatcher.messages[0]["custom"]["side_effect_check"]
    assert check["medicine"] == "plozalizumab" and check["listed"] is False


def test_store_is_loaded_lazily_from_facts_dir(small_facts_dir, monkeypatch) -> None:
    monkeypatch.setenv("FACTS_DIR", str(small_facts_dir))
    action = ActionAnswerQuestion()
    assert action.name() == c.ACTION_ANSWER_QUESTION
    assert [m.id for m in action.store.medicines] == ["testamab"]


ANSWER_PATHS = [
    pytest.param(
        {
            "intent": c.INTENT_ASK_MECHANISM,
            "entities": [{"entity": c.ENTITY_MEDICINE, "value": "socazolimab"}],
        },
        id="fact",
    ),
    pytest.param(
        {
            "intent": c.INTENT_ASK_PREMEDICATION,
            "entities": [{"entity": c.ENTITY_MEDICINE, "value": "socazolimab"}],
        },
        id="no-info",
    ),
    pytest.param(
        {
            "intent": c.INTENT_INFORM_MEDICINE,
            "slots": {c.SLOT_LAST_TOPIC: c.TOPIC_DOSE},
            "entities": [{"entity": c.ENTITY_MEDICINE, "value": "plozalizumab"}],
        },
        id="follow-up",
    ),
    pytest.param({"intent": c.INTENT_ASK_DOSE}, id="clarify"),
    pytest.param(
        {
            "intent": c.INTENT_ASK_DOSE,
            "entities": [{"entity": c.ENTITY_OTHER_MEDICINE, "value": "keytruda"}],
        },
        id="unknown",
    ),
    pytest.param(
        {
            "intent": c.INTENT_ASK_SIDE_EFFECTS_COMMON,
            "slots": {c.SLOT_MEDICINE: "socazolimab"},
            "entities": [{"entity": c.ENTITY_SYMPTOM_QUESTION, "value": "fever"}],
        },
        id="education",
    ),
]


@pytest.mark.parametrize("kwargs", ANSWER_PATHS)
async def test_no_answer_path_skips_the_disclaimer(
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
    kwargs: Dict[str, Any],
) -> None:
    events = await ActionAnswerQuestion(store).run(
        dispatcher, make_tracker(**kwargs), domain
    )
    assert dispatcher.messages[0]["response"] == c.RESPONSE_DISCLAIMER
    assert len(dispatcher.messages) >= 2
    assert SlotSet(c.SLOT_DISCLAIMER_SHOWN, True) in events


@pytest.mark.parametrize("kwargs", ANSWER_PATHS)
async def test_disclaimer_is_not_repeated_once_shown(
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
    kwargs: Dict[str, Any],
) -> None:
    kwargs = {**kwargs, "slots": {**kwargs.get("slots", {}), **SHOWN}}
    await ActionAnswerQuestion(store).run(dispatcher, make_tracker(**kwargs), domain)
    assert all(m.get("response") != c.RESPONSE_DISCLAIMER for m in dispatcher.messages)


async def test_rephrase_also_shows_disclaimer_first(
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    await ActionAskRephrase(store).run(dispatcher, make_tracker(text="blorp"), domain)
    assert dispatcher.messages[0]["response"] == c.RESPONSE_DISCLAIMER


async def test_education_advice_follows_the_answer(
    store: FactStore,
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
) -> None:
    tracker = make_tracker(
        intent=c.INTENT_ASK_SIDE_EFFECTS_COMMON,
        entities=[
            {"entity": c.ENTITY_MEDICINE, "value": "socazolimab"},
            {"entity": c.ENTITY_SYMPTOM_QUESTION, "value": "diarrhoea"},
        ],
        slots=SHOWN,
    )
    await ActionAnswerQuestion(store).run(dispatcher, tracker, domain)
    fact, advice = dispatcher.messages
    assert fact["custom"]["fact"]["id"] == "socazolimab.side_effects_common"
    assert "straight away" in advice["text"] and "blood in your stool" in advice["text"]
    assert advice["custom"] == {"when_to_call": ["diarrhoea"]}


# --- The edge: a reply's custom JSON and an answer's slots (actions/base.py) ----------


@pytest.mark.parametrize(
    "reply, custom",
    [
        (Reply("x"), None),
        (
            Reply("x", note=NoInformation("socazolimab", "dose")),
            {"no_information": {"medicine": "socazolimab", "topic": "dose"}},
        ),
        (
            Reply("x", note=NoInformation("socazolimab", None, aspects=("alcohol",))),
            {
                "no_information": {
                    "medicine": "socazolimab",
                    "topic": None,
                    "aspects": ["alcohol"],
                }
            },
        ),
        (
            Reply("x", note=NoInformation("socazolimab", None, condition="gout")),
            {
                "no_information": {
                    "medicine": "socazolimab",
                    "topic": None,
                    "condition": "gout",
                }
            },
        ),
        (
            Reply("x", note=UnknownMedicine(("aspirin",))),
            {"unknown_medicine": ["aspirin"]},
        ),
        (
            Reply("x", note=TopicChoices("socazolimab", ("dose", "schedule"))),
            {
                "topic_choices": {
                    "medicine": "socazolimab",
                    "topics": ["dose", "schedule"],
                }
            },
        ),
        (
            Reply("x", note=SideEffectCheck("socazolimab", "rash", listed=False)),
            {
                "side_effect_check": {
                    "medicine": "socazolimab",
                    "asked": "rash",
                    "listed": False,
                }
            },
        ),
        (
            Reply(
                "x",
                note=SideEffectCheck(
                    "socazolimab", "rash", True, ("common",), "socazolimab.side_effects"
                ),
            ),
            {
                "side_effect_check": {
                    "medicine": "socazolimab",
                    "asked": "rash",
                    "listed": True,
                    "groups": ["common"],
                    "fact": "socazolimab.side_effects",
                }
            },
        ),
        (Reply("x", note=NotCompared(("keytruda",))), {"not_compared": ["keytruda"]}),
        (Reply("x", note=WhenToCall(("fever",))), {"when_to_call": ["fever"]}),
    ],
)
def test_a_reply_note_as_custom_json(reply: Reply, custom: Optional[dict]) -> None:
    assert reply_json(reply) == custom


def test_a_fact_reply_as_custom_json(store: FactStore) -> None:
    fact = store.fact("socazolimab", "mechanism")
    assert fact is not None
    audit = {
        "id": "socazolimab.mechanism",
        "medicine": "socazolimab",
        "topic": "mechanism",
        "source": {
            "file": fact.source_file,
            "title": fact.source_title,
            "section": fact.section,
        },
        "reviewed": fact.reviewed.isoformat(),
    }
    assert reply_json(Reply("x", fact=fact)) == {"fact": audit}
    closest = reply_json(Reply("x", fact=fact, closest_match=True))
    assert closest == {"fact": audit, "closest_match": True}
    overview = reply_json(Reply("x", fact=fact, facts=("a", "b")))
    assert overview == {"fact": audit, "facts": ["a", "b"]}
    # The keys keep their order: integrators may compare the JSON as text.
    assert list(reply_json(Reply("x", fact=fact, closest_match=True)) or {}) == [
        "fact",
        "closest_match",
    ]


def test_an_answer_sets_the_slots_it_changes_in_order() -> None:
    answer = Answer([], medicine="socazolimab", last_topic=None)
    assert list(answer_slots(answer).items()) == [
        (c.SLOT_MEDICINE, "socazolimab"),
        (c.SLOT_LAST_TOPIC, None),
    ]
    assert answer_slots(Answer([])) == {}
