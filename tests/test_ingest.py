"""Structured ingestion: the plan's outline, units, targets and references,
and the same document through every supported format."""

from __future__ import annotations

import pytest

from assistant.ingest.outline import parse_corpus, parse_file, parse_text
from assistant.ingest.readers import UnreadableDocument, read_document
from assistant.ingest.units import expand_units, parse_unit_line

CN = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    tens, ones = divmod(n, 10)
    return (CN[tens - 1] if tens > 1 else "") + "十" + (CN[ones - 1] if ones else "")


@pytest.fixture(scope="module")
def plan(plan_path):
    return parse_file(plan_path)


def by_label(doc, label):
    return next(s for s in doc.sections if s.label == label)


def test_plan_has_thirty_sections_in_order_and_eight_sidebars(plan):
    numbered = [s for s in plan.sections if s.kind == "section"]
    assert [s.label for s in numbered] == [f"（{cn_number(n)}）" for n in range(1, 31)]
    sidebars = [s for s in plan.sections if s.kind == "sidebar"]
    assert [s.label for s in sidebars] == [f"专栏{n}" for n in range(1, 9)]


def test_titles_and_chapters_come_from_the_headings(plan):
    s16 = by_label(plan, "（十六）")
    assert s16.title == "加快培育高新技术企业"
    assert s16.chapter == "五、提升自主创新能力"
    assert s16.breadcrumb.endswith("五、提升自主创新能力 > （十六）加快培育高新技术企业")
    assert s16.path == "五、 > （十六）"
    assert by_label(plan, "专栏8").chapter == "六、营造良好的创新创业环境"  # the chapter it stands in
    assert by_label(plan, "专栏3").chapter.startswith("四、")
    assert by_label(plan, "（一）").chapter == "一、总体要求"


def test_offsets_point_into_the_source(plan, plan_text):
    for section in plan.sections:
        assert plan_text[section.start:section.end].strip() == section.text
        if section.kind == "section":
            assert plan_text[section.start:].startswith(section.label)


def test_every_unit_line_is_attached_to_its_section(plan, plan_text):
    lines = [l for l in plan_text.split("\n") if parse_unit_line(l.strip())]
    with_units = [s for s in plan.sections if s.lead_units]
    assert len(lines) == 27 == len(with_units)
    assert all(s.kind == "section" for s in with_units)
    for section in with_units:  # the unit line closes its own section's text
        assert "牵头单位" in section.text.split("\n")[-1]


def test_abbreviated_unit_lists_are_expanded(plan):
    assert "市商务局" in by_label(plan, "（十五）").responsible_units
    assert "市商务局" in by_label(plan, "（十二）").responsible_units
    assert by_label(plan, "（二十二）").lead_units == ["市委组织部"]
    s4 = by_label(plan, "（四）")
    assert s4.responsible_units == ["各镇区", "市发展改革局", "市科技局"]
    s22 = by_label(plan, "（二十二）").responsible_units
    assert "团市委" in s22 and "市科协" in s22 and "市委统战部" in s22
    for section in plan.sections:
        for unit in section.units:
            assert unit.startswith(("市", "各", "团")) or unit.endswith(("开发区", "新区")), unit


def test_unit_expansion_rules():
    assert expand_units("市发展改革局、科技局") == ["市发展改革局", "市科技局"]
    assert expand_units("各镇区，市委组织部、宣传部") == ["各镇区", "市委组织部", "市委宣传部"]
    assert expand_units("市科技局，财政局；市场监管局") == ["市科技局", "市财政局", "市市场监管局"]
    assert expand_units("火炬开发区、翠亨新区") == ["火炬开发区", "翠亨新区"]


def test_targets_carry_value_unit_year_and_sentence(plan):
    targets = by_label(plan, "（三）").targets
    found = {(t.value, t.unit, t.year) for t in targets}
    assert {("2.9", "%", 2020), ("1000", "家", 2020), ("5000", "亿元", 2020)} <= found
    rd = next(t for t in targets if t.value == "2.9")
    assert "R&D" in rd.metric and "2.9%" in rd.sentence
    # 年产值5亿元以上的企业 is a condition, not a target
    assert not any(t.value == "5" and t.unit == "亿元" for t in by_label(plan, "（十七）").targets)


def test_references_by_number_and_title(plan):
    preamble = plan.sections[0]
    assert preamble.kind == "preamble"
    assert "粤府〔2016〕31号" in preamble.references
    assert "中府办〔2016〕36号" in by_label(plan, "（四）").references
    assert any(r.startswith("《广东省自主创新促进条例") for r in by_label(plan, "（二十七）").references)


def test_the_unseen_document_parses_by_the_same_rules(second_doc_path):
    doc = parse_file(second_doc_path)
    sections = [s for s in doc.sections if s.kind == "section"]
    assert len(sections) >= 10
    assert len([s for s in doc.sections if s.kind == "sidebar"]) >= 3
    assert sum(1 for s in sections if s.lead_units) >= 10
    assert all(s.chapter for s in sections)
    assert any(s.targets for s in doc.sections)


def signature(sections):
    return [(s.label, s.title, s.chapter, s.lead_units, s.responsible_units) for s in sections]


def test_gbk_and_bom_text_give_the_same_sections(plan, plan_text, tmp_path):
    gbk = tmp_path / "plan.txt"
    gbk.write_bytes(plan_text.encode("gbk", errors="replace"))  # 1 glyph (•) has no GBK code
    bom = tmp_path / "plan_bom.md"
    bom.write_bytes(b"\xef\xbb\xbf" + plan_text.replace("\n", "\r\n").encode("utf-8"))
    assert signature(parse_file(gbk).sections) == signature(plan.sections)
    assert signature(parse_file(bom).sections) == signature(plan.sections)


def test_docx_gives_the_same_sections(plan, plan_text, tmp_path):
    import docx

    document = docx.Document()
    for line in plan_text.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(path)
    assert signature(parse_file(path).sections) == signature(plan.sections)


def _pdf(path, lines, text_layer=True):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in lines:
        while True:  # wrap at the page width, as a real PDF does
            piece, line = line[:46], line[46:]
            if text_layer:
                c.setFont("STSong-Light", 10)
                c.drawString(40, y, piece)
            else:
                c.rect(40, y, 4 * len(piece), 8, fill=1)  # ink without text: a scan
            y -= 14
            if y < 40:
                c.showPage()
                y = 800
            if not line:
                break
    c.save()


def test_pdf_with_a_text_layer_gives_the_same_sections(plan, plan_text, tmp_path):
    path = tmp_path / "plan.pdf"
    _pdf(path, plan_text.split("\n"))
    parsed = parse_file(path)
    assert signature(parsed.sections[1:]) == signature(plan.sections[1:])  # the preamble joins the title


def test_scanned_pdf_is_reported_as_having_no_text_layer(plan_text, tmp_path):
    path = tmp_path / "scan.pdf"
    _pdf(path, plan_text.split("\n")[:30], text_layer=False)
    with pytest.raises(UnreadableDocument, match="没有文字层"):
        parse_file(path)


def test_unreadable_files_are_reported_and_the_rest_still_parse(plan_path, tmp_path):
    (tmp_path / plan_path.name).write_bytes(plan_path.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.docx").write_bytes(b"not a zip at all")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "notes.xlsx").write_bytes(b"PK\x03\x04")
    report = parse_corpus(tmp_path)
    assert [d.source for d in report.documents] == [plan_path.name]
    assert set(report.skipped) == {"empty.txt", "junk.docx", "binary.txt", "notes.xlsx"}
    assert "空" in report.skipped["empty.txt"]
    assert "docx" in report.skipped["junk.docx"].lower()


def test_inline_headings_and_markdown_markup(tmp_path):
    text = "# 测试方案\n\n一、总体要求\n（一）指导思想。坚持创新驱动。\n## （二）发展目标。\n到2025年，企业达到100家。\n"
    sections = parse_text(text, doc="测试方案")
    s1 = next(s for s in sections if s.label == "（一）")
    assert s1.title == "指导思想" and "坚持创新驱动" in s1.text
    s2 = next(s for s in sections if s.label == "（二）")
    assert s2.targets and s2.targets[0].value == "100" and s2.targets[0].year == 2025


def test_read_document_rejects_unknown_types():
    with pytest.raises(UnreadableDocument, match="不支持"):
        read_document("a.exe", b"MZ")


def test_lines_a_pdf_page_width_cut_are_joined_and_titles_kept():
    from assistant.ingest.readers import unwrap_pdf_text

    extracted = ("第四十四条违反本条例规定，有下列行为之一的，由科技主管部门或者其他有关部\n门按照管理职责予以处罚：\n"
                 "（二）在科技成果检测或者评估中，提供虚假检测结果或者评估证明的，责令改正\n，予以警告，处以五万元以上十万元以下的罚款；\n"
                 "（一）指导思想\n坚持创新驱动。\n— 3 —\n")
    lines = unwrap_pdf_text(extracted).split("\n")
    assert lines[0] == "第四十四条违反本条例规定，有下列行为之一的，由科技主管部门或者其他有关部门按照管理职责予以处罚："
    assert lines[1].endswith("责令改正，予以警告，处以五万元以上十万元以下的罚款；")  # a line never starts with ，
    assert lines[2:4] == ["（一）指导思想", "坚持创新驱动。"]  # a title stays a line of its own


def test_a_zone_is_found_by_its_short_long_and_committee_names(plan):
    """Zones are written several ways (…开发区, …区, …高技术产业开发区, …管委会); the
    forms come from how zones are named, not from a list of this plan's zones."""
    from assistant.ingest.units import canonical, find_units_in

    known = sorted({u for s in plan.sections for u in s.lead_units + s.responsible_units})
    zones = [u for u in known if u.endswith(("开发区", "新区"))]
    assert zones
    for zone in zones:
        core = zone.removesuffix("开发区").removesuffix("新区")
        assert find_units_in(f"{core}区负责哪些任务？", known) == [zone]
        assert canonical(f"{zone}管委会") == zone
    assert canonical("某某高技术产业开发区") == "某某开发区"


def test_a_city_opening_a_title_by_its_bare_name_is_the_documents_place(plan):
    """中山国家自主创新示范区…: 中山 is known as a city's name, not from a rule for this title."""
    from assistant.answer.scope import names_of

    city = plan.name[:2]
    assert city in names_of(plan.name, "").places
    assert "国家" not in "".join(names_of("国家科学技术奖励条例", "").places)
