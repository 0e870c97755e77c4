"""Questions to cited answers, deterministic and offline.

Structural intents are answered from the parsed structure (unit lines,
targets, measures), everything else from the best-supported sentences of
the retrieved sections. Every claim carries its citation; when the corpus
does not support an answer the reply says so and offers the nearest
sections as "see also" instead.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from . import eligibility
from .index import LoadedIndex
from .intents import Query, analyse
from .models import Answer, Citation, Section
from .retrieve import Hit, Retriever
from .settings import Settings
from .support import Evidence
from .targets import pick_targets, target_clause, years_covered
from .units import gloss

MIN_COVERAGE = 0.5  # share of the question's topic weight the best sections must contain
MIN_DENSE_EN = 0.80
MAX_MEASURES = 8  # English questions have no lexical evidence: trust the dense side


@dataclass
class Session:
    """What a follow-up (`那责任单位呢？`) refers back to."""

    last_question: str = ""
    last_intent: str = ""
    last_sections: list[str] = field(default_factory=list)
    turns: int = 0


def cite(section: Section, quote: str) -> Citation:
    return Citation(doc=section.doc, section=section.label, title=section.title, quote=quote)


def mark(section: Section) -> str:
    return f"〔{section.label}{section.title}〕" if section.kind != "chapter" else f"〔{section.chapter}〕"


def unit_line(section: Section) -> str:
    for line in section.text.split("\n"):
        if "牵头单位" in line:
            return line.strip()
    return ""


def _unique(sections) -> list[Section]:
    return list({s.key: s for s in sections}.values())


@dataclass
class Draft:
    text: str
    citations: list[Citation]
    sections: list[Section]
    answerable: bool = True


class Answerer:
    def __init__(self, retriever: Retriever, index: LoadedIndex, settings: Settings):
        self.retriever = retriever
        self.index = index
        self.settings = settings
        self.evidence = Evidence([c.tokens for c in index.chunks])
        self.by_key = {s.key: s for s in index.sections}
        self.units = sorted({u for s in index.sections for u in s.units}, key=len, reverse=True)

    # ------------------------------------------------------------ entry point

    def answer(self, question: str, session: Session | None = None, k: int | None = None) -> Answer:
        started = time.perf_counter()
        session = session or Session()
        query = analyse(question, self.units)
        hits = self._hits(query, session, k)
        intent = query.intent
        if query.follow_up and intent == "general" and session.last_intent:
            intent = session.last_intent
        draft = self._supported(query, hits, session) and self._compose(intent, query, hits)
        if not draft:
            draft = self._refuse(query)
        if not draft.answerable:
            intent = "out_of_scope"
        elif query.english:
            draft.text = "According to the documents: " + draft.text
        if draft.answerable:
            session.last_question, session.last_intent = query.text, intent
            session.last_sections = [s.key for s in draft.sections]
        session.turns += 1
        return Answer(
            question=question, text=draft.text, answerable=draft.answerable, intent=intent,
            citations=draft.citations, see_also=[] if draft.answerable else self._see_also(hits),
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def _hits(self, query: Query, session: Session, k: int | None) -> list[Hit]:
        k = k or self.settings.retrieval_k
        if query.follow_up and session.last_sections:
            previous = [self.by_key[key] for key in session.last_sections if key in self.by_key]
            if not query.topic_tokens:
                return [Hit(section=s, score=1.0, dense=1.0, lexical=1.0) for s in previous]
            return self.retriever.search(f"{session.last_question} {query.text}", k)
        return self.retriever.search(query.text, k)

    def _supported(self, query: Query, hits: list[Hit], session: Session) -> bool:
        """Whether the best sections speak to the question's topic at all."""
        if not hits:
            return False
        if query.follow_up and session.last_sections and not query.topic_tokens:
            return True
        if query.intent == "duties" and query.units:
            return True
        if not query.topic_tokens:
            return bool(query.units) or hits[0].dense >= MIN_DENSE_EN
        text = "\n".join(h.section.text for h in hits[:3])
        return self.evidence.coverage(query.topic_tokens, text) >= MIN_COVERAGE

    # ------------------------------------------------------------ intents

    def _compose(self, intent: str, query: Query, hits: list[Hit]) -> Draft | None:
        composer = {
            "lead": self._lead,
            "responsibility": self._lead,
            "duties": self._duties,
            "target": self._target,
            "eligibility": self._eligibility,
        }.get(intent, self._general)
        return composer(query, hits) or self._general(query, hits)

    def _owner_of(self, section: Section) -> Section | None:
        """The section whose unit line governs this one (a sidebar or a
        chapter text is governed by the nearest section with units before it)."""
        if section.lead_units:
            return section
        ordered = [s for s in self.index.sections if s.doc == section.doc]
        before = [s for s in ordered if s.start < section.start and s.lead_units]
        after = [s for s in ordered if s.start > section.start and s.lead_units and s.chapter == section.chapter]
        if section.kind == "sidebar" and before and before[-1].chapter == section.chapter:
            return before[-1]
        return after[0] if section.kind == "chapter" and after else None

    def _lead(self, query: Query, hits: list[Hit]) -> Draft | None:
        for hit in hits[:3]:
            owner = self._owner_of(hit.section)
            if owner is None:
                continue
            lead = "、".join(gloss(u) if query.english else u for u in owner.lead_units)
            resp = "、".join(gloss(u) if query.english else u for u in owner.responsible_units)
            if query.intent == "responsibility":
                text = f"责任单位为{resp or '（未列明）'}；牵头单位为{lead}。{mark(owner)}"
            else:
                text = f"牵头单位为{lead}" + (f"，责任单位为{resp}" if resp else "") + f"。{mark(owner)}"
            return Draft(text, [cite(owner, unit_line(owner))], [owner])
        return None

    def _duties(self, query: Query, hits: list[Hit]) -> Draft | None:
        lines, citations, sections = [], [], []
        for unit in query.units:
            led = [s for s in self.index.sections if unit in s.lead_units]
            shared = [s for s in self.index.sections if unit in s.responsible_units and unit not in s.lead_units]
            groups = [("牵头", led), ("责任（参与）", shared)]
            if query.role:
                groups = [g for g in groups if g[0].startswith(query.role)]
            name = gloss(unit) if query.english else unit
            parts = [f"{role}{len(group)}项：" + "；".join(f"{s.label}{s.title}" for s in group)
                     for role, group in groups if group]
            if not parts:
                lines.append(f"现有文件中没有列出{name}作为{query.role or '牵头或责任'}单位的任务。")
                continue
            lines.append(f"{name}在以下任务中承担职责——" + "。".join(parts) + "。")
            for _, group in groups:
                for section in group:
                    citations.append(cite(section, unit_line(section)))
                    sections.append(section)
        if not citations:
            return Draft("\n".join(lines), [], [], answerable=False)
        return Draft("\n".join(lines), citations, sections)

    def _target(self, query: Query, hits: list[Hit]) -> Draft | None:
        missing = [y for y in query.years if y not in years_covered(self.index.sections)]
        if missing and not any(str(y) in h.section.text for h in hits[:3] for y in missing):
            years = "、".join(str(y) for y in missing)
            return Draft(f"现有文件未设定{years}年的目标，无法依据文件作答。", [], [], answerable=False)
        chosen = pick_targets(query, hits, self.index.sections, self.evidence)
        if not chosen:
            return None
        lines, citations, sections = [], [], []
        for target in chosen:
            section = next(s for s in self.index.sections if s.label == target.section and target in s.targets)
            year = f"到{target.year}年，" if target.year else ""
            lines.append(f"{year}{target_clause(target)}。{mark(section)}")
            citations.append(cite(section, target.sentence))
            sections.append(section)
        return Draft("\n".join(dict.fromkeys(lines)), citations, sections)

    def _eligibility(self, query: Query, hits: list[Hit]) -> Draft | None:
        """Measures for the enterprise the question describes, from the same
        records as the 政策匹配 form, so chat and form agree."""
        profile = eligibility.profile_from_text(query.text)
        measures = self._pick_measures(profile, query, hits)
        if not measures:
            return None
        lines, citations, sections = [], [], []
        for n, measure in enumerate(measures, 1):
            section = self.by_key.get(f"{measure.doc}#{measure.section}")
            if section is None:
                continue
            kinds = "、".join(measure.support_types) or "支持措施"
            lines.append(f"{n}. 【{kinds}】{measure.measure}{mark(section)}")
            citations.append(cite(section, measure.measure))
            sections.append(section)
        who = "、".join(profile.qualifications) or "企业"
        head = f"根据现有文件，{who}可关注以下支持措施："
        return Draft(head + "\n" + "\n".join(lines), citations, _unique(sections))

    def _pick_measures(self, profile, query: Query, hits: list[Hit]) -> list:
        """Profile matches when the question names who is asking or what they
        need; otherwise the measures of the best retrieved sections. Either
        way, measures of well-retrieved sections and sentences sharing the
        question's topic come first."""
        rank_of = {h.section.key: r for r, h in enumerate(hits)}
        if profile.is_empty:
            pool = [m for m in self.index.measures if f"{m.doc}#{m.section}" in rank_of]
        else:
            result = eligibility.match(self.index.measures, profile)
            pool = [m.measure for m in result.specific] + [m.measure for m in result.general]
        def key(item):
            position, measure = item
            rank = rank_of.get(f"{measure.doc}#{measure.section}", len(hits) + 5)
            topic = self.evidence.sentence_score(query.topic_tokens, measure.measure)
            return (-topic - 2.0 / (1 + rank), position)
        ordered = [m for _, m in sorted(enumerate(pool), key=key)]
        unique = list({m.measure: m for m in reversed(ordered)}.values())[::-1]
        return unique[:MAX_MEASURES]

    def _general(self, query: Query, hits: list[Hit]) -> Draft | None:
        tokens = query.topic_tokens or [t for t in query.text]
        candidates = []
        for rank, hit in enumerate(hits[:3]):
            for score, sentence in self.evidence.best_sentences(tokens, hit.section, limit=2):
                candidates.append((score * (1.0 - 0.15 * rank), sentence, hit.section))
        candidates.sort(key=lambda c: -c[0])
        if not candidates or candidates[0][0] <= 0:
            if not hits or (query.english and hits[0].dense < MIN_DENSE_EN):
                return None
            first = hits[0].section
            sentence = next(iter(self.evidence.best_sentences([], first, 1)), (0, first.title))[1]
            candidates = [(1.0, sentence, first)]
        best = candidates[0][0]
        chosen = [c for c in candidates if c[0] >= 0.6 * best][:3]
        lines = [f"{sentence}{mark(section)}" for _, sentence, section in chosen]
        return Draft(
            "\n".join(lines),
            [cite(section, sentence) for _, sentence, section in chosen],
            _unique(section for _, _, section in chosen),
        )

    # ------------------------------------------------------------ refusal

    def _refuse(self, query: Query) -> Draft:
        if query.english:
            text = ("The indexed documents do not cover this question, so it cannot be answered from them. "
                    "Related sections are listed for reference.")
        else:
            text = "现有文件未涉及这一问题，无法依据文件作答。以下章节可能相关，仅供参考。"
        return Draft(text, [], [], answerable=False)

    def _see_also(self, hits: list[Hit]) -> list[Citation]:
        return [cite(h.section, "") for h in hits[:3]]
