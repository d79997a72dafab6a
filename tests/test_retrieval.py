"""BM25 over a medicine's facts: clear winners, choices, nothing for empty words."""

from pathlib import Path

from core.facts import FactStore
from core.retrieval import FactRetriever, build_retriever, nlu_examples_by_topic, tokens
from core.settings import PROJECT_ROOT


def test_tokens_drop_stop_words_and_stem() -> None:
    assert tokens("How is the infusion given?") == ["infusion", "given"]
    assert tokens("tumours responding") == ["tumour", "respond"]


def test_nlu_examples_are_grouped_by_topic() -> None:
    examples = nlu_examples_by_topic(PROJECT_ROOT / "data" / "nlu")
    assert "mechanism" in examples and len(examples["mechanism"]) >= 10
    assert not any("[" in e for e in examples["mechanism"])


def test_a_clear_question_has_a_clear_winner(store: FactStore) -> None:
    retriever = build_retriever(store, PROJECT_ROOT / "data" / "nlu")
    ranking = retriever.rank(
        "socazolimab", "what happened in the trials, response rate"
    )
    assert ranking.clear_winner == "trial_results"


def test_medicine_names_and_empty_questions_rank_nothing(store: FactStore) -> None:
    retriever = FactRetriever(store, {})
    assert retriever.rank("socazolimab", "socazolimab?").scored == ()
    assert retriever.rank("unknown", "dose").scored == ()


def test_choices_are_the_medicines_own_topics(store: FactStore) -> None:
    retriever = build_retriever(store, Path("/nonexistent"))
    ranking = retriever.rank("plozalizumab", "blood tests liver")
    assert set(ranking.best()) <= set(store.medicine("plozalizumab").facts)
    assert ranking.best()


def test_every_topic_has_the_words_patients_ask_it_with() -> None:
    from core.constants import TOPICS
    from core.retrieval import TOPIC_QUESTION_WORDS, tokens

    assert set(TOPICS) == set(TOPIC_QUESTION_WORDS)
    assert all(tokens(words) for words in TOPIC_QUESTION_WORDS.values())


def test_question_words_reach_a_topic_its_facts_never_word_that_way(store) -> None:
    from core.retrieval import build_retriever
    from core.settings import PROJECT_ROOT

    retriever = build_retriever(store, PROJECT_ROOT / "data" / "nlu")
    # "prescribe" and "access" are asked, not written, about approval status.
    ranking = retriever.rank(
        "plozalizumab", "can my doctor prescribe it, how do I get access"
    )
    assert ranking.scored[0][0] == "approval"
