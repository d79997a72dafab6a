"""Read the bot's NLU training examples, annotations removed.

Pure module, used where the examples serve beyond DIET: as calm questions for
the triage classifier's corpus (`core/triage_corpus.py`) and as words of each
topic for ranking the fact base (`core/retrieval.py`).
"""

import re
from pathlib import Path
from typing import Dict, List

import yaml

_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\{[^}]*\}|\([^)]*\))")


def plain(text: str) -> str:
    """An example or story turn without its entity marks ("[x](medicine)" -> "x")."""
    return _ANNOTATION.sub(r"\1", text)


def examples_by_intent(nlu_dir: Path) -> Dict[str, List[str]]:
    """Every intent's examples in the `*.yml` files of `nlu_dir` (none if absent)."""
    examples: Dict[str, List[str]] = {}
    if not nlu_dir.is_dir():
        return examples
    for path in sorted(nlu_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu", []):
            if "intent" not in block:
                continue
            for line in str(block.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.setdefault(str(block["intent"]), []).append(
                        plain(line[2:])
                    )
    return examples
