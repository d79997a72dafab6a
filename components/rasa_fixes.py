"""Two speed fixes for Rasa 3.6.21 internals, applied when our components load.

Profiling the Rasa server (py-spy, 100 sequential messages) showed:

* 24% of server time in `RemoteAction._validate_action_result`. It calls
  `jsonschema.validate`, which re-checks the response *schema* against the
  JSON-Schema meta-schema on every action call before it checks the response.
  We build the validator once (after checking the schema once) and reuse it.
  Invalid action responses are still rejected with the same `ValidationError`.
* 7% in `Event.resolve_by_type`, which walks every `Event` subclass for every
  stored event it deserialises. We remember the answer per type name; unknown
  names fall back to Rasa's own lookup, so its errors are unchanged.

Both are behaviour-preserving; `tests/test_rasa_fixes.py` checks that.
"""

from typing import Any, Dict, Optional, Text, Type

_APPLIED = False


def _fast_validate_action_result(self: Any, result: Dict[Text, Any]) -> bool:
    from jsonschema import ValidationError

    from rasa.core.actions.action import DOCS_BASE_URL

    try:
        _response_validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your "
            "response from the Action endpoint is valid. For more information about "
            f"the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error


_VALIDATOR: Optional[Any] = None


def _response_validator() -> Any:
    global _VALIDATOR
    if _VALIDATOR is None:
        from jsonschema.validators import validator_for

        from rasa.core.actions.action import RemoteAction

        schema = RemoteAction.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)
        _VALIDATOR = cls(schema)
    return _VALIDATOR


def apply() -> None:
    """Install both fixes once per process; safe to call repeatedly."""
    global _APPLIED
    if _APPLIED:
        return
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    RemoteAction._validate_action_result = _fast_validate_action_result

    original = Event.__dict__["resolve_by_type"].__func__
    cache: Dict[Text, Type[Event]] = {}

    def resolve_by_type(
        type_name: Text, default: Optional[Type[Event]] = None
    ) -> Optional[Type[Event]]:
        found = cache.get(type_name)
        if found is not None:
            return found
        resolved = original(type_name, default)
        if resolved is not None and getattr(resolved, "type_name", None) == type_name:
            cache[type_name] = resolved
        return resolved

    Event.resolve_by_type = staticmethod(resolve_by_type)
    _APPLIED = True
