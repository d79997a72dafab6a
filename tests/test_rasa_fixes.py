"""The fixes in runtime/rasa_fixes.py: installed only by `apply()` (as
runtime/launch.py does), only on the Rasa they were written for, and without
changing Rasa's behaviour."""

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Iterator

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

if TYPE_CHECKING:
    from rasa.shared.core.trackers import DialogueStateTracker

from core.settings import PROJECT_ROOT
from runtime import launch, rasa_fixes

RASAS_OWN_VALIDATE = RemoteAction.__dict__["_validate_action_result"]


@pytest.fixture(autouse=True)
def fixes() -> Iterator[None]:
    """Each test here runs with the fixes; every other test module without them."""
    rasa_fixes.apply()
    yield
    rasa_fixes.undo()


def _remote_action() -> RemoteAction:
    return RemoteAction("action_answer_question", None)


def test_importing_components_patches_nothing():
    """In a fresh process, as Rasa loads our pipeline and channels."""
    probe = (
        "import json, components, components.medicine_extractor, "
        "components.triage_component, components.message_cap, runtime.tracker_store, "
        "runtime.launch, channels.rest, channels.socketio\n"
        "import rasa.core.actions.action as a\n"
        "from rasa.shared.core.events import Event\n"
        "print(json.dumps([a.RemoteAction._validate_action_result.__module__, "
        "Event.resolve_by_type.__module__, a.DEFAULT_REQUEST_TIMEOUT]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": str(PROJECT_ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
        },
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    validate_module, resolve_module, timeout = json.loads(
        result.stdout.splitlines()[-1]
    )
    assert validate_module == "rasa.core.actions.action"
    assert resolve_module == "rasa.shared.core.events"
    assert timeout == 300  # Rasa's own 5 minutes


def test_apply_installs_the_fixes_and_undo_puts_rasa_back():
    import rasa.core.actions.action as action_module

    assert rasa_fixes.is_applied()
    assert (
        RemoteAction._validate_action_result is rasa_fixes._fast_validate_action_result
    )
    assert action_module.DEFAULT_REQUEST_TIMEOUT == 5.0
    rasa_fixes.undo()
    assert not rasa_fixes.is_applied()
    assert RemoteAction.__dict__["_validate_action_result"] is RASAS_OWN_VALIDATE
    assert action_module.DEFAULT_REQUEST_TIMEOUT == 300
    assert Event.resolve_by_type.__module__ == "rasa.shared.core.events"


@pytest.mark.parametrize("version", ["3.6.20", "3.7.0", "3.6.21rc1"])
def test_apply_refuses_another_rasa_version(monkeypatch, version):
    rasa_fixes.undo()
    monkeypatch.setattr("rasa.version.__version__", version)
    with pytest.raises(rasa_fixes.UnsupportedRasaVersion) as error:
        rasa_fixes.apply()
    message = str(error.value)
    assert (
        "written for Rasa 3.6.21" in message
        and f"Rasa {version} is installed" in message
    )
    assert "rasa==3.6.21" in message  # what to do
    assert not rasa_fixes.is_applied()
    assert RemoteAction.__dict__["_validate_action_result"] is RASAS_OWN_VALIDATE


def test_launcher_applies_the_fixes_before_rasas_command_line(monkeypatch):
    import rasa.__main__

    rasa_fixes.undo()
    seen = []
    monkeypatch.setattr(
        rasa.__main__,
        "main",
        lambda: seen.append((rasa_fixes.is_applied(), list(sys.argv))),
    )
    monkeypatch.setattr(sys, "argv", ["launch.py"])
    launch.main(["run", "--port", "5005"])
    assert seen == [(True, ["rasa", "run", "--port", "5005"])]


def test_valid_action_response_is_accepted():
    response = {
        "events": [{"event": "slot", "name": "medicine", "value": "socazolimab"}],
        "responses": [{"text": "hello", "buttons": [], "custom": {"a": 1}}],
    }
    assert _remote_action()._validate_action_result(response) is True


@pytest.mark.parametrize(
    "response",
    [
        {"events": "not a list", "responses": []},
        {"events": [{"no_event_key": 1}], "responses": []},
        {"events": [{"event": "slot", "name": "x", "value": 1, "timestamp": "soon"}]},
    ],
)
def test_invalid_action_response_is_still_rejected(response):
    with pytest.raises(ValidationError) as error:
        _remote_action()._validate_action_result(response)
    assert "Failed to validate Action server response" in error.value.message


def test_every_event_type_resolves_to_the_same_class_as_rasa():
    for cls in all_subclasses(Event):
        if not getattr(cls, "type_name", None) or cls.type_name == "event":
            continue
        expected = next(
            c for c in all_subclasses(Event) if c.type_name == cls.type_name
        )
        assert Event.resolve_by_type(cls.type_name) is expected
        # Twice: the second answer comes from the cache.
        assert Event.resolve_by_type(cls.type_name) is expected


def test_unknown_event_type_keeps_rasa_errors_and_defaults():
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None


def test_events_still_round_trip():
    events = [
        UserUttered("hi", {"name": "greet", "confidence": 1.0}),
        ActionExecuted("action_listen"),
        SlotSet("medicine", "plozalizumab"),
    ]
    for event in events:
        assert Event.from_parameters(event.as_dict()) == event


def test_apply_is_idempotent():
    before = Event.resolve_by_type
    rasa_fixes.apply()
    assert Event.resolve_by_type is before
    rasa_fixes.undo()  # one undo is enough: nothing was installed twice
    assert Event.resolve_by_type.__module__ == "rasa.shared.core.events"


def test_action_call_timeout_is_seconds_not_minutes(monkeypatch):
    import rasa.core.actions.action as action_module

    assert action_module.DEFAULT_REQUEST_TIMEOUT == rasa_fixes.action_timeout_s() == 5.0
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "2.5")
    assert rasa_fixes.action_timeout_s() == 2.5
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "0")
    with pytest.raises(ValueError):
        rasa_fixes.action_timeout_s()


def _tracker():
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_yaml("slots:\n  medicine:\n    type: text\n    mappings: []\n")
    tracker = DialogueStateTracker.from_events(
        "s1", [SlotSet("medicine", "plozalizumab")], slots=domain.slots
    )
    return tracker, domain


async def test_failed_custom_session_start_falls_back_to_rasas_own():
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.events import SessionStarted
    from rasa.utils.endpoints import EndpointConfig

    tracker, domain = _tracker()
    unreachable = EndpointConfig(
        "http://127.0.0.1:9/webhook"
    )  # port 9: nothing listens
    action = RemoteAction("action_session_start", unreachable)
    events = await action.run(
        CollectingOutputChannel(),
        TemplatedNaturalLanguageGenerator({}),
        tracker,
        domain,
    )
    assert isinstance(events[0], SessionStarted)
    assert events[-1] == ActionExecuted(
        "action_listen"
    )  # so rules match the next message
    assert SlotSet("medicine", "plozalizumab") in events  # slots carried over as usual


async def test_session_start_fallback_still_shows_the_disclaimer():
    """A returning patient's new session on the fallback path: the carried-over
    `disclaimer_shown` must not hide the disclaimer."""
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    domain = Domain.from_path(str(PROJECT_ROOT / "domain.yml"))
    tracker = DialogueStateTracker.from_events(
        "s2",
        [SlotSet("disclaimer_shown", True), SlotSet("medicine", "socazolimab")],
        slots=domain.slots,
    )
    action = RemoteAction(
        "action_session_start", EndpointConfig("http://127.0.0.1:9/webhook")
    )
    events = await action.run(
        CollectingOutputChannel(),
        TemplatedNaturalLanguageGenerator(domain.responses),
        tracker,
        domain,
    )
    said = [e for e in events if isinstance(e, BotUttered)]
    assert said and "not a substitute for professional medical advice" in said[0].text
    slots = [
        e for e in events if isinstance(e, SlotSet) and e.key == "disclaimer_shown"
    ]
    assert slots == [SlotSet("disclaimer_shown", True)]
    assert events.index(slots[0]) > events.index(said[0])
    assert events[-1] == ActionExecuted("action_listen")
    assert SlotSet("medicine", "socazolimab") in events


async def test_other_failed_actions_still_fail():
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.utils.endpoints import EndpointConfig

    tracker, domain = _tracker()
    action = RemoteAction(
        "action_answer_question", EndpointConfig("http://127.0.0.1:9/webhook")
    )
    with pytest.raises(Exception):
        await action.run(
            CollectingOutputChannel(),
            TemplatedNaturalLanguageGenerator({}),
            tracker,
            domain,
        )


def broken_store():
    """A tracker store whose database is down; the error text quotes the sender."""
    from rasa.core.tracker_store import InMemoryTrackerStore

    class BrokenStore(InMemoryTrackerStore):
        down = True

        async def retrieve(self, sender_id):
            if self.down:
                raise OSError(f"connection refused [parameters: {sender_id}]")
            return await super().retrieve(sender_id)

        async def save(self, tracker):
            if self.down:
                raise OSError(f"connection refused [parameters: {tracker.sender_id}]")
            await super().save(tracker)

    return BrokenStore(None)


async def test_database_errors_are_raised_not_hidden_and_logged_without_ids(caplog):
    from rasa.core.tracker_store import FailSafeTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker

    primary = broken_store()
    store = FailSafeTrackerStore(primary)
    tracker = DialogueStateTracker.from_events(
        "patient-jane", [SlotSet("medicine", "x")]
    )
    with pytest.raises(rasa_fixes.TrackerStoreUnavailable):
        await store.retrieve("patient-jane")
    with pytest.raises(rasa_fixes.TrackerStoreUnavailable):
        await store.save(tracker)
    assert "OSError" in caplog.text and "patient-jane" not in caplog.text
    assert (
        await store.fallback_tracker_store.retrieve("patient-jane") is None
    )  # nothing hidden

    primary.down = False  # the database is back
    await store.save(tracker)
    assert SlotSet("medicine", "x") in (await store.retrieve("patient-jane")).events


def _conversation() -> "DialogueStateTracker":
    """Two turns: a question naming the medicine, then a follow-up without it."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, SessionStarted
    from rasa.shared.core.trackers import DialogueStateTracker

    from core import constants as c
    from core.settings import PROJECT_ROOT

    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    tracker = DialogueStateTracker("patient-1", domain.slots)
    turn_one = UserUttered(
        "how does socazolimab work",
        {"name": c.INTENT_ASK_MECHANISM, "confidence": 0.98},
        [{"entity": c.ENTITY_MEDICINE, "value": "socazolimab", "start": 9, "end": 20}],
    )
    for event in [
        ActionExecuted(c.ACTION_SESSION_START),
        SessionStarted(),
        SlotSet(c.SLOT_DISCLAIMER_SHOWN, True),
        ActionExecuted("action_listen"),
        turn_one,
        SlotSet(c.SLOT_MEDICINE, "socazolimab"),
        ActionExecuted(c.ACTION_ANSWER_QUESTION),
        BotUttered("It blocks PD-L1."),
        SlotSet(c.SLOT_LAST_TOPIC, c.TOPIC_MECHANISM),
        ActionExecuted("action_listen"),
        UserUttered(
            "how is it given", {"name": c.INTENT_ASK_ADMINISTRATION, "confidence": 0.97}
        ),
    ]:
        tracker.update(event)
    return tracker, domain


def test_action_call_sends_only_the_current_turn():
    from rasa.shared.core.trackers import EventVerbosity

    tracker, domain = _conversation()
    payload = _remote_action()._action_call_format(tracker, domain)
    full = tracker.current_state(EventVerbosity.ALL)
    events = payload["tracker"]["events"]
    assert [e["event"] for e in events] == ["user"]
    assert events[0]["text"] == "how is it given"
    # Everything but the events is Rasa's own state.
    assert {k: v for k, v in payload["tracker"].items() if k != "events"} == {
        k: v for k, v in full.items() if k != "events"
    }
    assert payload["tracker"]["slots"]["medicine"] == "socazolimab"


def test_action_call_without_a_user_message_keeps_every_event():
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker("patient-2", Domain.empty().slots)
    tracker.update(ActionExecuted("action_session_start"))
    payload = _remote_action()._action_call_format(tracker, Domain.empty())
    assert [e["event"] for e in payload["tracker"]["events"]] == ["action"]


async def test_our_actions_answer_the_same_from_the_current_turn_as_from_all_events():
    from rasa.shared.core.trackers import EventVerbosity
    from rasa_sdk.executor import ActionExecutor

    from core import constants as c

    tracker, domain = _conversation()
    executor = ActionExecutor()
    executor.register_package("actions")
    for action in (c.ACTION_ANSWER_QUESTION, c.ACTION_ESCALATE, c.ACTION_ASK_REPHRASE):
        trimmed = RemoteAction(action, None)._action_call_format(tracker, domain)
        full = {
            **trimmed,
            "tracker": tracker.current_state(EventVerbosity.ALL),
            "domain": domain.as_dict(),
        }
        trimmed["domain"] = domain.as_dict()
        assert len(trimmed["tracker"]["events"]) < len(full["tracker"]["events"])
        answered = await executor.run(trimmed)
        assert answered == await executor.run(full), action
        if action == c.ACTION_ANSWER_QUESTION:  # the follow-up kept its medicine
            fact = answered["responses"][-1]["custom"]["fact"]
            assert fact["id"] == "socazolimab.administration"


def _rule_policy(tmp_path):
    from rasa.core.policies.rule_policy import RulePolicy
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    policy = RulePolicy.create(
        RulePolicy.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("rules"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    policy.lookup = {"rules": {}, "rule_only_slots": [], "rule_only_loops": []}
    return policy


def _count_past_states(monkeypatch):
    from rasa.shared.core.trackers import DialogueStateTracker

    calls = []
    original = DialogueStateTracker.past_states

    def counting(self, *args, **kwargs):
        calls.append(len(self.events))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DialogueStateTracker, "past_states", counting)
    return calls


def test_rule_policy_builds_the_states_once_per_prediction(tmp_path, monkeypatch):
    tracker, domain = _conversation()
    calls = _count_past_states(monkeypatch)
    prediction = _rule_policy(tmp_path).predict_action_probabilities(tracker, domain)
    # Right after a user message Rasa asks twice (text, then intent): once here.
    assert calls == [len(tracker.events)]
    # No rule matched: Rasa's own fallback prediction, unchanged.
    assert prediction.policy_name == "RulePolicy"
    fallback_confidence = type(_rule_policy(tmp_path)).get_default_config()[
        "core_fallback_threshold"
    ]
    assert max(prediction.probabilities) == fallback_confidence


def test_memoised_states_are_rebuilt_for_each_prediction_and_each_tracker(
    tmp_path, monkeypatch
):
    tracker, domain = _conversation()
    policy = _rule_policy(tmp_path)
    calls = _count_past_states(monkeypatch)
    policy.predict_action_probabilities(tracker, domain)
    tracker.update(ActionExecuted("action_answer_question"))
    policy.predict_action_probabilities(tracker, domain)
    assert calls == [len(tracker.events) - 1, len(tracker.events)]


def test_each_caller_gets_its_own_copy_of_the_states():
    from rasa.core.featurizers.tracker_featurizers import TrackerFeaturizer

    tracker, domain = _conversation()
    token = rasa_fixes._STATES_MEMO.set({})
    try:
        first = TrackerFeaturizer._create_states(tracker, domain)
        first[-1]["user"].clear()
        second = TrackerFeaturizer._create_states(tracker, domain)
    finally:
        rasa_fixes._STATES_MEMO.reset(token)
    assert second == tracker.past_states(domain)
    assert second[-1]["user"]["intent"] == "ask_administration"


def test_states_are_not_memoised_outside_a_rule_prediction(monkeypatch):
    from rasa.core.featurizers.tracker_featurizers import TrackerFeaturizer

    tracker, domain = _conversation()
    calls = _count_past_states(monkeypatch)
    TrackerFeaturizer._create_states(tracker, domain)
    TrackerFeaturizer._create_states(tracker, domain)
    assert len(calls) == 2


def test_the_root_route_names_no_version():
    """Rasa's `/` said "Hello from Rasa: 3.6.21"; ours says hello only."""
    import asyncio

    import rasa
    import rasa.server
    from sanic import Sanic

    assert rasa_fixes.is_applied()
    Sanic.test_mode = True
    app = Sanic("root_route_probe")
    rasa.server.add_root_route(app)
    handler = (
        app.router.routes_all[("",)].handler if ("",) in app.router.routes_all else None
    )
    assert handler is not None
    reply = asyncio.run(handler(None))
    assert reply.body == b"Hello from Rasa"
    assert rasa.__version__.encode() not in reply.body
