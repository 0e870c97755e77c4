"""政策计算器 self-check: every list of qualifying conditions the corpus
states (须同时满足以下条件, 符合下列条件, 应当具备…条件), found by structure,
checked against an applicant's facts. Each condition is met, not met or
unknown (a fact not given, or a condition no fact measures), with its
article and threshold. A tiered condition (研究开发费用占比 by 销售收入 tier)
is checked at the tier the revenue falls in; alternative items (工业企业 /
其他企业) at the one the applicant is.

Thresholds are figures from ingest.figures (`Target`: value, unit, bound,
number), kept as that object."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant import lexicon
from assistant.lexicon.tags import has_chinese
from assistant.eligibility.roles import opens_condition_list
from assistant.eligibility.terms import find_beneficiaries
from assistant.errors import ProfileError
from assistant.ingest import quantities
from assistant.ingest.figures import find_figures
from assistant.ingest.outline import body_text
from assistant.models import Section, Target

Status = Literal["met", "unmet", "unknown", "n/a"]
STATUS_ZH = {"met": "符合", "unmet": "不符合", "unknown": "待确认", "n/a": "不适用"}
ITEM_LABEL = re.compile(r"^\s*(?P<label>[（(][一二三四五六七八九十]+[）)]|\d+[．.、])\s*")  # （一） or 1．
_SUB_ITEM = re.compile(r"^\s*\d+[．.、]\s*")
_CLAUSE = re.compile(r"[，,；;。]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_UP_TO = re.compile(r"小于|低于|不超过|不足|以下|以内|未满")
_FROM = re.compile(r"以上|超过|大于|不低于|不少于|满")


class Facts(BaseModel):
    """What an applicant knows of itself (money in 万元, shares in %)."""

    model_config = ConfigDict(extra="forbid")

    years_registered: float | None = None
    staff: int | None = None
    rd_staff: int | None = None
    revenue: float | None = None  # 最近一年销售收入, 万元
    rd_spend: float | None = None  # 研究开发费用, 万元 (same period as revenue)
    rd_share: float | None = None  # or the share directly, %
    domestic_rd_share: float | None = None
    high_tech_revenue_share: float | None = None
    high_tech_revenue: float | None = None  # 高新技术产品（服务）收入, 万元 (same period as revenue): or the share directly
    owns_ip: bool | None = None
    incidents: bool | None = None  # a serious safety, quality or environmental incident in the past year
    taxable_income: float | None = None  # 万元
    assets: float | None = None  # 万元
    industrial: bool | None = None  # an industrial enterprise (工业企业)

    def value(self, fact: str) -> float | bool | None:
        if fact == "rd_share":
            if self.rd_share is not None:
                return self.rd_share
            return 100 * self.rd_spend / self.revenue if self.rd_spend is not None and self.revenue else None
        if fact == "high_tech_revenue_share":
            if self.high_tech_revenue_share is not None:
                return self.high_tech_revenue_share
            return 100 * self.high_tech_revenue / self.revenue \
                if self.high_tech_revenue is not None and self.revenue else None
        if fact == "rd_staff_share":
            return 100 * self.rd_staff / self.staff if self.rd_staff is not None and self.staff else None
        if fact == "no_incidents":
            return None if self.incidents is None else not self.incidents
        return getattr(self, fact, None)


FACTS_ZH = {"years_registered": "注册成立年限（年）", "staff": "职工总数", "rd_staff": "研发/科技人员数",
            "revenue": "最近一年销售收入（万元）", "rd_spend": "研究开发费用（万元）", "rd_share": "研发费用占销售收入比例（%）",
            "domestic_rd_share": "境内研发费用占比（%）", "high_tech_revenue_share": "高新技术产品（服务）收入占比（%）",
            "high_tech_revenue": "高新技术产品（服务）收入（万元）",
            "owns_ip": "拥有核心知识产权", "incidents": "近一年发生重大安全、质量事故或严重环境违法",
            "taxable_income": "年度应纳税所得额（万元）", "assets": "资产总额（万元）", "industrial": "工业企业"}


def parse_facts(data: Any) -> Facts:
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(f"{FACTS_ZH.get(str(e['loc'][0]), e['loc'][0]) if e.get('loc') else ''}："
                            f"{e['msg']}" for e in exc.errors())
        raise ProfileError(f"企业情况有误：{problems}。可用字段：{'、'.join(f'{k}（{v}）' for k, v in FACTS_ZH.items())}") \
            from None


@lru_cache(maxsize=None)
def _fact_cues() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((e.name, re.compile("|".join(e.forms))) for e in lexicon.load("condition_facts"))


def fact_of(text: str) -> str | None:
    """The applicant fact a condition measures, or None."""
    return next((name for name, cue in _fact_cues() if cue.search(text)), None)


@dataclass
class Tier:
    """One tier of a tiered condition: applies when `fact` is within (low, high]."""

    text: str
    fact: str | None
    low: float | None
    high: float | None
    requirement: "Condition"


@dataclass
class Condition:
    text: str  # as written
    doc: str
    section: str  # the article or section label: 第十一条
    item: str = ""  # the item label: （五）
    fact: str | None = None
    threshold: Target | None = None
    tiers: list[Tier] = field(default_factory=list)
    applies_if: str = ""  # the kind of applicant an alternative item is for (工业企业)

    def to_dict(self) -> dict:
        return {"text": self.text, "doc": self.doc, "section": self.section, "item": self.item, "fact": self.fact,
                "threshold": self.threshold.to_dict() if self.threshold else None, "applies_if": self.applies_if,
                "tiers": [{"text": t.text, "low": t.low, "high": t.high} for t in self.tiers]}


@dataclass
class ConditionList:
    doc: str
    section: str
    title: str
    opener: str  # 认定为高新技术企业须同时满足以下条件：
    conditions: list[Condition] = field(default_factory=list)

    @cached_property
    def qualifies_for(self) -> frozenset[str]:
        """The statuses the list qualifies for (高新技术企业, 小型微利企业), read from its subject once."""
        return frozenset(find_beneficiaries(self.subject))

    @property
    def subject(self) -> str:
        """What the list qualifies for, as written before the condition words."""
        named = re.search(r"所称(?P<subject>[^，,]+?)，?是指", self.opener)
        if named:
            return named.group("subject")  # 所称符合条件的小型微利企业，是指…
        m = re.search(r"(?:须|需|应当?|必须|并)?(?:同时)?(?:满足|符合|具备|具有)", self.opener)
        return self.opener[:m.start()].strip("，, ") if m else self.opener


# What a verdict says beside its figures, by key: {fact} is a fact's name (FACTS_ZH), {kind} and {tier} the
# documents' words. The interface says each in its language from its one message table (web.i18n.MESSAGES,
# `check_note_<key>`, whose Chinese is this text).
NOTES = {"say_if_industrial": "适用于{kind}，请说明是否为工业企业", "applies_to": "适用于{kind}",
         "fill_in": "请填写{fact}", "no_tier": "未找到适用的档次", "by_tier": "按档次：{tier}",
         "check_by_hand": "需人工核对", "no_threshold": "未读出门槛"}


@dataclass
class Verdict:
    condition: Condition
    status: Status
    threshold: str = ""  # as written (不低于10%), or the tier's
    value: str = ""  # the applicant's figure it was checked with
    note: str = ""  # in Chinese (NOTES[note_key] with note_values)
    note_key: str = ""
    note_values: dict[str, str] = field(default_factory=dict)

    def noted(self, key: str, **values: str) -> "Verdict":
        """The verdict with the note NOTES[key] says of it."""
        self.note, self.note_key, self.note_values = NOTES[key].format(**values), key, values
        return self

    def to_dict(self) -> dict:
        return {"condition": self.condition.text, "item": self.condition.item, "doc": self.condition.doc,
                "section": self.condition.section, "status": self.status, "status_zh": STATUS_ZH[self.status],
                "threshold": self.threshold, "value": self.value, "note": self.note,
                "quantity": self.condition.threshold.to_dict() if self.condition.threshold else None}


@dataclass
class CheckResult:
    conditions: ConditionList
    verdicts: list[Verdict]

    @property
    def status(self) -> Status:
        states = {v.status for v in self.verdicts} - {"n/a"}
        return "unmet" if "unmet" in states else "unknown" if "unknown" in states or not states else "met"

    def to_dict(self) -> dict:
        c = self.conditions
        return {"doc": c.doc, "section": c.section, "title": c.title, "subject": c.subject, "opener": c.opener,
                "status": self.status, "status_zh": STATUS_ZH[self.status],
                "verdicts": [v.to_dict() for v in self.verdicts]}

    def render_zh(self) -> str:
        c = self.conditions
        lines = [f"**{c.subject}**（《{c.doc}》{c.section}）：{STATUS_ZH[self.status]}"]
        marks = {"met": "✅", "unmet": "❌", "unknown": "❔", "n/a": "➖"}
        for v in self.verdicts:
            detail = "；".join(x for x in (f"门槛 {v.threshold}" if v.threshold else "",
                                          f"贵单位 {v.value}" if v.value else "", v.note) if x)
            lines.append(f"- {marks[v.status]} {v.condition.item}{v.condition.text}" + (f"（{detail}）" if detail else ""))
        return "\n".join(lines)


# --- facts an applicant writes ----------------------------------------------------

_APPLICANT_CLAUSE = re.compile(r"[，,。；;、？?！!：:\s]+")
# English clauses end at punctuation (not a thousands comma or a decimal point) or at and/but joining them
_ENGLISH_CLAUSE = re.compile(r"[;?!:]|,(?!\d{3})|\.(?!\d)|\s+(?:and|but|while|whereas)\s+", re.IGNORECASE)
_BARE_MAGNITUDE = re.compile(r"(?<=\d)([万亿])(?!元)")
# (非 as a prefix too: 非工业企业; not 除非 "unless" or 非常 "very")
_NEGATED = re.compile(r"没有|没|无|未|不是|并非|不属于|(?<!除)非(?!常)|(?i:\b(?:no|not|don't|doesn't|didn't|aren't|isn't|"
                      r"without|never|non)\b)")


# The kind of figure each fact is (a clause naming 最近一年 and 3亿元 gives revenue the sum, not the year).
FACT_KINDS: dict[str, tuple[str, ...]] = {
    "years_registered": ("duration",), "staff": ("count",), "rd_staff": ("count",),
    "revenue": ("amount",), "rd_spend": ("amount",), "taxable_income": ("amount",), "assets": ("amount",),
    "high_tech_revenue": ("amount",),
    "rd_share": ("share", "rate"), "domestic_rd_share": ("share", "rate"), "high_tech_revenue_share": ("share", "rate"),
}


_KINDS = ("industrial", "not_industrial")


def _kind_of(clause: str) -> bool | None:
    """Whether a clause says the applicant is an industrial enterprise (a factory, a manufacturer), is not
    (不是工业企业, a software company), or says neither; wherever in the clause it says so."""
    for name, cue in _fact_cues():
        if name in _KINDS and cue.search(clause):
            return name == "industrial" and not _NEGATED.search(clause)  # 不是工业企业: the other tier applies
    return None


def facts_from_text(text: str) -> Facts:
    """The facts a question states (我们成立3年，研发占比4%，营收8000万): each
    clause's fact from lexicon/condition_facts.toml, its figure from the shared
    figure pattern (8000万 read as 8000万元; money in 万元)."""
    found: dict[str, Any] = {}
    clauses = _APPLICANT_CLAUSE.split(_BARE_MAGNITUDE.sub(r"\1元", text)) if has_chinese(text) \
        else _ENGLISH_CLAUSE.split(text)
    for clause in clauses:
        fact = fact_of(clause)
        if "industrial" not in found and (kind := _kind_of(clause)) is not None:
            found["industrial"] = kind  # (our plant has 85 staff: the kind of firm, and a figure of it)
        if fact is None or fact in found or fact in _KINDS:
            continue
        if fact == "owns_ip":
            found[fact] = not _NEGATED.search(clause)
            continue
        if fact == "no_incidents":
            found["incidents"] = False
            continue
        kinds = FACT_KINDS.get(fact, ())
        q = next((q for q in quantities.read(clause) if q.kind in kinds), None)  # (最近一年销售收入3亿元: the sum)
        if q is None:
            continue
        number = q.value / 1e4 if q.kind == "amount" else q.value / 12 if q.unit == "月" else q.value  # 万元, years
        if fact == "rd_staff_share":
            continue  # a share of staff is checked from the two counts
        found[fact] = number
    return Facts(**{k: v for k, v in found.items() if k in Facts.model_fields})


# --- finding the lists ---------------------------------------------------------

def condition_lists(sections: list[Section]) -> list[ConditionList]:
    """Every list of qualifying conditions the sections state: an opener
    ending in `：` (须同时满足以下条件：) and the items under it."""
    out: list[ConditionList] = []
    for section in sections:
        if section.kind in ("chapter", "preamble"):
            continue
        current: ConditionList | None = None
        parent: Condition | None = None
        for line in body_text(section).split("\n"):
            line = line.strip()
            if not line:
                continue
            item = ITEM_LABEL.match(line)
            if not item and opens_condition_list(line) or not item and (current is None and re.search(r"[^：]{2,}(?:符合|满足|具备)(?:下列|以下|如下)", line)
                                              and line.endswith(("：", ":"))):
                current = ConditionList(section.doc, section.label, section.title, line.rstrip("：:"))
                out.append(current)
                parent = None
                continue
            if current is None:
                continue
            if parent is not None and (_SUB_ITEM.match(line) and parent.tiers is not None and
                                       parent.text.endswith(("：", ":"))):
                parent.tiers.append(_tier(_SUB_ITEM.sub("", line), section, parent))
                continue
            if item and not _SUB_ITEM.match(line):
                parent = None
                current.conditions += _conditions(line[item.end():], section, item.group("label"))
                parent = current.conditions[-1] if current.conditions else None
            elif parent is not None and line.startswith("其中"):
                extra = Condition(line.rstrip("；;。"), section.doc, section.label, parent.item)
                _measure(extra)
                current.conditions.append(extra)
            else:
                current = None if not item else current
    return [c for c in out if c.conditions]


def _conditions(text: str, section: Section, label: str) -> list[Condition]:
    """One item: a condition, or alternative thresholds for a kind of applicant
    (`工业企业，年度应纳税所得额不超过30万元，从业人数不超过100人…`), one per clause."""
    text = text.strip().rstrip("；;。")
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    first = clauses[0] if clauses else ""
    if len(clauses) > 1 and not find_figures(_THOUSANDS.sub("", first), "") and \
            all(find_figures(_THOUSANDS.sub("", c), "") for c in clauses[1:]) and len(first) <= 12:
        out = []
        for clause in clauses[1:]:
            c = Condition(clause, section.doc, section.label, label, applies_if=first)
            _measure(c)
            out.append(c)
        return out
    c = Condition(text, section.doc, section.label, label)
    _measure(c)
    return [c]


_BOUND_WORD = re.compile(r"(满|达到|超过|不少于|不足|未满)$")


def _measure(c: Condition) -> None:
    c.fact = fact_of(c.text)
    c.threshold = _threshold(c.text, c.section)


def _threshold(text: str, section: str) -> Target | None:
    """The condition's figure with its bound (不低于10%); a figure the grammar
    leaves unbounded takes the bound word written before it (注册成立满2年)."""
    plain = _THOUSANDS.sub("", text)
    figures = find_figures(plain, section)
    bounded = [f for f in figures if f.bound]
    if bounded:
        return bounded[-1]
    for f in reversed(figures):
        at = plain.find(f.written)
        word = _BOUND_WORD.search(plain[max(0, at - 3):at]) if at >= 0 else None
        if word:
            return replace(f, bound=word.group(1))
    return None


def _tier(text: str, section: Section, parent: Condition) -> Tier:
    selector, _, requirement = text.rstrip("；;。").partition("，")
    low = high = None
    plain = _THOUSANDS.sub("", selector)
    money = [f for f in find_figures(plain, section.label) if f.unit.endswith("元")]
    values = [_to_wan(f) for f in money]
    if money and money[0].bound == "range" and money[0].upper is not None:  # 5,000万元至2亿元
        low, high = values[0], _to_wan(replace(money[0], number=money[0].upper))
    elif len(values) >= 2:
        low, high = values[0], values[1]
    elif values:
        before = plain[:plain.find(money[0].written)] if money[0].written in plain else plain
        if _UP_TO.search(before[-4:]) or (_UP_TO.search(plain) and not _FROM.search(plain)):
            high = values[0]
        else:
            low = values[0]
    need = Condition(requirement or text, parent.doc, parent.section, parent.item, fact=parent.fact)
    need.threshold = _threshold(need.text, parent.section)
    return Tier(text, fact_of(selector), low, high, need)


def _to_wan(f: Target) -> float:
    scale = {"亿元": 10000, "万元": 1, "元": 0.0001}
    return (f.number or 0) * scale.get(f.unit, 1)


# --- checking ------------------------------------------------------------------

def _compare(value: float, threshold: Target) -> bool:
    number = threshold.number or 0
    if threshold.unit.endswith("元"):
        number = _to_wan(threshold)
    bound = threshold.bound
    if bound in ("不超过", "以下", "以内", "最高", "最多"):
        return value <= number
    if bound in ("低于", "不足", "未满"):
        return value < number
    if bound in ("超过",):
        return value > number
    return value >= number  # 以上, 不低于, 不少于, 至少


def _shown(value: float | bool, fact: str | None) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    unit = "%" if fact and (fact.endswith("share")) else "万元" if fact in ("revenue", "taxable_income", "assets",
                                                                           "rd_spend") else \
        "年" if fact == "years_registered" else "人" if fact in ("staff", "rd_staff") else ""
    return f"{round(value, 2):g}{unit}"


def applies(condition: Condition, facts: Facts) -> bool | None:
    """Whether an alternative condition (工业企业，…；其他企业，…) is the applicant's: None when its facts
    do not say which kind of applicant it is; True for a condition of every applicant."""
    if condition.applies_if:
        kind = fact_of(condition.applies_if)
        if kind == "industrial" or "其他" in condition.applies_if:
            return None if facts.industrial is None else facts.industrial == (kind == "industrial")
    return True


def check(condition: Condition, facts: Facts) -> Verdict:
    if (applying := applies(condition, facts)) is None:
        return Verdict(condition, "unknown").noted("say_if_industrial", kind=condition.applies_if)
    if not applying:
        return Verdict(condition, "n/a").noted("applies_to", kind=condition.applies_if)
    if condition.tiers:
        revenue = facts.value(condition.tiers[0].fact or "revenue")
        if revenue is None:
            return Verdict(condition, "unknown").noted("fill_in", fact=FACTS_ZH.get(condition.tiers[0].fact or "revenue", ""))
        tier = next((t for t in condition.tiers if (t.low is None or revenue > t.low) and
                     (t.high is None or revenue <= t.high)), None)
        if tier is None:
            return Verdict(condition, "unknown").noted("no_tier")
        verdict = check(tier.requirement, facts)
        verdict.condition = condition
        return verdict.noted("by_tier", tier=tier.text)
    if condition.fact is None:
        return Verdict(condition, "unknown").noted("check_by_hand")
    value = facts.value(condition.fact)
    threshold = condition.threshold.written + condition.threshold.bound if condition.threshold and \
        condition.threshold.bound in ("以上", "以下", "以内") else \
        (condition.threshold.bound + condition.threshold.written if condition.threshold else "")
    if value is None:
        return Verdict(condition, "unknown", threshold).noted("fill_in", fact=FACTS_ZH.get(condition.fact, condition.fact))
    if isinstance(value, bool):
        return Verdict(condition, "met" if value else "unmet", threshold, _shown(value, condition.fact))
    if condition.threshold is None:
        return Verdict(condition, "unknown", value=_shown(value, condition.fact)).noted("no_threshold")
    met = _compare(float(value), condition.threshold)
    return Verdict(condition, "met" if met else "unmet", threshold, _shown(value, condition.fact))


def self_check(facts: Facts, lists: list[ConditionList]) -> list[CheckResult]:
    """Every condition list checked against the facts; the lists with most
    conditions met first, then those the facts say most about."""
    results = [CheckResult(c, [check(x, facts) for x in c.conditions]) for c in lists]
    order = {"met": 0, "unknown": 1, "unmet": 2}
    known = lambda r: sum(v.status in ("met", "unmet") for v in r.verdicts)  # noqa: E731
    return sorted(results, key=lambda r: (-known(r), order.get(r.status, 3)))
