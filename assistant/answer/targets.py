"""Choosing the quantitative targets that answer a target question."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from assistant.answer.intents import Query
from assistant.ingest.quantities import unit_kind
from assistant.models import Section, Target
from assistant.answer.retrieve import Hit
from assistant.answer.evidence import Evidence
from assistant.settings import Settings


def quote_for(target: Target) -> str:
    """The words of the target's sentence, verbatim, that state it: the
    sentence up to the end of the figure's clause, or, when that is long, the
    sentence's opening time phrase and the clause, the gap marked with ……"""
    sentence = target.sentence.strip()
    clauses = re.split(r"(?<=[，,；;])", sentence)
    needle = target.value
    end, at = 0, None
    for clause in clauses:
        end += len(clause)
        if needle in clause and target.unit in clause:
            at = clause
            break
    if at is None:
        return sentence.rstrip("。；;，,")
    head = sentence[:end].rstrip("，,；;。")
    if len(head) <= 90:
        return head
    opening = re.match(r"^(?:力争)?(?:到|至|在)?[^，,]{0,12}?20\d\d年(?:前|底|末)?[，,]?", sentence)
    return f"{opening.group(0) if opening else ''}……{at.rstrip('，,；;。')}"


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


def _score(target: Target, query: Query, evidence: Evidence, rank_of: dict, units: set[str],
           w: Settings) -> float:
    tokens = query.tokens or query.topic_tokens
    if query.context_tokens and query.topic_tokens:
        # A follow-up with its own topic (那棉花收获呢？ after 马铃薯…): the earlier topic found the
        # sections (retrieval reads both questions); the figure is the new topic's.
        tokens = query.topic_tokens
    # (what a target measures may be written in full where the question says it short: 家电, 家用电器产业集群)
    score = w.target_metric_weight * evidence.sentence_score(tokens, target.metric, evidence.mentions)
    score += evidence.sentence_score(tokens, target_clause(target))
    score += w.target_sentence_weight * evidence.sentence_score(tokens, target.sentence)
    rank = rank_of.get((target.doc, target.section))
    if rank is not None:
        score *= 1.0 + w.target_rank_boost / (1 + rank)
    if query.years:
        score *= w.target_year_match if target.year in query.years else w.target_year_miss
    if units:
        score *= w.target_unit_match if _in_units(target.unit, units) else w.target_unit_miss
    return score


def _in_units(unit: str, units: set[str]) -> bool:
    """Whether a target's unit is one asked for, or writes the same kind of figure (比重 asked in %: a
    share raised by 1个百分点 a year answers it)."""
    return unit in units or _kind(unit) in {_kind(u) for u in units} - {None, "count"}


_kind = lru_cache(maxsize=512)(unit_kind)


def pick_targets(query: Query, hits: list[Hit], sections: list[Section], evidence: Evidence,
                 settings: Settings, keep: Callable[[Target], bool] = lambda target: True) -> list[Target]:
    """The best-matching targets across the whole corpus, the retrieved
    sections weighing more; the same figure stated in several sections is
    returned once per section so each is cited. `keep`: the targets that may answer at all (of the
    kind of figure asked), ranked among themselves."""
    docs = {h.section.doc for h in hits} or {s.doc for s in sections}
    rank_of: dict[tuple[str, str], int] = {}
    for rank, hit in enumerate(hits):
        rank_of.setdefault((hit.section.doc, hit.section.label), rank)
    units = set(getattr(query, "asked_units", ()))
    scored = [
        (_score(t, query, evidence, rank_of, units, settings), t)
        for s in sections if s.doc in docs for t in s.targets if keep(t)
    ]
    # A target must name something the question is about, not only share its framing.
    scored = [(sc, t) for sc, t in scored
              if sc > 0 and (not query.topic_tokens
                             or evidence.sentence_score(query.topic_tokens, t.metric + t.sentence, evidence.mentions) > 0)]
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
        if key not in seen and len(chosen) < settings.max_targets + int(same_figure):
            seen.add(key)
            chosen.append(target)
    return chosen


def years_covered(sections: list[Section]) -> dict[str, set[int]]:
    """The years each document sets targets for."""
    out: dict[str, set[int]] = {}
    for s in sections:
        out.setdefault(s.doc, set()).update(t.year for t in s.targets if t.year)
    return out
