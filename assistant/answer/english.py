"""An English answer's substance, said from parts the product already has: for
each quoted provision, what kind of provision it is (eligibility.roles), whom
it is for, the figures and dates the index read from it (the one quantity
grammar), the bodies it or its section's unit line names (English unit names
from their parts) and which of the question's phrases it holds (the plan's
English phrases and their Chinese words). Nothing is translated from the
quote's wording: the Chinese quote stays beside each summary as the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from assistant.eligibility.roles import benefit_kind, sentence_role
from assistant.eligibility.terms import find_beneficiaries
from assistant.ingest.quantities import Quantity
from assistant.lexicon.english import gloss, translate
from assistant.models import Citation

UNIT_WORDS = {"年": "years", "月": "months", "日": "days", "工作日": "working days", "周": "weeks", "小时": "hours",
              "家": "", "个": "", "项": "", "人": "people", "件": "", "名": "people", "平方米": "m²", "亩": "mu",
              "米": "metres"}
# Small whole numbers the document wrote in Chinese numerals (一年以上) are said in words: digits
# would state a number the quote does not write.
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?")
ENGLISH = re.compile(r"[A-Za-z]{3,}")
# eligibility.roles.BenefitKind in English (KIND_ZH there is the Chinese of the same kinds)
KIND_EN = {"money": "Grant or subsidy", "tax_reduction": "Tax reduction", "deduction": "Tax deduction",
           "loan_guarantee": "Loan or guarantee", "land": "Land or premises", "talent": "Talent services",
           "procedure": "Eased procedure", "equity": "Equity incentive", "other": "Support"}
# eligibility.roles.Role in English: what a provision that grants nothing is
ROLE_EN = {"condition": "Condition", "obligation": "Duty", "penalty": "Penalty", "principle": "Policy aim",
           "other": "Provision"}
FIGURES_SAID = 4  # figures one provision's summary states at most (the quote has them all)
BODIES_SAID = 3  # bodies sharing a task that a summary names at most (the unit line has them all)
TOPICS_SAID = 2  # of the question's phrases a quote holds, how many its summary names


def _count(value: float, written: str) -> str:
    """A number as the document wrote it: digits when it wrote digits, words for a small one it wrote
    in Chinese numerals (一年 -> one year)."""
    if not re.search(r"\d", written) and value == int(value) and 0 <= value <= 10:
        return NUMBER_WORDS[int(value)]
    return f"{value:g}"


def figure(q: Quantity) -> str:
    """A figure in English words, as the quantity grammar typed it."""
    bound = {"max": "up to ", "min": "at least ", "range": "", "exact": ""}[q.bound]
    if q.unit == "%":
        value = f"{q.value:g}%"
        if q.bound == "range" and q.upper is not None:
            value = f"{q.value:g}%–{q.upper:g}%"
        return bound + value + (" (rate)" if q.kind == "rate" else "")
    if q.kind == "amount":
        number = next((f"{q.value / d:g} {w}" for d, w in ((1e9, "billion"), (1e6, "million")) if q.value >= d),
                      f"{q.value:,.0f}")
        return f"{bound}{'RMB' if q.unit == '元' else 'USD'} {number}"
    if q.kind in ("date", "month"):
        return date_en(q) or q.text
    if q.kind == "year":
        return {"max": "by ", "min": "from "}.get(q.bound, "") + f"{q.value:g}"
    if not q.unit:
        return q.text
    if q.kind == "frequency":  # 每年 / 每半年: how often, said by the period between
        period = replace(q, kind="duration", bound="exact", value=6.0, unit="月") if (q.value, q.unit) == (0.5, "年") \
            else replace(q, kind="duration", bound="exact")  # (半年: six months)
        return "every " + re.sub(r"^(?:1|one) ", "", figure(period))
    count = _count(q.value, q.text)
    if q.value == 1 and q.unit in UNIT_WORDS and UNIT_WORDS[q.unit].endswith("s"):
        return f"{bound}{count} {UNIT_WORDS[q.unit][:-1]}"
    unit = UNIT_WORDS.get(q.unit, q.unit)
    return f"{bound}{count} {unit}".rstrip()


def date_en(q: Quantity) -> str:
    """`2024年12月31日前` -> `by 31 December 2024`; `每年3月31日前` -> `by 31 March each year`."""
    m = _DATE.search(q.text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return ""
    year, month, day = m.group(1), MONTHS[int(m.group(2)) - 1], m.group(3)
    when = " ".join(x for x in (day, month, year) if x)
    before = {"max": "by ", "min": "from "}.get(q.bound, "")
    return before + when + (" each year" if "每年" in q.text or (not year and "年" not in q.text) else "")


def label(section: str) -> str:
    """A section's label as the document writes it (第九十五条): a reader checks it against the quote."""
    return section


@dataclass
class Provision:
    """One quoted provision as the product read it: the citation, its figures (read at index
    time), the bodies its own sentences or its section's unit line make lead or responsible, and
    the question's phrases (Chinese words, alternatives of each other) it holds."""

    citation: Citation
    quantities: list[Quantity] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    topics: list[tuple[str, str]] = field(default_factory=list)  # (the question's phrase, its word the quote holds)
    target: bool = False  # the quote sets one of its document's targets (到2020年…达到…)


def _what(quote: str, target: bool = False) -> str:
    """`Tax reduction for high-tech enterprises`, `Condition`, `Target`: the kind of provision and whom it is for."""
    role = sentence_role(quote)
    if role != "benefit" and target:
        return "Target"
    head = KIND_EN[benefit_kind(quote)] if role == "benefit" else ROLE_EN.get(role, ROLE_EN["other"])
    if role not in ("benefit", "condition"):
        return head
    who = list(dict.fromkeys(translate(b) for b in find_beneficiaries(quote)[:2]))
    return head + (f" for {' and '.join(who)}" if who else "")


def _figures(p: Provision, kinds: frozenset[str]) -> list[str]:
    """The figures the provision states, of the kinds asked first."""
    ordered = sorted(p.quantities, key=lambda q: kinds and q.kind not in kinds)
    return list(dict.fromkeys(figure(q) for q in ordered))[:FIGURES_SAID]


def _bodies(p: Provision) -> str:
    """`led by Municipal Commerce Bureau (市商务局), with …`: who does it, as the product read it."""
    def named(units: list[str]) -> str:
        return "; ".join(map(gloss, units))

    said = f"led by {named(p.lead[:BODIES_SAID])}" if p.lead else ""
    if p.shared:
        others = named(p.shared[:BODIES_SAID]) + (" and others" if len(p.shared) > BODIES_SAID else "")
        said += f", with {others}" if said else f"by {others}"
    return said


def describe(p: Provision, kinds: frozenset[str] = frozenset()) -> str:
    """`第二十八条 of 《中华人民共和国企业所得税法》 — Tax reduction for high-tech enterprises: 15% (rate).`"""
    c = p.citation
    head = _what(c.quote, p.target)
    figures = _figures(p, kinds)
    parts = [head + (": " + ", ".join(figures) if figures else "")]
    if not figures and (topics := [f"{phrase} ({word})" for phrase, word in p.topics[:TOPICS_SAID]]):
        parts.append("on " + ", ".join(topics))  # what of the question it speaks to, where it states no figure
    if bodies := _bodies(p):
        parts.append(bodies)
    return f"{label(c.section)} of 《{c.doc}》 — " + "; ".join(parts) + "."


def _quoted(quote: str, line: str) -> bool:
    """Whether an answer line carries this quote (whole, or its opening where the line cuts it)."""
    quote = quote.strip()
    return bool(quote) and (quote in line or quote[:24] in line)


_POINTER = re.compile(r"\(also in [^()]*\)")


def _english(line: str) -> bool:
    """Whether a composer wrote the line in English (a quote's `(also in （十七）)` pointer is no English)."""
    return bool(ENGLISH.search(_POINTER.sub("", line)))


def explained(text: str, citations: list[Citation], provision: Callable[[Citation], Provision],
              kinds: frozenset[str] = frozenset()) -> str:
    """The answer with each Chinese quote line preceded by its English summary (`Source text:` the line);
    lines already in English are left as written. A quote no line carries (an article's whole body
    under its heading) is summarised above the text."""
    lines = text.split("\n")
    if all(_english(line) or not line.strip() for line in lines):
        return text  # a composer that writes English (unit lines, duties, targets, cards) said it
    used: set[int] = set()
    out: list[str] = []
    for line in lines:
        i = None if _english(line) else next(
            (i for i, c in enumerate(citations) if i not in used and _quoted(c.quote, line)), None)
        if i is None:
            out.append(line)
            continue
        # the line's other citations (the same sentence in the document's task table) are said by it too
        used.update(j for j, c in enumerate(citations) if _quoted(c.quote, line))
        if pointer := _POINTER.search(line):
            used.update(j for j, c in enumerate(citations) if f"also in {c.section})" in pointer.group(0))
        out.append((describe(provision(citations[i]), kinds), f"Source text: {line}"))
    rest = [describe(provision(c), kinds) for i, c in enumerate(citations) if i not in used and c.quote]
    numbered = len(used) + len(rest) > 1
    # summaries of quotes no line carries stand after the answer's English opening (a partial
    # answer's note), before the Chinese text they summarise
    at = next((k for k, x in enumerate(out) if not (isinstance(x, str) and _english(x))), len(out))
    out[at:at] = [(line, "") for line in rest]
    said: list[str] = []
    n = 0
    for x in out:
        if isinstance(x, str):
            said.append(x)
            continue
        n += 1
        summary, source = x
        said.append((f"{n}. {summary}" if numbered else summary) + (f"\n{source}" if source else ""))
    return "\n".join(said)



TERMS_SAID = 3  # of a task heading's things named, how many a duty summary glosses
ROLE_SAID = {"lead": "Leads", "shared": "Shares"}


def task_terms(title: str) -> list[tuple[str, str]]:
    """The things a task's heading names, (Chinese, English gloss), as many as a summary says."""
    from assistant.lexicon.english import things_named

    return things_named(title)[:TERMS_SAID]


def _named(units: list[str]) -> str:
    more = len(units) - BODIES_SAID
    return ", ".join(map(gloss, units[:BODIES_SAID])) + (f" and {more} more" if more > 0 else "")


def duty(label_: str, doc: str, title: str, role: str, lead: list[str], shared: list[str], doc_named: bool) -> str:
    """One task of a unit's duties in English, from the structure the index read: the unit's role
    (`lead` or `shared`), the task's label (and document, where several are indexed), the things its
    heading names (dictionary glosses with the Chinese beside, lexicon.english.things_named) and the
    other bodies of its unit line: those leading with it or doing the task under it, who leads a
    task it shares. The task's wording stays Chinese, quoted beneath by the caller."""
    where = f"{label_} of 《{doc}》" if doc_named else label_
    parts = [f"{ROLE_SAID[role]} task {where}"]
    if terms := task_terms(title):
        parts.append("key terms: " + ", ".join(f"{en} ({zh})" for zh, en in terms))
    if role == "lead":
        if lead:
            parts.append(f"jointly with {_named(lead)}")
        if shared:
            parts.append(f"responsible units: {_named(shared)}")
    elif lead:
        parts.append(f"led by {_named(lead)}")
    return "; ".join(parts) + "."
