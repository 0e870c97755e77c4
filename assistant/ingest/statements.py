"""What kind of answer a sentence states besides its figures, read once at index time: a time
(年底, 之日起, 3个工作日内), a website (网址, “…网”), a way to get in touch (a phone number, an
e-mail), the papers to hand in (材料, 申请书) or whom the whole document applies to (本通知适用于…). Stored with each sentence (`Sentence.states`); the
answer check reads them there and never searches a quote's text again."""

from __future__ import annotations

import re
from typing import Literal

StatedKind = Literal["time", "website", "contact", "materials", "scope"]

_N = r"[\d〇零一二两三四五六七八九十]"

STATED: dict[StatedKind, re.Pattern] = {
    "time": re.compile(rf"(?:19|20)\d\d\s*年|{_N}+\s*月|年底|年初|年末|年内|上半年|下半年|季度|月底|之日起|起施行|"
                       rf"次月|次年|次日|{_N}+\s*(?:个)?(?:工作日|日|天|周|月|年)(?:内|以内|之内|前)"),
    # an address, or a website named by its name (在“高新技术企业认定管理工作网”公示)
    "website": re.compile(r"https?://|www\.|\.(?:cn|com|org|net)\b|[^“”，。]{2,30}网[”\"]"),
    "contact": re.compile(r"https?://|www\.|\.(?:cn|com|org|net)\b|\d{3,4}-\d{7,8}|\d{7,}|@|热线|12345"),
    "materials": re.compile(r"材料|资料|证明|申请书|申请表|复印件|原件|证件|执照|提交|提供"),
    # whom or what the whole document applies to (本通知适用于会计核算健全、实行查账征收…的居民企业)
    "scope": re.compile(r"^(?:\d+[.、．]\s*)?本(?:通知|办法|规定|条例|意见|公告|细则|方案|决定|措施|政策)[^。；]{0,10}适用于"),
}


def stated_kinds(sentence: str) -> list[StatedKind]:
    """The kinds of answer the sentence states, in the table's order."""
    return [kind for kind, pattern in STATED.items() if pattern.search(sentence)]
