"""NLU component that triages every message for red-flag symptoms.

It runs last in the pipeline, after the intent classifier and the fallback
classifier, and overrides the intent when a symptom is reported:

* the rule-based detector (`core/triage.py`) finds a reported symptom: the
  intent becomes `symptom_<level>`;
* the detector finds nothing at all, but DIET's best guess is a symptom intent
  with at least `min_classifier_confidence` (a symptom phrased in a way the
  rules don't know): keep it, because when unsure we escalate;
* the detector finds the symptom only negated or asked about ("can it cause a
  rash?"): a symptom intent from DIET is replaced by the next best intent, and
  the categories asked about are tagged for when-to-call advice.

The result travels as entities (`triage_level`, `triage_category`,
`symptom_question`), so rules can answer from domain responses without the action
server, and the action server can record the escalation.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from core.constants import (
    ENTITY_SYMPTOM_QUESTION,
    ENTITY_TRIAGE_CATEGORY,
    ENTITY_TRIAGE_LEVEL,
    INTENT_BY_TRIAGE_LEVEL,
    TRIAGE_CATEGORY_UNCLASSIFIED,
)
from core.triage import SymptomDetector, default_detector

_LEVEL_BY_INTENT = {intent: level for level, intent in INTENT_BY_TRIAGE_LEVEL.items()}


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class SymptomTriageClassifier(GraphComponent, IntentClassifier):
    """Overrides the intent with a triage level when a symptom is reported."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """`min_classifier_confidence`: below it, DIET's symptom guess is ignored.

        Measured: markup such as "<script>...</script>" got symptom_urgent at
        0.18, real unknown symptoms ("my arm went numb and cold") 0.82 to 0.93.
        """
        return {"min_classifier_confidence": 0.5}

    def __init__(
        self, detector: Optional[SymptomDetector] = None, min_confidence: float = 0.5
    ) -> None:
        self._detector = detector or default_detector()
        self._min_confidence = min_confidence

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SymptomTriageClassifier:
        """Build the component; the detector is shared per process."""
        config = {**cls.get_default_config(), **config}
        return cls(min_confidence=float(config["min_classifier_confidence"]))

    def process(self, messages: List[Message]) -> List[Message]:
        """Triage each message and override its intent where needed."""
        for message in messages:
            self._triage(message)
        return messages

    def _triage(self, message: Message) -> None:
        assessment = self._detector.assess(message.get(TEXT) or "")
        ranking: List[Dict[str, Any]] = [
            r for r in message.get(INTENT_RANKING_KEY) or []
            if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME
        ]
        guessed = None
        if ranking and float(ranking[0].get(PREDICTED_CONFIDENCE_KEY, 0)) >= self._min_confidence:
            guessed = _LEVEL_BY_INTENT.get(ranking[0][INTENT_NAME_KEY])

        level, category = None, None
        if assessment.escalates:
            level, category = assessment.level, assessment.category
        elif guessed and not assessment.findings:
            level, category = guessed, TRIAGE_CATEGORY_UNCLASSIFIED
        elif guessed:
            # The rules read the symptom as negated or asked about: not a report.
            others = [r for r in ranking if r[INTENT_NAME_KEY] not in _LEVEL_BY_INTENT]
            if others:
                message.set(INTENT, others[0], add_to_output=True)

        text = message.get(TEXT) or ""
        top = next(
            (f for f in assessment.findings if f.reported and f.category == category), None
        )
        span = (top.start, top.end) if top else (0, len(text))
        entities = list(message.get(ENTITIES) or [])
        if level is not None:
            intent = {
                INTENT_NAME_KEY: INTENT_BY_TRIAGE_LEVEL[level],
                PREDICTED_CONFIDENCE_KEY: 1.0,
            }
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
            entities += [
                self._entity(ENTITY_TRIAGE_LEVEL, level, span),
                self._entity(
                    ENTITY_TRIAGE_CATEGORY, category or TRIAGE_CATEGORY_UNCLASSIFIED, span
                ),
            ]
        asked = {f.category: (f.start, f.end) for f in assessment.findings if f.hypothetical}
        entities += [
            self._entity(ENTITY_SYMPTOM_QUESTION, c, asked.get(c, (0, len(text))))
            for c in assessment.asked_about
        ]
        message.set(ENTITIES, entities, add_to_output=True)

    def _entity(self, entity: str, value: str, span: Tuple[int, int]) -> Dict[str, Any]:
        # Start and end let Rasa's evaluation and the tracker place the entity.
        return {
            ENTITY_ATTRIBUTE_TYPE: entity,
            ENTITY_ATTRIBUTE_VALUE: value,
            ENTITY_ATTRIBUTE_START: span[0],
            ENTITY_ATTRIBUTE_END: span[1],
            EXTRACTOR: self.__class__.__name__,
        }
