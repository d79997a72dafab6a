"""Fixes for Rasa 3.6.21 internals, applied explicitly where Rasa starts.

`apply()` installs them once per process; `runtime/launch.py` (the way every
server, training and test run starts Rasa: `python -m runtime.launch ...`)
calls it before Rasa's command line. Importing this module or the `components`
package changes nothing. `apply()` refuses any Rasa version but the one these
fixes were written and tested for (`SUPPORTED_RASA_VERSION`), and `undo()` puts
Rasa's own code back (for tests).

Three safety fixes:

* Rasa waits up to 5 minutes (a constant) for the action server. A hung action
  server would then hold the conversation's lock, and a patient's next message,
  even "I can't breathe", would wait behind it. Here the wait is
  `ACTION_TIMEOUT_SECONDS` (default 5; our actions answer in milliseconds);
  after it the action fails, Rasa carries on, and the channel says it can't
  answer.
* When our custom `action_session_start` fails (action server down), Rasa
  records the session start without the `action_listen` that follows it, so no
  rule matches the patient's first message, and "my chest hurts" in a new
  conversation got no emergency advice (found by tests/e2e/test_faults.py).
  Here a failed custom session start falls back to Rasa's built-in one. The
  disclaimer then comes with the first answer (`FactAction.emit` enforces it)
  and escalation replies carry its words.
* When the tracker store's database fails, Rasa's `FailSafeTrackerStore` logs
  the error *with the SQL parameters* (the sender id) and carries on with an
  empty in-memory conversation: the patient silently loses their context and
  nothing they say is stored. Here the error is logged by type only and raised
  as `TrackerStoreUnavailable`; the channel answers "temporarily unavailable"
  (REST: 503), and the next message after the database is back carries on.

Four speed fixes. Profiling the Rasa server (py-spy, 100 sequential
messages, then 8 conversations at once with 2 workers) showed:

* Rasa's `GET /` answers "Hello from Rasa: 3.6.21", telling anyone which
  version (and its advisories) runs here; ours answers without the version.

* 24% of server time in `RemoteAction._validate_action_result`. It calls
  `jsonschema.validate`, which re-checks the response *schema* against the
  JSON-Schema meta-schema on every action call before it checks the response.
  We build the validator once (after checking the schema once) and reuse it.
  Invalid action responses are still rejected with the same `ValidationError`.
* 7% in `Event.resolve_by_type`, which walks every `Event` subclass for every
  stored event it deserialises. We remember the answer per type name; unknown
  names fall back to Rasa's own lookup, so its errors are unchanged.
* 7% in JSON-encoding the request to the action server: Rasa sends every event
  of the session with every custom action call, so the cost grows with the
  conversation. Our actions read only slots, the latest message and the sender
  (`actions/`); here the request carries the events of the current turn only
  (from the patient's latest message on). Everything else in the request
  (slots, latest message, latest action, active loop) is Rasa's own. A custom
  action that needs older events must read them from the tracker store.
* 14% in `tracker.past_states`, which replays the whole conversation to build
  its dialogue states, so it grows with the conversation too. RulePolicy does
  it twice right after each user message (once reading the text, once the
  intent) for the same tracker. Here the states are built once per prediction
  and each of the two gets its own copy (Rasa edits the last states in place).

`tests/test_rasa_fixes.py` checks all eight, and that they are installed only
by `apply()`.
"""

import logging
import os
from contextvars import ContextVar
from typing import Any, Dict, List, Optional, Text, Tuple, Type

DEFAULT_ACTION_TIMEOUT_S = 5.0
# The fixes replace private Rasa functions: each was read and tested against
# this release only.
SUPPORTED_RASA_VERSION = "3.6.21"
logger = logging.getLogger(__name__)

# What `apply()` replaced, to put back: (owner, attribute, Rasa's own value).
_ORIGINALS: List[Tuple[Any, str, Any]] = []


class UnsupportedRasaVersion(RuntimeError):
    """The installed Rasa is not the release the fixes were written for."""


def _check_rasa_version() -> None:
    from rasa.version import __version__ as installed

    if installed != SUPPORTED_RASA_VERSION:
        raise UnsupportedRasaVersion(
            f"runtime/rasa_fixes.py was written for Rasa {SUPPORTED_RASA_VERSION} "
            f"and replaces some of its internals, but Rasa {installed} is installed. "
            f"Install rasa=={SUPPORTED_RASA_VERSION} "
            "(`make install`, requirements.txt), "
            f"or re-check every fix against Rasa {installed} "
            "(tests/test_rasa_fixes.py) and then update SUPPORTED_RASA_VERSION."
        )


def _patch(owner: Any, name: str, value: Any) -> None:
    _ORIGINALS.append((owner, name, owner.__dict__[name]))
    setattr(owner, name, value)


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


class TrackerStoreUnavailable(RuntimeError):
    """The conversation database could not be read or written."""


def _raise_unavailable(self: Any, error: Exception) -> None:
    logger.error(
        "Tracker store %s failed: %s",
        type(self._tracker_store).__name__,
        type(error).__name__,
    )
    raise TrackerStoreUnavailable(type(error).__name__) from None


def _session_start_falls_back(run: Any) -> Any:
    async def run_or_fall_back(
        self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> Any:
        from rasa.core.actions.action import ActionSessionStart
        from rasa.shared.core.constants import ACTION_SESSION_START_NAME

        try:
            return await run(self, output_channel, nlg, tracker, domain)
        except Exception as error:
            if self.name() != ACTION_SESSION_START_NAME:
                raise
            logger.error(
                "Custom session start failed (%s); using Rasa's built-in one",
                type(error).__name__,
            )
            events = await ActionSessionStart().run(
                output_channel, nlg, tracker, domain
            )
            return await _with_disclaimer(events, output_channel, nlg, tracker, domain)

    return run_or_fall_back


async def _with_disclaimer(
    events: List[Any], output_channel: Any, nlg: Any, tracker: Any, domain: Any
) -> List[Any]:
    """Every session starts with the disclaimer, on the fallback path too.

    Rasa's session start carries every slot over, `disclaimer_shown` included, so
    a returning patient's new session would show none. The carried-over value is
    dropped, and the domain's disclaimer response is sent (no action server
    needed) before the session listens."""
    from rasa.core.actions.action import ActionBotResponse
    from rasa.shared.core.events import ActionExecuted, SlotSet

    from core.constants import RESPONSE_DISCLAIMER, SLOT_DISCLAIMER_SHOWN

    kept = [
        e
        for e in events
        if not (isinstance(e, SlotSet) and e.key == SLOT_DISCLAIMER_SHOWN)
    ]
    if RESPONSE_DISCLAIMER not in domain.responses:
        return kept
    said = await ActionBotResponse(RESPONSE_DISCLAIMER).run(
        output_channel, nlg, tracker, domain
    )
    listen = [i for i, e in enumerate(kept) if isinstance(e, ActionExecuted)]
    at = listen[-1] if listen else len(kept)
    has_slot = any(slot.name == SLOT_DISCLAIMER_SHOWN for slot in domain.slots)
    shown = [SlotSet(SLOT_DISCLAIMER_SHOWN, True)] if has_slot else []
    return kept[:at] + list(said) + shown + kept[at:]


def _current_turn_only(call_format: Any) -> Any:
    def action_call_format(self: Any, tracker: Any, domain: Any) -> Dict[Text, Any]:
        result = call_format(self, tracker, domain)
        events = result["tracker"].get("events") or []
        starts = [i for i, event in enumerate(events) if event.get("event") == "user"]
        if starts:
            result["tracker"]["events"] = events[starts[-1] :]
        return result

    return action_call_format


# States built during the RulePolicy prediction in progress, by what they depend on.
_STATES_MEMO: ContextVar[Optional[Dict[Tuple[Any, ...], List[Dict[Text, Any]]]]] = (
    ContextVar("patientbot_states_memo", default=None)
)


def _states_once_per_prediction(predict: Any) -> Any:
    def _predict(self: Any, tracker: Any, domain: Any) -> Any:
        token = _STATES_MEMO.set({})
        try:
            return predict(self, tracker, domain)
        finally:
            _STATES_MEMO.reset(token)

    return _predict


def _memoised_create_states(create_states: Any) -> Any:
    def _create_states(
        tracker: Any,
        domain: Any,
        omit_unset_slots: bool = False,
        ignore_rule_only_turns: bool = False,
        rule_only_data: Optional[Dict[Text, Any]] = None,
    ) -> List[Any]:
        memo = _STATES_MEMO.get()
        if memo is None:
            return create_states(
                tracker,
                domain,
                omit_unset_slots,
                ignore_rule_only_turns,
                rule_only_data,
            )
        key = (
            id(tracker),
            len(tracker.events),
            id(domain),
            omit_unset_slots,
            ignore_rule_only_turns,
            repr(rule_only_data),
        )
        if key not in memo:
            memo[key] = create_states(
                tracker,
                domain,
                omit_unset_slots,
                ignore_rule_only_turns,
                rule_only_data,
            )
        # Callers delete keys from the sub-states: each gets its own.
        return [{name: dict(sub) for name, sub in state.items()} for state in memo[key]]

    return _create_states


def action_timeout_s() -> float:
    value = float(os.environ.get("ACTION_TIMEOUT_SECONDS", DEFAULT_ACTION_TIMEOUT_S))
    if value <= 0:
        raise ValueError("ACTION_TIMEOUT_SECONDS must be > 0")
    return value


def _root_route_without_version(app: Any) -> None:
    """Rasa's `/` health answer, without the version banner."""
    from sanic import response

    @app.get("/")
    async def hello(request: Any) -> Any:
        return response.text("Hello from Rasa")


def is_applied() -> bool:
    """True once `apply()` has installed the fixes in this process."""
    return bool(_ORIGINALS)


def apply() -> None:
    """Install all eight fixes once per process; safe to call repeatedly.

    Raises:
        UnsupportedRasaVersion: the installed Rasa is not `SUPPORTED_RASA_VERSION`.
    """
    _check_rasa_version()
    if is_applied():
        return
    import rasa.core.actions.action as action_module
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    timeout_s = action_timeout_s()
    _patch(action_module, "DEFAULT_REQUEST_TIMEOUT", timeout_s)
    _patch(RemoteAction, "_validate_action_result", _fast_validate_action_result)
    _patch(RemoteAction, "run", _session_start_falls_back(RemoteAction.run))
    _patch(
        RemoteAction,
        "_action_call_format",
        _current_turn_only(RemoteAction._action_call_format),
    )

    from rasa.core.featurizers.tracker_featurizers import TrackerFeaturizer
    from rasa.core.policies.rule_policy import RulePolicy

    _patch(RulePolicy, "_predict", _states_once_per_prediction(RulePolicy._predict))
    _patch(
        TrackerFeaturizer,
        "_create_states",
        staticmethod(
            _memoised_create_states(
                TrackerFeaturizer.__dict__["_create_states"].__func__
            )
        ),
    )

    from rasa.core.tracker_store import FailSafeTrackerStore

    _patch(FailSafeTrackerStore, "on_tracker_store_error", _raise_unavailable)
    _patch(FailSafeTrackerStore, "on_tracker_store_retrieve_error", _raise_unavailable)

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

    _patch(Event, "resolve_by_type", staticmethod(resolve_by_type))

    import rasa.server

    _patch(rasa.server, "add_root_route", _root_route_without_version)
    logger.debug("Rasa %s fixes applied", SUPPORTED_RASA_VERSION)


def undo() -> None:
    """Put Rasa's own code back, in reverse order (for tests)."""
    while _ORIGINALS:
        owner, name, value = _ORIGINALS.pop()
        setattr(owner, name, value)
