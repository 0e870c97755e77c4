"""Support questions over a law and a city's measures: a provision that is no benefit card of its own (the
state pushes insurers to offer a product) and that the search ranks first answers what is asked about it in
its own words, not the cards of other sections sharing a word; and measures written as one paragraph under
each `一、` heading are cards."""

from __future__ import annotations

from tests.conftest import corpus_fixture

# A law the tests write, whose articles speak of kinds of help the state promotes (no sum, no applicant's
# benefit), and a city's measures with benefit cards for small firms on loans and premises.
_LAW = """某省农业经营主体发展促进条例

第一条 为了促进农业经营主体发展，制定本条例。
第二条 省人民政府推动保险机构开展农机具抵押履约保证保险业务，开发适应家庭农场分散风险需求的险种。
第三条 县级人民政府应当统筹安排冷链仓储用地，为农业经营主体建设产地仓提供便利。
第四条 农业农村主管部门负责农业经营主体名录的建立和动态更新。
第五条 鼓励高等学校和科研院所向家庭农场派驻技术特派员，开展良种良法示范。
第六条 农民合作社应当建立成员账户，如实记载成员出资额和交易量。
第七条 市场监督管理部门应当为农民合作社办理设立登记开辟绿色通道。
第八条 支持农业经营主体参加农产品展销会，拓展线上销售渠道。
第九条 统计部门应当定期发布农业经营主体发展情况的统计数据。
第十条 任何单位不得向农业经营主体摊派费用或者强制其参加评比活动。
第十一条 农业经营主体应当依法使用农业投入品，不得使用国家禁用的农药兽药。
第十二条 乡镇人民政府应当协助调处土地经营权流转纠纷。
第十三条 水行政主管部门应当优先保障高标准农田灌溉用水。
第十四条 气象部门应当向家庭农场推送灾害性天气预警信息。
第十五条 鼓励农业经营主体开展品牌创建，申请地理标志证明商标。
第十六条 人力资源社会保障部门应当将高素质农民纳入职业技能培训计划。
第十七条 交通运输部门应当完善农村物流站点布局，降低农产品运输费用。
第十八条 审计机关依法对涉农资金的使用情况进行审计监督。
第十九条 违反本条例第十条规定摊派费用的，由上级机关责令退还。
第二十条 本条例自公布之日起施行。
"""

_MEASURES = """青禾市支持小微企业发展若干措施

为减轻小微企业经营负担，制定以下措施。
一、降低融资成本
对小微企业新增的流动资金贷款，按贷款市场报价利率的50%给予贴息，每家企业每年最高30万元。
二、降低场地成本
对小微企业租用标准厂房的，按每平方米每月5元给予租金补贴，最长补贴3年。
三、降低经营风险
对小微企业投保贷款履约保证保险的，按实际保费的30%给予补贴，每家最高5万元。
"""


farm = corpus_fixture({"某省农业经营主体发展促进条例": _LAW, "青禾市支持小微企业发展若干措施": _MEASURES})


def test_a_provision_that_is_no_card_answers_what_is_asked_about_it(farm):
    answer = farm.ask("我们是小微企业，想用农机具抵押，履约保证保险方面省里有什么扶持的说法？")
    first = answer.text.splitlines()[0]
    assert "农机具抵押履约保证保险" in first and "第二条" in first, answer.text


def test_measures_written_as_one_paragraph_a_chapter_are_cards(farm):
    """`一、降低融资成本` and its paragraph, no sections under it: the chapter is the measure, and a question
    naming only who asks gets its cards."""
    answer = farm.ask("我们是小微企业，能享受哪些补贴？")
    assert "贴息" in answer.text and "租金补贴" in answer.text, answer.text
