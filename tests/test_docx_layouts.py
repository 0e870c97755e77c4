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


# ---------------------------------------------------------------- tables inside table cells


def _fill(table, rows: Rows) -> None:
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value


AMOUNTS: Rows = [("档次", "认定条件", "奖励金额"), ("一档", "年研发投入超过5000万元", "80万元"),
                 ("二档", "年研发投入超过1000万元", "30万元")]

MEASURES_HEAD = ["示例县支持制造业高质量发展若干措施", "为加快制造业发展，制定以下措施。", "一、支持企业加大研发投入"]


def write_measures_with_nested_amounts(path) -> None:
    """A 若干措施 whose measures are a table; one measure's 支持标准 cell holds a small table of amounts."""
    document = docx.Document()
    for line in MEASURES_HEAD:
        document.add_paragraph(line)
    outer = document.add_table(rows=3, cols=3)
    _fill(outer, [("措施", "支持标准", "责任单位"), ("研发投入奖励", "", "县科技局"),
                  ("技术改造补助", "按设备投资额的10%给予补助，最高200万元。", "县工业和信息化局")])
    holder = outer.rows[1].cells[1]
    holder.paragraphs[0].text = "按年度研发投入分档奖励："
    _fill(holder.add_table(rows=3, cols=3), AMOUNTS)
    document.add_paragraph("二、优化营商环境")
    document.add_paragraph("（一）压缩审批时限。企业投资项目审批时限压缩至30个工作日。")
    document.save(path)


def test_a_table_of_amounts_inside_a_cell_is_read_where_it_stands(tmp_path):
    """The amounts a measure's cell holds in its own small table are read, row by row, after the
    row of that measure and before the next one: a user asking what the 一档 award is gets 80万元."""
    path = tmp_path / "示例县支持制造业高质量发展若干措施.docx"
    write_measures_with_nested_amounts(path)
    document = parse_file(path)
    lines = document.text.split("\n")
    at = lines.index("研发投入奖励\t按年度研发投入分档奖励：\t县科技局")
    assert lines[at + 1:at + 4] == ["\t".join(row) for row in AMOUNTS]
    assert lines[at + 4].startswith("技术改造补助\t")
    sections = {s.label: s for s in document.sections}
    assert "一档\t年研发投入超过5000万元\t80万元" in sections["一、"].text
    assert "80万元" not in sections["（一）"].text


def test_a_task_table_inside_a_cell_gives_units_and_leaves_the_outer_table_read(tmp_path):
    """A 任务分解表 whose cell holds the measures' own table (措施 | 牵头单位 | 配合单位): each nested
    row gives its units to the measure it names, and the outer table's later rows, read by the
    outer header, still give theirs."""
    path = tmp_path / "示例市营商环境任务分解表.docx"
    document = docx.Document()
    for line in ["示例市优化营商环境实施方案", "一、主要任务",
                 "（一）推行企业开办一网通办。全面推行企业开办全程网上办理。",
                 "（二）压缩工程建设项目审批时间。审批时间压缩至80个工作日以内。",
                 "（三）降低企业用电成本。简化用电报装流程。", "附件", "重点任务分解表"]:
        document.add_paragraph(line)
    outer = document.add_table(rows=3, cols=4)
    _fill(outer, [("序号", "重点任务", "牵头单位", "配合单位"), ("1", "推行企业开办一网通办", "", ""),
                  ("2", "降低企业用电成本", "市发展改革委", "示例供电公司")])
    outer.rows[1].cells[2].merge(outer.rows[1].cells[3])
    inner = outer.rows[1].cells[2].add_table(rows=3, cols=3)
    _fill(inner, [("具体措施", "牵头单位", "配合单位"), ("推行企业开办一网通办", "市市场监管局", "市税务局"),
                  ("压缩工程建设项目审批时间", "市住房城乡建设局", "市自然资源和规划局")])
    document.save(path)
    sections = {s.label: s for s in parse_file(path).sections}
    assert sections["（一）"].lead_units == ["市市场监管局"]
    assert sections["（二）"].lead_units == ["市住房城乡建设局"]
    assert sections["（三）"].lead_units == ["市发展改革委"]  # the outer row after the nested table


def test_a_document_laid_out_in_a_one_cell_table_reads_as_its_paragraphs(tmp_path):
    """Documents saved from a web page often sit in a one-cell frame table: its paragraphs are
    the body, line by line (not one long row), so the outline finds its chapters and sections."""
    path = tmp_path / "示例市城市更新行动方案.docx"
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1).rows[0].cells[0]
    frame.paragraphs[0].text = PLAN[0]
    for block in PLAN[1:]:
        if isinstance(block, str):
            frame.add_paragraph(block)
        else:
            _fill(frame.add_table(rows=len(block), cols=len(block[0])), block)
    document.save(path)
    parsed = parse_file(path)
    sections = {s.label: s for s in parsed.sections}
    assert parsed.title == "示例市城市更新行动方案"
    assert {"二、", "（一）", "（二）", "（三）"} <= set(sections)
    assert sections["二、"].lead_units == ["市交通运输局", "市水务局"]


# ---------------------------------------------------------------- headers and footers


def _page_field(paragraph) -> None:
    """A PAGE field as Word writes page numbers: `— {PAGE} —`."""
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE  \\* MERGEFORMAT ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")


def write_with_margins(path, sections: int = 1) -> None:
    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "示例市人民政府办公厅"
    header.add_paragraph("示府办〔2024〕12号")
    header.add_paragraph(PLAN[0])  # the title again: the body already says it
    _page_field(document.sections[0].footer.paragraphs[0])
    for at, block in enumerate(PLAN):
        document.add_paragraph(block) if isinstance(block, str) else _fill(
            document.add_table(rows=len(block), cols=len(block[0])), block)
        if sections > 1 and at == 4:
            document.add_section()  # a new section whose header is linked to the one before
    document.save(path)


def test_a_page_header_gives_the_issuer_and_the_reference_but_not_the_title(tmp_path):
    """What a header says of the document (issuing body, 文号) is read once, before the body,
    where a 公文's masthead stands: the document's 文号 is known, its title is still its title,
    and page numbers (a PAGE field in the footer) are not read as text."""
    from assistant.eligibility.validity import document_status

    path = tmp_path / "示例市城市更新行动方案.docx"
    write_with_margins(path, sections=2)
    parsed = parse_file(path)
    assert parsed.text.split("\n")[:3] == ["示例市人民政府办公厅", "示府办〔2024〕12号", PLAN[0]]
    assert parsed.text.count("示府办〔2024〕12号") == 1 and parsed.text.count(PLAN[0]) == 1
    assert "—" not in parsed.text
    assert parsed.title == "示例市城市更新行动方案"
    assert document_status(parsed.name, parsed.sections).reference == "示府办〔2024〕12号"


def test_a_masthead_written_in_the_text_is_not_read_into_the_title(tmp_path):
    """The same masthead written as body lines (a 公文 copied as text): issuer and 文号 above the
    title are no part of it, while an issuer on the line above 关于… is (a title on two lines)."""
    from assistant.ingest.outline import document_title

    assert document_title("示例市人民政府文件\n示府〔2024〕3号\n示例市促进就业若干措施\n一、总则", "x") \
        == "示例市促进就业若干措施"
    assert document_title("示例市人民政府办公厅\n关于印发示例方案的通知\n各区：", "x") == "示例市人民政府办公厅关于印发示例方案的通知"


def test_a_table_in_a_cell_spanning_rows_is_read_once(tmp_path):
    """A cell merged over several rows (one 支持标准 for two measures) holds its small table once."""
    path = tmp_path / "示例县若干措施.docx"
    document = docx.Document()
    document.add_paragraph("示例县支持农业发展若干措施")
    outer = document.add_table(rows=3, cols=3)
    _fill(outer, [("措施", "支持标准", "责任单位"), ("新建冷库补助", "", "县农业农村局"), ("改造冷库补助", "", "县农业农村局")])
    merged = outer.rows[1].cells[1].merge(outer.rows[2].cells[1])
    _fill(merged.add_table(rows=2, cols=2), [("库容", "补助金额"), ("1000吨以上", "50万元")])
    document.save(path)
    text = parse_file(path).text
    assert text.count("1000吨以上\t50万元") == 1
    assert text.index("新建冷库补助") < text.index("1000吨以上\t50万元") < text.index("改造冷库补助")
