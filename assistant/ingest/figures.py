"""Facts found inside section text: quantitative targets, references to
other documents, and sentence splitting that every later stage shares."""

from __future__ import annotations

import re

import cn2an

from assistant import lexicon
from assistant.ingest import quantities
from assistant.models import Target

_SENTENCE_END = re.compile(r"(?<=[。；！？!?])|\n+")
_ITEM_PREFIX = re.compile(r"^\s*(?:\d+[．.、]|[（(][一二三四五六七八九十]+[）)])\s*")

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_COMPOUND = tuple(sorted(lexicon.table("figure_units")["compound"], key=len, reverse=True))
_MEASURE = lexicon.table("figure_units")["measure words"]
_NOT_UNITS = set(lexicon.table("figure_units")["not units"])
DURATION_UNITS = set(lexicon.table("figure_units")["durations"])
# kept for callers that list the classic target units
UNITS = ("万平方米", "平方公里", "平方米", "亿美元", "万美元", "亿元", "万元", "万人", "万件",
         "%", "％", "家", "人", "件", "个", "项", "所", "名", "倍", "户", "座", "条", "台", "亩", "元")
_ANY_UNIT = "|".join(re.escape(u) for u in _COMPOUND) + r"|%|％|[\u4e00-\u9fff]"
_CN_UNIT = "|".join(re.escape(u) for u in _COMPOUND + _MEASURE)
_CN_NUM = rf"[{_CN_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?"
_NUMBER = r"(?<![\d.])(?P<value>\d+(?:\.\d+)?(?:[-~－—到至]\d+(?:\.\d+)?)?)"
# A figure as written: 30%, 2000套, 8亿千瓦, 50万名, 百分之三十, 二百万元, 三个月.
FIGURE = re.compile(
    rf"百分之(?P<pct>{_CN_NUM}|\d+(?:\.\d+)?)"
    rf"|{_NUMBER}\s*(?P<mag>[万亿]*)(?P<unit>{_ANY_UNIT})"
    rf"|(?<![{_CN_DIGITS}第])(?P<cn>{_CN_NUM})(?P<cn_unit>{_CN_UNIT})"
)
_TARGET = re.compile(_NUMBER + r"\s*(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")")
# A figure a question may ask for: a number with a unit, or a ratio (1:1).
TARGET_FIGURE = re.compile(_TARGET.pattern + r"|\d+\s*[:：比]\s*\d+")
# A year a target is for (到2020年); not a year a period starts from (2018年起, 2019年1月1日至…).
_YEAR = re.compile(r"(?:到|至|于|在)?(?P<year>20\d\d)年(?!\d{1,2}月\d{1,2}日?(?:起|至|开始))(?!起|开始|以来|至今)")
_PERIOD = re.compile(r"(?:自|从)?(?:19|20)\d\d年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:起|开始|以来)"
                     r"[^，。；]{0,12}?(?:\d+|[一二两三四五六七八九十]+)个?(?:年|月|日)(?:内|以内|之内)?")
_CONDITION_AFTER = re.compile(r"^(?:以上|以下)?的")
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


def cn_number(written: str) -> float | None:
    """`三十` -> 30, `二百万` -> 2000000, `1.5` -> 1.5 (cn2an, smart mode)."""
    try:
        return float(cn2an.cn2an(written, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _figure(m: re.Match) -> tuple[str, float | None, str] | None:
    """(value as shown, number, unit) of a FIGURE match; None when it is a
    year, a date part or a number before a word that is no unit."""
    if m.group("pct"):
        number = cn_number(m.group("pct"))
        return (_show(number), number, "%") if number is not None else None
    if m.group("cn"):
        number = cn_number(m.group("cn"))
        if number is None or (number == 1 and m.group("cn_unit") not in DURATION_UNITS):
            return None  # 一个/一批: a word, not a figure
        return _show(number), number, m.group("cn_unit")
    value, mag, unit = m.group("value"), m.group("mag"), m.group("unit")
    if unit in _NOT_UNITS and not mag:
        return None
    if unit == "年" and not mag and re.fullmatch(r"(?:19|20)\d\d", value):
        return None  # a year
    if unit in ("月", "日") and not mag and m.string[max(0, m.start() - 1):m.start()] in ("年", "月"):
        return None  # a date
    unit = "%" if unit == "％" else unit
    first = re.split(r"[-~－—到至]", value)[0]
    return value, float(first), (mag + unit) if mag else unit


def _show(number: float | None) -> str:
    return "" if number is None else (str(int(number)) if number == int(number) else str(number))


def _paragraph_figures(paragraph: str, section: str) -> list[Target]:
    """Figures of one paragraph; a target with no year of its own takes the
    year of the sentence before it (`到2020年，…。…达到150家`)."""
    out: list[Target] = []
    context_year: int | None = None
    for sentence in split_sentences(paragraph):
        years = [(m.start(), int(m.group("year"))) for m in _YEAR.finditer(sentence)]
        goal_like = bool(years) or re.search(r"达到|超过|突破|力争|以上", sentence)
        if years:
            context_year = years[-1][1]
        periods = [(m.start(), m.end(), m.group(0)) for m in _PERIOD.finditer(sentence)]
        matches = list(FIGURE.finditer(sentence))
        skip = set()
        for i, match in enumerate(matches):
            if i in skip or sentence[max(0, match.start() - 1):match.start()] in ("〔", "第"):
                continue
            parsed = _figure(match)
            if parsed is None:
                continue
            value, number, unit = parsed
            before, after = sentence[:match.start()], sentence[match.end():]
            clause = re.split(r"[，,；;：:。（(]", before)[-1]
            figure = Target(value=value, unit=unit, year=None, metric=_metric(before, after),
                            sentence=strip_item_prefix(sentence), section=section,
                            number=number, written=match.group(0))
            _bounds(figure, matches, i, sentence, skip)
            unit_base = unit.lstrip("万亿")
            money = unit.endswith("元")
            rest = sentence[match.start() + len(figure.written):]  # after the figure (or range) as written
            if unit_base in DURATION_UNITS:
                figure.kind = "threshold" if figure.bound in ("以上", "及以上") else "duration"
                figure.period = next((p for s_, e, p in periods if s_ <= match.start() < e), "")
            elif (money or unit == "%") and _AMOUNT_CUE.search(clause):
                figure.kind = "amount"  # money granted, lent or fined (给予最高…, 处…罚款)
            elif _CONDITION_AFTER.match(rest) or (_THRESHOLD_CUE.search(clause) and not years
                                                  and not _GOAL_BEFORE.search(clause)):
                figure.kind = "threshold"  # a condition to meet (…以上的企业, 招用…达到30%), not a goal
            elif money and (_AMOUNT_CUE.search(re.split(r"[，,；;。]", rest)[0]) or not goal_like):
                figure.kind = "amount"
            elif goal_like:
                year = next((y for pos, y in reversed(years) if pos < match.start()), None)
                figure.year = year if year is not None else (years[0][1] if years else context_year)
            else:
                continue  # a count in passing (两个市场) is no figure worth keeping
            out.append(figure)
        out += _benchmarks(sentence, section, years, context_year)
    return out


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


_BOUND_AFTER = re.compile(r"^(以上|以下|以内|及以上|及以下)")
_BOUND_BEFORE = re.compile(r"(不超过|不低于|不少于|最高|最多|最低|至少|超过|低于)$")


def _bounds(figure: Target, matches: list[re.Match], i: int, sentence: str, skip: set[int]) -> None:
    """`一万元以上十万元以下` is one range; `最高100万元`, `30%以上` bound one figure."""
    m = matches[i]
    after = sentence[m.end():]
    if b := _BOUND_AFTER.match(after):
        figure.bound = b.group(1)
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        gap = sentence[m.end() + len(b.group(1)):nxt.start()] if nxt else ""
        if nxt and gap in ("", "、") and b.group(1).endswith("以上") and (parsed := _figure(nxt)):
            tail = _BOUND_AFTER.match(sentence[nxt.end():])
            if tail and tail.group(1).endswith(("以下", "以内")):
                figure.upper, figure.bound = parsed[1], "range"
                figure.written = sentence[m.start():nxt.end() + len(tail.group(1))]
                skip.add(i + 1)
    elif b := _BOUND_BEFORE.search(sentence[:m.start()]):
        figure.bound = b.group(1)


def find_references(text: str) -> list[str]:
    """Other documents named by number (`粤府〔2016〕31号`) or title (`《…》`)."""
    found: list[str] = []
    for pattern in (_REFERENCE_NUMBER, _REFERENCE_TITLE):
        for match in pattern.finditer(text):
            ref = match.group(0)
            if ref not in found:
                found.append(ref)
    return found
