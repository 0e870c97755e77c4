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
    (re.compile(r"多少亿|多少万|多少钱|多少元|金额|亿元|万元|billion|yuan|how much money|"
                r"(?:贷|借|贷款|额度)[^，。？?]{0,6}多少|多少(?:贷款|额度)", re.I), ("亿元", "万元", "亿美元", "元")),  # a loan is a sum
    # a money metric named, not an amount: its value, or a share of it (从净收入中提取多少)
    (re.compile(r"产值|收入|所得|规模|GDP", re.I), ("亿元", "万元", "亿美元", "%")),
    (re.compile(r"面积|平方米|square"), ("万平方米", "平方米", "平方公里", "亩")),
)


# A figure as documents write it: Arabic digits or Chinese numerals (二百万元,
# 百分之三十, 三个月), with any counting unit or measure word after it.
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
STATES_A_FIGURE = re.compile(
    rf"\d+(?:\.\d+)?\s*[%％\u4e00-\u9fff]|百分之[{_CN_NUMERAL}点]+|"
    rf"[{_CN_NUMERAL}]*[十百千万亿][{_CN_NUMERAL}]*[\u4e00-\u9fff]|\d+\s*[:：比]\s*\d+"
)
# "A和B分别是多少": several figures asked at once.
SEVERAL_PARTS = re.compile(r"分别|各(?:是|为|有|要|达到)")
_PART_SPLIT = re.compile(r"[和与及、跟]|以及")


# Numbers that are not figures a question asks for: years, document numbers,
# durations and deadlines (5年内, 三十日内, 六个月), list and article numbering.
_NOT_A_FIGURE = re.compile(
    rf"(?:19|20)\d\d年(?:前|底|末|起)?|〔\d{{4}}〕\d+号|[\d{_CN_NUMERAL}]+(?:个)?(?:年|月|日|天|周|小时)(?:内|以内|以上|之内|后|起)?|"
    rf"第[\d{_CN_NUMERAL}]+[条章节款项]|^[\d{_CN_NUMERAL}]+[．.、]"
)


# The kinds of figure a question's unit asks for; counts (个, 家, 项) are
# interchangeable in questions and are not checked by kind.
_KIND_OF_UNIT = {
    "%": re.compile(rf"\d\s*[%％]|百分之[{_CN_NUMERAL}]|\d+\s*[:：比]\s*\d+|[{_CN_NUMERAL}\d]成"),
    "万元": re.compile(rf"[\d{_CN_NUMERAL}]\s*(?:万|亿|千)?(?:美)?元"),
    "平方米": re.compile(rf"[\d{_CN_NUMERAL}]\s*(?:万)?(?:平方米|平方公里|亩|公顷)"),
}


# A question asking how long (多少日内, 几个月, 多久): then a duration is the figure.
DURATION_ASKED = re.compile(r"多少(?:个)?(?:工作日|日|天|月|年|周|小时)|几(?:个)?(?:工作日|日|天|月|年|周)|多久|多长时间|期限|时限|"
                            r"how (?:long|many days|many months)|within how", re.I)
_DURATION = re.compile(rf"[\d{_CN_NUMERAL}]+(?:个)?(?:工作日|日|天|月|年|周|小时)(?:内|以内|之内)?")


def states_a_figure(text: str, units: set[str] | None = None, duration: bool = False) -> bool:
    """Whether the text states a figure (of one of `units`, when the
    question asks in a unit; a duration, when it asks how long), not
    counting years, durations or numbering otherwise."""
    if duration:
        return bool(_DURATION.search(re.sub(r"(?:19|20)\d\d年", " ", text)))
    text = _NOT_A_FIGURE.sub(" ", text)
    kinds = [pattern for unit, pattern in _KIND_OF_UNIT.items() if units and unit in units]
    if kinds:  # money, a share or an area asked for: a figure of that kind
        return any(pattern.search(text) for pattern in kinds)
    counts = [u for u in units or () if u not in _KIND_OF_UNIT]
    if any(re.search(rf"[\d{_CN_NUMERAL}]\s*(?:个)?{re.escape(u)}", text) for u in counts):
        return True  # a count asked for (几项): 一项 states it, though 一 alone is no figure
    return bool(STATES_A_FIGURE.search(text))


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


def question_parts(query: Query) -> list[list[str]]:
    """Topic tokens of each part of a several-figure question (A和B分别是多少),
    or one part with all of them."""
    if not SEVERAL_PARTS.search(query.text) or len(query.topic_tokens) < 2:
        return [query.topic_tokens]
    asked = SEVERAL_PARTS.split(query.text)[0]
    pieces = [p for p in _PART_SPLIT.split(asked) if p.strip()]
    parts = [[t for t in query.topic_tokens if t in piece] for piece in pieces]
    parts = [p for p in parts if p]
    return parts if len(parts) > 1 else [query.topic_tokens]


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
    if query.context_tokens and query.topic_tokens:
        # A follow-up with its own topic (那棉花收获呢？ after 马铃薯…): the earlier topic found the
        # sections (retrieval reads both questions); the figure is the new topic's.
        tokens = query.topic_tokens
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


def years_covered(sections: list[Section]) -> dict[str, set[int]]:
    """The years each document sets targets for."""
    out: dict[str, set[int]] = {}
    for s in sections:
        out.setdefault(s.doc, set()).update(t.year for t in s.targets if t.year)
    return out
