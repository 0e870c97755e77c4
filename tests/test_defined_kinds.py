"""A thing the asker names that a definition says its term includes (包括经济林、薪炭林…) is asked of that term's
rules, over a regulation these tests write."""

from __future__ import annotations

from tests.conftest import corpus_fixture

RULES = """某市农业企业资产核算办法

第一条 为了规范农业企业资产核算，制定本办法。
第二条 本办法适用于本市登记的农业企业。
第三条 本办法所称生物资产，是指企业为生产农产品而持有的活的动物和植物，包括果树林、茶园、种畜和奶畜等。
第四条 企业应当自生物资产投入使用月份的次月起计算折旧。
第五条 生物资产按照直线法计算的折旧，准予在税前扣除。
第六条 企业应当设置资产台账，如实登记资产的购入、使用和处置情况。
第七条 企业处置资产取得的收入，应当计入当期收入总额。
第八条 企业应当每年3月31日前向主管部门报送上一年度资产核算报告。
第九条 主管部门应当对资产核算报告进行抽查，抽查比例不低于10%。
第十条 企业报送虚假报告的，由主管部门责令改正，并予以通报。
第十一条 市农业农村部门负责本办法的组织实施。
第十二条 市财政部门配合做好相关工作。
第十三条 本办法自2025年1月1日起施行。
"""

farms = corpus_fixture({"某市农业企业资产核算办法": RULES})


def test_a_thing_a_definition_includes_is_asked_of_the_terms_rules(farms):
    answer = farms.ask("我们村的茶园今年4月投产，折旧从几月开始算？")
    assert answer.answerable and "次月起计算折旧" in answer.text, answer.text


def test_the_things_a_definition_includes_are_read_from_it(farms):
    kinds = farms.answerer.library.kind_of
    assert kinds.get("茶园") == "生物资产" and kinds.get("奶畜") == "生物资产"
