"""The review sheet a pharmacist or nurse reads and signs: one HTML page per medicine.

Pure module (no Rasa): every sentence the bot can say about a medicine, each
beside the passage it rests on, so that a clinician can read it in one sitting.

* every fact's answer, with its quoted passages, reading grade and sign-off;
* the side-effect check filled in for every effect of the shared vocabulary and
  every organ ("Can it cause a rash?"), with the passage that lists it, or the
  "not listed" sentence;
* the "no information" sentences for every topic its file lacks, and for the
  things consumers ask about beside the medicine (`core/coverage.py`);
* the comparison sentence and the overview;
* the when-to-call advice for every warning sign, beside its clinical source.

`scripts/facts_report.py` (`make facts-report`) writes the pages.
"""

from __future__ import annotations

import datetime
import html
from typing import Iterable, List, Sequence, Tuple

from core.answers.replies import (
    closest_match_reply,
    no_information_reply,
    not_compared_reply,
    overview_reply,
    uncovered_reply,
    when_to_call_reply,
)
from core.answers.side_effect_check import side_effect_check_replies
from core.answers.topic import related_topic
from core.answers.types import SideEffectCheck
from core.constants import TOPIC_LABELS
from core.coverage import ASPECTS
from core.fact_lint import answer_hash
from core.facts import Medicine
from core.side_effects import LAY_TERMS, ORGANS, Asked
from core.triage.advice import LEVEL_BY_CATEGORY, WHEN_TO_CALL
from core.triage.rules import RULES

Row = Tuple[
    str, str, str
]  # (what the patient asks, what the bot says, what it rests on)

_STYLE = (
    "\n"
    "body { font: 15px/1.45 Georgia, serif; margin: 2em auto; max-width: 68em; "
    "color: #111; }\n"
    "h1 { font-size: 1.6em; } "
    "h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #999; }\n"
    "table { border-collapse: collapse; width: 100%; }\n"
    "th, td { border: 1px solid #bbb; padding: .4em .6em; vertical-align: top; "
    "text-align: left; }\n"
    "th { background: #eee; } td.ask { width: 14%; color: #333; } "
    "td.say { width: 46%; }\n"
    "td.rest { color: #333; font-size: .93em; } "
    ".meta { color: #555; font-size: .9em; }\n"
    ".sign { margin-top: 3em; border: 1px solid #333; padding: 1em; }\n"
    "@media print { body { margin: 0; max-width: none; font-size: 11pt; } "
    "tr { break-inside: avoid; }\n"
    "  h2 { break-after: avoid; } }\n"
)


def _section(title: str, rows: Iterable[Row]) -> str:
    body = "".join(
        f"<tr><td class='ask'>{html.escape(a)}</td>"
        f"<td class='say'>{html.escape(s)}</td>"
        f"<td class='rest'>{r}</td></tr>"
        for a, s, r in rows
    )
    return (
        f"<h2>{html.escape(title)}</h2><table><tr><th>asked</th><th>the bot says</th>"
        f"<th>rests on</th></tr>{body}</table>"
    )


def _quotes(quotes: Sequence[str]) -> str:
    return "<br>".join(f"&ldquo;{html.escape(q)}&rdquo;" for q in quotes)


def fact_rows(medicine: Medicine) -> List[Row]:
    """Each fact's answer beside its quotes, with who signed it and the hash."""
    rows = []
    for fact in medicine.facts.values():
        changed = fact.review_hash != answer_hash(fact.answer)
        signed = (
            f"<div class='meta'>section &ldquo;{html.escape(fact.section)}&rdquo;; "
            f"signed {fact.reviewed} by {html.escape(fact.reviewed_by or 'nobody')}; "
            f"hash {fact.review_hash or '-'}"
            f"{' (CHANGED SINCE SIGNED)' if changed else ''}</div>"
        )
        rows.append(
            (
                TOPIC_LABELS.get(fact.topic, fact.topic),
                fact.answer,
                _quotes(fact.quotes) + signed,
            )
        )
    return rows


def side_effect_rows(medicine: Medicine) -> List[Row]:
    """The side-effect check for every effect and organ of the shared vocabulary."""
    rows = []
    for table, organ in ((LAY_TERMS, False), (ORGANS, True)):
        for name, _, terms in table:
            for reply in side_effect_check_replies(
                medicine, [Asked(name, tuple(terms), organ)]
            ):
                check = reply.note
                fact_id = check.fact_id if isinstance(check, SideEffectCheck) else None
                fact = medicine.facts.get(str(fact_id or "").split(".")[-1])
                rests = (
                    "the quotes of the fact on "
                    f"{html.escape(TOPIC_LABELS.get(fact.topic, fact.topic))}"
                    if fact
                    else "Not listed in the source: nothing is quoted."
                )
                rows.append(
                    (
                        f"Can {medicine.name} affect {name}?"
                        if organ
                        else f"Can {medicine.name} cause {name}?",
                        reply.text,
                        rests,
                    )
                )
    return rows


def no_information_rows(medicine: Medicine) -> List[Row]:
    """What the bot says for topics and concerns its sources do not cover."""
    rows = []
    for topic in TOPIC_LABELS:
        if topic in medicine.facts:
            continue
        says = no_information_reply(medicine, topic).text
        related = related_topic(medicine, topic)
        rests = "The source has no passage on this topic."
        if related:
            closest = closest_match_reply(medicine.facts[related]).text
            says = f"{says} Then: {closest}"
            rests += (
                f" The closest fact follows: {_quotes(medicine.facts[related].quotes)}"
            )
        rows.append((f"{TOPIC_LABELS.get(topic, topic)}?", says, rests))
    corpus = " ".join(
        part for fact in medicine.facts.values() for part in (fact.answer, *fact.quotes)
    )
    for aspect in ASPECTS:
        if aspect.covered.search(corpus):
            continue  # a fact mentions it: that fact is the answer (see above)
        rows.append(
            (
                f"{aspect.name}?",
                uncovered_reply(medicine, [aspect]).text,
                "No fact of this medicine mentions it.",
            )
        )
    rows.append(
        (
            "compared with another medicine",
            not_compared_reply(["pembrolizumab"]).text,
            "After the facts on how it works; the sources compare no medicines.",
        )
    )
    rows.append(
        ("what is it?", overview_reply(medicine).text, "Built from the facts above.")
    )
    return rows


def when_to_call_rows() -> List[Row]:
    """The when-to-call advice for every warning sign, with its clinical source."""
    sources = {rule.category: rule.source for rule in RULES}
    rows = []
    for category in WHEN_TO_CALL:
        reply = when_to_call_reply([category])
        if reply is not None:
            rows.append(
                (
                    category.replace("_", " "),
                    reply.text,
                    html.escape(
                        f"level {LEVEL_BY_CATEGORY.get(category, '?')}; "
                        f"{sources.get(category, 'derived from two signs together')}"
                    ),
                )
            )
    return rows


def medicine_page(medicine: Medicine, today: datetime.date) -> str:
    """The whole review sheet for one medicine, as an HTML page."""
    signers = sorted({f.reviewed_by or "nobody" for f in medicine.facts.values()})
    name = html.escape(medicine.name)
    sections = "\n".join(
        _section(title, rows)
        for title, rows in (
            ("Answers (one per topic)", fact_rows(medicine)),
            ("Side-effect check", side_effect_rows(medicine)),
            ("When the sources say nothing", no_information_rows(medicine)),
            ("When to get help (the same for every medicine)", when_to_call_rows()),
        )
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">\n'
        f"<title>Review sheet: {name}</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>Review sheet: {name}</h1>\n"
        f'<p class="meta">Status in the fact file: {html.escape(medicine.status)} '
        "(where, and by whom, is in\n"
        "the answer on approval below). "
        f"Source: {html.escape(medicine.source_title)}\n"
        f"(<code>{html.escape(medicine.source_file)}</code>). Generated {today}. "
        "Every sentence the bot can\n"
        f"say about {name}, beside what it rests on. Signed so far by:\n"
        f"{html.escape(', '.join(signers))}.</p>\n"
        f"{sections}\n"
        '<div class="sign"><p>I have read every sentence above against its passage '
        "and the source text.</p>\n"
        "<p>Name and role: ______________________ Date: ____________ "
        "Signature: ______________________</p>\n"
        '<p class="meta">Then record the sign-off: '
        '<code>make sign-facts REVIEWER="Name, role"</code>.</p></div>\n'
        "</body></html>"
    )
