"""Settings read from the environment, in one place, with safe defaults.

Read when called, never at import time. `.env.example` lists every variable.
"""

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Runtime settings of the action server and the scripts."""

    facts_dir: Path
    seeds_dir: Path


def get_settings() -> Settings:
    """Build settings from the environment (see `.env.example`)."""
    return Settings(
        facts_dir=Path(os.environ.get("FACTS_DIR", PROJECT_ROOT / "facts")),
        seeds_dir=Path(
            os.environ.get("SEEDS_DIR", PROJECT_ROOT.parent / "shared" / "seeds")
        ),
    )
