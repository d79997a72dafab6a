"""First NLU component: cut over-long text before the tokenizer sees it.

The patient channels already cut long messages (channels/guard.py) and tell the
patient. This is the same cut for every other way text reaches NLU (the HTTP
API's /model/parse, `rasa shell`), so no path can make NLU tokenise and
featurise a 200 KB message: on a bare Rasa 3.6 bot that took 27 s and 21 GB.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from channels.guard import GateConfig, cut


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class MessageLengthCap(GraphComponent):
    """Cuts `text` to `max_message_chars`, keeping its beginning and end."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_message_chars": GateConfig().max_message_chars}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.limit = int(config["max_message_chars"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MessageLengthCap:
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and len(text) > self.limit:
                message.set(TEXT, cut(text, self.limit))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
