"""Load, validate and check the provenance of the curated fact base.

Pure module: no Rasa imports. One YAML file per medicine lives in the facts folder
(`facts/<id>.yml`). Loading validates every field against a pydantic schema and
fails with a message that names the file and the field, so a clinic editor sees
exactly what to fix.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import yaml
from pydantic import (
    BaseModel,
    ConstrainedStr,
    Extra,
    StrictStr,
    ValidationError,
    create_model,
    root_validator,
    validator,
)

from core.constants import TOPICS

STATUS_APPROVED = "approved"
STATUS_INVESTIGATIONAL = "investigational"
STATUSES = (STATUS_APPROVED, STATUS_INVESTIGATIONAL)
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
    # Who signed the answer off, and a hash of the answer as they read it
    # (`core.fact_lint.answer_hash`): a changed answer no longer matches.
    reviewed_by: str = ""
    review_hash: str = ""

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
#
# The schema of a fact file is the pydantic models below; their errors are turned
# into one line naming the file and the field (`_describe`), so a clinic editor
# sees exactly what to fix. Strict types: YAML's `3` is not a name, nor "soon" a
# date.


class _Text(ConstrainedStr):
    """A non-empty string, stripped; not a number or date YAML read."""

    strict = True
    strip_whitespace = True
    min_length = 1


# pydantic's error types, in the words of the rest of this module.
_KIND_NAMES = {"str": "str", "list": "list", "dict": "mapping", "date": "date"}


def _string_list(value: Any) -> Tuple[str, ...]:
    if value is None:
        raise ValueError("is missing")
    if not isinstance(value, list):
        raise ValueError(f"must be a list, got {type(value).__name__}")
    if not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError("must be a non-empty list of strings")
    return tuple(" ".join(v.split()) for v in value)


class _Source(BaseModel):
    file: _Text
    title: _Text


class _Topic(BaseModel):
    section: _Text
    answer: _Text
    quotes: Tuple[str, ...]
    key_terms: Tuple[str, ...]
    reviewed: datetime.date
    reviewed_by: str = ""
    review_hash: str = ""

    _lists = validator("quotes", "key_terms", pre=True, allow_reuse=True)(_string_list)

    @validator("answer")
    def _one_line(cls, value: str) -> str:
        return " ".join(value.split())

    @validator("reviewed", pre=True)
    def _a_date(cls, value: Any) -> datetime.date:
        if value is None:
            raise ValueError("is missing")
        if not isinstance(value, datetime.date):
            raise ValueError(f"must be a date, got {type(value).__name__}")
        return value


class _TopicsBase(BaseModel):
    class Config:
        extra = Extra.forbid  # an unknown topic is an error, not ignored

    @validator("*", pre=True)
    def _a_mapping(cls, value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise ValueError("must be a mapping")
        return value

    @root_validator(skip_on_failure=True)
    def _at_least_one(cls, values: Dict[str, Any]) -> Dict[str, Any]:
        if not any(values.values()):
            raise ValueError("must list at least one topic")
        return values


# One optional field per known topic (core/constants.py).
_Topics = create_model(  # type: ignore[call-overload]
    "_Topics",
    __base__=_TopicsBase,
    **{topic: (Optional[_Topic], None) for topic in TOPICS},
)


class _MedicineFile(BaseModel):
    id: _Text
    name: _Text
    aliases: Tuple[str, ...]
    status: StrictStr
    source: _Source
    topics: _Topics  # type: ignore[valid-type]

    _lists = validator("aliases", pre=True, allow_reuse=True)(_string_list)

    @validator("status")
    def _known_status(cls, value: str) -> str:
        if value not in STATUSES:
            raise ValueError(f"must be one of {', '.join(STATUSES)}, got '{value}'")
        return value


def _value_at(raw: Any, loc: Tuple[Any, ...]) -> Any:
    for key in loc:
        raw = raw.get(key) if isinstance(raw, Mapping) else None
    return raw


def _describe(error: Mapping[str, Any], raw: Any) -> str:
    """One pydantic error as `field 'a.b' <what is wrong>`."""
    loc = tuple(part for part in error["loc"] if part != "__root__")
    field_name = ".".join(str(part) for part in loc)
    kind = error["type"]
    if kind in ("value_error.missing", "type_error.none.not_allowed"):
        problem = "is missing"
    elif kind == "value_error.extra":
        problem = f"is not a known topic; use one of: {', '.join(TOPICS)}"
    elif kind == "value_error.any_str.min_length":
        problem = "must not be empty"
    elif kind.startswith("type_error."):
        expected = _KIND_NAMES.get(kind.split(".")[1], kind.split(".")[1])
        problem = f"must be a {expected}, got {type(_value_at(raw, loc)).__name__}"
    else:
        problem = error["msg"]
    return f"field '{field_name}' {problem}"


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
    try:
        parsed = _MedicineFile.parse_obj(raw)
    except ValidationError as error:
        raise FactBaseError(f"{path}: {_describe(error.errors()[0], raw)}") from None
    if parsed.id != path.stem:
        raise FactBaseError(
            f"{path}: field 'id' is '{parsed.id}' but must match the file name "
            f"'{path.stem}'"
        )
    source = parsed.source
    facts: Dict[str, Fact] = {}
    for topic in raw["topics"]:  # in the file's order
        entry = getattr(parsed.topics, topic)
        facts[topic] = Fact(
            medicine_id=parsed.id,
            topic=topic,
            answer=entry.answer,
            section=entry.section,
            quotes=entry.quotes,
            key_terms=entry.key_terms,
            reviewed=entry.reviewed,
            source_file=source.file,
            source_title=source.title,
            reviewed_by=entry.reviewed_by,
            review_hash=entry.review_hash,
        )
    return Medicine(
        id=parsed.id,
        name=parsed.name,
        aliases=parsed.aliases,
        status=parsed.status,
        source_file=source.file,
        source_title=source.title,
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


def find_source(file_name: str, folders: Sequence[Path]) -> Path:
    """The source document `file_name` in the first of `folders` that has it.

    Raises:
        FileNotFoundError: no folder has it; the message names the folders.
    """
    for folder in folders:
        if (folder / file_name).is_file():
            return folder / file_name
    where = ", ".join(str(folder) for folder in folders)
    raise FileNotFoundError(
        f"source document {file_name!r} is in none of: {where} "
        "(a new medicine's source goes in sources/)"
    )


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
            problems.append(
                f"{fact.id}: quote not found in {fact.source_file}: {quote!r}"
            )
    quoted_numbers = set(numbers_in(quoted))
    for number in numbers_in(fact.answer):
        if number not in quoted_numbers:
            problems.append(f"{fact.id}: number {number} is not in the quoted passage")
    for term in fact.key_terms:
        needle = normalise_text(term)
        if needle not in answer:
            problems.append(f"{fact.id}: key term {term!r} is not in the answer")
        if needle not in quoted:
            problems.append(
                f"{fact.id}: key term {term!r} is not in the quoted passage"
            )
    return problems
