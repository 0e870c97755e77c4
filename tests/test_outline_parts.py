"""Documents that bundle several parts (issue #22): a notice that issues two 规定, each numbered
from 一、/（一）; attachments (附件1, 附件2) and forms (附表1 ××申请表) after the text. Each part
is a branch of the outline: labels stay unique, paths name the part, forms are sections.
The test documents are written here; one check reads the real bundled PDF of clean_dev2."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest import labels
from assistant.ingest.outline import parse_file, parse_text
from assistant.ingest.readers import reading_limits, unwrap_pdf_text
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

TWO_RULES = """\
示例省人民政府办公厅关于印发两个规定的通知
各市人民政府：
《甲类单位改革的规定》和《乙类企业扶持的规定》已经省政府同意，现印发给你们，请认真贯彻执行。
示例省人民政府办公厅
2020年1月2日
甲类单位改革的规定
为推进甲类单位改革，特制定以下规定：
一、关于登记
（一）甲类单位应当依法登记为公司。
（二）登记后三个月内完成章程备案。
二、关于资产
（三）甲类单位应当清查资产。
乙类企业扶持的规定
为扶持乙类企业发展，特制定以下规定：
一、关于财政
（一）省财政每年安排专项资金支持乙类企业。
（二）对乙类企业给予贷款贴息。
二、关于用地
（三）乙类企业用地优先保障。
"""

RESTART_WITHOUT_TITLE = """\
一、总体要求
（一）坚持统筹推进。
二、重点任务
（二）加快平台建设。
三、保障措施
（三）加强组织领导。
一、任务分工
（一）各区负责落实平台建设。
二、进度安排
（二）年底前完成建设。
"""

CONTINUING = """\
一、总体要求
（一）坚持统筹推进。
二、重点任务
（二）加快平台建设。
以上任务按年度推进。
三、保障措施
（三）加强组织领导。
"""

CHAPTERS_RESTART = """\
第一章 总体要求
一、指导思想
坚持统筹推进。
二、基本原则
坚持问题导向。
第二章 重点任务
一、建设平台
加快平台建设。
二、培育人才
引进高层次人才。
"""

FORMS = """\
示例市就业见习管理办法
一、申请程序
（一）单位提交申请表。
（二）主管部门审核。
附件：1. 见习基地申请表
2. 见习岗位信息表
附表1 见习基地申请表
单位名称、地址、联系人。
附表2
见习岗位信息表
岗位名称、人数、见习期限。
"""


def _labels_unique(sections) -> bool:
    keys = [labels.key(s.label) for s in sections]
    return len(keys) == len(set(keys)) and len({s.path for s in sections}) == len(sections)


def test_two_bundled_rules_are_two_branches_with_unique_labels():
    sections = parse_text(TWO_RULES, doc="两个规定的通知")
    assert _labels_unique(sections)
    parts = [s for s in sections if s.kind == "annex"]
    assert [p.label for p in parts] == ["甲类单位改革的规定", "乙类企业扶持的规定"]
    first = next(s for s in sections if s.text.startswith("（一）省财政"))
    assert first.part == "乙类企业扶持的规定"
    assert first.path == "乙类企业扶持的规定 > 一、 > （一）"
    assert first.label.startswith("乙类企业扶持的规定")  # the label a citation shows names its part


def test_a_label_unique_across_parts_keeps_its_plain_label():
    text = TWO_RULES.replace("（三）乙类企业用地优先保障。", "（四）乙类企业用地优先保障。")
    sections = parse_text(text, doc="两个规定的通知")
    assert "（四）" in [s.label for s in sections]
    assert "（三）" in [s.label for s in sections]


def test_the_document_title_and_the_notice_are_not_parts():
    sections = parse_text(TWO_RULES, doc="两个规定的通知")
    preamble = sections[0]
    assert preamble.kind == "preamble" and preamble.part == ""
    assert "示例省人民政府办公厅关于印发两个规定的通知" in preamble.text


def test_a_title_line_naming_the_document_itself_is_not_a_part():
    text = "示例令\n现公布《示例条例》，自公布之日起施行。\n示例条例\n一、总则\n（一）为了规范管理，制定本条例。\n"
    sections = parse_text(text, doc="示例条例")
    assert all(s.part == "" for s in sections)


def test_numbering_that_starts_again_opens_a_branch():
    sections = parse_text(RESTART_WITHOUT_TITLE, doc="示例方案")
    assert _labels_unique(sections)
    second = [s for s in sections if s.part]
    assert second and all(s.part == "第2部分" for s in second)
    assert next(s for s in second if "各区负责" in s.text).path == "第2部分 > 一、 > （一）"


def test_numbering_that_goes_on_opens_no_branch():
    sections = parse_text(CONTINUING, doc="示例方案")
    assert all(s.part == "" for s in sections)
    assert [s.label for s in sections if s.kind == "section"] == ["（一）", "（二）", "（三）"]


def test_numbering_that_starts_again_in_each_law_chapter_opens_no_branch():
    sections = parse_text(CHAPTERS_RESTART, doc="示例规划")
    assert all(s.part == "" for s in sections)
    assert len({s.label for s in sections}) == len(sections)


def test_forms_are_sections_with_their_content():
    sections = parse_text(FORMS, doc="示例市就业见习管理办法")
    forms = {s.label: s for s in sections if s.label.startswith("附表")}
    assert set(forms) == {"附表1", "附表2"}
    assert forms["附表1"].title == "见习基地申请表" and "联系人" in forms["附表1"].text
    assert forms["附表2"].title == "见习岗位信息表" and "见习期限" in forms["附表2"].text
    assert all(s.path == s.label for s in forms.values())


def test_a_list_of_attachments_opens_no_annex():
    sections = parse_text(FORMS, doc="示例市就业见习管理办法")
    listing = next(s for s in sections if "附件：1. 见习基地申请表" in s.text)
    assert listing.label == "一、（二）" or listing.label == "（二）"


def test_a_pdf_does_not_join_a_part_title_to_the_text_under_it():
    text = "示例省人民政府办公厅关于印发\n两个规定的通知\n现印发给你们，请认真贯彻执行。\n示例省人民政府办公厅\n2020年1月2日\n（此件公开发布）\n甲类单位改革的\n规定\n为推进甲类单位改革，特制定以下\n规定：\n"
    lines = unwrap_pdf_text(text).split("\n")
    assert lines[0] == "示例省人民政府办公厅关于印发两个规定的通知现印发给你们，请认真贯彻执行。"  # (the document's own title: as before)
    assert lines[1:3] == ["示例省人民政府办公厅", "2020年1月2日"]  # the sign-off's lines stay apart
    assert lines[4:6] == ["甲类单位改革的规定", "为推进甲类单位改革，特制定以下规定："]


def test_how_long_a_part_title_may_be_is_a_setting():
    with reading_limits(Settings(part_title_chars=8)):
        sections = parse_text(TWO_RULES, doc="两个规定的通知")
    assert not any(s.kind == "annex" for s in sections)  # both titles are longer than 8 characters
    assert {s.part for s in sections} == {"", "第2部分"}  # the second rule's numbering still starts again


BUNDLED_PDF = ROOT / "evals" / "data" / "clean_dev2" / (
    "国务院办公厅关于印发文化体制改革中经营性文化事业单位转制为企业和进一步支持文化企业发展两个规定的通知.pdf")


@pytest.mark.skipif(not BUNDLED_PDF.exists(), reason="clean_dev2 documents not present")
def test_the_real_bundled_pdf_outlines_each_rule_as_its_own_branch():
    doc = parse_file(BUNDLED_PDF)
    assert _labels_unique(doc.sections)
    parts = {s.part for s in doc.sections if s.part}
    assert parts == {"文化体制改革中经营性文化事业单位转制为企业的规定", "进一步支持文化企业发展的规定"}
    for s in doc.sections:
        if s.kind == "section":
            assert s.path.startswith(s.part + " > ")
    # the second rule's （三十一） does not exist; the first rule's does, under its own part
    last = [s for s in doc.sections if s.written_label == "（三十一）"]
    assert len(last) == 1 and last[0].part.startswith("文化体制改革")
    twice = [s for s in doc.sections if s.written_label == "（一）"]
    assert len(twice) == 2 and len({s.part for s in twice}) == 2


RULES_WITH_ANNEX = """\
示例办法
第一条 为规范见习管理，制定本办法。
第二条 本办法适用于本市见习基地。
第三条 本办法自印发之日起施行。
附件
见习基地申请程序
一、申请程序
（一）见习基地。单位向市指导中心提出申请。
（二）见习示范基地。单位每两年可申请一次。
"""


def test_an_annex_after_articles_is_outlined_by_its_own_layout():
    sections = parse_text(RULES_WITH_ANNEX, doc="示例办法")
    assert [s.label for s in sections if s.kind == "article"] == ["第一条", "第二条", "第三条"]
    in_annex = [s for s in sections if s.part == "附件" and s.kind == "section"]
    assert [s.path for s in in_annex] == ["附件 > 一、 > （一）", "附件 > 一、 > （二）"]
    assert "每两年" in in_annex[1].text


def test_a_chapter_in_a_part_is_headed_by_its_own_label_and_read_with_its_part():
    sections = parse_text(TWO_RULES.replace("二、关于用地\n", "二、关于用地\n用地按以下规定保障。\n"), doc="两个规定的通知")
    chapter = next(s for s in sections if s.kind == "chapter" and s.part == "乙类企业扶持的规定")
    assert chapter.heading.startswith("二、关于用地")  # the mark an answer shows: no part, no " > "
    section = next(s for s in sections if s.text.startswith("（一）省财政"))
    assert section.breadcrumb.split(" > ")[:3] == ["两个规定的通知", "乙类企业扶持的规定", "一、关于财政"]


def test_the_one_document_a_notice_issues_and_is_named_after_is_no_part():
    text = TWO_RULES.split("乙类企业扶持的规定\n为扶持")[0]
    sections = parse_text(text, doc="关于印发甲类单位改革的规定的通知")
    assert all(s.part == "" for s in sections)
    assert "甲类单位改革的规定" in sections[0].text  # the title stays with the notice that issues it


def test_a_title_block_ends_before_the_issuing_number_and_the_addressees():
    from assistant.ingest.outline import document_title
    text = "示例省人民政府关于印发甲类单位改革的规定的通知\n示政发〔2020〕1号\n各市人民政府：\n现将规定印发给你们。\n"
    assert document_title(text, "fallback") == "示例省人民政府关于印发甲类单位改革的规定的通知"


RESTART_AFTER_HEADING = """\
一、总体要求
（一）坚持统筹推进。各区要按年度推进平台建设。
二、重点任务
（二）加快平台建设。年底前建成市级平台。
年度工作任务安排
一、任务分工
（一）各区负责落实平台建设。
二、进度安排
（二）年底前完成建设。
"""


def test_a_heading_line_before_numbering_starts_again_names_the_part():
    sections = parse_text(RESTART_AFTER_HEADING, doc="示例方案")
    assert _labels_unique(sections)
    task = next(s for s in sections if "各区负责" in s.text)
    assert task.part == "年度工作任务安排"
    assert task.path == "年度工作任务安排 > 一、 > （一）"
    assert task.label == "年度工作任务安排 一、（一）"
    before = next(s for s in sections if "市级平台" in s.text)
    assert "年度工作任务安排" not in before.text  # the heading is not the last measure's text


@pytest.mark.parametrize("line", ["各区要按照本方案要求，抓紧制定配套措施。", "示例市人民政府办公厅", "2020年1月2日",
                                  "（牵头单位：市发展改革委）", "（此页无正文）"])
def test_a_sentence_or_a_sign_off_before_numbering_starts_again_names_no_part(line):
    sections = parse_text(RESTART_AFTER_HEADING.replace("年度工作任务安排", line), doc="示例方案")
    assert {s.part for s in sections} == {"", "第2部分"}


def test_a_part_title_under_the_sign_off_date_of_a_pdf_stays_a_line_of_its_own():
    text = ("示例省人民政府办公厅关于印发两个规定的通知\n现印发给你们，请认真贯彻执行。\n示例省人民政府办公厅\n"
            "2020年1月2日\n乙类企业扶持\n的规定\n一、关于财政\n（一）省财政每年安排专项资金支持乙类企业。\n")
    lines = unwrap_pdf_text(text).split("\n")
    assert lines[1:4] == ["示例省人民政府办公厅", "2020年1月2日", "乙类企业扶持的规定"]
    sections = parse_text("\n".join(lines), doc="两个规定的通知")
    assert next(s for s in sections if "省财政" in s.text).part == "乙类企业扶持的规定"


@pytest.mark.parametrize("outer, label, shown", [
    ("三、", "（一）", "三、（一）"), ("第二章", "（一）", "第二章（一）"),
    ("附件二", "三、（一）", "附件二 三、（一）"), ("第2部分", "（一）", "第2部分 （一）"),
    ("乙类企业扶持的规定", "一、", "乙类企业扶持的规定 一、"), ("", "（一）", "（一）"),
])
def test_a_qualified_label_keeps_a_part_name_apart_from_the_label_it_qualifies(outer, label, shown):
    assert labels.qualified(outer, label) == shown  # 附件二 三、 is not read as 附件二三、 (附件23)


RULES_WITH_APPENDICES = """\
示例局关于印发2030年冬季供暖补助实施细则的通知
各有关单位：
现将细则印发给你们，请遵照执行。
示例局
2030年1月5日
示例市2030年冬季供暖补助实施细则
为做好冬季供暖补助工作，制定本细则。
一、适用范围
本细则适用于本市供暖企业。
二、补助标准
每平方米补助5元。
三、申报程序
企业于每年11月底前提出申请。
附录1：申报流程图
附录2：复核指引
示例市2030年冬季供暖补助复核指引
为规范复核工作，制定本指引。
一、复核对象
已领取补助的企业。
二、复核方式
抽查比例不低于10%。
三、复核结果
复核不合格的，收回补助。
附录3：复核流程图
"""


def test_the_document_a_notice_issues_written_with_its_place_before_it_is_no_part():
    sections = parse_text(RULES_WITH_APPENDICES, doc="示例局关于印发2030年冬季供暖补助实施细则的通知")
    standard = next(s for s in sections if "每平方米补助5元" in s.text)
    assert standard.label == "二、" and standard.part == ""  # cited as the document's own chapter


def test_an_appendix_with_its_title_after_a_colon_is_a_branch_of_its_own():
    sections = parse_text(RULES_WITH_APPENDICES, doc="示例局关于印发2030年冬季供暖补助实施细则的通知")
    assert _labels_unique(sections)
    appendix = next(s for s in sections if s.kind == "annex")
    assert appendix.label == "附录2" and appendix.title == "示例市2030年冬季供暖补助复核指引"
    check = next(s for s in sections if "抽查比例" in s.text)
    assert check.path == "附录2 > 二、" and check.label == "附录2 二、"
    # an appendix with no text of its own (a flow chart) opens nothing
    assert [s.label for s in sections if s.label.startswith("附录")] == ["附录2"] + [
        f"附录2 {n}" for n in ("一、", "二、", "三、")]


def test_attachments_listed_with_colons_before_the_sign_off_open_no_annex():
    text = ("一、执行时间\n本公告自2030年1月1日起施行。\n附件1：甲类辅助账\n附件2：乙类辅助账汇总表\n"
            "示例税务局\n2030年1月1日\n")
    sections = parse_text(text, doc="示例公告")
    assert [s.label for s in sections] == ["一、"]
    assert "附件2：乙类辅助账汇总表" in sections[0].text


PLATES = """\
示例省关于试点车辆标识的通知
各市人民政府：
一、标识的适用范围
试点车辆应当悬挂统一标识。
二、标识的管理
标识由省交通运输厅统一制发。
附件
试点车辆标识式样
一、标识编码
（一）客车标识。字符共6位。
图1　客车标识编码规则
（二）货车标识。字符共7位。
图2　货车标识编码规则
二、标识尺寸
客车标识规格为300毫米×100毫米。
表1　标识尺寸说明
三、标识颜色
客车标识为蓝底白字。
"""


def test_a_figures_caption_is_no_part_title():
    """图2　货车标识编码规则 ends in 规则, as titles of rules do, but a figure's caption names the figure: the
    attachment's numbering goes on under 附件, not in a part named after the figure or the table."""
    paths = {s.label: s.path for s in parse_text(PLATES, doc="示例省关于试点车辆标识的通知")}
    assert all(not path.startswith(("图", "表")) for path in paths.values()), paths
    assert paths["附件 二、"] == "附件 > 二、" and paths["三、"] == "附件 > 三、"
