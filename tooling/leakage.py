"""Keep every evaluation message out of every training input.

A figure measured on messages the bot was built from says nothing about
messages it has never seen. This check reads every evaluation set
(`tests/eval/*.yml`, the held-out NLU set) and every input the bot learns or is
tuned from:

* the NLU examples, stories and rules (`data/`), and the test stories;
* the triage classifier's hand-written messages (`triage_messages/`) and its
  composed corpus (`core/triage/corpus.py`, generated exactly as at training);
* the rules' phrasing table (`tests/triage_cases.yml`);
* every string literal in the triage and answer modules and in the unit tests.

A pair leaks when, after normalising (lower case, medicine names as one
placeholder, punctuation and spacing removed), the texts are equal, share a
distinctive 5-gram of words, or have a character similarity of
`SIMILARITY` or more. The composed corpus is checked twice: its templates as
written (string literals, all three tests), and every sentence it composes for
an exact copy. Its random crossings of templates are not held to the near
tests: "what should I do if I get {noun}?" filled with "diarrhoea" is what any
writer of a hypothetical question writes, and the frame is the mechanism.
Evaluation messages shorter than `MIN_WORDS` words ("how does it work",
"thanks so much") are exempt: every writer writes them.
Messages shorter than `NEAR_MIN_WORDS` words are held to the exact test only.

Pure module; `scripts/check_leakage.py` runs it in `make test`. A leak names
both places; the text of a locked message is never shown.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

import yaml

from core.nlu_examples import plain

# 0.85: the measure of "nearly the same"; a one-word swap in a
# ten-word message scores about 0.8 and is not counted.
SIMILARITY = 0.85
MIN_WORDS = 5
# The near tests (similarity on both sides, a 5-gram on the evaluation side)
# need texts long enough to be one writer's own: two short generic questions
# ("what are the side effects of X", "what are the common side effects of X")
# score 0.89 without any copying.
NEAR_MIN_WORDS = 8
NGRAM = 5
# A 5-gram is distinctive when it holds this many words that are not function
# words or the medicine placeholder, and at most this many training texts hold it.
NGRAM_CONTENT_WORDS = 4
NGRAM_MAX_TRAINING_TEXTS = 2
PLACEHOLDER = "zmedz"

_FUNCTION_WORDS = frozenset(
    "a an the and or but so to of in on at for with from by about as is are was were "
    "be been being am i me my mine you your he him his she her they them their we "
    "our us it its this that these those there here what which who whom whose how "
    "when where why can could will would should shall may might must do does did "
    "done have has had having not no if then than just very really too also any some "
    "all more most much many get got go going out up down off now s t ve m ll d re "
    "every time since".split()
)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Text:
    """One message and where it lives ("file:case 12")."""

    text: str
    place: str
    locked: bool = False
    # A sentence the corpus composed at random from templates: only an exact
    # copy counts (its templates are checked as written, like any literal).
    composed: bool = False


@dataclass(frozen=True)
class Leak:
    """An evaluation message found in a training input."""

    evaluation: Text
    training: Text
    how: str  # "same text", "shared 5-gram '...'", "similarity 0.91"

    def describe(self) -> str:
        """Both places; a locked message's words are never shown."""
        shown = (
            "(locked: text not shown)"
            if self.evaluation.locked
            else repr(self.evaluation.text)
        )
        return (
            f"{self.evaluation.place} {shown}\n    is in {self.training.place} "
            f"{self.training.text!r}\n    ({self.how})"
        )


def normalise(text: str, names: Sequence[str] = ()) -> str:
    """Lower case, medicine names as one placeholder, words only."""
    text = text.lower()
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name.lower())}\w*", PLACEHOLDER, text)
    return " ".join(_WORD.findall(text))


def _ngrams(words: Sequence[str]) -> Iterator[Tuple[str, ...]]:
    for i in range(len(words) - NGRAM + 1):
        gram = tuple(words[i : i + NGRAM])
        content = [w for w in gram if w not in _FUNCTION_WORDS and w != PLACEHOLDER]
        if len(content) >= NGRAM_CONTENT_WORDS:
            yield gram


def find_leaks(
    evaluation: Sequence[Text],
    training: Sequence[Text],
    names: Sequence[str] = (),
    similarity: float = SIMILARITY,
) -> List[Leak]:
    """Every evaluation message that appears, exactly or nearly, in `training`."""
    from rapidfuzz import fuzz, process  # comes with Rasa; C++ speed for all pairs

    train_norm = [normalise(t.text, names) for t in training]
    by_text: Dict[str, int] = {}
    holders: Dict[Tuple[str, ...], Set[int]] = defaultdict(set)
    for index, norm in enumerate(train_norm):
        by_text.setdefault(norm, index)
        if not training[index].composed:
            for gram in _ngrams(norm.split()):
                holders[gram].add(index)
    written = [
        i
        for i, t in enumerate(training)
        if not t.composed and len(train_norm[i].split()) >= NEAR_MIN_WORDS
    ]
    leaks: List[Leak] = []
    candidates: List[Tuple[Text, str]] = []
    for message in evaluation:
        norm = normalise(message.text, names)
        if len(norm.split()) < MIN_WORDS:
            continue
        if norm in by_text:
            leaks.append(Leak(message, training[by_text[norm]], "same text"))
            continue
        if len(norm.split()) < NEAR_MIN_WORDS:
            continue
        shared = next(
            (
                (gram, holders[gram])
                for gram in _ngrams(norm.split())
                if 0 < len(holders.get(gram, ())) <= NGRAM_MAX_TRAINING_TEXTS
            ),
            None,
        )
        if shared:
            gram, where = shared
            leaks.append(
                Leak(message, training[min(where)], f"shared 5-gram '{' '.join(gram)}'")
            )
            continue
        candidates.append((message, norm))
    if candidates and written:
        cutoff = similarity * 100
        scores = process.cdist(
            [n for _, n in candidates],
            [train_norm[i] for i in written],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            workers=-1,
        )
        for (message, _), row in zip(candidates, scores):
            best = int(row.argmax())
            if row[best] >= cutoff:
                leaks.append(
                    Leak(
                        message,
                        training[written[best]],
                        f"similarity {row[best] / 100:.2f}",
                    )
                )
    return leaks


# --- reading the project's files -------------------------------------------


def evaluation_texts(eval_dir: Path, nlu_test: Optional[Path] = None) -> List[Text]:
    """Every message of every evaluation set. Files named `*locked*` are locked."""
    texts: List[Text] = []
    for path in sorted(eval_dir.glob("*.yml")):
        locked = "locked" in path.stem
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("cases", "questions"):
            for number, case in enumerate(data.get(key) or [], start=1):
                texts.append(
                    Text(
                        str(case.get("text") or ""),
                        f"{path.name}:{key[:-1]} {number}",
                        locked,
                    )
                )
        for number, conversation in enumerate(data.get("conversations") or [], start=1):
            for turn_number, turn in enumerate(
                conversation.get("turns") or [], start=1
            ):
                texts.append(
                    Text(
                        str(turn.get("text") or ""),
                        f"{path.name}:conversation {number} turn {turn_number}",
                        locked,
                    )
                )
    if nlu_test is not None and nlu_test.exists():
        texts += [
            Text(example, f"{nlu_test.name}:{intent}")
            for intent, example in _nlu_examples(nlu_test)
        ]
    return [t for t in texts if t.text.strip()]


def _nlu_examples(path: Path) -> Iterator[Tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for block in data.get("nlu") or []:
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                yield (
                    str(block.get("intent", block.get("synonym", "?"))),
                    plain(line[2:]),
                )


def _story_user_turns(path: Path) -> Iterator[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for block in (data.get("stories") or []) + (data.get("rules") or []):
        for step in block.get("steps") or []:
            if isinstance(step, dict) and step.get("user"):
                yield plain(str(step["user"]))


def _string_literals(path: Path) -> Iterator[Tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def project_training_texts(root: Path) -> List[Text]:
    """`training_texts` of the project, with the corpus composed exactly as
    `rasa train` composes it (same size, seed and NLU questions)."""
    from core.triage.corpus import generate, nlu_questions

    return training_texts(
        root,
        generate(
            size=24000, seed=13, nlu_examples=nlu_questions(root / "data" / "nlu")
        ),
    )


def training_texts(root: Path, corpus: Iterable[Tuple[str, str]] = ()) -> List[Text]:
    """Every text the bot is trained or tuned on, with its place."""
    from core.triage.corpus import written_messages

    texts: List[Text] = []
    for path in sorted((root / "data").rglob("*.yml")):
        texts += [
            Text(example, f"{path.relative_to(root)}:{intent}")
            for intent, example in _nlu_examples(path)
        ]
        texts += [
            Text(turn, f"{path.relative_to(root)}:story")
            for turn in _story_user_turns(path)
        ]
    for path in sorted((root / "tests" / "stories").glob("*.yml")):
        texts += [
            Text(turn, f"{path.relative_to(root)}:story")
            for turn in _story_user_turns(path)
        ]
    for path in sorted((root / "triage_messages").glob("*.yml")):
        texts += [
            Text(text, f"{path.relative_to(root)}")
            for text, _ in written_messages([path])
        ]
    table = root / "tests" / "triage_cases.yml"
    if table.exists():
        for level, entries in (
            yaml.safe_load(table.read_text(encoding="utf-8")) or {}
        ).items():
            texts += [
                Text(str(e).rsplit(" | ", 1)[0], f"{table.relative_to(root)}:{level}")
                for e in entries
            ]
    sources = sorted((root / "core").rglob("*.py")) + sorted(
        (root / "tests").rglob("test_*.py")
    )
    for path in sources:
        texts += [
            Text(value, f"{path.relative_to(root)}:{line}")
            for line, value in _string_literals(path)
            if len(value.split()) >= 2
        ]
    texts += [
        Text(text, f"composed corpus ({label})", composed=True)
        for text, label in corpus
    ]
    return [t for t in texts if t.text.strip()]
