"""Settings read from the environment, in one place, with safe defaults.

Read when called, never at import time. `.env.example` lists every variable.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """Runtime settings of the action server and the scripts."""

    facts_dir: Path
    seeds_dir: Path
    nlu_dir: Path
    escalation_db_url: str
    tracker_db_url: str
    webhook_url: Optional[str]
    webhook_signing_key: Optional[str]
    webhook_timeout_s: float
    webhook_max_attempts: int
    webhook_backoff_s: float
    webhook_backoff_cap_s: float
    webhook_jitter: float
    delivery_interval_s: float
    claim_timeout_s: float
    emergency_number: Optional[str]
    clinic_contact: Optional[str]
    crisis_line: Optional[str]
    # Where the channels keep the per-conversation rate limit window: None for
    # this process's memory, or a `limits` storage URI such as redis://host:6379/2
    # so that every worker and instance shares it (channels/rate_limit.py).
    rate_limit_storage_uri: Optional[str] = None


def _optional(name: str) -> Optional[str]:
    value = os.environ.get(name, "").strip()
    return value or None


def get_settings() -> Settings:
    """Build settings from the environment (see `.env.example`)."""
    state = Path(os.environ.get("STATE_DIR", PROJECT_ROOT / "state"))
    return Settings(
        facts_dir=Path(os.environ.get("FACTS_DIR", PROJECT_ROOT / "facts")),
        seeds_dir=Path(
            os.environ.get("SEEDS_DIR", PROJECT_ROOT.parent / "shared" / "seeds")
        ),
        nlu_dir=Path(os.environ.get("NLU_DIR", PROJECT_ROOT / "data" / "nlu")),
        escalation_db_url=os.environ.get(
            "ESCALATION_DB_URL", f"sqlite:///{state / 'escalations.db'}"
        ),
        tracker_db_url=os.environ.get("TRACKER_DB_URL", f"sqlite:///{state / 'rasa.db'}"),
        webhook_url=_optional("ESCALATION_WEBHOOK_URL"),
        webhook_signing_key=_optional("ESCALATION_WEBHOOK_SECRET"),
        webhook_timeout_s=float(os.environ.get("ESCALATION_WEBHOOK_TIMEOUT_S", "5")),
        # 12 attempts with the defaults below: 10 to 20 minutes before a dead letter.
        webhook_max_attempts=int(os.environ.get("ESCALATION_WEBHOOK_MAX_ATTEMPTS", "12")),
        webhook_backoff_s=float(os.environ.get("ESCALATION_WEBHOOK_BACKOFF_S", "1")),
        webhook_backoff_cap_s=float(
            os.environ.get("ESCALATION_WEBHOOK_BACKOFF_CAP_S", "300")
        ),
        webhook_jitter=float(os.environ.get("ESCALATION_WEBHOOK_JITTER", "0.5")),
        delivery_interval_s=float(os.environ.get("ESCALATION_DELIVERY_INTERVAL_S", "5")),
        # Must exceed the webhook timeout, or a slow post would be sent again.
        claim_timeout_s=float(os.environ.get("ESCALATION_CLAIM_TIMEOUT_S", "60")),
        emergency_number=_optional("EMERGENCY_NUMBER"),
        clinic_contact=_optional("CLINIC_CONTACT"),
        crisis_line=_optional("CRISIS_LINE"),
        rate_limit_storage_uri=_optional("RATE_LIMIT_STORAGE_URI"),
    )
