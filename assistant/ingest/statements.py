"""What kind of answer a sentence states besides its figures, read once at index time: a time
(年底, 之日起, 3个工作日内, or the event that sets it: 在…清算时, 期限届满后), a website (网址, “…网”), a way
to get in touch (a phone number, an e-mail), the papers to hand in (材料, 申请书), whom the whole document
applies to (本通知适用于…), why it was made (为了…，制定本条例) or when it takes effect (自…起施行). Stored with each sentence
(`Sentence.states`); the answer check reads them there and never searches a quote's text again."""

from __future__ import annotations

import re
from typing import Literal

# ("penalty" is the sentence's role, eligibility.roles, added where sentences are indexed)
StatedKind = Literal["time", "website", "contact", "materials", "scope", "purpose", "effect", "penalty"]

_N = r"[\d〇零一二两三四五六七八九十]"

STATED: dict[StatedKind, re.Pattern] = {
    "time": re.compile(rf"(?:19|20)\d\d\s*年|{_N}+\s*月|年底|年初|年末|年内|上半年|下半年|季度|月底|之日起|起施行|"
                       rf"次月|次年|次日|{_N}+\s*(?:个)?(?:工作日|日|天|周|月|年)(?:内|以内|之内|前)|"
                       # an event that sets the time (在企业整体转让或者清算时, 在办理注销登记前，, 减免税期限届满后)
                       r"在[^，。；：]{2,30}?(?:(?<![同及临适暂实按])时(?!间)|(?:之前|以前|前|之后|以后)(?=[，,]))|"
                       r"(?:届满|期满|终了|结束|完工|竣工)(?:时|后|前|之日|以前|以后)"),
    # an address, or a website named by its name (在“高新技术企业认定管理工作网”公示)
    "website": re.compile(r"https?://|www\.|\.(?:cn|com|org|net)\b|[^“”，。]{2,30}网[”\"]"),
    "contact": re.compile(r"https?://|www\.|\.(?:cn|com|org|net)\b|\d{3,4}-\d{7,8}|\d{7,}|@|热线|12345"),
    "materials": re.compile(r"材料|资料|证明|申请书|申请表|复印件|原件|证件|执照|提交|提供"),
    # whom or what the whole document applies to (本通知适用于会计核算健全、实行查账征收…的居民企业)
    "scope": re.compile(r"^(?:\d+[.、．]\s*)?本(?:通知|办法|规定|条例|意见|公告|细则|方案|决定|措施|政策)[^。；]{0,10}适用于"),
    # why the document was made, as its first article says (为了规范…，根据…，制定本条例)
    "purpose": re.compile(r"^(?:第[一1]条\s*)?为了?[^。；]{2,120}?(?:制定|制订|特制定)本(?:条例|办法|规定|法|细则|措施|方案|意见|通知|决定)"
                          r"|本(?:条例|办法|规定|法|细则)的(?:目的|宗旨)"),
    # when the document takes effect, as it says of itself (本办法自2016年1月1日起施行, 自…起实行), or the first
    # year it applies to, as tax notices write it (本公告适用于2016年度及以后年度企业所得税汇算清缴)
    "effect": re.compile(r"自[^。；，\n]{2,30}?起(?:施行|生效|实施|执行|实行)"
                         r"|适用于(?:19|20)\d\d\s*(?:纳税)?年度?(?:及|和)以后(?:各)?(?:纳税)?年度"),
}


def stated_kinds(sentence: str) -> list[StatedKind]:
    """The kinds of answer the sentence states, in the table's order."""
    return [kind for kind, pattern in STATED.items() if pattern.search(sentence)]
