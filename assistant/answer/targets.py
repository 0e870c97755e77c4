"""Choosing the quantitative targets that answer a target question."""

from __future__ import annotations

import re

from assistant.answer.intents import Query
from assistant.models import Section, Target
from assistant.answer.retrieve import Hit
from assistant.answer.evidence import Evidence

# The unit a question asks in (`几个`, `多少家`, `比重`) marks the target it wants.
UNIT_HINTS = (
    (re.compile(r"几个|多少个|how many (?:clusters|platforms|parks)"), ("个",)),
    (re.compile(r"几家|多少家"), ("家",)),
    (re.compile(r"几所|多少所"), ("所",)),
    (re.compile(r"几项|多少项"), ("项",)),
    (re.compile(r"多少件|几件"), ("件",)),
    (re.compile(r"多少人|几人"), ("人", "万人")),
    (re.compile(r"比重|比例|占比|百分|率|percentage|share|proportion|%"), ("%",)),
    (re.compile(r"多少亿|多少钱|金额|产值|收入|规模|GDP|亿元|billion|yuan", re.I), ("亿元", "万元", "亿美元")),
    (re.compile(r"面积|平方米|square"), ("万平方米", "平方米", "平方公里", "亩")),
)


def asked_units(text: str) -> set[str]:
    """The units of the first hint that matches: counts (几个) come first."""
    return next((set(units) for pattern, units in UNIT_HINTS if pattern.search(text)), set())


def target_clause(target: Target) -> str:
    """The clause of the target's sentence that carries its number, with the
    clause before it when that one names the subject."""
    clauses = [c for c in re.split(r"[，,；;]", target.sentence.rstrip("。")) if c]
    needle = f"{target.value}"
    for i, clause in enumerate(clauses):
        if needle in clause and target.unit in clause:
            if len(clause) < 10 and i > 0:
                return f"{clauses[i - 1]}，{clause}"
            return re.sub(r"(?:到|至)20\d\d年[，,]?", "", clause).strip("，, ")
    return target.sentence.rstrip("。")


def _score(target: Target, query: Query, evidence: Evidence, rank_of: dict, units: set[str]) -> float:
    tokens = query.tokens or query.topic_tokens
    score = 2.0 * evidence.sentence_score(tokens, target.metric)
    score += evidence.sentence_score(tokens, target_clause(target))
    score += 0.5 * evidence.sentence_score(tokens, target.sentence)
    rank = rank_of.get((target.doc, target.section))
    if rank is not None:
        score *= 1.0 + 0.3 / (1 + rank)
    if query.years:
        score *= 1.3 if target.year in query.years else 0.5
    if units:
        score *= 1.4 if target.unit in units else 0.7
    return score


def pick_targets(query: Query, hits: list[Hit], sections: list[Section], evidence: Evidence,
                 limit: int = 3) -> list[Target]:
    """The best-matching targets across the whole corpus, the retrieved
    sections weighing more; the same figure stated in several sections is
    returned once per section so each is cited."""
    docs = {h.section.doc for h in hits} or {s.doc for s in sections}
    rank_of: dict[tuple[str, str], int] = {}
    for rank, hit in enumerate(hits):
        rank_of.setdefault((hit.section.doc, hit.section.label), rank)
    units = asked_units(query.text)
    scored = [
        (_score(t, query, evidence, rank_of, units), t)
        for s in sections if s.doc in docs for t in s.targets
    ]
    # A target must name something the question is about, not only share its framing.
    scored = [(sc, t) for sc, t in scored
              if sc > 0 and (not query.topic_tokens
                             or evidence.sentence_score(query.topic_tokens, t.metric + t.sentence) > 0)]
    if not scored:
        return []
    scored.sort(key=lambda pair: -pair[0])
    best = scored[0][0]
    chosen: list[Target] = []
    seen: set[tuple] = set()
    for score, target in scored:
        same_figure = any(t.value == target.value and t.unit == target.unit for t in chosen)
        if score < (0.7 if same_figure else 0.85) * best:
            break
        key = (target.doc, target.section, target.value, target.unit, target.metric)
        if key not in seen and len(chosen) < limit + int(same_figure):
            seen.add(key)
            chosen.append(target)
    return chosen


def years_covered(sections: list[Section]) -> set[int]:
    return {t.year for s in sections for t in s.targets if t.year}
