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
from assistant.answer.plan import QueryPlan
from assistant.ingest.quantities import TIME_KINDS, Quantity, comparable
from assistant.models import Citation



def kinds_checked(plan: QueryPlan) -> frozenset[str]:
    """The figure kinds an answer must state: none for a list or a unit question."""
    if plan.answer not in ("figure", "date") or not plan.figure_kinds:
        return frozenset()
    return plan.figure_kinds


# Kinds that answer for each other when an answer is checked: a percentage asked as a rate may be
# written as a share of what it is taken from (提取不低于百分之七十的比例). Choosing among answers
# prefers the kind asked exactly (`strict`).
FAMILIES = (frozenset({"rate", "share"}), TIME_KINDS)
# A floor set against a reference quantity (不低于全省平均水平) is how a document states a magnitude
# it gives no number for: it answers a question asking one.
MAGNITUDES = frozenset({"rate", "share", "amount", "count", "area"})


def states_kind(quantities: list[Quantity], kinds: frozenset[str], strict: bool = False) -> bool:
    """Whether the quantities state a figure of a kind asked (a cap too: 最高200万元 answers 能拿多少)."""
    wanted = set(kinds)
    if not strict:
        wanted |= {k for family in FAMILIES if family & kinds for k in family}
    if wanted & MAGNITUDES:
        wanted.add("benchmark")
    return any(q.kind in wanted for q in quantities)


def partial(plan: QueryPlan, draft, kinds) -> "object":
    """The draft shown as the nearest provision, after saying what it lacks."""
    if plan.kind is not None and plan.kind.name == "time":
        kinds = ["date"]  # a time asked: the documents give no date, whatever figure kinds would do
    missing = missing_words(kinds, plan.english)
    head = say("partial", plan.english, missing=missing)
    return replace(draft, text=f"{head}\n{draft.text}", answerable=False, coverage="partial",
                   missing=[missing])


def check(plan: QueryPlan, draft, figures_in: Callable[[Citation], list[Quantity]],
          speaks_of: Callable[[object], bool] = lambda draft: True):
    """The draft if it answers what the plan asks; else a partial answer when its quotes
    speak of the question's subject (`speaks_of`), a refusal when they do not."""
    if draft is None or not draft.answerable and draft.coverage != "partial":
        return draft
    checked = _checked(plan, draft, figures_in) if draft.answerable else draft
    if checked.answerable or speaks_of(draft):
        return checked
    return replace(draft, text=say("not_covered", plan.english), citations=[], sections=[], answerable=False,
                   coverage="none", missing=[])


def _checked(plan: QueryPlan, draft, figures_in: Callable[[Citation], list[Quantity]]):
    """The draft when its quotes state one of the things asked (a question may ask two: 公示多久？在哪个
    网站？); else a partial answer naming what is not stated."""
    unstated: list[str] = []
    kinds = kinds_checked(plan)
    if kinds:
        stated = [q for c in draft.citations for q in figures_in(c)]
        if states_kind(stated, kinds):
            return draft
        unstated += sorted(kinds)
    if plan.kind is not None and plan.answer in ("text", "date", "contact", "materials", "figure", "list"):
        if any(plan.kind.stated.search(c.quote) for c in draft.citations):
            return draft
        if not kinds:
            unstated.append(plan.kind.name if plan.kind.name != "time" else "date")
    return partial(plan, draft, unstated) if unstated else draft


def satisfies(fact: Quantity, condition: Quantity) -> bool | None:
    """Whether the applicant's figure meets a condition's bound (成立3年 against
    注册成立一年以上); None when they measure different things or nothing is bounded."""
    (unit, value, _), (bound_unit, bound, upper) = comparable(fact), comparable(condition)
    if fact.kind != condition.kind or unit != bound_unit or condition.bound == "exact":
        return None
    if condition.bound == "min":
        return value >= bound
    if condition.bound == "max":
        return value <= bound
    return bound <= value <= (upper if upper is not None else bound)


def verdict(facts: list[Quantity], quantities: list[Quantity]) -> bool | None:
    """A sentence's verdict on the applicant: False when a fact fails a bound, True
    when one meets it and none fails, None when no fact is comparable."""
    results = [r for f in facts for q in quantities if (r := satisfies(f, q)) is not None]
    return None if not results else all(results)
