"""Kinds of answer a question asks for beyond a figure: a time (什么时候), a
website (网址) or a way to get in touch (电话), the papers to hand in (哪些材料), why a document
was made (为了什么). An answer
whose quotes state nothing of the kind asked does not answer, however close
its topic: `check` says the documents do not give it (messages.py). What a
sentence states is read at index time (`ingest/statements.py`); this module
reads only how a question asks.

Figures and durations are checked where figures are chosen (`targets`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.cues import cue
from assistant.ingest.statements import StatedKind


@dataclass(frozen=True)
class AnswerKind:
    name: StatedKind
    asked: re.Pattern


KINDS = (
    AnswerKind("time", cue("time_asked")),
    AnswerKind("website", cue("website_asked")),
    AnswerKind("contact", cue("contact_asked")),
    AnswerKind("materials", cue("materials_asked")),
    # why a document was made (制定这部条例是为了什么？ 立法目的): its purpose clause answers
    AnswerKind("purpose", cue("purpose_asked")),
)


def kind_asked(question: str) -> AnswerKind | None:
    """The kind of answer the question asks for, if it is one of these."""
    return next((kind for kind in KINDS if kind.asked.search(question)), None)
