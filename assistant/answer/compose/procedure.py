"""How-to answers: how something is done or what happens next (怎么处理, 会怎样, 流程分哪几步) is
told by an article's sentences in their order, each step leading to the next (应提请复核。复核后
不符合的，取消资格，并追缴…). The best sentences are chosen as for any answer; the article of the
best one is then quoted whole when it is short, in place of its sentences. Where a chosen section
gives its steps heads of their own (`（一）企业申请`, `（二）专家评审`, Section.steps), those heads,
in order, lead the answer instead."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.compose import sentences
from assistant.answer.compose.draft import Context, Draft, cite, mark
from assistant.answer.compose.library import Library
from assistant.answer.messages import say
from assistant.ingest.outline import body_text


def procedure(lib: Library, ctx: Context) -> Draft | None:
    draft = sentences.general(lib, ctx)
    if draft is None or not draft.sections:
        return draft
    if any(s.steps for s in draft.sections):
        return _steps_first(draft, ctx)
    first = draft.sections[0]
    body = " ".join(line.strip() for line in body_text(first).split("\n") if line.strip())
    if not body or len(body) > lib.settings.whole_section_chars:
        return draft
    # (a line may carry two citations, 又见…: lines are told by their mark, citations by their section)
    lines = [line for line in draft.text.split("\n") if not line.endswith(mark(first))]
    citations = [c for c in draft.citations if (c.doc, c.section) != (first.doc, first.label)]
    return replace(draft, text="\n".join([f"{body}{mark(first)}"] + lines), citations=[cite(first, body)] + citations)


def _steps_first(draft: Draft, ctx: Context) -> Draft:
    """The draft led by the heads of the steps of its first section that names them, in order."""
    stepped = next(s for s in draft.sections if s.steps)
    joiner = "; " if ctx.query.english else "；"
    line = say("steps", ctx.query.english, steps=joiner.join(stepped.steps)) + mark(stepped)
    cited = any((c.doc, c.section) == (stepped.doc, stepped.label) for c in draft.citations)
    citations = draft.citations if cited else [cite(stepped, stepped.steps[0])] + draft.citations
    return replace(draft, text=f"{line}\n{draft.text}", citations=citations)
