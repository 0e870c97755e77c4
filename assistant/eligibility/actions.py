"""What a firm needs to act on a benefit, where its section states it: the
application window or deadline, a phone number or website, the materials
to submit and the procedure (to whom and how). Read from the measure's own
sentence and the sentences of its section, kept as written."""

from __future__ import annotations

import re

from assistant.ingest.figures import split_sentences
from assistant.ingest.labels import DOCUMENT_KINDS
from assistant.models import Section

_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-－—]?\d{7,8}|1[3-9]\d{9}|\d{3,4}[-－—]\d{7,8})(?!\d)")
_WEB = re.compile(r"(?:https?://|www\.)[A-Za-z0-9./_\-?=&%#:]+|[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:gov|com|org|net)\.cn[A-Za-z0-9./_\-]*")
_DATE = r"(?:(?:19|20)\d\d年)?\d{1,2}月(?:\d{1,2}日|底|中旬|上旬|下旬)?"
_DEADLINE = re.compile(rf"(?:申报|申请|受理|报送|提交)(?:时间|期限|截止)[^。；]*|[^。；，]*(?:截止|截至)[^。；]*{_DATE}[^。；]*|"
                       rf"[^。；，]*{_DATE}(?:前|之前|以前|至{_DATE})[^。；]*(?:申报|申请|受理|报送|提交)[^。；]*|"
                       rf"[^。；，]*(?:每年|每季度)[^。；，]*{_DATE}?[^。；，]*(?:申报|受理|组织申报)[^。；]*")
_MATERIALS = re.compile(r"[^。；]*(?:提交|提供|报送|附送|填报)[^。；]*(?:材料|证明|申请书|报告|资料|表)[^。；]*|[^。；]*材料[包括如下：:][^。；]*")
_PROCEDURE = re.compile(r"[^。；]*(?:向|到|由|经)[^。；]{1,20}(?:申请|申报|办理|提出|备案|审核|认定)[^。；]*")
_OFFICE = re.compile(r"(?<=[到向由经])[\u4e00-\u9fa5]{0,10}?(?:税务机关|主管部门|认定机构|行政部门|科技局|财政局|工信局|"
                     r"人社局|发展改革局|服务中心)")
# the bodies a text names as answering for it (本办法由科技部、财政部、税务总局负责解释; X负责…管理和监督)
_BODY = r"[\u4e00-\u9fa5]{1,10}(?:部|局|委|厅|署|总局|办公室|机关|委员会)"
# the instrument a closing article names before its body (本办法由…, 本实施细则由…), however much of it the match took
_INSTRUMENT_BY = re.compile(rf"^[\u4e00-\u9fa5]{{0,8}}?(?:{'|'.join(DOCUMENT_KINDS)}|法)由")
_ANSWERS_FOR = re.compile(rf"(?P<units>{_BODY}(?:、{_BODY}){{0,4}})负责(?:解释|[^。；]{{0,16}}指导、管理和监督)")


def _found(pattern: re.Pattern, texts: list[str], limit: int = 3) -> list[str]:
    out: list[str] = []
    for text in texts:
        for m in pattern.finditer(text):
            value = m.group(0).strip("，,；;。 ")
            if value and not any(value in o or o in value for o in out):
                out.append(value)
    return out[:limit]


def actions(measure: str, section: Section | None) -> dict[str, list[str]]:
    """deadlines, contacts, materials, procedure and offices the measure's
    sentence states, else those its section states."""
    own = [measure]
    rest = [s for s in split_sentences(section.text)] if section is not None else []
    out: dict[str, list[str]] = {}
    for name, pattern in (("deadlines", _DEADLINE), ("materials", _MATERIALS), ("procedure", _PROCEDURE)):
        out[name] = _found(pattern, own) or _found(pattern, rest, limit=2)
    out["contacts"] = _found(_PHONE, own + rest) + _found(_WEB, own + rest)
    out["offices"] = _found(_OFFICE, own) or _found(_OFFICE, rest, limit=2)
    return out


def document_offices(sections: list[Section]) -> list[str]:
    """The bodies a document names as answering for it (负责解释, 负责…管理和监督):
    the office to ask about a benefit whose own section names none."""
    for section in reversed(sections):  # the closing 负责解释 article first
        m = _ANSWERS_FOR.search(section.text)
        if m:
            units = _INSTRUMENT_BY.sub("", m.group("units"))
            return [u for u in units.split("、") if u]
    return []
