"""Training-time NLU component: adds patient-style variants of topic questions.

Only `rasa train` runs it (`process_training_data`); at run time it passes
messages through untouched. Placed before the tokenizer, so the featurizers
and DIET see the variants like any other example. The variants come from
`core/nlu_augment.py` (frames crossed with every example, deterministic).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from core.facts import load_fact_store
from core.nlu_augment import augment

_ROOT = Path(__file__).resolve().parent.parent
_SOURCES = (
    _ROOT / "core" / "nlu_augment.py",
    _ROOT / "core" / "triage" / "corpus.py",
    _ROOT / "core" / "triage" / "corpus_frames.py",
    _ROOT / "core" / "triage" / "corpus_vocabulary.py",
)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class PatientPhrasingAugmenter(GraphComponent):
    """Adds `per_example` varied copies of each example of the chosen intents."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """`intent_prefix`: which intents to vary (the topic questions)."""
        return {
            "per_example": 1,
            "intent_prefix": "ask_",
            "random_seed": 7,
            "facts_dir": "facts",
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._config = {**self.get_default_config(), **config}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PatientPhrasingAugmenter:
        return cls(config)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Re-run when the variation code changes (Rasa caches by config)."""
        digest = hashlib.sha256()
        for path in _SOURCES:
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def process(self, messages: List[Message]) -> List[Message]:
        """Nothing to do at run time."""
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """The training data plus the variants."""
        prefix = str(self._config["intent_prefix"])
        examples = [
            (m.get(TEXT), m.get(INTENT))
            for m in training_data.intent_examples
            if m.get(TEXT) and str(m.get(INTENT) or "").startswith(prefix)
        ]
        facts_dir = Path(str(self._config["facts_dir"]))
        names = (
            [
                name
                for aliases in load_fact_store(facts_dir).names().values()
                for name in aliases
            ]
            if facts_dir.exists()
            else []
        )
        varied = augment(
            examples,
            int(self._config["per_example"]),
            int(self._config["random_seed"]),
            names,
        )
        extra = [Message.build(text=text, intent=intent) for text, intent in varied]
        return training_data.merge(TrainingData(training_examples=extra))
