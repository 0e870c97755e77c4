"""Word documents read in the order they are written (issue #22): a table stands where the
document puts it (a 附表 under its heading, a project table in its chapter), not after the
whole body text. The .docx files are written here with python-docx."""

from __future__ import annotations

import copy

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from assistant.ingest.outline import parse_file

Rows = list[tuple[str, ...]]


def write_docx(path, blocks: list[str | Rows]) -> None:
    """A .docx of paragraphs (a str) and tables (a list of rows) in the order given."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=len(block), cols=len(block[0]))
        for row, values in zip(table.rows, block):
            for cell, value in zip(row.cells, values):
                cell.text = value
    document.save(path)


def outlined(tmp_path, name: str, blocks: list[str | Rows]) -> dict:
    path = tmp_path / name
    write_docx(path, blocks)
    return {s.label: s for s in parse_file(path).sections}


FORM_1: Rows = [("单位名称", "统一社会信用代码", "联系人"), ("", "", "")]
FORM_2: Rows = [("岗位名称", "见习人数", "见习期限（月）"), ("行政助理", "5", "6")]

FORMS = [
    "示例市就业见习基地管理办法",
    "一、申请条件",
    "（一）依法登记注册的单位可以申请成为见习基地。申请单位应当有固定的办公场所。",
    "（二）见习基地应当提供见习岗位。岗位人数不少于3人。",
    "附表1",
    "示例市就业见习基地申请表",
    FORM_1,
    "附表2",
    "示例市就业见习岗位需求信息表",
    FORM_2,
]


def test_a_form_holds_the_table_under_its_heading(tmp_path):
    sections = outlined(tmp_path, "示例市就业见习基地管理办法.docx", FORMS)
    first, second = sections["附表1"], sections["附表2"]
    assert "统一社会信用代码" in first.text  # the form a user opens is the one they asked for
    assert "统一社会信用代码" not in second.text
    assert "见习期限（月）" in second.text and "行政助理" in second.text
    assert "见习期限" not in first.text


PROJECTS: Rows = [
    ("序号", "项目名称", "牵头单位", "配合单位"),
    ("1", "建设城市智慧停车系统", "市交通运输局", "市公安局"),
    ("2", "改造老旧供水管网", "市水务局", "市住房城乡建设局、市财政局"),
]

PLAN = [
    "示例市城市更新行动方案",
    "为推进城市更新，制定本方案。",
    "一、总体要求",
    "（一）指导思想。坚持以人民为中心，统筹推进城市更新。",
    "二、重点项目",
    "全市安排以下重点项目，各项目按年度推进。",
    PROJECTS,
    "三、保障措施",
    "（二）强化资金保障。市财政统筹安排资金，支持城市更新。",
    "（三）加强督促检查。定期通报工作进展。",
]


def test_a_project_table_gives_its_units_to_the_chapter_it_stands_in(tmp_path):
    sections = outlined(tmp_path, "示例市城市更新行动方案.docx", PLAN)
    projects = sections["二、"]
    assert "改造老旧供水管网" in projects.text
    assert projects.lead_units == ["市交通运输局", "市水务局"]
    assert set(projects.responsible_units) == {"市公安局", "市住房城乡建设局", "市财政局"}
    last = sections["（三）"]
    assert "改造老旧供水管网" not in last.text and not last.lead_units  # not the document's last measure


TASKS: Rows = [
    ("序号", "工作事项", "牵头单位", "配合单位"),
    ("1", "强化资金保障", "市财政局", "市发展改革委"),
    ("2", "加强督促检查", "市政府督查室", "各区人民政府"),
]


def test_a_task_table_in_an_annex_still_gives_each_task_its_units(tmp_path):
    sections = outlined(tmp_path, "示例市城市更新行动方案.docx", PLAN + ["附件", "重点任务分工表", TASKS])
    assert (sections["（二）"].lead_units, sections["（二）"].responsible_units) == (["市财政局"], ["市发展改革委"])
    assert sections["（三）"].lead_units == ["市政府督查室"]
    assert "市政府督查室" in sections["附件"].text


def test_a_masthead_table_is_not_read_into_the_title(tmp_path):
    path = tmp_path / "示例方案.docx"
    write_docx(path, [[("示例市人民政府办公厅", "文件")], *PLAN[:2], *PLAN[2:]])
    document = parse_file(path)
    assert document.title == "示例市城市更新行动方案"


def test_text_inside_a_content_control_is_read_where_it_stands(tmp_path):
    """Word templates wrap blocks in content controls (w:sdt); their paragraphs are body text."""
    path = tmp_path / "示例市城市更新行动方案.docx"
    write_docx(path, PLAN)
    document = docx.Document(path)
    chapter = next(p for p in document.paragraphs if p.text == "二、重点项目")
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    moved = copy.deepcopy(chapter._p.getnext())  # the chapter's first paragraph, now inside the control
    chapter._p.getnext().addprevious(sdt)
    sdt.getnext().getparent().remove(sdt.getnext())
    content.append(moved)
    document.save(path)
    sections = {s.label: s for s in parse_file(path).sections}
    assert "全市安排以下重点项目" in sections["二、"].text


@pytest.mark.parametrize("blocks", [FORMS, PLAN])
def test_every_paragraph_and_row_is_read_once(tmp_path, blocks):
    path = tmp_path / "示例.docx"
    write_docx(path, blocks)
    text = parse_file(path).text
    for block in blocks:
        for line in [block] if isinstance(block, str) else ["\t".join(row) for row in block]:
            assert text.count(line) == 1, line
