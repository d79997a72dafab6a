"""Splitting a message into the separate questions it asks.

Pure module. "What are the side effects and how long does it last?" asks two
questions; each part is read on its own for its topic.
"""

import re
from typing import List

# Where a message asks a second question: "?", ";", "also", or "and" before a
# new question word ("what are the side effects and how long does it last").
_PARTS = re.compile(
    r"\?|;|\balso\b|\bplus\b|"
    r"\band (?=(?:what|how|is|are|does|do|can|will|when|who|where|why|"
    r"the|its|any|long|whether|if)\b)",
    re.IGNORECASE,
)
# At most this many topics are answered for one message.
MAX_PARTS = 3


def question_parts(text: str) -> List[str]:
    """The separate questions in a message, longest first kept in order."""
    return [
        p.strip(" ,.")
        for p in _PARTS.split(text or "")
        if len(p.strip(" ,.").split()) >= 2
    ]
