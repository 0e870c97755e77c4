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
    AnswerKind(
        "time",
        re.compile(r"什么时候|啥时候|何时|哪天|哪一天|几月几[日号]|几号|截止(?:日期|时间)|哪一?年|什么时间|(?:什么|哪个)时点|最迟|最晚|"
                   # `when` asks a time opening a question or before its verb, not as a conjunction opening
                   # a clause the question follows (When we outsource R&D, what share…)
                   r"^\s*when\b(?![^,?]*,)|\bwhen (?:will|does|do|is|are|did|must|should|can|shall)\b|what date|which year|deadline",
                   re.I),
    ),
    # a website asked for (哪个网站, 网址是什么), not one the question is about (政府网站的整合)
    AnswerKind("website", re.compile(r"网址|(?:哪个|哪一个|哪些|什么|啥)(?:官方)?网站|网站(?:是|叫)(?:什么|哪|啥)|"
                                     r"\b(?:which|what)\s+(?:\w+\s+)?web\s?sites?\b|\bweb\s?site\s+(?:address|link)|\burl\b",
                                     re.I)),
    AnswerKind("contact", re.compile(r"电话|邮箱|联系方式|热线|phone number|e-?mail|hotline", re.I)),
    AnswerKind(
        "materials",
        re.compile(r"(?:哪些|什么|啥)(?:申请|申报|证明)?(?:材料|资料)|需要(?:带|交|提交|提供)(?:哪些|什么|啥)|"
                   r"what (?:documents|papers|materials)", re.I),
    ),
    # why a document was made (制定这部条例是为了什么？ 立法目的): its purpose clause answers
    AnswerKind("purpose", cue("purpose_asked")),
)


def kind_asked(question: str) -> AnswerKind | None:
    """The kind of answer the question asks for, if it is one of these."""
    return next((kind for kind in KINDS if kind.asked.search(question)), None)
