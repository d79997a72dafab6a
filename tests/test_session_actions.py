"""action_session_start: disclaimer on every session, slots carried over."""

from typing import Any, Callable, Dict

from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.session_actions import ActionSessionStart
from core import constants as c
from core.facts import FactStore


async def test_session_start_shows_disclaimer_and_carries_slots(
    dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={c.SLOT_MEDICINE: "socazolimab", c.SLOT_DISCLAIMER_SHOWN: True}
    )
    domain = {**domain, "session_config": {"carry_over_slots_to_new_session": True}}
    events = await ActionSessionStart().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == [c.RESPONSE_DISCLAIMER]
    assert events[0] == SessionStarted()
    assert SlotSet(c.SLOT_MEDICINE, "socazolimab") in events
    assert events[-3:] == [
        SlotSet(c.SLOT_DISCLAIMER_SHOWN, True),
        SlotSet(c.SLOT_COVERED_MEDICINES, "Plozalizumab (MLN1202) and Socazolimab"),
        ActionExecuted("action_listen"),
    ]


async def test_the_disclaimer_names_the_medicines_of_the_fact_base(
    dispatcher: CollectingDispatcher,
    make_tracker: Callable,
    domain: Dict[str, Any],
    small_store: FactStore,
) -> None:
    """A medicine added to facts/ is named by the disclaimer, and by every
    response that names the slot (greeting, out of scope, "which medicines")."""
    events = await ActionSessionStart(small_store).run(
        dispatcher, make_tracker(), domain
    )
    (message,) = dispatcher.messages
    assert message[c.SLOT_COVERED_MEDICINES] == "Testamab (TST-42)"
    assert SlotSet(c.SLOT_COVERED_MEDICINES, "Testamab (TST-42)") in events


def test_the_domain_names_medicines_only_through_the_slot() -> None:
    import yaml

    from core.settings import PROJECT_ROOT

    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    texts = [
        variant["text"]
        for variants in domain["responses"].values()
        for variant in variants
    ]
    assert not [t for t in texts if "socazolimab" in t.lower()]
    # Before the session start sets it, the slot still reads as words.
    initial = domain["slots"][c.SLOT_COVERED_MEDICINES]["initial_value"]
    assert initial == "the medicines this service covers"
    named = [t for t in texts if "{" + c.SLOT_COVERED_MEDICINES + "}" in t]
    assert len(named) >= 5  # disclaimer, greeting, bot, out of scope, which ones


async def test_slots_not_carried_when_configured_off(
    dispatcher: CollectingDispatcher, make_tracker: Callable, domain: Dict[str, Any]
) -> None:
    tracker = make_tracker(slots={c.SLOT_MEDICINE: "socazolimab"})
    domain = {**domain, "session_config": {"carry_over_slots_to_new_session": False}}
    events = await ActionSessionStart().run(dispatcher, tracker, domain)
    assert SlotSet(c.SLOT_MEDICINE, "socazolimab") not in events
    assert dispatcher.messages[0]["response"] == c.RESPONSE_DISCLAIMER


def test_action_server_imports_stay_light() -> None:
    """The action server imports every module in actions/: none may pull in
    spaCy, TensorFlow or textstat at import time (that cost 430 MB measured)."""
    import subprocess
    import sys

    code = (
        "import sys; from rasa_sdk.executor import ActionExecutor; "
        "ActionExecutor().register_package('actions'); "
        "print(sorted(m for m in ('spacy', 'tensorflow', 'textstat') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_only_the_session_start_action_is_sent_the_domain() -> None:
    """enable_selective_domain: actions get the domain only if domain.yml asks."""
    import yaml

    from core.settings import PROJECT_ROOT

    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    needs_domain = {
        name
        for entry in domain["actions"]
        if isinstance(entry, dict)
        for name, options in entry.items()
        if options.get("send_domain")
    }
    assert needs_domain == {c.ACTION_SESSION_START}
    for name in ("endpoints.yml", "endpoints.production.yml"):
        endpoints = yaml.safe_load((PROJECT_ROOT / name).read_text())
        assert endpoints["action_endpoint"]["enable_selective_domain"] is True
