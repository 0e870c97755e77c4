"""A document's standing, read from the document itself: its level (国家 /
省 / 市), its 文号, the period it covers (实施方案（2016-2020年）), the date
it takes effect (自…起施行/实施/执行), and what repealed or replaced part of
it (【注：…废止/失效】, 同时废止). A card from a document whose period has
ended says so."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Literal

from assistant.models import Section

Level = Literal["国家", "省", "市", "县"]

_PERIOD = re.compile(r"[（(](?P<start>(?:19|20)\d\d)\s*[-－—–~至到]\s*(?P<end>(?:19|20)\d\d)年?[）)]")
_EFFECTIVE = re.compile(r"自(?P<date>(?:19|20)\d\d年\d{1,2}月\d{1,2}日)起(?:施行|实施|执行|生效)")
_VALID_FOR = re.compile(r"本(?:办法|规定|通知|方案|意见|细则|措施|条例)[^。]{0,20}有效期(?:为)?(?P<years>[一二三四五六七八九十\d]+)年")
_REFERENCE = re.compile(r"(?:[\u4e00-\u9fa5]{1,8}〔\d{4}〕\d+号|[\u4e00-\u9fa5]{2,8}公告\d{4}年第\d+号|国务院令第\d+号|"
                        r"[\u4e00-\u9fa5]{1,6}\[\d{4}\]\d+号)")
_NOTE = re.compile(r"【注[:：]?(?P<note>[^】]*(?:废止|失效)[^】]*)】")
_REPEALS = re.compile(r"[^。]*同时废止。?")
_NATIONAL = re.compile(r"^中华人民共和国|国务院|全国人民代表大会|财政部|国家税务总局|科技部|部令|^国家")
_TIER = re.compile(r"^(?:省|市|县|区|地)级")
_PROVINCE = re.compile(r"[\u4e00-\u9fa5]{2,3}省(?!级)")
_COUNTY = re.compile(r"^[\u4e00-\u9fa5]{1,4}县(?!级)")  # a county's own text (白沙县…办法), not one naming 县级
_CITY = re.compile(r"[\u4e00-\u9fa5]{2,4}[市县区](?!场|级)|[（(][\u4e00-\u9fa5]{2,4}[）)]")
_CN = {c: i for i, c in enumerate("零一二三四五六七八九十")}


@dataclass
class DocumentStatus:
    doc: str
    level: Level = "国家"
    reference: str = ""  # 文号 as written
    period: tuple[int, int] | None = None  # 实施期 (start, end) years
    effective: str = ""  # 2016年1月1日, as written
    valid_years: int | None = None
    repealed: list[str] = field(default_factory=list)  # notes of parts repealed or lapsed, as written
    replaces: list[str] = field(default_factory=list)  # what it repealed (…同时废止)

    def ended(self, today: date | None = None) -> bool:
        today = today or date.today()
        if self.period:
            return self.period[1] < today.year
        if self.valid_years and self.effective:
            start = int(self.effective[:4])
            return start + self.valid_years <= today.year
        return False

    def note_zh(self, today: date | None = None) -> str:
        """`该方案实施期为2016—2020年，已结束` for an ended document, else ''."""
        if not self.ended(today):
            return ""
        kind = "方案" if "方案" in self.doc or "规划" in self.doc or "计划" in self.doc else "文件"
        if self.period:
            return f"该{kind}实施期为{self.period[0]}—{self.period[1]}年，已结束"
        return f"该{kind}自{self.effective}起施行，有效期{self.valid_years}年，已届满"

    def to_dict(self) -> dict:
        return asdict(self) | {"ended": self.ended(), "note": self.note_zh()}


def _years(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    if written == "十":
        return 10
    if written.startswith("十"):
        return 10 + _CN.get(written[1:], 0)
    return _CN.get(written)


def document_status(doc: str, sections: list[Section]) -> DocumentStatus:
    """What a document says of itself (its sections in reading order)."""
    own = [s for s in sections if s.doc == doc]
    head = next((s.text for s in own if s.kind == "preamble"), "")
    head_lines = [line for line in head.split("\n") if line.strip()][:3]
    heading = "\n".join(line for line in head_lines if not line.startswith("【"))
    text = "\n".join(s.text for s in own)
    status = DocumentStatus(doc=doc)
    refs = [line.strip() for line in head_lines if _REFERENCE.fullmatch(line.strip())]
    status.reference = refs[0] if refs else next(  # on its own line, or in the promulgation line (…令第512号公布)
        (m.group(0) for line in head_lines[1:] if len(line) < 60 for m in [_REFERENCE.search(line)] if m), "")
    period = _PERIOD.search(doc) or _PERIOD.search(heading)
    if period:
        status.period = (int(period.group("start")), int(period.group("end")))
    effective = _EFFECTIVE.search(text)
    status.effective = effective.group("date") if effective else ""
    valid = _VALID_FOR.search(text)
    status.valid_years = _years(valid.group("years")) if valid else None
    status.repealed = [m.group("note").strip() for m in _NOTE.finditer(head)]
    if effective:
        tail = text[effective.end():effective.end() + 300]
        repeal = _REPEALS.search(tail)
        status.replaces = [repeal.group(0).lstrip("。").strip()] if repeal else []
    status.level = _level(doc, heading, own)
    return status


def _level(doc: str, heading: str, sections: list[Section]) -> Level:
    """国家 for laws, State Council and ministry texts; 省, 市 or 县 for a place's own
    text: the units its sections assign work to (市科技局) say whose plan it is."""
    # a unit named by its tier (省级、计划单列市科技行政主管部门) is every province's, as a national text
    # assigns work; a place's own plan names its own (市科技局)
    units = [u for s in sections for u in s.lead_units if not _TIER.match(u)]
    if units:
        prefixes = [u[:1] for u in units]
        if prefixes.count("市") >= len(units) / 2:
            return "市"
        if prefixes.count("省") >= len(units) / 2:
            return "省"
        if prefixes.count("县") >= len(units) / 2:
            return "县"
    if _NATIONAL.search(doc) or _NATIONAL.search(heading):
        return "国家"
    if _PROVINCE.search(doc):
        return "省"
    if _COUNTY.search(doc):
        return "县"
    if _CITY.search(doc):
        return "市"
    return "国家"


def statuses(sections: list[Section]) -> dict[str, DocumentStatus]:
    docs = list(dict.fromkeys(s.doc for s in sections))
    return {doc: document_status(doc, sections) for doc in docs}
