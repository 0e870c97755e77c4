"""Real documents of every common layout (corpus/ and tests/data/real/, see
their SOURCES.md): outlines, unique ids, per-document isolation of the build.
Every expectation is counted from the document's own text by plain regexes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.ingest.outline import parse_file, parse_text
from assistant.ingest.readers import read_document
from assistant.ingest.units import canonical

ROOT = Path(__file__).resolve().parent.parent
REAL = sorted(p for d in (ROOT / "corpus", ROOT / "tests" / "data" / "real")
              for p in (d.glob("*") if d.is_dir() else []) if p.stem.upper() not in ("SOURCES", "README"))
ARTICLE_LINE = re.compile(r"(?m)^\s*第[一二三四五六七八九十百零〇]+条")


def raw(path: Path) -> str:
    """The document's text as the readers decode it (any encoding or format)."""
    return read_document(path.name, path.read_bytes())


# a regulation: its articles carry （一）（二） lists inside them
LISTS_IN_ARTICLES = [p for p in REAL if p.suffix == ".txt" and len(ARTICLE_LINE.findall(raw(p))) >= 3
                     and re.search(r"(?m)^\s*[（(]一[）)]", raw(p))]


def test_ids_are_unique_across_the_whole_real_corpus():
    ids = [s.id for p in REAL for s in parse_file(p).sections]
    assert len(ids) > 100 and len(ids) == len(set(ids))


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem[:14])
def test_every_section_has_a_path_ending_in_its_label_as_written(path):
    doc = parse_file(path)
    for s in doc.sections:
        assert s.path.split(" > ")[-1] == s.written_label
        assert s.written_label and s.written_label in s.label  # qualified only by prefixing
        assert s.key == s.id and s.id.startswith(f"{doc.name}#")


def test_a_label_restarting_per_chapter_keeps_its_written_form_and_a_qualified_citation_label():
    text = "一、总体要求\n（一）指导思想。坚持创新。\n二、重点任务\n（一）建设平台。加快建设。\n"
    first, second = [s for s in parse_text(text, doc="示例") if s.kind == "section"]
    assert (first.written_label, second.written_label) == ("（一）", "（一）")
    assert (first.label, second.label) == ("一、（一）", "二、（一）")
    assert (first.path, second.path) == ("一、 > （一）", "二、 > （一）")
    assert first.id != second.id


def test_regulations_with_lists_inside_articles_are_in_the_corpus():
    assert LISTS_IN_ARTICLES, "no regulation with （一） lists inside its articles"


@pytest.fixture(scope="module")
def real_build(tmp_path_factory):
    """A regulation with （一） lists inside its articles, a plan whose labels
    restart per chapter, indexed with the real model and a real Chroma store."""
    from assistant.service import Assistant, build_index
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("formats")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(LISTS_IN_ARTICLES[0], corpus / LISTS_IN_ARTICLES[0].name)
    (corpus / "重复编号方案.txt").write_text(
        "某市重复编号方案\n一、总体要求\n（一）指导思想。坚持创新驱动。\n（二）基本原则。坚持企业主体。\n"
        "二、重点任务\n（一）建设平台。加快建设创新平台。\n（二）培育企业。支持企业研发投入。\n", encoding="utf-8")
    settings = Settings.load(corpus_dir=corpus, index_dir=root / "index")
    report = build_index(settings)
    return settings, report, Assistant.open(settings)


def test_a_regulation_with_lists_in_articles_builds_and_every_article_is_found(real_build):
    settings, report, assistant = real_build
    assert report.skipped == {}
    law = LISTS_IN_ARTICLES[0]
    written = ARTICLE_LINE.findall(raw(law))
    articles = [s for s in assistant.sections() if s.doc == law.stem and s.kind == "article"]
    assert len(articles) == len(written)
    assert assistant.section(law.stem, articles[-1].written_label) is articles[-1]


def test_a_section_is_found_by_qualified_or_written_label(real_build):
    _, _, assistant = real_build
    second = assistant.section("重复编号方案", "二、（一）")
    assert second is not None and second.title == "建设平台"
    assert assistant.section("重复编号方案", "（一）") is None  # ambiguous bare label
    assert assistant.section("重复编号方案", second.id) is second


def test_a_damaged_file_is_named_and_the_rest_builds_and_serves(real_build, tmp_path):
    from assistant.service import Assistant, build_index
    from assistant.settings import Settings

    settings, _, _ = real_build
    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    (corpus / "损坏的文件.pdf").write_bytes(bytes(range(256)) * 40)
    shutil.copytree(settings.index_dir, tmp_path / "index")
    copy = Settings.load(corpus_dir=corpus, index_dir=tmp_path / "index")
    before = Assistant.open(copy).index.build_id
    report = build_index(copy)
    assert "损坏的文件.pdf" in report.skipped and report.documents == 2
    assert "损坏的文件.pdf" in report.summary_zh()
    assert Assistant.open(copy).index.build_id in (before, report.build_id)
    assert Assistant.open(copy).section("重复编号方案", "二、（二）") is not None


# ---------------------------------------------------------------- units

UNIT_NOTE = re.compile(r"[（(](?:牵头单位[：:])?(?P<first>[^（）()、，,：:。]{2,30}?)(?:[、，,][^（）()]*?)?(?:负责|牵头|[，,]配合单位)[^（）()]*[）)]")


def _notes(text: str):
    """(offset, first unit named) of every unit note the raw text writes."""
    for m in UNIT_NOTE.finditer(text):
        first = canonical(m.group("first").removesuffix("等"))  # as the unit list names it
        if not re.search(r"有关|各|指导", first):  # `（各有关部门和单位负责）` names no one
            yield m.start(), first


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem[:14])
def test_every_unit_note_ends_up_as_units_of_the_section_it_stands_in(path):
    doc = parse_file(path)
    missed = []
    for at, first in _notes(doc.text):
        section = next((s for s in doc.sections if s.start <= at < s.end + 1), None)
        if section is not None and not any(first in u or u in first for u in section.units):
            missed.append((section.label, first))
    assert not missed


def test_notes_of_documents_that_declare_the_first_unit_leads_make_it_lead():
    declaring = [p for p in REAL if "列第一位者为牵头单位" in raw(p) or "排在第一位的部门为牵头部门" in raw(p)]
    assert declaring
    for path in declaring:
        inherited = [s for s in parse_file(path).sections if s.unit_source == "下同"]
        assert inherited, path.name
        for s in inherited:
            note = re.search(r"[（(]([^（）()：:]+?)(?:等)?(?:有关部门和单位)?(?:按职责分工)?负责[）)]", s.text)
            assert note and s.lead_units[0] in note.group(1), (s.label, s.lead_units)


def test_task_table_rows_give_their_units_to_the_task_they_name():
    docx = next(p for p in REAL if p.suffix == ".docx")
    doc = parse_file(docx)
    header = next(line for line in doc.text.split("\n") if "牵头单位" in line and "\t" in line).split("\t")
    lead_col, task_col = header.index("牵头单位"), header.index("工作事项")
    rows = [line.split("\t") for line in doc.text.split("\n") if line.count("\t") == len(header) - 1]
    rows = [r for r in rows if r[0].strip().isdigit() and r[lead_col].strip() not in ("", "/")]
    assert len(rows) > 20
    from_table = [s for s in doc.sections if s.unit_source == "table"]
    assert from_table
    for row in rows:
        task = row[task_col].strip().rstrip("。")
        owner = next(s for s in doc.sections if task in s.text and s.kind != "annex")
        assert owner.unit_source == "table"
        assert canonical(row[lead_col].split("、")[0].strip()) in owner.lead_units


NOTED_PROJECT = re.compile(r"(?m)^(\d+)[．.][^\n]*[（(](?:牵头单位[：:])?([^（）()]+)[）)]\s*$")


def _noted_projects(text: str) -> list[tuple[str, str]]:
    """(number, first unit of the note closing the line) of every numbered line ending in a unit note."""
    out = []
    for number, note in NOTED_PROJECT.findall(text):
        first = re.split(r"[、，,；;]|负责|牵头", note)[0].removesuffix("等")
        if re.search(r"(?:部|局|委|署|办|会|行|院)$", first):
            out.append((number, first))
    return out


@pytest.mark.parametrize("path", [p for p in REAL if len(_noted_projects(raw(p))) >= 3], ids=lambda p: p.stem[:14])
def test_a_numbered_project_with_its_own_unit_note_is_a_section_of_its_own(path):
    doc = parse_file(path)
    by_label = {s.written_label: s for s in doc.sections}
    for number, first in _noted_projects(doc.text):
        section = by_label.get(f"{number}.") or by_label.get(f"{number}．")
        assert section is not None, number
        assert canonical(first) in section.units, (number, first, section.units)
        # the task's own units, not every unit of the （一） it stands in
        assert len(section.lead_units) <= 2, (number, section.lead_units)
    parents = {s.chapter.split(" > ")[-1] for s in doc.sections if s.written_label.rstrip(".．").isdigit()}
    for s in doc.sections:
        if s.kind == "section" and s.heading in parents:
            assert not s.lead_units, (s.label, s.lead_units)  # no leads gathered from its projects


def test_a_table_row_reads_as_its_columns_names_and_values():
    from assistant.ingest.unit_notes import cells, labelled_row

    tables = [p for p in REAL if any(line.count(" | ") >= 3 or line.count("\t") >= 3 for line in raw(p).split("\n"))]
    assert tables
    for path in tables:
        lines = [line for line in parse_file(path).text.split("\n") if len(cells(line)) >= 3]
        # a numbered row and the header line above it with as many cells
        header, row_line = next((cells(h), r) for i, r in enumerate(lines) for h in reversed(lines[:i])
                                if cells(r)[0].isdigit() and not cells(h)[0].isdigit()
                                and len(cells(h)) == len(cells(r)) and "。" not in h)
        row = cells(row_line)
        text, quote = labelled_row(row[2][:20], parse_file(path).text)
        assert quote == row_line.strip()  # the citation quotes the row as written
        for name, value in zip(header[1:], row[1:]):
            if value not in ("", "/"):
                assert f"{name}：{value}" in text, (path.name, name)


@pytest.fixture(scope="module")
def task_table(tmp_path_factory):
    """The real .docx whose 任务分工表 gives each task its own 牵头/配合 units, indexed."""
    from assistant.service import Assistant, build_index
    from assistant.settings import Settings

    docx = next(p for p in REAL if p.suffix == ".docx")
    corpus = tmp_path_factory.mktemp("table") / "corpus"
    corpus.mkdir()
    shutil.copy(docx, corpus / docx.name)
    settings = Settings.load(corpus_dir=corpus, index_dir=corpus.parent / "index")
    build_index(settings)
    return parse_file(docx), Assistant.open(settings)


def test_a_task_named_in_a_task_table_is_answered_with_its_rows_units(task_table):
    doc, assistant = task_table
    header = next(line for line in doc.text.split("\n") if "牵头单位" in line and "\t" in line).split("\t")
    lead_col, task_col = header.index("牵头单位"), header.index("工作事项")
    rows = [r.split("\t") for r in doc.text.split("\n") if r.count("\t") == len(header) - 1 and r.split("\t")[0].isdigit()]
    distinct = {}
    for row in rows:  # tasks listed once, so the row is the task's only source of units
        distinct.setdefault(row[task_col].strip().rstrip("。"), []).append(row)
    single = [(task, rs[0]) for task, rs in distinct.items() if len(rs) == 1 and rs[0][lead_col].strip() not in ("", "/")]
    assert len(single) >= 5
    right = 0
    for task, row in single:
        answer = assistant.ask(f"{task}归哪家单位牵头负责？")
        leads = [canonical(u) for u in re.split(r"[、，,]", row[lead_col]) if u.strip()]
        right += answer.answerable and all(u in answer.text for u in leads) \
            and not any(u in answer.text for u in set(assistant.units()) - set(leads) if len(u) > 3)
    assert right / len(single) >= 0.8


def test_unit_names_are_recognised_by_how_names_of_bodies_end():
    from assistant.ingest.unit_notes import is_unit_name, unit_list

    for name in ("海关总署", "人民银行", "银保监会", "市科技主管部门", "浙江省科学技术厅", "天河区人民政府", "全国工商联"):
        assert is_unit_name(name), name
    for words in ("含技工院校", "有关部门", "3—12个月"):
        assert not unit_list(words), words
    assert unit_list("市发展改革局、科技局") == ["市发展改革局", "市科技局"]


def test_a_section_without_a_note_gets_no_units_from_the_one_before():
    text = ("一、重点任务\n（一）建设平台。加快建设平台。（科技部、财政部负责。列第一位者为牵头单位，下同）\n"
            "（二）培育企业。支持企业研发。\n（三）引进人才。（人力资源社会保障部、科技部负责）\n")
    first, second, third = [s for s in parse_text(text, doc="示例") if s.kind == "section"]
    assert (first.lead_units, first.responsible_units) == (["科技部"], ["财政部"])
    assert second.units == [] and second.unit_source == ""
    assert (third.lead_units, third.unit_source) == (["人力资源社会保障部"], "下同")


def test_a_body_said_to_lead_in_a_sections_own_sentences_leads_it():
    """No unit note, but the text says who leads (`X要继续做好牵头工作`, `由X牵头`)."""
    text = ("五、有关要求\n各地区各有关部门要切实强化组织领导。\n海关总署要继续做好牵头工作，进一步优化区域布局。\n"
            "六、保障措施\n由工业和信息化部牵头，财政部配合，完善支持政策。\n")
    first, second = [s for s in parse_text(text, doc="示例") if s.lead_units or s.responsible_units]
    assert (first.lead_units, first.responsible_units) == (["海关总署"], [])
    assert (second.lead_units, second.responsible_units) == (["工业和信息化部"], ["财政部"])


def test_measures_closing_with_their_own_note_keep_their_own_units():
    """`…降至最低。（生态环境部、交通运输部指导）推广一批技术。（工业和信息化部牵头，财政部参与）`:
    each measure answers for itself, not with the union the section gathers."""
    from assistant.ingest.unit_notes import noted_measures

    line = ("全面实施危险废物电子转移联单制度，大幅提升风险防控水平。（生态环境部、交通运输部指导）"
            "推广一批先进适用技术装备，推动资源化利用。（工业和信息化部牵头，财政部参与）")
    first, second = noted_measures([line])
    assert first.task.startswith("全面实施") and first.units.lead == ["生态环境部", "交通运输部"]
    assert first.quote.endswith("交通运输部指导）")
    assert (second.units.lead, second.units.responsible) == (["工业和信息化部"], ["财政部"])
    assert noted_measures(["只有一项措施。（科技部负责）"]) == []  # one note: the section's own


# ---------------------------------------------------------------- figures

CN_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百]+)")
CN_MONEY_OR_TIME = re.compile(r"(?<![零〇一二两三四五六七八九十百千万第])([一二两三四五六七八九十百千]+[万亿]?)(万元|元|日内|个月)")


def _all_figures(path: Path):
    doc = parse_file(path)
    return doc, [f for s in doc.sections for f in s.targets + s.figures]


@pytest.mark.parametrize("path", [p for p in REAL if CN_PERCENT.search(raw(p)) or CN_MONEY_OR_TIME.search(raw(p))],
                         ids=lambda p: p.stem[:14])
def test_figures_in_chinese_numerals_are_normalised_as_cn2an_reads_them(path):
    import cn2an

    doc, figures = _all_figures(path)
    by_written = {}
    for f in figures:
        by_written.setdefault(f.written, []).append(f)
    for m in CN_PERCENT.finditer(doc.text):
        found = by_written.get(m.group(0))
        assert found, m.group(0)
        assert all(f.number == cn2an.cn2an(m.group(1), "smart") and f.unit == "%" for f in found)
    for m in CN_MONEY_OR_TIME.finditer(doc.text):
        written = m.group(1) + m.group(2).removesuffix("内")
        found = [f for w, fs in by_written.items() if w.startswith(written) for f in fs]
        if not found:
            continue  # a count in passing is not kept; those kept must be read right
        assert found[0].number == cn2an.cn2an(m.group(1), "smart"), written


def test_a_range_is_one_figure_with_both_ends():
    from assistant.ingest.figures import find_figures

    fine = find_figures("违反本条例规定的，处一万元以上十万元以下的罚款。", "第四十条")[0]
    assert (fine.kind, fine.number, fine.upper, fine.unit, fine.written) == ("amount", 10000, 100000, "元", "一万元以上十万元以下")


def test_the_day_a_law_was_amended_sets_no_target_for_its_year():
    from assistant.ingest.figures import find_targets

    record = "2018年12月29日第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国电力法〉等四部法律的决定》第二次修正"
    assert find_targets(record, "前言") == []
    assert [t.year for t in find_targets("到2030年，孵化器达到40家。", "（三）")] == [2030]


def test_a_figure_qualifying_what_a_rule_applies_to_is_no_target():
    """四层以上（含四层）未设电梯的住宅: the buildings a rule covers, not a goal to reach."""
    from assistant.ingest.figures import find_targets

    assert find_targets("本办法适用于本市四层以上（含四层）未设电梯的既有住宅。", "第二条") == []
    # (a sum in brackets that a later clause takes a share of is no qualifier: 上限（30万元）之和的110%)
    from assistant.ingest.figures import find_figures
    capped = find_figures("贷款额度最高不超过个人创业担保贷款额度上限（30万元）之和的110%。", "七、")
    assert [f.kind for f in capped if f.unit == "万元"] != ["threshold"]
    assert [t.number for t in find_targets("到2027年，全市既有住宅增设电梯达到500部以上。", "（二）")] == [500]


def test_targets_take_the_year_the_text_attaches_and_periods_do_not_make_targets():
    for path in REAL:
        doc, figures = _all_figures(path)
        for f in figures:
            if f.kind == "target" and f.year is not None:
                assert f"{f.year}年" in f.sentence or any(
                    f"{f.year}年" in s.text for s in doc.sections if s.label == f.section)
            if f.kind == "duration" and f.period:
                assert f.written in f.period and not any(
                    t.kind == "target" and t.sentence == f.sentence and t.written == f.written for t in figures)


def test_units_outside_a_closed_list_and_thresholds_apart_from_targets():
    from assistant.ingest.figures import find_figures

    text = "到2025年，新增就业50万名，建设保障性住房2000套，装机容量达到8亿千瓦。"
    assert [(t.written, t.year, t.kind) for t in find_figures(text, "（一）")] == [
        ("50万名", 2025, "target"), ("2000套", 2025, "target"), ("8亿千瓦", 2025, "target")]
    threshold = find_figures("对当年新招用人员达到企业职工总数30%的企业，给予社会保险补贴。", "（二）")
    assert [(t.written, t.kind) for t in threshold] == [("30%", "threshold")]
    period = find_figures("自2018年起3年内，对符合条件的企业给予补贴。", "（三）")
    assert [(t.written, t.kind, t.year, t.period) for t in period] == [("3年", "duration", None, "自2018年起3年内")]


def test_a_measure_repeated_in_the_task_table_is_cited_in_both_places(task_table):
    """A plan states a measure in its body and again in its 任务分工表: an answer
    quoting one cites the other too, so staff see who is assigned it."""
    from assistant.eligibility import same_measure
    from assistant.ingest.figures import split_sentences
    from assistant.ingest.outline import body_text

    doc, assistant = task_table
    sections = [s for s in assistant.sections() if s.doc == doc.sections[0].doc]
    tables = [s for s in sections if s.label.startswith("附件")]
    body = [s for s in sections if not s.label.startswith("附件") and s.kind == "section"]
    table_text = [t for s in tables for t in split_sentences(body_text(s)) if len(t) >= 15]
    twins = [(s, t) for s in body for t in split_sentences(body_text(s))
             if len(t) >= 30 and any(same_measure(t, x) for x in table_text)][:5]
    assert twins
    quoting_the_body = 0
    for section, sentence in twins:
        answer = assistant.ask(sentence.rstrip("。；") + "，具体是怎么规定的？")
        cited = {c.section for c in answer.citations}
        if section.label in cited:
            quoting_the_body += 1
            assert cited & {s.label for s in tables}, sentence
    assert quoting_the_body


def test_a_markdown_tables_rows_read_as_its_columns_names_and_values():
    """A .md file's pipe table (`| 类别 | 期限 |`, the `|---|` line under the header) reads as a Word table does:
    each row's cells by the column names, the rule line gone."""
    from assistant.ingest.unit_notes import labelled_row

    page = "\n".join(["# 示例市人才落户指南", "", "一、申报条件", "", "满足以下任一条件即可申报：", "",
                      "| 人才类别 | 年龄要求 | 说明 |", "|:---|---|---:|",
                      "| 博士 | 55周岁以下 | 具有博士学位即可。 |", "| 硕士 | 45周岁以下 | 具有硕士学位即可。 |"])
    text = read_document("指南.md", page.encode("utf-8"))
    assert "---" not in text and "|" not in text
    read, quote = labelled_row("硕士", text)
    assert "人才类别：硕士" in read and "年龄要求：45周岁以下" in read and "。。" not in read, read
