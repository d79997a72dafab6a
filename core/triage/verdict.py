"""Where the two triage readings meet: the rules' assessment and the classifier.

Pure module (no Rasa imports). `combine` is the one place both layers meet:
the triage policy (`core/triage/policy.py`) and `make bench-triage` use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Sequence, Tuple

from core.constants import TRIAGE_CATEGORY_UNCLASSIFIED
from core.triage.categories import SELF_HARM
from core.triage.classifier import TriageModel
from core.triage.findings import Assessment
from core.triage.levels import CALM, EMERGENCY, URGENT, level_rank
from core.triage.self_harm import denied as self_harm_denied


@dataclass(frozen=True)
class Verdict:
    """What the two layers say together about one message."""

    level: Optional[str]  # an escalation level, or None: no escalation
    category: Optional[
        str
    ]  # the rules' category, or "unclassified" if only the classifier saw it
    symptom_probability: float  # 1 - P(calm): how much the classifier reads a symptom
    # The self-harm reading is unsure: ask the safety check, with the crisis line.
    self_harm_possible: bool = False


def _learned_level(
    assessment: Assessment,
    model: TriageModel,
    probabilities: Dict[str, float],
    evidence: bool,
) -> str:
    """The level the classifier is confident of, as far as it may speak here."""
    learned, _ = model.level_of(probabilities, assessment.judged_calm)
    if not (evidence or assessment.escalates):
        return CALM
    alone = not assessment.escalates and not assessment.judged_calm
    emergency = probabilities.get(EMERGENCY, 0.0)
    if learned == EMERGENCY and alone and emergency < model.thresholds.emergency_alone:
        at_least_urgent = emergency + probabilities.get(URGENT, 0.0)
        return URGENT if at_least_urgent >= model.thresholds.urgent_sure else CALM
    return learned


def _rules_know_self_harm(assessment: Assessment, text: str) -> bool:
    """The rules read the message as a past episode, a question about it, or a
    denial: they know those frames better than the self-harm reading."""
    return (
        assessment.self_harm_history
        or SELF_HARM in assessment.asked_about
        or self_harm_denied(text)
    )


def combine(
    assessment: Assessment,
    model: Optional[TriageModel],
    text: str,
    spans: Sequence[Tuple[int, int]] = (),
    evidence: bool = True,
) -> Verdict:
    """The rules' assessment, raised by the classifier when it is confident of
    a higher level.

    `evidence`: the message speaks of a body or a mind
    (`SymptomDetector.mentions_state`). Without it the classifier alone never
    raises a level: its confidence then comes from the frames its training
    sentences share ("and", "it", "take", a carer, a time), not from a symptom.
    On 2026-12-03 "and how is it given?" read as an emergency at 0.50.
    """
    level = assessment.level if assessment.escalates else None
    category = assessment.category if assessment.escalates else None
    if model is None or not (text or "").strip():
        return Verdict(level, category, 0.0)
    probabilities = model.probabilities(text, spans)
    learned = _learned_level(assessment, model, probabilities, evidence)
    if learned != CALM and level_rank(learned) > level_rank(level or CALM):
        level = learned
        category = category if assessment.escalates else TRIAGE_CATEGORY_UNCLASSIFIED
    possible = False
    if level != EMERGENCY and not _rules_know_self_harm(assessment, text):
        possible = (
            model.self_harm_probability(text, spans) >= model.thresholds.self_harm_check
        )
    return Verdict(level, category, 1.0 - probabilities.get(CALM, 0.0), possible)
