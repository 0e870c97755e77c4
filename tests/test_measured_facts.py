"""An asker's figure is measured against the figure whose clause names what it measures: notice given a day
ahead against 提前三日, not against the length of the stoppage that makes the notice due. 提前N日 is a
floor: notice given earlier meets it."""

from __future__ import annotations

from conftest import corpus_fixture

from assistant.ingest.quantities import read

RULES = {"南岭市住宅物业服务管理办法": """南岭市住宅物业服务管理办法

第一条　为了规范住宅物业服务活动，制定本办法。

第二条　物业服务企业因设施设备检修需要连续停止供水超过十二小时的，应当提前三日告知业主，并在小区显著位置公告。

第三条　物业服务企业应当每年向业主公布物业服务费用收支情况。

第四条　本办法自2025年6月1日起施行。
"""}
rules = corpus_fixture(RULES)


def test_notice_ahead_is_a_floor_and_its_clause_says_what_it_measures():
    stop, notice = read("因设施设备检修需要连续停止供水超过十二小时的，应当提前三日告知业主")
    assert (notice.value, notice.bound) == (3.0, "min") and "提前" in notice.measure
    assert "停止供水" in stop.measure and stop.case


def test_notice_given_too_late_fails_the_rule_though_the_stoppage_is_long_enough(rules):
    late = rules.ask("物业要连续停水两天检修，只提前了一天告诉我们，这样合规吗？")
    assert late.text.startswith("不符合"), late.text
    early = rules.ask("物业要连续停水两天检修，提前了五天告诉我们，这样合规吗？")
    assert early.text.startswith("符合"), early.text


LIFTS = {"南岭市既有住宅增设电梯办法": """南岭市既有住宅增设电梯办法

第一条　为了方便居民生活，推进既有住宅增设电梯，制定本办法。

第二条　本办法适用于本市行政区域内四层以上（含四层）未设电梯的既有住宅增设电梯。

第三条　增设电梯应当经本单元房屋专有部分面积占比三分之二以上的业主同意。

第四条　本办法自2025年3月1日起施行。
"""}
lifts = corpus_fixture(LIFTS)


def test_a_buildings_storeys_are_measured_against_the_storeys_a_rule_covers(lifts):
    """3层 says what it measures as 岁 does: a building's storeys, against 四层以上, with no other word shared."""
    low = lifts.ask("我家那栋老楼只有3层，没电梯，能按这个办法加装吗？")
    assert low.text.startswith("不符合"), low.text
    assert "第二条" in {c.section for c in low.citations}
