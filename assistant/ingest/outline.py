"""Files to structured sections: the Chinese policy-document outline.

Conventions parsed: `一、` chapters, `（十六）` sections (numbered through or
restarting in each chapter), `1．` items, `专栏N` sidebars, the
`（牵头单位：…；责任单位：…）` line that closes a section; and for 条例/办法/规定
`第X章`/`第X节` chapters and `第X条` articles, each article one section with
its （一） items and paragraphs inside it. A sidebar belongs to the chapter it
stands in; text between a chapter heading and its first section is the
chapter's own section; text before the first chapter is the preamble. A
bare label that repeats in a document (（一） in every chapter) is shown
qualified by its chapter (`三、（一）`), so every section's key is unique.

A document that bundles parts is outlined as one branch per part: each
`附件N` / `附表N` (a form with its content), each document a notice issues
(its title line: `进一步支持文化企业发展的规定`), and each run of top-level
numbering that starts again (一、 after 五、) without such a line, named by
the heading line just before it (`××任务分工表`) or else `第N部分`. A part's
label opens the path of its sections (`附件2 > 一、 > （一）`), a label that
still repeats across parts is shown with it, and each part is read in its own
layout (the annex after a 办法's articles has 一、/（一）, not 第X条).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.ingest import labels
from assistant.lexicon.tags import has_chinese
from assistant.ingest.figures import find_figures, find_references
from assistant.models import Section
from assistant.ingest.readers import UnreadableDocument, corpus_listing, limits, read_document
from assistant.ingest.roles import units_in_text
from assistant.ingest.unit_notes import merge, notes_in, table_rows
from assistant.ingest.units import parse_unit_line, unit_line_written

_CN_NUM = "一二三四五六七八九十百零〇"
_HEADING_MARKUP = re.compile(r"^[#>*\s　]+|[*\s　]+$")
# a chapter heading is one short line; notices often close it with a full stop
CHAPTER = re.compile(rf"^(?P<label>{labels.CHAPTER})\s*(?P<title>[^。]{{1,40}})。?$")
# a top-level item written as a whole paragraph (a notice's measures: `一、对…的省（区、市），给予…。（X负责）`)
CHAPTER_PARAGRAPH = re.compile(rf"^(?P<label>{labels.CHAPTER})\s*(?P<rest>\S.*)$")
SECTION = re.compile(rf"^(?P<label>{labels.SECTION})\s*(?P<rest>.+)$")
SIDEBAR = re.compile(r"^(?P<label>专栏\s*\d+)\s*(?P<title>.*)$")
# a guide's step heading (`第一步：提前准备社保卡相片回执号`): a short line, its title after an optional colon
STEP = re.compile(rf"^(?P<label>{labels.STEP})\s*[：:]?\s*(?P<title>[^。]{{1,40}})$")
ITEM = re.compile(rf"^(?P<num>{labels.ITEM})\s*\S")
ITEM_HEAD = re.compile(rf"^(?P<label>{labels.ITEM})\s*(?P<rest>\S.*)$")
# a decimal outline (预案: `1　总则`, `2.1　国家粮食应急工作指挥部`, `4.2.1　出现…时，…`): the numbered headings
# are its sections, a bare number with a short title its chapters
DECIMAL = re.compile(rf"^(?P<label>{labels.DECIMAL})(?:[\s　]+|(?=[\u4e00-\u9fff“（(]))(?P<rest>\S.*)$")
DECIMAL_CHAPTER = re.compile(r"^(?P<label>\d{1,2})[\s　]+(?P<title>[^\s。，；：,;:]{1,30})$")
MIN_DECIMAL = 3  # decimal headings that make a document's outline decimal
MIN_PROJECTS = 3  # numbered items closing with their own unit note: each is a task of its own
LAW_CHAPTER = re.compile(rf"^(?P<label>{labels.LAW_CHAPTER}|{labels.PART})\s*[：:]?\s*(?P<title>[^。；]{{0,40}})$")
ARTICLE = re.compile(rf"^(?P<label>{labels.ARTICLE})(?:\s+|(?=[\u4e00-\u9fff“（(]))(?P<rest>.*)$")
# Lines that close a document rather than continue its last section: the
# issuing body and date (落款), distribution lines (抄送, 印发), 附件 lists.
SIGN_OFF = re.compile(
    r"^(?:抄送|主送|印发|分送|发送)[：:]|[\u4e00-\u9fff]{2,30}(?:办公厅|办公室)?\s*\d{4}年\d{1,2}月\d{1,2}日印发$|"
    rf"^{labels.DATE}$|"
    r"^[\u4e00-\u9fff、（）()]{2,30}(?:人民政府|办公厅|办公室|委员会|部|局|厅|委|署|院|中心|银行)$|"
    r"^[（(]此件[^）)]*[）)]$"
)
MIN_ARTICLES = 3  # a document with this many 第X条 lines is organised by articles
# `附件` / `附件2` / `附表1` alone on a line opens an annex (its title is the next line); `附表1 ××申请表`
# and `附录2：竞价指引` write its title on the same line
ANNEX = re.compile(rf"^(?P<label>{labels.ANNEX})\s*[：:]?$")
ANNEX_TITLED = re.compile(rf"^(?P<label>{labels.ANNEX_NUMBERED})\s*(?P<colon>[：:]?)\s*(?P<title>[^\s，。；：,;:、（(\d].*)$")
PREAMBLE_LABEL = "前言"


@dataclass
class ParsedDocument:
    name: str  # document title used in citations (file stem)
    source: str  # file name
    text: str
    sha256: str
    sections: list[Section] = field(default_factory=list)
    title: str = ""  # the title as the document itself writes it


@dataclass
class _Open:
    """A section being assembled while lines are read."""

    label: str
    title: str
    chapter: str
    kind: str
    start: int
    end: int = 0
    lines: list[str] = field(default_factory=list)
    units: tuple[list[str], list[str]] | None = None
    unit_source: str = ""  # see Section.unit_source
    unit_note: list[str] = field(default_factory=list)  # see Section.unit_note
    applies_to: str = ""  # see Section.applies_to
    part: str = ""  # see Section.part


@dataclass
class _Parts:
    """The part of a bundle being read: each attachment (附件2, 附表1), each document a notice
    issues (its title line), each run of top-level numbering that starts again (一、 after 五、)
    is a branch of its own, so labels repeating across parts stay apart by path."""

    label: str = ""  # the part's label in paths (附件2, its title, 第2部分); "" before any part
    heading: str = ""  # label and title: the first component of its sections' chapter
    top: int | None = None  # the last top-level (一、) number read in the part
    count: int = 1  # parts read so far, the body before the first one counted

    def open(self, label: str, title: str = "") -> None:
        self.label, self.heading, self.top = label, f"{label} {title}".strip(), None
        self.count += 1

    def entitle(self, title: str) -> None:
        self.heading = f"{self.label} {title}"

    def restarts(self, label: str) -> bool:
        """Whether a top-level label starts its numbering again (一、 after 五、)."""
        n = labels.number(label)
        return n is not None and self.top is not None and n <= self.top

    def follows(self, label: str) -> bool:
        """Whether a top-level label is the next one of the part's numbering (一、 first, 四、 after
        三、): a paragraph opening with 二、 anywhere else is an enumeration inside a section."""
        return labels.number(label) == (self.top or 0) + 1

    def count_top(self, label: str) -> None:
        self.top = labels.number(label)

    def chapter(self, within: str) -> str:
        return " > ".join(p for p in (self.heading, within) if p)


def _clean(line: str) -> str:
    return _HEADING_MARKUP.sub("", line)


def _section_heading(rest: str) -> tuple[str, str]:
    """`加快培育高新技术企业。正文…` -> (title, inline body)."""
    head, dot, body = rest.partition("。")
    if dot and len(head) <= 40:
        return head.strip(), body.strip()
    # no short title before a 。: a heading line that is a whole sentence (企业应当不迟于…报送…：)
    # is also the section's first sentence, not a title alone
    whole = rest.strip()
    return whole.rstrip("。．.")[:40], whole if len(whole) > 40 else ""


MAX_WRAPPED = 3  # continuation lines a bracket left open (a wrapped unit line) may run on


def _physical_lines(text: str) -> list[tuple[str, int, int]]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((raw, pos, pos + len(raw)))
        pos += len(raw) + 1
    return lines


def _open_brackets(line: str) -> int:
    return sum(line.count(c) for c in "（(") - sum(line.count(c) for c in "）)")


def _lines_with_offsets(text: str):
    """Lines as read, a bracket left open at a line's end (a PDF or a narrow
    page wrapping `（牵头单位：…，\n市财政局）`) joined with the lines that close it."""
    lines = _physical_lines(text)
    i = 0
    while i < len(lines):
        raw, start, end = lines[i]
        joined, j = raw, i
        while _open_brackets(joined) > 0 and j + 1 < len(lines) and j - i < MAX_WRAPPED:
            following = lines[j + 1][0]
            if not following.strip() or labels.starts_with_label(following):
                break
            joined, j = joined.rstrip() + following.strip(), j + 1
        if j > i and _open_brackets(joined) <= 0:
            yield joined, start, lines[j][2]
            i = j + 1
        else:
            yield raw, start, end
            i += 1


def parse_text(text: str, doc: str, source: str = "") -> list[Section]:
    """Sections of one decoded document, in reading order."""
    opened: list[_Open] = []
    chapter = ""
    current: _Open | None = None
    by_article = _by_article(text)
    decimal = not by_article and _decimal_outline(text)
    projects = not by_article and not decimal and (_numbered_projects(text) or _items_under_chapters(text))
    qa = not by_article and not decimal and _questions_and_answers(text)
    asked: _Open | None = None  # the question (of a Q&A page) whose answer is being read
    parent: _Open | None = None  # the （一） section numbered projects stand in
    step: _Open | None = None  # the guide's step (第二步：…) being read, whose （一） are its parts
    parts = _Parts()
    title_chars = limits().part_title_chars

    def open_unit(label: str, title: str, kind: str, start: int, within: str = "") -> _Open:
        nonlocal current
        within = parts.chapter(within or chapter) if kind != "annex" else ""  # a part heads its own branch
        current = _Open(label=labels.written(label), title=title, chapter=within, kind=kind, start=start,
                        part=parts.label)
        opened.append(current)
        return current

    def open_top(label: str, title: str, start: int) -> _Open:
        """A top-level (一、) chapter; numbering that starts again opens a part, named by the heading
        line read just before it (taken out of the section it was read into), else 第N部分."""
        if parts.restarts(label):
            if last_plain is not None and _names_part(last_plain[0].lines[-1], title_chars):
                unit, line_start, end_before = last_plain
                name = labels.written(unit.lines.pop())
                unit.end = end_before
                parts.open(name)
                open_unit(name, "", "annex", line_start)
            else:
                parts.open(f"第{parts.count + 1}部分")
        parts.count_top(label)
        return open_unit(label, title, "chapter", start)

    before = last_plain = None  # (unit, start, the unit's end before it) of a plain line: read now, read just before
    read = [(_clean(raw), start, end) for raw, start, end in _lines_with_offsets(text)]
    read = [row for row in read if row[0]]
    for at, (line, start, end) in enumerate(read):
        following = read[at + 1][0] if at + 1 < len(read) else ""
        last_plain, before = before, None
        if (units := parse_unit_line(line)) is not None and current is not None:
            owner = _owner(opened, current)
            owner.units, owner.unit_source, owner.unit_note = units, "line", unit_line_written(line)
            current.end = end
            continue
        if (m := ANNEX.match(line) or _titled_annex(line, title_chars, following)) is not None:
            chapter, title = "", (m.groupdict().get("title") or "").strip()
            by_article = _by_article(text[start:])  # an annex after a 办法's articles has a layout of its own
            parts.open(labels.written(m.group("label")), title)
            open_unit(m.group("label"), title, "annex", start)
        elif current is not None and ANNEX.match(current.label) and not current.lines and len(line) <= 60 \
                and "。" not in line and (not current.title or labels.is_part_title(line, title_chars)):
            current.title = line  # the annex's title line (`附录2：竞价指引` then `××竞价指引`: the full title)
            parts.entitle(line)
        elif _opens_part(line, doc, opened, title_chars):
            chapter, by_article = "", _by_article(text[start:])
            parts.open(labels.written(line))
            open_unit(line, "", "annex", start)
        elif m := LAW_CHAPTER.match(line):
            parts.top = None  # 一、 numbering may start again in each 第X章
            label, title = labels.written(m.group("label")), m.group("title").strip()
            chapter = f"{chapter.split(' > ')[0]} > {label} {title}".strip(" >") if "节" in label else f"{label} {title}"
            open_unit(label, title, "chapter", start)
        elif by_article and (m := ARTICLE.match(line)) and _next_article(m.group("label"), opened):
            unit = open_unit(m.group("label"), _opening_words(m.group("rest")), "article", start)
            if m.group("rest").strip():
                unit.lines.append(m.group("rest").strip())
        elif by_article and current is not None and current.kind == "article":
            current.lines.append(line)  # （一） items and further paragraphs (款) of the article
        elif qa and _asks(line):
            asked = open_unit(line, "", "section", start)  # (a Q&A page: each question heads its answer)
        elif asked is not None and asked is current and not CHAPTER.match(line):
            current.lines.append(line)  # （一）线上申请的… : a part of the answer, not a section of its own
        elif decimal and (m := DECIMAL_CHAPTER.match(line)):
            chapter, parent = f"{m.group('label')} {m.group('title')}", None
            open_unit(m.group("label"), m.group("title"), "chapter", start)
        elif decimal and (m := DECIMAL.match(line)):
            # (`4.2.1　出现…时，…报告。`: a heading written as a sentence is the section's text too)
            unit = parent = open_unit(m.group("label"), _opening_words(m.group("rest")), "section", start)
            if _decimal_text(m.group("rest")):
                unit.lines.append(m.group("rest").strip())
        elif not by_article and (row := _chapter_row(line)):
            # a table whose rows group under chapter rows (`一、\t巩固成果…\t31\t…`): the row opens
            # the chapter and, with its own cells (a 考核指标, a 负责部门), is its first line
            chapter = row[0] + row[1]
            parent = None
            open_top(row[0], row[1], start).lines.append(line)
        elif (m := CHAPTER.match(line)) and not ITEM.match(line):
            chapter = labels.written(m.group("label")) + m.group("title").strip()
            parent = None
            open_top(m.group("label"), m.group("title").strip(), start)
        elif not by_article and (m := CHAPTER_PARAGRAPH.match(line)) and parts.follows(m.group("label")):
            # a top-level item that is a paragraph, not a heading line: its opening words title it,
            # and all of it is its text (its first sentence is a measure, not a title to drop)
            title = _opening_words(m.group("rest"))
            chapter, parent = labels.written(m.group("label")) + title, None
            open_top(m.group("label"), title, start).lines.append(m.group("rest").strip())
        elif not by_article and current is not None and current.kind == "chapter" \
                and current.title.endswith(("：", ":")) and SECTION.match(line):
            current.lines.append(line)  # a heading ending in a colon introduces its list: （一）… are its items
        elif not by_article and (m := STEP.match(line)):
            step = open_unit(m.group("label"), m.group("title").strip(), "section", start)
        elif step is not None and current is step and SECTION.match(line):
            current.lines.append(line)  # （一）网上办理… : a way of taking the step, part of it
        elif not by_article and (m := SECTION.match(line)):
            title, inline = _section_heading(m.group("rest"))
            unit = parent = open_unit(m.group("label"), title, "section", start)
            if inline:
                unit.lines.append(inline)
        elif projects and current is not None and (m := ITEM_HEAD.match(line)):
            # A numbered project (`13.珠江科技新星项目。…（牵头单位：…）`) is a task of its own:
            # its own section, inside the （一） it stands in.
            title, inline = _section_heading(m.group("rest"))
            within = " > ".join(p for p in (chapter, parent.label + parent.title if parent else "") if p)
            unit = open_unit(m.group("label"), title, "section", start, within=within)
            if inline:
                unit.lines.append(inline)
        elif m := SIDEBAR.match(line):
            open_unit(m.group("label"), m.group("title").strip(), "sidebar", start)
        else:
            if current is None:
                open_unit(PREAMBLE_LABEL, "", "preamble", start)
            before = (current, start, current.end)
            current.lines.append(line)
        current.end = end
    if opened:
        _trim_sign_off(opened[-1], text)
    _attach_unit_notes(opened)
    _attach_task_table(opened)
    sections = [s for s in (_finish(o, text, doc, source) for o in opened) if s is not None]
    return _place(_qualify_repeated_labels(sections))


_CHAPTER_CELL = re.compile(rf"^{labels.CHAPTER}$")


# a question a Q&A page (政策问答) heads an answer with: a short line of its own ending in a question mark
_QUESTION_LINE = re.compile(r"^[^。！!？?]{4,40}[？?]$")
QA_QUESTIONS = 3  # standalone question lines, each answered by the line after it, that make a page a Q&A


def _asks(line: str) -> bool:
    return bool(_QUESTION_LINE.match(line)) and not labels.starts_with_label(line)


def _questions_and_answers(text: str) -> bool:
    """Whether the document is a Q&A page: questions on lines of their own, each followed by its answer."""
    lines = [_clean(raw) for raw in text.splitlines()]
    lines = [line for line in lines if line]
    answered = sum(1 for line, after in zip(lines, lines[1:]) if _asks(line) and not _asks(after))
    return answered >= QA_QUESTIONS


def _by_article(text: str) -> bool:
    """Whether a text (a document, or its parts from one on) is organised by 第X条 articles."""
    return sum(1 for line in text.split("\n") if ARTICLE.match(_clean(line))) >= MIN_ARTICLES


def _titled_annex(line: str, title_chars: int, following: str) -> re.Match | None:
    """`附表1 ××申请表`, `附录2：竞价指引`: an annex heading with its title on the same line (not a
    sentence that mentions 附件1, nor a list of attachments `附件：1.…`). Written with a colon, the line
    is also how a notice lists what it attaches (`附件1：××辅助账` line after line, then the issuing
    body): it opens an annex only when text of the annex's own follows it."""
    m = ANNEX_TITLED.match(line)
    if m is None or len(m.group("title")) > title_chars or re.search(r"[，。；：,;:]", m.group("title")):
        return None
    if m.group("colon") and (not following or ANNEX.match(following) or ANNEX_TITLED.match(following)
                             or SIGN_OFF.search(following)):
        return None
    return m


def _opens_part(line: str, doc: str, opened: list[_Open], title_chars: int) -> bool:
    """Whether a line is the title of a part the document bundles: a title line after its text has
    begun, not the one document the file is named after (`关于印发X的通知` issuing X is X)."""
    return labels.is_part_title(line, title_chars) and not _is_the_document(line, doc) and _body_begun(opened)


# what a notice's file name says it issues: 关于印发《X》的通知, 关于发布X的通知
_ISSUES = re.compile(r"关于(?:印发|发布|颁布|转发)《?(?P<title>[^《》]+?)》?的通知")


def _is_the_document(line: str, doc: str) -> bool:
    """Whether a title line names the document the file is: its name holds the line, or the line is
    the title the notice issues written with more before it (the notice issues `2021年××实施细则`, the
    attachment's title line reads `天津市2021年××实施细则`)."""
    title = labels.written(line)
    issued = _ISSUES.search(doc)
    return title in doc or (issued is not None and title.endswith(labels.written(issued.group("title"))))


def _names_part(line: str, title_chars: int) -> bool:
    """Whether a line read just before top-level numbering starts again names the part it opens: a
    heading line of its own (a 规定's title a PDF's line wrap kept from being read as one, a
    ××任务分工表): short, no sentence marks, no label, not a sign-off (the issuing body, a date), not
    a remark in brackets (（此页无正文）), not a figure's caption (图2　摩托车号牌编码规则)."""
    line = line.strip(" \t\u3000")
    return (len(line) <= title_chars and has_chinese(line) and "\t" not in line
            and not line.startswith(("（", "("))
            and not labels.has_sentence_marks(line) and not labels.starts_with_label(line) and not SIGN_OFF.search(line)
            and not labels.is_caption(line))


def _body_begun(opened: list[_Open]) -> bool:
    """Whether the document has begun its text (a sentence read): a title line before that is
    the document's own title, one after it a part the document bundles."""
    return any("。" in line for unit in opened for line in unit.lines)


def _chapter_row(line: str) -> tuple[str, str] | None:
    """(label, title) of a table row whose first cell is a chapter label alone and whose
    second holds its title (a 考核细则's `一、\t巩固成果，提升河长制工作实效\t31`)."""
    if "\t" not in line:
        return None
    row = [c.strip() for c in line.split("\t")]
    if len(row) >= 3 and _CHAPTER_CELL.match(row[0]) and 1 <= len(row[1]) <= 40:
        return labels.written(row[0]), row[1]
    return None


def _numbered_projects(text: str) -> bool:
    """Whether the document lists numbered projects that each close with a
    unit note (talent plans, 若干意见 with numbered measures), rather than
    numbered points inside a section."""
    noted = sum(1 for line in text.split("\n") if ITEM.match(_clean(line)) and notes_in(line))
    return noted >= MIN_PROJECTS


def _decimal_outline(text: str) -> bool:
    """Whether a document numbers its headings by their place in the outline (2.1, 2.1.3)."""
    return sum(1 for line in text.split("\n") if DECIMAL.match(_clean(line))) >= MIN_DECIMAL


def _decimal_text(rest: str) -> str:
    """What a decimal heading line says beyond a title: all of it when it is written as sentences."""
    return rest.strip() if "。" in rest else ""


def _items_under_chapters(text: str) -> bool:
    """Whether numbered items are the sections of a document: they stand straight under its 一、
    chapters, with no （一） level between (a 若干意见's `1.优先发展以下旅游项目。` under `一、旅游景区建设`)."""
    lines = [_clean(line) for line in text.split("\n")]
    chapters = sum(1 for line in lines if CHAPTER.match(line))
    items = sum(1 for line in lines if ITEM.match(line))
    return chapters >= 2 and items >= MIN_PROJECTS and not any(SECTION.match(line) for line in lines)


def _next_article(label: str, opened: list[_Open]) -> bool:
    """Articles are numbered one after another: a line starting 第二十条 that
    is not the next article is a reference (依照第二十条…) wrapped to a line
    start, not a heading."""
    previous = next((o.label for o in reversed(opened) if o.kind == "article"), None)
    if previous is None:
        return True
    before, this = labels.number(previous), labels.number(label)
    return before is None or this is None or this == before + 1


def _opening_words(rest: str) -> str:
    """What stands for the title of an article, or of a heading written as a paragraph: its opening words."""
    head = re.split(r"[，。；：,;:]", rest.strip(), maxsplit=1)[0]
    return head if len(head) <= 24 else head[:24] + "…"


def _trim_sign_off(unit: _Open, text: str) -> None:
    """Sign-off lines at the end of a document are not the last section's text."""
    trimmed = False
    while unit.lines and SIGN_OFF.search(unit.lines[-1]):
        unit.lines.pop()
        trimmed = True
    if trimmed and unit.lines:
        last = unit.lines[-1][-4:]  # its end: a line joined across a wrap is not in the text as one piece
        at = text.rfind(last, unit.start, unit.end + 1)
        if at >= 0:
            unit.end = at + len(last)


def _qualify_repeated_labels(sections: list[Section]) -> list[Section]:
    """A bare label that repeats in the document (（一） restarting in every
    chapter) is shown with its chapter's label (`三、（一）`); one that still
    repeats across the parts of a bundle, with its part's (`附件2 三、（一）`);
    any that still repeats gets its position (`（一）之2`). Keys (doc#label) become unique."""
    _qualify(sections, _chapter_head, skip=("chapter", "preamble"))
    _qualify(sections, lambda s: s.part if s.part != s.label else "", skip=("preamble",))
    seen: dict[str, int] = {}
    for s in sections:
        seen[labels.key(s.label)] = n = seen.get(labels.key(s.label), 0) + 1
        if n > 1:
            s.label = f"{s.label}之{n}"
        for target in s.targets + s.figures:
            target.section = s.label
    return sections


def _qualify(sections: list[Section], prefix, skip: tuple[str, ...]) -> None:
    """Qualify every label that repeats in the document with what `prefix` gives its section."""
    counts: dict[str, int] = {}
    for s in sections:
        counts[labels.key(s.label)] = counts.get(labels.key(s.label), 0) + 1
    for s in sections:
        if counts[labels.key(s.label)] > 1 and s.kind not in skip:
            s.label = labels.qualified(prefix(s), s.label)


def _chapter_head(section: Section) -> str:
    """The label of the chapter a section stands in within its part: `三、`, `第二章`."""
    head = re.match(rf"^(?:第[{_CN_NUM}\d]+[编章]|[{_CN_NUM}]+、)", section.chapter_in_part)
    return head.group(0) if head else ""


_OUTLINE_LABEL = re.compile(rf"^(?:第[{_CN_NUM}\d]+[编章节]|[{_CN_NUM}]+、|[（(][{_CN_NUM}]+[）)])")


def outline_path(section: Section) -> str:
    """The labels, as written, from the outermost chapter down to the section:
    `第二章 > 第一节 > 第十条`, `三、 > （一）`, `前言`."""
    parts = [section.part] if section.part and section.part != section.written_label else []
    for part in section.chapter.split(" > ") if section.chapter else []:
        head = _OUTLINE_LABEL.match(part.strip())
        if head:
            parts.append(head.group(0))
    if section.kind != "chapter" or not parts or parts[-1] != section.written_label:
        parts.append(section.written_label)
    return " > ".join(parts)


def _place(sections: list[Section]) -> list[Section]:
    """Give every section its outline path and an id unique by construction:
    the document, the section's position in it, and its path."""
    for position, section in enumerate(sections, 1):
        section.path = outline_path(section)
        section.id = f"{section.doc}#{position:04d}#{section.path}"
    return sections


def _owner(opened: list[_Open], current: _Open) -> _Open:
    """The section a unit line belongs to: the open one, or, when a sidebar
    interrupts a section, the section before it that has no units yet."""
    if current.kind != "sidebar":
        return current
    for unit in reversed(opened):
        if unit.kind == "section":
            return unit if unit.units is None and unit.chapter == current.chapter else current
    return current


def _attach_unit_notes(opened: list[_Open]) -> None:
    """Sections without a unit line take the units of their notes (`（A、B负责）`,
    inline `（牵头单位：…，配合单位：…）`), else of their own sentences (`由X负责`).
    Once a note declares `列第一位者为牵头单位，下同`, the first unit of every later
    `（A、B负责）` note leads; once one says where later measures apply (`以下…适用范围均为X`),
    a later note without a scope of its own applies there. A section with neither gets no units."""
    first_leads, default_scope = False, ""
    for unit in opened:
        if unit.units is not None:
            continue
        found = []
        for line in unit.lines:
            for note in notes_in(line):
                if note.declares_first_leads:
                    first_leads = True
                elif first_leads and not note.lead:
                    note.lead, note.responsible, note.source = note.responsible[:1], note.responsible[1:], "下同"
                default_scope = note.default_applies_to or default_scope
                found.append(note)
        units = merge(found) or (units_in_text("\n".join(unit.lines)) if unit.kind != "preamble" else None)
        if units is not None:
            unit.units, unit.unit_source = (units.lead, units.responsible), units.source
            unit.unit_note = units.written
            # a note without a scope of its own applies where an earlier note said later ones do
            unit.applies_to = units.applies_to or (default_scope if found else "")


def _attach_task_table(opened: list[_Open]) -> None:
    """Rows of a task table (任务分工表) give their units to the section whose
    heading or item starts with the row's task; a section with its own unit
    line keeps it."""
    holders = [unit for unit in opened for _ in unit.lines]  # the unit each line stands in
    for row in table_rows([line for unit in opened for line in unit.lines]):
        holder = holders[row.line]
        target = _section_for_task(opened, holder, row.task or row.detail[:20])
        if target is None and holder.kind in ("annex", "chapter", "section"):
            target = holder  # a table of its own (a 推广清单 in an annex): the rows are its units
        if target is None or target.unit_source not in ("", "table", "text"):
            continue
        lead, resp = target.units if target.unit_source == "table" and target.units else ([], [])
        lead = list(dict.fromkeys(lead + row.units.lead))
        resp = [u for u in dict.fromkeys(resp + row.units.responsible) if u not in lead]
        target.units, target.unit_source = (lead, resp), "table"


def _heads(lines: list[str], i: int) -> bool:
    """Whether line i may open a task a table row names: the unit's first line, or a line opening
    with its own label (`3. 建设…`). A line a page width cut may open with anything, even a task's
    words after a `；`, so an unlabelled later line is no task's head."""
    line = lines[i].lstrip(" \t\u3000")
    return i == 0 or labels.starts_with_label(line) or bool(re.match(r"\d+[．.、]", line))


def _section_for_task(opened: list[_Open], holder: _Open, task: str) -> _Open | None:
    task = re.sub(r"[。；;，,\s]", "", task)
    if len(task) < 4:
        return None
    for unit in opened:
        if unit is holder:
            continue
        heads = [unit.title] + [re.sub(r"^\d+[．.、]\s*", "", line)[:len(task) + 4]
                                for i, line in enumerate(unit.lines) if _heads(unit.lines, i)]
        if any(re.sub(r"[。；;，,\s]", "", h).startswith(task) for h in heads):
            return unit
    return None


def _finish(unit: _Open, text: str, doc: str, source: str) -> Section | None:
    body_lines = unit.lines
    if not body_lines and (unit.kind in ("chapter", "preamble") or (unit.kind == "annex" and unit.label == unit.part
                                                                     and not ANNEX.match(unit.label))):
        return None  # a chapter heading, or a part's title, followed straight by its first section
    items = [line for line in body_lines if ITEM.match(line)]
    title = unit.title
    if unit.kind == "preamble":
        title = "前言"
    lead, resp = unit.units or ([], [])
    raw = text[unit.start:unit.end].strip()
    found = find_figures("\n".join(body_lines), unit.label)
    for figure in found:
        figure.doc = doc
    targets = [f for f in found if f.kind == "target"]
    return Section(
        doc=doc,
        label=unit.label,
        written_label=unit.label,
        part=unit.part,
        title=title,
        chapter=unit.chapter if unit.kind != "preamble" else "",
        kind=unit.kind,
        text=raw,
        start=unit.start,
        end=unit.end,
        lead_units=lead,
        responsible_units=resp,
        unit_source=unit.unit_source,
        unit_note=unit.unit_note,
        applies_to=unit.applies_to,
        targets=targets,
        figures=[f for f in found if f.kind != "target"],
        references=find_references("\n".join(body_lines)),
        items=items,
        steps=labels.step_heads(body_lines, limits().step_head_chars),
        source=source,
    )


def body_text(section: Section) -> str:
    """Section text without its heading line and unit line."""
    lines = section.text.split("\n")
    if section.kind == "article" and lines:
        m = ARTICLE.match(_clean(lines[0]))
        lines = ([m.group("rest").strip()] if m and m.group("rest").strip() else []) + lines[1:]
    elif section.kind in ("section", "sidebar", "chapter") and lines:
        head = _clean(lines[0])
        if section.kind == "section":
            if (decimal := DECIMAL.match(head)) is not None:
                inline = _decimal_text(decimal.group("rest"))
            else:
                heading = SECTION.match(head) or ITEM_HEAD.match(head)
                _, inline = _section_heading(heading.group("rest")) if heading else ("", "")
            lines = ([inline] if inline else []) + lines[1:]
        elif (paragraph := CHAPTER_PARAGRAPH.match(head)) and not CHAPTER.match(head):
            lines = [paragraph.group("rest").strip()] + lines[1:]  # a top-level item written as a paragraph
        elif not _row_with_cells(head):
            lines = lines[1:]  # (a chapter row with cells of its own is a row to search, not only a heading)
    return "\n".join(l for l in (_clean(x) for x in lines) if l and parse_unit_line(l) is None)


def _row_with_cells(line: str) -> bool:
    """A chapter row of a table that says more than its label, title and score: a 考核指标 or
    a 负责部门 in its own cells (`六、\t奖扣分项目\t7\t1.…分别奖20、10分。\t县河长办`)."""
    if _chapter_row(line) is None:
        return False
    return any(cell and not re.fullmatch(r"[\d.]+", cell) for cell in (c.strip() for c in line.split("\t")[2:]))


# what follows a title block: the issuing number (国发〔2018〕41号) or the addressees (各省…：)
_AFTER_TITLE = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号|[：:]$")


# a 公文's masthead above its title: the issuing body (示例市人民政府办公厅, ××文件) or the 文号 alone
_MASTHEAD = re.compile(r"^[\u4e00-\u9fff、（）() ]{2,40}文件$|^[\u4e00-\u9fff]{1,12}[〔\[［]\s*\d{4}\s*[〕\]］]\s*\d+\s*号$")


def document_title(text: str, fallback: str) -> str:
    """The title lines at the top of the document, joined; a masthead above them (the issuing
    body, the 文号: what a Word file's page header carries) is no part of the title."""
    head: list[str] = []
    lines = [_clean(line) for line in text.split("\n")[:6]]
    for at, line in enumerate(lines):
        if not line or "\t" in line:  # a table row (a masthead: issuing body | 文件) is no title line
            continue
        following = next((l for l in lines[at + 1:] if l), "")
        # (`国务院办公厅` over `关于印发…的通知` is the title written on two lines: the issuer is part of it)
        if not head and (_MASTHEAD.match(line) or (SIGN_OFF.match(line) and not following.startswith("关于"))):
            continue
        if CHAPTER.match(line) or SECTION.match(line) or len(line) > 40 or "。" in line or _AFTER_TITLE.search(line):
            break
        head.append(line)
    return "".join(head) or fallback


def parse_file(path: Path) -> ParsedDocument:
    """Read and parse one corpus file; raises UnreadableDocument."""
    data = path.read_bytes()
    text = read_document(path.name, data)
    doc = path.stem
    sections = parse_text(text, doc=doc, source=path.name)
    if not sections:
        raise UnreadableDocument("没有识别出任何内容")
    return ParsedDocument(
        name=doc,
        source=path.name,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        sections=sections,
        title=document_title(text, doc),
    )


@dataclass
class CorpusReport:
    documents: list[ParsedDocument]
    skipped: dict[str, str]  # file name -> reason


def parse_corpus(corpus_dir: Path, max_bytes: int | None = None) -> CorpusReport:
    """Every readable document of the corpus; unreadable ones are reported by
    name with the reason, and the rest still parse."""
    documents = []
    paths, skipped = corpus_listing(corpus_dir, max_bytes)  # symlinks, hidden, oversized: refused by name
    names: dict[str, str] = {}
    for path in paths:
        try:
            parsed = parse_file(path)
        except UnreadableDocument as exc:
            skipped[path.name] = str(exc)
            continue
        except Exception as exc:  # a reader library failing on odd input
            skipped[path.name] = f"读取失败：{type(exc).__name__}: {exc}"
            continue
        if parsed.name in names:  # same stem, different format: keep the first
            skipped[path.name] = f"与 {names[parsed.name]} 同名，已跳过"
            continue
        names[parsed.name] = path.name
        documents.append(parsed)
    return CorpusReport(documents=documents, skipped=skipped)
