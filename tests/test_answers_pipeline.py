"""The answer pipeline (core/answers/pipeline.py): the dialogue decision over
every topic and medicine, for topic, unsure and uncovered questions, and after
an escalation."""

import itertools
from typing import Optional

import pytest

from actions.base import answer_slots, reply_json
from core import constants as c
from core.answers.pipeline import respond, uncovered_outcome
from core.answers.types import Turn
from core.answers.wording import SAFETY_LINE
from core.facts import FactStore

MEDICINES = ("socazolimab", "plozalizumab")


@pytest.mark.parametrize(
    "intent, medicine", list(itertools.product(c.TOPIC_BY_INTENT, MEDICINES))
)
def test_every_topic_for_every_medicine(
    store: FactStore, intent: str, medicine: str
) -> None:
    topic = c.TOPIC_BY_INTENT[intent]
    outcome = respond(store, Turn(intent=intent, medicines=[medicine]))
    reply = outcome.replies[0]
    # One reply per topic; an investigational medicine's uses add what it is
    # studied for (test_an_investigational_medicine_says_what_it_is_studied_for).
    studied = topic == c.TOPIC_APPROVED_USES and medicine == "plozalizumab"
    assert len(outcome.replies) == 1 + studied
    fact = store.fact(medicine, topic)
    if fact is None:
        # The seeds say nothing: say so, point to the care team, state no fact.
        assert "does not cover" in reply.text and "care team" in reply.text
        assert reply_json(reply) == {
            "no_information": {"medicine": medicine, "topic": topic}
        }
    else:
        assert reply.text.startswith(fact.answer)
        if topic != c.TOPIC_OVERVIEW:  # the overview names every section it uses
            assert f'section "{fact.section}"' in reply.text
        else:
            assert f'"{fact.section}"' in reply.text
        assert reply_json(reply) is not None
        assert reply_json(reply)["fact"] == {
            "id": f"{medicine}.{topic}",
            "medicine": medicine,
            "topic": topic,
            "source": {
                "file": fact.source_file,
                "title": fact.source_title,
                "section": fact.section,
            },
            "reviewed": fact.reviewed.isoformat(),
        }
    assert answer_slots(outcome) == {
        c.SLOT_MEDICINE: medicine,
        c.SLOT_PENDING_TOPIC: None,
        c.SLOT_LAST_TOPIC: topic,
    }


def test_mechanism_of_socazolimab_mentions_pd_l1(store: FactStore) -> None:
    (reply,) = respond(store, Turn(c.INTENT_ASK_MECHANISM, ["socazolimab"])).replies
    assert "PD-L1" in reply.text


def test_no_information_never_borrows_the_other_medicines_fact(
    store: FactStore,
) -> None:
    (reply,) = respond(store, Turn(c.INTENT_ASK_PREMEDICATION, ["socazolimab"])).replies
    ploza = store.fact("plozalizumab", c.TOPIC_PREMEDICATION)
    assert ploza is not None and ploza.answer not in reply.text
    assert "Tylenol" not in reply.text


def test_follow_up_uses_the_medicine_of_the_conversation(store: FactStore) -> None:
    turn = Turn(c.INTENT_ASK_ADMINISTRATION, slot_medicine="socazolimab")
    (reply,) = respond(store, turn).replies
    assert (
        reply_json(reply)
        and reply_json(reply)["fact"]["id"] == "socazolimab.administration"
    )


def test_what_about_other_medicine_repeats_last_topic(store: FactStore) -> None:
    turn = Turn(
        c.INTENT_INFORM_MEDICINE,
        medicines=["plozalizumab"],
        slot_medicine="plozalizumab",  # from_entity already moved the slot
        last_topic=c.TOPIC_ADMINISTRATION,
    )
    outcome = respond(store, turn)
    (reply,) = outcome.replies
    assert (
        reply_json(reply)
        and reply_json(reply)["fact"]["id"] == "plozalizumab.administration"
    )
    assert answer_slots(outcome)[c.SLOT_LAST_TOPIC] == c.TOPIC_ADMINISTRATION


def test_medicine_alone_without_context_gives_overview(store: FactStore) -> None:
    (reply,) = respond(store, Turn(c.INTENT_INFORM_MEDICINE, ["socazolimab"])).replies
    assert (
        reply_json(reply) and reply_json(reply)["fact"]["id"] == "socazolimab.overview"
    )


def test_no_medicine_known_asks_which_then_answers_original_question(
    store: FactStore,
) -> None:
    first = respond(store, Turn(c.INTENT_ASK_DOSE))
    (ask,) = first.replies
    assert "Which medicine" in ask.text and "the dose" in ask.text
    assert [b["title"] for b in ask.buttons] == ["Plozalizumab", "Socazolimab"]
    assert ask.buttons[1]["payload"] == '/inform_medicine{"medicine": "socazolimab"}'
    assert answer_slots(first) == {c.SLOT_PENDING_TOPIC: c.TOPIC_DOSE}

    second = respond(
        store,
        Turn(c.INTENT_INFORM_MEDICINE, ["socazolimab"], pending_topic=c.TOPIC_DOSE),
    )
    (answer,) = second.replies
    assert "5 mg/kg" in answer.text
    assert answer_slots(second)[c.SLOT_PENDING_TOPIC] is None


def test_pending_topic_wins_over_last_topic(store: FactStore) -> None:
    turn = Turn(
        c.INTENT_INFORM_MEDICINE,
        ["plozalizumab"],
        pending_topic=c.TOPIC_PRETREATMENT_TESTS,
        last_topic=c.TOPIC_DOSE,
    )
    (reply,) = respond(store, turn).replies
    assert (
        reply_json(reply)
        and reply_json(reply)["fact"]["topic"] == c.TOPIC_PRETREATMENT_TESTS
    )


def test_unrecognised_reply_to_clarifying_question_asks_again(store: FactStore) -> None:
    outcome = respond(store, Turn(c.INTENT_INFORM_MEDICINE, pending_topic=c.TOPIC_DOSE))
    (reply,) = outcome.replies
    assert reply.buttons and "the dose" in reply.text
    assert answer_slots(outcome) == {c.SLOT_PENDING_TOPIC: c.TOPIC_DOSE}


def test_both_medicines_answers_both_and_leaves_no_single_it(store: FactStore) -> None:
    outcome = respond(
        store, Turn(c.INTENT_ASK_SIDE_EFFECTS_COMMON, ["socazolimab", "plozalizumab"])
    )
    ids = [reply_json(r)["fact"]["id"] for r in outcome.replies if reply_json(r)]
    assert ids == [
        "socazolimab.side_effects_common",
        "plozalizumab.side_effects_common",
    ]
    assert answer_slots(outcome)[c.SLOT_MEDICINE] is None


@pytest.mark.parametrize("slot", [None, "socazolimab", "plozalizumab"])
def test_unknown_medicine_is_never_answered_with_our_facts(
    store: FactStore, slot: str
) -> None:
    turn = Turn(
        c.INTENT_ASK_SIDE_EFFECTS_COMMON,
        other_medicines=["pembrolizumab"],
        slot_medicine=slot,
    )
    outcome = respond(store, turn)
    (reply,) = outcome.replies
    assert "pembrolizumab" in reply.text
    assert (
        "only have information about Plozalizumab (MLN1202) and Socazolimab"
        in reply.text
    )
    assert reply_json(reply) == {"unknown_medicine": ["pembrolizumab"]}
    assert all(f.answer not in reply.text for f in store.all_facts())
    assert c.SLOT_MEDICINE not in answer_slots(outcome)


def test_other_medicine_named_in_our_fact_is_answered(store: FactStore) -> None:
    turn = Turn(
        c.INTENT_ASK_PREMEDICATION,
        other_medicines=["Benadryl"],
        slot_medicine="plozalizumab",
    )
    (reply,) = respond(store, turn).replies
    assert (
        reply_json(reply)
        and reply_json(reply)["fact"]["id"] == "plozalizumab.premedication"
    )


def test_other_medicine_not_in_our_fact_is_unknown(store: FactStore) -> None:
    turn = Turn(
        c.INTENT_ASK_PREMEDICATION,
        other_medicines=["ibuprofen"],
        slot_medicine="plozalizumab",
    )
    (reply,) = respond(store, turn).replies
    assert reply_json(reply) == {"unknown_medicine": ["ibuprofen"]}


def test_slot_naming_a_removed_medicine_is_ignored(store: FactStore) -> None:
    (reply,) = respond(store, Turn(c.INTENT_ASK_DOSE, slot_medicine="gonemab")).replies
    assert reply.buttons  # asks which medicine instead of failing


def test_when_to_call_is_appended_after_the_answer(store: FactStore) -> None:
    turn = Turn(
        c.INTENT_ASK_SIDE_EFFECTS_COMMON, ["socazolimab"], asked_symptoms=["diarrhoea"]
    )
    fact, advice = respond(store, turn).replies
    assert (
        reply_json(fact)
        and reply_json(fact)["fact"]["id"] == "socazolimab.side_effects_common"
    )
    assert advice.text.startswith("When to get help:")


def test_side_effect_question_naming_a_symptom_says_whether_it_is_listed(
    store: FactStore,
) -> None:
    from core.answers.pipeline import respond

    listed = respond(
        store,
        Turn(
            intent=c.INTENT_ASK_SIDE_EFFECTS_COMMON,
            medicines=["socazolimab"],
            text="does socazolimab cause diarrhea?",
        ),
    )
    (reply,) = listed.replies
    assert reply_json(reply)["side_effect_check"]["listed"] is True
    assert "common side effects" in reply.text and "Source:" in reply.text
    not_listed = respond(
        store,
        Turn(
            intent=c.INTENT_ASK_SIDE_EFFECTS_COMMON,
            medicines=["socazolimab"],
            text="does it cause hair loss",
        ),
    )
    (reply,) = not_listed.replies
    assert reply_json(reply)["side_effect_check"]["listed"] is False
    assert "do not list hair loss" in reply.text


def test_fallback_answers_the_closest_match_or_offers_topics(store: FactStore) -> None:
    from core.answers.pipeline import fallback_outcome
    from core.retrieval import build_retriever
    from core.settings import PROJECT_ROOT

    retriever = build_retriever(store, PROJECT_ROOT / "data" / "nlu")
    clear = fallback_outcome(
        store,
        retriever,
        "socazolimab trial response rate numbers",
        Turn(intent="nlu_fallback", medicines=["socazolimab"]),
    )
    assert reply_json(clear.replies[0])["closest_match"] is True
    assert reply_json(clear.replies[0])["fact"]["id"] == "socazolimab.trial_results"
    vague = fallback_outcome(
        store,
        retriever,
        "plozalizumab liver blood",
        Turn(intent="nlu_fallback", medicines=["plozalizumab"]),
    )
    assert vague.replies[0].buttons or reply_json(vague.replies[0]).get("closest_match")
    nothing = fallback_outcome(
        store,
        retriever,
        "blah",
        Turn(intent="nlu_fallback", slot_medicine="plozalizumab"),
    )
    assert nothing.replies[0].text.startswith("Sorry, I'm not sure")
    assert "Plozalizumab" in nothing.replies[0].buttons[0]["title"]


@pytest.mark.parametrize("medicine", MEDICINES)
def test_what_is_it_is_composed_from_class_uses_and_status(
    store: FactStore, medicine: str
) -> None:
    (reply,) = respond(
        store,
        Turn(
            intent=c.INTENT_ASK_OVERVIEW,
            medicines=[medicine],
            text=f"what is {medicine}?",
        ),
    ).replies
    ids = reply_json(reply)["facts"]
    assert ids[0] == f"{medicine}.overview" and f"{medicine}.drug_class" in ids
    assert f"{medicine}.approval" in ids
    assert any(i.endswith(("approved_uses", "investigational_uses")) for i in ids)
    for fact_id in ids:
        assert store.fact(medicine, fact_id.split(".")[1]).answer in reply.text


def test_class_comparisons_the_sources_do_not_settle_are_said_so(
    store: FactStore,
) -> None:
    steroid = respond(
        store,
        Turn(
            intent=c.INTENT_ASK_DRUG_CLASS,
            medicines=["plozalizumab"],
            text="is plozalizumab a steroid",
        ),
    )
    assert [reply_json(r).get("not_compared") for r in steroid.replies][-1] == [
        "a steroid"
    ]
    settled = respond(
        store,
        Turn(
            intent=c.INTENT_ASK_DRUG_CLASS,
            medicines=["socazolimab"],
            text="is socazolimab an immunotherapy",
        ),
    )
    assert len(settled.replies) == 1
    assert "immune checkpoint inhibitor" in settled.replies[0].text


def test_each_part_of_a_multi_part_question_is_answered(store: FactStore) -> None:
    from core.answers.parts import question_parts
    from core.retrieval import build_retriever
    from core.settings import PROJECT_ROOT

    retriever = build_retriever(store, PROJECT_ROOT / "data" / "nlu")
    text = "how is socazolimab given and how often"
    assert question_parts(text) == ["how is socazolimab given", "how often"]
    outcome = respond(
        store,
        Turn(intent=c.INTENT_ASK_ADMINISTRATION, medicines=["socazolimab"], text=text),
        retriever,
    )
    assert [reply_json(r)["fact"]["topic"] for r in outcome.replies] == [
        "administration",
        "schedule",
    ]
    single = respond(
        store,
        Turn(
            intent=c.INTENT_ASK_DOSE,
            medicines=["socazolimab"],
            text="socazolimab dose for an adult, please",
        ),
        retriever,
    )
    assert len(single.replies) == 1


def test_an_uncovered_part_is_said_first_then_the_covered_part(
    store: FactStore,
) -> None:
    turn = Turn(
        c.INTENT_ASK_SIDE_EFFECTS_COMMON,
        ["socazolimab"],
        text="what are the side effects of socazolimab and can I drink wine on it",
    )
    first, *rest = respond(store, turn).replies
    assert reply_json(first)["no_information"]["aspects"] == ["alcohol"]
    assert (
        "don't say anything about alcohol" in first.text and SAFETY_LINE in first.text
    )
    assert any(
        reply_json(r)
        and reply_json(r).get("fact", {}).get("topic") == "side_effects_common"
        for r in rest
    )


def test_a_question_without_uncovered_parts_gets_no_such_statement(
    store: FactStore,
) -> None:
    turn = Turn(
        c.INTENT_ASK_SCHEDULE,
        ["socazolimab"],
        text="how often does one get socazolimab",
    )
    assert not any(
        reply_json(r) and "no_information" in reply_json(r)
        for r in respond(store, turn).replies
    )


def test_a_single_uncovered_question_gets_no_neighbouring_fact(
    store: FactStore,
) -> None:
    from core.retrieval import build_retriever
    from core.settings import PROJECT_ROOT

    retriever = build_retriever(store, PROJECT_ROOT / "data" / "nlu")
    turn = Turn(
        c.INTENT_ASK_UNCOVERED_TOPIC,
        ["socazolimab"],
        text="how many doses of socazolimab can I miss before it matters",
    )
    outcome = uncovered_outcome(store, retriever, turn)
    assert outcome is not None
    assert [
        reply_json(r) and "no_information" in reply_json(r) for r in outcome.replies
    ] == [True]
    assert "a missed dose" in outcome.replies[0].text


def test_an_aspect_the_facts_do_mention_is_answered_from_the_fact_that_mentions_it(
    store: FactStore,
) -> None:
    from core.retrieval import build_retriever
    from core.settings import PROJECT_ROOT

    retriever = build_retriever(store, PROJECT_ROOT / "data" / "nlu")
    turn = Turn(
        c.INTENT_ASK_UNCOVERED_TOPIC,
        ["plozalizumab"],
        text="is there a US brand name for plozalizumab yet",
    )
    outcome = uncovered_outcome(store, retriever, turn)
    assert [reply_json(r)["fact"]["id"] for r in outcome.replies] == [
        "plozalizumab.approval"
    ]
    assert reply_json(outcome.replies[0])["closest_match"] is True
    assert "no US brand name" in outcome.replies[0].text
    assert answer_slots(outcome)[c.SLOT_LAST_TOPIC] == "approval"


def test_an_unsure_intent_guess_that_ranking_agrees_with_is_answered(
    store: FactStore,
) -> None:
    from core.answers.pipeline import fallback_outcome
    from core.answers.reading import ranked_intents
    from core.retrieval import build_retriever
    from core.settings import PROJECT_ROOT

    retriever = build_retriever(store, PROJECT_ROOT / "data" / "nlu")
    text = "plozalizumab liver kidney"  # no clear winner by ranking alone
    ranking = ranked_intents(
        [
            {"name": "nlu_fallback"},
            {"name": c.INTENT_ASK_DOSE_ADJUSTMENT},
            {"name": c.INTENT_ASK_SCHEDULE},
        ]
    )
    assert ranking == [c.INTENT_ASK_DOSE_ADJUSTMENT, c.INTENT_ASK_SCHEDULE]
    agreed = fallback_outcome(
        store,
        retriever,
        text,
        Turn(
            intent="nlu_fallback",
            medicines=["plozalizumab"],
            text=text,
            intent_ranking=ranking,
        ),
    )
    assert [reply_json(r)["fact"]["id"] for r in agreed.replies] == [
        "plozalizumab.dose_adjustment"
    ]
    assert reply_json(agreed.replies[0])["closest_match"] is True
    # A guess the ranking puts lower than second is not answered: topics are offered.
    far = fallback_outcome(
        store,
        retriever,
        text,
        Turn(
            intent="nlu_fallback",
            medicines=["plozalizumab"],
            text=text,
            intent_ranking=[c.INTENT_ASK_SCHEDULE],
        ),
    )
    assert far.replies[0].buttons and "fact" not in (reply_json(far.replies[0]) or {})


def test_a_use_question_about_an_unmentioned_condition_says_so_after_the_uses(
    store: FactStore,
) -> None:
    outcome = respond(
        store,
        Turn(
            intent=c.INTENT_ASK_APPROVED_USES,
            medicines=["socazolimab"],
            text="can socazolimab be used for breast cancer",
        ),
    )
    fact, remark = outcome.replies
    assert reply_json(fact)["fact"]["id"] == "socazolimab.approved_uses"
    assert reply_json(remark)["no_information"]["condition"] == "breast cancer"
    assert "don't mention breast cancer" in remark.text


def test_an_unsure_question_on_an_aspect_a_fact_mentions_gets_that_fact(
    store: FactStore,
) -> None:
    from core.answers.pipeline import fallback_outcome
    from core.retrieval import build_retriever
    from core.settings import PROJECT_ROOT

    retriever = build_retriever(store, PROJECT_ROOT / "data" / "nlu")
    text = "does plozalizumab go by a trade name"  # BM25 alone: no clear winner
    outcome = fallback_outcome(
        store,
        retriever,
        text,
        Turn(intent="nlu_fallback", medicines=["plozalizumab"], text=text),
    )
    assert [reply_json(r)["fact"]["id"] for r in outcome.replies] == [
        "plozalizumab.approval"
    ]


@pytest.fixture(scope="module")
def retriever(store: FactStore):
    from core.retrieval import build_retriever
    from core.settings import PROJECT_ROOT

    return build_retriever(store, PROJECT_ROOT / "data" / "nlu")


def test_a_confident_topic_the_question_shares_no_words_with_gives_way_to_the_ranking(
    store: FactStore, retriever
) -> None:
    # The classifier is fairly sure of "how it is given"; every word of the
    # question is about whether it works, and that topic's fact is answered.
    text = "does socazolimab actually cure it, what are the odds it shrinks"
    turn = Turn(
        intent=c.INTENT_ASK_ADMINISTRATION,
        medicines=["socazolimab"],
        text=text,
        intent_confidence={c.INTENT_ASK_ADMINISTRATION: 0.7, c.INTENT_ASK_DOSE: 0.1},
    )
    outcome = respond(store, turn, retriever)
    assert reply_json(outcome.replies[0])["fact"]["topic"] == c.TOPIC_TRIAL_RESULTS
    assert answer_slots(outcome)[c.SLOT_LAST_TOPIC] == c.TOPIC_TRIAL_RESULTS


def test_a_confident_topic_the_question_supports_is_kept(
    store: FactStore, retriever
) -> None:
    text = "how is socazolimab given, through a drip?"
    turn = Turn(
        intent=c.INTENT_ASK_ADMINISTRATION,
        medicines=["socazolimab"],
        text=text,
        intent_confidence={c.INTENT_ASK_ADMINISTRATION: 0.9},
    )
    assert (
        reply_json(respond(store, turn, retriever).replies[0])["fact"]["topic"]
        == c.TOPIC_ADMINISTRATION
    )
    # Without the classifier's confidences (an older tracker) nothing is re-read.
    bare = Turn(intent=c.INTENT_ASK_DOSE, medicines=["socazolimab"], text=text)
    assert (
        reply_json(respond(store, bare, retriever).replies[0])["fact"]["topic"]
        == c.TOPIC_DOSE
    )


def test_a_topic_the_sources_lack_is_said_so_not_swapped_for_a_neighbour(
    store: FactStore, retriever
) -> None:
    missing = [t for t in c.TOPICS if store.fact("socazolimab", t) is None]
    assert missing, "socazolimab's file covers every topic: pick another medicine"
    intent = c.INTENT_BY_TOPIC[missing[0]]
    turn = Turn(
        intent=intent,
        medicines=["socazolimab"],
        text="socazolimab results and dose",
        intent_confidence={intent: 0.6},
    )
    (reply, *_) = respond(store, turn, retriever).replies
    assert reply_json(reply).get("no_information") == {
        "medicine": "socazolimab",
        "topic": missing[0],
    }


def test_unsure_questions_get_the_fused_topic_with_the_next_ones_as_buttons(
    store: FactStore, retriever
) -> None:
    from core.answers.pipeline import fallback_outcome
    from core.answers.reading import intent_confidences

    text = "plozalizumab liver blood"  # no clear winner by ranking alone
    confidence = intent_confidences(
        [
            {"name": "nlu_fallback", "confidence": 0.45},
            {"name": c.INTENT_ASK_REPORT_MONITOR, "confidence": 0.3},
            {"name": c.INTENT_ASK_SCHEDULE, "confidence": 0.1},
        ]
    )
    assert confidence == {c.INTENT_ASK_REPORT_MONITOR: 0.3, c.INTENT_ASK_SCHEDULE: 0.1}
    outcome = fallback_outcome(
        store,
        retriever,
        text,
        Turn(
            intent="nlu_fallback",
            medicines=["plozalizumab"],
            text=text,
            intent_confidence=confidence,
        ),
    )
    (reply,) = outcome.replies
    assert reply_json(reply)["closest_match"] is True
    chosen = reply_json(reply)["fact"]["topic"]
    offered = [b["payload"] for b in reply.buttons]
    assert 1 <= len(offered) <= 2 and all("plozalizumab" in p for p in offered)
    assert not any(
        f'"{chosen}"' in p for p in offered
    )  # the answer is not offered again
    assert "something else" in reply.text


@pytest.mark.parametrize(
    "text, medicine",
    [
        ("socazolimab and itching?", "socazolimab"),
        ("chills after plozalizumab?", "plozalizumab"),
        (
            "I've been tired out since my infusion, could it be the medicine?",
            "socazolimab",
        ),
        ("is that the drug? my skin is itchy", "plozalizumab"),
    ],
)
def test_short_pairings_and_is_it_the_drug_ask_the_side_effect_check(
    store: FactStore, text: str, medicine: str
) -> None:
    from core.answers.pipeline import escalation_follow_up

    turn = Turn(intent=c.INTENT_SYMPTOM_ROUTINE, medicines=[medicine], text=text)
    replies = escalation_follow_up(store, turn, "routine")
    assert replies and all("side_effect_check" in reply_json(r) for r in replies)
    assert all(
        reply_json(r)["side_effect_check"]["medicine"] == medicine for r in replies
    )


def test_a_report_without_a_question_gets_no_side_effect_follow_up(
    store: FactStore,
) -> None:
    from core.answers.pipeline import escalation_follow_up

    turn = Turn(
        intent=c.INTENT_SYMPTOM_ROUTINE,
        medicines=["socazolimab"],
        text="itchy skin since socazolimab on monday",
    )
    assert escalation_follow_up(store, turn, "routine") == []


@pytest.mark.parametrize("level", ["urgent", "routine"])
def test_a_topic_question_asked_with_a_report_is_answered_under_the_escalation(
    store: FactStore,
    retriever,
    level: str,
) -> None:
    from core.answers.pipeline import escalation_follow_up
    from core.answers.wording import FOLLOW_UP_PREFIX

    # Triage took the message; DIET had read the question underneath.
    turn = Turn(
        intent=c.INTENT_SYMPTOM_URGENT,
        medicines=["socazolimab"],
        text="runny tummy six times since lunch, and how often do I go in for it?",
        intent_ranking=[c.INTENT_SYMPTOM_URGENT, c.INTENT_ASK_SCHEDULE],
        intent_confidence={c.INTENT_SYMPTOM_URGENT: 1.0, c.INTENT_ASK_SCHEDULE: 0.8},
    )
    replies = escalation_follow_up(store, turn, level, retriever)
    assert [reply_json(r)["fact"]["topic"] for r in replies] == ["schedule"]
    assert all(r.text.startswith(FOLLOW_UP_PREFIX) for r in replies)
    # An emergency reply stands alone.
    assert escalation_follow_up(store, turn, "emergency", retriever) == []


def test_an_unsure_reading_or_a_plain_report_gets_no_question_answer(
    store: FactStore, retriever
) -> None:
    from core.answers.pipeline import escalation_follow_up

    unsure = Turn(
        intent=c.INTENT_SYMPTOM_URGENT,
        medicines=["socazolimab"],
        text="runny tummy six times since lunch, how often do I go in?",
        intent_ranking=[c.INTENT_SYMPTOM_URGENT, c.INTENT_ASK_SCHEDULE],
        intent_confidence={c.INTENT_ASK_SCHEDULE: 0.3},
    )
    report = Turn(
        intent=c.INTENT_SYMPTOM_URGENT,
        medicines=["socazolimab"],
        text="runny tummy six times since lunch",
        intent_ranking=[c.INTENT_SYMPTOM_URGENT, c.INTENT_ASK_SCHEDULE],
        intent_confidence={c.INTENT_ASK_SCHEDULE: 0.9},
    )
    assert escalation_follow_up(store, unsure, "urgent", retriever) == []
    assert escalation_follow_up(store, report, "urgent", retriever) == []


def test_a_what_is_it_part_is_answered_beside_the_uncovered_part(
    store: FactStore, retriever
) -> None:
    turn = Turn(
        intent=c.INTENT_ASK_UNCOVERED_TOPIC,
        medicines=["plozalizumab"],
        text="plozalizumab: what is it, and can I fly while on it?",
    )
    outcome = uncovered_outcome(store, retriever, turn)
    assert "no_information" in reply_json(outcome.replies[0])
    assert [reply_json(r)["fact"]["topic"] for r in outcome.replies[1:]] == [
        c.TOPIC_OVERVIEW
    ]


def test_the_form_of_a_question_outweighs_a_confident_wrong_topic(
    store: FactStore, retriever
) -> None:
    text = "can my GP prescribe plozalizumab for me"
    turn = Turn(
        intent=c.INTENT_ASK_APPROVED_USES,
        medicines=["plozalizumab"],
        text=text,
        intent_confidence={c.INTENT_ASK_APPROVED_USES: 0.8, c.INTENT_ASK_APPROVAL: 0.1},
    )
    assert (
        reply_json(respond(store, turn, retriever).replies[0])["fact"]["topic"]
        == c.TOPIC_APPROVAL
    )


def test_the_classifiers_topic_stays_a_part_when_another_reading_leads(
    store: FactStore, retriever
) -> None:
    text = "in a nutshell, what is plozalizumab, and how is it given?"
    turn = Turn(
        intent=c.INTENT_ASK_ADMINISTRATION,
        medicines=["plozalizumab"],
        text=text,
        intent_confidence={c.INTENT_ASK_ADMINISTRATION: 0.9},
    )
    replies = respond(store, turn, retriever).replies
    ids = [
        i
        for r in replies
        for i in (
            reply_json(r).get("facts") or [reply_json(r).get("fact", {}).get("id")]
        )
    ]
    assert "plozalizumab.administration" in ids and "plozalizumab.overview" in ids


@pytest.mark.parametrize(
    "intent, text, other, topic",
    [
        # "X vs Y" reads as a mention of a medicine: answer how ours works.
        (
            c.INTENT_INFORM_MEDICINE,
            "socazolimab vs pembrolizumab",
            "pembrolizumab",
            c.TOPIC_MECHANISM,
        ),
        # Compared with a kind of treatment only: what kind of medicine ours is.
        (
            c.INTENT_INFORM_MEDICINE,
            "plozalizumab or radiation, what's the difference",
            None,
            c.TOPIC_DRUG_CLASS,
        ),
        # A question that asks something else keeps its topic, and still hears
        # that the sources don't compare.
        (
            c.INTENT_ASK_TRIAL_RESULTS,
            "is socazolimab better than keytruda",
            "keytruda",
            c.TOPIC_TRIAL_RESULTS,
        ),
    ],
)
def test_a_comparison_answers_ours_and_says_what_the_sources_do_not_compare(
    store: FactStore,
    retriever,
    intent: str,
    text: str,
    other: Optional[str],
    topic: str,
) -> None:
    medicine = "socazolimab" if "socazolimab" in text else "plozalizumab"
    outcome = respond(
        store,
        Turn(
            intent=intent,
            medicines=[medicine],
            text=text,
            other_medicines=[other] if other else [],
        ),
        retriever,
    )
    facts = [
        reply_json(r)["fact"]["topic"]
        for r in outcome.replies
        if reply_json(r) and "fact" in reply_json(r)
    ]
    assert facts == [topic]
    remark = outcome.replies[-1]
    assert reply_json(remark) and reply_json(remark)["not_compared"]
    assert "don't compare" in remark.text and "care team" in remark.text
    if other:
        assert other in reply_json(remark)["not_compared"]
    # The other medicine's name is said back, never answered with our facts as its own.
    assert all(
        reply_json(r).get("fact", {}).get("medicine") in (None, medicine)
        for r in outcome.replies
        if reply_json(r)
    )


def test_an_unsure_comparison_answers_how_ours_works(
    store: FactStore, retriever
) -> None:
    from core.answers.pipeline import fallback_outcome

    turn = Turn(
        intent=c.INTENT_NLU_FALLBACK,
        medicines=["plozalizumab"],
        other_medicines=["keytruda"],
        text="is plozalizumab like keytruda",
    )
    outcome = fallback_outcome(store, retriever, turn.text, turn)
    assert reply_json(outcome.replies[0])["fact"]["topic"] == c.TOPIC_MECHANISM
    assert reply_json(outcome.replies[-1]) == {"not_compared": ["keytruda"]}


def test_a_comparison_the_trial_settles_gets_no_remark(
    store: FactStore, retriever
) -> None:
    text = "socazolimab with chemo vs chemo alone, how much better was it"
    outcome = respond(
        store,
        Turn(intent=c.INTENT_ASK_TRIAL_RESULTS, medicines=["socazolimab"], text=text),
        retriever,
    )
    assert [reply_json(r).get("fact", {}).get("topic") for r in outcome.replies] == [
        c.TOPIC_TRIAL_RESULTS
    ]


def test_a_topic_the_sources_lack_still_reaches_the_fact_the_words_point_to(
    store: FactStore, retriever
) -> None:
    # Read as a precautions question, which socazolimab's sources lack: say so,
    # then the fact its words clearly lead to, as the closest match.
    assert store.fact("socazolimab", c.TOPIC_PRECAUTIONS) is None
    outcome = respond(
        store,
        Turn(
            intent=c.INTENT_ASK_PRECAUTIONS,
            medicines=["socazolimab"],
            text="where do natural killer cells come into socazolimab",
        ),
        retriever,
    )
    first, closest = outcome.replies
    assert reply_json(first)["no_information"]["topic"] == c.TOPIC_PRECAUTIONS
    assert (
        reply_json(closest)["closest_match"]
        and reply_json(closest)["fact"]["topic"] == c.TOPIC_MECHANISM
    )
    # Words that lead nowhere: the honest "no information", then the fact a
    # pharmacist would point to (what to report), as the closest match.
    vague = respond(
        store,
        Turn(
            intent=c.INTENT_ASK_PRECAUTIONS,
            medicines=["socazolimab"],
            text="socazolimab rules?",
        ),
        retriever,
    )
    first, closest = vague.replies
    assert "no_information" in reply_json(first)
    assert (
        reply_json(closest)["closest_match"]
        and reply_json(closest)["fact"]["topic"] == "report_monitor"
    )


def test_an_investigational_medicine_says_what_it_is_studied_for(
    store: FactStore,
) -> None:
    (none_approved, studied) = respond(
        store, Turn(intent=c.INTENT_ASK_APPROVED_USES, medicines=["plozalizumab"])
    ).replies
    assert reply_json(none_approved)["fact"]["topic"] == c.TOPIC_APPROVED_USES
    assert reply_json(studied)["fact"]["topic"] == c.TOPIC_INVESTIGATIONAL_USES
    # An approved medicine's uses are its approved uses alone.
    (approved,) = respond(
        store, Turn(intent=c.INTENT_ASK_APPROVED_USES, medicines=["socazolimab"])
    ).replies
    assert reply_json(approved)["fact"]["topic"] == c.TOPIC_APPROVED_USES


def test_a_question_read_as_uncovered_gets_the_topic_its_form_asks_for(
    store: FactStore, retriever
) -> None:
    # "Another name" is not an aspect the sources lack: the overview gives the
    # names they use.
    turn = Turn(
        intent=c.INTENT_ASK_UNCOVERED_TOPIC,
        medicines=["plozalizumab"],
        text="is plozalizumab known by some other name too",
    )
    (reply,) = uncovered_outcome(store, retriever, turn).replies
    assert (
        reply_json(reply)["fact"]["topic"] == c.TOPIC_OVERVIEW
        and "MLN1202" in reply.text
    )
    # An aspect the sources never mention stays "not covered", whatever the form.
    wine = Turn(
        intent=c.INTENT_ASK_UNCOVERED_TOPIC,
        medicines=["plozalizumab"],
        text="is wine known to be ok with plozalizumab",
    )
    replies = uncovered_outcome(store, retriever, wine).replies
    assert "no_information" in reply_json(replies[0])
    assert not any("fact" in (reply_json(r) or {}) for r in replies)


@pytest.mark.parametrize(
    "intent, text, medicine, topic",
    [
        # Read as a mechanism question; the condition named is in the studied uses.
        (
            c.INTENT_ASK_MECHANISM,
            "could plozalizumab help diabetic nephropathy",
            "plozalizumab",
            c.TOPIC_INVESTIGATIONAL_USES,
        ),
        (
            c.INTENT_ASK_TRIAL_RESULTS,
            "any socazolimab results in urothelial carcinoma",
            "socazolimab",
            c.TOPIC_INVESTIGATIONAL_USES,
        ),
    ],
)
def test_a_condition_named_reaches_the_fact_on_uses_that_mentions_it(
    store: FactStore, retriever, intent: str, text: str, medicine: str, topic: str
) -> None:
    outcome = respond(
        store, Turn(intent=intent, medicines=[medicine], text=text), retriever
    )
    topics = [
        reply_json(r)["fact"]["topic"]
        for r in outcome.replies
        if reply_json(r) and "fact" in reply_json(r)
    ]
    assert topic in topics


@pytest.mark.parametrize(
    "text, topic",
    [
        (
            "socazolimab, Lee's Pharmaceutical?",
            c.TOPIC_DEVELOPER,
        ),  # a key term of its developer fact
        ("ok and socazolimab?", c.TOPIC_OVERVIEW),  # words only its examples carry
        ("same for socazolimab", c.TOPIC_OVERVIEW),
    ],
)
def test_words_beside_a_named_medicine_reach_the_fact_whose_key_terms_they_name(
    store: FactStore, retriever, text: str, topic: str
) -> None:
    outcome = respond(
        store,
        Turn(intent=c.INTENT_INFORM_MEDICINE, medicines=["socazolimab"], text=text),
        retriever,
    )
    assert reply_json(outcome.replies[0])["fact"]["topic"] == topic
    # After a first question, naming the medicine keeps answering that topic.
    later = respond(
        store,
        Turn(
            intent=c.INTENT_INFORM_MEDICINE,
            medicines=["socazolimab"],
            text=text,
            last_topic=c.TOPIC_DOSE,
        ),
        retriever,
    )
    assert reply_json(later.replies[0])["fact"]["topic"] == c.TOPIC_DOSE


def test_could_that_be_the_drug_gets_the_side_effect_check_whatever_the_topic(
    store: FactStore, retriever
) -> None:
    text = "my ALT went up on plozalizumab, could that be the drug?"
    outcome = respond(
        store,
        Turn(
            intent=c.INTENT_ASK_DOSE_ADJUSTMENT, medicines=["plozalizumab"], text=text
        ),
        retriever,
    )
    check = reply_json(outcome.replies[0])["side_effect_check"]
    assert check["medicine"] == "plozalizumab" and check["listed"] is True
