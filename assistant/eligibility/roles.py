"""What a sentence of a policy text does: grant a benefit, state a condition
to qualify, impose an obligation or a penalty, or voice a principle or an
intention. Read from the structure of regulatory writing (对…给予, 减按, 可以…
扣除 grant; 须同时满足以下条件 opens conditions; 应当/不得 oblige; 处…罚款,
给予相应处理 punish; 积极争取…, …要落实到位 are intentions). The cues are data
(lexicon/sentence_roles.toml, lexicon/benefit_kinds.toml).

Only benefits become policy cards; a condition list is checked by the
self-check (eligibility/conditions.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from assistant import lexicon
from assistant.ingest import quantities

Role = Literal["benefit", "condition", "obligation", "penalty", "principle", "other"]
BenefitKind = Literal["money", "tax_reduction", "deduction", "loan_guarantee", "land", "talent", "procedure",
                      "equity", "other"]
KIND_ZH: dict[str, str] = {"money": "资金补助", "tax_reduction": "税收减免", "deduction": "税前扣除",
                           "loan_guarantee": "贷款/担保", "land": "土地/场地", "talent": "人才服务",
                           "procedure": "程序便利", "equity": "股权/收益激励", "other": "其他支持"}
ROLE_ZH: dict[str, str] = {"benefit": "优惠/支持", "condition": "申请条件", "obligation": "义务",
                           "penalty": "处罚", "principle": "原则/目标", "other": "其他"}

_CLAUSE = re.compile(r"[，,；;：]|(?<!\d):(?!\d)")  # not the colon of a ratio (1:1)
# a government body putting up money (各相关镇区按照1:1配套资金投入, 中央财政应当…安排…资金): its duty, not a grant
_FUNDER = re.compile(r"^[^，。；给对]{0,14}(?:镇区|政府|部门|财政|局|委)(?:按照[^，。；]{0,8}|应当|要|可以)?[^，。；给对]{0,12}"
                     r"(?:投入|安排|设立|配套)(?![^，。；]*给予)")
_QUALIFIER = re.compile(r"的(?:企业|单位|项目|个人|人员|纳税人)?$")  # 享受…优惠的企业: who, not what
_TASK = re.compile(r"^(?:落实|落实和优化|建立|开展|实施|完善|设立|推进|试行)")
_FORMULA = re.compile(r"[=＝×÷]")
_MONEY_OR_SHARE = frozenset({"amount", "rate", "share"})


@lru_cache(maxsize=None)
def _cues(name: str) -> re.Pattern:
    entry = next(e for e in lexicon.load("sentence_roles") if e.name == name)
    return re.compile("|".join(f"(?:{f})" for f in entry.forms))


@lru_cache(maxsize=None)
def _forms(name: str) -> tuple[re.Pattern, ...]:
    """An entry's forms one by one: where one form's match holds another's (享受…加计扣除优惠), each is judged."""
    return tuple(re.compile(f) for e in lexicon.load("sentence_roles") if e.name == name for f in e.forms)


@lru_cache(maxsize=None)
def _kinds() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((e.name, re.compile("|".join(e.forms))) for e in lexicon.load("benefit_kinds"))


def has(name: str, text: str) -> bool:
    return bool(_cues(name).search(text))


def opens_condition_list(sentence: str) -> bool:
    """`认定为高新技术企业须同时满足以下条件：`, `…并符合下列条件的企业：`."""
    return has("condition list", sentence) and sentence.rstrip().endswith(("：", ":"))


def _benefit_clause(clause: str) -> bool:
    """A clause that grants (减按…, 给予…补助) or names a support instrument
    it puts in place (落实…研发准备金、科技创新券等政策), unless it is the
    government's intention (加大…力度, 积极争取…) or an exclusion (不得加计扣除)."""
    clause = clause.strip()
    if not clause or has("exclusion", clause) or _QUALIFIER.search(clause) or _FUNDER.match(clause) \
            or has("funding", clause):
        return False
    if _granting(clause):
        return not has("intention tail", clause)
    if len(set(_cues("instrument").findall(clause))) >= 2:
        return True  # 加大科技创新券、研发准备金…扶持力度: the instruments it names exist to be claimed
    named = has("instrument", clause) and not has("intention head", clause) and not has("intention tail", clause)
    return named or _instrument_task(clause)


def _instrument_task(clause: str) -> bool:
    """A plan's task that puts named instruments in place (落实…准备金、…创新券等政策,
    建立企业研发准备金制度): an applicant can claim what it installs."""
    return bool(_TASK.match(clause)) and has("instrument", clause) and not has("intention tail", clause)


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text.rstrip("。；;")) if c.strip()]


def _grants(text: str) -> bool:
    """A clause of the sentence has the structure of a grant (减按…, 给予…补助), not
    merely a support instrument's name (捐赠资助开展…活动 is what qualifies)."""
    return any(_granting(c) and _benefit_clause(c) for c in _clauses(text))


# what follows a grant's words when they stand in an attributive phrase (…优惠企业的, 可加计扣除的)
_ATTRIBUTIVE = re.compile(r"[^，。；的和及与\d０-９%％]{0,4}的")  # (减按15％的税率: the grant's own figure)


def _granting(clause: str) -> bool:
    """Whether the clause grants: a grant's structure (减按, 给予…补贴), or words naming a benefit that
    say what one gets, not standing in an attributive phrase (加强对享受研发费用加计扣除优惠企业的后续管理;
    分别归集可加计扣除的研发费用), which names whom or what the clause speaks of."""
    return has("grant", clause) or any(not _ATTRIBUTIVE.match(clause, m.end())
                                       for form in _forms("benefit named") for m in form.finditer(clause))


@lru_cache(maxsize=8192)
def sentence_role(sentence: str, in_list: Role | None = None) -> Role:
    """The role of one sentence; `in_list` is the role of the list opener an
    item stands under (an item of `须同时满足以下条件：` is a condition; an
    item under a benefit's `下列…：` is a condition of it unless it grants on
    its own, as the items of `…可以免征、减征企业所得税，是指：` do)."""
    text = sentence.strip()
    if has("penalty", text):
        return "penalty"
    if _FORMULA.search(text):
        return "other"  # 限额=…×10%: how a sum is computed, not a grant
    if opens_condition_list(text):
        return "condition"
    if in_list == "benefit" and _grants(text) and sentence_role(text) == "benefit":
        return "benefit"  # an item that grants on its own (…的所得，减半征收企业所得税): one benefit the lead-in lists
    if in_list in ("condition", "benefit"):
        return "condition"  # the items say who or what qualifies for what the opener grants
    if in_list in ("obligation", "penalty", "other"):
        return "other"
    clauses = _clauses(text)
    grants = _grants(text)
    if has("definition", text) and not (grants and any(q.kind in _MONEY_OR_SHARE for q in quantities.read(text))):
        return "other"  # 本法所称…是指…: a definition grants nothing unless it says so (…按…50%加计扣除)
    named = any(_benefit_clause(c) for c in clauses)
    if named and not grants and (has("obligation", text) or has("exclusion", text)):
        named = False  # 资助的项目的承担者应当…, …租金…不得扣除: a duty or an exclusion naming support, not a grant
    if named:
        if has("purpose", text) or (has("intention tail", clauses[-1]) and not _benefit_clause(clauses[-1])):
            return "principle"
        return "benefit"
    if has("exclusion", text):
        return "condition"
    if has("purpose", text):
        return "principle"
    if has("obligation", text):
        return "obligation"
    if any(has("intention head", c) or has("intention tail", c) for c in clauses[:1] + clauses[-1:]):
        return "principle"
    return "other"


def benefit_span(sentence: str) -> str:
    """The part of a benefit sentence that grants: leading and trailing clauses
    that only voice an intention (积极争取…，不断完善…，加大X、Y等…力度) are
    left out, so a card quotes what an applicant gets, as written."""
    text = sentence.rstrip()
    bounds, start = [], 0
    for m in _CLAUSE.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    useful = [i for i, (a, b) in enumerate(bounds)
              if _benefit_clause(text[a:b]) or not (has("intention head", text[a:b].strip())
                                                   or has("intention tail", text[a:b].strip()))]
    benefits = [i for i, (a, b) in enumerate(bounds) if _benefit_clause(text[a:b])]
    if not benefits:
        return sentence
    first, last = benefits[0], benefits[-1]
    while first > 0 and first - 1 in useful:
        first -= 1  # who qualifies (国家需要重点扶持的高新技术企业，…) stays
    while last + 1 < len(bounds) and last + 1 in useful:
        last += 1
    span = text[bounds[first][0]:bounds[last][1]].strip()
    return span if len(span) >= 6 else sentence


def kind_office(kind: str) -> str:
    """Where a benefit of this kind is claimed by convention (税收减免 at 主管税务机关), or ''."""
    return next((e.extra.get("office", "") for e in lexicon.load("benefit_kinds") if e.name == kind), "")


def benefit_kind(sentence: str) -> BenefitKind:
    """The kind of benefit: the kind whose cue stands last (a grant ends with what it gives)."""
    best, where = "other", -1
    for name, pattern in _kinds():
        for m in pattern.finditer(sentence):
            if m.start() > where:
                best, where = name, m.start()
    return best  # type: ignore[return-value]
