"""Generate the training corpus for the learned triage classifier.

Pure module, deterministic for a seed. Sentences are composed, not listed: a
symptom phrase from the vocabulary (`core/triage/corpus_vocabulary.py`: lay
wording for the PRO-CTCAE terms, the UKONS presentations and C-SSRS constructs,
grouped by the level UKONS gives them) is crossed with a person (the patient or
a carer), a time, a hedge, a frame (report, negation, resolution, question,
hypothetical), typos, numbers and a question about the medicine. The frame
decides the label: the same symptom is `emergency` when reported now and `calm`
when denied, over, or asked about.

The calm side also takes the bot's own NLU questions (`data/nlu/`), so that
ordinary questions about the medicines stay calm.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from core.nlu_examples import examples_by_intent
from core.triage.corpus_frames import (
    CALM_FRAMES,
    CALM_REQUESTS,
    CONTEXTS,
    COUNTS,
    DRUG_NAMES,
    FEVER_VALUES,
    FOLLOW_UP_OPENERS,
    FOLLOW_UP_SHARE,
    FRAGMENT_FRAMES,
    FRAGMENT_SHARE,
    HEDGES,
    IDIOM_SENTENCES,
    JOINS,
    LOW_VALUES,
    MEDICINES,
    MINE_CUES,
    MULTI_QUESTION_SHARE,
    NEUTRAL_EVENTS,
    NEUTRAL_SHARE,
    NORMAL_READINGS,
    NORMAL_VITALS,
    NOUNS,
    NOW,
    NUMBER_CALM,
    OTHER_MEDICINES,
    QUESTIONS,
    TAKE_QUESTIONS,
    WELL_OPENERS,
    WELLBEING,
)
from core.triage.corpus_vocabulary import PERSONS, VOCABULARY
from core.triage.levels import CALM, EMERGENCY, LEVELS, ROUTINE, URGENT

# The labels the classifier learns, lowest to highest.
LABELS: Tuple[str, ...] = LEVELS
# Phrases that open with a verb take the person as their subject.
_VERB_OPENERS = (
    "{be}",
    "{have}",
    "can",
    "don't",
    "doesn't",
    "won't",
    "want",
    "wish",
    "think",
    "see",
    "feel",
    "get",
    "fainted",
    "passed",
    "keeled",
    "blacked",
    "went",
    "had",
    "threw",
    "wrote",
    "burned",
    "haven't",
    "got",
    "felt",
    "was",
    "food",
    "hate",
    "read",
)
_NORMAL_READING_FRAMES = (
    "temp {r} this morning",
    "my temperature is {r}, normal",
    "{r} tonight, feeling ok",
    "his temp was {r} after the drip",
    "temperature normal at {r}",
    "checked again: {r}",
)
_DENIAL_PAIRS = (
    "{s} has no {a} and no {b}",
    "no {a}, no {b}, just a question about {med}",
    "{s} hasn't had {a} or {b}, {s} is fine",
    "{a} isn't an issue and neither is {b}",
    "not {a}, not {b}, all good",
    "I don't have {a} or {b}",
)
_WELL_WHEN = (
    "",
    "after the infusion yesterday",
    "since treatment",
    "today",
    "this week",
)
_STATE_SUBJECTS = (
    "my breathing",
    "my temperature",
    "my chest",
    "the rash",
    "my stomach",
    "the diarrhoea",
    "the cough",
    "my mood",
    "the headache",
    "my skin",
)
_CALM_STATES = (
    "is fine today",
    "is normal",
    "is much better",
    "has settled",
    "is back to normal",
    "has gone",
    "is ok now",
    "cleared up",
)
_VITAL_VALUES = ("97", "98", "99", "72", "66", "80")


def _agree(body: str, person: Dict[str, str]) -> str:
    """The third person's "doesn't" and "hasn't" for an opening "don't", "haven't"."""
    if person["s"] != "s":
        return body
    body = body.replace("don't", "doesn't", 1) if body.startswith("don't") else body
    return body.replace("haven't", "hasn't", 1) if body.startswith("haven't") else body


def _person_text(phrase: str, person: Dict[str, str], rng: random.Random) -> str:
    values = dict(person)
    values.update(
        fever=rng.choice(FEVER_VALUES),
        low=rng.choice(LOW_VALUES),
        count=rng.choice(COUNTS),
        med=rng.choice(MEDICINES),
    )
    body = phrase.format(**values)
    if not phrase.startswith(_VERB_OPENERS) or phrase.startswith("food"):
        return body
    return f"{person['subj']} {_agree(body, person)}".replace("  ", " ")


def typo(text: str, rng: random.Random) -> str:
    """One typing slip in a longer word: a letter dropped, swapped or doubled."""
    words = text.split()
    candidates = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = list(words[i])
    j = rng.randrange(1, len(w) - 1)
    op = rng.randrange(3)
    if op == 0:
        del w[j]
    elif op == 1:
        w[j], w[j + 1 if j + 1 < len(w) else j - 1] = (
            w[j + 1 if j + 1 < len(w) else j - 1],
            w[j],
        )
    else:
        w.insert(j, w[j])
    words[i] = "".join(w)
    return " ".join(words)


def _dress(text: str, rng: random.Random) -> str:
    """Casing, punctuation and typos as patients type."""
    if rng.random() < 0.25:
        text = typo(text, rng)
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.3:
        text = text.rstrip("?.!")
    return text


def _report(phrase: str, rng: random.Random, symptom: bool = True) -> str:
    """`phrase` said by someone, with a time, a hedge and maybe a question; a
    symptom report may also follow a question about that symptom."""
    person = rng.choice(PERSONS)
    text = _person_text(phrase, person, rng)
    now = rng.choice(NOW)
    hedge = rng.choice(HEDGES)
    if now:
        text = f"{text} {now}"
    if hedge and hedge.endswith("?"):
        text = f"{text}, {hedge}"
    elif hedge:
        text = f"{hedge} {text}"
    if symptom and rng.random() < 0.1:
        question = rng.choice(CALM_FRAMES[:5]).format(
            noun=rng.choice(NOUNS[URGENT]), med=rng.choice(MEDICINES)
        )
        return f"{question} {rng.choice(MINE_CUES)}. {text}"
    if rng.random() < 0.3:
        question = rng.choice(QUESTIONS).format(med=rng.choice(MEDICINES))
        text = f"{text}, {question}" if rng.random() < 0.6 else f"{question} {text}"
    return text


# --- Calm messages: one kind each, drawn by `_calm` ------------------------------


def _calm_asked(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    """A symptom asked about, denied or supposed, or a follow-up fragment."""
    level = rng.choice((EMERGENCY, URGENT, URGENT, ROUTINE))
    if rng.random() < FRAGMENT_SHARE:
        # A follow-up that names a side effect to ask about it ("and a
        # rash?", "ok so yellow eyes"): a topic, not a report.
        return rng.choice(FRAGMENT_FRAMES).format(noun=rng.choice(NOUNS[level]))
    frame = rng.choice(CALM_FRAMES)
    person = rng.choice(PERSONS[:1] + PERSONS[3:])
    return frame.format(
        noun=rng.choice(NOUNS[level]),
        med=rng.choice(MEDICINES),
        Subj=person["subj"].capitalize(),
        had="had",
    )


def _calm_reading(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    """A normal temperature."""
    reading = rng.choice(NORMAL_READINGS)
    return rng.choice(_NORMAL_READING_FRAMES).format(r=reading)


def _calm_idiom(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    return rng.choice(IDIOM_SENTENCES)


def _calm_vital(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    return rng.choice(NORMAL_VITALS).format(n=rng.choice(_VITAL_VALUES))


def _calm_number(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    """A number that is no reading: an age, a dose, a count."""
    person = rng.choice(PERSONS[3:])
    return rng.choice(NUMBER_CALM).format(
        person=person["subj"],
        sub=person["sub"],
        age=rng.randrange(18, 95),
        n=rng.randrange(1, 40),
        med=rng.choice(MEDICINES),
    )


def _calm_denied_pair(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    """Two symptoms denied together."""
    person = rng.choice(PERSONS)
    first, second = rng.sample(NOUNS[rng.choice((EMERGENCY, URGENT))], 2)
    return rng.choice(_DENIAL_PAIRS).format(
        s=person["subj"],
        a=first.replace("a ", "", 1),
        b=second.replace("a ", "", 1),
        med=rng.choice(MEDICINES),
    )


def _calm_wellbeing(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    """Two things the patient is doing well."""
    person = rng.choice(PERSONS[:1] + PERSONS[3:7])
    doings = rng.sample(WELLBEING, 2)
    fill = dict(be=person["be"], have=person["have"], pos=person["pos"])
    when = rng.choice(_WELL_WHEN)
    parts = (
        rng.choice(WELL_OPENERS),
        person["subj"],
        doings[0].format(**fill),
        "and",
        doings[1].format(**fill),
        when,
    )
    return " ".join(part for part in parts if part)


def _calm_state(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    """A symptom that is over."""
    subject = rng.choice(_STATE_SUBJECTS)
    state = rng.choice(_CALM_STATES)
    return f"{subject} {state}"


def _calm_medicine_question(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    return rng.choice(QUESTIONS + CALM_REQUESTS).format(
        med=rng.choice(OTHER_MEDICINES + MEDICINES)
    )


def _calm_question(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    """One of the bot's own questions, as a follow-up, two at once, or with
    the patient's situation."""
    question = (
        rng.choice(nlu_examples)
        if nlu_examples and rng.random() < 0.8
        else rng.choice(QUESTIONS + CALM_REQUESTS + TAKE_QUESTIONS).format(
            med=rng.choice(MEDICINES), sub=rng.choice(PERSONS)["sub"]
        )
    )
    if rng.random() < FOLLOW_UP_SHARE:
        return follow_up(question, rng)
    if nlu_examples and rng.random() < MULTI_QUESTION_SHARE:
        # Patients ask two things at once ("what is it, and how is it given?"):
        # joining words and "it" carry no level.
        second = rng.choice(nlu_examples).rstrip("?.!")
        joined = f"{question.rstrip('?.!')}{rng.choice(JOINS)}"
        return f"{joined}{second[:1].lower()}{second[1:]}?"
    if rng.random() < 0.5:
        return question
    context = background(rng, rng.choice(MEDICINES))
    return f"{context}. {question}" if rng.random() < 0.7 else f"{question} {context}"


_CalmKind = Callable[[random.Random, Sequence[str]], str]
# Each kind of calm message up to its bound on one draw in [0, 1); the rest are
# the bot's own questions.
_CALM_KINDS: Tuple[Tuple[float, _CalmKind], ...] = (
    (0.45, _calm_asked),
    (0.6, _calm_reading),
    (0.66, _calm_idiom),
    (0.70, _calm_vital),
    (0.74, _calm_number),
    (0.78, _calm_denied_pair),
    (0.80, _calm_wellbeing),
    (0.82, _calm_state),
    (0.86, _calm_medicine_question),
)


def _calm(rng: random.Random, nlu_examples: Sequence[str]) -> str:
    if rng.random() < NEUTRAL_SHARE:
        return _report(rng.choice(NEUTRAL_EVENTS), rng, symptom=False)
    roll = rng.random()
    for bound, kind in _CALM_KINDS:
        if roll < bound:
            return kind(rng, nlu_examples)
    return _calm_question(rng, nlu_examples)


_NAMES = re.compile(
    r"\b(?:%s)\b" % "|".join(re.escape(n) for n in DRUG_NAMES + MEDICINES[3:]),
    re.IGNORECASE,
)


def follow_up(question: str, rng: random.Random) -> str:
    """`question` asked later in a conversation: an opener, the medicine as "it"."""
    if rng.random() < 0.7:
        question = _NAMES.sub("it", question)
    question = f"{question[:1].lower()}{question[1:]}"
    if rng.random() < 0.2:
        question = f"{question.rstrip('?.! ')} then?"
    return f"{rng.choice(FOLLOW_UP_OPENERS)} {question}"


def background(rng: random.Random, medicine: str) -> str:
    """A patient's or carer's situation, no symptom in it ("my dad is 82")."""
    person = rng.choice(PERSONS[:1] + PERSONS[3:7])
    return rng.choice(CONTEXTS).format(
        Subj=person["subj"],
        be=person["be"],
        have=person["have"],
        s=person["s"],
        pos=person["pos"],
        Pos=person["pos"].capitalize(),
        med=medicine,
        age=rng.randrange(20, 95),
        n=rng.randrange(2, 20),
    )


def nlu_questions(nlu_dir: Path) -> List[str]:
    """The bot's own NLU examples, minus the symptom intents: calm questions."""
    return [
        example
        for intent, examples in examples_by_intent(nlu_dir).items()
        if not intent.startswith("symptom_")
        for example in examples
    ]


def generate(
    size: int = 24000, seed: int = 13, nlu_examples: Optional[Sequence[str]] = None
) -> List[Tuple[str, str]]:
    """`size` (text, label) pairs: about a third calm, the rest spread over levels."""
    rng = random.Random(seed)
    examples = list(nlu_examples or [])
    corpus: List[Tuple[str, str]] = []
    shares = ((CALM, 0.40), (EMERGENCY, 0.25), (URGENT, 0.25), (ROUTINE, 0.10))
    for label, share in shares:
        for _ in range(int(size * share)):
            if label == CALM:
                text = _calm(rng, examples)
            else:
                text = _report(rng.choice(VOCABULARY[label]), rng)
            corpus.append((_dress(text, rng), label))
    rng.shuffle(corpus)
    return corpus


def labels_in(corpus: Iterable[Tuple[str, str]]) -> Dict[str, int]:
    """How many examples each label has."""
    counts: Dict[str, int] = {label: 0 for label in LABELS}
    for _, label in corpus:
        counts[label] += 1
    return counts


# Hand-written, labelled messages (triage_messages/*.yml): real wording the
# composed corpus lacks. Past self-harm is "calm" for the classifier: the rules
# give it the gentle reply, and the classifier only ever raises a level.
_LABEL_OF_WRITTEN = {
    EMERGENCY: EMERGENCY,
    URGENT: URGENT,
    ROUTINE: ROUTINE,
    CALM: CALM,
    "history": CALM,
}


def written_self_harm(paths: Iterable[Path]) -> List[Tuple[str, bool]]:
    """(text, is a self-harm statement) for every labelled message: the
    statements marked `self_harm: true` at emergency level against everything
    else (calm twins, past episodes, other symptoms)."""
    import yaml

    pairs: List[Tuple[str, bool]] = []
    for path in sorted(paths):
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for case in data.get("cases") or []:
            text = str(case.get("text") or "").strip()
            if text:
                pairs.append(
                    (
                        text,
                        bool(case.get("self_harm")) and case.get("level") == EMERGENCY,
                    )
                )
    return pairs


def written_messages(paths: Iterable[Path]) -> List[Tuple[str, str]]:
    """(text, label) pairs from labelled message files (`cases: [{text, level}]`).

    Raises ValueError naming the file and the case for an unknown level, so a
    staff member's typo in a label never trains silently.
    """
    import yaml  # PyYAML comes with Rasa; imported here to keep generation light

    pairs: List[Tuple[str, str]] = []
    for path in sorted(paths):
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for number, case in enumerate(data.get("cases") or [], start=1):
            level = _LABEL_OF_WRITTEN.get(str(case.get("level", "")))
            text = str(case.get("text") or "").strip()
            if level is None or not text:
                raise ValueError(
                    f"{path}: case {number} needs a text and a level among "
                    f"{sorted(_LABEL_OF_WRITTEN)}, got {case!r}"
                )
            pairs.append((text, level))
    return pairs
