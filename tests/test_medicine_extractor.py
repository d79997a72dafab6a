"""The NLU component: trains names from the fact base, persists, loads, tags."""

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.medicine_extractor import MedicineEntityExtractor


@pytest.fixture
def trained(tmp_path: Path, small_facts_dir: Path):
    (tmp_path / "model").mkdir()
    storage = LocalModelStorage(tmp_path / "model")
    resource = Resource("medicine_extractor")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {"facts_dir": str(small_facts_dir)}
    component = MedicineEntityExtractor.create(
        {**MedicineEntityExtractor.get_default_config(), **config},
        storage,
        resource,
        context,
    )
    component.train(TrainingData())
    return MedicineEntityExtractor.load(config, storage, resource, context)


def test_loaded_component_tags_names_from_the_fact_base(trained) -> None:
    (message,) = trained.process(
        [Message(data={"text": "is testamb safe with Keytruda?"})]
    )
    entities = message.get("entities")
    assert [(e["entity"], e["value"], e["start"], e["end"]) for e in entities] == [
        ("medicine", "testamab", 3, 10),
        ("other_medicine", "Keytruda", 21, 29),
    ]
    assert all(e["extractor"] == "MedicineEntityExtractor" for e in entities)


def test_existing_entities_are_kept(trained) -> None:
    message = Message(
        data={"text": "tst 42", "entities": [{"entity": "x", "value": "y"}]}
    )
    (message,) = trained.process([message])
    assert [e["entity"] for e in message.get("entities")] == ["x", "medicine"]


def test_fingerprint_changes_when_a_fact_file_changes(small_facts_dir: Path) -> None:
    config = {"facts_dir": str(small_facts_dir)}
    before = MedicineEntityExtractor.fingerprint_addon(config)
    (small_facts_dir / "newmab.yml").write_text("id: newmab\n")
    assert MedicineEntityExtractor.fingerprint_addon(config) != before
