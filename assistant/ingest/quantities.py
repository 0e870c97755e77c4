"""The one quantity grammar: figures as Chinese documents and questions write
them, read into typed `Quantity` records.

Sentences are read once, at index time (each indexed sentence carries its
quantities); questions are read once, by the query parser. Nothing else in
the pipeline matches numbers in text.

Covered: Arabic and Chinese numerals (cn2an), thousands separators
(5,000万元), full-width ％, 百分之 and fractions (五分之一), money with 万/亿 magnitudes, areas,
counts with their measure words (and an assessment's points, 得3分), durations (3年, 六个月, 30日内), dates
(2016年1月1日), months (5月), years (2020年), deadlines written as an event
(不迟于年度汇算清缴纳税申报时), caps and floors (最高, 不超过, 不低于, 以上, 以下)
and ranges (一万元以上十万元以下, 5,000万元至2亿元, 2—3年), and floors and caps set
against a reference quantity rather than a number (`benchmark`: 不低于全省平均水平,
高于全市平均增长幅度, 不少于上年, 达到国内领先水平).

A percentage is a `rate` when it is applied to compute something (税率,
按…的50%扣除, 补助比例) and a `share` when it measures one part of a whole
(占…比重, 比例不低于5%). The two are told apart by the clause they stand in.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Literal

import cn2an
from text_to_num import text2num

from assistant import lexicon
from assistant.lexicon.tags import has_chinese
from assistant.ingest.rulings import case_before

FigureKind = Literal["rate", "share", "amount", "count", "area", "length", "duration", "frequency", "date", "month",
                     "year", "benchmark"]
Bound = Literal["exact", "max", "min", "range"]
FIGURE_KINDS: tuple[FigureKind, ...] = ("rate", "share", "amount", "count", "area", "length", "duration", "frequency",
                                        "date", "month", "year")
TIME_KINDS = frozenset({"date", "month", "year"})
PERIOD_KINDS = frozenset({"duration", "frequency"})  # measured by a length of time (6个月, 每半年)

_CN = "零〇一二两三四五六七八九十百千万亿"
_NUM = rf"\d+(?:,\d{{3}})*(?:\.\d+)?|[{_CN}]+(?:点[零〇一二三四五六七八九]+)?"
NUMERAL = _NUM  # a number as written, Arabic (5,000, 1.5) or Chinese (二百万, 三点五)
_MONEY = r"(?:万亿|万|亿|千)?(?:美|港|欧)?元"
# (an area said as people say it: 120平米, 90平方, 一套210平的房子 are square metres; a bare 平 only before what
# closes a figure, not 平台, 平均)
_AREA = r"(?:万)?(?:平方米|平方公里|平方千米|亩|公顷|平米|平方(?![米公千])|平(?=$|[^\u4e00-\u9fff]|的|左右|以上|以下|以内|出头))"
_SPOKEN_AREA = {"平米": "平方米", "平方": "平方米", "平": "平方米"}
# a length, a height or a distance (长约八百五十米, 距离学校200米, 3.5公里), in metres; 平方米 is an area, read first
_METRES = {"千米": 1000.0, "公里": 1000.0, "米": 1.0, "厘米": 0.01, "毫米": 0.001}
_LENGTH = r"(?:千米|公里|厘米|毫米|米)"
_DURATION = r"(?:个)?(?:工作日|自然日|小时|(?:会计|纳税|财政|自然)?年度|周年|年|个月|月|日|天|周(?!岁))"
_UNITS = lexicon.table("figure_units")
# Counted things: the lexicon's compound units (千瓦时, 万吨, 公里) before its measure words (家, 人, 套);
# units of money, area and time have their own alternatives above.
_COUNTED = sorted((set(_UNITS["compound"]) | set(_UNITS["measure words"]) | {"人次", "篇", "轮", "届"})
                  - set(_UNITS["durations"]) - set(_METRES)
                  - {"美元", "港元", "欧元", "元", "平方米", "平方公里", "周岁", "个百分点", "百分点"},
                  key=len, reverse=True)
# units that name what they measure (an age): a figure in one needs no words of the clause to say what it is of
SELF_NAMING_UNITS = frozenset(_UNITS["self-naming"])
_COUNT = r"个百分点|百分点|周岁|(?:万|亿)?(?:" + "|".join(map(re.escape, _COUNTED)) + ")"

# One pattern, alternatives in priority order: ordinal periods (第一年至第三年), then dates before
# years and durations.
QUANTITY = re.compile(
    rf"(?P<span>第(?P<sa>{_NUM})(?P<su>(?:个)?(?:纳税)?年度?|个月)\s*[至到~～－—-]\s*第(?P<sb>{_NUM})(?:(?:个)?(?:纳税)?年度?|个月))"
    rf"|(?P<date>(?P<dy>(?:19|20)\d\d)\s*年\s*(?P<dm>\d{{1,2}})\s*月(?:\s*(?P<dd>\d{{1,2}})\s*日)?)"
    rf"|(?P<md>(?<!\d)(?P<mm>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月\s*(?P<mdd>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[日号])"
    rf"|(?P<mend>(?<!\d)(?P<me>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月\s*(?:底|末|初|上旬|中旬|下旬))"
    rf"|(?P<year>(?<![\d〔\[(（])(?:19|20)\d\d)\s*年(?!\s*\d{{1,2}}\s*月)(?!\s*第\s*\d+\s*号)(?![度]?\s*[-－—–~～至到]\s*(?:19|20)?\d\d)"
    rf"|(?P<half>半(?P<halfunit>年|个月))"
    rf"|(?P<pct>百分之(?P<pctn>{_NUM}))"
    rf"|(?P<ratio>(?<![\d.])\d+(?:\.\d+)?\s*[:：]\s*\d+(?:\.\d+)?(?![\d.]))"
    rf"|(?P<frac>(?P<fden>[{_CN}]+|\d+)分之(?P<fnum>[{_CN}]+|\d+))"
    rf"|(?P<score>(?<![\d.])\d+(?:\.\d+)?)\s*分(?![钟之钱别局])"
    rf"|(?P<num>{_NUM})(?:(?<!19\d\d)(?<!20\d\d)\s*[-~～－—到至]\s*(?P<num2>{_NUM}))?\s*(?:(?P<pctsign>[%％‰‱])|(?P<money>{_MONEY})|(?P<area>{_AREA})"
    rf"|(?P<length>{_LENGTH})|(?P<dur>(?:个半(?=月|小时))?{_DURATION})(?P<andhalf>半(?![年月天日个数价]))?|(?P<count>{_COUNT})(?!亿(?![\u4e00-\u9fff]))|(?P<bare>万|个?亿)(?![\u4e00-\u9fff]))"  # (1个亿 said alone: money; 50个亿元楼宇: 50 buildings)
)
# A floor or cap set against a reference quantity instead of a number: a comparison verb, then
# an average, a level or a growth rate of a named whole (全省, 同期, 行业) or last year's level.
_BENCH_FLOOR = r"不得?低于|不少于|高于|超过|快于|优于|达到|保持在"
_BENCH_CAP = r"不得?高于|不得?超过|低于|慢于|控制在"
_BENCH_WHOLE = (r"(?:全[国省市县区州盟镇乡]|本[省市县区镇乡]|本地区|[省市县区]?本级|[省市县区]内|国内|国际|国家|"
                r"同期|同级|同类|同行业|行业|全社会|地区)")
_BENCH_LAST = r"(?:上一?年度?|去年|前一年度?)(?:同期)?"
_BENCH_MEASURE = (r"(?:平均增长幅度|平均增幅|平均增速|平均增长率|平均水平|平均值|平均工资|平均收入|增长幅度|增幅|增速|"
                  r"领先水平|先进水平|水平|均值|利率)")
# a reference rate named as such (贷款市场报价利率, 基准利率), whoever sets it and for whatever term
_BENCH_RATE = r"(?:贷款市场报价利率|基准利率)"
BENCHMARK = re.compile(
    rf"(?P<verb>{_BENCH_CAP}|{_BENCH_FLOOR})"
    rf"(?P<ref>(?:按照?[^，。；,;、：:（(]{{0,8}}?)?(?:{_BENCH_WHOLE}|{_BENCH_LAST})[^，。；,;、：:（(]{{0,14}}?{_BENCH_MEASURE}"
    rf"|[^，。；,;、：:（(]{{0,16}}?{_BENCH_RATE}"
    rf"|{_BENCH_LAST}(?![\u4e00-\u9fff]))"
    r"(?!的?\s*(?:\d|百分之|[一二三四五六七八九十]+成|[一二三四五六七八九十]+倍))"  # the base of a figure: 上年度平均工资的60%
)
_DEADLINE = re.compile(r"(?:不迟于|最迟|最晚|截至|截止(?:到|至)?)[^，。；,;]{2,30}?(?:时|前|之前|以前|底|末)")

# A start written relative to an event (自固定资产投入使用月份的次月起, 自公布之日起, 超过抵免限额的当年的次年起,
# 自证书颁发之日所在年度起, 自取得第一笔收入所属纳税年度起): a time, as a date is; and a day named by its event
# (按照实际收到捐赠资产的日期, 以合同签订之日为准).
_EVENT_YEAR = r"(?:所在|所属)(?:纳税)?(?:年度|月份)"
_EVENT_POINT = rf"(?:次月|次年|次日|当月|当年|当日|之日|(?:之日)?{_EVENT_YEAR})"
_RELATIVE_START = re.compile(rf"(?:自|从)[^，。；,;自从]{{0,30}}?{_EVENT_POINT}起"
                             rf"|[^，。；,;自从]{{1,20}}?(?:次月|次年|次日|之日|{_EVENT_YEAR})起")
# A point of the year named, not numbered (每年年底前, 次年年初, 季度末): a date, a deadline when 前 follows.
_YEAR_POINT = re.compile(r"(?:每年|当年|次年|本年度?|上半年|下半年)?(?:年底|年末|年初|年中|岁末|季末|季度末|月底|月末)"
                         r"(?P<before>前|之前|以前)?")
# A frequency said by its period (每年至少进行一次演练, 每月开展一次检查, 每半年一次, 每两年一次; people say 一年一回):
# how often, the period between, as a duration is measured; with no count of times after it in its clause, 每年 says
# "each year", no figure (每年5月底前 is a date), and 每两年 a length of time.
_EVERY = re.compile(r"每(?P<unit>年|半年|季度|季|月|周|星期|日|天)(?![底末初中度份])")
_EVERY_UNITS = {"年": (1.0, "年"), "半年": (6.0, "月"), "季度": (3.0, "月"), "季": (3.0, "月"), "月": (1.0, "月"),
                "周": (1.0, "周"), "星期": (1.0, "周"), "日": (1.0, "日"), "天": (1.0, "日")}
_TIMES = re.compile(rf"[^，。；,;：:\n]*?(?:{_NUM})[次回]")
_TIMES_NEXT = re.compile(rf"[^，。；,;：:\n]{{0,4}}?(?:{_NUM})[次回]")  # (一年才洗一回: the period said bare, then the times)
# Parts said in words, not numerals: half (减半征收 levies half the tax: a rate; 一半, 半数 a part), tenths (两成 20%)
# and a price's share after a discount (打八折 80%, 七五折 75%); not 一成不变, 成立, 折旧, 折算, nor the 减半 of a
# benefit's name (三免三减半), which levies nothing itself.
_HALF = re.compile(r"(?P<rate>减半)(?=征收|缴纳|交纳|收取|计征|计算|计入)|一半|半数")
_DIGIT = {ch: n for n, ch in enumerate("零一二三四五六七八九")} | {"两": 2}
_TENTHS = re.compile(r"(?P<tenths>[一二两三四五六七八九])成(?![立功为果本员绩交年人不])"
                     r"|(?P<discount>[一二三四五六七八九]{1,2})折(?![旧算合扣现射叠子])")
_EVENT_DAY = re.compile(r"(?:按照?|以)[^，。；,;按以]{1,30}?(?:的日期|之日|的当日|的当天)(?!起)")

# (a negated comparison is the opposite bound: 不得低于, 不应少于 are floors, 不得超过 a cap)
_NOT = r"(?<!不)(?<!不得)(?<!不应)(?<!不能)"
_MAX_BEFORE = re.compile(rf"(?:不[得应能]?(?:超过|高于|多于|大于)|最高|最多|最长|上限|封顶|至多|{_NOT}低于|{_NOT}少于|小于|未满|不满|不足|不到)"
                         r"(?:为|是)?\s*$")
_MIN_BEFORE = re.compile(rf"(?:不[得应能]?(?:低于|少于|小于)|至少|最低|最少|最短|{_NOT}超过|{_NOT}高于|大于|多于|(?<![未不])满|达到|突破|提前)"
                         r"(?:为|是)?\s*$")
# A cap or floor that governs the clause's last figure from further back (不得超过…总额的10%).
_CLAUSE_MAX = re.compile(r"不得?超过|不高于|最高|最多|上限")
_CLAUSE_MIN = re.compile(r"不得?低于|不少于|至少|最低|下限")  # (…支出资金下限可下浮至800万元: a floor, as 上限 a cap)
_MAX_AFTER = re.compile(r"^\s*(?:（含）)?\s*(?:及?以下|及?以内|之内|内|为限|封顶|之前|以前|前(?![\u4e00-\u9fff]{0,1}年)|"
                        r"(?:的)?(?:限额|额度|上限)(?:内|以内|之内))")  # 在80000元限额内: a cap
_MIN_AFTER = re.compile(r"^\s*(?:（含）)?\s*(?:以上|及以上|之上)")
_RANGE_JOIN = re.compile(r"^\s*(?:（含）)?\s*(?:以上)?\s*(?:至|到|~|～|－|—|-)\s*$")

# Clause words that make a percentage a part of a whole (share) or a rate applied.
_PART_CUE = re.compile(r"占|比重")
_APPLIED_CUE = re.compile(r"税率|征收率|减按|按照|按|计提|利率")
_SHARE_CUE = re.compile(r"比例|覆盖率|普及率|达到|提高到|提升到|超过|不低于|不少于")
_RATE_CUE = re.compile(r"扣除|摊销|抵扣|补助|补贴|资助|奖励|贴息|折旧|返还|减征|免征")
_NUMBERED = re.compile(r"\s*第\s*\d+\s*号")
# A figure in a formula (限额=…之和×10%/(1-10%)) is an operand of a computation, no figure the text states
# (a slash before a unit is "per": 2.0元/千瓦时; before a number or a bracket it divides)
_OPERAND_BEFORE = re.compile(r"(?:[×÷*=＝+＋]\s*[(（]?|/\s*[(（]|[(（]\s*\d+(?:\.\d+)?\s*[-－])\s*$")
_OPERAND_AFTER = re.compile(r"^\s*(?:[×÷*＝=]|/\s*[(（\d])")
# a period read as the months or years of a pay or an income it counts (6个月的统筹地区上年度职工月平均工资); not an
# income a thing of that length yields (租期不足6个月的租赁合同取得的收入: the lease's length)
_WAGE_BASE = re.compile(r"\s*的(?:(?!取得|获得)[^，。；,;：:]){0,20}?(?:工资|收入|薪酬|薪金|缴费基数)")
# Characters before 一 that make it a word (each, the same, any, single, unified), not the number one.
_ONE_AS_A_WORD = frozenset("每同任某单统唯其哪")
_CLAUSE_START = re.compile(r"[，,；;。：:\n（(]")


@dataclass(frozen=True)
class Quantity:
    """A figure as written, typed: `value` in `unit` (元 for money, % for
    percentages, 平方米 for areas), `upper` the top of a range."""

    value: float
    unit: str
    kind: FigureKind
    bound: Bound = "exact"
    year: int | None = None  # a date's or a year's year
    text: str = ""  # as written, bound words included where they stand beside it
    start: int = 0
    end: int = 0
    upper: float | None = None
    figure: str = ""  # the numeral and its unit as written, bound words left out (100万元 of 最高100万元)
    # it stands in a clause stating a case (累计缴费时间满5年不足10年的，…): a condition on whom the rest of the
    # sentence speaks of, not what it grants (…期限最长为18个月)
    case: bool = False
    # the case the figure is for: the nearest clause before it in its sentence that states one (企业安置残疾人员的，
    # …按照…工资的100%加计扣除), "" for a figure of every case
    for_case: str = ""
    # it is what a penalty imposes (处三万元以下罚款, 并处…百分之二十以上百分之五十以下罚款): what befalls a breach,
    # no bound an applicant's own figure meets or fails
    imposed: bool = False
    # the words of its clause before it: what it measures (供热企业应当提前 of 提前二日), read where it is written
    measure: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Quantity":
        return cls(**data)

    @property
    def figure_start(self) -> int:
        """Where the figure itself starts, after a bound word written before it (最高|100万元)."""
        return self.start + max(0, self.text.find(self.figure))

    def shown(self) -> str:
        """The figure as written, for answers and cards."""
        return self.text


def number(written: str) -> float | None:
    """`5,000` -> 5000, `三十` -> 30, `二百万` -> 2000000, `1.5` -> 1.5."""
    written = written.replace(",", "")
    try:
        return float(written) if re.fullmatch(r"\d+(?:\.\d+)?", written) else float(cn2an.cn2an(written, "smart"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _magnitude(unit: str) -> float:
    """The numeral a unit opens with (万元, 亿吨, 千元); 千 of a unit's own name (千克, 千米, 千瓦时) is none."""
    if unit.startswith("千") and unit in _UNITS["compound"]:
        return 1.0
    unit = unit.lstrip("个")  # (1个亿)
    return 1e12 if unit.startswith("万亿") else 1e8 if unit.startswith("亿") else 1e4 if unit.startswith("万") else 1e3 if unit.startswith("千") else 1.0


def _clause_before(text: str, at: int) -> str:
    starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, at)]
    return text[starts[-1] if starts else 0:at]


def _percent_kind(text: str, start: int, end: int) -> FigureKind:
    clause = _clause_before(text, start)
    after = text[end:end + 8]
    if _PART_CUE.search(clause):
        return "share"  # 占…的50%以上, 比重: a part of a whole, whatever else the clause says
    if _APPLIED_CUE.search(clause) or re.match(r"^\s*(?:的)?(?:税率|征收率|利率|扣除|在税前|从|计算|摊销|补助|补贴|资助|奖励)", after):
        return "rate"  # applied to compute a sum: 减按15%的税率, 按…的50%扣除
    if _SHARE_CUE.search(clause):
        return "share"  # a part of a whole: 占…比重超过50%, 不得超过…总额的10%
    return "rate" if _RATE_CUE.search(clause) else "share"


def _written_bound(text: str, start: int, end: int, width: int, after, before) -> tuple[Bound, int, int] | None:
    """The bound a cue right after a figure or within `width` characters before it writes (each cue list in
    the order tried: (bound, pattern)), and the span it widens to; None when none does."""
    near = text[max(0, start - width):start]
    for bound, cue in after:
        if m := cue.match(text[end:]):
            return bound, start, end + m.end()
    for bound, cue in before:
        if m := cue.search(near):
            return bound, start - (len(near) - m.start()), end
    return None


def _bound(text: str, start: int, end: int) -> tuple[Bound, int, int]:
    """The bound written around a figure, and the span it widens to."""
    if written := _written_bound(text, start, end, 6, (("max", _MAX_AFTER), ("min", _MIN_AFTER)),
                                 (("max", _MAX_BEFORE), ("min", _MIN_BEFORE))):
        return written
    clause = _clause_before(text, start)
    if _CLAUSE_MAX.search(clause):
        return "max", start, end
    if _CLAUSE_MIN.search(clause):
        return "min", start, end
    return "exact", start, end


def _typed(m: re.Match) -> tuple[float, str, FigureKind, int | None] | None:
    """(value, unit, kind, year) of one match, or None for a word that is no figure (一个)."""
    if m.group("span"):  # 第一年至第三年 (免征): a period counted in ordinals, three years
        first, last = number(m.group("sa")), number(m.group("sb"))
        if first is None or last is None or last < first:
            return None
        return last - first + 1, "月" if "月" in m.group("su") else "年", "duration", None
    if m.group("date"):
        return float(m.group("dy")), "日期", "date", int(m.group("dy"))
    if m.group("md") or m.group("mend"):  # 5月31日, 3月底: a day of the year
        return number(m.group("mm") or m.group("me")) or 0.0, "日期", "date", None
    if m.group("year"):
        return float(m.group("year")), "年", "year", int(m.group("year"))
    if m.group("half"):  # 半年, 半个月
        return 0.5, m.group("halfunit").lstrip("个"), "duration", None
    if m.group("ratio"):  # 1:1 配套: a rate written as a ratio
        if _CLOCK_BEFORE.search(m.string[max(0, m.start() - 12):m.start()]) or m.string.startswith(":", m.end()):
            return None  # 2026-02-12 17:12, 9:30:00: a time of day
        left, right = re.split(r"\s*[:：]\s*", m.group("ratio"))
        return (float(left) / float(right) * 100, "%", "rate", None) if float(right) else None
    if m.group("pct"):
        value = number(m.group("pctn"))
        return (value, "%", "share", None) if value is not None else None
    if m.group("frac"):  # 五分之一: a part of a whole, as a percentage
        whole = number(m.group("fden")) or number("一" + m.group("fden"))  # 千分之三: a bare 千 is one thousand
        part = number(m.group("fnum"))
        return (part / whole * 100, "%", "share", None) if whole and part is not None else None
    if m.group("score"):  # 得3分, 扣2分: points of an assessment (a count of 分)
        return float(m.group("score")), "分", "count", None
    value = number(m.group("num"))
    if value is None:
        return None
    if sign := m.group("pctsign"):  # per mille (3‰) and per ten thousand (5‱) as percentages
        return value / {"‰": 10, "‱": 100}.get(sign, 1), "%", "share", None
    if unit := m.group("money"):
        return value * _magnitude(unit), "美元" if "美" in unit else "元", "amount", None
    if unit := m.group("area"):
        unit = unit.lstrip("万")
        return value * _magnitude(m.group("area")), _SPOKEN_AREA.get(unit, unit), "area", None
    if unit := m.group("length"):
        return value * _METRES[unit], "米", "length", None
    if unit := m.group("dur"):
        if re.fullmatch(r"(?:19|20)\d\d", m.group("num")) and unit.startswith("年"):
            return None  # a year the year pattern left (（2023年）, 2016年至2020年), not 2016 years
        if "半" in unit or m.group("andhalf"):  # 三年半, 一个半月: half a unit more
            value, unit = value + 0.5, unit.replace("个半", "个")
        unit = unit.lstrip("个")
        if unit == "月" and not m.group("dur").startswith("个"):
            return value, "月", "month", None  # 5月, 五月: a month of the year (a period is 5个月)
        unit = "年" if unit.endswith("年度") else unit  # 三个会计年度: years of account
        return value, {"周年": "年", "天": "日", "自然日": "日"}.get(unit, unit), "duration", None
    if m.group("bare"):  # 营收8000万: money, its unit left out as people do
        return value * _magnitude(m.group("bare")), "元", "amount", None
    unit = m.group("count")
    if unit in ("个百分点", "百分点"):
        return value, "个百分点", "share", None
    if unit == "倍":  # 处违法所得一倍以上五倍以下的罚款, 增长2倍: a multiple of a base is a ratio to it, not a count
        return value, "倍", "rate", None
    if value == 1 and not m.group("num").isdigit():
        return None  # 一个, 一批: a word, not a figure
    return value * _magnitude(unit), unit.lstrip("万亿"), "count", None


_CLOCK_BEFORE = re.compile(r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?|[日号]|上午|下午|晚上|凌晨)\s*$")


def read(text: str) -> list[Quantity]:
    """Every quantity of a text, in order; a range (A以上B以下, A至B) is one. A text with no Chinese is read
    as English writes figures."""
    if not has_chinese(text):
        return read_english(text) if _LATIN.search(text) else _read_chinese(text)
    return _read_chinese(text)


def _read_chinese(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        if text[max(0, m.start() - 1):m.start()] in ("第", "〔") or _NUMBERED.match(text, m.end()):
            continue  # numbering (第十五条) and document numbers (〔2015〕, 公告2015年第97号)
        if text[max(0, m.start() - 1):m.start()] in ("上", "下") and m.group(0)[:1] in ("一", "半"):
            continue  # 上一年度, 下一年, 上半年: a time named, not a length of time
        if text[max(0, m.start() - 1):m.start()] in _ONE_AS_A_WORD and m.group(0)[:1] == "一":
            continue  # 每一纳税年度, 同一年度, 任一年, 哪一年: each, the same or which one, no length of time
        if m.group("num") and m.group("num").strip("零〇") == "":
            continue  # 零 alone is a word's first character (零部件, 零星), never a figure written out
        if _OPERAND_BEFORE.search(text[max(0, m.start() - 8):m.start()]) or _OPERAND_AFTER.match(text[m.end():]):
            continue
        typed = _typed(m)
        if typed is None:
            continue
        value, unit, kind, year = typed
        if unit == "%":
            kind = _percent_kind(text, m.start(), m.end())
        elif kind == "duration" and _WAGE_BASE.match(text, m.end()):
            kind = "amount"  # 27个月的本人工资: a sum counted in months of a wage, not a length of time
        bound, start, end = _bound(text, m.start(), m.end())
        figure = m.group(0).strip()
        if m.group("num2") and (first := number(m.group("num"))):  # 1.5-2亿元: one range in one figure
            upper = value / first * (number(m.group("num2")) or 0.0)
            out.append(Quantity(value, unit, kind, "range", year, text[start:end], start, end, upper, figure))
            continue
        if out and (prev := out[-1]).kind == kind and prev.unit == unit and (
                _RANGE_JOIN.match(text[prev.end:start]) or (prev.bound, bound) == ("min", "max") and prev.end == start):
            out[-1] = Quantity(prev.value, unit, kind, "range", prev.year, text[prev.start:end], prev.start, end, value,
                               prev.figure)
            continue
        out.append(Quantity(value, unit, kind, bound, year, text[start:end], start, end, figure=figure))
    out = [replace(q, measure=_measure(text, q)) for q in _worded(text, out)]
    return sorted((replace(q, case=True) if _in_case(text, q) else
                   replace(q, for_case=_case_of(text, q), imposed=bool(_IMPOSED.match(text, q.end))) for q in out),
                  key=lambda q: q.start)


def _measure(text: str, q: Quantity) -> str:
    """The words of the figure's clause before its numeral, bound words included (…，供热企业应当提前二日通知:
    供热企业应当提前)."""
    return _clause_before(text, q.start + max(q.text.find(q.figure), 0))


def _worded(text: str, out: list[Quantity]) -> list[Quantity]:
    """The figures said in words, not numerals, where no numeral's figure stands: a benchmark (不低于全省平均水平),
    a point in time (不迟于…时, 自…之日起, 每年年底前), parts said in words (减半, 两成, 八折) and how often, by its
    period (每年至少一次, 每半年一次)."""
    for m in BENCHMARK.finditer(text):
        # (a term's figure inside the reference, 1年期 of 1年期贷款市场报价利率, is part of what it names)
        out = [q for q in out if not (m.start("ref") <= q.start and q.end <= m.end("ref") and q.kind != "rate")]
        if _unclaimed(out, m):
            bound: Bound = "max" if re.fullmatch(_BENCH_CAP, m.group("verb")) else "min"
            out.append(Quantity(0.0, "", "benchmark", bound, None, m.group(0), m.start(), m.end()))
    for pattern, bound in ((_DEADLINE, "max"), (_RELATIVE_START, "min"), (_EVENT_DAY, "exact"), (_YEAR_POINT, "exact")):
        for m in pattern.finditer(text):
            if _unclaimed(out, m):
                capped: Bound = "max" if m.groupdict().get("before") else bound  # (年底前: by then)
                out.append(Quantity(0.0, "", "date", capped, None, m.group(0), m.start(), m.end()))
    out = [replace(q, kind="frequency") if q.kind == "duration" and (
        text[q.start - 1:q.start] == "每" and _TIMES.match(text, q.end)
        or q.bound == "exact" and _TIMES_NEXT.match(text, q.end)) else q for q in out]  # (每半年一次, 一年一回)
    for m in [*_HALF.finditer(text), *_TENTHS.finditer(text)]:
        if _unclaimed(out, m):
            value = 50.0 if m.re is _HALF else _tenths(m.group("tenths") or m.group("discount"))
            kind: FigureKind = "rate" if m.re is _HALF and m.group("rate") else _percent_kind(text, m.start(), m.end())
            bound, start, end = _bound(text, m.start(), m.end())
            out.append(Quantity(value, "%", kind, bound, None, text[start:end], start, end, figure=m.group(0)))
    for m in _EVERY.finditer(text):
        if _TIMES.match(text, m.end()) and _unclaimed(out, m):
            value, unit = _EVERY_UNITS[m.group("unit")]
            out.append(Quantity(value, unit, "frequency", "exact", None, m.group(0), m.start(), m.end(), figure=m.group(0)))
    return out



def _unclaimed(out: list[Quantity], m: re.Match) -> bool:
    """Whether no figure already read stands where the match does."""
    return not any(q.start < m.end() and m.start() < q.end for q in out)


def _tenths(digits: str) -> float:
    """两成 -> 20, 八折 -> 80, 七五折 -> 75: tenths, and hundredths after them."""
    return float(sum(_DIGIT[ch] * 10 ** (1 - n) for n, ch in enumerate(digits)))


# --- English figures ----------------------------------------------------------
# Questions in English state and ask figures as English writes them (sales of RMB 45 million, 90 employees,
# at least 60 percent, within three months, by December 2023). They are read into the same records, in the
# units the Chinese grammar gives (元, 人, 年, %), so that they compare with the documents' figures.

_LATIN = re.compile(r"[A-Za-z]{2,}")
_EN_UNITS = lexicon.load("english_units")
_EN_MAGNITUDE = {form.split(":")[0]: float(form.split(":")[1]) for e in _EN_UNITS if e.extra.get("kind") == "magnitude"
                 for form in e.forms}
_EN_AFTER = {form: e for e in _EN_UNITS if e.extra.get("kind") != "magnitude" and e.extra.get("place") != "before"
             for form in e.forms}
_EN_BEFORE = {form: e for e in _EN_UNITS if e.extra.get("place") == "before" for form in e.forms}
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred")
_EN_NUM = (rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
           rf"|(?:{_NUMBER_WORDS})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORDS}))*|an?(?=\s+(?:year|month|week|day)\b)")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MONTH = "|".join(_MONTHS)


def _alternatives(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


_WORD_MAGNITUDE = _alternatives(f for f in _EN_MAGNITUDE if len(f) > 2)  # thousand, million (k, m, bn: joined)
_JOINED_MAGNITUDE = _alternatives(f for f in _EN_MAGNITUDE if len(f) <= 2)
_EN_QUANTITY = re.compile(
    rf"(?P<date>(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?)"
    rf"(?:,?\s+(?P<dy>(?:19|20)\d\d))?(?![\w]))"
    rf"|(?P<year>(?<![\[(〔（\d.,/])(?:19|20)\d\d(?![\])〕）\d]|\s*[-–—]\s*(?:19|20)?\d\d))"
    rf"|(?:(?P<cur>{_alternatives(_EN_BEFORE)})\s?)?(?P<num>{_EN_NUM})"
    rf"(?:\s*(?:-|–|to)\s*(?P<num2>{_EN_NUM}))?"
    rf"(?:(?P<jmag>{_JOINED_MAGNITUDE})\b|\s*(?P<mag>{_WORD_MAGNITUDE})\b)?"
    rf"(?:\s*(?P<pct>%)|\s*(?P<unit>{_alternatives(f for f, e in _EN_AFTER.items() if e.extra['kind'] != 'count')})"
    rf"(?![A-Za-z])|\s*(?:[A-Za-z-]+\s+)?(?P<counted>{_alternatives(f for f, e in _EN_AFTER.items() if e.extra['kind'] == 'count')})"
    rf"(?![A-Za-z]))?",  # (a word may stand between a count and what it counts: 90 full-time employees)
    re.IGNORECASE,
)
# the words after a magnitude that leave it a sum of money (sales of 45 million last year)
_BARE_AMOUNT_AFTER = re.compile(r"^\s*(?:$|[,.;:?!)]|(?:last|this|in|a|per|and|or|for|at|with|from|of|each|every|"
                                r"annually|yearly)\b)", re.IGNORECASE)
_EN_MIN_BEFORE = re.compile(r"(?:at least|no less than|not less than|no fewer than|not fewer than|a minimum of|minimum of|"
                            r"minimum|more than|over|above|exceeding|in excess of|upwards of|beyond)\s*$", re.IGNORECASE)
_EN_MAX_BEFORE = re.compile(r"(?:up to|no more than|not more than|no higher than|not exceeding|not to exceed|at most|"
                            r"a maximum of|maximum of|maximum|under|below|less than|fewer than|within|capped at)\s*$",
                            re.IGNORECASE)
_EN_MIN_AFTER = re.compile(r"^\s*(?:or more|or above|and above|or over|or longer|\+|plus\b)", re.IGNORECASE)
_EN_MAX_AFTER = re.compile(r"^\s*(?:or less|or below|and below|or under|or fewer|or shorter|at most)\b", re.IGNORECASE)
# a percentage applied to compute a sum (taxed at 15%, deduct 75%, 8% interest) or one part of a whole (own 15% of)
_EN_RATE_CUE = re.compile(r"\b(?:rate|tax\w*|levied|deduct\w*|interest|subsid\w*|grants?|reimburs\w*|amortis\w*|"
                          r"amortiz\w*|depreciat\w*|credit\w*|refund\w*|extra|additional|super)\b|\bat\s*$", re.IGNORECASE)
_EN_SHARE_CUE = re.compile(r"\b(?:share|ratio|proportion|own\w*|stake|hold\w*|of (?:total|the total|our|its|all)|"
                           r"intensity)\b", re.IGNORECASE)
_MONTH_NAMED = re.compile(r"\b(?:in|by|before|until|since|from|after|of|end of|early|late|mid)\s*-?\s*$", re.IGNORECASE)
_NUMBERED_EN = re.compile(r"(?:No\.?|Number)\s*\d+\s*(?:of|,)?\s*$", re.IGNORECASE)


def _english_number(written: str) -> float | None:
    written = written.replace(",", "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", written):
        return float(written)
    if written.lower() in ("a", "an"):
        return 1.0
    try:
        return float(text2num(re.sub(r"[\s-]+", " ", written.lower()), "en"))
    except ValueError:
        return None


def _english_typed(m: re.Match, text: str) -> tuple[float, str, FigureKind, int | None] | None:
    if m.group("date"):
        month = _MONTHS.index((m.group("m1") or m.group("m2")).capitalize()) + 1
        day, year = m.group("d1") or m.group("d2"), m.group("dy")
        if year:
            return float(year), "日期", "date", int(year)
        if day:
            return float(month), "日期", "date", None
        return float(month), "月", "month", None  # in May: a month of the year
    if m.group("year"):
        return float(m.group("year")), "年", "year", int(m.group("year"))
    value = _english_number(m.group("num"))
    if value is None:
        return None
    magnitude = m.group("mag") or m.group("jmag")
    value *= _EN_MAGNITUDE[magnitude.lower()] if magnitude else 1.0
    if m.group("pct"):
        return value, "%", "share", None
    if m.group("cur"):  # RMB 45 million (last year): the currency before the number says what it is
        entry = _EN_BEFORE[m.group("cur").lower()]
        return value, entry.name, entry.extra["kind"], None
    if entry := _EN_AFTER.get((m.group("unit") or m.group("counted") or "").lower()):
        return value * float(entry.extra.get("scale", 1)), entry.name, entry.extra["kind"], None
    if magnitude and _BARE_AMOUNT_AFTER.match(text[m.end():]):
        return value, "元", "amount", None  # sales of 45 million last year: money, its currency left out
    return None


def _english_bound(text: str, start: int, end: int) -> tuple[Bound, int, int]:
    return _written_bound(text, start, end, 24, (("min", _EN_MIN_AFTER), ("max", _EN_MAX_AFTER)),
                          (("min", _EN_MIN_BEFORE), ("max", _EN_MAX_BEFORE))) or ("exact", start, end)


def _english_percent_kind(text: str, start: int, end: int) -> FigureKind:
    clause = text[max((m.end() for m in re.finditer(r"[,;.?!]", text[:start])), default=0):start]
    after = text[end:end + 24]
    if _EN_SHARE_CUE.search(clause):
        return "share"
    return "rate" if _EN_RATE_CUE.search(clause) or _EN_RATE_CUE.search(after) else "share"


def read_english(text: str) -> list[Quantity]:
    """The figures an English text states, in the records and units of the Chinese grammar."""
    out: list[Quantity] = []
    for m in _EN_QUANTITY.finditer(text):
        if not (m.group("date") or m.group("year") or m.group("num")):
            continue
        if m.group("m2") and not (m.group("d2") or m.group("dy")) and not _MONTH_NAMED.search(text[:m.start()]):
            continue  # May we deduct…: a month alone is one only after a word placing a time in it (in May)
        if m.group("num") and not (m.group("pct") or m.group("unit") or m.group("counted") or m.group("cur")
                                   or m.group("mag") or m.group("jmag")):
            continue  # a bare number (3 of them, Article 28) states no figure of a kind
        if m.group("year") and _NUMBERED_EN.search(text[:m.start()]) or re.match(r"\s*No\.", text[m.end():]):
            continue  # a document number's year (Announcement No. 97 of 2015, [2015] No. 119)
        typed = _english_typed(m, text)
        if typed is None:
            continue
        value, unit, kind, year = typed
        if unit == "%":
            kind = _english_percent_kind(text, m.start(), m.end())
        bound, start, end = _english_bound(text, m.start(), m.end())
        figure = m.group(0).strip()
        upper = None
        if m.group("num2") and (first := _english_number(m.group("num"))) and (last := _english_number(m.group("num2"))):
            bound, upper = "range", value / first * last
        out.append(Quantity(value, unit, kind, bound, year, text[start:end], start, end, upper, figure))
    return out


_CLAUSE_END = re.compile(r"[，,；;。：:\n]")
_IMPOSED = re.compile(r"\s*(?:（含）)?\s*(?:的)?(?:罚款|罚金)")  # (处…以下的罚款: the figure a penalty imposes)


def _case_of(text: str, q: Quantity) -> str:
    """The case stated in the clauses before the figure's own (its own 工资的100% names what it is of)."""
    own = [m.start() for m in _CLAUSE_START.finditer(text, 0, q.start)]
    return case_before(text[:own[-1]]) if own else ""


def _in_case(text: str, q: Quantity) -> bool:
    """Whether the figure states a case: its clause ends with 的 before its comma (…满5年不足10年的，), or
    says what holds in the case right after it (满三年不足四年的为九个月, 不足一年的按一年计算)."""
    end = m.start() if (m := _CLAUSE_END.search(text, q.end)) else len(text)
    return end > q.end and (end < len(text) and text[end - 1] == "的" or bool(_CASE_THEN.search(text, q.end, end)))


_CASE_THEN = re.compile(r"的(?:为|按)")


DAYS = {"年": 365.0, "月": 30.0, "周": 7.0, "日": 1.0, "工作日": 1.0, "小时": 1 / 24}


def comparable(q: Quantity) -> tuple[str, float, float | None]:
    """(unit, value, upper) with durations in days, so 6个月 compares with 一年以上."""
    if q.kind in PERIOD_KINDS and q.unit in DAYS:
        scale = DAYS[q.unit]
        return "日", q.value * scale, q.upper * scale if q.upper is not None else None
    if q.kind == "date" and q.year is not None:  # 2025年7月 (read by its year) is no day of every year (每年5月底前)
        return "年", q.value, q.upper
    return _SAME_UNIT.get(q.unit, q.unit), q.value, q.upper


# units written two ways for one measure: an age as people say it, 57岁, is the documents' 周岁 (女性不超过55周岁)
_SAME_UNIT = {"周岁": "岁"}


def unit_kind(unit: str) -> FigureKind | None:
    """The kind of figure written in a unit (家 a count, 万元 an amount, 亩 an area), as the
    grammar reads it after a number: what a question asking in that unit (多少家) wants."""
    found = read(f"1{unit}")
    return found[0].kind if len(found) == 1 else None


def of_kind(quantities: list[Quantity], kinds: frozenset[str] | set[str]) -> list[Quantity]:
    return [q for q in quantities if q.kind in kinds]
