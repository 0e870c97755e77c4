"""Kinds of answer a question asks for beyond a figure: a time (什么时候), a
website (网址) or a way to get in touch (电话), the papers to hand in (哪些材料). An answer
whose quotes state nothing of the kind asked does not answer, however close
its topic: `check` says the documents do not give it (messages.py).

Figures and durations are checked where figures are chosen (`targets`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_N = r"[\d〇零一二两三四五六七八九十]"


@dataclass(frozen=True)
class AnswerKind:
    name: str
    asked: re.Pattern
    stated: re.Pattern


KINDS = (
    AnswerKind(
        "time",
        re.compile(r"什么时候|啥时候|何时|哪天|哪一天|几月几[日号]|几号|截止(?:日期|时间)|哪一?年|什么时间|(?:什么|哪个)时点|最迟|最晚|"
                   # `when` asks a time opening a question or before its verb, not as a conjunction
                   r"^\s*when\b|\bwhen (?:will|does|do|is|are|did|must|should|can|shall)\b|what date|which year|deadline",
                   re.I),
        re.compile(rf"(?:19|20)\d\d\s*年|{_N}+\s*月|年底|年初|年末|年内|上半年|下半年|季度|月底|之日起|起施行|"
                   rf"{_N}+\s*(?:个)?(?:工作日|日|天|周|月|年)(?:内|以内|之内|前)"),
    ),
    AnswerKind(
        "website",
        re.compile(r"网址|网站|website", re.I),
        # an address, or a website named by its name (在“高新技术企业认定管理工作网”公示)
        re.compile(r"https?://|www\.|\.(?:cn|com|org|net)\b|[^“”，。]{2,30}网[”\"]"),
    ),
    AnswerKind(
        "contact",
        re.compile(r"电话|邮箱|联系方式|热线|phone number|e-?mail|hotline", re.I),
        re.compile(r"https?://|www\.|\.(?:cn|com|org|net)\b|\d{3,4}-\d{7,8}|\d{7,}|@|热线|12345"),
    ),
    AnswerKind(
        "materials",
        re.compile(r"(?:哪些|什么|啥)(?:申请|申报|证明)?(?:材料|资料)|需要(?:带|交|提交|提供)(?:哪些|什么|啥)|"
                   r"what (?:documents|papers|materials)", re.I),
        re.compile(r"材料|资料|证明|申请书|申请表|复印件|原件|证件|执照|提交|提供"),
    ),
)


def kind_asked(question: str) -> AnswerKind | None:
    """The kind of answer the question asks for, if it is one of these."""
    return next((kind for kind in KINDS if kind.asked.search(question)), None)
