"""Patient-style variants of the NLU examples (core/nlu_augment.py)."""

from core.nlu_augment import augment, vary

EXAMPLES = [
    ("How often does one get socazolimab?", "ask_schedule"),
    ("what is plozalizumab", "ask_overview"),
    ("side effects of MLN1202?", "ask_side_effects_common"),
] * 20
NAMES = ["socazolimab", "plozalizumab", "MLN1202"]


def test_variants_are_deterministic_and_new() -> None:
    first = augment(EXAMPLES, seed=1, medicines=NAMES)
    assert first == augment(EXAMPLES, seed=1, medicines=NAMES)
    assert not {text for text, _ in first} & {text for text, _ in EXAMPLES}
    assert len(first) > 0.9 * len(EXAMPLES)


def test_each_variant_keeps_its_intent_and_names_the_same_medicine() -> None:
    medicine_of = {
        "ask_schedule": "socazolimab",
        "ask_overview": "plozalizumab",
        "ask_side_effects_common": "mln1202",
    }
    varied = augment(EXAMPLES, seed=2, medicines=NAMES)
    assert {intent for _, intent in varied} == set(medicine_of)
    # A typo may land on the name itself; nearly all variants keep it intact,
    # and none names another of the medicines.
    kept = [t for t, intent in varied if medicine_of[intent] in t.lower()]
    assert len(kept) > 0.8 * len(varied)
    for text, intent in varied:
        others = set(medicine_of.values()) - {medicine_of[intent]}
        assert not any(other in text.lower() for other in others)


def test_variants_add_a_frame_around_the_question() -> None:
    varied = [
        vary(
            "how often does one get socazolimab", __import__("random").Random(s), NAMES
        )
        for s in range(40)
    ]
    longer = [v for v in varied if len(v.split()) > 5]
    assert len(longer) > 30  # a context, an opener or a closer was added
    assert len(set(varied)) > 30
