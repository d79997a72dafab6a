"""Fact base: schema validation and provenance against the seed texts."""

from pathlib import Path
from typing import List, Tuple

import pytest

from core import constants as c
from core.facts import (
    Fact,
    FactBaseError,
    FactStore,
    find_source,
    load_fact_store,
    load_medicine_file,
    numbers_in,
    provenance_problems,
)
from core.settings import PROJECT_ROOT
from tests.conftest import SMALL_FACT_FILE

REAL_FACTS: List[Fact] = load_fact_store(PROJECT_ROOT / "facts").all_facts()

# What each original seed states, topic by topic (see ../shared/seeds/README.md).
# A topic missing here must be missing from the fact file too: the bot then says
# it has no information instead of guessing. A medicine a clinic adds is held to
# its own source by the provenance test below, not listed here.
EXPECTED_TOPICS = {
    "socazolimab": {
        c.TOPIC_OVERVIEW,
        c.TOPIC_MECHANISM,
        c.TOPIC_DRUG_CLASS,
        c.TOPIC_APPROVED_USES,
        c.TOPIC_INVESTIGATIONAL_USES,
        c.TOPIC_ADMINISTRATION,
        c.TOPIC_DOSE,
        c.TOPIC_SCHEDULE,
        c.TOPIC_SIDE_EFFECTS_COMMON,
        c.TOPIC_SIDE_EFFECTS_CHEMO,
        c.TOPIC_SIDE_EFFECTS_SERIOUS,
        c.TOPIC_REPORT_MONITOR,
        c.TOPIC_TRIAL_RESULTS,
        c.TOPIC_APPROVAL,
        c.TOPIC_DEVELOPER,
    },
    "plozalizumab": {
        c.TOPIC_OVERVIEW,
        c.TOPIC_MECHANISM,
        c.TOPIC_DRUG_CLASS,
        c.TOPIC_APPROVED_USES,
        c.TOPIC_INVESTIGATIONAL_USES,
        c.TOPIC_ADMINISTRATION,
        c.TOPIC_DOSE,
        c.TOPIC_SCHEDULE,
        c.TOPIC_SIDE_EFFECTS_COMMON,
        c.TOPIC_SIDE_EFFECTS_SERIOUS,
        c.TOPIC_REPORT_MONITOR,
        c.TOPIC_PRETREATMENT_TESTS,
        c.TOPIC_PREMEDICATION,
        c.TOPIC_PRECAUTIONS,
        c.TOPIC_TRIAL_RESULTS,
        c.TOPIC_APPROVAL,
        c.TOPIC_DOSE_ADJUSTMENT,
        c.TOPIC_BOXED_WARNING,
        c.TOPIC_RELATED_RESEARCH,
    },
}


def test_real_fact_base_covers_what_each_seed_states(store: FactStore) -> None:
    topics = {m.id: set(m.facts) for m in store.medicines}
    assert {m: topics.get(m) for m in EXPECTED_TOPICS} == EXPECTED_TOPICS


def test_a_missing_source_document_names_where_it_was_looked_for(
    tmp_path: Path,
) -> None:
    with pytest.raises(FileNotFoundError, match="none of: .*sources/"):
        find_source("new-medicine.txt", (tmp_path / "sources", tmp_path / "seeds"))
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "new-medicine.txt").write_text("text")
    found = find_source("new-medicine.txt", (tmp_path / "sources", tmp_path / "seeds"))
    assert found == tmp_path / "seeds" / "new-medicine.txt"


def test_aliases_include_research_code(store: FactStore) -> None:
    plozalizumab = store.medicine("plozalizumab")
    assert plozalizumab is not None
    assert "MLN1202" in plozalizumab.names
    assert plozalizumab.status == "investigational"
    assert store.medicine("socazolimab").status == "approved"  # type: ignore[union-attr]


@pytest.mark.parametrize("fact", REAL_FACTS, ids=lambda f: f.id)
def test_every_fact_traces_to_its_seed_passage(
    fact: Fact, source_folders: Tuple[Path, ...]
) -> None:
    seed = find_source(fact.source_file, source_folders).read_text(encoding="utf-8")
    assert provenance_problems(fact, seed) == []


@pytest.mark.parametrize("fact", REAL_FACTS, ids=lambda f: f.id)
def test_every_fact_has_review_date_and_short_answer(fact: Fact) -> None:
    assert fact.reviewed.year >= 2026
    # Short enough to read on a phone without scrolling through a wall of text.
    assert len(fact.answer.split()) <= 90


def test_provenance_catches_invented_number_quote_and_term(
    small_store: FactStore,
) -> None:
    fact = small_store.fact("testamab", c.TOPIC_OVERVIEW)
    assert fact is not None
    seed = "Testamab is a test antibody. It is given every 3 weeks."
    assert provenance_problems(fact, seed) == []
    changed = Fact(
        **{
            **fact.__dict__,
            "answer": "Testamab is a test antibody given every 4 weeks.",
        }
    )
    assert any("number 4" in p for p in provenance_problems(changed, seed))
    assert any("quote not found" in p for p in provenance_problems(fact, "Other text."))
    no_term = Fact(**{**fact.__dict__, "key_terms": ("monoclonal",)})
    assert any("key term 'monoclonal'" in p for p in provenance_problems(no_term, seed))


def test_typographic_quotes_match_straight_ones() -> None:
    fact = Fact(
        "m",
        "overview",
        "Lee's.",
        "S",
        ("Lee’s Pharmaceutical",),
        ("Lee's",),
        __import__("datetime").date(2026, 1, 1),
        "f",
        "t",
    )
    assert provenance_problems(fact, "Licensed to Lee’s Pharmaceutical.") == []


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("5 mg/kg over 30 to 60 minutes", ["5", "30", "60"]),
        ("ORR of 15.4%.", ["15.4"]),
        ("PD-L1, CCR2 and MLN1202", []),
        ("Days 1, 15, and 29", ["1", "15", "29"]),
    ],
)
def test_numbers_in(text: str, numbers: List[str]) -> None:
    assert numbers_in(text) == numbers


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("status: investigational", "status: maybe", "field 'status' must be one of"),
        ("id: testamab", "id: other", "field 'id' is 'other' but must match"),
        ("  overview:\n", "  cost:\n", "field 'topics.cost' is not a known topic"),
        (
            "    answer: Testamab is a test antibody given every 3 weeks.\n",
            "",
            "field 'topics.overview.answer' is missing",
        ),
        (
            "    reviewed: 2026-01-02\n  premedication",
            "    reviewed: soon\n  premedication",
            "field 'topics.overview.reviewed' must be a date",
        ),
        (
            "    key_terms: [Benadryl]",
            "    key_terms: []",
            "field 'topics.premedication.key_terms' must be a non-empty list",
        ),
        (
            "  title: Testamab sheet",
            "  title: ''",
            "field 'source.title' must not be empty",
        ),
        ("name: Testamab", "name: [Testamab", "is not valid YAML"),
        ("name: Testamab", "name: 42", "field 'name' must be a str, got int"),
        ("status: investigational", "status:", "field 'status' is missing"),
        (
            "aliases: [testamab, TST-42]",
            "aliases: testamab",
            "field 'aliases' must be a list, got str",
        ),
        (
            "source:\n  file: seed.txt\n  title: Testamab sheet",
            "source: seed.txt",
            "field 'source' must be a mapping, got str",
        ),
        (
            "  overview:\n    section: Overview",
            "  overview:\n  extra:\n    section: Overview",
            "field 'topics.overview' must be a mapping",
        ),
        (
            "    section: Before the drip",
            "    section: [Before]",
            "field 'topics.premedication.section' must be a str, got list",
        ),
        (
            "    reviewed: 2026-01-02\n  premedication",
            "    reviewed: 20260102\n  premedication",
            "field 'topics.overview.reviewed' must be a date, got int",
        ),
        (
            "topics:",
            "topics: {}\nunused:",
            "field 'topics' must list at least one topic",
        ),
    ],
)
def test_bad_fact_file_names_file_and_field(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in SMALL_FACT_FILE
    path = tmp_path / "testamab.yml"
    path.write_text(SMALL_FACT_FILE.replace(old, new, 1))
    with pytest.raises(FactBaseError) as error:
        load_medicine_file(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_two_medicines_may_not_share_a_name(small_facts_dir: Path) -> None:
    clash = (
        SMALL_FACT_FILE.replace("id: testamab", "id: other")
        .replace("name: Testamab", "name: Othermab")
        .replace("aliases: [testamab, TST-42]", "aliases: [tst 42]")
    )
    (small_facts_dir / "other.yml").write_text(clash)
    with pytest.raises(
        FactBaseError, match="field 'aliases': name 'TST-42' is already"
    ):
        load_fact_store(small_facts_dir)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FactBaseError, match="no fact files"):
        load_fact_store(tmp_path)


def test_store_lookups(small_store: FactStore) -> None:
    assert small_store.names() == {"testamab": ("Testamab", "TST-42")}
    assert small_store.fact("testamab", c.TOPIC_DOSE) is None
    assert small_store.fact("nope", c.TOPIC_OVERVIEW) is None
    fact = small_store.fact("testamab", c.TOPIC_OVERVIEW)
    assert fact is not None and fact.id == "testamab.overview"
