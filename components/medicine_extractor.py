"""NLU component that tags medicine names, driven by the fact base.

At training time it reads every fact file's names and stores them in the model,
so the trained model is self-contained and a new fact file only needs `make
train`. At run time it tags covered medicines as `medicine` (value: the fact-base
id, whatever the spelling) and other medicines as `other_medicine`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from core.constants import ENTITY_MEDICINE, ENTITY_OTHER_MEDICINE
from core.facts import FACT_FILE_GLOB, load_fact_store
from core.medicine_matcher import MedicineMatcher

NAMES_FILE = "medicine_names.json"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True
)
class MedicineEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Tags covered and other medicine names, tolerating typos and aliases."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """`facts_dir` is relative to the folder `rasa train` runs in."""
        return {"facts_dir": "facts"}

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Retrain when a fact file changes, not only when NLU data does."""
        digest = hashlib.sha256()
        folder = Path(config.get("facts_dir", "facts"))
        for path in sorted(folder.glob(FACT_FILE_GLOB)):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        names: Optional[Mapping[str, Sequence[str]]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._names: Dict[str, List[str]] = {
            k: list(v) for k, v in (names or {}).items()
        }
        self._matcher = MedicineMatcher(self._names)

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MedicineEntityExtractor:
        """New, untrained component."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Read the medicine names from the fact base and persist them."""
        store = load_fact_store(Path(self._config["facts_dir"]))
        self._names = {k: list(v) for k, v in store.names().items()}
        self._matcher = MedicineMatcher(self._names)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / NAMES_FILE).write_text(json.dumps(self._names, indent=2))
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> MedicineEntityExtractor:
        """Load the names persisted at training time."""
        with model_storage.read_from(resource) as directory:
            names = json.loads((directory / NAMES_FILE).read_text())
        return cls(config, model_storage, resource, names)

    def extract(self, text: str) -> List[Dict[Text, Any]]:
        """Entities for one text: covered medicines first, then other medicines."""
        covered = self._matcher.find(text)
        entities = [
            {
                ENTITY_ATTRIBUTE_TYPE: ENTITY_MEDICINE,
                ENTITY_ATTRIBUTE_START: m.start,
                ENTITY_ATTRIBUTE_END: m.end,
                ENTITY_ATTRIBUTE_VALUE: m.medicine_id,
            }
            for m in covered
        ]
        entities += [
            {
                ENTITY_ATTRIBUTE_TYPE: ENTITY_OTHER_MEDICINE,
                ENTITY_ATTRIBUTE_START: m.start,
                ENTITY_ATTRIBUTE_END: m.end,
                ENTITY_ATTRIBUTE_VALUE: m.text,
            }
            for m in self._matcher.find_others(text, covered)
        ]
        return self.add_extractor_name(entities)

    def process(self, messages: List[Message]) -> List[Message]:
        """Add medicine entities to each message."""
        for message in messages:
            text = message.get(TEXT) or ""
            message.set(
                ENTITIES,
                message.get(ENTITIES, []) + self.extract(text),
                add_to_output=True,
            )
        return messages
