"""How-to answers: how something is done or what happens next (怎么处理, 会怎样, 流程分哪几步) is
told by an article's sentences in their order, each step leading to the next (应提请复核。复核后
不符合的，取消资格，并追缴…). The best sentences are chosen as for any answer; the article of the
best one is then quoted whole when it is short, in place of its sentences."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.compose import sentences
from assistant.answer.compose.draft import Context, Draft, cite, mark
from assistant.answer.compose.library import Library
from assistant.ingest.outline import body_text


def procedure(lib: Library, ctx: Context) -> Draft | None:
    draft = sentences.general(lib, ctx)
    if draft is None or not draft.sections:
        return draft
    first = draft.sections[0]
    body = " ".join(line.strip() for line in body_text(first).split("\n") if line.strip())
    if not body or len(body) > lib.settings.whole_section_chars:
        return draft
    # (a line may carry two citations, 又见…: lines are told by their mark, citations by their section)
    lines = [line for line in draft.text.split("\n") if not line.endswith(mark(first))]
    citations = [c for c in draft.citations if (c.doc, c.section) != (first.doc, first.label)]
    return replace(draft, text="\n".join([f"{body}{mark(first)}"] + lines), citations=[cite(first, body)] + citations)
