"""Every written form of a label outlines like its plain form.

Variants are generated from every real document of corpus/ and tests/data/real/
(see their SOURCES.md): labels respaced as a PDF spaces them (`第 1 0 条`,
`二 、`), 条/章/节 numbers written in Arabic instead of Chinese numerals (or back),
full-width digits and half-width brackets, long lines wrapped at the page
width; inside a law's articles, enumerated items as `（1）`, `(1)`, `1)`, `1）`, `①`
and paragraphs opened with `第N款`. The variant must give the same sections: same count, kinds, labels and
units, same text once the variant is undone."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import cn2an
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from assistant.ingest.labels import starts_with_label
from assistant.ingest.outline import parse_file, parse_text
from assistant.ingest.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(p for folder in (ROOT / "corpus", ROOT / "tests" / "data" / "real")
                   for p in folder.iterdir() if p.suffix in (".txt", ".docx", ".pdf") and p.name != "SOURCES.md")
_TEXTS: dict[Path, str] = {}

# a label at a line start: (prefix, number, closer) for 第X条/章/节, 一、, （一）, 1．
_COUNTED = re.compile(r"^(?P<indent>[ \t\u3000]*)第(?P<num>[一二三四五六七八九十百零〇]+|\d+)(?P<kind>[条章节])")
_CHAPTER = re.compile(r"^(?P<indent>[ \t\u3000]*)(?P<num>[一二三四五六七八九十]+)、")
_SECTION = re.compile(r"^(?P<indent>[ \t\u3000]*)（(?P<num>[一二三四五六七八九十]+)）")
_ITEM = re.compile(r"^(?P<indent>[ \t\u3000]*)(?P<num>\d+)．")
WRAP_AT = 46  # where a page of 10-point type wraps a line, and past the longest title an outline reads


def text_of(path: Path) -> str:
    if path not in _TEXTS:
        _TEXTS[path] = read_document(path.name, path.read_bytes())
    return _TEXTS[path]


def _spaced(label: str, rnd: random.Random) -> str:
    return "".join(c + (" " * rnd.randint(0, 2) if i < len(label) - 1 else "") for i, c in enumerate(label))


def _wide(digits: str) -> str:
    return "".join(chr(ord(d) + 0xFEE0) if d.isdigit() and d.isascii() else d for d in digits)


def _numeral(num: str) -> str:
    return str(cn2an.cn2an(num, "smart")) if not num.isdigit() else cn2an.an2cn(num)


def relabel(line: str, rnd: random.Random, respace: bool, numerals: bool, width: bool) -> str:
    """The line with its label written another way."""
    if m := _COUNTED.match(line):
        num = _numeral(m.group("num")) if numerals else m.group("num")
        num = _wide(num) if width else num
        label = f"第{num}{m.group('kind')}"
    elif m := _CHAPTER.match(line):
        label = m.group("num") + "、"
    elif m := _SECTION.match(line):
        label = f"({m.group('num')})" if width else f"（{m.group('num')}）"
    elif m := _ITEM.match(line):
        label = (_wide(m.group("num")) + "．") if width else m.group("num") + "."
    else:
        return line
    label = _spaced(label, rnd) if respace else label
    return m.group("indent") + label + line[m.end():]


def wrap(line: str, rnd: random.Random) -> list[str]:
    """A long line broken as a page width breaks it; never so that the second
    part opens like a heading, a note or a sign-off (a real ambiguity)."""
    if len(line) <= WRAP_AT + 10 or re.search(r"[\t|｜]", line):
        return [line]
    at = rnd.randint(WRAP_AT, len(line) - 5)
    head, tail = line[:at], line[at:]
    if starts_with_label(tail) or tail.lstrip().startswith(("（", "(")) or not re.search(r"[，。；]", tail):
        return [line]
    return [head, tail]


def variant(text: str, seed: int, respace=True, numerals=True, width=True, wraps=True) -> str:
    rnd = random.Random(seed)
    out: list[str] = []
    for line in text.split("\n"):
        line = relabel(line, rnd, respace and rnd.random() < 0.8, numerals, width and rnd.random() < 0.5)
        out += wrap(line, rnd) if wraps and rnd.random() < 0.5 else [line]
    return "\n".join(out)


_SUB_LABEL = re.compile(r"(?m)^[ \t\u3000]*(?:[（(][ \t\u3000]*(?P<a>[一二三四五六七八九十\d](?:[ \t\u3000]*[一二三四五六七八九十\d])*)"
                        r"[ \t\u3000]*[）)]|(?P<b>\d(?:[ \t\u3000]*\d)*)[ \t\u3000]*[)）]|(?P<c>[\u2460-\u2473]))")
_CLAUSE = re.compile(r"(?m)^[ \t\u3000]*第[ \t\u3000]*[一二三四五六七八九十\d][ \t\u3000一二三四五六七八九十\d]*款[ \t\u3000]*")


def _fold_sub_label(m: re.Match) -> str:
    n = re.sub(r"\s", "", m.group("a") or m.group("b") or "")
    n = ord(m.group("c")) - 0x245F if m.group("c") else cn2an.cn2an(n, "smart") if not n.isdigit() else int(n)
    return f"§{n}"


def undone(text: str) -> str:
    """Text with every variant undone: width folded, whitespace gone, numbers of 条/章/节 in Chinese,
    every form of a numbered list item ((一), (1), 1), ①) one token, 第N款 at a line start gone."""
    text = unicodedata.normalize("NFKC", _CLAUSE.sub("", _SUB_LABEL.sub(_fold_sub_label, text)))  # (NFKC reads ① as 1)
    text = re.sub(r"\s+", "", text)
    return re.sub(r"第(\d+)(?=[条章节])", lambda m: "第" + cn2an.an2cn(m.group(1)), text)


def _sub_form(n: int, rnd: random.Random) -> str:
    """An item numbered n inside an article, written one of the ways laws and PDFs write it."""
    forms = [f"（{n}）", f"({n})", f"{n})", f"{n}）", f"（{_wide(str(n))}）", f"（{_numeral(str(n))}）",
             f"({_numeral(str(n))})"]
    if n <= 20:
        forms.append(chr(0x2460 + n - 1))
    form = rnd.choice(forms)
    return _spaced(form, rnd) if rnd.random() < 0.3 and len(form) > 1 else form


def sub_item_variant(text: str, seed: int) -> str:
    """Inside the articles of a law: each enumerated item (`（一）`) written another way
    (`（1）`, `(1)`, `1)`, `1）`, `①`, respaced), and each further paragraph opened with its
    number as a 款 (`第二款`, `第2款`, `第 2 款`)."""
    rnd = random.Random(seed)
    out: list[str] = []
    in_article, paragraph = False, 0
    for line in text.split("\n"):
        counted = _COUNTED.match(line)
        if counted:
            in_article, paragraph = counted.group("kind") == "条", 1
        elif in_article and (m := _SECTION.match(line)):
            line = m.group("indent") + _sub_form(int(_numeral(m.group("num"))), rnd) + line[m.end():]
        elif in_article and line.rstrip().endswith("。") and not starts_with_label(line) and rnd.random() < 0.5:
            paragraph += 1
            num = rnd.choice([_numeral(str(paragraph)), str(paragraph)])
            line = f"{_spaced(f'第{num}款', rnd) if rnd.random() < 0.3 else f'第{num}款'} {line.lstrip()}"
        out.append(line)
    return "\n".join(out)


def outline(text: str) -> list[tuple]:
    return [(s.kind, undone(s.label), s.lead_units, s.responsible_units, undone(s.text))
            for s in parse_text(text, doc="示例")]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem[:14])
def test_every_label_rewritten_at_once_outlines_the_same(path):
    text = text_of(path)
    assert outline(variant(text, seed=7, wraps=False)) == outline(text)


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem[:14])
def test_wrapped_lines_outline_the_same(path):
    text = text_of(path)
    assert outline(variant(text, seed=11, respace=False, numerals=False, width=False)) == outline(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(DOCUMENTS), seed=st.integers(0, 10**6), respace=st.booleans(),
       numerals=st.booleans(), width=st.booleans(), wraps=st.booleans())
def test_any_mix_of_written_forms_outlines_the_same(path, seed, respace, numerals, width, wraps):
    text = text_of(path)
    assert outline(variant(text, seed, respace, numerals, width, wraps)) == outline(text)


def _laws() -> list[Path]:
    return [p for p in DOCUMENTS if len(re.findall(r"(?m)^\s*第[一二三四五六七八九十百零〇]+条", text_of(p))) >= 10]


def _arabic_pdf_spaced(text: str) -> str:
    """A 条例 as a county office's PDF writes it: `第 1 0 条`, some `第19条`, chapters `第 2 章`."""
    def label(m: re.Match) -> str:
        n = str(cn2an.cn2an(m.group(2), "smart"))
        return m.group(1) + (f"第 {' '.join(n)} {m.group(3)}" if int(n) % 3 else f"第{n}{m.group(3)}")
    return re.sub(r"(?m)^([ \t\u3000]*)第([一二三四五六七八九十百零〇]+)([条章])", label, text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(_laws()), seed=st.integers(0, 10**6))
def test_items_and_paragraphs_of_an_article_in_any_written_form_stay_in_it(path, seed):
    """`（1）`, `(1)`, `1)`, `1）`, `①` and `第N款` inside an article open no section of their own."""
    text = text_of(path)
    written = sub_item_variant(text, seed)
    assert written != text
    assert outline(written) == outline(text)


def test_the_generated_item_forms_cover_every_written_form():
    law = next(p for p in _laws() if re.search(r"(?m)^（一）", text_of(p)))
    seen = "\n".join(sub_item_variant(text_of(law), seed) for seed in range(20))
    for form in (r"^（\d+）", r"^\(\d+\)", r"^\d+\)", r"^\d+）", r"^[\u2460-\u2473]", r"^第\d+款", r"^第[二三四五]款",
                 r"^（ +\d"):
        assert re.search(form, seen, re.M), form


def test_the_real_documents_include_laws_to_rewrite():
    assert len(_laws()) >= 4


@pytest.mark.parametrize("path", _laws(), ids=lambda p: p.stem[:14])
def test_an_arabic_numbered_pdf_spaced_law_outlines_all_its_articles(path):
    text = text_of(path)
    written = [s.label for s in parse_text(text, doc="原文") if s.kind == "article"]
    articles = [s for s in parse_text(_arabic_pdf_spaced(text), doc="县文件") if s.kind == "article"]
    assert len(articles) == len(written) >= 10
    assert [s.label for s in articles][:3] == ["第1条", "第2条", "第3条"]  # as written, spaces gone
    assert all(" " not in s.label for s in articles)


def test_an_arabic_numbered_law_in_a_pdf_outlines_all_its_articles(tmp_path):
    from test_ingest import _pdf  # a text-layer PDF wrapped at the page width

    law = next(p for p in _laws() if "青岛" in p.stem)
    path = tmp_path / "县条例.pdf"
    _pdf(path, _arabic_pdf_spaced(text_of(law)).split("\n"))
    expected = len(re.findall(r"(?m)^\s*第[一二三四五六七八九十百零〇]+条", text_of(law)))
    articles = [s for s in parse_file(path).sections if s.kind == "article"]
    assert len(articles) == expected
    assert articles[9].label == "第10条"


@pytest.mark.parametrize("written,plain", [
    ("二 、保障措施\n（一）加强领导。各区要落实责任。\n", "二、保障措施\n（一）加强领导。各区要落实责任。\n"),
    ("第1章 总则\n第1条 为了促进发展，制定本条例。\n第2条 本条例适用于本市。\n第3条 市政府负责。\n",
     "第一章 总则\n第一条 为了促进发展，制定本条例。\n第二条 本条例适用于本市。\n第三条 市政府负责。\n"),
])
def test_a_written_form_and_its_plain_form_give_the_same_outline(written, plain):
    assert outline(written) == outline(plain)


def test_sub_items_and_paragraphs_stay_inside_their_article():
    text = ("第一条 为了规范管理，制定本办法。\n第二条 申请人应当提交下列材料：\n（1）申请书；\n1) 营业执照；\n"
            "① 财务报表。\n第二款 前款材料应当真实。\n第三条 本办法自公布之日起施行。\n")
    sections = parse_text(text, doc="示例")
    assert [s.label for s in sections] == ["第一条", "第二条", "第三条"]
    assert "① 财务报表" in sections[1].text and "第二款" in sections[1].text


# ---------------------------------------------------------------- the same text as a Word file

_ROW_CELLS = re.compile(r"[^\t]+(?:\t[^\t]*)+")


def _blocks(lines: list[str]) -> list[str | list[list[str]]]:
    """Lines as a Word file holds them: a run of tab-separated rows with as many cells each, every
    cell as read back (no spaces at its ends), is a table; any other line is a paragraph."""
    blocks: list[str | list[list[str]]] = []
    for line in lines:
        cells = line.split("\t")
        is_row = _ROW_CELLS.fullmatch(line) is not None and all(c == c.strip() for c in cells)
        if is_row and blocks and isinstance(blocks[-1], list) and len(blocks[-1][0]) == len(cells):
            blocks[-1].append(cells)
        else:
            blocks.append([cells] if is_row else line)
    return blocks


def write_docx(path: Path, lines: list[str]) -> Path:
    from test_docx_layouts import write_docx as write_blocks  # paragraphs and tables in the order given

    write_blocks(path, _blocks(lines))
    return path


def docx_outline(path: Path) -> list[tuple]:
    return [(s.kind, undone(s.label), s.lead_units, s.responsible_units, undone(s.text))
            for s in parse_file(path).sections]


def with_table(text: str, seed: int) -> list[str]:
    """The text with a task table (序号 | 任务 | 牵头单位 | 配合单位) under one of its headings."""
    rnd = random.Random(seed)
    lines = text.split("\n")
    headings = [i for i, line in enumerate(lines) if starts_with_label(line)] or [len(lines) - 1]
    at = rnd.choice(headings) + 1
    rows = [["序号", "任务", "牵头单位", "配合单位"]] + [
        [str(n), f"推进第{n}项重点工作", rnd.choice(["示例市发展改革委", "示例市财政局"]), "示例市科技局"]
        for n in range(1, rnd.randint(2, 4))]
    return lines[:at] + ["\t".join(row) for row in rows] + lines[at:]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem[:14])
def test_a_document_written_as_a_word_file_outlines_the_same(path, tmp_path):
    lines = text_of(path).split("\n")
    assert docx_outline(write_docx(tmp_path / "文件.docx", lines)) == outline("\n".join(lines))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(DOCUMENTS), seed=st.integers(0, 10**6))
def test_a_table_under_a_heading_of_a_word_file_outlines_as_its_rows_in_the_text_do(path, seed, tmp_path):
    lines = with_table(text_of(path), seed)
    assert docx_outline(write_docx(tmp_path / "文件.docx", lines)) == outline("\n".join(lines))


def test_the_word_files_written_hold_tables():
    real = next(p for p in DOCUMENTS if p.suffix == ".docx")  # its task table is written back as a table
    assert any(isinstance(b, list) for b in _blocks(text_of(real).split("\n")))
    assert any(isinstance(b, list) for b in _blocks(with_table(text_of(DOCUMENTS[0]), 1)))


def test_a_heading_ending_in_a_colon_keeps_its_numbered_list_as_its_own_text():
    """`二、…禁止从事的作业：` introduces a list: its （一）… lines are items of that section (a question
    about the list finds them under the heading that says what they are), not sections of their own."""
    text = ("附录：\n\n实习学生禁止从事的作业范围\n\n一、未满十八周岁的实习学生禁止从事的作业：\n\n"
            "（一）矿山井下作业；\n\n（二）有毒有害化学品生产作业。\n\n"
            "二、夜间实习禁止从事的作业：\n\n（一）高处作业；\n\n（二）锅炉司炉作业。\n")
    sections = parse_text(text, "某市职业院校学生实习管理办法")
    found = {s.label: s for s in sections}
    assert "二、" in found and "高处作业" in found["二、"].text and "锅炉司炉作业" in found["二、"].text
    assert not any(s.label.endswith("（一）") or s.label.endswith("（二）") for s in sections)
