"""The training-time augmenter component adds variants of topic questions only."""

from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.nlu_augmenter import PatientPhrasingAugmenter


def test_topic_questions_get_variants_and_other_intents_do_not() -> None:
    data = TrainingData(
        training_examples=[
            Message.build(
                text="how often does one get socazolimab", intent="ask_schedule"
            ),
            Message.build(text="hello there", intent="greet"),
            Message.build(text="I can't breathe", intent="symptom_emergency"),
        ]
    )
    augmenter = PatientPhrasingAugmenter({"per_example": 3})
    augmented = augmenter.process_training_data(data)
    intents = [m.get("intent") for m in augmented.intent_examples]
    assert intents.count("ask_schedule") == 4
    assert intents.count("greet") == 1 and intents.count("symptom_emergency") == 1


def test_run_time_messages_pass_untouched() -> None:
    message = Message.build(text="how often is it given")
    (out,) = PatientPhrasingAugmenter({}).process([message])
    assert out.get("text") == "how often is it given"


def test_fingerprint_follows_the_variation_code() -> None:
    fingerprint = PatientPhrasingAugmenter.fingerprint_addon({})
    assert fingerprint and fingerprint == PatientPhrasingAugmenter.fingerprint_addon({})
