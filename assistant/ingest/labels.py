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
# a document's parts as it writes them (`第二部分：违规补缴`, above its 一、 chapters or standing alone): outlined as a
# law's 章 is; not a label a citation joins straight on (`第2部分 （一）`, the name the parser gives a part)
PART = rf"第{SP}{NUMBER}{SP}部分"
CHAPTER = rf"{CN_NUMBER}{SP}、"
SECTION = rf"[（(]{SP}{CN_NUMBER}{SP}[）)]"
ITEM = rf"{ARABIC}{SP}[．.、]"
# a heading numbered by its place in the outline, as 预案 and technical documents write them: `2.1`, `2.1.3`
DECIMAL = rf"{ARABIC}(?:[．.]{ARABIC})+"
# the levels below an item: （1）, 1), ①; they stay inside the section they stand in
SUB_ITEM = rf"[（(]{SP}{ARABIC}{SP}[）)]|{ARABIC}{SP}[)）]|[\u2460-\u2473]"
# a paragraph of an article numbered as written in some laws and PDFs (`第二款`, `第 2 款`); it stays in its article
PARAGRAPH = rf"第{SP}{NUMBER}{SP}款"
# a guide's steps (`第二步：办理申领`): headings of their own, their （一） the step's parts
STEP = rf"第{SP}{NUMBER}{SP}步"
# an attachment, an appendix or a form heading of its own: `附件`, `附件2`, `附件二`, `附录2`, `附表1`
ANNEX_NUMBERED = rf"附{SP}[件表录]{SP}{NUMBER}"
ANNEX = rf"(?:{ANNEX_NUMBERED}|附{SP}[件表录])"
# a date as a sign-off writes it (2020年1月2日, 二〇二〇年一月二日)
DATE = r"(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d〇零一二三四五六七八九十]{1,2}月[\d〇零一二三四五六七八九十]{1,3}日"
# what a part a document bundles is titled as (`进一步支持文化企业发展的规定`, `××实施方案`)
DOCUMENT_KINDS = ("规定", "办法", "细则", "方案", "意见", "通知", "计划", "条例", "规则", "措施", "决定", "纲要",
                  "指引", "指南")
_SENTENCE_MARKS = re.compile(r"[，。；：！？,;:!?、“”《》]")
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
    """The same key for every written form of one label: `（十）`, `(十)`, `( 10 )` -> `(10)`; a
    decimal label (`2.1.3`) is its own key."""
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))
    if re.fullmatch(DECIMAL, folded):
        return folded
    n = number(folded)
    return re.sub(rf"[{CN_DIGITS}0-9]+", str(n), folded, count=1) if n is not None else folded


def qualified(outer: str, label: str) -> str:
    """A repeating label as citations show it, with what it stands in: its chapter's label joined
    straight on (`三、（一）`, `第二章（一）`: the outer label closes itself), the name of its part
    after a space (`附件2 三、（一）`, `第2部分 （一）`, `××规定 一、`), so a part's number and the
    label do not run together (`附件二 三、` is not `附件二三、`) nor a title into it. (Key facts are
    compared with whitespace removed, so an answer stating either form states the label.)"""
    if not outer:
        return label
    return f"{outer}{label}" if starts_with_label(outer) else f"{outer} {label}"


def starts_with_label(line: str) -> bool:
    """Whether a line opens with any outline label (a heading, not a wrapped line's tail)."""
    return bool(_ANY_LABEL.match(line.lstrip(" \t\u3000")))


# a figure's or a table's caption (图1　汽车号牌编码规则, 表2 补贴标准): it names what it stands over, no part
_CAPTION = re.compile(r"^(?:图|表)\s*[0-9０-９]+[\s\u3000]*[\u4e00-\u9fff]")


def is_caption(line: str) -> bool:
    """Whether a line is a figure's or a table's caption (图1　汽车号牌编码规则), not a heading."""
    return bool(_CAPTION.match(line.strip(" \t\u3000")))


def has_sentence_marks(line: str) -> bool:
    """Whether a line is punctuated as a sentence or a list, not as a title."""
    return bool(_SENTENCE_MARKS.search(line))


_STEP = re.compile(rf"^(?P<label>{SECTION}|{ITEM}|{SUB_ITEM}){SP}(?P<head>\S.*)$")


# what the text before a list of titled lines calls them when they are stages (认定程序如下：, 按以下程序办理：),
# not a list of papers or items (申请时提交下列材料：1. 申请表)
_PROCEDURE_WORDS = ("程序", "流程", "步骤", "环节", "阶段")


def step_heads(lines: list[str], max_chars: int) -> list[str]:
    """The heads of a section's steps: numbered lines of one label kind that are titles, not sentences
    (`（一）企业申请`, `（二）专家评审`, each followed by its own paragraphs), in order, as written, where the
    text before them says they are stages (`认定程序如下：`). A procedure article names its stages so;
    fewer than two such lines name no steps."""
    found: list[tuple[int, str, str]] = []
    for at, line in enumerate(lines):
        m = _STEP.match(line.strip(" \t\u3000"))
        if m and len(m.group("head")) <= max_chars and not has_sentence_marks(m.group("head")):
            found.append((at, _label_kind(m.group("label")), written(line.strip())))
    if len(found) < 2 or len({kind for _, kind, _ in found}) > 1:
        return []
    lead_in = "".join(lines[:found[0][0]])
    return [head for _, _, head in found] if any(w in lead_in for w in _PROCEDURE_WORDS) else []


def _label_kind(label: str) -> str:
    """Which way a step's label is written: （一）, 1. or （1）."""
    return next(kind for kind, pattern in (("section", SECTION), ("item", ITEM), ("sub_item", SUB_ITEM))
                if re.fullmatch(pattern, label.strip()))


def is_part_title(line: str, max_chars: int) -> bool:
    """Whether a line is the title of a document standing alone (a 规定 a notice issues, the
    title under `附件2`): short, no sentence marks, no label, ending in a document kind."""
    line = line.strip(" \t\u3000")
    kind = re.sub(r"[（(][^（）()]{1,6}[）)]$", "", line)  # `…办法（试行）`
    return (0 < len(line) <= max_chars and kind.endswith(DOCUMENT_KINDS) and not _SENTENCE_MARKS.search(line)
            and not starts_with_label(line) and not is_caption(line))  # (图1　汽车号牌编码规则: a figure's)
