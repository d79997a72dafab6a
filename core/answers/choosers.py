"""The topic choice of each way a question reaches the bot, as ordered ladders.

Pure module. A chooser returns a `TopicChoice` or None to let the next one
decide; the first choice made stands. Three ladders:

* a topic question (or only a medicine named): the classifier's topic, unless
  a comparison, the words beside a medicine's name, or the three readings
  together say otherwise;
* an unsure question: the named medicine's facts ranked by the question's words;
* a question the sources may not cover: what the sources do mention of it.
"""

from typing import Callable, List, Optional, Sequence

from core.answers import topic as t
from core.answers.reading import Reading
from core.answers.topic import TopicChoice, choice
from core.constants import TOPIC_OVERVIEW
from core.coverage import covering_topics
from core.facts import Medicine
from core.retrieval import CHOICES, tokens

# Questions on these topics that name a symptom or an organ get the side-effect
# check ("does it cause hair loss?") instead of the whole list.
SIDE_EFFECT_TOPICS = frozenset(
    {"side_effects_common", "side_effects_chemo", "side_effects_serious"}
)
# How high the intent classifier's unsure guess must rank by BM25 to be answered.
AGREEING_RANKS = 2
# The BM25 score the fused topic of an unsure question needs to be answered (a
# clear winner alone needs retrieval.MIN_SCORE): below it, the best topics are
# offered. 1.0 on the development question sets: 0.0 answered 3 more correctly
# and many off-topic questions with a guess; 2.0 answered 3 fewer.
FUSED_MIN_SCORE = 1.0

Chooser = Callable[[Reading], Optional[TopicChoice]]
MedicineChooser = Callable[[Reading, Medicine], Optional[TopicChoice]]


def first_choice(
    reading: Reading, choosers: Sequence[Chooser], otherwise: TopicChoice
) -> TopicChoice:
    """The first choice a chooser makes, else `otherwise`."""
    for chooser in choosers:
        made = chooser(reading)
        if made is not None:
            return made
    return otherwise


def first_for_medicine(
    reading: Reading, medicine: Medicine, choosers: Sequence[MedicineChooser]
) -> Optional[TopicChoice]:
    """The first choice a chooser makes for the medicine, if any."""
    for chooser in choosers:
        made = chooser(reading, medicine)
        if made is not None:
            return made
    return None


# --- A topic question ----------------------------------------------------------------


def by_comparison(reading: Reading) -> Optional[TopicChoice]:
    """A comparison that asks nothing else ("socazolimab vs pembrolizumab"):
    how ours works (its class, against a kind of treatment); what the sources
    don't settle is said after."""
    if (
        reading.compared
        and reading.intent_topic in (None, TOPIC_OVERVIEW)
        and reading.named
    ):
        return choice(reading.asked_for[0], t.COMPARISON)
    return None


def by_words_beside_the_name(reading: Reading) -> Optional[TopicChoice]:
    """A message read as only naming a medicine, with no topic pending or asked
    before, whose other words clearly point to one of its facts ("Sorrento
    socazolimab?" to its developer). "What about plozalizumab?" has no such
    words and keeps its overview or earlier topic."""
    turn = reading.turn
    if reading.retriever is None or not reading.names_only:
        return None
    if not reading.named or turn.pending_topic or turn.last_topic:
        return None
    medicine = reading.store.medicine(reading.named[0])
    winner = reading.rank(reading.named[0]).clear_winner
    if medicine is None or winner is None:
        return None
    # The words must name one of the fact's key terms, not only words of the
    # examples its ranking document carries ("ok", "same", "now").
    key_words = set(tokens(" ".join(medicine.facts[winner].key_terms)))
    if not key_words & set(tokens(reading.text)):
        return None
    return choice(winner, t.NAME_WORDS)


def _keeps_its_topic(reading: Reading, medicine: Medicine) -> bool:
    """A side-effect question about a named symptom keeps its topic (the check
    answers it), and so does a topic the sources say nothing on (say so, never
    a neighbour)."""
    asked = reading.intent_topic
    if asked in SIDE_EFFECT_TOPICS and reading.effects:
        return True
    return asked not in medicine.facts


def by_readings(reading: Reading) -> Optional[TopicChoice]:
    """The topic the three readings favour (`fused_topic`) for a topic question
    that names one of our medicines, when it differs from the classifier's."""
    confidence = reading.turn.intent_confidence
    if reading.retriever is None or reading.intent_topic is None:
        return None
    if not reading.named or not confidence:
        return None
    medicine = reading.store.medicine(reading.named[0])
    assert medicine is not None
    if _keeps_its_topic(reading, medicine):
        return None
    topic = t.fused_topic(
        medicine, reading.rank(medicine.id), confidence, asked_for=reading.form
    )
    if topic is None or topic == reading.intent_topic:
        return None
    return choice(topic, t.READINGS)


QUESTION_CHOOSERS: Sequence[Chooser] = (
    by_comparison,
    by_words_beside_the_name,
    by_readings,
)


def choose_for_question(reading: Reading) -> TopicChoice:
    """A topic question's topic; none when it only names a medicine."""
    topic = reading.intent_topic
    otherwise = choice(topic, t.CLASSIFIER if topic else t.FOLLOW_UP)
    return first_choice(reading, QUESTION_CHOOSERS, otherwise)


# --- An unsure question ---------------------------------------------------------------


def _side_effect_check(reading: Reading, medicine: Medicine) -> Optional[TopicChoice]:
    return TopicChoice((), t.SIDE_EFFECT_CHECK) if reading.effects_asked else None


def _form_or_clear_winner(
    reading: Reading, medicine: Medicine
) -> Optional[TopicChoice]:
    """The form of the question decides first (a comparison asks how ours
    works), as for each part of a question (`part_topic`)."""
    asked_for = [topic for topic in reading.asked_for if topic in medicine.facts]
    if asked_for:
        return choice(asked_for[0], t.FORM)
    winner = reading.rank(medicine.id).clear_winner
    return choice(winner, t.CLEAR_WINNER) if winner else None


def _each_part(reading: Reading, medicine: Medicine) -> Optional[TopicChoice]:
    """Several questions at once: each part whose topic clearly leads."""
    if len(reading.parts) < 2:
        return None
    topics = t.part_topics(reading, medicine, reading.parts)
    return TopicChoice(tuple(topics), t.PARTS) if topics else None


def _covering(reading: Reading, medicine: Medicine) -> Optional[TopicChoice]:
    """An aspect the patient asks about that a fact mentions (how long treatment
    goes on, a brand name...): the best ranked fact that mentions it."""
    ranked = t.ranked_covering(medicine, reading.rank(medicine.id), reading.text)
    return choice(ranked[0], t.COVERING) if ranked else None


def _agreeing_guess(reading: Reading, medicine: Medicine) -> Optional[TopicChoice]:
    """No clear winner by ranking, but the intent classifier's best (unsure)
    guess is among the top topics: two independent readings agree."""
    guess = reading.guess
    if guess in medicine.facts and guess in reading.rank(medicine.id).best(
        AGREEING_RANKS
    ):
        return choice(guess, t.AGREEING_GUESS)
    return None


def _fused(reading: Reading, medicine: Medicine) -> Optional[TopicChoice]:
    """Both readings together: the topic they favour, with the next best
    offered in case it is not the one meant."""
    confidence = reading.turn.intent_confidence
    if not confidence:
        return None
    ranking = reading.rank(medicine.id)
    winner = t.fused_topic(
        medicine,
        ranking,
        confidence,
        min_score=FUSED_MIN_SCORE,
        asked_for=[topic for topic in reading.asked_for if topic in medicine.facts],
    )
    if winner is None:
        return None
    others = [topic for topic in ranking.best(CHOICES) if topic != winner]
    return choice(winner, t.READINGS, others[: CHOICES - 1])


def _best_topics(reading: Reading, medicine: Medicine) -> Optional[TopicChoice]:
    best = reading.rank(medicine.id).best()
    return TopicChoice((), t.CHOICES, tuple(best)) if best else None


UNSURE_CHOOSERS: Sequence[MedicineChooser] = (
    _side_effect_check,
    _form_or_clear_winner,
    _each_part,
    _covering,
    _agreeing_guess,
    _fused,
    _best_topics,
)


def choose_for_unsure(reading: Reading) -> TopicChoice:
    """An unsure question's topic, for the first covered medicine it names."""
    if not reading.named:
        return TopicChoice((), t.NO_MEDICINE)
    medicine = reading.store.medicine(reading.named[0])
    assert medicine is not None
    made = first_for_medicine(reading, medicine, UNSURE_CHOOSERS)
    return made or TopicChoice((), t.NOTHING)


# --- A question the sources may not cover --------------------------------------------


def _mentioned(reading: Reading, medicine: Medicine) -> Optional[TopicChoice]:
    """What was asked is in the sources after all (this medicine's file mentions
    it): the fact that mentions it, the best ranked if several, and the topic
    the form asks for ("does it go by another name?" asks for the overview,
    which gives its names)."""
    if reading.uncovered:
        return None
    covering = covering_topics(medicine, reading.text)
    asked_for = [topic for topic in reading.form if topic in medicine.facts]
    if not covering and not asked_for:
        return None
    ranked = t.ranked_covering(medicine, reading.rank(medicine.id), reading.text)
    topics: List[str] = list(dict.fromkeys([*(ranked or covering)[:1], *asked_for[:1]]))
    return TopicChoice(tuple(topics), t.COVERING)


UNCOVERED_CHOOSERS: Sequence[MedicineChooser] = (_side_effect_check, _mentioned)


def choose_for_uncovered(reading: Reading) -> TopicChoice:
    """For the medicine in play: the side-effect check, else what the sources
    mention of the question, else not covered."""
    if reading.in_play is None:
        return TopicChoice((), t.NO_MEDICINE)
    made = first_for_medicine(reading, reading.in_play, UNCOVERED_CHOOSERS)
    return made or TopicChoice((), t.NOT_COVERED)
