"""One composer per intent: a question's context in, a cited draft out.

Structural intents read the parsed structure (unit lines, targets,
measures); everything else is built from the sentences that best answer
the question. A composer returns None when it has nothing to say, and the
answerer then falls back to the general composer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from assistant import eligibility
from assistant.eligibility.places import PlaceFinder
from assistant.ingest.figures import split_sentences, strip_item_prefix
from assistant.index.build import LoadedIndex
from assistant.ingest.outline import body_text
from assistant.answer.intents import Query, maximal
from assistant.answer.kinds import kind_asked
from assistant.index.lexical import tokenize
from assistant.settings import Settings
from assistant.models import Citation, PolicyCard, Section, Target
from assistant.answer.retrieve import Hit
from assistant.answer.evidence import Evidence
from assistant.answer.targets import (DURATION_ASKED, asked_units, pick_targets, question_parts, quote_for, states_a_figure,
                                      years_covered)
from assistant.ingest.unit_notes import TableRow, labelled_row, noted_measures, table_rows
from assistant.ingest.units import ALIASES, gloss
from assistant.lexicon import english

MONEY_TYPES = ("资金补助", "税收优惠", "金融/融资")  # support that is money to the applicant
LIST_CONTINUES = ("；", "：", ";", ":")  # a sentence ending so is followed by the rest of its list
MAX_LIST_CHARS = 600
PLACE_BAND = 0.3  # how far below the best sentence one naming the place asked may stand
MAX_CHAPTERS = 3  # documents whose chapter of the name asked an answer lists
MAX_ITEMS_BACK = 8  # items an answer's item may follow in its list and still be read with the lead-in
# How a unit answer is worded, in the question's language.
UNIT_WORDS = {
    "zh": {"sep": "、", "shared": "责任单位为{resp}。", "none": "（未列明）", "tail": "；责任单位为{resp}",
           "no_lead": "文件未列明牵头单位，负责单位为{resp}。", "lead": "牵头单位为{lead}{tail}。"},
    "en": {"sep": "; ", "shared": "Responsible units: {resp}.", "none": "(none listed)", "tail": "; responsible units: {resp}",
           "no_lead": "No lead unit is named; responsible units: {resp}.", "lead": "Lead unit: {lead}{tail}."},
}
MONEY_UNITS = {"万元", "亿元"}
# Units that say what kind of figure is asked (a sum, a share, an area): a target in another
# kind answers another question. Counts (个, 家, 所) are interchangeable and not checked.
FIGURE_KINDS = ({"元", "万元", "亿元", "亿美元"}, {"%", "个百分点", "百分点"}, {"平方米", "万平方米", "平方公里", "亩"})
METRIC_COVERAGE = 0.4  # share of a figure question's topic a target's metric and sentence must hold to answer it
# "When does it take effect": documents say so in one sentence, by convention their last article
# (本条例自2020年1月1日起施行。本办法自印发之日起施行，有效期3年。).
EFFECT_ASKED = re.compile(r"(?:什么时候|何时|哪天|哪一天|哪年|哪一年|几月几日|几号|从何时|何日)[^，。？?]{0,4}"
                          r"(?:施行|生效|实施|执行)(?!细则|方案|意见|办法|计划)|"
                          r"(?:施行|生效|实施)(?:日期|时间|之日)|(?:开始|起)(?:施行|生效)|"
                          r"come into (?:force|effect)|came into (?:force|effect)|take[sn]? effect|took effect|"
                          r"effective (?:date|from|since)|in force since", re.I)
IN_FORCE = re.compile(r"自[^。；，\n]{2,30}?起(?:施行|生效|实施|执行)")


def as_written(unit: str, text: str) -> str:
    """A unit by its one name across documents, with the document's own
    spelling when it writes another (市人力资源社会保障局（原文：市人社局）), so
    the answer can be checked against the quote."""
    if unit in text:
        return unit
    forms = sorted((form for form, name in ALIASES.items() if name == unit), key=len, reverse=True)
    written = next((form for form in forms if form in text), "")
    return f"{unit}（原文：{written}）" if written else unit


def speaks_of_year(text: str, year: int) -> bool:
    """Whether the text says something of that year (`2018年底前`), not only
    names it in a period (`2016-2020年`) or a document number (`〔2016〕36号`)."""
    return re.search(rf"(?<![\d\-－—–~～]){year}年(?!\s*[\-－—–~～至]\s*\d)", text) is not None


CHAT_CARDS = 5  # cards a chat answer shows; the rest are counted and left to 政策匹配
# Asking where: which town, district or city, or where a thing is or goes.
PLACE_ASKED = re.compile(r"哪个(?:镇|区|城市|地方|园区|片区)|哪些(?:镇|区|城市|地方|地区)|哪几个(?:镇|区|城市|地方|地区)|"
                         r"在哪里|在哪儿|去哪儿|放哪|什么地方|\bwhere\b|which (?:town|city|district)", re.I)
LIST = re.compile(r"哪几|分别|几大|哪[一二三四五六七八九十两]|包括哪些|有哪些方面|which are|what are the (?:two|three|four|five|six)", re.I)


# A count (三个, 六大, 几项) says how long a list is, not what it lists.
COUNTED = re.compile(r"^[一二三四五六七八九十两几\d]+[个项类种大条点]?$")


def _after_earlier_clauses(units: list[str], position: int) -> int:
    """Where the run of `；`-ended units just before `position` starts (a list's earlier
    items), at most MAX_ITEMS_BACK back."""
    start = position
    while start > 0 and position - start < MAX_ITEMS_BACK and units[start - 1].endswith(("；", ";")):
        start -= 1
    return start


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def in_order(word: str, text: str) -> bool:
    """Whether the word's characters stand in the text in order, as an abbreviation's
    do in its full form (自创区 in 自主创新示范区)."""
    rest = iter(text)
    return all(ch in rest for ch in word)


def item_head(item: str) -> str:
    """`1．创新体系不断完善。到2020年…` -> `创新体系不断完善`."""
    body = strip_item_prefix(item)
    head = re.split(r"[。：:；]", body, maxsplit=1)[0]
    return head if len(head) <= 40 else head[:40] + "…"


@dataclass
class Context:
    """Everything known about one question while it is answered."""

    query: Query
    hits: list[Hit]
    sentence_sims: np.ndarray  # cosine similarity of the question to every indexed sentence
    docs: list[str] | None = None  # the documents the question is limited to (None: all)


@dataclass
class Draft:
    text: str
    citations: list[Citation]
    sections: list[Section]
    answerable: bool = True


def office_text(card: PolicyCard) -> str:
    """`市科技局（牵头）、市财政局`: the lead first, at most three units."""
    lead = [f"{u}（牵头）" for u in card.lead_offices]
    others = [u for u in card.offices if u not in card.lead_offices]
    return "、".join((lead + others)[:3])


def english_term(term: str) -> str:
    return english.translate(term)


def english_card(n: int, card: PolicyCard) -> str:
    """A card in English: labels, amounts as written, offices glossed, the
    measure quoted in Chinese."""
    kinds = ", ".join(english.translate(t) for t in card.support_types[:2]) or "Support"
    facts = [("amount", "; ".join(card.amounts)),
             ("ask", "; ".join(map(gloss, (card.lead_offices or card.offices)[:2]))),
             ("for", ", ".join(english.translate(b) for b in card.beneficiaries[:3]))]
    detail = "; ".join(f"{k}: {v}" for k, v in facts if v)
    return f"{n}. [{kinds}] “{card.summary}”" + (f" ({detail})" if detail else "")


def duties_en(unit: str, groups) -> str:
    roles = {"牵头": "leads", "责任（参与）": "shares"}
    parts = [f"{roles[role]} " + "; ".join(f"{s.label}{s.title}" for s in group) for role, group in groups if group]
    return f"{gloss(unit)} " + ". It ".join(parts) + "."


def no_tasks_en(unit: str, role: str | None) -> str:
    as_what = {"牵头": "a lead unit", "责任": "a responsible unit"}.get(role or "", "a lead or responsible unit")
    return f"The documents list no task with {gloss(unit)} as {as_what}."


def cite(section: Section, quote: str) -> Citation:
    return Citation(doc=section.doc, section=section.label, title=section.title, quote=quote)


def mark(section: Section) -> str:
    if section.kind == "chapter":
        return f"〔{section.chapter}〕"
    return f"〔{section.label}〕" if section.kind == "article" else f"〔{section.label}{section.title}〕"


def name_documents(text: str, sections: list[Section]) -> str:
    """An answer drawn from several documents names the document at each mark."""
    for section in unique_sections(sections):
        if f"《{section.doc}》" not in text:  # composers that name documents themselves
            text = text.replace(mark(section), f"〔《{section.doc}》{mark(section)[1:]}")
    return text


def unit_line(section: Section) -> str:
    return next((line.strip() for line in section.text.split("\n") if "牵头单位" in line), "")


def unique_sections(sections) -> list[Section]:
    return list({s.key: s for s in sections}.values())


class Composer:
    def __init__(self, index: LoadedIndex, evidence: Evidence, settings: Settings):
        self.index = index
        self.settings = settings
        self.evidence = evidence
        self.by_key = {s.key: s for s in index.sections}
        self.by_label = {s.label_key: s for s in index.sections}  # measures, targets, cards: doc#label
        self.of_doc: dict[str, list[Section]] = {}  # doc -> its sections in reading order
        for section in index.sections:
            self.of_doc.setdefault(section.doc, []).append(section)
        self.task_rows: dict[str, list[tuple[TableRow, Section]]] = {}  # doc -> its task tables' rows
        for section in index.sections:
            lines = section.text.split("\n")
            for row in table_rows(lines) + noted_measures(lines):
                self.task_rows.setdefault(section.doc, []).append((row, section))
        self.years = years_covered(index.sections)  # doc -> the years its targets are set for
        self.offices = eligibility.Offices(index.sections)
        # Positions of each section's sentences in the sentence store, in reading order.
        self.sentences_of: dict[str, list[int]] = {}
        for i, unit in enumerate(index.sentences):
            self.sentences_of.setdefault(unit.section_key, []).append(i)

    def compose(self, intent: str, ctx: Context) -> Draft | None:
        composer = {
            "lead": self.lead,
            "responsibility": self.lead,
            "duties": self.duties,
            "target": self.target,
            "eligibility": self.eligibility,
            "reference": self.reference,
            "article": self.article,
        }.get(intent, self.general)
        if composer == self.general and DURATION_ASKED.search(ctx.query.text):
            composer = self.figure_from_sentences  # `多久` asks for a duration: an answer without one is none
        draft = composer(ctx)
        if draft is None and intent in ("lead", "responsibility"):
            return self.owner_from_sentences(ctx)
        draft = draft or self.general(ctx)
        if draft and draft.answerable and intent in ("general", "target"):
            return self.of_kind_asked(ctx, draft)
        return draft

    @staticmethod
    def of_kind_asked(ctx: Context, draft: Draft) -> Draft:
        """The draft, if its quotes state the kind of answer asked (a time, a
        website, the materials); else the documents are said not to give it."""
        kind = kind_asked(ctx.query.text)
        if kind is None or any(kind.stated.search(c.quote) for c in draft.citations):
            return draft
        return Draft(kind.none_en if ctx.query.english else kind.none_zh, [], [], answerable=False)

    def owner_from_sentences(self, ctx: Context) -> Draft | None:
        """Who does a task, where no unit line says so (laws: `…由省人民政府专利行政部门
        负责处理`): sentences that speak of the task itself, beyond the document's own
        title; else the documents do not say (a preamble's 常务委员会 is no owner)."""
        draft = self.general(ctx)
        if draft is None:
            return None
        for citation in draft.citations:
            task = [t for t in ctx.query.topic_tokens if not in_order(t, citation.doc)]
            if any(self.evidence.occurs(t, citation.quote) for t in task):
                return draft
        text = ("The documents do not say which body is responsible for this, so it cannot be answered from them."
                if ctx.query.english else "现有文件没有写明由哪个单位负责这项工作，无法依据文件作答。")
        return Draft(text, [], [], answerable=False)

    # ------------------------------------------------------------ articles

    def article(self, ctx: Context) -> Draft | None:
        """The whole article asked for (lead-in, items and paragraphs), from
        the document the question names, else the best-ranked document that
        has it; a document without it is said to have none."""
        asked = ctx.query.article
        having = [s for s in self.index.sections if s.kind == "article" and s.label == asked
                  and (not ctx.docs or s.doc in ctx.docs)]
        if not having:
            if ctx.docs:
                counts = {d: sum(1 for s in self.of_doc.get(d, []) if s.kind == "article")
                          for d in ctx.docs}
                told = "；".join(f"《{d}》共{n}条" if n else f"《{d}》不是按条编排的文件" for d, n in counts.items())
                return Draft(f"文件中没有{asked}（{told}）。", [], [], answerable=False)
            return None
        ranked_docs = [h.section.doc for h in ctx.hits]
        having.sort(key=lambda s: ranked_docs.index(s.doc) if s.doc in ranked_docs else len(ranked_docs))
        section = having[0]
        body = body_text(section)
        text = f"《{section.doc}》{section.label}规定：\n{body}\n{mark(section)}"
        others = [s.doc for s in having[1:]]
        if others and not ctx.docs:
            text += "\n（" + "、".join(f"《{d}》" for d in others[:3]) + f"也有{asked}，可在问题中写明文件名。）"
        return Draft(text, [cite(section, body)], [section])

    # ------------------------------------------------------------ who leads

    def owner_of(self, section: Section) -> Section | None:
        """The section whose unit line governs this one: itself, or for a
        sidebar the section it follows, for a chapter text its first section."""
        if section.lead_units or section.responsible_units:
            return section
        same_doc = [s for s in self.of_doc.get(section.doc, []) if s.lead_units]
        before = [s for s in same_doc if s.start < section.start]
        after = [s for s in same_doc if s.start > section.start and s.chapter == section.chapter]
        if section.kind == "sidebar" and before and before[-1].chapter == section.chapter:
            return before[-1]
        return after[0] if section.kind == "chapter" and after else None

    def table_row(self, ctx: Context) -> tuple[TableRow, Section] | None:
        """The task-table row (任务分工表) that names the task asked about, from
        the documents of the top hits: its own 牵头/配合 units, not the union a
        section gathers from all its rows."""
        docs = {h.section.doc for h in ctx.hits[:3]}
        best, score = None, self.settings.task_row_coverage
        for row, section in (pair for doc in docs for pair in self.task_rows.get(doc, [])):
            covered = self.evidence.coverage(ctx.query.topic_tokens, row.task + row.detail)
            if covered > score:
                best, score = (row, section), covered
        return best

    def lead(self, ctx: Context) -> Draft | None:
        """The governing section's unit line; when another document's section
        fits the question as well, both, each with its document named. A task
        named in a task table is answered from its row."""
        found = self.table_row(ctx)
        if found:
            row, section = found
            owner = replace(section, lead_units=row.units.lead, responsible_units=row.units.responsible)
            quote = row.quote or section.text.split("\n")[row.line].strip()
            return Draft(self._unit_sentence(owner, ctx.query, named=False), [cite(section, quote)], [section])
        # A chapter's text only guesses at its owner: sections and sidebars first.
        hits = sorted(ctx.hits[:3], key=lambda h: h.section.kind == "chapter")
        owners = [(hit.score, self.owner_of(hit.section)) for hit in hits]
        owners = [(score, owner) for score, owner in owners if owner is not None]
        if not owners:
            return None
        top_score, first = owners[0]
        chosen = [first] + [o for score, o in owners[1:2] if o.doc != first.doc and score >= 0.9 * top_score]
        lines = [self._unit_sentence(owner, ctx.query, named=len(chosen) > 1) for owner in chosen]
        return Draft("\n".join(lines), [cite(o, unit_line(o)) for o in chosen], chosen)

    @staticmethod
    def _unit_sentence(owner: Section, query: Query, named: bool) -> str:
        prefix = f"《{owner.doc}》：" if named else ""
        # Answer the role asked for; the cited unit line shows the whole line.
        # A shared-role question gets the shared units; "who is responsible" gets the lead
        # too (in 「A、B负责，列第一位者为牵头单位」 every unit listed is responsible).
        both = query.intent == "responsibility" and query.role != "责任" and owner.lead_units
        only_shared = query.intent == "responsibility" and not both
        words = UNIT_WORDS["en" if query.english else "zh"]
        name = gloss if query.english else (lambda unit: as_written(unit, owner.text))
        lead = words["sep"].join(map(name, owner.lead_units))
        resp = words["sep"].join(map(name, owner.responsible_units))
        if only_shared:
            text = words["shared"].format(resp=resp or words["none"])
        elif not lead:
            text = words["no_lead"].format(resp=resp)
        else:
            text = words["lead"].format(lead=lead, tail=words["tail"].format(resp=resp) if both and resp else "")
        return f"{prefix}{text}{mark(owner)}"

    def duties(self, ctx: Context) -> Draft | None:
        query = ctx.query
        lines, citations, sections = [], [], []
        for unit in query.units:
            led = [s for s in self.index.sections if unit in s.lead_units]
            shared = [s for s in self.index.sections if unit in s.responsible_units and unit not in s.lead_units]
            groups = [("牵头", led), ("责任（参与）", shared)]
            asked = [g for g in groups if not query.role or g[0].startswith(query.role)]
            if not any(group for _, group in asked):
                # None in the role asked for: say so, then give the other role.
                lines.append(no_tasks_en(unit, query.role) if query.english else
                             f"现有文件中没有列出{unit}作为{query.role or '牵头或责任'}单位的任务。")
                if not any(group for _, group in groups):
                    continue
            else:
                groups = asked
            if query.english:
                lines.append(duties_en(unit, groups))
            else:
                parts = [f"{role}：" + "；".join(f"{s.label}{s.title}" for s in group)
                         for role, group in groups if group]
                lines.append(f"{unit}在以下任务中承担职责——" + "。".join(parts) + "。")
            for _, group in groups:
                citations += [cite(s, unit_line(s)) for s in group]
                sections += group
        return Draft("\n".join(lines), citations, sections, answerable=bool(citations))

    # ------------------------------------------------------------ targets

    def target(self, ctx: Context) -> Draft | None:
        query = ctx.query
        # A year is covered by the documents the question is answered from, not by any
        # document of the corpus (a tax notice's 2018 says nothing of the plan's targets).
        docs = set(ctx.docs or []) or {h.section.doc for h in ctx.hits[:5]}
        covered = set().union(*(self.years.get(doc, set()) for doc in docs))
        missing = [y for y in query.years if y not in covered]
        if missing and not any(speaks_of_year(h.section.text, y) for h in ctx.hits[:3] for y in missing) \
                and not self._target_of_year(ctx, missing):
            years = "、".join(str(y) for y in missing)
            text = (f"The documents set no target for {', '.join(map(str, missing))}, so this cannot be answered "
                    "from them.") if query.english else f"现有文件未设定{years}年的目标，无法依据文件作答。"
            return Draft(text, [], [], answerable=False)
        chosen: list[Target] = []
        kinds = set().union(*(kind for kind in FIGURE_KINDS if kind & asked_units(query.text)))
        for part in question_parts(query):
            sub = replace(query, topic_tokens=part, tokens=[t for t in query.tokens if t in part] or query.tokens) \
                if part != query.topic_tokens else query
            found = pick_targets(sub, ctx.hits, self.index.sections, self.evidence, self.settings.max_targets)
            found = [t for t in found if not kinds or t.unit in kinds]  # 每平方米多少元 is no area
            best = found[0] if found else None
            if best is None or self._covers(sub, part, best.metric + best.sentence) < METRIC_COVERAGE:
                return self.figure_from_sentences(ctx)
            chosen += [t for t in found if t not in chosen]
        lines, citations, sections = [], [], []
        quotes = [quote_for(t) for t in chosen]
        for target, quote in zip(chosen, quotes):
            if any(other != quote and other.startswith(quote) for other in quotes):
                continue  # the same sentence quoted further for another figure
            section = self.by_label[f"{target.doc}#{target.section}"]
            # The document's own words: a figure, unit or year rebuilt here could be stated wrongly.
            if query.english:
                when = f"by {target.year}" if target.year else "target"
                lines.append(f"Target ({when}): {target.value}{target.unit}, as written: “{quote}”.{mark(section)}")
            else:
                lines.append(f"{quote}。{mark(section)}")
            citations.append(cite(section, target.sentence))
            sections.append(section)
        return Draft("\n".join(dict.fromkeys(lines)), citations, sections)

    def _target_of_year(self, ctx: Context, years: list[int]) -> bool:
        """Whether a document the question may be about sets a target for the
        year on the question's topic, though the top sections come from others
        (a tax notice on 研发费用 outranking the plan's 2020 研发费用 target)."""
        found = pick_targets(ctx.query, ctx.hits, self.index.sections, self.evidence, self.settings.max_targets)
        return any(t.year in years and (not ctx.docs or t.doc in ctx.docs)
                   and self._covers(ctx.query, ctx.query.topic_tokens, t.metric + t.sentence) >= METRIC_COVERAGE
                   for t in found)

    def _covers(self, query: Query, part: list[str], text: str) -> float:
        """How much of the question (part) a text holds. An English question's topic holds each
        phrase's alternative translations (share: 部分/份额/比重), any one of which says it."""
        if query.english and query.alternatives and part == query.topic_tokens:
            return self.evidence.coverage_of_any(query.alternatives, text)
        return self.evidence.coverage(part, text)

    def figure_from_sentences(self, ctx: Context) -> Draft | None:
        """A number asked for that no target states: answer from sentences
        only if they carry a figure, else say the documents give none rather
        than let a sentence without it pass for an answer."""
        draft = self.general(ctx)
        units = asked_units(ctx.query.text)
        duration = bool(DURATION_ASKED.search(ctx.query.text))
        if draft is None or any(states_a_figure(c.quote, units, duration) for c in draft.citations):
            return draft
        text = "The documents give no such figure, so this cannot be answered from them." if ctx.query.english \
            else "现有文件没有给出这一数字，无法依据文件作答。"
        return Draft(text, [], [], answerable=False)

    # ------------------------------------------------------------ support

    def eligibility(self, ctx: Context) -> Draft | None:
        """Policy cards for the enterprise the question describes, from the
        same records as the 政策匹配 form, so chat and form agree: the best
        few, and how many more there are."""
        profile = eligibility.profile_from_text(ctx.query.text)
        cards = self.pick_cards(profile, ctx)
        if profile.qualifications and not any(c.scope == "specific" for c in cards):
            cards = []  # measures for everyone do not answer "what is there for <this applicant>"
        shown = [c for c in cards if f"{c.source.doc}#{c.source.section}" in self.by_label][:self.chat_cards]
        if not shown and not profile.is_empty:  # who or what was named, and nothing fits: say so
            return Draft(self.no_cards(profile, ctx.query.english), [], [], answerable=False)
        if not shown:
            return None
        english = ctx.query.english
        lines = [self.card_line(n, c, english, focus=maximal(ctx.query.topic_tokens)) for n, c in enumerate(shown, 1)]
        if asked_units(ctx.query.text) & MONEY_UNITS and not any(states_a_figure(a, MONEY_UNITS) for c in shown for a in c.amounts):
            # "能拿多少万元": measures that state no sum do not answer it
            head = ("The documents state no amount for this; related measures (none states a sum):" if english else
                    "现有文件没有写明这项支持的具体金额，无法依据文件作答。以下措施可能相关（均未写明金额），仅供参考：")
            return Draft(head + "\n" + "\n".join(lines), [], [], answerable=False)
        citations = [Citation(s.doc, s.section, s.title, s.quote) for c in shown for s in c.sources[:1]]
        sections = [self.by_label[f"{c.source.doc}#{c.source.section}"] for c in shown]
        head = self.cards_head(profile, len(shown), len(cards), english)
        return Draft(head + "\n" + "\n".join(lines), citations, unique_sections(sections))

    @staticmethod
    def no_cards(profile: "eligibility.Profile", english: bool) -> str:
        if english:
            who = ", ".join(map(english_term, profile.qualifications)) or "this applicant"
            what = ", ".join(map(english_term, profile.needs))
            return (f"The documents list no support measure for {who}" + (f" concerning {what}" if what else "")
                    + ", so this cannot be answered from them.")
        return f"现有文件中没有适用于{profile.describe_zh()}的支持措施，无法依据文件作答。"

    @property
    def chat_cards(self) -> int:
        return min(CHAT_CARDS, self.settings.max_measures)

    def card_line(self, n: int, card: PolicyCard, english: bool, focus: list[str] = ()) -> str:
        """A card in the chat answer, its measure abridged around what the question asks (`focus`)."""
        section = self.by_label[f"{card.source.doc}#{card.source.section}"]
        if focus and card.summary.endswith("…"):
            card = replace(card, summary=eligibility.summary(card.measure, focus))
        if english:
            return english_card(n, card) + mark(section)
        facts = [("金额/比例", "；".join(card.amounts)), ("条件", "；".join(card.conditions)),
                 ("咨询", office_text(card)), ("匹配", "；".join(card.why))]
        detail = "；".join(f"{k}：{v}" for k, v in facts if v)
        kinds = "、".join(card.support_types[:2]) or "支持措施"
        return f"{n}. 【{kinds}】{card.summary}" + (f"（{detail}）" if detail else "") + mark(section)

    @staticmethod
    def cards_head(profile: "eligibility.Profile", shown: int, total: int, english: bool) -> str:
        more = total - shown
        if english:
            who = ", ".join(english_term(q) for q in profile.qualifications) or "enterprises"
            extra = f" ({more} more in the Policy matching tab)" if more > 0 else ""
            return f"Support measures for {who} in the documents{extra}:"
        who = "、".join(profile.qualifications) or "企业"
        extra = f"另有 {more} 项可在“政策匹配”中查看" if more > 0 else f"共 {total} 项"
        return f"根据现有文件，{who}可关注以下 {shown} 项支持措施（{extra}）："

    def pick_cards(self, profile: "eligibility.Profile", ctx: Context) -> list[PolicyCard]:
        """Profile matches when the question names who is asking or what they
        need; otherwise the measures of the retrieved sections. Either way,
        better fits first, then measures of well-retrieved sections that
        share the question's topic, then those that state an amount."""
        rank_of = {h.section.label_key: r for r, h in enumerate(ctx.hits)}
        if profile.is_empty:
            pool = [eligibility.Matched(m, "general", (m.support_types or [eligibility.OTHER_SUPPORT])[0], (0,))
                    for m in self.index.measures if f"{m.doc}#{m.section}" in rank_of]
        else:
            result = eligibility.match(self.index.measures, profile, self.index.sections)
            pool = result.specific + result.general
        if ctx.docs:
            pool = [m for m in pool if m.measure.doc in ctx.docs]
        tokens = ctx.query.topic_tokens
        said = " ".join(profile.qualifications + profile.needs + profile.industry + profile.location)
        # `有没有钱补` asks for money: measures that give money, relief or credit first.
        money = any(form in ctx.query.text for form in eligibility.MONEY_QUESTIONS)
        # `最高能贷多少`, `能拿多少万元` ask for a sum: a measure stating one answers, a share does not.
        asks_sum = bool(asked_units(ctx.query.text) & MONEY_UNITS)

        def key(item: tuple[int, "eligibility.Matched"]):
            position, matched = item
            measure = matched.measure
            rank = rank_of.get(f"{measure.doc}#{measure.section}", len(ctx.hits) + 5)
            # Length-normalised, as in BM25: a sentence listing every policy
            # mentions every topic but answers none of them specifically.
            topic = self.evidence.sentence_score(tokens, measure.measure) / (1.0 + len(measure.measure) / 200)
            if asks_sum:
                amount = 1.0 if states_a_figure(measure.measure, MONEY_UNITS) else 0.0
            else:
                amount = 0.3 if eligibility.amounts(measure.measure) else 0.0
            pays = 1.0 if money and measure.support_types[:1] and measure.support_types[0] in MONEY_TYPES else 0.0
            return (matched.rank[:1], -pays, -topic - 2.0 / (1 + rank) - amount, position)

        ordered = [m for _, m in sorted(enumerate(pool), key=key)]
        for matched in ordered:
            words = [t for t in maximal(tokens) if len(t) > 1 and t in matched.measure.measure and t not in said][:3]
            if words:
                matched.why = matched.why + [f"问题：{'、'.join(words)}"]
        return eligibility.cards_of(ordered, self.offices)

    # ------------------------------------------------------------ references

    def reference(self, ctx: Context) -> Draft | None:
        """The documents a task or the whole plan is based on: the retrieved
        sections' references, and the preamble, where plans name their basis."""
        tokens = ctx.query.topic_tokens
        rank_of = {h.section.key: r for r, h in enumerate(ctx.hits[:5])}
        sections = [h.section for h in ctx.hits[:5]] + [s for s in self.index.sections if s.kind == "preamble"]
        best: tuple[float, Section, str, list[str]] | None = None
        for section in unique_sections(sections):
            for sentence in split_sentences(body_text(section)):
                refs = [r for r in section.references if r in sentence]
                if not refs:
                    continue
                score = self.evidence.sentence_score(tokens, sentence) + 1.0 / (1 + rank_of.get(section.key, 5))
                if best is None or score > best[0]:
                    best = (score, section, strip_item_prefix(sentence), refs)
        if best is None:
            return None
        _, section, sentence, refs = best
        text = f"依据的文件为{'、'.join(refs)}：{sentence}{mark(section)}"
        return Draft(text, [cite(section, sentence)], [section])

    # ------------------------------------------------------------ general

    def general(self, ctx: Context) -> Draft | None:
        """The sentences that best answer the question: lexical overlap with
        its topic plus their own dense similarity, from the retrieved
        sections and the best sentences anywhere."""
        if EFFECT_ASKED.search(ctx.query.text):
            found = self.in_force(ctx)
            if found:
                return found
        scored = self.rank_sentences(ctx)
        if not scored:
            return None
        if LIST.search(ctx.query.text):
            listed = self.list_answer(ctx, scored)
            if listed:
                return listed
        if PLACE_ASKED.search(ctx.query.text):
            scored = self.places_first(scored)
        best = scored[0][0]
        chosen: list[tuple[str, str, Section]] = []  # (text, quote as written, section)
        for score, sentence, section in scored:
            if score < best - 0.08 or len(chosen) == self.settings.max_sentences:
                break
            text = quote = self.with_next(sentence, section)
            said = " ".join(q for _, q, _ in chosen)
            if sentence in said or any(piece and piece in said for piece in split_sentences(text)):
                continue  # already said with a neighbour
            row = labelled_row(sentence, section.text) or self.row_under_earlier_header(sentence, section)
            if row:  # a table row reads as its columns' names and values
                text, quote = row
            chosen.append((text, quote, section))
        citations = [cite(section, quote) for _, quote, section in chosen]
        sections = [section for _, _, section in chosen]
        lines = []
        for text, quote, section in chosen:
            again = self.written_again(quote, section)
            if again:  # the same measure in the document's task table: cite both places
                other, sentence = again
                citations.append(cite(other, sentence))
                sections.append(other)
                text += f" (also in {other.label})" if ctx.query.english else f"（又见{other.label}）"
            lines.append(f"{text}{mark(section)}")
        return Draft("\n".join(lines), citations, unique_sections(sections))

    def row_under_earlier_header(self, sentence: str, section: Section) -> tuple[str, str] | None:
        """A row of this section read with the header of its table, which stands in an
        earlier section when the outline cut the table at its category rows; the row
        itself must be this section's (an earlier line holding the same words is not)."""
        earlier = "\n".join(s.text for s in self.of_doc.get(section.doc, []) if s.start <= section.start)
        row = labelled_row(sentence, earlier)
        return row if row and row[1] in section.text else None

    def list_answer(self, ctx: Context, scored: list[tuple[float, str, Section]]) -> Draft | None:
        """A list question's answer: the numbered items of the section it names by
        heading, or the sections of the chapter it names."""
        # the list a question names by its heading, in the best sentence's section or a top one
        for section in unique_sections([scored[0][2]] + [h.section for h in ctx.hits[:3]]):
            if len(section.items) >= 2 and self._names_title(ctx.query, section):
                return self.enumerate_items(section)
        # or a chapter named by its heading (保障措施从哪几个方面): its sections are the list
        docs = ctx.docs or list(dict.fromkeys([h.section.doc for h in ctx.hits] + list(self.of_doc)))
        chapters = [c for doc in docs for c in self.of_doc.get(doc, [])
                    if c.kind == "chapter" and self._names_title(ctx.query, c)]
        named = [(c, parts) for c in chapters
                 if len(parts := [s for s in self.of_doc[c.doc] if s.kind == "section" and s.chapter == c.chapter]) >= 2]
        named = named[:MAX_CHAPTERS]
        if named:  # each document's chapter of that name (保障措施 is in most plans), best-ranked first
            drafts = [self.enumerate_chapter(c, parts) for c, parts in named]
            several = len({c.doc for c, _ in named}) > 1  # alike marks (〔七、保障措施〕): named here
            text = "\n".join(name_documents(d.text, d.sections[:1]) if several else d.text for d in drafts)
            return Draft(text, [c for d in drafts for c in d.citations], [s for d in drafts for s in d.sections])
        return None

    def places_first(self, scored: list[tuple[float, str, Section]]) -> list[tuple[float, str, Section]]:
        """For a question asking where (哪个镇, 在哪里): of the sentences that answer about
        as well as the best, those naming a place come first, taking the best one's score."""
        best = scored[0][0]
        near = [c for c in scored if c[0] >= best - PLACE_BAND]
        placed = [c for c in near if self.places(c[1])]
        if not placed or placed[0] is near[0]:
            return scored
        rest = [c for c in scored if c not in placed]
        return [(best, sentence, section) for _, sentence, section in placed[:1]] + placed[1:] + rest

    @cached_property
    def places(self) -> PlaceFinder:
        """The corpus's place names (a town also by its bare name: 神湾), found on first use."""
        return PlaceFinder.from_texts([s.text for s in self.index.sections])

    def written_again(self, sentence: str, section: Section) -> tuple[Section, str] | None:
        """Where the same document says the same thing again in another part
        (a measure and its row in the 任务分工表 appended as 附件, or its 专栏);
        not a law's article repeating another's wording (a duty, then its penalty)."""
        if len(sentence) < 15:
            return None
        for other in self.of_doc.get(section.doc, []):
            if other.key == section.key or other.kind == section.kind == "article":
                continue
            for i in self.sentences_of.get(other.key, []):
                text = self.index.sentences[i].text
                if len(text) >= 15 and eligibility.same_measure(sentence, text):
                    return other, text
        return None

    def in_force(self, ctx: Context) -> Draft | None:
        """When the document asked about takes effect: its own `自…起施行`
        sentence, from the document the question names, else the best-ranked
        document that has one."""
        docs = list(dict.fromkeys(ctx.docs or [h.section.doc for h in ctx.hits]))
        for doc in docs:
            for section in reversed(self.of_doc.get(doc, [])):
                for sentence in split_sentences(body_text(section)):
                    if IN_FORCE.search(sentence):
                        return Draft(f"{sentence}{mark(section)}", [cite(section, sentence)], [section])
        return None

    def _names_title(self, query: Query, section: Section) -> bool:
        """Whether the question names the section's heading (三个战略定位 -> （二）战略定位).
        The rest of its topic may only say whose list it is (中山国家自创区, the document's
        own subject, abbreviated or not) and how long (三个, 六大)."""
        title_tokens = [t for t in tokenize(section.title) if len(t) > 1]
        if not title_tokens or self.evidence.coverage(title_tokens, query.text) < 0.6:
            return False
        topic = [t for t in query.topic_tokens if not COUNTED.match(t) and not in_order(t, section.doc)]
        return not topic or self.evidence.coverage(topic, section.title) >= 0.5

    def with_next(self, sentence: str, section: Section) -> str:
        """A short sentence (`全力打造“一区三中心”。`) usually announces what the
        next one spells out, and a list (`支持以下活动：（一）…；（二）…；`) runs on
        until its last item, its items completing the lead-in (`…处5万元以下的罚款：`):
        keep them together."""
        units = [self.index.sentences[i].text for i in self.sentences_of.get(section.key, [])]
        position = units.index(sentence) if sentence in units else -1
        if position < 0:
            return sentence
        text = sentence
        # an item of a list reads with the lead-in it completes, and the items before it
        start = _after_earlier_clauses(units, position)
        if start > 0 and units[start - 1].endswith(("：", ":")):
            # the lead-in, with the clauses of its sentence before it (…罚款；情节严重的，…：)
            lead = _after_earlier_clauses(units, start - 1)
            text = "".join(units[lead:position]) + text
        if len(sentence) < 25 and position < len(units) - 1 and \
                _flat(sentence + units[position + 1]) in _flat(section.text):
            # (not across a numbered item's start: `…超过60家。` then `2．创新人才培养模式。`)
            position += 1
            text += units[position]
        while text.endswith(LIST_CONTINUES) and position < len(units) - 1 and len(text) < MAX_LIST_CHARS:
            position += 1
            text += units[position]
        return text

    def enumerate_items(self, section: Section) -> Draft:
        """A list question answered with the heads of the section's numbered items."""
        heads = [item_head(item) for item in section.items]
        text = "包括：" + "；".join(f"{n}. {h}" for n, h in enumerate(heads, 1)) + f"。{mark(section)}"
        return Draft(text, [cite(section, "；".join(heads))], [section])

    @staticmethod
    def enumerate_chapter(chapter: Section, parts: list[Section]) -> Draft:
        """A list question about a chapter: its opening sentence, where chapters say
        what they cover, and the headings of its sections."""
        opening = next(iter(split_sentences(body_text(chapter))), "")
        heads = "；".join(f"{s.label}{s.title}" for s in parts)
        text = (f"{opening}{mark(chapter)}\n" if opening else "") + f"包括：{heads}。{mark(chapter)}"
        return Draft(text, [cite(chapter, opening or heads)] + [cite(s, s.title) for s in parts], [chapter] + parts)

    def rank_sentences(self, ctx: Context) -> list[tuple[float, str, Section]]:
        tokens = ctx.query.topic_tokens or ctx.query.tokens
        total = sum(self.evidence.weight(t) for t in dict.fromkeys(tokens)) or 1.0
        rank_of = {h.section.key: r for r, h in enumerate(ctx.hits[:5])}
        pool = set(np.argsort(-ctx.sentence_sims)[:10].tolist())
        pool |= {i for key in rank_of for i in self.sentences_of.get(key, [])}
        scored = []
        for i in pool:
            unit = self.index.sentences[i]
            section = self.by_key[unit.section_key]
            if ctx.docs and section.doc not in ctx.docs:
                continue  # the question named its documents: no sentence from another
            lexical = self.evidence.sentence_score(tokens, unit.text) / total
            rank_bonus = 0.1 / (1 + rank_of[unit.section_key]) if unit.section_key in rank_of else 0.0
            scored.append((lexical + 3.0 * float(ctx.sentence_sims[i]) + rank_bonus, unit.text, section))
        scored.sort(key=lambda c: -c[0])
        return scored
