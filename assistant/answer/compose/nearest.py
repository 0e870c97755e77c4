"""The nearest provision, shown beneath a refusal as such.

When the documents do not state what was asked, the answer says so and then
quotes the one sentence that comes closest, marked as not answering the
question (the guide: a wrong figure is worse than no answer, but the nearest
provision shown as such lets the reader judge). Nothing is shown when that
sentence's section shares too little of the question's topic
(`Settings.some_topic_coverage`): a question on metro lines gets no tax article;
nor does an English question, whose words are loose dictionary translations.
For a figure asked, a sentence about as close that states a figure of that kind
comes first (a 2025 target asked: the 2020 one the plan sets).
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.check import kinds_checked, states_kind
from assistant.answer.compose.draft import Context, Draft, cite, mark
from assistant.answer.compose.library import Library
from assistant.answer.messages import say
from assistant.models import Citation


def nearest(lib: Library, ctx: Context) -> tuple[str, Citation] | None:
    """The closest sentence (read with the lead-in it completes) and its citation, or None."""
    query = ctx.query
    if query.english or not query.topic_tokens:
        return None  # (an English question's words are dictionary translations: too loose to call a sentence near)
    ranked = lib.rank_sentences(ctx)
    kinds = kinds_checked(query)
    if kinds:  # a figure asked: of the sentences about as close, one stating a figure of that kind
        ranked = lib.preferred_first(ranked, lambda s, sec: states_kind(lib.sentence_quantities(s, sec), kinds))
    if not ranked:
        return None
    _, sentence, section = ranked[0]
    if lib.topic_share(query, section.text) < lib.settings.some_topic_coverage:
        return None
    quote = lib.with_next(sentence, section)
    return f"「{quote}」〔《{section.doc}》{mark(section)[1:]}", cite(section, quote)


def with_nearest(lib: Library, ctx: Context, draft: Draft) -> tuple[Draft, Citation | None]:
    """A refusal followed by the nearest provision, and that provision's citation (for `see_also`)."""
    found = nearest(lib, ctx)
    if found is None:
        return draft, None
    line, citation = found
    text = f"{draft.text}\n{say('nearest', ctx.query.english)}\n{line}"
    return replace(draft, text=text), citation
