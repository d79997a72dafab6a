"""How the trained bot handles consumer-style questions that name our medicines.

Usage: python scripts/question_report.py [model] [questions.yml ...]

Each question of the development sets `tests/eval/questions_dev*.yml` (tuning
allowed; the second names topics in plain words, mapped below) and the locked
sets `tests/eval/questions_locked*.yml` (never tuned on) goes through the trained NLU
model (the whole pipeline, triage included), then through the same decision code
the actions run (`core.answers`), as a first message of a conversation. Outcomes:

* on topic: a fact of an expected topic for the asked medicine was given;
* honest not covered: the question is labelled not covered, and the bot said it
  has no information (or that the topic is outside its sources);
* guided: no clear answer, but the medicine's best topics were offered as buttons;
* wrong topic: a fact was given, but not one the question asked for;
* not understood: a rephrase request or an unrelated reply;
* escalated or safety check: the triage layer took the message (a symptom);
  after an urgent or routine escalation, the side-effect question asked with
  the symptom is answered too (`core.answers.escalation_follow_up`), and that
  answer is classified like any other;
* leaks: a fact of another medicine than the one asked about.

It ends with the time the decision code takes per question after NLU (the
ranking, comparisons, question forms and side-effect check included).

Exit status 0; the figures are reported, not enforced.
"""

import asyncio
import json
import logging
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from actions.base import reply_json  # noqa: E402
from core.answers import (  # noqa: E402
    Answer,
    Turn,
    escalation_follow_up,
    fallback_outcome,
    intent_confidences,
    ranked_intents,
    respond,
    uncovered_outcome,
)
from core.constants import (  # noqa: E402
    ENTITY_MEDICINE,
    ENTITY_OTHER_MEDICINE,
    ENTITY_SYMPTOM_QUESTION,
    INTENT_ASK_UNCOVERED_TOPIC,
    INTENT_BY_TRIAGE_LEVEL,
    INTENT_INFORM_MEDICINE,
    INTENT_NLU_FALLBACK,
    INTENT_OUT_OF_SCOPE,
    INTENT_SAFETY_CHECK,
    LEVEL_BY_INTENT,
    TOPIC_BY_INTENT,
)
from core.facts import load_fact_store  # noqa: E402
from core.retrieval import build_retriever  # noqa: E402

EVAL = ROOT / "tests" / "eval"
# Development sets first, then the locked ones (never tuned on, misses never printed).
SETS = (
    *sorted(EVAL.glob("questions_dev*.yml")),
    *sorted(EVAL.glob("questions_locked*.yml")),
)
# Labels of the evaluation sets that are answered by one of the bot's topics.
LABEL_TOPICS: Dict[str, Set[str]] = {
    "drug_class": {"drug_class", "mechanism", "overview"},
    "side_effect_check": {
        "side_effects_common",
        "side_effects_chemo",
        "side_effects_serious",
        "report_monitor",
    },
    # The second development set's labels (its writer named topics in plain words).
    "side_effects": {"side_effects_common", "side_effects_chemo", "premedication"},
    # "When should I call?" and "is there a black box warning?" are answered by
    # the facts on what to report and on the boxed warning.
    "serious_side_effects": {"side_effects_serious", "report_monitor", "boxed_warning"},
    "monitoring": {"report_monitor", "pretreatment_tests"},
    "dosing": {"dose", "dose_adjustment"},
    "investigational": {"approval", "investigational_uses"},
}
VERBOSE = os.environ.get("QUESTIONS_VERBOSE") == "1"
# While changing only the decision code (core/answers/ and its helpers), the
# NLU parses can be kept in this JSON file and reused: no model is loaded.
PARSES = os.environ.get("QUESTIONS_PARSES")
OUTCOMES = (
    "on topic",
    "honest not covered",
    "guided",
    "wrong topic",
    "not understood",
    "escalated or safety check",
)


def expected_topics(labels: List[str]) -> Set[str]:
    topics: Set[str] = set()
    for label in labels:
        topics |= LABEL_TOPICS.get(label, {label})
    return topics - {"not_covered"}


def classify(
    question: Dict, intent: str, outcome: Optional[Answer]
) -> Tuple[str, bool]:
    """(outcome name, leaked) for one question."""
    escalated = (
        intent in INTENT_BY_TRIAGE_LEVEL.values() or intent == INTENT_SAFETY_CHECK
    )
    if escalated and not (outcome and outcome.replies):
        return "escalated or safety check", False
    wanted = expected_topics(question["expect"])
    only_not_covered = not wanted
    if intent == INTENT_OUT_OF_SCOPE:
        return ("honest not covered" if only_not_covered else "not understood"), False
    if outcome is None:
        return "not understood", False
    checks = [
        reply_json(r)["side_effect_check"]
        for r in outcome.replies
        if reply_json(r) and "side_effect_check" in reply_json(r)
    ]
    if checks and "side_effect_check" in question["expect"]:
        right = any(c["listed"] == bool(question.get("listed")) for c in checks)
        return ("on topic" if right else "wrong topic"), any(
            c["medicine"] != question["medicine"] for c in checks
        )
    if checks:
        given_checks = {c.get("fact", "").split(".")[-1] for c in checks if c["listed"]}
        if given_checks & expected_topics(question["expect"]):
            return "on topic", False
    facts = [
        reply_json(r)["fact"]
        for r in outcome.replies
        if reply_json(r) and "fact" in reply_json(r)
    ]
    leaked = any(f["medicine"] != question["medicine"] for f in facts)
    given = {f["topic"] for f in facts if f["medicine"] == question["medicine"]}
    no_info = any(
        reply_json(r) and "no_information" in reply_json(r) for r in outcome.replies
    )
    choices = any(
        reply_json(r) and "topic_choices" in reply_json(r) for r in outcome.replies
    )
    if given & wanted:
        return "on topic", leaked
    if only_not_covered and (no_info or not given):
        return ("honest not covered" if no_info else "not understood"), leaked
    if no_info and not given:
        return "wrong topic", leaked
    if choices:
        return "guided", leaked
    if given:
        return "wrong topic", leaked
    return "not understood", leaked


def decide(store, retriever, text: str, parsed: Dict) -> Optional[Answer]:
    """What the actions would reply to `text`, parsed by the NLU model, as the
    first message of a conversation (None when no answer action runs)."""
    intent = parsed["intent"]["name"]
    entities = parsed.get("entities") or []

    def values(name: str) -> List[str]:
        return [str(e["value"]) for e in entities if e.get("entity") == name]

    turn = Turn(
        intent=intent,
        medicines=values(ENTITY_MEDICINE),
        other_medicines=values(ENTITY_OTHER_MEDICINE),
        asked_symptoms=values(ENTITY_SYMPTOM_QUESTION),
        text=text,
        intent_ranking=ranked_intents(parsed.get("intent_ranking") or []),
        intent_confidence=intent_confidences(parsed.get("intent_ranking") or []),
    )
    if intent in TOPIC_BY_INTENT or intent == INTENT_INFORM_MEDICINE:
        return respond(store, turn, retriever)
    if intent == INTENT_ASK_UNCOVERED_TOPIC:
        return uncovered_outcome(store, retriever, turn)
    if intent == INTENT_NLU_FALLBACK:
        return fallback_outcome(store, retriever, text, turn)
    if intent in LEVEL_BY_INTENT:  # the side-effect answer after the escalation
        return Answer(
            escalation_follow_up(store, turn, LEVEL_BY_INTENT[intent], retriever)
        )
    return None


async def run(model: Path, paths: List[Path]) -> None:
    import structlog
    from rasa.core.agent import Agent

    cache: Dict[str, Dict] = {}
    if PARSES and Path(PARSES).exists():
        cache = json.loads(Path(PARSES).read_text(encoding="utf-8"))
    agent = None
    # Rasa logs every parse at debug level through structlog: keep the report readable.
    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING)
    )
    store = load_fact_store(ROOT / "facts")
    retriever = build_retriever(store, ROOT / "data" / "nlu")
    timings: List[float] = []
    for path in paths:
        questions = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
        by_type: Dict[str, Counter] = defaultdict(Counter)
        leaks = 0
        locked = "locked" in path.name
        for question in questions:
            parsed = cache.get(question["text"])
            if parsed is None:
                agent = agent or Agent.load(str(model))
                parsed = cache[question["text"]] = await agent.parse_message(
                    question["text"]
                )
            intent = parsed["intent"]["name"]
            started = time.perf_counter()
            outcome = decide(store, retriever, question["text"], parsed)
            timings.append(time.perf_counter() - started)
            name, leaked = classify(question, intent, outcome)
            # The locked set's misses are never printed: it is not tuned on.
            if (
                VERBOSE
                and not locked
                and name not in ("on topic", "honest not covered")
            ):
                given = [
                    reply_json(r).get("fact", {}).get("topic")
                    or next(iter(reply_json(r)), None)
                    for r in (outcome.replies if outcome else [])
                    if reply_json(r)
                ]
                print(
                    f"  [{name}] {question['text']!r} expect={question['expect']} "
                    f"intent={intent} gave={given}"
                )
            leaks += leaked
            by_type[question["qtype"]][name] += 1
            by_type["all"][name] += 1
        print(
            f"\n{path.relative_to(ROOT)}: {len(questions)} questions "
            "naming our medicines"
        )
        print(
            f"  {'type':<18}"
            + "".join(f"{o:>13}" for o in ("n", *[o.split()[0] for o in OUTCOMES]))
        )
        for qtype in sorted(by_type, key=lambda t: (t == "all", t)):
            counts = by_type[qtype]
            total = sum(counts.values())
            print(
                f"  {qtype:<18}{total:>13}"
                + "".join(f"{counts[o] / total:>13.0%}" for o in OUTCOMES)
            )
        total = sum(by_type["all"].values())
        answerable = [q for q in questions if expected_topics(q["expect"])]
        on_topic = by_type["all"]["on topic"]
        print(f"  columns: {', '.join(OUTCOMES)}")
        print(
            f"  not understood {by_type['all']['not understood']}/{total} "
            f"({by_type['all']['not understood'] / total:.1%}); on topic {on_topic} of "
            f"{len(answerable)} answerable ({on_topic / max(len(answerable), 1):.1%}); "
            f"leaks of another medicine's facts {leaks}"
        )
    if timings:
        ordered = sorted(timings)
        print(
            "\nDecision after NLU (core.answers, ranking included), "
            f"{len(ordered)} questions: "
            f"p50 {ordered[len(ordered) // 2] * 1000:.2f} ms, "
            f"p95 {ordered[int(len(ordered) * 0.95)] * 1000:.2f} ms, "
            f"max {ordered[-1] * 1000:.2f} ms"
        )
    if PARSES:
        Path(PARSES).write_text(json.dumps(cache, default=str), encoding="utf-8")


def main() -> int:
    logging.disable(logging.WARNING)
    args = sys.argv[1:]
    model = Path(args[0]) if args else ROOT / "models" / "patient-bot.tar.gz"
    paths = [Path(a).resolve() for a in args[1:]] or [p for p in SETS if p.exists()]
    asyncio.run(run(model, paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
