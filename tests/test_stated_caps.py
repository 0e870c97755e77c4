"""A cap asked is quoted though it ranks further down than the band of figures it is asked among, over a
document these tests write."""

from __future__ import annotations

from tests.conftest import corpus_fixture

RULES = """某市家电维修服务管理规定

第一条 为了规范家电维修服务，保护消费者合法权益，制定本规定。
第二条 本规定适用于本市行政区域内的家电维修经营者。
第三条 维修经营者应当在服务场所显著位置公示收费项目和收费标准。
第四条 维修经营者应当向消费者出具维修凭证，载明维修项目、更换零部件和保修期限。
第五条 维修后的家电在保修期内出现同一故障的，维修经营者应当免费再次维修。
第六条 维修凭证上的折算系数k由维修经营者确定并在维修凭证上载明。折算系数k不得高于1.5%。
第七条 维修经营者不得以次充好、虚报维修项目。
第八条 对安排新员工上岗满一年的维修经营者，市商务部门给予一次性奖励，并在政府采购中优先考虑。
第九条 维修经营者未按规定安排已签约学徒上岗的，应当按照不低于本单位同岗位人员平均工资70%的标准逐月发给学徒生活费，至其上岗为止。
第十条 市商务部门负责维修服务的监督管理。
第十一条 市场监督管理部门依法查处价格违法行为。
第十二条 消费者可以向消费者协会投诉。
第十三条 本规定自2025年3月1日起施行。
"""

repairs = corpus_fixture({"某市家电维修服务管理规定": RULES})


def test_a_cap_asked_is_quoted_though_it_ranks_below_the_sentence_naming_the_term(repairs):
    answer = repairs.ask("维修凭证上载明的那个折算系数k，最高能定到多少？")
    assert answer.answerable and "不得高于1.5%" in answer.text, answer.text


def test_a_floor_asked_is_not_answered_by_a_cap(repairs):
    """最低 asks a floor; the rules cap k (不得高于1.5%) and set no floor: they do not state what is asked, and
    the cap is shown as the nearest provision, not as the answer."""
    answer = repairs.ask("维修凭证上的折算系数k，最低不能低于多少？")
    assert not answer.answerable and answer.coverage == "partial", answer.text
    assert "1.5%" in answer.text
