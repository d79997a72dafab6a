"""Export recent conversations from the SQL tracker store as Markdown for staff.

Pure module: reads Rasa's `events` table with SQLAlchemy Core, no Rasa imports.
One file per conversation, named by a hash of the conversation id (ids are
untrusted text), plus an index. Escalations are highlighted. Everything is
written inside the chosen folder and nowhere else.

Usage: python -m records.transcripts [--days 7] [--out results/transcripts]
       [--db-url sqlite:///state/rasa.db]
"""

import argparse
import datetime
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import sqlalchemy as sa

from channels.session_ids import key_from_settings, public_ref
from core.settings import get_settings

ESCALATION_LABELS = {"emergency": "EMERGENCY", "urgent": "URGENT", "routine": "routine"}


@dataclass
class Transcript:
    """One conversation's messages, oldest first."""

    conversation_id: str
    lines: List[str] = field(default_factory=list)
    escalations: List[str] = field(default_factory=list)
    first: float = 0.0
    last: float = 0.0

    @property
    def file_name(self) -> str:
        """A safe file name: the id is patient-controlled text."""
        return (
            hashlib.sha256(self.conversation_id.encode("utf-8")).hexdigest()[:16]
            + ".md"
        )


def _time(timestamp: float) -> str:
    return datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).strftime(
        "%Y-%m-%d %H:%M:%S UTC"
    )


def _quote(text: str) -> str:
    """Markdown-inert text: a patient's words must not become links or headings."""
    escaped = "".join("\\" + ch if ch in "\\`*_{}[]<>()#+!|" else ch for ch in text)
    return escaped.replace("\n", " ")


def _add_event(transcript: Transcript, event: Dict[str, Any]) -> None:
    kind, when = event.get("event"), _time(float(event.get("timestamp") or 0))
    if kind == "user":
        intent = (event.get("parse_data") or {}).get("intent", {}).get("name")
        transcript.lines.append(
            f"- {when} **Patient:** {_quote(str(event.get('text') or ''))}"
            + (f" _(intent: {intent})_" if intent else "")
        )
    elif kind == "bot":
        data = event.get("data") or {}
        custom = data.get("custom") or {}
        escalation = custom.get("escalation") if isinstance(custom, dict) else None
        if isinstance(escalation, dict):
            level = str(escalation.get("level", ""))
            label = ESCALATION_LABELS.get(level, level.upper())
            category = str(escalation.get("category", ""))
            transcript.escalations.append(f"{label} ({category})")
            transcript.lines.append(
                f"- {when} > **⚠ {label} ESCALATION: {_quote(category)}**"
            )
        if event.get("text"):
            transcript.lines.append(f"- {when} Bot: {_quote(str(event['text']))}")


def load_transcripts(
    db_url: str, since: datetime.datetime, limit: int = 500
) -> List[Transcript]:
    """Conversations with events since `since`, newest activity first."""
    engine = sa.create_engine(db_url, future=True)
    events = sa.Table("events", sa.MetaData(), autoload_with=engine)
    cutoff = since.timestamp()
    with engine.connect() as conn:
        recent = [
            row[0]
            for row in conn.execute(
                sa.select(events.c.sender_id)
                .where(events.c.timestamp >= cutoff)
                .group_by(events.c.sender_id)
                .order_by(sa.func.max(events.c.timestamp).desc())
                .limit(limit)
            )
        ]
        transcripts = []
        key = key_from_settings(get_settings())
        for sender_id in recent:
            # Named by its public reference, as in escalation records: a
            # transcript must not hold the key to the live conversation.
            transcript = Transcript(public_ref(key, sender_id))
            rows = conn.execute(
                sa.select(events.c.timestamp, events.c.data)
                .where(events.c.sender_id == sender_id, events.c.timestamp >= cutoff)
                .order_by(events.c.id)
            )
            for timestamp, data in rows:
                transcript.first = transcript.first or float(timestamp)
                transcript.last = float(timestamp)
                try:
                    event = json.loads(data)
                except (TypeError, ValueError):
                    continue
                _add_event(transcript, event)
            if transcript.lines:
                transcripts.append(transcript)
    engine.dispose()
    return transcripts


def write_transcripts(transcripts: Sequence[Transcript], out: Path) -> Path:
    """Write one Markdown file per conversation and `index.md`; return the index."""
    out.mkdir(parents=True, exist_ok=True)
    index = [
        "# Conversations for review",
        "",
        "| conversation | first | last | escalations | file |",
        "|---|---|---|---|---|",
    ]
    for transcript in transcripts:
        flagged = ", ".join(transcript.escalations) or "none"
        lines = [
            f"# Conversation `{_quote(transcript.conversation_id)}`",
            "",
            f"{_time(transcript.first)} to {_time(transcript.last)}. "
            f"Escalations: {flagged}.",
            "",
            *transcript.lines,
            "",
        ]
        (out / transcript.file_name).write_text("\n".join(lines), encoding="utf-8")
        shown = "**" + flagged + "**" if transcript.escalations else flagged
        index.append(
            f"| `{_quote(transcript.conversation_id[:40])}` | "
            f"{_time(transcript.first)} | "
            f"{_time(transcript.last)} | {shown} "
            f"| [{transcript.file_name}]({transcript.file_name}) |"
        )
    path = out / "index.md"
    path.write_text("\n".join(index) + "\n", encoding="utf-8")
    return path


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line for staff."""
    parser = argparse.ArgumentParser(prog="python -m records.transcripts")
    parser.add_argument("--days", type=float, default=7.0, help="how far back (days)")
    parser.add_argument("--out", type=Path, default=Path("results/transcripts"))
    parser.add_argument("--db-url", default=None, help="default: TRACKER_DB_URL")
    args = parser.parse_args(argv)
    db_url = args.db_url or get_settings().tracker_db_url
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(
        days=args.days
    )
    try:
        transcripts = load_transcripts(db_url, since)
    except sa.exc.NoSuchTableError:
        print(f"No conversations stored yet at {db_url}.")
        return 0
    index = write_transcripts(transcripts, args.out)
    escalated = sum(bool(t.escalations) for t in transcripts)
    print(
        f"{len(transcripts)} conversations ({escalated} with escalations) "
        f"written to {index}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
