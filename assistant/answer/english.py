"""An English answer's first line: the substance of a drafted answer said in
English from parts the product already has (the plan's answer type, the
figures the index read from the quoted sentences, the sections' labels), with
the Chinese quotes kept beneath it as the evidence."""

from __future__ import annotations

from typing import Callable


from assistant.ingest.quantities import Quantity
from assistant.models import Citation

UNIT_WORDS = {"年": "years", "月": "months", "日": "days", "工作日": "working days", "周": "weeks", "小时": "hours",
              "家": "", "个": "", "项": "", "人": "people", "件": "", "名": "people", "平方米": "m²", "亩": "mu"}


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
    if q.kind in ("date", "month", "year") or not q.unit:
        return q.text
    if q.value == 1 and q.unit in UNIT_WORDS and UNIT_WORDS[q.unit].endswith("s"):
        return f"{bound}1 {UNIT_WORDS[q.unit][:-1]}"
    unit = UNIT_WORDS.get(q.unit, q.unit)
    return f"{bound}{q.value:g} {unit}".rstrip()


def label(section: str) -> str:
    """A section's label as the document writes it (第九十五条): a reader checks it against the quote."""
    return section


def summary(kinds: frozenset[str], citations: list[Citation],
            quantities_in: Callable[[Citation], list[Quantity]]) -> str:
    """`The documents state 50% (rate) (Article 95), 80% (rate) (二、).`: the figures of
    the kinds asked in each quote, or, for any other answer, how many provisions say it."""
    stated = []
    for c in citations:
        found = [figure(q) for q in quantities_in(c) if not kinds or q.kind in kinds]
        if found and kinds:
            stated.append(f"{', '.join(dict.fromkeys(found))} ({label(c.section)} of 《{c.doc}》)")
    if stated:
        return "The documents state: " + "; ".join(stated) + ". Their words:"
    where = "; ".join(dict.fromkeys(f"{label(c.section)} of 《{c.doc}》" for c in citations))
    return f"According to the documents ({where}):" if where else "According to the documents:"
