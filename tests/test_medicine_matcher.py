"""Medicine matching: aliases, typos, unknown names, no false alarms."""

from typing import List

import pytest

from core.facts import FactStore
from core.medicine_matcher import MedicineMatcher, edit_distance


@pytest.fixture(scope="module")
def matcher() -> MedicineMatcher:
    from core.facts import load_fact_store
    from core.settings import PROJECT_ROOT

    return MedicineMatcher(load_fact_store(PROJECT_ROOT / "facts").names())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("how does socazolimab work?", ["socazolimab"]),
        ("Side effects of SOCAZOLIMAB", ["socazolimab"]),
        ("socazolimub side effects", ["socazolimab"]),
        ("is sokazolimab given by iv", ["socazolimab"]),
        ("soczolimab dose", ["socazolimab"]),
        ("socazolmiab", ["socazolimab"]),  # two letters swapped
        ("plozalizumb how often", ["plozalizumab"]),
        ("plozalizumab", ["plozalizumab"]),
        ("what is MLN1202", ["plozalizumab"]),
        ("mln 1202 dose", ["plozalizumab"]),
        ("MLN-1202?", ["plozalizumab"]),
        ("socazolimab and plozalizumab", ["socazolimab", "plozalizumab"]),
        ("plozalizumab vs socazolimab", ["plozalizumab", "socazolimab"]),
    ],
)
def test_finds_covered_medicines(
    matcher: MedicineMatcher, text: str, expected: List[str]
) -> None:
    assert matcher.medicine_ids(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "side effects of pembrolizumab?",
        "what is MLN1203",  # one digit off is another compound
        "I feel tired and sick today",
        "how is it given",
        "can i take tylenol",
        "",
        "!!!???",
        "socialism is a topic",
        "plasma donation",
    ],
)
def test_no_covered_medicine(matcher: MedicineMatcher, text: str) -> None:
    assert matcher.medicine_ids(text) == []


def test_mention_spans_point_into_the_text(matcher: MedicineMatcher) -> None:
    text = "Is socazolimub safe?"
    (mention,) = matcher.find(text)
    assert text[mention.start : mention.end] == "socazolimub"
    assert mention.medicine_id == "socazolimab"
    assert mention.distance == 1


@pytest.mark.parametrize(
    "text, others",
    [
        ("side effects of pembrolizumab?", ["pembrolizumab"]),
        ("is keytruda the same", ["keytruda"]),
        ("can I take Tylenol with it", ["Tylenol"]),
        ("nivolumab or cisplatin", ["nivolumab", "cisplatin"]),
        ("how does socazolimab work", []),
        ("socazolimub and plozalizumb", []),  # typos of ours are not "others"
        ("I have a bad headache and feel tired", []),
    ],
)
def test_finds_other_medicines(
    matcher: MedicineMatcher, text: str, others: List[str]
) -> None:
    covered = matcher.find(text)
    assert [m.text for m in matcher.find_others(text, covered)] == others


def test_names_come_from_the_fact_base(small_store: FactStore) -> None:
    matcher = MedicineMatcher(small_store.names())
    assert matcher.medicine_ids("what is testamab") == ["testamab"]
    assert matcher.medicine_ids("tst 42 dose") == ["testamab"]
    assert matcher.medicine_ids("what is socazolimab") == []


@pytest.mark.parametrize(
    "a, b, distance",
    [
        ("abc", "abc", 0),
        ("abc", "acb", 1),
        ("abc", "abd", 1),
        ("abc", "", 3),
        ("kitten", "sitting", 3),
    ],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b, limit=5) == distance
    if distance:
        # Past the limit it stops early and reports limit + 1.
        assert edit_distance(a, b, limit=distance - 1) == distance


@pytest.mark.parametrize(
    "text, span",
    [
        ("so what exactly is socazolimab?", "socazolimab"),
        ("tell me what plozalizumab is", "plozalizumab"),
        ("the ploza lizumab dose", "ploza lizumab"),
        ("mln 1202 dose", "mln 1202"),
    ],
)
def test_span_covers_only_the_name(
    matcher: MedicineMatcher, text: str, span: str
) -> None:
    (mention,) = matcher.find(text)
    assert mention.text == span


@pytest.mark.parametrize(
    "text, expected",
    [
        ("is ploz a steroid", ["plozalizumab"]),
        ("whats socazo?", ["socazolimab"]),
        ("socks and a social", []),  # English words that merely share letters
        ("the plot", []),
    ],
)
def test_a_shortened_long_name_counts_as_that_medicine(
    text: str, expected: list
) -> None:
    matcher = MedicineMatcher(
        {"plozalizumab": ["Plozalizumab", "MLN1202"], "socazolimab": ["Socazolimab"]}
    )
    assert matcher.medicine_ids(text) == expected


def test_a_prefix_shared_by_two_medicines_names_neither() -> None:
    matcher = MedicineMatcher({"a": ["Tislelizumab"], "b": ["Tisotumab"]})
    assert matcher.medicine_ids("is tiso any good") == ["b"]
    assert matcher.medicine_ids("what about tis") == []
    assert matcher.medicine_ids("what about tisl") == ["a"]
    assert matcher.medicine_ids("what about tis0") == []
