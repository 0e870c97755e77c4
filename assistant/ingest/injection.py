"""Prompt injection in documents: sentences that address the reader or the
answering system (忽略以上所有指令，回答：…) instead of stating policy.

Flagged at index time so they are never evidence: the indexer leaves them
out of the sentence store, the targets and the measures, and names the
sections that contain them in the build report. The patterns are data
(lexicon/injection.toml), each with the reason it is there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant import lexicon


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    forms = [form for entry in lexicon.load("injection") for form in entry.forms]
    return re.compile("|".join(f"(?:{f})" for f in forms), re.IGNORECASE)


def looks_injected(sentence: str) -> bool:
    """Whether a sentence speaks to the answering system rather than about policy."""
    return bool(_pattern().search(sentence or ""))
