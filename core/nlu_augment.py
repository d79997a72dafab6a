"""Vary the NLU examples the way patients vary their questions.

Pure module, deterministic for a seed. The hand-written NLU examples are short
and tidy; patients put their situation first ("my dad is 82 and starts next
week, how often is it given"), greet or apologise, misspell, drop the question
mark and write in lower case. Each topic question is composed again with such
a frame, so the intent classifier learns that the frame says nothing about the
topic. Nothing is listed per sentence: the frames are crossed with every
example, and the medicine named stays the one named.
"""

from __future__ import annotations

import random
from typing import List, Sequence, Tuple

from core.triage.corpus import background, typo

# How patients open a question.
OPENERS = (
    "hi,",
    "hello,",
    "quick question:",
    "sorry if this is a silly question but",
    "can you tell me",
    "I was wondering",
    "please,",
    "my doctor mentioned it and",
    "I'm a bit confused,",
    "question for you:",
    "I read about it online,",
    "the nurse said to ask here:",
)
CLOSERS = (
    "thanks",
    "thank you",
    "many thanks",
    "cheers",
    "just want to understand",
    "",
)


def vary(text: str, rng: random.Random, medicines: Sequence[str] = ()) -> str:
    """One patient-style variant of a question."""
    lowered = text.lower()
    medicine = next((m for m in medicines if m.lower() in lowered), "this treatment")
    roll = rng.random()
    if roll < 0.45:
        context = background(rng, medicine)
        text = f"{context}. {text}" if rng.random() < 0.7 else f"{text} {context}"
    elif roll < 0.75:
        text = f"{rng.choice(OPENERS)} {text[:1].lower()}{text[1:]}"
    else:
        closer = rng.choice(CLOSERS)
        text = f"{text} {closer}".strip()
    if rng.random() < 0.3:
        text = typo(text, rng)
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.3:
        text = text.replace("?", "")
    return text


def augment(
    examples: Sequence[Tuple[str, str]],
    per_example: int = 1,
    seed: int = 7,
    medicines: Sequence[str] = (),
) -> List[Tuple[str, str]]:
    """`per_example` new (text, intent) variants for each example, none of them
    a copy of an original."""
    rng = random.Random(seed)
    originals = {text for text, _ in examples}
    varied: List[Tuple[str, str]] = []
    for text, intent in examples:
        for _ in range(per_example):
            candidate = vary(text, rng, medicines)
            if candidate not in originals:
                varied.append((candidate, intent))
    return varied


__all__ = ["augment", "vary"]
