"""Figures of kinds a question names by the word for what they measure: a length, width or distance
(多宽, 离…多远, 多少米), an area (营业面积), and several such asked at once with a question word rather than
多少 (对A和B有什么门槛): each is answered by a sentence stating a figure of that kind."""

from __future__ import annotations

from conftest import corpus_fixture

from assistant.ingest.quantities import read

OLD_TOWN = """青石镇古街区保护办法

第一条　为保护青石镇古街区的传统风貌，制定本办法。

第二条　古街区核心保护范围东起码头、西至老祠堂，长约六百米，宽约四十至九十米。

第三条　在核心保护范围内新建建筑，檐口高度不得超过九米。

第四条　禁止在距离古街区边界一百五十米范围内设置露天堆场。

第五条　违反第四条规定的，由镇人民政府责令改正，处一千元以上一万元以下罚款。

第六条　古街区核心保护范围的宽度和边界需要调整的，由镇人民政府报县人民政府批准后公布。
"""

GRANTS = """东岭市商业网点改造资金管理办法

第一条　为支持商业网点改造，制定本办法。

第二条　申报改造项目的企业，应当依法登记并正常经营。

第三条　申报项目经营场地的营业面积应在三千平方米以上。

第四条　申报项目审定实际投入金额应在800万元以上，资金支付时间在申报年度内。

第五条　补助资金按审定实际投入金额的15%给予，单个项目最高200万元。

第六条　申报项目的营业面积和实际投入金额门槛，以第三方机构出具的审核报告为准。
"""

written = corpus_fixture({"青石镇古街区保护办法": OLD_TOWN, "东岭市商业网点改造资金管理办法": GRANTS})


def test_lengths_and_distances_are_read_in_metres():
    width, = [q for q in read("主街宽约四十至九十米") if q.kind == "length"]
    assert (width.value, width.upper, width.unit) == (40.0, 90.0, "米")
    road, = read("绿道全长3.5公里")
    assert (road.kind, road.value) == ("length", 3500.0)
    assert [q.kind for q in read("建筑面积2000平方米")] == ["area"]  # square metres stay an area


def test_a_height_asked_is_answered_with_the_height_not_called_unstated(written):
    answer = written.ask("古街区新建建筑檐口能盖多高？")
    assert answer.answerable
    assert "九米" in answer.text
    assert "没有写明" not in answer.text


def test_a_width_asked_by_its_word_is_answered_with_the_width(written):
    answer = written.ask("古街区核心保护范围的宽度是多少？")
    assert "九十米" in answer.text
    assert "没有写明" not in answer.text


def test_two_measures_asked_with_a_question_word_are_both_answered(written):
    answer = written.ask("东岭的网点改造要申报的话，营业面积和实际投入金额的门槛是什么？")
    assert answer.answerable
    assert "三千平方米" in answer.text
    assert "800万元" in answer.text

