"""The side-effect check: patient words to clinical terms, looked up in the facts."""

import pytest

from core.facts import FactStore
from core.side_effects import asked_effects, is_side_effect_question, look_up


@pytest.mark.parametrize(
    "text, names",
    [
        ("does it make your hair fall out", ["hair loss"]),
        ("can it give me the runs or make me feel sick", ["diarrhoea", "nausea"]),
        ("how does it affect my liver", ["your liver"]),
        ("is it bad for my kidneys", ["your kidneys"]),
        ("she's lost quite a bit of hair since the first cycle", ["hair loss"]),
        ("will it stop me getting to sleep", ["sleep problems"]),
        ("he's been totally drained and worn out all week", ["tiredness"]),
        ("her wee has looked darker than usual", ["dark urine"]),
        ("what is the dose", []),
    ],
)
def test_patient_words_map_to_effects(text: str, names: list) -> None:
    assert [a.name for a in asked_effects(text)] == names


@pytest.mark.parametrize(
    "medicine, text, listed, group",
    [
        ("socazolimab", "nausea", True, "common side effects"),
        (
            "socazolimab",
            "anaemia",
            True,
            "side effects when it is given with chemotherapy",
        ),
        ("plozalizumab", "chills", True, "infusion reactions"),
        ("socazolimab", "hair loss", False, None),
        # "Old, sleeping viruses" in a pre-treatment passage is no sleep problem.
        ("plozalizumab", "trouble sleeping", False, None),
    ],
)
def test_effects_are_found_in_the_quoted_passages(
    store: FactStore, medicine: str, text: str, listed: bool, group: str
) -> None:
    (asked,) = asked_effects(text)
    found = look_up(store.medicine(medicine), asked)
    assert bool(found) is listed
    if listed:
        assert found[0].group == group
        assert found[0].passage in " ".join(
            " ".join(q.split()) for q in found[0].fact.quotes
        )


def test_side_effect_questions_are_recognised() -> None:
    assert is_side_effect_question("can socazolimab cause hair loss")
    assert is_side_effect_question("how does it affect my stomach")
    assert not is_side_effect_question("how often is it given")


@pytest.mark.parametrize(
    "text",
    [
        "she has a rash, is this from the drug?",
        "is nausea common with it",
        "my eyes look yellow, is that related?",
        "do other people get headaches on this?",
        "the runs 4 times today, is this normal",
    ],
)
def test_asking_whether_a_symptom_comes_from_the_medicine_is_a_side_effect_question(
    text: str,
) -> None:
    assert is_side_effect_question(text)


@pytest.mark.parametrize(
    "text", ["how often is it given", "what dose will I get", "is it approved in China"]
)
def test_topic_questions_are_not_side_effect_questions(text: str) -> None:
    assert not is_side_effect_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "my ALT came back high on the trial, could that be the drug?",
        "her eyes look yellowish since she started the medicine",
        "is this related, he's on the medicine",
    ],
)
def test_asking_whether_a_symptom_comes_from_the_medicine_is_an_attribution(
    text: str,
) -> None:
    from core.side_effects import is_attribution_question

    assert is_attribution_question(text) and is_side_effect_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "how long after starting it does it work",
        "will they lower the dose if my liver numbers go up",
    ],
)
def test_other_questions_about_the_medicine_are_no_attribution(text: str) -> None:
    from core.side_effects import is_attribution_question

    assert not is_attribution_question(text)


def test_dark_urine_is_found_where_the_sources_list_it(store: FactStore) -> None:
    (asked,) = asked_effects("dark pee")
    found = look_up(store.medicine("plozalizumab"), asked)
    assert found and "dark urine" in found[0].passage


@pytest.mark.parametrize("text", ["a rash", "colitis", "diarrhoea"])
def test_a_broad_sign_is_not_the_effect_asked_about(
    store: FactStore, text: str
) -> None:
    # The plozalizumab source names "redness" during the drip and "bowel
    # changes", never a rash, colitis or diarrhoea: no "yes" for those.
    (asked,) = asked_effects(text)
    assert look_up(store.medicine("plozalizumab"), asked) == []
