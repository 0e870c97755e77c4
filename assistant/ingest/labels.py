"""Outline labels in every way documents write them.

One label has many written forms: Chinese or Arabic numerals (`第十条`, `第10条`,
`第１０条`), spaces inside it where a PDF spaced its characters (`第 1 0 条`,
`二 、`, `（ 三 ）`), full- or half-width brackets and stops (`（一）`/`(一)`,
`1．`/`1.`). The patterns here accept all of them; the label a section shows is
the one the document writes with its whitespace removed, and `number` reads
any of them as the same integer.
"""

from __future__ import annotations

import re
import unicodedata

import cn2an

CN_DIGITS = "一二三四五六七八九十百千零〇两"
SP = r"[ \t\u3000]*"  # spaces a PDF puts between the characters of a label
_DIGIT = rf"(?:[{CN_DIGITS}]|\d)"  # \d: ASCII and full-width digits
NUMBER = rf"{_DIGIT}(?:{SP}{_DIGIT})*"
CN_NUMBER = rf"[{CN_DIGITS}](?:{SP}[{CN_DIGITS}])*"
ARABIC = r"\d+"

ARTICLE = rf"第{SP}{NUMBER}{SP}条"
LAW_CHAPTER = rf"第{SP}{NUMBER}{SP}[编章节]"
CHAPTER = rf"{CN_NUMBER}{SP}、"
SECTION = rf"[（(]{SP}{CN_NUMBER}{SP}[）)]"
ITEM = rf"{ARABIC}{SP}[．.、]"
# the levels below an item: （1）, 1), ①; they stay inside the section they stand in
SUB_ITEM = rf"[（(]{SP}{ARABIC}{SP}[）)]|{ARABIC}{SP}[)）]|[\u2460-\u2473]"
# a paragraph of an article numbered as written in some laws and PDFs (`第二款`, `第 2 款`); it stays in its article
PARAGRAPH = rf"第{SP}{NUMBER}{SP}款"
# any label that may open a line inside a section: what a sentence's words start after
IN_SECTION = rf"(?:{SECTION}|{ITEM}|{SUB_ITEM}|{PARAGRAPH}){SP}"

_ANY_LABEL = re.compile(rf"^(?:{ARTICLE}|{LAW_CHAPTER}|{CHAPTER}|{SECTION}|{ITEM}|{SUB_ITEM}|{PARAGRAPH}|专栏{SP}\d)")


def written(label: str) -> str:
    """The label as the document writes it, whitespace removed: `第 1 0 条` -> `第10条`."""
    return re.sub(r"\s+", "", label)


def number(label: str) -> int | None:
    """The integer a label counts: `第十条`, `第10条`, `第１０条`, `（十）` -> 10."""
    digits = re.sub(rf"[^{CN_DIGITS}0-9]", "", unicodedata.normalize("NFKC", label))
    if not digits:
        return None
    if digits.isdigit():
        return int(digits)
    try:
        return int(cn2an.cn2an(digits.replace("两", "二"), "smart"))
    except (ValueError, KeyError):
        return None


def key(label: str) -> str:
    """The same key for every written form of one label: `（十）`, `(十)`, `( 10 )` -> `(10)`."""
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))
    n = number(folded)
    return re.sub(rf"[{CN_DIGITS}0-9]+", str(n), folded, count=1) if n is not None else folded


def starts_with_label(line: str) -> bool:
    """Whether a line opens with any outline label (a heading, not a wrapped line's tail)."""
    return bool(_ANY_LABEL.match(line.lstrip(" \t\u3000")))
