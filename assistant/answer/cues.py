"""The ways questions ask (lexicon/question_cues.toml), compiled once: the
parser's only vocabulary of question wording. Each cue is a list of forms,
each with the reason it is there; nothing after the parser applies them."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant import lexicon


@lru_cache(maxsize=None)
def cue(name: str) -> re.Pattern:
    """One cue of the table, its forms joined into one pattern (any case)."""
    return re.compile("|".join(f"(?:{form})" for form in lexicon.table("question_cues")[name]), re.I)
