"""The patient channels' front door (channels/guard.py), without Rasa."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.guard import (
    CUT_MARK,
    Admitted,
    Gate,
    GateConfig,
    Rejected,
    clean_text,
    cut,
    log_id,
    neutralise_command,
)

BUTTON = '/inform_medicine{"medicine": "socazolimab"}'


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def gate(**limits) -> Gate:
    return Gate(GateConfig(**limits), frozenset({BUTTON}), "112", clock=Clock())


# --- cleaning ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("what is\u200b the dose", "what is the dose"),  # zero-width space
        ("\u202eesod eht si tahw", "esod eht si tahw"),  # right-to-left override
        ("dose\u200f?", "dose?"),  # right-to-left mark
        ("line one\r\nline two\ttab", "line one line two tab"),  # CR/LF and tab
        ("nul\x00 and bell\x07", "nul and bell"),  # control characters
        ("  spaced   out  ", "spaced out"),
        (
            "side effects 😷 <b>bold</b>",
            "side effects 😷 <b>bold</b>",
        ),  # emoji, HTML kept as text
        ("'; DROP TABLE events; --", "'; DROP TABLE events; --"),
        ("cafe\u0301", "café"),  # NFC
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


# --- `/` is plain text --------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("/restart", "restart"),
        ("/greet I can't breathe", "greet I can't breathe"),
        (
            '/inform_medicine{"medicine": "aspirin"}',
            'inform_medicine{"medicine": "aspirin"}',
        ),
        ("// / session_start", "session_start"),
        (BUTTON + " I can't breathe", BUTTON[1:] + " I can't breathe"),
        (BUTTON, BUTTON),  # our own button payload, exactly
        ("what about 1/2 a dose", "what about 1/2 a dose"),
    ],
)
def test_neutralise_command(raw, expected):
    assert neutralise_command(raw, frozenset({BUTTON})) == expected


def test_hidden_slash_command_is_still_plain_text():
    verdict = gate().admit("s1", "\u200b\u202e /restart")
    assert verdict == Admitted(sender="s1", text="restart")


def test_a_button_payload_cut_to_the_limit_is_plain_text():
    """Found by the property tests: a cut payload is no button and must not reach
    Rasa as a `/` command."""
    verdict = gate(max_message_chars=20).admit("s1", BUTTON)
    assert isinstance(verdict, Admitted) and verdict.notes
    assert not verdict.text.startswith("/") and len(verdict.text) <= 20


def test_only_a_slash_is_an_empty_message():
    assert gate().admit("s1", " / ").code == "empty_message"


# --- length cap ---------------------------------------------------------------


def test_cut_keeps_beginning_and_end():
    text = "start " + "blah " * 1000 + "and now I can't breathe"
    short = cut(text, 200)
    assert len(short) <= 200
    assert short.startswith("start blah")
    assert short.endswith("and now I can't breathe")
    assert CUT_MARK in short


def test_long_message_is_cut_with_a_note():
    verdict = gate(max_message_chars=100).admit("s1", "x " * 100_000)
    assert isinstance(verdict, Admitted)
    assert len(verdict.text) <= 100
    assert len(verdict.notes) == 1 and "100 characters" in verdict.notes[0]


def test_message_at_the_limit_is_untouched():
    text = "a" * 100
    assert gate(max_message_chars=100).admit("s1", text) == Admitted("s1", text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(), limit=st.integers(min_value=20, max_value=500))
def test_cut_never_exceeds_the_limit(text, limit):
    assert len(cut(text, limit)) <= limit


# --- rejected input -----------------------------------------------------------


@pytest.mark.parametrize(
    "sender, message, code",
    [
        (None, "hi", "invalid_sender"),
        (42, "hi", "invalid_sender"),
        ({"id": 1}, "hi", "invalid_sender"),
        ("", "hi", "invalid_sender"),
        ("   ", "hi", "invalid_sender"),
        ("x" * 5000, "hi", "invalid_sender"),
        ("bad\nid", "hi", "invalid_sender"),
        ("bad\u200bid", "hi", "invalid_sender"),
        ("s1", None, "invalid_message"),
        ("s1", 7, "invalid_message"),
        ("s1", {"text": "hi"}, "invalid_message"),
        ("s1", ["hi"], "invalid_message"),
        ("s1", "", "empty_message"),
        ("s1", " \t\r\n ", "empty_message"),
        ("s1", "\u200b\u200f", "empty_message"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_reason(sender, message, code):
    verdict = gate().admit(sender, message)
    assert isinstance(verdict, Rejected)
    assert verdict.status == 400 and verdict.code == code and verdict.message


def test_sender_may_contain_spaces_and_unicode():
    assert isinstance(gate().admit("Ana María 2", "hi"), Admitted)


# --- rate limit ---------------------------------------------------------------


def test_rate_limit_is_per_conversation_and_recovers():
    clock = Clock()
    limited = Gate(GateConfig(rate_limit_per_minute=3), frozenset(), "112", clock=clock)
    assert all(isinstance(limited.admit("a", "hi"), Admitted) for _ in range(3))
    refused = limited.admit("a", "hi")
    assert isinstance(refused, Rejected) and refused.status == 429
    assert "112" in refused.message  # the emergency number is always in reach
    assert isinstance(limited.admit("b", "hi"), Admitted)
    clock.now += 60
    assert isinstance(limited.admit("a", "hi"), Admitted)


def test_rejected_messages_do_not_count_towards_the_limit():
    limited = Gate(
        GateConfig(rate_limit_per_minute=1), frozenset(), "112", clock=Clock()
    )
    assert limited.admit("a", "   ").code == "empty_message"
    assert isinstance(limited.admit("a", "hi"), Admitted)


def test_rate_limit_zero_means_off():
    unlimited = gate(rate_limit_per_minute=0)
    assert all(isinstance(unlimited.admit("a", "hi"), Admitted) for _ in range(500))


def test_gate_counts_with_the_limiter_it_is_given():
    class Refuses:
        per_minute = 1
        asked = []

        def allow(self, sender: str) -> bool:
            self.asked.append(sender)
            return False

    limiter = Refuses()
    shared = Gate(GateConfig(), frozenset(), "112", limiter=limiter)
    assert shared.admit("a", "hi").code == "rate_limited"
    assert limiter.asked == ["a"]


def test_one_client_address_is_limited_across_conversations():
    clock = Clock()
    limited = Gate(
        GateConfig(rate_limit_per_client_per_minute=5), frozenset(), "112", clock=clock
    )
    # Fresh sender ids do not escape the limit of their address.
    verdicts = [limited.admit(f"fresh-{i}", "hi", client="10.0.0.7") for i in range(6)]
    assert all(isinstance(v, Admitted) for v in verdicts[:5])
    assert verdicts[5].code == "rate_limited"
    assert isinstance(limited.admit("fresh-x", "hi", client="10.0.0.8"), Admitted)
    clock.now += 60
    assert isinstance(limited.admit("fresh-y", "hi", client="10.0.0.7"), Admitted)


def test_the_channel_as_a_whole_is_limited():
    limited = Gate(
        GateConfig(rate_limit_global_per_minute=4), frozenset(), "112", clock=Clock()
    )
    verdicts = [limited.admit(f"s{i}", "hi", client=f"10.0.0.{i}") for i in range(5)]
    assert [isinstance(v, Admitted) for v in verdicts] == [True] * 4 + [False]


def test_a_red_flag_passes_every_limit():
    """A flood on a patient's id must not silence that patient's emergency."""
    seen = []

    def red_flag(text: str) -> bool:
        seen.append(text)
        return "breathe" in text

    limited = Gate(
        GateConfig(
            rate_limit_per_minute=2,
            rate_limit_per_client_per_minute=2,
            rate_limit_global_per_minute=2,
        ),
        frozenset(),
        "112",
        clock=Clock(),
        red_flag=red_flag,
    )
    for _ in range(30):
        limited.admit("victim", "hello", client="10.0.0.9")
    assert limited.admit("victim", "hello", client="10.0.0.9").code == "rate_limited"
    admitted = limited.admit("victim", "I cannot breathe", client="10.0.0.9")
    assert isinstance(admitted, Admitted) and admitted.text == "I cannot breathe"
    assert seen[-1] == "I cannot breathe"


def test_the_red_flag_check_runs_only_over_a_limit():
    calls = []
    open_gate = Gate(
        GateConfig(),
        frozenset(),
        "112",
        clock=Clock(),
        red_flag=lambda text: calls.append(text) or False,
    )
    assert isinstance(open_gate.admit("a", "hi", client="10.0.0.1"), Admitted)
    assert calls == []


# --- config and logging -------------------------------------------------------


def test_config_from_credentials():
    config = GateConfig.from_mapping(
        {
            "max_message_chars": "500",
            "rate_limit_per_minute": 0,
            "user_message_evt": "ignored",
        }
    )
    assert config.max_message_chars == 500 and config.rate_limit_per_minute == 0
    assert GateConfig.from_mapping(None) == GateConfig()
    with pytest.raises(ValueError):
        GateConfig.from_mapping({"max_message_chars": 5})


def test_log_id_hides_the_sender():
    hashed = log_id("patient-jane-doe")
    assert hashed == log_id("patient-jane-doe") and len(hashed) == 12
    assert "jane" not in hashed and hashed != log_id("patient-john-doe")


# --- properties ---------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    sender=st.one_of(st.none(), st.integers(), st.text(max_size=200)),
    message=st.one_of(st.none(), st.integers(), st.lists(st.text()), st.text()),
)
def test_admit_never_raises_and_admitted_text_is_clean(sender, message):
    verdict = gate(max_message_chars=200).admit(sender, message)
    if isinstance(verdict, Admitted):
        assert verdict.text and len(verdict.text) <= 200
        assert verdict.text == verdict.text.strip()
        assert not verdict.text.startswith("/") or verdict.text == BUTTON
        assert clean_text(verdict.text) == verdict.text
    else:
        assert verdict.status in (400, 429) and verdict.message


def test_nlu_pipeline_cap_uses_the_same_cut():
    from rasa.shared.nlu.training_data.message import Message

    from components.message_cap import MessageLengthCap

    cap = MessageLengthCap({"max_message_chars": 100})
    long_message = Message({"text": "help " * 1000 + "I can't breathe"})
    short_message = Message({"text": "how is it given?"})
    cap.process([long_message, short_message])
    assert long_message.get("text") == cut("help " * 1000 + "I can't breathe", 100)
    assert long_message.get("text").endswith("I can't breathe")
    assert short_message.get("text") == "how is it given?"
