"""No first, when the case a yes/no question asks of is one the rule leaves out: the question names a thing a
top section's sentence excludes (香港 of 在香港注册的公司能认定吗, against 在中国境内（不包括港、澳、台地区）注册的
居民企业; 二手房, against 新建的商品住房（不含…安置房和二手房）). The exclusions were read from each sentence at index
time (`ingest/exclusions.py`); a figure the asker's case is measured against inside one (8个月 against 不包括…不足12个月)
is judged where figures are (yes_no.py, `excluded_figures`)."""

from __future__ import annotations

from assistant.answer.check import satisfies
from assistant.answer.compose.draft import Context, Draft, cite, mark
from assistant.answer.compose.library import Library
from assistant.answer.messages import say
from assistant.ingest.quantities import Quantity
from assistant.models import Section


def excluded(lib: Library, ctx: Context) -> Draft | None:
    """'No' and the excluding sentence, when the question names a thing a top section's sentence carves out, and
    the sentence does not also name it outside the carve-out (its rule then speaks of it too); None otherwise."""
    query = ctx.query
    if query.answer != "yes_no" and not query.claimed:
        return None
    named = set(query.tokens) | set(query.topic_tokens)
    for section in _top_sections(lib, ctx):
        for sentence in lib.texts_of(section):
            for exclusion in lib.exclusions_of.get((section.key, sentence), ()):
                rest = sentence[:exclusion.start] + sentence[exclusion.end:]
                if any(item in named and item not in rest for item in exclusion.items):
                    quote = lib.with_lead(sentence, section)
                    text = f"{say('excluded', query.english)}\n{quote}{mark(section)}"
                    return Draft(text, [cite(section, quote)], [section])
    return None


def _top_sections(lib: Library, ctx: Context) -> list[Section]:
    """The sections a yes/no answer would quote: the best-ranked hits."""
    return [h.section for h in ctx.hits[:lib.settings.exclusion_sections]]


def excluded_figures(lib: Library, sentence: str, section: Section, facts: list[Quantity],
                     quantities: list[Quantity]) -> bool:
    """Whether every figure of the sentence that the asker's figures are measured against stands inside a clause
    the sentence excludes (不包括…持有…不足12个月取得的投资收益): meeting that bound puts the case out of the rule."""
    exclusions = lib.exclusions_of.get((section.key, sentence), ())
    measured = [q for q in quantities if any(satisfies(f, q) is not None for f in facts)]
    return bool(exclusions) and bool(measured) and all(
        any(e.holds(q.start, q.end) for e in exclusions) for q in measured)
