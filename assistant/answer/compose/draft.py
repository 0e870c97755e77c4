"""What every composer shares: the question's context, the draft it returns,
and how answers cite and mark their sources."""


from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from assistant.ingest.figures import strip_item_prefix
from assistant.answer.messages import Reason
from assistant.answer.plan import QueryPlan as Query
from assistant.models import Citation, PolicyCard, Section
from assistant.answer.retrieve import Hit
from assistant.ingest.units import ALIASES, gloss
from assistant.lexicon import english

MONEY_TYPES = ("资金补助", "税收优惠", "金融/融资")  # support that is money to the applicant
LIST_CONTINUES = ("；", "：", ";", ":")  # a sentence ending so is followed by the rest of its list
MAX_LIST_CHARS = 600
MAX_CHAPTERS = 3  # documents whose chapter of the name asked an answer lists
MAX_ITEMS_BACK = 8  # items an answer's item may follow in its list and still be read with the lead-in
# How a unit answer is worded, in the question's language.
UNIT_WORDS = {
    "zh": {"sep": "、", "shared": "责任单位为{resp}。", "none": "（未列明）", "tail": "；责任单位为{resp}",
           "no_lead": "文件未列明牵头单位，负责单位为{resp}。", "lead": "牵头单位为{lead}{tail}。",
           "applies": "适用范围：{scope}。", "quoted": "原文：「{note}」",
           "is_lead": "{units}为牵头单位。", "is_shared": "{units}为责任单位。", "is_none": "{units}不在所列单位之中。",
           "doer": "承担单位为{resp}。"},
    "en": {"sep": "; ", "shared": "Responsible units: {resp}.", "none": "(none listed)", "tail": "; responsible units: {resp}",
           "no_lead": "No lead unit is named; responsible units: {resp}.", "lead": "Lead unit: {lead}{tail}.",
           "applies": " Applies to: {scope}.", "quoted": "As written: “{note}”",
           "is_lead": "{units}: lead unit.", "is_shared": "{units}: responsible unit.", "is_none": "{units}: not among the units listed.",
           "doer": "Carried out by {resp}."},
}
MONEY_UNITS = {"万元", "亿元"}
# The kinds of figure a unit hint asks for, as the quantity grammar types them.
# Counts (个, 家, 所) are interchangeable and not checked by kind.
UNIT_KINDS = {"amount": {"元", "万元", "亿元", "亿美元"}, "share": {"%", "个百分点", "百分点"}, "rate": {"%"},
              "area": {"平方米", "万平方米", "平方公里", "亩"}, "length": {"米"}}
METRIC_COVERAGE = 0.4  # share of a figure question's topic a target's metric and sentence must hold to answer it


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


# A count (三个, 六大, 几项) says how long a list is, not what it lists.
COUNTED = re.compile(r"^[一二三四五六七八九十两几\d]+[个项类种大条点]?$")


def _after_earlier_clauses(units: list[str], position: int, most: int = MAX_ITEMS_BACK) -> int:
    """Where the run of `；`-ended units just before `position` starts (a list's earlier
    items), at most `most` back."""
    start = position
    while start > 0 and position - start < most and units[start - 1].endswith(("；", ";")):
        start -= 1
    return start


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


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
    continues: bool = False  # a later question of a message asking several, about what the first asked of
    # the best cosine of the question as written, by which whether the documents speak to it is judged (an
    # English question's sentences are ranked with its Chinese words' vector mixed in, which always finds some)
    best_written: float = 0.0
    said: frozenset[str] = frozenset()  # sentences the message's answer already quotes: not the answer again
    within: frozenset[str] = frozenset()  # the provisions (doc#label) a later question asks more of: its sentences
    case_before: bool = False  # a conditional follow-up whose case a sentence of the provision answered before states


@dataclass
class Draft:
    text: str
    citations: list[Citation]
    sections: list[Section]
    answerable: bool = True
    coverage: str = "full"  # full | partial (the nearest provision, shown as such) | none
    missing: list[str] = field(default_factory=list)  # what was asked and not found
    # why nothing answers: the refusal's message key (a refusal for want of a statement gets the
    # nearest provision shown beneath it, compose/nearest.py)
    reason: Reason | None = None


def office_text(card: PolicyCard) -> str:
    """`市科技局（牵头）、市财政局`: the lead first, at most three units."""
    lead = [f"{u}（牵头）" for u in card.lead_offices]
    others = [u for u in card.offices if u not in card.lead_offices]
    return "、".join((lead + others)[:3])


def english_term(term: str) -> str:
    return english.translate(term)


def english_card(n: int, card: PolicyCard) -> str:
    """A card in English: its summary from the card's own fields (answer/card_english.py),
    then the measure quoted in Chinese as the evidence."""
    from assistant.answer.card_english import card_summary

    return f"{n}. {card_summary(card)} Source text: “{card.summary}”"


def duties_en(unit: str, groups) -> str:
    """The head of an English duties answer: how many tasks the unit leads and shares; the
    tasks follow, each summarised with its Chinese wording beneath (answer.english.duty)."""
    said = {"牵头": "leads {n} task{s}", "责任（参与）": "shares {n} task{s}"}
    parts = [said[role].format(n=len(group), s="s" if len(group) > 1 else "") for role, group in groups if group]
    return (f"{gloss(unit)} " + " and ".join(parts) + " in the documents. Each task's wording is quoted in "
            "Chinese beneath its summary; its key terms are dictionary glosses.")


def no_tasks_en(unit: str, role: str | None) -> str:
    as_what = {"牵头": "a lead unit", "责任": "a responsible unit"}.get(role or "", "a lead or responsible unit")
    return f"The documents list no task with {gloss(unit)} as {as_what}."


def cite(section: Section, quote: str) -> Citation:
    return Citation(doc=section.doc, section=section.label, title=section.title, quote=quote)


def part_qualifier(section: Section) -> str:
    """What a label repeating across the parts of a bundle is shown with (`附件 ` of `附件 三、`)."""
    written = section.written_label
    return section.label[:-len(written)] if written and section.label.endswith(written) else ""


def mark(section: Section) -> str:
    if section.kind == "chapter":
        return f"〔{part_qualifier(section)}{section.chapter_in_part}〕"
    return f"〔{section.label}〕" if section.kind in ("article", "preamble") else f"〔{section.label}{section.title}〕"


def name_documents(text: str, sections: list[Section]) -> str:
    """An answer drawn from several documents names the document at each mark, each mark
    its own: two laws' 〔第三十二条〕 are told apart in the order the answer cites them."""
    for section in sections:
        plain, named = mark(section), f"〔《{section.doc}》{mark(section)[1:]}"
        if named not in text and f"《{section.doc}》{section.label}" not in text:  # (composers naming it themselves)
            text = text.replace(plain, named, 1)
    return text


_BRACKETED = re.compile(r"〔([^〔〕\n]*)〕")


def source_marks(sections) -> frozenset[str]:
    """Every mark the sections make, plain and naming their document."""
    return frozenset(m for s in sections for m in (mark(s), f"〔《{s.doc}》{mark(s)[1:]}"))


def own_brackets(text: str, marks: frozenset[str]) -> str:
    """An answer's 〔…〕 are its source marks (`marks`: those the corpus's sections make). A
    document's own 〔…〕 quoted in it (购置设备〔单台5万元以上〕) is shown as （…）, so no reader
    takes it for a mark; a document number's year (粤府〔2015〕1号) keeps its brackets."""
    return _BRACKETED.sub(lambda m: m.group(0) if m.group(0) in marks or m.group(1).strip().isdigit()
                          else f"（{m.group(1)}）", text)


def unit_line(section: Section) -> str:
    return next((line.strip() for line in section.text.split("\n") if "牵头单位" in line), "")


def note_line(section: Section) -> str:
    """The line holding a section's note on where it applies (适用范围：…), else its first line."""
    lines = [line.strip() for line in section.text.split("\n") if line.strip()]
    return next((line for line in lines if section.applies_to and section.applies_to in line), lines[0] if lines else "")


def unique_sections(sections) -> list[Section]:
    return list({s.key: s for s in sections}.values())
