"""Ways documents number what they say (issue #22), written here: a notice whose top-level items
`一、`… are whole paragraphs, each closing with its unit note; a 若干意见 whose numbered items `1.`…
stand straight under its chapters with no （一） level between; a 预案 numbering its headings by their
place in the outline (`2.1`, `2.1.3`). Every item is a section a question can cite, with its own text
and the bodies it names."""

from __future__ import annotations

from assistant.ingest.outline import body_text, parse_text

MEASURES_NOTICE = """\
示例省人民政府办公厅关于对工作成效明显地区给予激励的通知
各市、县人民政府，省政府各部门：
为健全正向激励机制，经省政府同意，现将激励措施通知如下：
一、对营商环境改善明显的县（市、区），在省级试点中给予优先支持。（省市场监管局负责）
二、对外贸稳定增长的市，在外贸基地培育中给予倾斜，每个基地奖励50万元。（省商务厅、省财政厅负责）
三、对水利建设投资落实好的县，适当增加省级投资，相应减少县级配套。（省水利厅会同省发展改革委负责）
各地要按照本通知要求，认真组织实施。
示例省人民政府办公厅
2021年3月1日
"""

ITEMS_UNDER_CHAPTERS = """\
为加快乡村旅游发展，结合本县实际，制定本意见。
一、景区建设
1.新建景区。
对新建景区投资500万元以上的，按投资额的5%给予奖励。
2.优化审批。
旅游项目用地优先安排，实行“一站式”服务。
二、服务设施
3.民宿建设。
对一个行政村建设标准化民宿5家以上的，每间奖励2000元。
4.停车场建设。
新建停车场每个车位补助1000元。
三、申报审核
5.奖励实行申报制，由县文化旅游局受理。
"""


def test_a_notice_whose_measures_are_paragraphs_outlines_each_measure():
    sections = parse_text(MEASURES_NOTICE, doc="激励通知")
    measures = [s for s in sections if s.label in ("一、", "二、", "三、")]
    assert [s.label for s in measures] == ["一、", "二、", "三、"]
    second = measures[1]
    assert "每个基地奖励50万元" in body_text(second)
    assert set(second.lead_units + second.responsible_units) == {"省商务厅", "省财政厅"}
    assert "省水利厅" in measures[2].lead_units
    # the closing remark and the sign-off are not a measure's text
    assert "认真组织实施" not in second.text


def test_a_paragraph_opening_with_a_label_out_of_turn_stays_in_its_section():
    inner = "一、各乡镇要加强宣传，组织辖区内的农家乐、民宿和景区经营者按时提交申报材料，做好申报组织工作。\n"
    sections = parse_text(ITEMS_UNDER_CHAPTERS + inner, doc="旅游意见")
    assert [s.label for s in sections if s.label.endswith("、")] == []  # chapters with no text of their own
    assert "做好申报组织工作" in next(s for s in sections if s.label == "5.").text


def test_numbered_items_straight_under_chapters_are_sections():
    sections = parse_text(ITEMS_UNDER_CHAPTERS, doc="旅游意见")
    items = {s.label: s for s in sections if s.kind == "section"}
    assert list(items) == ["1.", "2.", "3.", "4.", "5."]
    assert items["3."].path == "二、 > 3."
    assert "每间奖励2000元" in items["3."].text
    assert "每间奖励2000元" not in items["4."].text


def test_numbered_points_inside_sections_stay_inside_them():
    text = ITEMS_UNDER_CHAPTERS.replace("一、景区建设", "一、景区建设\n（一）建设项目").replace(
        "二、服务设施", "二、服务设施\n（二）设施项目")
    sections = parse_text(text, doc="旅游意见")
    assert [s.label for s in sections if s.kind == "section"] == ["（一）", "（二）"]


CONTINGENCY_PLAN = """\
示例省防汛应急预案
1　总则
1.1　编制目的
为做好防汛应急工作，保障人民生命财产安全，制定本预案。
1.2　适用范围
本预案适用于全省范围内洪涝灾害的预防和应急处置。
2　组织机构
2.1　省防汛指挥部
省防汛指挥部由省水利厅及省应急管理厅组成，指挥部办公室设在省水利厅。
2.1.1　指挥部职责
负责组织全省防汛工作。
2.1.2　成员单位职责
请省财政厅会同省发展改革委安排防汛资金。
3　应急响应
3.1　一级响应
3.1.1　出现特大洪水时，省防汛指挥部应当在2小时内启动一级响应，并向省政府报告。
3.1.2　各市防汛指挥部接到通知后，立即组织人员转移。
"""


def test_a_decimal_outline_makes_every_numbered_heading_a_section():
    sections = {s.label: s for s in parse_text(CONTINGENCY_PLAN, doc="防汛预案")}
    assert {"1.1", "1.2", "2.1", "2.1.1", "2.1.2", "3.1", "3.1.1", "3.1.2"} <= set(sections)
    assert "2小时内启动一级响应" in body_text(sections["3.1.1"])
    assert "立即组织人员转移" not in sections["3.1.1"].text
    assert sections["3.1.2"].chapter.startswith("3")


def test_bodies_named_in_prose_are_kept_whole_and_apart():
    sections = {s.label: s for s in parse_text(CONTINGENCY_PLAN, doc="防汛预案")}
    assert "省水利厅" in sections["2.1"].lead_units  # 办公室设在X
    assert set(sections["2.1"].responsible_units) >= {"省应急管理厅"}  # X及Y组成: two bodies
    assert sections["2.1.2"].lead_units == ["省财政厅"]  # 请X会同Y: the request names X, not 请X
    assert sections["2.1.2"].responsible_units == ["省发展改革委"]


def test_a_notice_asking_bodies_to_do_a_task_makes_them_responsible():
    notice = ("示例省人民政府办公厅关于做好政策落实工作的通知\n一、落实经费管理。请省财政厅在专项资金管理办法中明确报销标准。\n"
              "二、完善评价制度。请省科技厅、省教育厅在年底前出台评价办法。\n三、加强宣传。各地区、各部门要认真贯彻执行。\n")
    sections = {s.label: s for s in parse_text(notice, doc="政策落实通知")}
    assert sections["一、"].responsible_units == ["省财政厅"]
    assert sections["二、"].responsible_units == ["省科技厅", "省教育厅"]
    assert not sections["三、"].responsible_units  # everyone is no one
