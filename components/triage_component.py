"""NLU component that triages every message for red flags and self-harm.

It runs last in the pipeline, after the intent classifier and the fallback
classifier. A thin adapter: it reads the message, takes three independent
readings, lets the triage policy (`core/triage/policy.py`) decide, and writes
the decision into the message. The readings:

* the rules (`core/triage/detector.py`, with `core/triage/self_harm.py`): symptom
  vocabulary from clinical sources, negation, questions, resolved and normal states;
* a learned second opinion (`core/triage/classifier.py`), trained here, at `rasa
  train`, on a generated corpus; it only ever raises the level (thresholds
  chosen for recall), and must be surer to overrule the rules when they read a
  symptom as not happening now;
* DIET's intent guess, used only to offer the safety check.

Outcomes:

* a reported symptom: the intent becomes `symptom_<level>` (escalation);
* past, resolved self-harm: `self_harm_support` (a gentle reply with a crisis line);
* a message that may be about a symptom, but neither layer is confident:
  `safety_check` (a one-tap question: is this happening now?);
* a symptom only negated or asked about: a symptom intent from DIET is replaced
  by the next best intent, and the categories asked about are tagged for
  when-to-call advice.

The result travels as entities (`triage_level`, `triage_category`,
`symptom_question`), so rules can answer from domain responses without the action
server, and the action server can record the escalation.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
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
from rasa.shared.nlu.training_data.training_data import TrainingData

from core.constants import (
    ENTITY_MEDICINE,
    ENTITY_OTHER_MEDICINE,
    ENTITY_SYMPTOM_QUESTION,
    ENTITY_TRIAGE_CATEGORY,
    ENTITY_TRIAGE_LEVEL,
    LEVEL_BY_INTENT,
    TRIAGE_CATEGORY_UNCLASSIFIED,
)
from core.triage.classifier import (
    ROOT,
    WRITTEN_DIR,
    WRITTEN_WEIGHT,
    Thresholds,
    TriageModel,
    medicine_names,
    self_harm_corpus,
    training_corpus,
    written_files,
)
from core.triage.corpus_frames import DRUG_NAMES
from core.triage.detector import SymptomDetector, default_detector
from core.triage.policy import DietGuess, Readings, TriageDecision, decide
from core.triage.verdict import combine

_MODEL_FILE = "triage_model.pkl"
# Files whose change must retrain the classifier (Rasa caches by config and data).
_MODEL_SOURCES = (
    "triage/corpus.py",
    "triage/corpus_frames.py",
    "triage/corpus_vocabulary.py",
    "triage/classifier.py",
    "triage/idioms.py",
    "triage/levels.py",
)

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class SymptomTriageClassifier(GraphComponent, IntentClassifier):
    """Overrides the intent with a triage level when a symptom is reported."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Settings; thresholds are probabilities of the learned classifier.

        `min_classifier_confidence`: DIET's symptom guess below it is ignored.
        Measured: markup such as "<script>...</script>" got symptom_urgent at
        0.18, real unknown symptoms ("my arm went numb and cold") 0.82 to 0.93.
        The classifier thresholds default to `core.triage.classifier.Thresholds`,
        where the reasons are written.
        """
        defaults = Thresholds()
        return {
            "min_classifier_confidence": 0.5,
            "corpus_size": 24000,
            "random_seed": 13,
            # Hand-written labelled messages (relative to the project root).
            "written_messages": str(WRITTEN_DIR.relative_to(ROOT)),
            "written_weight": WRITTEN_WEIGHT,
            # Medicine names, read as "the medicine" (relative to where `rasa train`
            # runs).
            "facts_dir": "facts",
            "emergency_threshold": defaults.emergency,
            "urgent_threshold": defaults.urgent,
            "emergency_threshold_alone": defaults.emergency_alone,
            "urgent_sure_threshold": defaults.urgent_sure,
            "emergency_threshold_after_rules": defaults.emergency_after_rules,
            "urgent_threshold_after_rules": defaults.urgent_after_rules,
            "safety_check_threshold": defaults.unsure,
            "self_harm_check_threshold": defaults.self_harm_check,
        }

    def __init__(
        self,
        detector: Optional[SymptomDetector] = None,
        min_confidence: float = 0.5,
        model: Optional[TriageModel] = None,
        config: Optional[Dict[Text, Any]] = None,
        model_storage: Optional[ModelStorage] = None,
        resource: Optional[Resource] = None,
    ) -> None:
        self._detector = detector or default_detector()
        self._min_confidence = min_confidence
        self._model = model
        self._config = {**self.get_default_config(), **(config or {})}
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Retrain when the corpus generator, the classifier code or the
        hand-written messages change."""
        config = {**cls.get_default_config(), **config}
        digest = hashlib.sha256()
        for name in _MODEL_SOURCES:
            digest.update((ROOT / "core" / name).read_bytes())
        for path in written_files(cls._written_dir(config)):
            digest.update(path.name.encode() + path.read_bytes())
        # A new medicine's names are read as "the medicine": a new fact file retrains.
        digest.update("\n".join(cls._names(config)).encode())
        return digest.hexdigest()

    @staticmethod
    def _names(config: Dict[Text, Any]) -> List[str]:
        facts_dir = Path(str(config["facts_dir"]))
        try:
            return medicine_names(facts_dir)
        except (OSError, ValueError) as error:  # no fact base: the corpus's names only
            logger.warning(
                "Triage classifier: no medicine names from %s (%s).", facts_dir, error
            )
            return sorted(DRUG_NAMES)

    @staticmethod
    def _written_dir(config: Dict[Text, Any]) -> Path:
        directory = Path(str(config["written_messages"]))
        return directory if directory.is_absolute() else ROOT / directory

    @staticmethod
    def _thresholds(config: Dict[Text, Any]) -> Thresholds:
        return Thresholds(
            emergency=float(config["emergency_threshold"]),
            urgent=float(config["urgent_threshold"]),
            emergency_alone=float(config["emergency_threshold_alone"]),
            urgent_sure=float(config["urgent_sure_threshold"]),
            emergency_after_rules=float(config["emergency_threshold_after_rules"]),
            urgent_after_rules=float(config["urgent_threshold_after_rules"]),
            unsure=float(config["safety_check_threshold"]),
            self_harm_check=float(config["self_harm_check_threshold"]),
        )

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SymptomTriageClassifier:
        """Build the component for training; the detector is shared per process."""
        config = {**cls.get_default_config(), **config}
        return cls(
            min_confidence=float(config["min_classifier_confidence"]),
            config=config,
            model_storage=model_storage,
            resource=resource,
        )

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the classifier on the generated corpus and the hand-written
        messages; the bot's own non-symptom NLU examples are its calm questions."""
        questions = [
            m.get(TEXT)
            for m in training_data.intent_examples
            if m.get(TEXT) and not str(m.get(INTENT) or "").startswith("symptom_")
        ]
        corpus = training_corpus(
            questions,
            size=int(self._config["corpus_size"]),
            seed=int(self._config["random_seed"]),
            written=written_files(self._written_dir(self._config)),
            weight=int(self._config["written_weight"]),
        )
        self._model = TriageModel.train(
            corpus,
            self._thresholds(self._config),
            names=self._names(self._config),
            self_harm_corpus=self_harm_corpus(
                questions, written_files(self._written_dir(self._config)), corpus
            ),
        )
        if self._model_storage is not None and self._resource is not None:
            with self._model_storage.write_to(self._resource) as directory:
                self._model.save(Path(directory) / _MODEL_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SymptomTriageClassifier:
        """Load the trained classifier; thresholds come from the current config."""
        config = {**cls.get_default_config(), **config}
        model = None
        try:
            with model_storage.read_from(resource) as directory:
                model = TriageModel.load(Path(directory) / _MODEL_FILE)
            model.thresholds = cls._thresholds(config)
        except (ValueError, FileNotFoundError):
            logger.warning("No trained triage classifier in the model: rules only.")
        return cls(
            min_confidence=float(config["min_classifier_confidence"]),
            model=model,
            config=config,
        )

    def process(self, messages: List[Message]) -> List[Message]:
        """Triage each message and override its intent where needed."""
        for message in messages:
            self._triage(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to the training data."""
        return training_data

    def _triage(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        ranking: List[Dict[str, Any]] = [
            r
            for r in message.get(INTENT_RANKING_KEY) or []
            if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME
        ]
        decision = decide(self._readings(text, ranking, _medicine_spans(message)))
        self._write(message, decision, ranking)

    def _readings(
        self, text: str, ranking: List[Dict[str, Any]], spans: List[Tuple[int, int]]
    ) -> Readings:
        assessment = self._detector.assess(text)
        # Evidence of a bodily or mental state: without it, neither the
        # classifier nor DIET alone may raise a level or ask the safety check.
        state = self._detector.mentions_state(text, assessment)
        top = ranking[0] if ranking else {}
        return Readings(
            assessment=assessment,
            verdict=combine(assessment, self._model, text, spans, evidence=state),
            state=state,
            diet=DietGuess(
                top.get(INTENT_NAME_KEY),
                float(top.get(PREDICTED_CONFIDENCE_KEY, 0)),
            ),
            min_confidence=self._min_confidence,
            unsure_threshold=(
                self._model.thresholds.unsure if self._model is not None else None
            ),
            text_length=len(text),
        )

    def _write(
        self,
        message: Message,
        decision: TriageDecision,
        ranking: List[Dict[str, Any]],
    ) -> None:
        intent = decision.intent
        if intent is not None:
            chosen = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
            message.set(INTENT, chosen, add_to_output=True)
            if decision.level is not None:
                message.set(INTENT_RANKING_KEY, [chosen, *ranking], add_to_output=True)
        elif decision.drop_symptom_guess:
            others = [r for r in ranking if r[INTENT_NAME_KEY] not in LEVEL_BY_INTENT]
            if others:
                message.set(INTENT, others[0], add_to_output=True)
        entities = list(message.get(ENTITIES) or [])
        if decision.level is not None:
            entities += [
                self._entity(ENTITY_TRIAGE_LEVEL, decision.level, decision.span),
                self._entity(
                    ENTITY_TRIAGE_CATEGORY,
                    decision.category or TRIAGE_CATEGORY_UNCLASSIFIED,
                    decision.span,
                ),
            ]
        entities += [
            self._entity(ENTITY_SYMPTOM_QUESTION, category, offsets)
            for category, offsets in decision.questions
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


def _medicine_spans(message: Message) -> List[Tuple[int, int]]:
    """Names the extractors found (typos included): read as "the medicine"."""
    return [
        (int(e[ENTITY_ATTRIBUTE_START]), int(e[ENTITY_ATTRIBUTE_END]))
        for e in message.get(ENTITIES) or []
        if e.get(ENTITY_ATTRIBUTE_TYPE) in (ENTITY_MEDICINE, ENTITY_OTHER_MEDICINE)
        and ENTITY_ATTRIBUTE_START in e
        and ENTITY_ATTRIBUTE_END in e
    ]
