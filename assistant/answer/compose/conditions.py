"""Condition answers: what one must meet (需要满足什么前提, what are the requirements) is answered
by the list of conditions a top section states (须同时满足以下条件：…), opener and items quoted
whole; where none of them states a list, by the best sentences."""

from __future__ import annotations

from assistant.answer.compose import sentences
from assistant.answer.compose.draft import Context, Draft, cite, mark
from assistant.answer.compose.library import Library


def conditions(lib: Library, ctx: Context) -> Draft | None:
    subject = ctx.query.subject or ctx.query.topic_tokens
    for hit in ctx.hits[:lib.settings.checklist_sections]:
        section = hit.section
        if ctx.docs and section.doc not in ctx.docs:
            continue
        lists = lib.condition_lists_of(section)
        if lists and any(lib.evidence.mentions(t, section.breadcrumb + section.text) for t in subject):
            return _listed(lists[0], section)
    return sentences.general(lib, ctx)


def _listed(conditions, section) -> Draft:
    items = [f"{c.item}{c.text}" for c in conditions.conditions]
    text = f"{conditions.opener}：" + "；".join(items) + f"。{mark(section)}"
    quotes = [cite(section, conditions.opener)] + [cite(section, c.text) for c in conditions.conditions]
    return Draft(text, quotes, [section])
