"""Load, validate and check the provenance of the curated fact base.

Pure module: no Rasa imports. One YAML file per medicine lives in the facts folder
(`facts/<id>.yml`). Loading validates every field and fails with a message that
names the file and the field, so a clinic editor sees exactly what to fix.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

import yaml

from core.constants import TOPICS

STATUSES = ("approved", "investigational")
FACT_FILE_GLOB = "*.yml"

# Numbers as patients read them: "15.4", "5", "2024". A digit glued to letters
# ("PD-L1", "CCR2", "MLN1202") is part of a name, not a number to check.
_NUMBER_RE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])")
_QUOTE_TRANSLATION = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"}
)


class FactBaseError(ValueError):
    """A fact file is missing, malformed, or breaks a rule of the schema."""


@dataclass(frozen=True)
class Fact:
    """One topic's answer for one medicine, with the passage it comes from."""

    medicine_id: str
    topic: str
    answer: str
    section: str
    quotes: Tuple[str, ...]
    key_terms: Tuple[str, ...]
    reviewed: datetime.date
    source_file: str
    source_title: str

    @property
    def id(self) -> str:
        """Stable id used in replies and audits, e.g. `socazolimab.dose`."""
        return f"{self.medicine_id}.{self.topic}"


@dataclass(frozen=True)
class Medicine:
    """A medicine the bot covers: its names, status and facts by topic."""

    id: str
    name: str
    aliases: Tuple[str, ...]
    status: str
    source_file: str
    source_title: str
    facts: Mapping[str, Fact] = field(default_factory=dict)

    @property
    def names(self) -> Tuple[str, ...]:
        """Every name the medicine is known by, display name first."""
        seen: Dict[str, str] = {}
        for name in (self.name, *self.aliases):
            seen.setdefault(name.lower(), name)
        return tuple(seen.values())


class FactStore:
    """Read-only access to the medicines of a fact base."""

    def __init__(self, medicines: Iterable[Medicine]) -> None:
        self._medicines: Dict[str, Medicine] = {m.id: m for m in medicines}

    @property
    def medicines(self) -> List[Medicine]:
        """All medicines, sorted by id for stable output."""
        return [self._medicines[k] for k in sorted(self._medicines)]

    def medicine(self, medicine_id: str) -> Optional[Medicine]:
        """The medicine with this id, or None."""
        return self._medicines.get(medicine_id)

    def fact(self, medicine_id: str, topic: str) -> Optional[Fact]:
        """The fact for this medicine and topic, or None when the seeds say nothing."""
        medicine = self.medicine(medicine_id)
        return medicine.facts.get(topic) if medicine else None

    def names(self) -> Dict[str, Tuple[str, ...]]:
        """Medicine id -> every name it is known by (for the medicine matcher)."""
        return {m.id: m.names for m in self.medicines}

    def all_facts(self) -> List[Fact]:
        """Every fact of every medicine."""
        return [f for m in self.medicines for f in m.facts.values()]


# --- Loading and validation -----------------------------------------------------


def _require(
    mapping: Mapping[str, Any], key: str, kind: type, where: str, path: Path
) -> Any:
    value = mapping.get(key) if isinstance(mapping, Mapping) else None
    if value is None:
        raise FactBaseError(f"{path}: field '{where}{key}' is missing")
    if not isinstance(value, kind):
        raise FactBaseError(
            f"{path}: field '{where}{key}' must be a {kind.__name__}, "
            f"got {type(value).__name__}"
        )
    if isinstance(value, str) and not value.strip():
        raise FactBaseError(f"{path}: field '{where}{key}' must not be empty")
    return value


def _string_list(
    mapping: Mapping[str, Any], key: str, where: str, path: Path
) -> Tuple[str, ...]:
    values = _require(mapping, key, list, where, path)
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise FactBaseError(
            f"{path}: field '{where}{key}' must be a non-empty list of strings"
        )
    return tuple(" ".join(v.split()) for v in values)


def _load_fact(
    raw: Any, topic: str, medicine_id: str, source: Mapping[str, str], path: Path
) -> Fact:
    where = f"topics.{topic}."
    if not isinstance(raw, Mapping):
        raise FactBaseError(f"{path}: field 'topics.{topic}' must be a mapping")
    reviewed = _require(raw, "reviewed", datetime.date, where, path)
    return Fact(
        medicine_id=medicine_id,
        topic=topic,
        answer=" ".join(_require(raw, "answer", str, where, path).split()),
        section=_require(raw, "section", str, where, path).strip(),
        quotes=_string_list(raw, "quotes", where, path),
        key_terms=_string_list(raw, "key_terms", where, path),
        reviewed=reviewed,
        source_file=source["file"],
        source_title=source["title"],
    )


def load_medicine_file(path: Path) -> Medicine:
    """Load and validate one medicine's fact file.

    Raises:
        FactBaseError: naming the file and the field that is wrong.
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise FactBaseError(f"{path}: cannot be read ({error})") from error
    except yaml.YAMLError as error:
        raise FactBaseError(f"{path}: is not valid YAML ({error})") from error
    if not isinstance(raw, Mapping):
        raise FactBaseError(f"{path}: must be a mapping with id, name, topics, ...")

    medicine_id = _require(raw, "id", str, "", path).strip()
    if medicine_id != path.stem:
        raise FactBaseError(
            f"{path}: field 'id' is '{medicine_id}' but must match the file name "
            f"'{path.stem}'"
        )
    status = _require(raw, "status", str, "", path)
    if status not in STATUSES:
        raise FactBaseError(
            f"{path}: field 'status' must be one of {', '.join(STATUSES)}, "
            f"got '{status}'"
        )
    source_raw = _require(raw, "source", Mapping, "", path)
    source = {
        "file": _require(source_raw, "file", str, "source.", path).strip(),
        "title": _require(source_raw, "title", str, "source.", path).strip(),
    }
    topics_raw = _require(raw, "topics", Mapping, "", path)
    facts: Dict[str, Fact] = {}
    for topic, fact_raw in topics_raw.items():
        if topic not in TOPICS:
            raise FactBaseError(
                f"{path}: field 'topics.{topic}' is not a known topic; "
                f"use one of: {', '.join(TOPICS)}"
            )
        facts[topic] = _load_fact(fact_raw, topic, medicine_id, source, path)
    if not facts:
        raise FactBaseError(f"{path}: field 'topics' must list at least one topic")

    return Medicine(
        id=medicine_id,
        name=_require(raw, "name", str, "", path).strip(),
        aliases=_string_list(raw, "aliases", "", path),
        status=status,
        source_file=source["file"],
        source_title=source["title"],
        facts=facts,
    )


def load_fact_store(directory: Path) -> FactStore:
    """Load every `*.yml` fact file in `directory` into a store.

    Raises:
        FactBaseError: when the folder is empty or missing, a file is invalid, or
            two medicines share a name.
    """
    directory = Path(directory)
    paths = sorted(directory.glob(FACT_FILE_GLOB))
    if not paths:
        raise FactBaseError(f"{directory}: no fact files ({FACT_FILE_GLOB}) found")
    medicines = [load_medicine_file(path) for path in paths]
    owner: Dict[str, str] = {}
    for medicine in medicines:
        for name in medicine.names:
            key = normalise_name(name)
            if key in owner and owner[key] != medicine.id:
                raise FactBaseError(
                    f"{directory / (medicine.id + '.yml')}: field 'aliases': name "
                    f"'{name}' is already used by '{owner[key]}'"
                )
            owner[key] = medicine.id
    return FactStore(medicines)


# --- Provenance ------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """Lower-case letters and digits only: 'MLN-1202' -> 'mln1202'."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def normalise_text(text: str) -> str:
    """Fold typographic quotes and white space so quotes compare as written."""
    return " ".join(text.translate(_QUOTE_TRANSLATION).split()).lower()


def numbers_in(text: str) -> List[str]:
    """The stand-alone numbers in a text, in order."""
    return _NUMBER_RE.findall(text.translate(_QUOTE_TRANSLATION))


def provenance_problems(fact: Fact, seed_text: str) -> List[str]:
    """Everything in `fact` that its seed does not back up; empty when it traces.

    Checks that each quote stands word for word in the seed, that every number
    in the answer appears in the quotes, and that every key term appears both in
    the answer and in the quotes.
    """
    problems: List[str] = []
    seed = normalise_text(seed_text)
    quoted = " ".join(normalise_text(q) for q in fact.quotes)
    answer = normalise_text(fact.answer)
    for quote in fact.quotes:
        if normalise_text(quote) not in seed:
            problems.append(f"{fact.id}: quote not found in {fact.source_file}: {quote!r}")
    quoted_numbers = set(numbers_in(quoted))
    for number in numbers_in(fact.answer):
        if number not in quoted_numbers:
            problems.append(f"{fact.id}: number {number} is not in the quoted passage")
    for term in fact.key_terms:
        needle = normalise_text(term)
        if needle not in answer:
            problems.append(f"{fact.id}: key term {term!r} is not in the answer")
        if needle not in quoted:
            problems.append(f"{fact.id}: key term {term!r} is not in the quoted passage")
    return problems
