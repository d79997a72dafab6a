"""Training data hygiene: enough examples per topic, held-out set kept apart."""

import re
from collections import Counter
from pathlib import Path
from typing import Counter as CounterType
from typing import Set

import yaml

from core import constants as c
from core.settings import PROJECT_ROOT

_ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)|\[([^\]]+)\]\{[^}]+\}")


def _plain(example: str) -> str:
    return _ANNOTATION.sub(lambda m: m.group(1) or m.group(2), example).strip().lower()


def _examples(paths) -> CounterType[str]:
    counts: CounterType[str] = Counter()
    for path in paths:
        for block in yaml.safe_load(Path(path).read_text())["nlu"]:
            if "intent" in block:
                counts.update(
                    {block["intent"]: len(block["examples"].strip().splitlines())}
                )
    return counts


def _sentences(paths) -> Set[str]:
    found: Set[str] = set()
    for path in paths:
        for block in yaml.safe_load(Path(path).read_text())["nlu"]:
            for line in block.get("examples", "").splitlines():
                if line.strip().startswith("- "):
                    found.add(_plain(line.strip()[2:]))
    return found


TRAINING = sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml"))
HELD_OUT = [PROJECT_ROOT / "tests" / "nlu" / "test_nlu.yml"]


def test_every_topic_intent_has_at_least_25_examples() -> None:
    counts = _examples(TRAINING)
    thin = {i: counts[i] for i in c.TOPIC_BY_INTENT if counts[i] < 25}
    assert thin == {}


def test_held_out_messages_are_never_trained_on() -> None:
    assert _sentences(HELD_OUT) & _sentences(TRAINING) == set()


def test_held_out_set_covers_every_topic_intent() -> None:
    assert set(c.TOPIC_BY_INTENT) <= set(_examples(HELD_OUT))


def test_non_answers_in_the_domain_carry_the_safety_line() -> None:
    from core.answers import SAFETY_LINE

    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name in ("utter_out_of_scope",):
        text = " ".join(domain["responses"][name][0]["text"].split())
        assert SAFETY_LINE in text, name


def test_safety_check_buttons_are_the_allowed_payloads() -> None:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    buttons = domain["responses"]["utter_safety_check"][0]["buttons"]
    # As Rasa sends them: its interpolator turns the escaped braces into plain ones
    # without the KeyError (and logged error) single braces cause.
    from rasa.core.nlg.interpolator import interpolate_text

    sent = tuple(interpolate_text(b["payload"], {"triage_level": "x"}) for b in buttons)
    assert sent == c.SAFETY_CHECK_PAYLOADS
    assert all("{" not in b["payload"] or "{{" in b["payload"] for b in buttons)
    assert [b["title"] for b in buttons[:-1]] == [
        t for t, _, _ in c.SAFETY_CHECK_CHOICES
    ]
