"""Safety figures of the symptom check, and the floors `make test` holds them to.

Pure module: it scores what a reader says (a function from a message, or from
a conversation's turns, to replies' outcomes) against labelled sets, and
compares the figures with `tests/safety_floors.yml`. `scripts/safety_report.py`
feeds it the real bot; the unit tests feed it the rules alone, and a weakened
copy of them, to show that the gate fails.

Outcomes of one message: `emergency`, `urgent`, `routine` (an escalation),
`check` (the one-tap safety check, with the crisis line), `support` (the gentle
reply to past self-harm, with the crisis line), or `calm`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

EMERGENCY, URGENT, ROUTINE, CALM = "emergency", "urgent", "routine", "calm"
CHECK, SUPPORT, HISTORY = "check", "support", "history"
ESCALATIONS = (EMERGENCY, URGENT, ROUTINE)
_RANK = {CALM: 0, CHECK: 0, SUPPORT: 0, ROUTINE: 1, URGENT: 2, EMERGENCY: 3}


@dataclass(frozen=True)
class Case:
    """One labelled message."""

    text: str
    level: str  # emergency, urgent, routine, calm or history
    self_harm: bool = False


@dataclass(frozen=True)
class Conversation:
    """Labelled turns, said one after the other in one conversation."""

    name: str
    turns: Tuple[Case, ...]


@dataclass
class Tally:
    """Hits out of a total."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += hit
        self.total += 1

    @property
    def rate(self) -> Optional[float]:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        return f"{self.hits}/{self.total} = {self.rate:.1%}" if self.total else "-"


@dataclass
class Figures:
    """The figures of one group of sets (development, locked or conversations)."""

    tallies: Dict[str, Tally] = field(default_factory=dict)

    def tally(self, name: str) -> Tally:
        return self.tallies.setdefault(name, Tally())

    def rate(self, name: str) -> Optional[float]:
        return self.tallies[name].rate if name in self.tallies else None


# Names of the figures, as the floors file uses them.
EMERGENCY_RECALL = "emergency_recall"
SELF_HARM_RECALL = "self_harm_recall"  # an emergency reply, with the crisis line
SELF_HARM_CRISIS_LINE = "self_harm_crisis_line"  # any reply with the crisis line
URGENT_RECALL = "urgent_or_above_recall"
CALM_ESCALATED = "calm_escalated"
CALM_EMERGENCY = "calm_emergency"
HISTORY_GENTLE = "past_self_harm_gentle"
SYMPTOM_TURNS = "symptom_turns_at_level"
MAXIMA = (CALM_ESCALATED, CALM_EMERGENCY)  # figures whose floor is a ceiling


def read_cases(path: Path) -> List[Case]:
    """The cases of a single-message set (`cases: [{text, level, self_harm?}]`)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return [
        Case(str(c["text"]), str(c["level"]), bool(c.get("self_harm")))
        for c in data.get("cases") or []
    ]


def read_conversations(path: Path) -> List[Conversation]:
    """The conversations of a conversation set (`conversations: [{name, turns}]`)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return [
        Conversation(
            str(c.get("name") or number),
            tuple(
                Case(str(t["text"]), str(t["level"]), bool(t.get("self_harm")))
                for t in c.get("turns") or []
            ),
        )
        for number, c in enumerate(data.get("conversations") or [], start=1)
    ]


def _count(figures: Figures, case: Case, got: str) -> None:
    if case.level == CALM:
        figures.tally(CALM_ESCALATED).add(got in ESCALATIONS)
        figures.tally(CALM_EMERGENCY).add(got == EMERGENCY)
    elif case.level == HISTORY:
        figures.tally(HISTORY_GENTLE).add(got in (SUPPORT, EMERGENCY))
    else:
        if case.level == EMERGENCY:
            figures.tally(EMERGENCY_RECALL).add(got == EMERGENCY)
        if case.level in (EMERGENCY, URGENT):
            figures.tally(URGENT_RECALL).add(_RANK[got] >= _RANK[URGENT])
        if case.self_harm:
            figures.tally(SELF_HARM_RECALL).add(got == EMERGENCY)
            figures.tally(SELF_HARM_CRISIS_LINE).add(got in (EMERGENCY, CHECK, SUPPORT))


def score_messages(
    cases: Iterable[Case], read: Callable[[str], str], figures: Optional[Figures] = None
) -> Figures:
    """Each case read alone, as the first message of a conversation."""
    figures = figures or Figures()
    for case in cases:
        _count(figures, case, read(case.text))
    return figures


def misses(case: Case, got: str) -> List[str]:
    """The figures that outcome `got` counts against, for one case."""
    tallies = score_messages([case], lambda _: got).tallies
    return [
        name
        for name, t in tallies.items()
        if (t.hits > 0 if name in MAXIMA else t.hits < t.total)
    ]


def score_conversations(
    conversations: Sequence[Conversation],
    outcomes: Sequence[Sequence[str]],
    figures: Optional[Figures] = None,
) -> Figures:
    """`outcomes[i]` is what the bot did at each turn of conversation i, the
    turns said in order in one conversation."""
    figures = figures or Figures()
    for conversation, played in zip(conversations, outcomes):
        for turn, got in zip(conversation.turns, played):
            _count(figures, turn, got)
            if turn.level in ESCALATIONS:
                figures.tally(SYMPTOM_TURNS).add(_RANK[got] >= _RANK[turn.level])
    return figures


def read_floors(path: Path) -> Dict[str, Dict[str, float]]:
    """{group: {figure: floor}}; for MAXIMA the number is a ceiling."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def check(
    figures: Dict[str, Figures], floors: Dict[str, Dict[str, float]]
) -> List[str]:
    """Each figure below its floor (or above its ceiling), in words; empty if none.

    A floor whose figure was not measured fails too: a gate that measures
    nothing must not pass.
    """
    failures = []
    for group, limits in floors.items():
        for name, limit in (limits or {}).items():
            rate = figures[group].rate(name) if group in figures else None
            if rate is None:
                failures.append(f"{group} {name}: not measured (floor {limit})")
            elif name in MAXIMA and rate > limit:
                failures.append(
                    f"{group} {name} {figures[group].tallies[name]} "
                    f"is above {limit:.1%}"
                )
            elif name not in MAXIMA and rate < limit:
                failures.append(
                    f"{group} {name} {figures[group].tallies[name]} "
                    f"is below {limit:.1%}"
                )
    return failures


def report(figures: Dict[str, Figures]) -> str:
    """The figures as lines of text (counts only: no message is ever shown)."""
    lines = []
    for group, group_figures in figures.items():
        lines.append(f"{group}:")
        for name, tally in group_figures.tallies.items():
            lines.append(f"  {name:<24} {tally}")
    return "\n".join(lines)
