"""Facts found inside section text: quantitative targets, references to
other documents, and sentence splitting that every later stage shares."""

from __future__ import annotations

import re

from assistant.models import Target

_SENTENCE_END = re.compile(r"(?<=[。；！？!?])|\n+")
_ITEM_PREFIX = re.compile(r"^\s*(?:\d+[．.、]|[（(][一二三四五六七八九十]+[）)])\s*")

UNITS = (
    "万平方米", "平方公里", "平方米", "亿美元", "万美元", "亿元", "万元", "万人", "万件",
    "%", "％", "家", "人", "件", "个", "项", "所", "名", "倍", "户", "座", "条", "台", "亩", "元",
)
_NUMBER = r"(?<![\d.])(?P<value>\d+(?:\.\d+)?(?:[-~－—到至]\d+(?:\.\d+)?)?)"
_TARGET = re.compile(_NUMBER + r"\s*(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")")
# A figure a question may ask for: a number with a unit, or a ratio (1:1).
TARGET_FIGURE = re.compile(_TARGET.pattern + r"|\d+\s*[:：比]\s*\d+")
_YEAR = re.compile(r"(?:到|至|于|在)?(?P<year>20\d\d)年")
_CONDITION_AFTER = re.compile(r"^(?:以上|以下)?的")
_VERBS = re.compile(
    r"(?:力争|争取|要|实现|达到|达|超过|超|突破|提高到|提升到|增至|增长|不低于|控制在)+$"
)
_REFERENCE_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,8}〔\d{4}〕\d+号")
_REFERENCE_TITLE = re.compile(r"《[^《》]{2,80}》")


def split_sentences(text: str) -> list[str]:
    """Sentences (and list lines) of a text, stripped, without empty ones."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def strip_item_prefix(sentence: str) -> str:
    return _ITEM_PREFIX.sub("", sentence)


def _metric(before: str, after: str) -> str:
    """What the number measures: the clause before it, less the verbs; for a
    bare verb (`形成12个…产业集群`) the words after the number; for a short
    clause (`设立比例`) the clause before it names the subject."""
    clauses = re.split(r"[，,；;：:。（(]", before)
    clause = _VERBS.sub("", _YEAR.sub("", clauses[-1])).strip()
    clause = re.sub(r"^(?:力争|争取|其中)", "", clause) or clause
    if len(clause) <= 3:
        tail = re.split(r"[，,；;。（(、]", after)[0]
        return (clause + re.sub(r"^(?:以上|左右|多)", "", tail))[:40]
    if len(clause) < 6 and len(clauses) > 1:
        subject = _YEAR.sub("", clauses[-2]).strip()
        if subject and len(subject) <= 30:
            clause = f"{subject}，{clause}"
    return clause[:40]


def find_targets(text: str, section: str) -> list[Target]:
    """Quantitative targets: numbers with a unit in sentences that set a goal
    (a year, or a verb such as 达到/超过/突破). Conditions such as
    `年产值5亿元以上的企业` are not targets."""
    targets: list[Target] = []
    for paragraph in text.split("\n"):
        targets += _paragraph_targets(paragraph, section)
    return targets


def _paragraph_targets(paragraph: str, section: str) -> list[Target]:
    """Targets of one paragraph; a sentence with no year of its own inherits
    the year of the sentence before it (`到2020年，…。…达到150家`)."""
    targets: list[Target] = []
    context_year: int | None = None
    for sentence in split_sentences(paragraph):
        years = [(m.start(), int(m.group("year"))) for m in _YEAR.finditer(sentence)]
        goal_like = bool(years) or re.search(r"达到|超过|突破|力争|以上", sentence)
        if years:
            context_year = years[-1][1]
        if not goal_like:
            continue
        for match in _TARGET.finditer(sentence):
            after = sentence[match.end():]
            if _CONDITION_AFTER.match(after):
                continue
            if sentence[max(0, match.start() - 1):match.start()] in ("〔", "第"):
                continue
            year = next((y for pos, y in reversed(years) if pos < match.start()), None)
            if year is None:
                year = years[0][1] if years else context_year
            targets.append(
                Target(
                    value=match.group("value"),
                    unit="%" if match.group("unit") == "％" else match.group("unit"),
                    year=year,
                    metric=_metric(sentence[: match.start()], after),
                    sentence=strip_item_prefix(sentence),
                    section=section,
                )
            )
    return targets


def find_references(text: str) -> list[str]:
    """Other documents named by number (`粤府〔2016〕31号`) or title (`《…》`)."""
    found: list[str] = []
    for pattern in (_REFERENCE_NUMBER, _REFERENCE_TITLE):
        for match in pattern.finditer(text):
            ref = match.group(0)
            if ref not in found:
                found.append(ref)
    return found
