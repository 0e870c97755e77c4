"""Facts found inside section text: quantitative targets, references to
other documents, and sentence splitting that every later stage shares.

Figures are read by the one quantity grammar (`quantities.read`); this module
only decides what role each plays in its sentence: a target to reach, a
threshold to meet, an amount granted or a duration."""

from __future__ import annotations

import re

from assistant import lexicon
from assistant.ingest import labels, quantities
from assistant.models import Target

_SENTENCE_END = re.compile(r"(?<=[。；！？!?])|\n+")
# the label of a list item opening a line, in the outline's grammar: （一）, 1．, and the levels below, （1）, 1), ①
_ITEM_PREFIX = re.compile(rf"^\s*(?:(?P<section>{labels.SECTION})|(?P<item>{labels.ITEM})(?!\d)|(?P<sub>{labels.SUB_ITEM}))\s*")

DURATION_UNITS = set(lexicon.table("figure_units")["durations"])
# The figure kinds a target, threshold, amount or duration is read from; dates, months and years
# are when a figure is due, not figures.
_FIGURES = frozenset({"rate", "share", "amount", "count", "area", "length", "duration"})
_NUMERAL = re.compile(rf"^(?:{quantities.NUMERAL})(?:\s*[-~～－—到至]\s*(?:{quantities.NUMERAL}))?\s*")
# A year a target is for (到2020年); not a year a period starts from (2018年起, 2019年1月1日至…), nor a
# day's date (2018年12月29日 …修正: when something was done, which no goal is set for).
_YEAR = re.compile(r"(?:到|至|于|在)?(?P<year>20\d\d)年(?!\d{1,2}月\d{1,2}日)(?!\d{1,2}月(?:起|至|开始))"
                   r"(?!起|开始|以来|至今)")
_PERIOD = re.compile(r"(?:自|从)?(?:19|20)\d\d年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:起|开始|以来)"
                     r"[^，。；]{0,12}?(?:\d+|[一二两三四五六七八九十]+)个?(?:年|月|日)(?:内|以内|之内)?")
_CONDITION_AFTER = re.compile(r"^(?:以上|以下)?的")
# a figure qualifying what follows it, a note or a few words before the 的 (四层以上（含四层）未设电梯的既有住宅)
_QUALIFIER_AFTER = re.compile(r"^(?:以上|以下)?\s*(?:（[^（）]{0,12}）|\([^()]{0,12}\))?[^，,；;。：:的（）()]{0,6}的")
_THRESHOLD_CUE = re.compile(r"招用|吸纳|聘用|雇用|占|比例|不低于|不少于|不超过|低于|高于|年满|满|符合|凡|对")
# A goal verb right before the figure (比重每年提高1个百分点, 占比达到30%): a target even when
# the clause reads like a condition (占, 比例).
_GOAL_BEFORE = re.compile(r"(?<![不未])(?:力争|争取|实现|达到|达|超过|突破|提高|提升|增长|增加|降低|下降|减少)[到至了]?$")
_AMOUNT_CUE = re.compile(r"给予|补贴|奖励|资助|补助|最高|罚款|处|贷款|扶持|资金|支持|一次性|按")
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


def item_numbering(sentence: str) -> str:
    """The numbering style of the item a line opens: "（一）" for (三)…, "1." for 2．…, "" when it opens none
    (lists nest: an item's own items are numbered in the other style)."""
    m = _ITEM_PREFIX.match(sentence)
    return "" if m is None else "（一）" if m.group("section") else "1." if m.group("item") else "（1）"


def item_number(sentence: str) -> int | None:
    """The number of the item a line opens (（三） -> 3, ① -> 1); None when it opens none."""
    m = _ITEM_PREFIX.match(sentence)
    return None if m is None else labels.number(m.group(0))  # (① reads as 1: labels.number normalises it)


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
    """Quantitative targets: figures in sentences that set a goal (a year, or
    a verb such as 达到/超过/突破). Conditions (`年产值5亿元以上的企业`,
    `招用…达到30%`), amounts granted and durations are not targets."""
    return [f for f in find_figures(text, section) if f.kind == "target"]


def find_figures(text: str, section: str) -> list[Target]:
    """Every figure of the text with its kind (target, threshold, duration, amount)."""
    figures: list[Target] = []
    for paragraph in re.split(r"[\n\t]", text):  # (a table row's cells are read one by one)
        figures += _paragraph_figures(paragraph, section)
    return figures


def _written(q: quantities.Quantity) -> tuple[str, float | None, str]:
    """(value as shown, number, unit as written) of a quantity: 100万元 -> ("100", 100, "万元"),
    百分之三十 -> ("30", 30, "%"), 二百万元 -> ("2000000", 2000000, "元")."""
    if q.figure.startswith("百分之"):
        return _show(q.value), q.value, "%"
    numeral = _NUMERAL.match(q.figure)
    written = numeral.group(0).strip() if numeral else ""
    unit = q.figure[len(numeral.group(0)):] if numeral else q.unit
    first = re.split(r"\s*[-~～－—到至]\s*", written)[0].replace(",", "")
    value = first if re.fullmatch(r"\d+(?:\.\d+)?", first) else _show(quantities.number(first))
    return value, quantities.number(first), "%" if unit == "％" else unit


def _show(number: float | None) -> str:
    return "" if number is None else (str(int(number)) if number == int(number) else str(number))


def _bound_word(q: quantities.Quantity) -> str:
    """The bound as written beside the figure (最高, 以上, 不超过), `range` for a range."""
    if q.bound == "range":
        return "range"
    return re.sub(r"[\s（）()含]|^(?:为|是)|(?:为|是)$", "", q.text.replace(q.figure, "", 1))


def _paragraph_figures(paragraph: str, section: str) -> list[Target]:
    """Figures of one paragraph; a target with no year of its own takes the
    year of the sentence before it (`到2020年，…。…达到150家`)."""
    out: list[Target] = []
    context_year: int | None = None
    for sentence in split_sentences(paragraph):
        years = [(m.start(), int(m.group("year"))) for m in _YEAR.finditer(sentence)]
        if years:
            context_year = years[-1][1]
        out += [f for q in quantities.read(sentence) if q.kind in _FIGURES
                if (f := _sentence_figure(q, sentence, section, years, context_year))]
        out += _benchmarks(sentence, section, years, context_year)
    return out


def _sentence_figure(q: quantities.Quantity, sentence: str, section: str,
                     years: list[tuple[int, int]], context_year: int | None) -> Target | None:
    """A quantity of a sentence as a Target of its kind: a duration, an amount
    granted, a threshold to meet or a target to reach; None for a count in
    passing (两个市场)."""
    value, number, unit = _written(q)
    if number is None or (number == 1 and not q.figure[:1].isdigit() and unit not in DURATION_UNITS):
        return None  # 一个/一批: a word, not a figure
    at = q.figure_start
    before, after = sentence[:at], sentence[at + len(q.figure):]
    clause = re.split(r"[，,；;：:。（(]", before)[-1]
    if clause.strip() == "含":
        return None  # 四层以上（含四层）: a note that the bound before counts its own figure, no figure of its own
    figure = Target(value=value, unit=unit, year=None, metric=_metric(before, after),
                    sentence=strip_item_prefix(sentence), section=section, number=number,
                    written=q.text if q.bound == "range" else q.figure, bound=_bound_word(q),
                    upper=q.upper * number / q.value if q.bound == "range" and q.upper is not None and q.value else None)
    goal_like = bool(years) or re.search(r"达到|超过|突破|力争|以上", sentence)
    money = q.kind == "amount"
    rest = sentence[q.end:]
    if q.kind == "duration":
        figure.kind = "threshold" if figure.bound in ("以上", "及以上") else "duration"
        figure.period = next((m.group(0) for m in _PERIOD.finditer(sentence) if m.start() <= q.start < m.end()), "")
    elif (money or unit == "%") and _AMOUNT_CUE.search(clause):
        figure.kind = "amount"  # money granted, lent or fined (给予最高…, 处…罚款)
    elif _CONDITION_AFTER.match(rest) or not years and not _GOAL_BEFORE.search(clause) and (
            _THRESHOLD_CUE.search(clause) or _QUALIFIER_AFTER.match(rest)):
        figure.kind = "threshold"  # a condition to meet (…以上的企业, 招用…达到30%), not a goal
    elif money and (_AMOUNT_CUE.search(re.split(r"[，,；;。]", rest)[0]) or not goal_like):
        figure.kind = "amount"
    elif goal_like:
        year = next((y for pos, y in reversed(years) if pos < q.start), None)
        figure.year = year if year is not None else (years[0][1] if years else context_year)
    else:
        return None  # a count in passing (两个市场) is no figure worth keeping
    return figure


_CONDITION_BEFORE = re.compile(r"^(?:对|凡|对于|其中)")


def _benchmarks(sentence: str, section: str, years: list[tuple[int, int]], context_year: int | None) -> list[Target]:
    """Floors and caps set against a reference quantity (不低于全省平均水平, 不少于上年,
    达到国内领先水平), as the quantity grammar reads them: a target, or a threshold when
    the clause is a condition (…高于全市平均水平的企业, 对…). Its `value` is the reference
    as written, its `written` the whole comparison, its unit empty (no number is stated)."""
    out = []
    for q in quantities.read(sentence):
        if q.kind != "benchmark":
            continue
        before, after = sentence[:q.start], sentence[q.end:]
        clause = re.split(r"[，,；;：:。（(]", before)[-1]
        verb = re.match(quantities.BENCHMARK, q.text).group("verb")
        reference = q.text[len(verb):]
        figure = Target(value=reference, unit="", year=None, metric=_metric(before, after),
                        sentence=strip_item_prefix(sentence), section=section, number=None,
                        written=q.text, bound=verb)
        if _CONDITION_AFTER.match(after) or _CONDITION_BEFORE.match(clause):
            figure.kind = "threshold"
        else:
            year = next((y for pos, y in reversed(years) if pos < q.start), None)
            figure.year = year if year is not None else (years[0][1] if years else context_year)
        out.append(figure)
    return out


def find_references(text: str) -> list[str]:
    """Other documents named by number (`粤府〔2016〕31号`) or title (`《…》`)."""
    found: list[str] = []
    for pattern in (_REFERENCE_NUMBER, _REFERENCE_TITLE):
        for match in pattern.finditer(text):
            ref = match.group(0)
            if ref not in found:
                found.append(ref)
    return found
