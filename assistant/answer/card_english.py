"""A policy card said in English, from the card's own fields: the kind of
benefit, whom it is for, the figures it gives (its amounts read by the one
quantity grammar and said as `english.figure` says them), the deadline, the
contact, the offices (English unit names from their parts), its level and
whether its document's period has ended. Nothing is translated from the
measure's wording: the Chinese measure stays beside the summary as evidence.
"""

from __future__ import annotations

import re

from assistant.answer.english import KIND_EN, date_en, figure
from assistant.ingest.quantities import Quantity, read
from assistant.lexicon.english import gloss, translate
from assistant.models import PolicyCard

LEVEL_EN = {"国家": "national", "省": "provincial", "市": "municipal", "县": "county"}
GIVEN = ("amount", "rate", "share", "duration")  # figure kinds a benefit gives (a date or a count is no sum)
_CONTACT = re.compile(r"(?:\d{3,4}-)?\d{7,8}|(?:https?://)?[\w.-]+\.(?:gov\.cn|com|cn|org|net)[\w/.-]*", re.ASCII)
_YEARS = re.compile(r"(\d{4})\s*[—–\-至到]+\s*(\d{4})|(\d{4})")
OFFICES_SHOWN = 2


def kind_en(card: PolicyCard) -> str:
    if card.kind in KIND_EN and card.kind != "other":
        return KIND_EN[card.kind]
    return ", ".join(translate(t) for t in card.support_types[:2]) or KIND_EN["other"]


def figures(card: PolicyCard) -> list[str]:
    """What the card gives, in English: `RMB 300,000`, `up to RMB 5 million`, `15% (rate)`, `up to 3 years`.
    Each amount is read alone, then found by value and unit in the sentences that state the measure,
    where their words tell a rate from a share; one they do not hold is said as read alone."""
    said_in = dict.fromkeys([card.measure, *(c.quote for c in card.sources)])
    in_sentence = [q for text in said_in for q in read(text) if q.kind in GIVEN]
    out: list[str] = []
    for written in card.amounts:
        for alone in read(written):
            if alone.kind not in GIVEN:
                continue
            q = next((x for x in in_sentence if (x.value, x.unit) == (alone.value, alone.unit)), alone)
            said = _given(q if q.bound != "exact" or alone.bound == "exact" else alone)
            if said not in out:
                out.append(said)
    return out


def _given(q: Quantity) -> str:
    said = figure(q)
    return f"for {said}" if q.kind == "duration" and not said.startswith("up to") else said


def deadlines(card: PolicyCard) -> list[str]:
    said = [date_en(q) for d in card.deadlines for q in read(d) if q.kind == "date"]
    return list(dict.fromkeys(s for s in said if s))


def contacts(card: PolicyCard) -> list[str]:
    return list(dict.fromkeys(m.group(0) for c in card.contacts for m in _CONTACT.finditer(c)))


def period_en(status: str) -> str:
    """`该方案实施期为2016—2020年，已结束` -> `its period (2016–2020) has ended`."""
    if not status:
        return ""
    m = _YEARS.search(status)
    if m and m.group(1):
        return f"its period ({m.group(1)}–{m.group(2)}) has ended"
    return f"its period ended in {m.group(3)}" if m else "its period has ended"


def offices_en(card: PolicyCard) -> str:
    units = (card.lead_offices or card.offices)[:OFFICES_SHOWN]
    return "; ".join(map(gloss, units))


def card_summary(card: PolicyCard) -> str:
    """`Tax reduction for high-tech enterprises: 15% (rate). National. Ask: …`."""
    who = ", ".join(dict.fromkeys(translate(b) for b in card.beneficiaries[:3]))
    head = kind_en(card) + (f" for {who}" if who else "")
    given = figures(card)
    parts = [head + (": " + ", ".join(given) if given else "")]
    levels = [LEVEL_EN[x] for x in dict.fromkeys(card.levels or [card.level]) if x in LEVEL_EN]
    if levels:
        parts.append(" and ".join(levels).capitalize() + " policy")
    if card.checklist:
        n = len(card.checklist)
        first = card.checklist[0]
        where = f"{first['section']} of 《{first['doc']}》" if first.get("doc") else first["section"]
        parts.append(f"{n} condition{'s' if n > 1 else ''} to qualify ({where})")
    if when := deadlines(card):
        parts.append("Apply " + "; ".join(when))
    if reach := contacts(card):
        parts.append("Contact: " + ", ".join(reach))
    if ask := offices_en(card):
        parts.append("Ask: " + ask)
    if ended := period_en(card.status):
        parts.append("Note: " + ended)
    return ". ".join(parts) + "."
