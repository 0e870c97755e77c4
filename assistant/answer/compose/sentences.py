"""The sentences that best answer the question, and list answers."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.check import fits_tier, kinds_checked, same_figure, states_kind, verdict
from assistant.answer.intents import maximal
from assistant.answer.plan import of_part
from assistant.answer.compose.draft import (Context, Draft, MAX_CHAPTERS, cite, item_head, mark, name_documents, unique_sections)
from assistant.answer.compose.library import Library
from assistant.ingest.figures import split_sentences
from assistant.ingest.quantities import TIME_KINDS
from assistant.ingest.outline import body_text
from assistant.ingest.unit_notes import labelled_row
from assistant.index.chunking import announces_list
from assistant.models import Section
from assistant.answer.compose import documents, linked, rulings
from assistant.answer.messages import say


def general(lib: Library, ctx: Context) -> Draft | None:
    """The sentences that best answer the question: lexical overlap with
    its topic plus their own dense similarity, from the retrieved
    sections and the best sentences anywhere."""
    if ctx.query.answer == "effect_date":
        found = documents.in_force(lib, ctx)
        if found:
            return found
    scored = lib.quoted_first(lib.saying_more(lib.rank_sentences(ctx), ctx.query), ctx.query)
    if not scored:
        return None
    if not kinds_checked(ctx.query):
        scored = linked.rule_and_meaning(lib, ctx, scored)
    scored = linked.penalty_first(lib, ctx, scored)
    if ctx.query.classed_as:  # 税上算固定资产吗: what the documents mean by that kind decides, wherever it ranked
        scored = lib.preferred_first(scored, lambda sentence, section: lib.defines_kind(
            sentence, section, ctx.query.classed_as), band=float("inf"))
    scored, verdict_said = rulings.decided_first(lib, ctx, scored)
    deciding = scored[0][1] if verdict_said else None
    if ctx.query.list_asked:
        listed = list_answer(lib, ctx, scored)
        if listed:
            return listed
    if ctx.query.focus:  # 填什么报表: a sentence naming the thing asked which of
        scored = lib.preferred_first(scored, lambda sentence, _: any(lib.evidence.occurs(f, sentence)
                                                                     for f in ctx.query.focus))
    if ctx.query.place_asked:
        scored = lib.preferred_first(scored, lambda sentence, _: lib.places(sentence))
    if ctx.query.obligation_asked:  # 要承担哪些义务: a provision requiring it of them (应当…)
        scored = lib.preferred_first(scored, lambda sentence, section: lib.requires(sentence, section, ctx.query))
    if ctx.query.duties_asked:  # 承担哪些职责: the provision assigning them, a list of them first
        scored = lib.whole_lists(scored)
        band = lib.settings.duties_band
        scored = lib.preferred_first(scored, lambda sentence, section: lib.requires(sentence, section, ctx.query),
                                     band=band)
        scored = lib.preferred_first(scored, lib.assigns_list, band=band)
        # (a section headed by what is asked, 一、主要职能, lists it in its body, whose sentences need not repeat
        # the question's words: wherever they rank)
        scored = lib.preferred_first(scored, lambda _, section: lib.names_title(ctx.query, section), band=float("inf"))
    stating, reached, further = [], False, set()
    kinds = kinds_checked(ctx.query)
    # A tier that fits the applicant's figures (销售收入8000万元 -> the 5,000万元至2亿元 tier) first,
    # quoted alone rather than with the whole list of tiers.
    fitting = (lambda sentence, section: fits_tier(ctx.query.facts, lib.sentence_quantities(sentence, section),
                                                   kinds)) if ctx.query.facts and kinds else None
    if fitting:
        scored = lib.with_items_fitting(scored, fitting)
    if kinds:
        def exact(sentence: str, section: Section) -> bool:
            return states_kind(lib.sentence_quantities(sentence, section), kinds, strict=True)
        scored = lib.preferred_first(scored, lambda sentence, section: states_kind(
            lib.sentence_quantities(sentence, section), kinds))
        scored = lib.preferred_first(scored, exact)
        # 最高/最迟: the capped figure (最高200万元, 不迟于…时) first; asked when, a date before a period
        wanted = {"date"} if ctx.query.kind is not None and ctx.query.kind.name == "time" else kinds
        bounds = {"max"} if ctx.query.cap_asked else {"max", "min", "exact", "range"}

        def bounded(sentence: str, section: Section) -> bool:
            return any(q.kind in wanted and q.bound in bounds for q in lib.sentence_quantities(sentence, section))

        def band(c) -> float:  # a figure of the kind and bound asked fits twice, and may stand further down
            return lib.settings.bounded_band if ctx.query.cap_asked and bounded(c[1], c[2]) \
                else lib.settings.preferred_band
        # a figure question is answered by the figures of the kind asked among the near-best
        # sentences, each quoted with its own subject (50% in one article, 80% for 委托 in another)
        stating = [c for c in scored if c[0] >= scored[0][0] - band(c)
                   and states_kind(lib.sentence_quantities(c[1], c[2]), kinds)]
        # (a capped figure admitted from further down is quoted, though the narrower band would stop at it)
        further = {c[1] for c in stating if c[0] < scored[0][0] - lib.settings.preferred_band}
        if not stating:  # none near the best states one: one further down about the subject or defining it may
            stating = [c for c in scored if c[0] >= scored[0][0] - lib.settings.figure_reach_band
                       and states_kind(lib.sentence_quantities(c[1], c[2]), kinds)
                       and (lib.about_subject(ctx.query, c[1], c[2]) or lib.defines(c[1], ctx.query))]
            reached = bool(stating)
        # the sentence defining the subject asked and stating the kind is heard, wherever it ranked
        stating += [c for c in scored if c not in stating and lib.defines(c[1], ctx.query)
                    and states_kind(lib.sentence_quantities(c[1], c[2]), kinds, strict=True)]
        stating = lib.preferred_first(stating, exact)  # a rate asked: a rate before a share
        # the general rule before its special cases and exceptions: of the sentences stating the kind
        # asked, the best that states no case the question does not ask of (委托研发 80%, …除外) comes
        # first (研发费用 50%), the others in order
        stating = general_rule_first(lib, ctx.query, stating, exact)
        # the sentence defining the subject asked (实施条例: 所称研究开发费用的加计扣除，是指…50%) states
        # the general rule; others its special cases
        stating = lib.preferred_first(stating, lambda sentence, _: lib.defines(sentence, ctx.query))
        stating = lib.preferred_first(stating, bounded, band=lib.settings.bounded_band if ctx.query.cap_asked else None)
        if ctx.query.follow_up:  # (那超过的部分呢？ after 职工教育经费's rate: that expense's excess, not another's)
            stating = lib.preferred_first(stating, lambda sentence, _: lib.of_earlier_topic(ctx.query, sentence),
                                          band=float("inf"))
    if fitting:
        scored = lib.preferred_first(scored, fitting)
        # of sentences stating cases (累计缴费时间满5年不足10年的，…最长为18个月), the case the applicant's
        # figures fit, and none they fail (8年: not 10年以上的 24个月)
        def case(sentence: str, section: Section) -> bool | None:
            cases = [q for q in lib.sentence_quantities(sentence, section) if q.case]
            return verdict(ctx.query.facts, cases) if cases else None
        if any(case(c[1], c[2]) for c in stating):
            stating = [c for c in lib.preferred_first(stating, lambda s, sec: case(s, sec) is True, band=float("inf"))
                       if case(c[1], c[2]) is not False]
    elif ctx.query.facts:  # 只有2家时 / 超过500万元的部分呢: among near-best sentences, the one stating that figure
        # about the question's subject (税率是10%吗 asked of 高新技术企业: not 非居民企业's 10%)
        stated = [f for f in ctx.query.facts if f.kind not in TIME_KINDS]
        scored = lib.preferred_first(scored, lambda sentence, section: any(
            same_figure(q, f) for q in lib.sentence_quantities(sentence, section) for f in stated)
            and (not ctx.query.subject or lib.about_subject(ctx.query, sentence, section)))
    best = stating[0][0] if reached else scored[0][0]
    # (a figure asked that no near sentence states: the narrow band, so no figure of a sentence further off is
    # quoted as if it answered)
    band = lib.settings.preferred_band if stating else \
        lib.settings.figure_quote_band if ctx.query.asks_figure else lib.settings.quote_band
    chosen: list[tuple[str, str, Section]] = []  # (text, quote as written, section)
    queue = list(stating or scored)
    while queue:
        score, sentence, section = queue.pop(0)
        if score < best - band and sentence not in further or len(chosen) == lib.settings.max_sentences:
            break
        text = quote = sentence if fitting and fitting(sentence, section) else lib.with_next(sentence, section)
        item = None if ctx.query.list_asked else lib.item_about(sentence, section, ctx.query.topic_tokens)
        if item and item not in text:  # (一次性工亡补助金的标准: the lead-in and that item, not the first ones)
            text = quote = lib.with_lead(item, section)
        if (rule := lib.rule_before(sentence, section)) and rule not in text \
                and not any(rule in q for _, q, _ in chosen):
            text = quote = rule + text  # (a case quoted with the rule or the case it departs from)
        if (later := lib.case_after(sentence, section)) and later not in text:
            text = quote = text + later  # (…应当及时劝阻。 with 对于不听劝阻的，应当及时举报。)
        if (ctx.query.duties_asked or ctx.query.obligation_asked) and not chosen:
            # (a party's duties run on in the sentences after, each requiring another act: 企业应当接纳…。企业应当…提供…)
            text = quote = lib.with_requirements_after(text, sentence, section, ctx.query)
        said = " ".join(q for _, q, _ in chosen)
        if sentence in said or any(piece and piece in said for piece in split_sentences(text)):
            continue  # already said with a neighbour
        row = labelled_row(sentence, section.text) or lib.row_under_earlier_header(sentence, section)
        if row:  # a table row reads as its columns' names and values
            text, quote = row
        chosen.append((text, quote, section))
        if kinds and (departing := lib.case_departing(sentence, section, ctx.query)) and departing not in text:
            # a figure asked of a case the article gives a rule of its own further on (加5个百分点计算, then 企业…提供
            # 有关资料的，可以只按…基准利率计算利息, asked of a firm that provided them): that rule next, read as any other
            queue.insert(0, (score, departing, section))
    chosen += rest_of_question(lib, ctx, chosen)
    chosen += other_parts(lib, ctx, chosen)
    scope = applies_to_whom(lib, ctx, chosen)
    chosen = scope + chosen if ctx.query.scope_asked else chosen + scope  # (asked whom it applies to: that first)
    citations = [cite(section, quote) for _, quote, section in chosen]
    sections = [section for _, _, section in chosen]
    lines = []
    for text, quote, section in chosen:
        again = lib.written_again(quote, section)
        if again:  # the same measure in the document's task table: cite both places
            other, sentence = again
            citations.append(cite(other, sentence))
            sections.append(other)
            text += f" (also in {other.label})" if ctx.query.english else f"（又见{other.label}）"
        lines.append(f"{text}{mark(section)}")
    if deciding and chosen and deciding in chosen[0][1]:  # (the deciding sentence is quoted first)
        lines.insert(0, say(verdict_said, ctx.query.english))
    return Draft("\n".join(lines), citations, unique_sections(sections))


def rest_of_question(lib: Library, ctx: Context, chosen: list[tuple[str, str, Section]]) -> list[tuple[str, str, Section]]:
    """A question asking two things of one provision (规划和资金保障上县政府要做哪些事; 由哪些部门管理监督和查处) is
    answered in full: the sentence of a provision quoted (the first quoted, on a tie) that says most of what the
    question names and no quoted sentence says. Not for a figure asked (its parts are the plan's, each answered by
    its own figure)."""
    if not chosen or kinds_checked(ctx.query):
        return []
    said = " ".join(quote for _, quote, _ in chosen)
    idf = lib.evidence.idf
    # the question's things, each a word or (English) the alternative words of a phrase
    things = ctx.query.alternatives if ctx.query.english else [[t] for t in maximal(ctx.query.topic_tokens)]
    unsaid = [g for g in things if g and max(idf.get(t, 0.0) for t in g) >= lib.settings.distinctive_idf
              and not any(lib.evidence.mentions(t, said) for t in g)]
    if not unsaid:
        return []
    # (the provisions quoted, the first first: 研发费用's list after the law's article on it, for 模具 asked with 折旧)
    sections = list({s.key: s for _, _, s in chosen}.values())
    found = [(lib.evidence.coverage_of_any(unsaid, sentence, lib.evidence.mentions), sentence, section)
             for section in sections for sentence in lib.texts_of(section) if sentence not in said]
    # (of sentences saying as much of it, the one saying most of the whole question: 直接从事研发活动人员的工资薪金…
    # before the item's bare head 人员人工费用; then the longer)
    share, sentence, section = max(found, key=lambda f: (f[0], lib.topic_share(ctx.query, f[1]), len(f[1])),
                                   default=(0.0, "", None))
    return [(sentence, sentence, section)] if share > 0 else []


def other_parts(lib: Library, ctx: Context, chosen: list[tuple[str, str, Section]]) -> list[tuple[str, str, Section]]:
    """A figure asked of each of several things at once (使用单位和维保单位，应急演练分别至少多久一次) is answered for
    each: a part no quoted sentence answers (none names all its own words and states a figure of the part's kind:
    营业面积 an area, 金额 a sum) gets the best sentence, ranked as if the part were asked alone, that names them,
    shares the part's topic and states a figure of that kind."""
    query, kinds = ctx.query, kinds_checked(ctx.query)
    if len(query.parts) < 2 or not chosen or not kinds:
        return []
    quotes, found = [quote for _, quote, _ in chosen], []
    section_of = {quote: section for _, quote, section in chosen}

    def answers(part, quote: str) -> bool:  # (a part's own kind, as of_part asks it: 营业面积 an area)
        return states_kind(lib.sentence_quantities(quote, section_of[quote]), part.kinds or kinds)

    for part, own in lib.unsaid_parts(query, quotes, answers):
        sub = replace(ctx, query=of_part(query, part))
        best = next(((sentence, section) for _, sentence, section in lib.rank_sentences(sub)
                     if all(lib.evidence.mentions(t, sentence) for t in own)
                     and lib.evidence.coverage(part.topic, sentence, lib.evidence.mentions)
                     >= lib.settings.fact_subject_coverage
                     and states_kind(lib.sentence_quantities(sentence, section), part.kinds or kinds)), None)
        if best and not any(best[0] in q for q in quotes):
            found.append((best[0], best[0], best[1]))
            quotes.append(best[0])
            section_of[best[0]] = best[1]
    return found


def applies_to_whom(lib: Library, ctx: Context, chosen: list[tuple[str, str, Section]]) -> list[tuple[str, str, Section]]:
    """Asked whether one can have what a document gives (研发费用能加计扣除吗) or whom it applies to, the
    answer also quotes whom that document applies to (本通知适用于会计核算健全、实行查账征收…的居民企业), when it says and the
    answer does not already: the condition every case of it must meet."""
    if not chosen or not (ctx.query.answer == "yes_no" or ctx.query.intent == "eligibility" or ctx.query.scope_asked):
        return []
    said = " ".join(quote for _, quote, _ in chosen)
    found = []
    for i in lib.stating("scope").get(chosen[0][2].doc, []):
        sentence = lib.index.sentences[i].text
        if sentence not in said and lib.topic_share(ctx.query, sentence) > 0:
            found.append((sentence, sentence, lib.by_key[lib.index.sentences[i].section_key]))
    return found[:1]


def general_rule_first(lib: Library, query, stating: list[tuple[float, str, Section]], exact) -> list:
    """`stating` with its general rule first: the best sentence stating the kind asked exactly (or, none
    doing so, at all) that is no special case or exception the question does not ask of."""
    if not stating or not lib.special_case(stating[0][1], stating[0][2], query):
        return stating
    general = [c for c in stating if not lib.special_case(c[1], c[2], query)]
    rule = next((c for c in general if exact(c[1], c[2])), None) if exact(stating[0][1], stating[0][2]) else \
        next(iter(general), None)
    if rule is None:
        return stating
    return [(stating[0][0], rule[1], rule[2])] + [c for c in stating if c is not rule]


def list_answer(lib: Library, ctx: Context, scored: list[tuple[float, str, Section]]) -> Draft | None:
    """A list question's answer: the numbered items of the section it names by
    heading, or the sections of the chapter it names."""
    # the list a question names by its heading, in the best sentence's section or a top one
    for section in unique_sections([scored[0][2]] + [h.section for h in ctx.hits[:3]]):
        if not lib.names_title(ctx.query, section):
            continue
        if len(section.items) >= 2:
            return enumerated(section, [item_head(item) for item in section.items])
        # (a heading announcing its list over unnumbered clauses: 有下列情形的不予支持 / 近三年内发生…；列入…的；…)
        clauses = lib.texts_of(section)
        if announces_list(section.title) and len(clauses) >= 2:
            return enumerated(section, [c.rstrip("；;。") for c in clauses])
    # or a chapter named by its heading (保障措施从哪几个方面): its sections are the list
    docs = ctx.docs or list(dict.fromkeys([h.section.doc for h in ctx.hits] + list(lib.of_doc)))
    chapters = [c for doc in docs for c in lib.of_doc.get(doc, [])
                if c.kind == "chapter" and lib.names_title(ctx.query, c)]
    named = [(c, parts) for c in chapters
             if len(parts := [s for s in lib.of_doc[c.doc] if s.kind == "section" and s.chapter == c.chapter]) >= 2]
    named = named[:MAX_CHAPTERS]
    if named:  # each document's chapter of that name (保障措施 is in most plans), best-ranked first
        drafts = [enumerate_chapter(c, parts) for c, parts in named]
        several = len({c.doc for c, _ in named}) > 1  # alike marks (〔七、保障措施〕): named here
        text = "\n".join(name_documents(d.text, d.sections[:1]) if several else d.text for d in drafts)
        return Draft(text, [c for d in drafts for c in d.citations], [s for d in drafts for s in d.sections])
    return None


def enumerated(section: Section, heads: list[str]) -> Draft:
    """A list question's answer: the items, numbered, and the section that lists them."""
    text = "包括：" + "；".join(f"{n}. {h}" for n, h in enumerate(heads, 1)) + f"。{mark(section)}"
    return Draft(text, [cite(section, "；".join(heads))], [section])


def enumerate_chapter(chapter: Section, parts: list[Section]) -> Draft:
    """A list question about a chapter: its opening sentence, where chapters say
    what they cover, and the headings of its sections."""
    opening = next(iter(split_sentences(body_text(chapter))), "")
    heads = "；".join(f"{s.label}{s.title}" for s in parts)
    text = (f"{opening}{mark(chapter)}\n" if opening else "") + f"包括：{heads}。{mark(chapter)}"
    return Draft(text, [cite(chapter, opening or heads)] + [cite(s, s.title) for s in parts], [chapter] + parts)
