"""Composers: a question's plan and context in, a cited draft out.

One small module per kind of answer; each composer is a function of the
`Library` (the index as composers read it) and the question's `Context`.
Structural composers read the parsed structure (unit lines, targets,
measures); the rest build from the sentences that best answer the question.
A composer returns None when it has nothing to say, and `compose` falls
back to the sentences.
"""

from __future__ import annotations

from typing import Callable

from assistant.answer.check import beyond_facts, kinds_checked, states_kind
from assistant.answer.compose import (conditions, documents, exclusions, figures, procedure, sentences, support, units,
                                      yes_no)
from assistant.answer.compose.draft import Context, Draft, cite, name_documents, own_brackets, source_marks
from assistant.answer.compose.library import Library

__all__ = ["Context", "Draft", "Library", "cite", "compose", "name_documents", "own_brackets", "source_marks"]

# The figures a support card states (an amount, a rate): a question asking another kind is no
# question for the cards.
CARD_FIGURES = frozenset({"amount", "rate", "share"})

Composer = Callable[[Library, Context], "Draft | None"]
BY_INTENT: dict[str, Composer] = {
    "lead": units.lead,
    "responsibility": units.lead,
    "duties": units.duties,
    "target": figures.target,
    "eligibility": support.cards,
    "reference": documents.reference,
    "article": documents.article,
}


def compose(lib: Library, intent: str, ctx: Context) -> Draft | None:
    """The draft of the composer for the plan's answer type or intent."""
    if draft := exclusions.excluded(lib, ctx):  # 香港注册的公司能认定吗: 不包括港、澳、台地区, whatever else is asked
        return draft
    if ctx.query.claimed:  # 结转五年，对吧？: confirmed or corrected first, else answered as asked
        draft = yes_no.yes_no(lib, ctx)
        if draft:
            return draft
    elif ctx.query.answer == "yes_no" and ctx.query.facts:
        draft = yes_no.checklist(lib, ctx) or yes_no.yes_no(lib, ctx)
        if draft:
            return draft
    if ctx.query.scope_asked and intent not in ("lead", "responsibility", "duties"):
        draft = units.applies_to(lib, ctx)  # (a unit answer states the scope with the units)
        if draft:
            return draft
    composer = BY_INTENT.get(intent, sentences.general)
    if composer is support.cards and (not _cards_answer(ctx.query) or ctx.continues):
        # (a later question of a message asks about the first one's provision, not for every benefit)
        composer = sentences.general
    if composer is figures.target and ctx.query.answer == "yes_no" and not ctx.query.figure_kinds:
        composer = sentences.general  # 还受投资比例的限制吗: the provision that decides, no figure asked
    if composer is sentences.general and ctx.query.answer == "condition":
        composer = conditions.conditions  # 需要满足什么前提: the list of conditions a top section states
    if composer in (sentences.general, figures.target) and ctx.query.answer == "purpose":
        composer = documents.purpose  # 制定这部条例是为了达到什么目的: the document's own purpose clause, no target
    if composer is sentences.general and ctx.query.answer == "procedure":
        composer = procedure.procedure  # 后续会怎么处理: the article's steps in order
    if composer is sentences.general and ctx.query.duration_asked:
        composer = figures.figure_from_sentences  # `多久` asks for a duration: an answer without one is none
    draft = composer(lib, ctx)
    if composer is support.cards and draft and (kinds := kinds_checked(ctx.query)) and not any(
            states_kind(beyond_facts(ctx.query.facts, lib.quantities_in(c)), kinds) for c in draft.citations):
        # 这段时间我能拿多少: cards stating no sum of the kind asked answer another question (nor one stating only
        # the bound the asker's own sum was measured against); the sentences stating one may answer it
        draft = figures.figure_from_sentences(lib, ctx) or draft
    if draft is None and intent in ("lead", "responsibility"):
        return units.owner_from_sentences(lib, ctx)
    return draft or sentences.general(lib, ctx)


def _cards_answer(plan) -> bool:
    """Whether benefit cards answer the plan: support asked for (能拿到哪些补贴), or the sum or rate
    of a benefit (能拿多少). Not a period or a date (最多往回追几年), not how to do something or the
    conditions to meet (怎样判断, 需要满足什么前提), and not a yes/no on one provision (香港公司能申请
    认定吗, 餐饮企业能享受加计扣除吗): the provision that decides answers those."""
    if plan.answer == "yes_no":
        return plan.support_asked and not plan.support_topic
    if plan.answer == "figure":
        return not plan.figure_kinds - CARD_FIGURES
    return plan.answer == "support"
