"""Safety figures of the whole bot, held to the floors in `tests/safety_floors.yml`.

Usage: python scripts/safety_report.py [model]

* Single messages (`tests/eval/triage_dev*.yml`, `triage_locked*.yml`): each
  goes through the trained NLU pipeline (DIET, the rules and the learned
  classifier together, as the server runs them) as a first message.
* Conversations (`tests/eval/conversations_*.yml`): each is played turn by turn
  through the whole bot (NLU, dialogue policies and the action server, which
  this script starts), so every turn is read with the turns before it.

Prints counts per figure (a locked message is never shown, in any mode) and
exits 1 when a figure is below its floor (`tooling/safety_gate.py`).
`SAFETY_VERBOSE=1` lists the development misses.
"""

import asyncio
import logging
import os
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any, Dict, List, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from core.constants import (  # noqa: E402
    INTENT_SAFETY_CHECK,
    INTENT_SELF_HARM_SUPPORT,
    LEVEL_BY_INTENT,
)
from tooling.safety_gate import (  # noqa: E402
    CALM,
    CHECK,
    SUPPORT,
    Case,
    Figures,
    check,
    misses,
    read_cases,
    read_conversations,
    read_floors,
    report,
    score_conversations,
    score_messages,
)

EVAL = ROOT / "tests" / "eval"
FLOORS = ROOT / "tests" / "safety_floors.yml"
VERBOSE = os.environ.get("SAFETY_VERBOSE") == "1"
# SAFETY_DEVELOPMENT_ONLY=1 measures the development sets alone, for work in
# progress: the locked figures are read once a change is done, not while tuning.
DEVELOPMENT_ONLY = os.environ.get("SAFETY_DEVELOPMENT_ONLY") == "1"


def outcome_of_intent(intent: str) -> str:
    """What the bot does with a message the NLU pipeline gave `intent`."""
    if intent in LEVEL_BY_INTENT:
        return LEVEL_BY_INTENT[intent]
    return {INTENT_SAFETY_CHECK: CHECK, INTENT_SELF_HARM_SUPPORT: SUPPORT}.get(
        intent, CALM
    )


def outcome_of_replies(messages: Sequence[Dict[str, Any]]) -> str:
    """What the bot did, read from its replies' custom payloads."""
    for message in messages:
        custom = message.get("custom") or {}
        if custom.get("escalation"):
            return str(custom["escalation"]["level"])
    for message in messages:
        custom = message.get("custom") or {}
        if custom.get("safety_check"):
            return CHECK
        if custom.get("support"):
            return SUPPORT
    return CALM


async def measure(model: Path, action_url: str) -> Dict[str, Figures]:
    import structlog
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING)
    )
    from actions.server import TOKEN_HEADER
    from tooling.servers import action_token

    agent = Agent.load(
        str(model),
        action_endpoint=EndpointConfig(
            action_url, headers={TOKEN_HEADER: action_token()}
        ),
    )
    figures: Dict[str, Figures] = {}
    groups = (
        ("development", "triage_dev*.yml"),
        ("locked", "triage_locked*.yml"),
        ("conversations development", "conversations_dev*.yml"),
        ("conversations locked", "conversations_locked*.yml"),
    )
    for group, pattern in groups:
        if DEVELOPMENT_ONLY and "locked" in group:
            continue
        for path in sorted(EVAL.glob(pattern)):
            group_figures = figures.setdefault(group, Figures())
            if group.startswith("conversations"):
                conversations = read_conversations(path)
                played: List[List[str]] = []
                for conversation in conversations:
                    sender = f"safety-{uuid.uuid4().hex}"
                    played.append([])
                    for turn in conversation.turns:
                        replies = await agent.handle_text(turn.text, sender_id=sender)
                        played[-1].append(outcome_of_replies(replies or []))
                        _show_miss(path, turn, played[-1][-1], conversation.name)
                score_conversations(conversations, played, group_figures)
                score_conversations(
                    conversations,
                    played,
                    figures.setdefault(f"{group}: {path.name}", Figures()),
                )
            else:
                cases = read_cases(path)
                outcomes = {}
                for case in cases:
                    parsed = await agent.parse_message(case.text)
                    outcomes[case.text] = outcome_of_intent(parsed["intent"]["name"])
                    _show_miss(path, case, outcomes[case.text])
                score_messages(cases, outcomes.__getitem__, group_figures)
                score_messages(
                    cases,
                    outcomes.__getitem__,
                    figures.setdefault(f"{group}: {path.name}", Figures()),
                )
    return figures


def _show_miss(path: Path, case: Case, got: str, conversation: str = "") -> None:
    """With SAFETY_VERBOSE=1, a development miss; never a locked one."""
    if VERBOSE and "locked" not in path.name and misses(case, got):
        where = f"{path.name} [{conversation}]" if conversation else path.name
        print(f"  miss {where}: {case.level} got {got} | {case.text}")


def main() -> int:
    from tooling.servers import start_action_server, stop_processes

    logging.disable(logging.WARNING)
    model = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else ROOT / "models" / "patient-bot.tar.gz"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false"}
    with tempfile.TemporaryDirectory() as logs:
        action, url = start_action_server(ROOT, env, Path(logs))
        try:
            figures = asyncio.run(measure(model, url))
        finally:
            stop_processes([action])
    print(report(figures))
    floors = {
        group: limits
        for group, limits in read_floors(FLOORS).items()
        if group in figures or not DEVELOPMENT_ONLY
    }
    failures = check(figures, floors)
    for failure in failures:
        print(f"BELOW FLOOR: {failure}")
    print(
        f"Safety gate ({FLOORS.relative_to(ROOT)}): "
        f"{'FAILED' if failures else 'every figure at or above its floor'}"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
