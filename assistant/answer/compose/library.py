"""The index as composers read it: sections by key and label, each document's
sections and each section's sentences in reading order, the figures each
sentence states (read at index time), task-table rows, and the sentence
ranking every extractive answer starts from."""

from __future__ import annotations


import dataclasses
import re
from collections.abc import Callable
from itertools import takewhile

import numpy as np

from assistant import eligibility
from assistant.answer import english
from assistant.answer.intents import maximal
from assistant.answer.check import kinds_checked
from assistant.lexicon.tags import in_order
from assistant.answer.compose.draft import (CHAT_CARDS, COUNTED, Context, LIST_CONTINUES, MAX_LIST_CHARS, UNIT_KINDS, _after_earlier_clauses, _flat)
from assistant.answer.plan import AskedPart, QueryPlan as Query, own_words
from assistant.ingest.unit_notes import TableRow, labelled_row
from assistant.models import Citation, Section
from functools import cached_property, lru_cache

from assistant.answer.evidence import Evidence
from assistant.answer.targets import years_covered
from assistant.eligibility.places import PlaceFinder
from assistant.index.build import LoadedIndex
from assistant.index.chunking import announces_list, heads_items, is_question
from assistant.index.lexical import FILLERS, tokenize
from assistant.ingest.figures import strip_item_prefix
from assistant.ingest import labels
from assistant.ingest.definitions import listed_members, read_definition
from assistant.lexicon.tags import word_frequency
from assistant.ingest.quantities import PERIOD_KINDS, Quantity
from assistant.ingest.rulings import (ANSWERING, Polarity, Ruling, act_terms, case_and_rest, continues_clause,
                                      continues_sentence, is_party, refers_back, same_act)
from assistant.ingest.roles import units_in_text
from assistant.ingest.unit_notes import noted_measures, rows_by_section
from assistant.lexicon import load as lexicon
from assistant.settings import Settings

# how a sentence ends: a line ending otherwise is a heading (（1）公共账户), or cut before its end
SENTENCE_ENDS = ("。", "；", ";", "：", ":", "？", "?", "！", "!")

# 委托, 特别事项, 除外: the documents' words for a special case (the words a question asks it by are the
# parser's: QueryPlan.cases_asked)
SPECIAL_CASES = {e.name: e.forms for e in lexicon("special_cases")}


NOT_DONE = re.compile(r"[不未拒]")  # (a case of an act not done: 不听劝阻的, 逾期未缴纳的, 拒不改正的)
_CITED_ARTICLE = re.compile(rf"{labels.ARTICLE}|{labels.PARAGRAPH}")  # (依照…第四十三条…的规定: a rule cited)


class Library:
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
        for doc, sections in self.of_doc.items():  # (a table's header may open it in an earlier section)
            for i, row in rows_by_section([s.text for s in sections]):
                self.task_rows.setdefault(doc, []).append((row, sections[i]))
            for section in sections:
                for row in noted_measures(section.text.split("\n")):
                    self.task_rows.setdefault(doc, []).append((row, section))
        self.years = years_covered(index.sections)  # doc -> the years its targets are set for
        self.offices = eligibility.Offices(index.sections)
        # Positions of each section's sentences in the sentence store, in reading order.
        self.sentences_of: dict[str, list[int]] = {}
        kinds: dict[str, list[int]] = {}  # figure kind -> the sentences stating one
        for i, unit in enumerate(index.sentences):
            self.sentences_of.setdefault(unit.section_key, []).append(i)
            for kind in {q.kind for q in unit.quantities}:
                kinds.setdefault(kind, []).append(i)
        self.by_kind = {kind: np.array(positions, dtype=np.int64) for kind, positions in kinds.items()}
        # a preamble's lines before its first sentence (the document's title, its 文号, a date) name the document;
        # they state nothing a question asks
        self.title_lines = {i for key, positions in self.sentences_of.items() if self.by_key[key].kind == "preamble"
                            for i in takewhile(lambda i: not index.sentences[i].text.endswith(SENTENCE_ENDS), positions)}
        self.position_of = {(u.section_key, u.text): i for i, u in enumerate(index.sentences)}
        # sections headed by the kind of thing a rule is for (四、不适用…政策的行业), the heading their items' lead-in (the
        # index's first sentence of the section), each item a case of its rule
        self.ruling_heads = {s.key for s in index.sections if heads_items(s) and not announces_list(s.title)}
        self.lead_of: dict[int, int] = {}  # a list item's sentence -> the lead-in it completes (…不得扣除：)
        for key, positions in self.sentences_of.items():
            units = [index.sentences[i].text for i in positions]
            items = {strip_item_prefix(line) for line in self.by_key[key].items}
            for n, i in enumerate(positions):
                start = _after_earlier_clauses(units, n, most=len(units))  # (however long the list)
                if start > 0 and units[start - 1].endswith(("：", ":")):
                    self.lead_of[i] = positions[start - 1]
                elif units[n] in items:  # a numbered item ending 。, under the lead-in its items follow
                    first = next(m for m in range(n, -1, -1) if m == 0 or units[m - 1] not in items)
                    if first > 0 and (announces_list(units[first - 1]) or first == 1 and key in self.ruling_heads):
                        self.lead_of[i] = positions[first - 1]
            self._items_under_their_lead(positions)
        # a clause that names its subject only through the clause before it in the sentence (超过部分，准予…)
        # -> that clause
        self.continued: dict[int, int] = {}
        for positions in self.sentences_of.values():
            for before, i in zip(positions, positions[1:]):
                text, earlier = index.sentences[i].text, index.sentences[before].text
                if i not in self.lead_of and (earlier.endswith(("；", ";")) and continues_clause(text)
                                              or continues_sentence(text)):
                    self.continued[i] = before
        self.answers = self._answers(index)
        # the definitions the documents state, by sentence, and by the article whose term each explains
        self.definition_of = {(u.section_key, u.text): u.definition for u in index.sentences if u.definition}
        self.rulings_of = {(u.section_key, u.text): u.rulings for u in index.sentences if u.rulings}
        # what each sentence carves out of its rule (不包括港、澳、台地区), by sentence
        self.exclusions_of = {(u.section_key, u.text): u.exclusions for u in index.sentences if u.exclusions}
        self.kind_of = self._kinds_listed(index, settings)
        self.explained_by: dict[str, list[tuple[str, Section]]] = {}  # article key -> its terms' definitions
        for unit in index.sentences:
            rule = self.rule_section(unit.definition, self.by_key[unit.section_key]) if unit.definition else None
            if rule is not None:
                self.explained_by.setdefault(rule.key, []).append((unit.text, self.by_key[unit.section_key]))
        # the penalties for breaching each article (violations named by article), by the article's key
        self.penalties_of: dict[str, list[tuple[str, Section]]] = {}
        for unit in index.sentences:
            where = self.by_key[unit.section_key]
            for article in unit.enforces:
                duty = self.article_of(where.doc, article)
                if duty is not None and duty.key != where.key:
                    self.penalties_of.setdefault(duty.key, []).append((unit.text, where))
        self.penalty_sentences = {(where.key, text) for found in self.penalties_of.values() for text, where in found}
        # each sentence's document, once, so a question's figure pool is filtered without a loop
        self.doc_of = np.array([self.by_key[u.section_key].doc for u in index.sentences], dtype=object)

    def quantities_in(self, citation: Citation) -> list[Quantity]:
        """The figures of a quoted text, as the index read them from its sentences."""
        section = self.by_label.get(f"{citation.doc}#{citation.section}")
        keys = [section.key] if section else []
        found = []
        for i in (i for key in keys for i in self.sentences_of.get(key, [])):
            unit = self.index.sentences[i]
            if unit.text in citation.quote:
                found += unit.quantities
            elif citation.quote in unit.text:
                found += [q for q in unit.quantities if q.text in citation.quote]
        return found

    @cached_property
    def doc_texts(self) -> dict[str, str]:
        """doc -> its sections' text, in reading order."""
        return {doc: "\n".join(s.text for s in sections) for doc, sections in self.of_doc.items()}

    @cached_property
    def _stating(self) -> dict[str, dict[str, list[int]]]:
        found: dict[str, dict[str, list[int]]] = {}
        for i, unit in enumerate(self.index.sentences):
            for kind in unit.states:
                found.setdefault(kind, {}).setdefault(self.doc_of[i], []).append(i)
        return found

    def stating(self, kind: str) -> dict[str, list[int]]:
        """doc -> its sentences stating a kind of answer, as the index read them: whom the whole document
        applies to (scope: 本通知适用于…的居民企业), why it was made (purpose: 为了…，制定本条例)…"""
        return self._stating.get(kind, {})

    def kinds_stated(self, citation: Citation) -> set[str]:
        """The other kinds of answer a quoted text states (a time, a website…), as the index read
        them from its sentences."""
        section = self.by_label.get(f"{citation.doc}#{citation.section}")
        found: set[str] = set()
        for i in self.sentences_of.get(section.key, []) if section else []:
            unit = self.index.sentences[i]
            if unit.text in citation.quote or citation.quote in unit.text:
                found.update(unit.states)
        return found

    def states_figure(self, citation: Citation, units: set[str], duration: bool = False) -> bool:
        """Whether a quote states a figure: a duration when one is asked, a figure in the
        unit asked (几家: a count of 家; 多少万元: a sum), else any figure but a date or year."""
        stated = [q for q in self.quantities_in(citation) if q.kind not in ("date", "month", "year")]
        if duration:  # (多久一次: how often, the period between)
            return any(q.kind in PERIOD_KINDS for q in stated)
        kinds = {kind for unit in units for kind, kind_units in UNIT_KINDS.items() if unit in kind_units}
        if kinds:
            return any(q.kind in kinds for q in stated)
        if units:
            return any(q.unit in units or q.unit.lstrip("万亿") in units for q in stated)
        return any(q.kind != "duration" for q in stated)

    def provision(self, citation: Citation, query: Query) -> english.Provision:
        """A quote as an English summary reads it: its figures, the bodies its own sentences make
        lead or responsible (else its section's unit line), and the question's phrases it holds."""
        section = self.by_label.get(f"{citation.doc}#{citation.section}")
        named = units_in_text(citation.quote)
        owner = self.owner_of(section) if section is not None and named is None else None
        lead, shared = (named.lead, named.responsible) if named else \
            (owner.lead_units, owner.responsible_units) if owner else ([], [])
        topics = [(phrase, next(w for w in group if self.evidence.occurs(w, citation.quote)))
                  for phrase, group in zip(query.phrases, query.alternatives)
                  if any(self.evidence.occurs(w, citation.quote) for w in group)]
        target = section is not None and any(t.sentence and t.sentence in citation.quote for t in section.targets)
        return english.Provision(citation, self.quantities_in(citation), list(lead), list(shared), topics, target)

    def values_stated(self, sections) -> set[tuple[str, float]]:
        """(unit, value) of every figure the sections' sentences state, as the index read them."""
        return {(q.unit, q.value) for s in sections for i in self.sentences_of.get(s.key, [])
                for q in self.index.sentences[i].quantities}

    def sentence_quantities(self, sentence: str, section: Section) -> list[Quantity]:
        return self.quantities_in(Citation(section.doc, section.label, "", sentence))

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

    @property
    def chat_cards(self) -> int:
        return min(CHAT_CARDS, self.settings.max_measures)

    def row_under_earlier_header(self, sentence: str, section: Section) -> tuple[str, str] | None:
        """A row of this section read with the header of its table, which stands in an
        earlier section when the outline cut the table at its category rows; the row
        itself must be this section's (an earlier line holding the same words is not)."""
        earlier = "\n".join(s.text for s in self.of_doc.get(section.doc, []) if s.start <= section.start)
        row = labelled_row(sentence, earlier)
        return row if row and row[1] in section.text else None

    def subject_text(self, sections: list[Section]) -> str:
        """The cited sections whole, headings with them: what a figure answer's subject is judged on (a
        quote stating the figure may leave the case to its article's other sentences)."""
        return "\n".join(s.breadcrumb + "\n" + s.text for s in sections).lower()

    def topic_share(self, query: Query, text: str, found: Callable[[str, str], bool] | None = None,
                    beyond: str = "") -> float:
        """How much of the question's IDF-weighted topic a text holds (an English question: of its
        words' translations, any alternative of each counting); `found` as in Evidence.coverage. Words
        naming the document `beyond` (石城县…考核细则, 安阳市…供水条例) say where to look, not which of its
        provisions: they count for nothing unless they are all the topic."""
        if query.english:
            return self.evidence.coverage_of_any(query.alternatives, text, found)
        topic = [t for t in query.topic_tokens if not in_order(t, beyond)] if beyond else []
        return self.evidence.coverage(topic or query.topic_tokens, text, found)

    def unsaid_parts(self, query: Query, said: list[str], answers: Callable[[AskedPart, str], bool] | None = None):
        """Each part of a question asking one thing of several at once (A和B分别…) that none of the texts said so far
        names (all its own words) and, with `answers`, answers (a figure of the part's kind); with those words.
        `said` is read as the caller adds to it."""
        for part in query.parts if len(query.parts) > 1 else []:
            own = own_words(query, part)
            if own and not any(all(self.evidence.mentions(t, s) for t in own) and (answers is None or answers(part, s))
                               for s in said):
                yield part, own

    def task_candidates(self, ctx: Context) -> list[int]:
        """Sentences that may name the task a who-question asks: those of the top sections, and those
        nearest the question in the top sections' documents (a 预案's member-duty list ranked sixth)."""
        n = self.settings.task_sentence_hits
        found = [i for h in ctx.hits[:n] for i in self.sentences_of.get(h.section.key, [])]
        docs = {h.section.doc for h in ctx.hits[:n]}
        if len(ctx.sentence_sims):
            near = [i for i in np.argsort(-ctx.sentence_sims)[:n * 4].tolist() if self.doc_of[i] in docs]
            found += [i for i in near if i not in found]
        return found

    def of_earlier_topic(self, query: Query, text: str) -> bool:
        """Whether a text speaks of some of the earlier question's topic a follow-up leans on (none to lean on:
        it does): a figure or a ruling for a follow-up is about what the conversation is about."""
        return not query.context_tokens or self.evidence.coverage(query.context_tokens, text) > 0

    def best_sentence_share(self, query: Query, section: Section) -> float:
        """The most of the question's topic one sentence of a section holds, its heading counted as
        one: whether the section says the thing asked in one place, not in words spread over it."""
        texts = [section.breadcrumb] + self.texts_of(section)
        return max(self.topic_share(query, text) for text in texts)

    def about_subject(self, query: Query, sentence: str, section: Section) -> bool:
        """Whether a sentence (with its headings) writes enough of the question's subject in the question's
        own words (Settings.figure_subject_coverage; no full-form reading, 高职 for 高等职业, as the sentence
        stands further from the best) for the figure it states to be the subject's, not another case's."""
        text = f"{section.breadcrumb}\n{sentence}".lower()
        return bool(query.subject) and self.evidence.coverage(
            query.subject, text) >= self.settings.figure_subject_coverage

    def special_case(self, sentence: str, section: Section, query: Query) -> bool:
        """Whether the sentence states a special case or an exception (委托, 特别事项, 除外 in it or in its
        section's title: lexicon/special_cases.toml) that the question does not ask about itself."""
        return any(any(m in sentence or m in section.title for m in markers)
                   for name, markers in SPECIAL_CASES.items() if name not in query.cases_asked)

    def defines(self, sentence: str, query: Query) -> bool:
        """Whether the sentence defines what the question is about (`所称X，是指…`, `X是指…`)."""
        found = read_definition(sentence)
        # the term, what follows 所称 (企业所得税法第三十一条所称抵扣应纳税所得额 defines 抵扣应纳税所得额,
        # not 企业所得税), holds most of the question's topic in whole words (所得 is no definition of
        # 所得税; 小微企业所得税 asks of 小微, not of any 所得税 term)
        defined = found.term if found else ""
        for full, short in self.offices.abbreviations.items():  # 研究开发费用 (以下简称研发费用)
            defined = defined.replace(full, short)
        words = maximal(query.topic_tokens)
        return bool(defined and words) and self.evidence.coverage(words, defined) >= self.settings.min_topic_coverage

    def defines_kind(self, sentence: str, section: Section, kind: str) -> bool:
        """Whether the sentence defines the kind a question asks its thing to be (所称固定资产，是指… for 算固定资产吗;
        零散工业废水 for 算不算东莞说的零散工业废水): a term it defines is written in the kind asked."""
        found = self.definition_of.get((section.key, sentence))
        return found is not None and self._of_kind(found, kind)

    def docs_defining(self, kind: str) -> list[str]:
        """The documents defining the kind a question asks its thing to be (本法所称居民企业，是指… for 算不算居民
        企业): those whose word decides what belongs to it."""
        return list(dict.fromkeys(self.by_key[key].doc for (key, _), found in self.definition_of.items()
                                  if self._of_kind(found, kind)))

    def _of_kind(self, definition, kind: str) -> bool:
        """Whether a definition defines a term written in the kind asked."""
        members = [m for m in definition.members if len(m) > 1]
        for full, short in self.offices.abbreviations.items():  # 研究开发费用 (以下简称研发费用)
            members = [m.replace(full, short) for m in members]
        return any(m in kind for m in members)

    def asks_of(self, definition, query: Query) -> bool:
        """Whether the question writes the defined term, or one of the terms it defines together (most of
        its words: 赞助支出 in 这笔赞助支出可以扣除吗; 合伙企业 of 个人独资企业、合伙企业)."""
        asked = " ".join(query.tokens)
        for member in definition.members:
            words = [t for t in tokenize(member) if len(t) > 1]
            if words and self.evidence.coverage(words, asked) >= self.settings.term_asked_coverage:
                return True
        return False

    def article_of(self, doc: str, label: str) -> Section | None:
        """The document's article of that label, however either writes its number (第18条, 第十八条)."""
        wanted = labels.key(label)
        return next((s for s in self.of_doc.get(doc, []) if s.kind == "article"
                     and labels.key(s.written_label or s.label) == wanted), None)

    def rule_section(self, definition, where: Section) -> Section | None:
        """The article a definition explains a term of (企业所得税法第十条所称赞助支出 -> that law's 第十条):
        in the document the definition names (by its title's end: 中华人民共和国企业所得税法), or its own
        (本法, 本条例); None when it names no article or the corpus lacks the document."""
        if not definition.article:
            return None
        law = definition.law
        docs = [where.doc] if not law or law.startswith("本") else \
            [d for d in self.of_doc if law.endswith(d.removeprefix("中华人民共和国")) and d != where.doc]
        found = (self.article_of(doc, definition.article) for doc in sorted(docs, key=len, reverse=True))
        return next((section for section in found if section is not None), None)

    def rule_quotes(self, definition, section: Section) -> list[str]:
        """What the article a term is defined for says of it: the sentence using the term, or a list item
        naming it (（六）赞助支出；) read with the lead-in it completes and the items before it."""
        units = self.texts_of(section)
        using = next((u for u in units if any(m in u for m in definition.members)), None)
        if using is not None:
            return [using]
        lines = [line.strip() for line in section.text.split("\n") if line.strip()]
        item = next((n for n, line in enumerate(lines) if any(m in line for m in definition.members)), None)
        lead = next((n for n in range(item - 1, -1, -1) if lines[n].endswith(("：", ":"))), None) \
            if item is not None else None
        if lead is None:
            return []
        opening = next((u for u in units if lines[lead].endswith(u)), lines[lead])  # (without the article's label)
        return [opening + "".join(lines[lead + 1:item + 1])]

    def lead_in(self, sentence: str, section: Section) -> str | None:
        """The lead-in a list item completes (下列无形资产不得计算摊销费用扣除：), None for no item."""
        lead = self.lead_of.get(self.position_of.get((section.key, sentence), -1))
        return None if lead is None else self.index.sentences[lead].text

    def _rulings(self, asked: Ruling, sentence: str, section: Section,
                 query: Query | None = None) -> tuple[set[Polarity], str]:
        """What the sentence — a list item through the lead-in it completes — rules on the act a yes/no
        question asks of (allowed or denied when asked 可以…吗, required or not when asked 需要…吗),
        and the text that says it."""
        lead = self.lead_in(sentence, section)
        rulings = self.rulings_of.get((section.key, sentence)) or \
            (self.rulings_of.get((section.key, lead), []) if lead else [])
        # an item under a heading that rules (四、不适用…政策的行业 / 2.住宿和餐饮业。) is the case it rules for, the
        # thing the question asks about (烟草厂的研发…)
        item_case = not self.rulings_of.get((section.key, sentence)) and self.under_ruling_head(sentence, section)
        if item_case:
            rulings = [dataclasses.replace(r, case=sentence) for r in rulings]
        found = {r.polarity for r in rulings if r.polarity in ANSWERING[asked.polarity] and same_act(r.act, asked.act)
                 and (query is None or self.case_stated(r.case, query, of_what_is_asked=item_case,
                                                        options=r.options if r.case else ())
                      and self.case_stated(r.qualifier, query, of_what_is_asked=True, options=r.options))}
        return found, f"{lead or ''}{sentence}"

    def under_ruling_head(self, sentence: str, section: Section) -> bool:
        """Whether the sentence is an item whose lead-in is its section's heading naming the kind of thing its items
        are (不适用税前加计扣除政策的行业): each item is one case of what the heading rules."""
        return section.key in self.ruling_heads and self.lead_in(sentence, section) == strip_item_prefix(section.title)

    def case_stated(self, case: str, query: Query, of_what_is_asked: bool = False,
                    options: tuple[str, ...] = ()) -> bool:
        """Whether the question states the case a rule is for (对划分不清的: a question about a supermarket does
        not), by the case's distinctive words (Settings.ruling_case_coverage); a rule for every case, yes.
        `of_what_is_asked`: the case qualifies the very thing asked about (基本农田保护范围内的耕地), so the
        question's words for that thing say it. A case listing alternatives (`options`: 承包经营、承包建设和
        内部自建自用) is stated by a question stating one of them."""
        if is_party(case):  # 受托方不得…: for that party only, however common its name
            return case in "".join(query.tokens)
        def terms(text: str) -> list[str]:
            return self._case_terms(text, query, of_what_is_asked)

        def stated(found: list[str]) -> bool:  # (in the question's words or the documents' words for them: 酒店 住宿)
            return self.evidence.coverage(found, " ".join(query.tokens + query.full_forms), self.evidence.mentions) \
                >= self.settings.ruling_case_coverage
        whole = terms(case)
        return not whole or stated(whole) or any((found := terms(option)) and stated(found) for option in options)

    def _case_terms(self, case: str, query: Query, of_what_is_asked: bool = False) -> list[str]:
        """The distinctive words of a case, less those of what is asked about (研发费用 in 已计入无形资产但不属于…
        研发费用范围的) and of the act asked."""
        asked = (set() if of_what_is_asked else set(query.subject)) | \
            set(tokenize(query.act_asked.act if query.act_asked else ""))
        # (the articles a case cites, 依照…第四十三条…的规定, name rules, not what the case is)
        return [w for w in tokenize(_CITED_ARTICLE.sub("", case)) if len(w) > 1 and w not in asked
                and self.evidence.idf.get(w, 0.0) >= self.settings.distinctive_idf]

    def case_departing(self, sentence: str, section: Section, query: Query) -> str:
        """A later sentence of the section opening with a case the question states, which the rule before it does
        not decide alone (…加5个百分点计算。 then 企业…提供有关资料的，可以只按…基准利率计算利息。); "" when none."""
        units = self.texts_of(section)
        if sentence not in units:
            return ""
        own, _ = case_and_rest(sentence)
        for later in units[units.index(sentence) + 1:]:
            case, _ = case_and_rest(later)
            # (the question's words for what it asks of count: 提供了同期资料 states 提供有关资料的)
            if case and case != own and self._case_terms(case, query, True) and self.case_stated(case, query, True):
                return later
        return ""

    def requires(self, sentence: str, section: Section, query: Query) -> bool:
        """Whether a sentence (or the lead-in its item completes) requires an act (企业应当提供…, 须报送…)
        of every case or of one the question states (接收学员实训的，应当…), not of another case only
        (违反规定的，应当依法承担责任: what a violator faces)."""
        read = self.with_lead(sentence, section)
        said = [text for text in self.texts_of(section) if text == sentence or read != sentence and text in read]
        return any(r.polarity == "required" and self.case_stated(r.case, query)
                   for text in said for r in self.rulings_of.get((section.key, text), []))

    def whole_lists(self, scored: list[tuple[float, str, Section]]) -> list[tuple[float, str, Section]]:
        """Each item of a list of what a party is to do (`assigns_list`) as the list: its lead-in, at the item's
        score, once (asked what a body's duties are, one duty of the list is a part of the answer; an item of a
        list of several bodies' tasks, （2）中国储备粮管理总公司负责…, is its own)."""
        out, seen = [], set()
        for score, sentence, section in scored:
            lead = self.lead_in(sentence, section)
            said = lead if lead is not None and self.assigns_list(lead, section) else sentence
            if (section.key, said) not in seen:
                seen.add((section.key, said))
                out.append((score, said, section))
        return out

    def assigns_list(self, sentence: str, section: Section) -> bool:
        """Whether the sentence is the lead-in of a list that follows it in its section and gives what a party is
        to do (…应当履行下列职责：, 办公室承担以下职责：), not what is denied or excepted (下列固定资产不得计算折旧扣除：)."""
        units = self.texts_of(section)
        return sentence.endswith(("：", ":")) and sentence in units and units.index(sentence) < len(units) - 1 \
            and not any(r.polarity in ("denied", "not_required") for r in self.rulings_of.get((section.key, sentence), []))

    def rules_on(self, asked: Ruling, sentence: str, section: Section) -> bool:
        """Whether the sentence allows, denies or requires the act asked at all, whatever it is about."""
        return bool(self._rulings(asked, sentence, section)[0])

    def rulings_against(self, asked: Ruling, polarity: Polarity, sentence: str, section: Section) -> bool:
        """Whether the sentence rules the other way on the act asked (准予扣除 against a 不得…扣除 verdict)."""
        return bool(self._rulings(asked, sentence, section)[0] - {polarity})

    def ruling_on(self, asked: Ruling, sentence: str, section: Section, query: Query,
                  whole_article: bool = False) -> Polarity | None:
        """The sentence's verdict on the act asked, when it is about the question's subject and all it
        says of that act agrees; None otherwise. `whole_article`: the sentence is read as part of its
        article, which is about the subject (…计价方法一经选用，不得随意变更 of 存货的成本计算方法)."""
        found, about = self._rulings(asked, sentence, section, query)
        if len(found) != 1:
            return None
        # 不得享受本条规定的…优惠 names what it rules on by its article: the article's words are its own
        acted_on = f"{about}\n{section.text}" if refers_back(about) else about
        # (what the article is about is what its sentence is about; what is ruled on is still the sentence's)
        topic = f"{about}\n{section.text}" if whole_article else acted_on
        found_in = self.evidence.occurs
        if self.under_ruling_head(sentence, section):
            # a heading ruling on a list names what it rules in its document's terms, short or full (不适用…
            # 加计扣除政策的行业, of the notice on 研究开发费用: a question on 研发费用)
            topic, found_in = f"{about}\n{section.text}\n{section.doc}", self.evidence.mentions
        subject = [w for w in query.subject if w not in asked.act]  # what the act is asked of, not the act
        if subject and self.evidence.coverage(subject, topic, found_in) < self.settings.ruling_subject_coverage:
            return None
        if not query.elliptical and not self.of_earlier_topic(query, about):
            return None  # 超出的部分以后还能扣吗？ after 职工福利费: a rule on another expense's excess decides nothing
        # an act asked with two distinctive things or more that it acts on, or when (在第三季度预缴申报时提前享受),
        # is decided by a rule writing one of them, not by one sharing only its verb (追溯享受)
        # (a word the documents never write is as distinctive as can be: no rule is about it)
        terms = [t for t in act_terms(asked.act) if self.evidence.idf.get(t, float("inf")) >= self.settings.distinctive_idf]
        if len(terms) >= 2 and not any(self.evidence.mentions(t, acted_on.lower()) for t in terms):
            return None
        return found.pop()

    def echoes(self, sentence: str, query: Query) -> bool:
        """Whether the sentence only says what the question already writes (a heading the question
        restates as its framing: 改善创新人才发展环境。): it answers nothing the asker does not know."""
        words = [t for t in tokenize(sentence) if len(t) > 1]
        return not query.english and bool(words) and \
            self.evidence.coverage(words, " ".join(query.tokens)) >= self.settings.echo_coverage

    def saying_more(self, scored: list[tuple[float, str, Section]], query: Query) -> list[tuple[float, str, Section]]:
        """`scored` with an echo of the question at its head giving way to the best sentence of the same
        section that says more: the echo shows where the answer is, not what it is. A list item is judged
        with the lead-in it completes: the item the question names (常规性升级) under 下列活动不适用…
        says what the question asks."""
        if not scored or not self.echoes(self.with_lead(scored[0][1], scored[0][2]), query):
            return scored
        section = scored[0][2]
        return self.preferred_first(scored, lambda sentence, where: where.key == section.key
                                    and not self.echoes(self.with_lead(sentence, where), query), band=float("inf"))

    def quoted_first(self, scored: list[tuple[float, str, Section]], query: Query) -> list[tuple[float, str, Section]]:
        """`scored` with the best sentence writing a term the question quotes (“直接投入费用”) first: the
        quotes say what the question is about."""
        if not query.quoted:
            return scored
        return self.preferred_first(scored, lambda sentence, _: any(term in sentence for term in query.quoted),
                                    band=float("inf"))

    def preferred_first(self, scored: list[tuple[float, str, Section]], fits,
                        band: float | None = None) -> list[tuple[float, str, Section]]:
        """Of the sentences answering about as well as the best (within `band`, the preferred
        band unless given), those that `fits` (a place named for a where-question, a figure of
        the kind asked) come first, taking the best one's score."""
        if not scored:
            return scored
        best = scored[0][0]
        near = [c for c in scored if c[0] >= best - (self.settings.preferred_band if band is None else band)]
        placed = [c for c in near if fits(c[1], c[2])]
        if not placed or placed[0] is near[0]:
            return scored
        rest = [c for c in scored if c not in placed]
        return [(best, sentence, section) for _, sentence, section in placed[:1]] + placed[1:] + rest

    @cached_property
    def condition_lists(self) -> list["eligibility.ConditionList"]:
        """Every list of qualifying conditions the corpus states (须同时满足以下条件), read once."""
        return eligibility.condition_lists(self.index.sections)

    @cached_property
    def _condition_lists_by_section(self) -> dict[tuple[str, str], list["eligibility.ConditionList"]]:
        found: dict[tuple[str, str], list["eligibility.ConditionList"]] = {}
        for c in self.condition_lists:
            found.setdefault((c.doc, c.section), []).append(c)
        return found

    def condition_lists_of(self, section: Section) -> list["eligibility.ConditionList"]:
        """The condition lists a section states, in reading order."""
        return self._condition_lists_by_section.get((section.doc, section.label), [])

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

    def names_title(self, query: Query, section: Section) -> bool:
        """Whether the question names the section's heading (三个战略定位 -> （二）战略定位).
        The rest of its topic may only say whose list it is (中山国家自创区, the document's
        own subject, abbreviated or not) and how long (三个, 六大)."""
        title_tokens = _heading_words(section.title)
        if not title_tokens or self.evidence.coverage(title_tokens, " ".join(query.tokens)) < 0.6:
            return False
        topic = [t for t in query.topic_tokens if not COUNTED.match(t) and not in_order(t, section.doc)]
        return not topic or self.evidence.coverage(topic, section.title) >= 0.5

    def names_heading_over(self, query: Query, section: Section, other: Section) -> bool:
        """Whether the question names the section's heading with words the other section never writes:
        the task asked by its name is this one, though the other shares more of the question's words."""
        said = " ".join(query.tokens)
        return self.names_title(query, section) and any(
            self.evidence.occurs(w, said) and not self.evidence.occurs(w, f"{other.title}\n{other.text}")
            for w in _heading_words(section.title))

    def texts_of(self, section: Section) -> list[str]:
        """The section's indexed sentences, in reading order."""
        return [self.index.sentences[i].text for i in self.sentences_of.get(section.key, [])]

    @staticmethod
    def _kinds_listed(index: LoadedIndex, settings: Settings) -> dict[str, str]:
        """What a definition says its term includes (经济林 -> 生产性生物资产), where the documents name it nowhere
        else: a question naming it asks of the term's rules, having none of its own (外购商誉 has its own article).
        An everyday word a definition lists (工具, 补贴) names too much else to stand for the term."""
        listed = {(member, u.definition.members[-1]): u.text for u in index.sentences if u.definition
                  for member in listed_members(u.text)
                  if word_frequency(member) < settings.everyday_word_frequency and member not in u.definition.term}
        everything = "\n".join(dict.fromkeys(u.text for u in index.sentences))  # (each sentence once, as the check was)
        return {member: term for (member, term), defining in listed.items()
                if everything.count(member) == defining.count(member)}

    def _beside(self, sentence: str, section: Section, step: int) -> str:
        """The sentence `step` places from this one in its section (-1 before, 1 after); "" at either end."""
        units = self.texts_of(section)
        if sentence not in units:
            return ""
        n = units.index(sentence) + step
        return units[n] if 0 <= n < len(units) else ""

    def leading_up(self, citation: Citation) -> str:
        """What a quote's section says before it (补偿费的计算方式为：… before 使用补偿系数n不得高于0.5%), which
        may name what the quote's figure is of; "" when the quote opens its section. Only from the last heading
        line before it (（1）公共账户): what an earlier part says (由公共账户和个人账户组成) is not of this part's figures."""
        section = self.by_label.get(f"{citation.doc}#{citation.section}")
        units = self.texts_of(section) if section else []
        # (where the quote starts: the longest sentence it opens with, not a short heading it repeats, 公共账户)
        opening = [n for n, unit in enumerate(units) if citation.quote.startswith(unit)]
        first = max(opening, key=lambda n: len(units[n]), default=None)
        if first is None:
            first = next((n for n, unit in enumerate(units) if unit in citation.quote), 0)
        start = max((n for n in range(first) if not units[n].endswith(SENTENCE_ENDS)), default=0)
        return "".join(units[start:first])

    def rule_before(self, sentence: str, section: Section) -> str:
        """The sentence before a case that it departs from (三包有效期…自开具购车发票之日起计算。 before 日期不一致的，
        自交付之日起计算), or the other case its sentence opens with (…期限内转让的，…；期限届满后转让的，…):
        a case is read against the rule or the case beside it. "" when the sentence states no case or stands first."""
        case, rest = case_and_rest(sentence)
        earlier = self._beside(sentence, section, -1) if case else ""
        if not earlier:
            return ""
        earlier_case, earlier_rest = case_and_rest(earlier)
        if earlier_case and earlier.endswith(("；", ";")) or not earlier_case and same_act(earlier_rest, rest):
            return earlier
        return ""

    def case_after(self, sentence: str, section: Section) -> str:
        """The sentence after a rule that says what follows when its act is not done (…应当及时劝阻。 then 对于不听
        劝阻的，应当及时举报。; 逾期不改正的, 拒不…的): it belongs with the rule. "" when the next sentence is no such case."""
        later = self._beside(sentence, section, 1)
        case, _ = case_and_rest(later)
        acts = [r.act for r in self.rulings_of.get((section.key, sentence), [])]
        return later if case and NOT_DONE.search(case) and any(same_act(case, act) for act in acts) else ""

    def with_lead(self, sentence: str, section: Section) -> str:
        """An item of a list with the lead-in it completes (and the items before it), as it reads."""
        units = self.texts_of(section)
        return self._with_lead(units, units.index(sentence), section) if sentence in units else sentence

    def _with_lead(self, units: list[str], position: int, section: Section) -> str:
        sentence = units[position]
        start = _after_earlier_clauses(units, position)
        if start > 0 and units[start - 1].endswith(("：", ":")):
            # the lead-in, with the clauses of its sentence before it (…罚款；情节严重的，…：)
            lead = _after_earlier_clauses(units, start - 1)
            return "".join(units[lead:position]) + sentence
        if (lead := self.lead_of.get(self.sentences_of[section.key][position])) is not None:
            # a numbered item under the heading or sentence announcing its list (下列活动不适用…。 5.市场调查…)
            written = self.index.sentences[lead].text
            skipped = units.index(written) < position - 1 if written in units else True
            return written + ("……" if skipped else "" if written.endswith(("。", "：", ":")) else "：") + sentence
        return sentence

    def _items_under_their_lead(self, positions: list[int]) -> None:
        """Each numbered item ((一)…, (三)…) under the lead-in its list opens with (…领取丧葬补助金、…和一次性工亡
        补助金：), though an item before it ran on in sentences of its own (…亲属。标准为：…。)."""
        leads: dict[str, int] = {}  # numbering style -> the lead-in of the list numbered so (lists nest)
        for n, i in enumerate(positions):
            unit = self.index.sentences[i]
            if unit.opens_item and unit.opens_item in leads:
                self.lead_of.setdefault(i, leads[unit.opens_item])
            following = self.index.sentences[positions[n + 1]] if n + 1 < len(positions) else None
            # (a lead-in ends with ：; or an item's head heads the list of another numbering that starts under it,
            # 1.直接投入费用。 over (1)…(2)…)
            if following is not None and following.opens_item and (unit.text.endswith(("：", ":")) or (
                    unit.opens_item and following.first_item and following.opens_item != unit.opens_item)):
                leads[following.opens_item] = i

    def items_led(self, sentence: str, section: Section) -> list[str]:
        """The items of the list a sentence leads in, or of the list its next sentence leads in when that one is a
        bare lead-in (…根据累计缴费的时间确定。具体划分为：（一）…)."""
        position = self.position_of.get((section.key, sentence))
        if position is None:
            return []
        own = self.sentences_of.get(section.key, [])
        leads = {position}
        if position + 1 in own and self.index.sentences[position + 1].text.endswith(("：", ":")):
            leads.add(position + 1)
        return [self.index.sentences[i].text for i in own if self.lead_of.get(i) in leads]

    def with_items_fitting(self, scored: list[tuple[float, str, Section]], fits) -> list[tuple[float, str, Section]]:
        """Each near-best sentence followed, at its score, by the items of the list it leads in that `fits`
        (the tier of a tiered rule the applicant's figures fall in): the item answers, though its own words
        (累计缴费时间满三年不足四年的为九个月) share less with the question than its lead-in does."""
        near = [c for c in scored if c[0] >= scored[0][0] - self.settings.preferred_band] if scored else []
        lifted = [(score, item, section) for score, sentence, section in near
                  for item in self.items_led(sentence, section) if fits(item, section)]
        if not lifted:
            return scored
        items = {(item, section.key) for _, item, section in lifted}
        rest = [c for c in scored if (c[1], c[2].key) not in items]
        return sorted(rest + lifted, key=lambda c: -c[0])

    def item_about(self, sentence: str, section: Section, words: list[str]) -> str | None:
        """Of the items under a lead-in, the one holding the most of `words` (the question's topic, weighed by
        IDF) when it holds more than any other: asked of one thing a list names (一次性工亡补助金的标准), its item
        answers."""
        position = self.position_of.get((section.key, sentence))
        if position is None or not words:
            return None
        items = [self.index.sentences[i].text for i in self.sentences_of.get(section.key, [])
                 if self.lead_of.get(i) == position]
        held = sorted(((self.evidence.coverage(words, item), item) for item in items), reverse=True)
        if not held or held[0][0] == 0 or len(held) > 1 and held[1][0] == held[0][0]:
            return None
        return held[0][1]

    def _with_earlier(self, i: int) -> str:
        """The clauses of its sentence a clause continues (its subject named through them), in order."""
        earlier = ""
        while (i := self.continued.get(i, -1)) >= 0 and len(earlier) < MAX_LIST_CHARS:
            earlier = self.index.sentences[i].text + earlier
        return earlier

    def with_next(self, sentence: str, section: Section) -> str:
        """A short sentence (`全力打造“一区三中心”。`) usually announces what the
        next one spells out, and a list (`支持以下活动：（一）…；（二）…；`) runs on
        until its last item, its items completing the lead-in (`…处5万元以下的罚款：`):
        keep them together."""
        units = self.texts_of(section)
        if sentence not in units:
            return sentence
        position = units.index(sentence)
        keys = self.sentences_of[section.key]
        opened = keys[position]  # (a lead-in: the items of its list follow, each ending its own sentence)
        text = self._with_lead(units, position, section)
        if text == sentence:  # (…的部分，准予扣除；) 超过部分，准予…结转扣除
            text = self._with_earlier(keys[position]) + text
        if len(sentence) < 25 and position < len(units) - 1 and (
                _flat(sentence + units[position + 1]) in _flat(section.text) or self.lead_of.get(keys[position + 1]) == opened):
            # (not across a numbered item's start, `…超过60家。` then `2．创新人才培养模式。`, but into the first item of
            # the list it heads)
            position += 1
            text += units[position]
        while position < len(units) - 1 and len(text) < MAX_LIST_CHARS and (
                text.endswith(LIST_CONTINUES) or self.lead_of.get(keys[position + 1]) == opened):
            position += 1
            text += units[position]
        while position < len(units) - 1 and self.continued.get(keys[position + 1]) == keys[position] \
                and len(text) < MAX_LIST_CHARS:
            position += 1  # (…差旅费、会议费等。 此项费用总额不得超过…10%: what limits or excepts it follows it)
            text += units[position]
        return text

    def with_requirements_after(self, text: str, sentence: str, section: Section, query: Query) -> str:
        """`text` (the sentence as quoted) with the sentences beside it in its section that each require an act
        (`requires`) too, back and on to the first that does not: asked what a party must do, its article's run of
        duties (应当将…纳入…规划。 before 应当为…提供保障，设立…资金。)."""
        units = self.texts_of(section)
        if sentence not in units:
            return text
        at = units.index(sentence)
        for earlier in reversed(units[:at]):
            if earlier in text or earlier.endswith(("：", ":")):
                break  # (quoted already as its lead-in; a lead-in announces, it requires nothing itself)
            if len(text) >= MAX_LIST_CHARS or not self.requires(earlier, section, query):
                break
            text = earlier + text
        for following in units[at + 1:]:
            if following in text:
                continue  # (quoted already, with its lead-in or as its item)
            if len(text) >= MAX_LIST_CHARS or not self.requires(following, section, query):
                break
            text += following
        return text

    def figures_asked(self, ctx: Context) -> set[int]:
        """Sentences stating a figure of the kind asked (or bounding one of the applicant's
        figures), closest to the question: read from the quantities stored at index time,
        so a 50% deduction rate is a candidate though its section ranked low."""
        kinds = set(kinds_checked(ctx.query))
        if ctx.query.answer == "yes_no":
            kinds |= {q.kind for q in ctx.query.facts}
        found: set[int] = set()
        docs = set(ctx.docs or [h.section.doc for h in ctx.hits[:5]])
        for kind in kinds:
            having = self.by_kind.get(kind)
            if having is not None and docs:
                having = having[np.isin(self.doc_of[having], list(docs))]
            if having is not None and len(having):
                best = having[np.argsort(-ctx.sentence_sims[having])[:self.settings.figure_pool]]
                found |= set(best.tolist())
        return found

    @cached_property
    def sentences_with(self) -> dict[str, list[int]]:
        """word -> the sentences writing it as a word (投资方 is no word of 投资方式), built on first use."""
        found: dict[str, list[int]] = {}
        for i, unit in enumerate(self.index.sentences):
            for word in dict.fromkeys(tokenize(unit.text)):
                found.setdefault(word, []).append(i)
        return found

    def naming(self, ctx: Context) -> set[int]:
        """The sentences of the retrieved documents that write a subject word few sentences write (罚款
        in a list item of an article that ranked sixth): the provision on that thing, wherever its
        section ranked; when those documents never write it, the sentences of any document that does (罚款
        asked with 税前扣除 finds the notices on 税前加计扣除 first). Not for English: its subject words are
        alternative translations of one word."""
        if ctx.query.english:
            return set()
        docs = set(ctx.docs or [h.section.doc for h in ctx.hits[:5]])
        found: set[int] = set()
        for word in ctx.query.subject:
            # (a quoted term of several words is no one word: the sentences writing it)
            having = self.sentences_with.get(word) or [i for i, u in enumerate(self.index.sentences) if word in u.text]
            if len(having) <= self.settings.subject_pool_max:
                # (a word the retrieved documents never write, in no form (小微企业 is 小型微利企业), when the question
                # named none: where it is written)
                found |= {i for i in having if self.doc_of[i] in docs} or (
                    set(having) if not ctx.docs and not any(self.evidence.mentions(word, self.doc_texts[doc])
                                                            for doc in docs) else set())
        return found

    @cached_property
    def _defining_sentences(self) -> list[int]:
        return [i for i, u in enumerate(self.index.sentences) if u.definition]

    def defining(self, ctx: Context) -> set[int]:
        """The sentences defining what the question asks of (实施条例: 所称研究开发费用的加计扣除，是指…), in
        whatever document: the general rule of the thing, though the documents ranked first (the notices
        named after it) state only its special cases."""
        return {i for i in self._defining_sentences
                if (not ctx.docs or self.doc_of[i] in ctx.docs) and self.defines(self.index.sentences[i].text, ctx.query)}

    def titled(self, ctx: Context) -> set[int]:
        """Asked what a body is charged with, the sentences of a section of the retrieved documents whose heading
        the question names (一、主要职能 for 联席会议的主要职能有哪些): its body lists them, wherever it ranked."""
        if not ctx.query.duties_asked:
            return set()
        docs = set(ctx.docs or [h.section.doc for h in ctx.hits[:5]])
        return {i for doc in docs for section in self.of_doc.get(doc, []) if self.names_title(ctx.query, section)
                for i in self.sentences_of.get(section.key, [])}

    def _answers(self, index: LoadedIndex) -> dict[int, tuple[str, int | None]]:
        """Sentences answering the question the document asks right before them (a 政策问答: `五、…怎么办？`
        and its answer), -> (the question, its sentence's position; None for a heading of its own)."""
        out: dict[int, tuple[str, int | None]] = {}
        for key, positions in self.sentences_of.items():
            title = self.by_key[key].title
            if is_question(title) and not index.sentences[positions[0]].asks:
                out[positions[0]] = (title, None)  # (a short heading asks; its first sentence answers)
            out.update({after: (index.sentences[i].text, i) for i, after in zip(positions, positions[1:])
                        if index.sentences[i].asks})
        return out

    def rank_sentences(self, ctx: Context) -> list[tuple[float, str, Section]]:
        tokens = ctx.query.topic_tokens or ctx.query.tokens
        total = sum(self.evidence.weight(t) for t in dict.fromkeys(tokens)) or 1.0
        rank_of = {h.section.key: r for r, h in enumerate(ctx.hits[:5])}
        pool = set(np.argsort(-ctx.sentence_sims)[:10].tolist())
        pool |= {i for key in rank_of for i in self.sentences_of.get(key, [])}
        pool |= self.figures_asked(ctx)
        pool |= self.naming(ctx)
        pool |= self.defining(ctx)
        pool |= self.titled(ctx)
        pool |= {a for a, (_, asked) in self.answers.items() if asked in pool}
        scored = []
        for i in pool:
            unit = self.index.sentences[i]
            section = self.by_key[unit.section_key]
            if ctx.docs and section.doc not in ctx.docs:
                continue  # the question named its documents: no sentence from another
            if unit.text in ctx.said or ctx.within and section.label_key not in ctx.within:
                continue  # asked more of the provisions quoted: their other sentences
            if unit.asks or i in self.title_lines:
                continue  # a question the document asks answers nothing (its answer, after it, may), nor its title
            # a list item says what it says with the lead-in it completes (罚款； under 下列支出不得扣除：)
            lead = self.lead_of.get(i)
            question, asked = self.answers.get(i, ("", None))  # (an answer says what it says with its question)
            said = question + (unit.text if lead is None else self.index.sentences[lead].text + unit.text)
            lexical = self.evidence.sentence_score(tokens, said) / total
            rank_bonus = self.settings.sentence_rank_bonus / (1 + rank_of[unit.section_key]) \
                if unit.section_key in rank_of else 0.0
            similarity = ctx.sentence_sims[i] if asked is None else max(ctx.sentence_sims[i], ctx.sentence_sims[asked])
            dense = self.settings.sentence_dense_weight * float(similarity)
            scored.append((lexical + dense + rank_bonus, unit.text, section))
        scored.sort(key=lambda c: -c[0])
        return scored


@lru_cache(maxsize=4096)
def _heading_words(title: str) -> tuple[str, ...]:
    """A heading's words as a question's are read (主要 of 主要职能 is a filler, as in 主要职能有哪些), tokenized once
    per heading: a duties question asks it of every candidate sentence's section."""
    return tuple(t for t in tokenize(title) if len(t) > 1 and t not in FILLERS)
