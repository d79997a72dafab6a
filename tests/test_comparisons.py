"""Comparisons (core/comparisons.py): what a question compares ours with."""

import pytest

from core.comparisons import compared_things, kinds_named, unsettled


@pytest.mark.parametrize(
    "text, others, things",
    [
        ("socazolimab vs pembrolizumab", ["pembrolizumab"], ["pembrolizumab"]),
        ("is plozalizumab like keytruda", ["keytruda"], ["keytruda"]),
        ("does it work the same way as nivolumab", ["nivolumab"], ["nivolumab"]),
        ("plozalizumab or radiation, what's the difference", [], ["radiotherapy"]),
        (
            "whats the difference between socazolimab and ordinary chemo",
            [],
            ["chemotherapy"],
        ),
        (
            "is it an anti-inflammatory like prednisone",
            ["prednisone"],
            ["prednisone", "an NSAID"],
        ),
        ("would I be better off on avelumab instead", ["avelumab"], ["avelumab"]),
    ],
)
def test_a_comparison_word_near_the_thing_compares(text, others, things) -> None:
    assert compared_things(text, others) == things


@pytest.mark.parametrize(
    "text, others",
    [
        # No comparison word at all.
        ("can I take ibuprofen with socazolimab", ["ibuprofen"]),
        ("is socazolimab given alone or together with chemo", []),
        # A comparison word, but far from the kind of treatment named.
        (
            "her doctor said socazolimab is not chemo but she's still scared "
            "she'll lose her hair "
            "like last time",
            [],
        ),
        ("", []),
    ],
)
def test_other_mentions_compare_nothing(text, others) -> None:
    assert compared_things(text, others) == []


def test_kinds_named_and_those_the_sources_leave_unsettled() -> None:
    assert kinds_named("is it a steroid or a kind of chemo?") == [
        "chemotherapy",
        "a steroid",
    ]
    sources = "Given with chemotherapy; a lab-made antibody."
    assert unsettled(["chemotherapy", "a steroid", "Keytruda"], sources) == [
        "a steroid",
        "Keytruda",
    ]
    assert unsettled(["keytruda"], "unlike Keytruda, it ...") == []
