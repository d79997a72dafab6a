"""`make transcripts` end to end: a real conversation, exported as Markdown."""

import uuid
from pathlib import Path

import pytest

from channels.session_ids import key_from_settings, public_ref
from core.settings import get_settings
from records import transcripts

pytestmark = pytest.mark.e2e


def test_conversation_with_escalation_is_exported_and_highlighted(
    say, tracker_db: Path, tmp_path: Path
) -> None:
    sender = f"e2e-{uuid.uuid4().hex[:8]}/../../evil"
    say(sender, "how does socazolimab work?")
    say(sender, "I can't breathe")
    say(sender, "<script>alert(1)</script> [link](http://x)")

    before = {p for p in tmp_path.rglob("*")}
    out = tmp_path / "review"
    assert (
        transcripts.main(["--out", str(out), "--db-url", f"sqlite:///{tracker_db}"])
        == 0
    )

    written = {p for p in tmp_path.rglob("*")} - before
    assert all(out in p.parents or p == out for p in written)
    # Named by the conversation's public reference, never by its sender id.
    ref = public_ref(key_from_settings(get_settings()), sender)
    (page,) = [
        p for p in out.glob("*.md") if p.name != "index.md" and ref in p.read_text()
    ]
    text = page.read_text()
    assert sender.split("/")[0] not in text
    assert "**Patient:** how does socazolimab work?" in text
    assert "PD-L1" in text
    assert "⚠ EMERGENCY ESCALATION: breathing" in text
    assert "<script>" not in text and "\\<script\\>" in text
    index = (out / "index.md").read_text()
    assert "**EMERGENCY (breathing)**" in index, index  # the markup was not escalated
    assert page.name in index
