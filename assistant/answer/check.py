"""One check: does a draft answer what the plan asks?

`check(plan, draft, figures_in)` returns the draft, a partial answer or a
refusal. A figure question is answered only by a quote stating a figure of
the kind asked (a rate is not answered by a share, nor a sum by an area); a
time, a contact or the materials only by a quote stating one. When the
quotes speak of the subject but state nothing of the kind, the answer is
*partial*: it says what the documents do not state, then shows the nearest
provision as such (`coverage="partial"`, `missing`). Every text comes from
the message table.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from assistant.answer.messages import missing_words, say
from assistant.answer.plan import MAGNITUDE_KINDS, QueryPlan
from assistant.ingest.quantities import TIME_KINDS, Quantity, comparable, unit_kind
from assistant.models import Citation



def kinds_checked(plan: QueryPlan) -> frozenset[str]:
    """The figure kinds an answer must state: none for a list or a unit question."""
    if not plan.asks_figure or not plan.figure_kinds:
        return frozenset()
    return plan.figure_kinds


# Kinds that answer for each other when an answer is checked: a percentage asked as a rate may be
# written as a share of what it is taken from (提取不低于百分之七十的比例). Choosing among answers
# prefers the kind asked exactly (`strict`).
FAMILIES = (frozenset({"rate", "share"}), TIME_KINDS)


def states_kind(quantities: list[Quantity], kinds: frozenset[str], strict: bool = False) -> bool:
    """Whether the quantities state a figure of a kind asked (a cap too: 最高200万元 answers 能拿多少)."""
    wanted = set(kinds)
    if not strict:
        wanted |= {k for family in FAMILIES if family & kinds for k in family}
    # a floor set against a reference (不低于全省平均水平) states a magnitude with no number: it answers
    # a question asking one
    if wanted & MAGNITUDE_KINDS:
        wanted.add("benchmark")
    return any(q.kind in wanted for q in quantities)


def partial(plan: QueryPlan, draft, kinds, subject: list[str] | None = None) -> "object":
    """The draft shown as the nearest provision, after saying what it lacks: a figure of the kind
    asked, or (`subject`) one for the case asked (退役士兵 where the quote speaks of 残疾人员)."""
    if plan.kind is not None and plan.kind.name == "time":
        kinds = ["date"]  # a time asked: the documents give no date, whatever figure kinds would do
    missing = missing_words(kinds, plan.english)
    if subject:
        named = (", " if plan.english else "、").join(subject)
        head = say("partial_subject", plan.english, missing=missing, subject=named)
        missing = f"{named}: {missing}"
    else:
        head = say("partial", plan.english, missing=missing)
    return replace(draft, text=f"{head}\n{draft.text}", answerable=False, coverage="partial",
                   missing=[missing])


def check(plan: QueryPlan, draft, figures_in: Callable[[Citation], list[Quantity]],
          speaks_of: Callable[[object], bool] = lambda draft: True,
          unstated: Callable[[object], list[str]] = lambda draft: [],
          kinds_in: Callable[[Citation], set[str]] = lambda citation: set()):
    """The draft if it answers what the plan asks; else a partial answer when its quotes
    speak of the question's subject (`speaks_of`), a refusal when they do not. A figure
    answer whose quotes leave out too much of the subject (`unstated`: the words they lack)
    states a figure for another case, and is partial too."""
    if draft is None or not draft.answerable and draft.coverage != "partial":
        return draft
    checked, other_case = _checked(plan, draft, figures_in, unstated, kinds_in) if draft.answerable \
        else (draft, False)
    if checked.answerable or other_case and not plan.english or speaks_of(draft):
        # (a figure for another case is the nearest provision, shown as such; an English question's
        # translated words are too loose to say the quotes share part of its subject)
        return checked
    return replace(draft, text=say("not_covered", plan.english), citations=[], sections=[], answerable=False,
                   coverage="none", missing=[], reason="not_covered")


def _checked(plan: QueryPlan, draft, figures_in: Callable[[Citation], list[Quantity]],
             subject_lacking: Callable[[object], list[str]],
             kinds_in: Callable[[Citation], set[str]]) -> tuple[object, bool]:
    """The draft when its quotes state one of the things asked (a question may ask two: 公示多久？在哪个
    网站？) about the subject asked; else a partial answer naming what is not stated, and whether
    it is partial because its figure is another case's."""
    unstated: list[str] = []
    kinds = kinds_checked(plan)
    if plan.penalty_asked and "amount" in kinds and not any("penalty" in kinds_in(c) for c in draft.citations):
        # 晚交了几天会被罚多少钱: the sum of the penalty for the breach, which no quote states (a deadline is no
        # fine; asked only what befalls it, 过了期限会怎样, a consequence other than a penalty may answer)
        return partial(plan, draft, ["penalty"]), False
    if kinds:
        stated = [q for c in draft.citations for q in figures_in(c)]
        if states_kind(stated, kinds) and not _caps_only(plan, stated, kinds) \
                and not _references_only(plan, stated, kinds):
            lacking = subject_lacking(draft)
            return (partial(plan, draft, kinds, lacking), True) if lacking else (draft, False)
        unstated += sorted(kinds)
    if plan.kind is not None and plan.answer in ("text", "date", "contact", "materials", "purpose", "figure", "list"):
        if any(plan.kind.name in kinds_in(c) for c in draft.citations):
            return draft, False
        if not kinds:
            unstated.append(plan.kind.name if plan.kind.name != "time" else "date")
    return (partial(plan, draft, unstated) if unstated else draft), False


def _of_kinds(stated: list[Quantity], kinds: frozenset[str]) -> list[Quantity]:
    """The stated figures that answer the kinds asked, as `states_kind` reads them (a cap or a reference level too)."""
    return [q for q in stated if states_kind([q], kinds)]


def _caps_only(plan: QueryPlan, stated: list[Quantity], kinds: frozenset[str]) -> bool:
    """Whether a floor is asked (最低限速, 至少要几年) and the figures of the kinds asked are all caps (不得超过
    每小时六十公里): the floor asked is not stated. (Not the other way round: 最多能缩到多少 asks how far a
    figure may fall, which a floor states.)"""
    of_kind = _of_kinds(stated, kinds)
    return plan.floor_asked and bool(of_kind) and all(q.bound == "max" for q in of_kind)


def _references_only(plan: QueryPlan, stated: list[Quantity], kinds: frozenset[str]) -> bool:
    """Whether a sum of money is asked in its unit (最高给多少万元) and the figures of the kinds asked are all floors
    set against a reference (经费增长幅度不低于全省平均水平): a level with no number is no sum of money. (It does
    answer a rate or a target asked: 就业率的目标是多少 -> 达到全省领先水平.)"""
    of_kind = _of_kinds(stated, kinds)
    return any(unit_kind(u) == "amount" for u in plan.asked_units) and bool(of_kind) \
        and all(q.kind == "benchmark" for q in of_kind)


_REACHED = frozenset({"duration", "count"})


def satisfies(fact: Quantity, condition: Quantity) -> bool | None:
    """Whether the applicant's figure meets a condition's bound (成立3年 against
    注册成立一年以上); None when they measure different things or nothing is bounded."""
    (unit, value, _), (bound_unit, bound, upper) = comparable(fact), comparable(condition)
    # a case set by a count or a length (累计两年未填报…的, 连续三年亏损的) holds once it is reached
    reached = condition.case and condition.bound == "exact" and condition.kind in _REACHED
    if fact.kind != condition.kind or unit != bound_unit or condition.bound == "exact" and not reached:
        return None
    if condition.bound == "min" or reached:
        return value >= bound
    if condition.bound == "max":
        return value <= bound
    return bound <= value <= (upper if upper is not None else bound)


def verdict(facts: list[Quantity], quantities: list[Quantity]) -> bool | None:
    """A sentence's verdict on the applicant: False when a fact fails a bound, True
    when one meets it and none fails, None when no fact is comparable. A fact that meets one of
    the sentence's bounds on its measure and fails another is not decided by it: the bounds are
    alternatives for cases the question leaves open (工业企业…不超过100人；其他企业…不超过80人) or
    bound other things in the same unit (应纳税所得额不超过30万元, 资产总额不超过3000万元), and the
    sentence is no verdict on the applicant."""
    # a sentence stating a case (…满5年不足10年的，期限最长为18个月) is judged by the case alone; a fine it imposes
    # (处三万元以下罚款) befalls a breach and bounds no applicant's figure (a price of 99元 is not "under 3万")
    quantities = [q for q in quantities if q.case] or [q for q in quantities if not q.imposed]
    results = []
    for f in facts:
        own = {r for q in quantities if (r := satisfies(f, q)) is not None}
        if len(own) > 1:
            return None
        results += own
    return None if not results else all(results)


def measured_verdict(facts: list[Quantity], words: list[list[str]], quantities: list[Quantity]) -> bool | None:
    """`verdict`, each fact measured against the figures whose clause names what it measures (`words`, the
    question's words of the fact's clause) when the sentence has any: 提前了一天 against 提前二日, not against
    the 超过二十四小时 of the stoppage that makes the notice due. Facts no clause names are judged as `verdict`
    judges them."""
    named = [[q for q in quantities if any(w in q.measure for w in said)] for said in words]
    if not any(named):
        return verdict(facts, quantities)
    results = [verdict([f], own or quantities) for f, own in zip(facts, named)]
    decided = [r for r in results if r is not None]
    return None if not decided else all(decided)


def fits_tier(facts: list[Quantity], quantities: list[Quantity], kinds: frozenset[str]) -> bool:
    """Whether a sentence is the tier that fits the applicant: its bounds decide for the applicant's
    figures (`verdict` True) and it states, beyond those bounds, a figure of a kind asked (销售收入5000万元至
    2亿元的企业，…不低于4% for 8000万: the 4%). A bound on the asker's own figure alone (实际支出1000万元以上
    for 3000万 spent, asked how much aid) is a condition met, not the figure asked."""
    return verdict(facts, quantities) is True and any(q.kind in kinds for q in beyond_facts(facts, quantities))


def beyond_facts(facts: list[Quantity], quantities: list[Quantity]) -> list[Quantity]:
    """A sentence's figures that are no bound on the asker's own figures: what it states beyond the
    conditions the asker was measured against (实际支出1000万元以上 bounds the 3000万 spent; 10% and
    500万元 are the aid). A sentence stating a case is measured by the case alone: what it then states is
    beyond it (满七年的为十六个月 for 8年: the 16个月, though a length of time as the asker's 8年 is)."""
    if any(q.case for q in quantities):
        return [q for q in quantities if not q.case]
    return [q for q in quantities if all(satisfies(f, q) is None for f in facts)]


_PROPORTIONS = frozenset({"rate", "share"})  # one figure may be read as either (2.5% of 工资薪金总额)


def same_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two figures are one: the same value in the same unit, of one kind (每年一次 is no 一个纳税年度;
    a percentage read as a rate or a share is one figure)."""
    return (a.unit, a.value) == (b.unit, b.value) and (a.kind == b.kind or {a.kind, b.kind} <= _PROPORTIONS)


def confirms(claims: list[Quantity], quantities: list[Quantity], claimed: int | None = None) -> bool | None:
    """A sentence's verdict on figures a question claims it states (结转五年，对吧？): False when a
    claimed figure is none of the sentence's figures of its kind; True only when every one of the
    `claimed` figures (all of `claims` by default) is the sentence's one figure of its kind (or all of
    them); None otherwise: a sentence silent on one claimed figure confirms nothing, nor does a list
    whose several figures leave it open which one is meant (飞机10年 among 20年, 10年, 5年)."""
    results = []
    for claim in claims:
        unit, value, upper = comparable(claim)
        stated = [comparable(q) for q in quantities if q.kind == claim.kind
                  or {q.kind, claim.kind} <= _PROPORTIONS]
        stated = [(v, u) for s_unit, v, u in stated if s_unit == unit]
        if not stated:
            continue
        equal = [1 for v, u in stated if v == value and (upper is None or u == upper)]
        if not equal:
            return False
        if len(equal) == len(stated):
            results.append(True)
    return True if results and len(results) == (claimed if claimed is not None else len(claims)) else None
