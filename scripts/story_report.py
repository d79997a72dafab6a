"""Readable report of a `rasa test core` run, for clinic staff.

Usage: python scripts/story_report.py RESULTS_DIR STORIES_DIR
Writes RESULTS_DIR/report.md and RESULTS_DIR/report.html: a summary, each failed
story step by step (expected beside predicted, with the patient's words), and
Rasa's confusion matrices. Prints the report's path. Exits 1 if a story failed.
"""

import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import yaml

_PREDICTED = re.compile(r"#\s*predicted:\s*(.+)$")
_NAME_SOURCE = re.compile(r"^(.*) \((.+)\)$")
CONFIG = Path(__file__).resolve().parent.parent / "config.yml"


def images(config: Path = CONFIG) -> List[str]:
    """The confusion matrices worth showing: the stories', and one per policy
    that config.yml names (Rasa writes TED's even when TED is not used)."""
    policies = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get(
        "policies"
    ) or []
    return ["story_confusion_matrix.png"] + [
        f"{p['name']}_confusion_matrix.png" for p in policies if p.get("name")
    ]


@dataclass
class Step:
    """One step of a failed story: what the story expects and what the bot did."""

    kind: str
    expected: str
    predicted: str
    words: str = ""

    @property
    def ok(self) -> bool:
        return self.expected == self.predicted


@dataclass
class FailedStory:
    """A story with at least one wrong prediction."""

    name: str
    source: str
    steps: List[Step]


def _user_texts(stories_dir: Path) -> Dict[str, List[str]]:
    """Story name -> the patient's words of each user turn, in order."""
    texts: Dict[str, List[str]] = {}
    for path in sorted(stories_dir.glob("*.yml")):
        for story in (yaml.safe_load(path.read_text()) or {}).get("stories", []):
            texts[story["story"]] = [
                str(step.get("user", "")).strip()
                for step in story.get("steps", [])
                if "intent" in step or "user" in step
            ]
    return texts


def parse_failed(path: Path, stories_dir: Path) -> List[FailedStory]:
    """Failed stories from Rasa's failed_test_stories.yml, with comments read."""
    if not path.exists() or "stories:" not in path.read_text():
        return []
    words_by_story = _user_texts(stories_dir)
    failed: List[FailedStory] = []
    story: Optional[FailedStory] = None
    user_turn = 0
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("- story:"):
            full = stripped[len("- story:") :].strip()
            match = _NAME_SOURCE.match(full)
            name, source = (match.group(1), match.group(2)) if match else (full, "")
            story = FailedStory(name, source, [])
            failed.append(story)
            user_turn = 0
            continue
        if story is None:
            continue
        for kind in ("intent", "action"):
            if stripped.startswith(f"- {kind}:"):
                body = stripped[len(f"- {kind}:") :]
                expected = body.split("#", 1)[0].strip()
                predicted_match = _PREDICTED.search(body)
                predicted = (
                    predicted_match.group(1).strip() if predicted_match else expected
                )
                # Intents read "predicted: <intent>: <the words, annotated>".
                predicted = (
                    predicted.split(": ", 1)[0] if kind == "intent" else predicted
                )
                words = ""
                if kind == "intent":
                    texts = words_by_story.get(story.name, [])
                    words = texts[user_turn] if user_turn < len(texts) else ""
                    user_turn += 1
                story.steps.append(Step(kind, expected, predicted, words))
    return failed


def _summary(results: Path) -> Dict[str, object]:
    report = results / "story_report.json"
    if not report.exists():
        return {}
    data = json.loads(report.read_text())
    conversations = data.get("conversation_accuracy", {})
    return {
        "stories": conversations.get("total"),
        "correct": conversations.get("correct"),
        "action_accuracy": data.get("accuracy"),
    }


def write_reports(results: Path, failed: List[FailedStory]) -> Path:
    """Write report.md and report.html; return the HTML path."""
    summary = _summary(results)
    total, correct = summary.get("stories"), summary.get("correct")
    accuracy = summary.get("action_accuracy")
    headline = (
        f"{correct} of {total} stories passed; action accuracy {float(accuracy):.1%}"
        if total is not None and accuracy is not None
        else f"{len(failed)} failed stories"
    )
    md = ["# Test story report", "", headline, ""]
    page = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Test story report</title><style>",
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "padding:0 1rem}",
        "table{border-collapse:collapse;width:100%;margin-bottom:2rem}",
        "td,th{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;"
        "vertical-align:top}",
        ".bad{background:#fdecea}.ok{color:#2f6b3a}.words{color:#555;font-style:italic}",
        "img{max-width:100%;border:1px solid #ddd}</style></head><body>",
        "<h1>Test story report</h1>",
        f"<p>{html.escape(headline)}</p>",
    ]
    if not failed:
        md.append("All stories passed.")
        page.append("<p class='ok'>All stories passed.</p>")
    for story in failed:
        md += [
            f"## Failed: {story.name}",
            "",
            f"File: `{story.source}`",
            "",
            "| # | step | patient wrote | expected | predicted | |",
            "|---|---|---|---|---|---|",
        ]
        page += [
            f"<h2>Failed: {html.escape(story.name)}</h2>",
            f"<p>File: <code>{html.escape(story.source)}</code></p>",
            "<table><tr><th>#</th><th>step</th><th>patient wrote</th>"
            "<th>expected</th><th>predicted</th><th></th></tr>",
        ]
        for i, step in enumerate(story.steps, 1):
            mark = "ok" if step.ok else "WRONG"
            md.append(
                f"| {i} | {step.kind} | {step.words} | {step.expected} "
                f"| {step.predicted} | {mark} |"
            )
            css = "" if step.ok else " class='bad'"
            page.append(
                f"<tr{css}><td>{i}</td><td>{step.kind}</td>"
                f"<td class='words'>{html.escape(step.words)}</td>"
                f"<td>{html.escape(step.expected)}</td><td>{html.escape(step.predicted)}</td>"
                f"<td>{mark}</td></tr>"
            )
        md.append("")
        page.append("</table>")
        if all(step.ok for step in story.steps):
            note = (
                "Every intent and action matches: the difference is in the entities. "
                "Compare the story's [words](entity) marks with what the bot found "
                "(results/stories/failed_test_stories.yml)."
            )
            md += [note, ""]
            page.append(f"<p>{html.escape(note)}</p>")
    shown = [name for name in images() if (results / name).exists()]
    if shown:
        md += ["## Confusion matrices", ""] + [f"![{name}]({name})" for name in shown]
        page.append("<h2>Confusion matrices</h2>")
        page += [f"<p><img src='{name}' alt='{name}'></p>" for name in shown]
    page.append("</body></html>")
    (results / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    out = results / "report.html"
    out.write_text("\n".join(page) + "\n", encoding="utf-8")
    return out


def main(results: Path, stories_dir: Path) -> int:
    """Build the reports; returns 1 if any story failed."""
    failed = parse_failed(results / "failed_test_stories.yml", stories_dir)
    out = write_reports(results, failed)
    print(f"{len(failed)} failed stories. Report: {out} (and {out.with_suffix('.md')})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
