"""The speed fixes in components/rasa_fixes.py must not change Rasa's behaviour."""

import pytest
from jsonschema import ValidationError

import components  # noqa: F401  (importing the package applies the fixes)
from components import rasa_fixes
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses


def _remote_action() -> RemoteAction:
    return RemoteAction("action_answer_question", None)


def test_fix_is_installed_when_components_are_imported():
    assert RemoteAction._validate_action_result is rasa_fixes._fast_validate_action_result


def test_valid_action_response_is_accepted():
    response = {
        "events": [{"event": "slot", "name": "medicine", "value": "socazolimab"}],
        "responses": [{"text": "hello", "buttons": [], "custom": {"a": 1}}],
    }
    assert _remote_action()._validate_action_result(response) is True


@pytest.mark.parametrize("response", [
    {"events": "not a list", "responses": []},
    {"events": [{"no_event_key": 1}], "responses": []},
    {"events": [{"event": "slot", "name": "x", "value": 1, "timestamp": "soon"}]},
])
def test_invalid_action_response_is_still_rejected(response):
    with pytest.raises(ValidationError) as error:
        _remote_action()._validate_action_result(response)
    assert "Failed to validate Action server response" in error.value.message


def test_every_event_type_resolves_to_the_same_class_as_rasa():
    for cls in all_subclasses(Event):
        if not getattr(cls, "type_name", None) or cls.type_name == "event":
            continue
        expected = next(c for c in all_subclasses(Event) if c.type_name == cls.type_name)
        assert Event.resolve_by_type(cls.type_name) is expected
        # Twice: the second answer comes from the cache.
        assert Event.resolve_by_type(cls.type_name) is expected


def test_unknown_event_type_keeps_rasa_errors_and_defaults():
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None


def test_events_still_round_trip():
    events = [UserUttered("hi", {"name": "greet", "confidence": 1.0}),
              ActionExecuted("action_listen"), SlotSet("medicine", "plozalizumab")]
    for event in events:
        assert Event.from_parameters(event.as_dict()) == event


def test_apply_is_idempotent():
    before = Event.resolve_by_type
    rasa_fixes.apply()
    assert Event.resolve_by_type is before
