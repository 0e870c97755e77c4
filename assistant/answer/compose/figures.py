"""Figure answers: the targets and figures of the kind asked, for the years asked."""

from __future__ import annotations

from dataclasses import replace


from assistant.answer import english
from assistant.answer.check import kinds_checked, partial, same_figure, states_kind
from assistant.ingest.quantities import TIME_KINDS
from assistant.answer.compose.draft import (Context, Draft, METRIC_COVERAGE, UNIT_KINDS, cite, mark, speaks_of_year)
from assistant.answer.compose.library import Library
from assistant.answer.messages import say
from assistant.answer.evidence import abbreviates
from assistant.answer.plan import QueryPlan as Query, of_part
from assistant.answer.targets import pick_targets, quote_for
from assistant.models import Citation, Target
from assistant.answer.compose import sentences


def target(lib: Library, ctx: Context) -> Draft | None:
    query = ctx.query
    # A year is covered by the documents the question is answered from, not by any
    # document of the corpus (a tax notice's 2018 says nothing of the plan's targets).
    docs = set(ctx.docs or []) or {h.section.doc for h in ctx.hits[:5]}
    covered = set().union(*(lib.years.get(doc, set()) for doc in docs))
    # (documents setting no yearly target at all miss no year: 2023年3月投资 is when the applicant acted)
    missing = [y for y in query.years if y not in covered] if covered else []
    if missing and not any(speaks_of_year(h.section.text, y) for h in ctx.hits[:3] for y in missing) \
            and not target_of_year(lib, ctx, missing):
        years = (", " if query.english else "、").join(str(y) for y in missing)
        return Draft(say("no_target_year", query.english, years=years), [], [], answerable=False,
                     reason="no_target_year")
    chosen: list[Target] = []
    # units that say what kind of figure is asked: a target in another kind answers another question
    kinds = set().union(*(units for units in UNIT_KINDS.values() if units & query.asked_units))
    for asked in query.parts:
        part = asked.topic
        sub = query if part == query.topic_tokens else of_part(query, asked)
        # (每平方米多少元 is no area; a part naming its own kind, 特色产业基地数量 a count, is read by it alone)
        units = set() if asked.kinds else kinds
        found = pick_targets(sub, ctx.hits, lib.index.sections, lib.evidence, lib.settings,
                             keep=lambda t: (not units or t.unit in units or t.benchmark) and of_kind(lib, t, sub))
        if measures(query) and found and not any(states_a_fact(lib, t, query) for t in found):
            # 超过500万元的部分呢: a question stating a figure asks about the provision stating it; a
            # target stating none of its figures answers another provision
            return figure_from_sentences(lib, ctx)
        best = found[0] if found else None
        if best is None or covers(lib, sub, scoped(query, part, best.doc), best.metric + best.sentence) < METRIC_COVERAGE \
                or not lib.of_earlier_topic(query, best.metric + best.sentence):
            return figure_from_sentences(lib, ctx)
        chosen += [t for t in found if t not in chosen]
    chosen += [t for t in other_years(lib, ctx, chosen) if t not in chosen]
    lines, citations, sections = [], [], []
    quotes = [quote_for(t) for t in chosen]
    for target, quote in zip(chosen, quotes):
        if any(other != quote and other.startswith(quote) for other in quotes):
            continue  # the same sentence quoted further for another figure
        section = lib.by_label[f"{target.doc}#{target.section}"]
        # The document's own words: a figure, unit or year rebuilt here could be stated wrongly.
        if query.english:
            when = f"by {target.year}" if target.year else "target"
            figure = target.written if target.benchmark else target_figure(lib, target)
            lines.append(f"Target ({when}): {figure}, as written: “{quote}”.{mark(section)}")
        else:
            lines.append(f"{quote}。{mark(section)}")
        citations.append(cite(section, target.sentence))
        sections.append(section)
    return Draft("\n".join(dict.fromkeys(lines)), citations, sections)


def other_years(lib: Library, ctx: Context, chosen: list[Target]) -> list[Target]:
    """For a question asking several years at once (2017年和2020年分别要达到多少), the best target of each
    year the chosen ones leave out, when it is about the question's topic (力争2017年达到3000亿元，2020年
    达到5000亿元 in the section, though its sentence names no subject)."""
    query, found = ctx.query, []
    if len(query.years) < 2:
        return found
    for year in query.years:
        if any(t.year == year for t in chosen + found):
            continue
        picked = pick_targets(replace(query, years=[year]), ctx.hits, lib.index.sections, lib.evidence, lib.settings)
        best = next((t for t in picked if t.year == year and of_kind(lib, t, query)), None)
        if best and covers(lib, query, scoped(query, query.topic_tokens, best.doc),
                           best.metric + best.sentence) >= METRIC_COVERAGE:
            found.append(best)
    return found


def target_figure(lib: Library, target: Target) -> str:
    """A target's figure in English (`at least 1000`, `RMB 300 billion`), as the index read it from its sentence."""
    stated = lib.quantities_in(Citation(target.doc, target.section, "", target.sentence))
    q = next((q for q in stated if target.value in q.text and q.kind not in ("date", "year")), None)
    return english.figure(q) if q else f"{target.value}{target.unit}"


def measures(query: Query) -> list:
    """The figures a question states that measure something (500万元, 2家): a year or a date
    says when, which the target's year answers, not which provision."""
    return [f for f in query.facts if f.kind not in TIME_KINDS]


def states_a_fact(lib: Library, target: Target, query: Query) -> bool:
    """Whether a target's sentence states a figure the question states (its quantities, read at index time)."""
    stated = lib.quantities_in(Citation(target.doc, target.section, "", target.sentence))
    return any(same_figure(q, f) for q in stated for f in measures(query))


def of_kind(lib: Library, target: Target, query: Query) -> bool:
    """Whether a target's figure is of the kind asked (a tax rate is no share target)."""
    kinds = kinds_checked(query)
    if not kinds:
        return True
    stated = lib.quantities_in(Citation(target.doc, target.section, "", target.sentence))
    return states_kind([q for q in stated if target.value in q.text], kinds, strict=True)


def target_of_year(lib: Library, ctx: Context, years: list[int]) -> bool:
    """Whether a document the question may be about sets a target for the
    year on the question's topic, though the top sections come from others
    (a tax notice on 研发费用 outranking the plan's 2020 研发费用 target)."""
    found = pick_targets(ctx.query, ctx.hits, lib.index.sections, lib.evidence, lib.settings)
    return any(t.year in years and (not ctx.docs or t.doc in ctx.docs)
               and covers(lib, ctx.query, scoped(ctx.query, ctx.query.topic_tokens, t.doc), t.metric + t.sentence) >= METRIC_COVERAGE
               for t in found)


def scoped(query: Query, part: list[str], doc: str) -> list[str]:
    """When the question names the document a target is from, its words without those of the
    title: they say which document (中山…实施方案提出, 中山自创区: 自创区 short for 自主创新示范区), not
    which of its figures; none of them is required of the target, and none counts for it."""
    if doc not in query.docs_named:
        return part
    return [t for t in part if t not in doc and not abbreviates(t, doc)] or part


def covers(lib: Library, query: Query, part: list[str], text: str) -> float:
    """How much of the question (part) a text holds. An English question's topic holds each
    phrase's alternative translations (share: 部分/份额/比重), any one of which says it."""
    if query.english and query.alternatives and part == query.topic_tokens:
        return lib.evidence.coverage_of_any(query.alternatives, text)
    return lib.evidence.coverage(part, text, lib.evidence.mentions)  # (家电: a metric written 家用电器)


def figure_from_sentences(lib: Library, ctx: Context) -> Draft | None:
    """A number asked for that no target states: answer from sentences
    only if they carry a figure, else say the documents give none rather
    than let a sentence without it pass for an answer."""
    draft = sentences.general(lib, ctx)
    units = set(ctx.query.asked_units)
    duration = ctx.query.duration_asked
    if draft is None or any(lib.states_figure(c, units, duration) for c in draft.citations):
        return draft
    points = ctx.query.figure_kinds - {"duration"}
    if ctx.query.answer == "date" and any(states_kind(lib.quantities_in(c), points, strict=True)
                                          for c in draft.citations):
        return draft  # a time asked (从哪一年开始算): a point in time a quote states (…的次年起) answers it
    if ctx.query.intent == "target" and not (ctx.query.english or ctx.query.figure_kinds or units or duration):
        # 要达到什么要求？ asks a target and no magnitude: the documents state it in words (an English
        # `how much` names no kind, and still asks one)
        return draft
    return partial(ctx.query, draft, ctx.query.figure_kinds or {"count"})
