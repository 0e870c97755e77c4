"""Regulations and notices from corpus/ (real public texts, see corpus/SOURCES.md):
every 第X条 is a section, （一） lists stay inside their article, repeated
labels get unique keys, sign-off lines stay out of the last section.
Expectations come from each document's own text, counted by plain regexes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.ingest.outline import parse_file, parse_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LAWS = sorted(p for p in CORPUS.glob("*.txt") if len(re.findall(r"(?m)^\s*第[一二三四五六七八九十百零〇]+条",
                                                            p.read_text(encoding="utf-8"))) >= 3)
ARTICLE_LINE = re.compile(r"(?m)^\s*(第[一二三四五六七八九十百零〇]+条)")


def test_the_corpus_has_regulations_to_test():
    assert len(LAWS) >= 3


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.stem[:12])
def test_every_article_is_one_section_labelled_as_written(path):
    doc = parse_file(path)
    written = ARTICLE_LINE.findall(doc.text)
    articles = [s for s in doc.sections if s.kind == "article"]
    assert [s.label for s in articles] == written
    keys = [s.key for s in doc.sections]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.stem[:12])
def test_items_of_an_article_stay_inside_it(path):
    doc = parse_file(path)
    for section in doc.sections:
        if section.kind != "article":
            continue
        # the article's text runs from its heading to the next article, items included
        nxt = re.search(r"(?m)^\s*第[一二三四五六七八九十百零〇]+[条章节]", doc.text[section.start + 1:])
        end = section.start + 1 + nxt.start() if nxt else len(doc.text)
        expected = re.sub(r"\s+", "", doc.text[section.start:end])
        assert re.sub(r"\s+", "", section.text) in expected
        assert len(re.sub(r"\s+", "", section.text)) >= 0.9 * len(expected) or section is doc.sections[-1]


def test_labels_restarting_in_each_chapter_are_qualified_by_the_chapter():
    text = "一、总体要求\n（一）指导思想。坚持创新。\n（二）基本原则。\n二、重点任务\n（一）建设平台。\n（二）培育企业。\n"
    labels = [s.label for s in parse_text(text, doc="示例")]
    assert labels == ["一、（一）", "一、（二）", "二、（一）", "二、（二）"]


def test_sign_off_lines_are_not_the_last_sections_text():
    text = ("一、工作任务\n（一）建设平台。加快建设创新平台。\n（二）培育企业。支持企业研发。\n"
            "广东省人民政府办公厅\n2016年9月30日\n抄送：省委办公厅。\n")
    last = parse_text(text, doc="示例")[-1]
    assert last.text.endswith("支持企业研发。")


def test_a_pdf_law_keeps_every_article_and_drops_page_numbers():
    pdf = Path(__file__).resolve().parent / "data" / "real" / "浙江省促进科技成果转化条例.pdf"
    doc = parse_file(pdf)
    articles = [s.label for s in doc.sections if s.kind == "article"]
    assert len(articles) == len(set(articles)) and articles[0] == "第一条" and articles[-1] == "第四十八条"
    assert not re.search(r"[—－-]\s*\d+\s*[—－-]", doc.text)


def test_a_reference_wrapped_to_a_line_start_is_not_an_article():
    text = "第一条 为了促进创新，制定本条例。\n第二条 县级以上人民政府应当依照本条例\n第一条规定给予支持。\n第三条 本条例自公布之日起施行。\n"
    labels = [s.label for s in parse_text(text, doc="示例") if s.kind == "article"]
    assert labels == ["第一条", "第二条", "第三条"]
