"""Unit notes and tables in layouts the corpus did not hold, each in a small
document these tests write: measures that close with `（负责部门：…；适用范围：…）`,
a .docx 考核细则 whose table groups its rows under chapter rows (`一、`) and names
the bodies in a `负责考核部门` column, one per line of a cell, and regulations
that name their offices with 主管, 统筹协调, 和 or a 机关."""

from __future__ import annotations

import pytest

from assistant.ingest.outline import parse_file

MEASURES = """示例省关于支持开发区改革创新的若干措施

各市人民政府，省政府各部门：
现就支持开发区改革创新提出如下措施。
一、优化营商环境
（一）在开发区试行企业投资项目承诺制，减少审批环节。（负责部门：省发展改革委、省自然资源厅；适用范围：全部开发区）
（二）支持开发区设立知识产权快速维权窗口。（负责部门：省知识产权局）
（三）允许开发区内企业自主选择检验检测机构。（负责部门：省市场监管局等部门）
二、强化金融支持
（四）鼓励银行在开发区设立科技支行。（负责部门：人民银行省分行、省地方金融监管局，适用范围：国家级开发区）
（五）探索知识产权质押融资风险补偿。（负责部门：省知识产权局、省财政厅）
三、抓好组织实施
各地区、各部门要高度重视，加强协作。省开发区工作领导小组办公室要切实发挥统筹协调作用，加强督促检查。
"""


def outlined(tmp_path_factory, name: str, text: str) -> dict:
    """The sections, by label, of a document the test writes."""
    path = tmp_path_factory.mktemp("doc") / name
    path.write_text(text, encoding="utf-8")
    return {s.label: s for s in parse_file(path).sections}


@pytest.fixture(scope="module")
def measures(tmp_path_factory):
    return outlined(tmp_path_factory, "示例省关于支持开发区改革创新的若干措施.txt", MEASURES)


@pytest.mark.parametrize("label, responsible", [
    ("（一）", ["省发展改革委", "省自然资源厅"]),
    ("（二）", ["省知识产权局"]),
    ("（三）", ["省市场监管局"]),
    ("（四）", ["人民银行省分行", "省地方金融监管局"]),
    ("（五）", ["省知识产权局", "省财政厅"]),
])
def test_a_note_naming_the_bodies_responsible_gives_them_to_its_measure(measures, label, responsible):
    section = measures[label]
    assert (section.lead_units, section.responsible_units) == ([], responsible)


def test_a_notes_scope_is_kept_and_a_default_scope_reaches_later_notes(tmp_path_factory):
    text = MEASURES.replace("适用范围：全部开发区）", "适用范围：全部开发区，以下除标注适用于特定开发区的措施外，适用范围均为全部开发区）")
    sections = outlined(tmp_path_factory, "示例省关于支持开发区改革创新的若干措施.txt", text)
    assert [sections[label].applies_to for label in ("（一）", "（二）", "（四）")] == ["全部开发区", "全部开发区", "国家级开发区"]
    assert sections["三、"].applies_to == ""  # no note, no scope
    assert outlined(tmp_path_factory, "示例.txt", MEASURES)["（二）"].applies_to == ""  # no default declared


def test_a_closing_chapter_that_names_who_coordinates_makes_it_lead(measures):
    chapter = measures["三、"]
    assert chapter.lead_units == ["省开发区工作领导小组办公室"]
    assert not {"各地区部门", "各部门", "各地区"} & set(chapter.units)  # everyone is no one in particular


ROWS = [
    ("序号", "考核项目", "分值", "考核指标", "负责考核部门"),
    ("一、", "健全工作体系", "20", "", ""),
    ("1", "完善巡查制度", "8", "建立月度巡查制度，\n巡查记录完整，得8分。", "县治水办"),
    ("2", "开展宣传教育", "12", "1.开展进校园活动，得6分。\n2.开展进社区活动，得6分。", "县委宣传部\n县教育局"),
    ("二、", "推进专项整治", "30", "", ""),
    ("3", "整治入河排污口", "18", "建立排污口台帐，\n依法取缔非法排污口，得18分。", "县生态环境局"),
    ("4", "清理河道垃圾", "12", "河道无垃圾堆积，得12分。", "县城管局\n县治水办"),
    ("三、", "加分项目", "10", "工作经验获省表扬的，加10分。", "县治水办"),
]


@pytest.fixture(scope="module")
def table_doc(tmp_path_factory):
    import docx

    document = docx.Document()
    document.add_paragraph("示例县2019年度治水工作考核细则")
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for row, values in zip(table.rows, ROWS):
        for cell, value in zip(row.cells, values):
            cell.text = value  # (python-docx writes a paragraph per line)
    root = tmp_path_factory.mktemp("table")
    (root / "corpus").mkdir()
    path = root / "corpus" / "示例县2019年度治水工作考核细则.docx"
    document.save(path)
    (root / "corpus" / "示例省关于支持开发区改革创新的若干措施.txt").write_text(MEASURES, encoding="utf-8")
    return root, path


def test_chapter_rows_of_a_table_outline_as_chapters_holding_their_rows(table_doc):
    _, path = table_doc
    sections = {s.label: s for s in parse_file(path).sections}
    assert [label for label in sections if label != "前言"] == ["一、", "二、", "三、"]
    assert sections["一、"].title == "健全工作体系"
    assert "开展进社区活动" in sections["一、"].text and "整治入河排污口" in sections["二、"].text
    assert "加10分" in sections["三、"].text  # a chapter row with its own cells keeps them


def test_a_responsible_column_gives_each_chapter_the_bodies_of_its_rows(table_doc):
    _, path = table_doc
    sections = {s.label: s for s in parse_file(path).sections}
    assert sections["一、"].responsible_units == ["县治水办", "县委宣传部", "县教育局"]  # one per line, not glued
    assert sections["二、"].responsible_units == ["县生态环境局", "县城管局", "县治水办"]
    assert sections["三、"].responsible_units == ["县治水办"]


def test_a_cell_broken_over_lines_reads_as_one_line_and_no_figure_spans_two_cells(table_doc):
    _, path = table_doc
    document = parse_file(path)
    assert "建立排污口台帐，依法取缔非法排污口，得18分。" in document.text
    figures = [f.written for s in document.sections for f in s.targets + s.figures]
    assert not any("\t" in f for f in figures)


@pytest.fixture(scope="module")
def table_assistant(table_doc):
    from assistant.index.build import build_index
    from assistant.service import Assistant
    from assistant.settings import Settings

    root, _ = table_doc
    settings = Settings.load(corpus_dir=root / "corpus", index_dir=root / "index")
    build_index(settings)
    return Assistant.open(settings)


def test_a_duties_question_names_the_rows_a_body_assesses(table_assistant):
    answer = table_assistant.ask("县治水办负责考核哪些项目？")
    assert answer.answerable, answer.text
    assert {c.section for c in answer.citations} == {"一、", "二、", "三、"}
    assert all(task in answer.text for task in ("完善巡查制度", "清理河道垃圾")), answer.text
    assert "开展宣传教育" not in answer.text  # a row of 一、 that 县治水办 does not assess


@pytest.mark.parametrize("question", [
    "示例县2019年度治水工作考核细则里，县城管局负责考核哪些项目？",  # the document named as well
    "县城管局每年要考核下辖各乡镇的哪些工作？",  # the body assessed between the verb and the question word
    "在治水工作考核中，县城管局要做什么？",
])
def test_a_unit_as_the_subject_of_a_duty_asked_is_a_duties_question(table_assistant, question):
    answer = table_assistant.ask(question)
    assert answer.intent == "duties", answer.text
    assert "清理河道垃圾" in answer.text and [c.section for c in answer.citations] == ["二、"]


def test_a_question_on_when_a_units_task_is_due_is_no_duties_question(table_assistant):
    assert table_assistant.ask("县城管局负责的河道清理什么时候完成？").intent != "duties"


def test_who_answers_for_a_measure_says_where_it_applies(table_assistant):
    answer = table_assistant.ask("鼓励银行在开发区设立科技支行，负责部门是哪些？")
    assert "人民银行省分行" in answer.text and "省地方金融监管局" in answer.text, answer.text
    assert "国家级开发区" in answer.text


def test_where_a_measure_applies_is_answered_from_its_note(table_assistant):
    answer = table_assistant.ask("在开发区设立科技支行这条措施适用于哪些开发区？")
    assert answer.answerable and "国家级开发区" in answer.text.split("〔")[0], answer.text
    assert [c.section for c in answer.citations] == ["（四）"]


def test_a_chapter_rows_own_cells_are_searched_and_answer(table_assistant):
    """The text a chapter row carries in its own cells (a 考核指标) is indexed like any row's,
    so the short chapter holding it wins over a long one that merely shares its words."""
    answer = table_assistant.ask("治水工作经验获省表扬的，考核能加几分？")
    assert answer.answerable and "加10分" in answer.text, answer.text
    assert [c.section for c in answer.citations] == ["三、"]


REGULATION = """示例市就业促进条例

第一条 为了促进就业，制定本条例。
第二条 市人力资源和社会保障行政部门主管全市的就业促进工作。区县人力资源和社会保障行政部门主管本行政区域内的就业促进工作。
第三条 地方税务机关负责就业补助资金相关税费的征收。审计机关依法对就业资金进行审计监督。
第四条 市发展改革委和市财政局负责就业创业资金的安排。
第五条 市人民政府各有关部门在各自职责范围内负责就业促进工作。
第六条 本条例自2025年1月1日起施行。
"""


@pytest.fixture(scope="module")
def regulation(tmp_path_factory):
    return outlined(tmp_path_factory, "示例市就业促进条例.txt", REGULATION)


@pytest.mark.parametrize("label, lead, responsible", [
    ("第二条", ["市人力资源和社会保障行政部门", "区县人力资源和社会保障行政部门"], []),  # 主管: in charge
    ("第三条", [], ["地方税务机关"]),
    ("第四条", [], ["市发展改革委", "市财政局"]),  # two bodies joined by 和
    ("第五条", [], ["市人民政府各有关部门"]),  # as written, not 市人民政府
])
def test_a_regulations_offices_in_other_wordings(regulation, label, lead, responsible):
    section = regulation[label]
    assert (section.lead_units, section.responsible_units) == (lead, responsible)


def test_a_question_on_one_row_is_answered_with_that_rows_bodies(table_assistant):
    """The table's header stands before the first chapter row; each row still has its own bodies."""
    answer = table_assistant.ask("清理河道垃圾这项由哪些部门负责考核？")
    assert answer.answerable, answer.text
    first = answer.text.split("\n")[0]
    assert "县城管局" in first and "县治水办" in first and "县生态环境局" not in first
    assert [c.section for c in answer.citations] == ["二、"]


def test_a_row_is_found_though_the_question_names_the_document(table_assistant):
    answer = table_assistant.ask("示例县2019年度治水工作考核细则中，整治入河排污口这项考核归哪个部门？")
    assert answer.text.split("\n")[0].count("县") == 1 and "县生态环境局" in answer.text, answer.text
