"""A table the outline splits at its category rows (一、知识产权保护方面 …) keeps
its header in an earlier section: a row answered from a later one is still
read as its columns' names and values. The real State Council 推广清单."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.ingest.readers import read_document
from assistant.ingest.unit_notes import cells

REAL = Path(__file__).resolve().parent / "data" / "real"
LIST_DOC = next(REAL.glob("*推广第二批支持创新相关改革举措*"))


@pytest.fixture(scope="module")
def table_doc(tmp_path_factory):
    from assistant.service import Assistant, build_index
    from assistant.settings import Settings

    corpus = tmp_path_factory.mktemp("table_split") / "corpus"
    corpus.mkdir()
    shutil.copy(LIST_DOC, corpus / LIST_DOC.name)
    settings = Settings.load(corpus_dir=corpus, index_dir=corpus.parent / "index")
    build_index(settings)
    return Assistant.open(settings)


def test_a_row_under_a_later_category_is_read_with_the_tables_header(table_doc):
    lines = read_document(LIST_DOC.name, LIST_DOC.read_bytes()).split("\n")
    header_at = next(i for i, line in enumerate(lines) if "推广范围" in line and len(cells(line)) >= 4)
    row_at = next(i for i, line in enumerate(lines) if "科技创新专板" in line and len(cells(line)) == len(cells(lines[header_at])))
    category = next(i for i in range(header_at + 1, row_at) if lines[i].startswith(("一、", "二、", "三、")))
    assert header_at < category < row_at  # the header stands before a category row the outline cuts at
    header, row = cells(lines[header_at]), cells(lines[row_at])
    answer = table_doc.ask("区域性股权市场的科技创新专板，这条经验在哪些地方推开？")
    assert f"{header[-1]}：{row[-1]}" in answer.text


def test_a_tables_title_and_header_row_are_no_sentences_an_answer_quotes():
    """A table's title and header row name its columns and state nothing: an answer quoting them
    (`表1 补助标准` for 补助怎么发放？) says nothing; each data row is a sentence of its own."""
    from assistant.index.chunking import sentence_units
    from assistant.ingest.outline import parse_text

    text = ("一、补助标准\n补助标准见表1。\n表1 供暖补助标准\n供暖类型\t补助标准（元/平方米）\t发放方式\n"
            "集中供暖\t5\t按季度发放\n分户供暖\t3\t按年度发放\n")
    said = [s.text for s in sentence_units(parse_text(text, doc="示例细则"))]
    assert said == ["补助标准见表1。", "集中供暖\t5\t按季度发放", "分户供暖\t3\t按年度发放"]
