"""Support answers: the policy cards that fit the applicant, the same records as 政策匹配."""

from __future__ import annotations

from dataclasses import replace


from assistant import eligibility
from assistant.answer.compose.draft import (Context, Draft, MONEY_TYPES, MONEY_UNITS, english_card, english_term, mark, office_text, unique_sections)
from assistant.answer.compose.library import Library
from assistant.answer.intents import maximal
from assistant.answer.messages import missing_words, say
from assistant.models import Citation, PolicyCard, Section


def cards(lib: Library, ctx: Context) -> Draft | None:
    """Policy cards for the enterprise the question describes, from the
    same records as the 政策匹配 form, so chat and form agree: the best
    few, and how many more there are."""
    profile = ctx.query.applicant
    try:
        cards = pick_cards(lib, profile, ctx)
    except NothingAbout:
        return None  # the sentences that speak of it answer
    if profile.qualifications and not any(c.scope == "specific" for c in cards):
        cards = []  # measures for everyone do not answer "what is there for <this applicant>"
    shown = [c for c in cards if f"{c.source.doc}#{c.source.section}" in lib.by_label][:lib.chat_cards]
    if shown and top_section_answers(lib, ctx, cards):
        return None  # (its own words answer, not the cards of sections ranked below it)
    if not shown and profile.is_empty:
        return None  # no benefit on the topic: the sentences that speak of it answer
    if not shown and not profile.is_empty:
        # no benefit card fits who or what was named: the sentences answer when the top sections hold
        # the question's topic (a plan's 鼓励…/推动… is no card but answers 有什么途径); else say so
        top = "\n".join(h.section.text for h in ctx.hits[:3])
        # (条例给惠明茶产业哪些支持: the document named, what the support is for is the subject left)
        topic = ctx.query.support_topic or (ctx.query.subject if ctx.query.docs_named else [])
        if lib.evidence.coverage(topic, top) >= lib.settings.min_topic_coverage:
            return None
        return Draft(no_cards(profile, ctx.query.english), [], [], answerable=False, reason="no_support")
    if not shown:
        return None
    english = ctx.query.english
    written = [card_text(lib, n, c, english, focus=maximal(ctx.query.topic_tokens)) for n, c in enumerate(shown, 1)]
    lines = [line for line, _ in written]
    if ctx.query.asked_units & MONEY_UNITS and not any(lib.states_figure(s, MONEY_UNITS) for c in shown
                                                       for s in c.sources):
        # "能拿多少万元": measures that state no sum do not answer it
        return Draft(say("no_amount", english) + "\n" + "\n".join(lines), [], [], answerable=False,
                     coverage="partial", missing=[missing_words({"amount"}, english)])
    # each card's first source, then the sections of the words it quotes from its other sources
    quoted = [[s for s in c.sources if (s.doc, s.section) in {(x.doc, x.label) for x in others}]
              for c, (_, others) in zip(shown, written)]
    citations = [Citation(s.doc, s.section, s.title, s.quote) for c, more in zip(shown, quoted)
                 for s in c.sources[:1] + more]
    # (in the order the marks stand in the text: a line's inner marks before its own)
    sections = [s for c, (_, others) in zip(shown, written)
                for s in [*others, lib.by_label[f"{c.source.doc}#{c.source.section}"]]]
    head = cards_head(profile, len(shown), len(cards), english)
    return Draft(head + "\n" + "\n".join(lines), citations, unique_sections(sections))


def top_section_answers(lib: Library, ctx: Context, cards: list[PolicyCard]) -> bool:
    """Whether the section the search ranks first speaks of what the question asks about, beyond who asks
    and the kind of support, and gives none of the cards: a provision that is no benefit of its own
    (国家推动保险机构开展贷款保证保险业务; 中国人民银行应当…加大对小型微型企业的信贷支持; 简化注销程序) answers what
    is asked about it in its own words. A question naming nothing beyond who asks (高企能拿到啥补贴) is
    answered by the cards."""
    if not ctx.hits:
        return False
    top = ctx.hits[0].section
    if any((s.doc, s.section) == (top.doc, top.label) for c in cards for s in c.sources):
        return False
    query = ctx.query
    if query.english:
        share = lib.evidence.coverage_of_any(query.alternatives, top.text)
    elif query.support_topic:
        share = lib.evidence.coverage(query.support_topic, top.text)
    else:
        return False
    return share >= lib.settings.min_topic_coverage


def no_cards(profile: "eligibility.Profile", english: bool) -> str:
    if english:
        who = ", ".join(map(english_term, profile.qualifications)) or "this applicant"
        what = ", ".join(map(english_term, profile.needs))
        return say("no_support", True, who=who + (f" concerning {what}" if what else ""))
    return say("no_support", False, who=profile.describe_zh())


def card_text(lib: Library, n: int, card: PolicyCard, english: bool,
              focus: list[str] = ()) -> tuple[str, list[Section]]:
    """A card's chat line and the other sections it quotes. Each quoted piece is covered by the
    first mark after it, and the line ends with its own section's mark: a merged card's condition,
    amount or item written in another of its sections carries that section's mark where it is
    quoted (and what stands before it from the card's own section, its own); 又见 names the
    sources it quotes nothing from."""
    section = lib.by_label[f"{card.source.doc}#{card.source.section}"]
    if focus and card.summary.endswith("…"):
        card = replace(card, summary=eligibility.summary(card.measure, focus))
    if english:
        return english_card(n, card) + mark(section), []
    cited = {(s.doc, s.section) for s in card.sources}
    where = {listed_item(x["text"]): (x["doc"], x["section"]) for x in card.checklist} | card.origins
    where = {value: at for value, at in where.items() if at in cited}

    def source(value: str) -> Section:
        at = where.get(value)
        return (lib.by_label.get(f"{at[0]}#{at[1]}") if at else None) or section

    items = sorted((listed_item(x) for x in card.listed), key=lambda x: not any(f in x for f in focus))
    limit = lib.settings.card_list_items
    # what a firm acts on, in the order it reads them: how much, on what condition, by when, whom to ask
    quoted = [("金额/比例", [card.amount] if card.amount else card.amounts[:2]), ("适用", items[:limit]),
              ("条件", card.conditions[:2]), ("期限", card.deadlines[:1]), ("联系", card.contacts[:2])]
    pieces = [["", card.summary, section]] + [[name, value, source(value)] for name, values in quoted
                                               for value in values]
    if len(items) > limit:
        next(p for p in reversed(pieces) if p[0] == "适用")[1] += "等"
    covered, others = section, []  # backwards: the section the next mark names
    for piece in reversed(pieces):
        if piece[2].key != covered.key:
            covered = piece[2]
            piece[1] += mark(covered) if covered.doc == section.doc else f"〔《{covered.doc}》{mark(covered)[1:]}"
            others.insert(0, covered)
    facts = [(name, "；".join(p[1] for p in pieces if p[0] == name)) for name, _ in quoted] \
        + [("咨询", office_text(card)), ("注意", card.status)]
    detail = "；".join(f"{k}：{v}" for k, v in facts if v)
    kinds = "、".join(card.support_types[:2]) or "支持措施"
    level = f"{'、'.join(card.levels or [card.level])}级·" if card.level else ""
    said = {(s.doc, s.label) for s in others}
    also = list(dict.fromkeys(f"{s.section}" for s in card.sources[1:3]
                              if s.section != card.source.section and (s.doc, s.section) not in said))
    more = f"（又见{'、'.join(also)}）" if also else ""
    line = f"{n}. 【{level}{kinds}】{pieces[0][1]}" + (f"（{detail}）" if detail else "") + mark(section) + more
    return line, unique_sections(s for s in others if s.key != section.key)


def listed_item(text: str) -> str:
    return text.rstrip("；;。，, ")


def cards_head(profile: "eligibility.Profile", shown: int, total: int, english: bool) -> str:
    more = total - shown
    if english:
        who = ", ".join(english_term(q) for q in profile.qualifications) or "enterprises"
        extra = f" ({more} more in the Policy matching tab)" if more > 0 else ""
        return f"Support measures for {who} in the documents{extra}:"
    who = "、".join(profile.qualifications) or "企业"
    extra = f"另有 {more} 项可在“政策匹配”中查看" if more > 0 else f"共 {total} 项"
    return f"根据现有文件，{who}可关注以下 {shown} 项支持措施（{extra}）："


class NothingAbout(Exception):
    """The applicant's benefits say nothing of what the question asks about."""


def topic_cards(lib: Library, ctx: Context, topic: list[str]) -> list[PolicyCard]:
    """Cards of the retrieved sections' benefits that name what the question is about."""
    ranked = {h.section.label_key for h in ctx.hits}
    pool = [eligibility.Matched(m, "general", (m.support_types or [eligibility.OTHER_SUPPORT])[0], (0,))
            for m in lib.index.measures if f"{m.doc}#{m.section}" in ranked and (not ctx.docs or m.doc in ctx.docs)
            and any(lib.evidence.occurs(t, m.stated) for t in topic)]
    return eligibility.cards_of(pool, lib.offices)


def pick_cards(lib: Library, profile: "eligibility.Profile", ctx: Context) -> list[PolicyCard]:
    """When the question names who is asking or what they need: the ranked,
    merged cards of 政策匹配, in its order, so chat and form agree. Otherwise
    the measures of the retrieved sections, those sharing the question's
    topic first, then those that state an amount."""
    if not profile.is_empty:
        s = lib.settings
        cards = eligibility.match(lib.index.measures, profile, lib.index.sections,
                                  (s.card_amount_weight, s.card_applicant_weight, s.card_sources_weight),
                                  offices=lib.offices).cards()
        cards = [c for c in cards if not ctx.docs or any(src.doc in ctx.docs for src in c.sources)]
        # what the question asks about beyond who asks and what kind of support (住房、子女就学, 港澳青年):
        # the retrieved sections' benefits that say it join the applicant's cards, and come first
        if topic := ctx.query.support_topic:
            said = {c.measure for c in cards}
            cards += [c for c in topic_cards(lib, ctx, topic) if c.measure not in said]
            # only benefits about what is asked; none, and the sentences that speak of it answer
            about = [c for c in cards if any(lib.evidence.occurs(t, c.stated) for t in topic)]
            if not about and cards:
                raise NothingAbout
            cards = about
            cards.sort(key=lambda c: -lib.evidence.sentence_score(topic, c.stated) / (1.0 + len(c.stated) / 200))
        return cards
    rank_of = {h.section.label_key: r for r, h in enumerate(ctx.hits)}
    pool = [eligibility.Matched(m, "general", (m.support_types or [eligibility.OTHER_SUPPORT])[0], (0,))
            for m in lib.index.measures if f"{m.doc}#{m.section}" in rank_of]
    if ctx.docs:
        pool = [m for m in pool if m.measure.doc in ctx.docs]
    if topic := ctx.query.support_topic:  # 机器换人有补贴没: a benefit about what is asked, else the sentences answer
        pool = [m for m in pool if any(lib.evidence.occurs(t, m.measure.stated) for t in topic)]
    tokens = ctx.query.topic_tokens
    # `有没有钱补` asks for money: measures that give money, relief or credit first.
    money = ctx.query.money_asked
    # `最高能贷多少`, `能拿多少万元` ask for a sum: a measure stating one answers, a share does not.
    asks_sum = bool(ctx.query.asked_units & MONEY_UNITS)

    def key(item: tuple[int, "eligibility.Matched"]):
        position, matched = item
        measure = matched.measure
        rank = rank_of.get(f"{measure.doc}#{measure.section}", len(ctx.hits) + 5)
        # Length-normalised, as in BM25: a sentence listing every policy
        # mentions every topic but answers none of them specifically.
        topic = lib.evidence.sentence_score(tokens, measure.measure) / (1.0 + len(measure.measure) / 200)
        if asks_sum:
            amount = 1.0 if lib.states_figure(Citation(measure.doc, measure.section, "", measure.measure),
                                               MONEY_UNITS) else 0.0
        else:
            amount = 0.3 if eligibility.amounts(measure.measure) else 0.0
        pays = 1.0 if money and measure.support_types[:1] and measure.support_types[0] in MONEY_TYPES else 0.0
        return (matched.rank[:1], -pays, -topic - 2.0 / (1 + rank) - amount, position)

    ordered = [m for _, m in sorted(enumerate(pool), key=key)]
    return eligibility.cards_of(ordered, lib.offices)
