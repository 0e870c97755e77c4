"""A yes/no question is not decided by a rule for a special case it does not state: a denial for one kind of
cost (for a case, for a cost singled out by a qualifier, or for one party of a contract) is no answer to whether
the cost in general is allowed. A county's rule book is shown as the county's, with the office it names. The
documents are written for these tests."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

RULE = """青禾县技术改造费用税前扣除操作指引

第一条 为规范技术改造费用的扣除，制定本指引。

第二条 委托外部单位实施的技术改造，其费用由委托方按照实际发生额的八成计入技术改造费用，受托方不得再行扣除。

第三条 技术改造费用已列入固定资产但不属于本指引附表范围的，企业摊销时不得扣除。

第四条 本指引自发布之日起施行。
"""


# A rule book long enough that the words singling out one case are rare in it, as they are in real ones.
EQUIPMENT = """白沙县设备更新奖补办法

第一条 为鼓励企业更新生产设备，制定本办法。
第二条 企业购置用于生产的设备，可以享受加速折旧。
第三条 从境外租入的检测仪器，不得享受加速折旧。
第四条 奖补资金由县财政统筹安排。
第五条 申报材料包括购置合同、发票和验收报告。
第六条 县工业和信息化局负责受理申报。
第七条 县财政局负责资金拨付。
第八条 县审计局对资金使用情况进行监督。
第九条 企业应当如实报送统计数据。
第十条 本办法由县工业和信息化局负责解释。
第十一条 本办法自发布之日起施行。
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """Two counties' rule books in one store, as a user would add them."""
    return assistant_over(tmp_path_factory.mktemp("rules"), {"青禾县技术改造费用税前扣除操作指引": RULE,
                                                             "白沙县设备更新奖补办法": EQUIPMENT})


def test_a_denial_for_a_case_not_asked_decides_nothing(county):
    answer = county.ask("技术改造费用能在税前扣除吗？")
    assert not answer.text.startswith("不可以"), answer.text


def test_a_denial_of_a_thing_singled_out_decides_only_a_question_saying_so(county):
    answer = county.ask("检测仪器可以享受加速折旧吗？")
    assert not answer.text.startswith("不可以"), answer.text
    assert "境外" in answer.text  # the rule is shown, for the asker to judge
    assert county.ask("从境外租来的检测仪器可以享受加速折旧吗？").text.startswith("不可以")


def test_a_county_rule_book_is_labelled_county_and_its_interpreting_office_named_whole(county):
    answer = county.ask("买新的生产设备有什么优惠？")
    assert "县级" in answer.text and "市级" not in answer.text, answer.text
    assert "（咨询：县工业和信息化局）" in answer.text, answer.text


def test_the_party_a_denial_names_is_its_case(county):
    from assistant.ingest.rulings import read_rulings
    (ruling,) = read_rulings("委托方按照实际发生额计入费用，受托方不得再行扣除。")
    assert (ruling.polarity, ruling.case) == ("denied", "受托方")


def test_a_rule_may_point_back_to_its_article():
    from assistant.ingest.rulings import refers_back

    assert refers_back("不得享受本条规定的企业所得税优惠") and refers_back("依照前款规定的比例")
    assert not refers_back("不得享受企业所得税优惠")


def test_an_act_said_in_one_spoken_character_is_the_act_the_rule_names():
    from assistant.ingest.rulings import same_act

    assert same_act("随意变更", "随便换")  # 换 `to change`, whatever jieba tags it
    assert not same_act("随意变更", "随便扣")


LEASED = """红石县节能设备购置补助办法

第一条 为鼓励企业购置节能设备，推动工业绿色转型，制定本办法。
第二条 本办法适用于在本县登记注册、依法纳税的工业企业。
第三条 企业购置列入目录的节能设备，可以按购置价款的10%申请补助。
第四条 企业以融资租赁、售后回租、抵押借用、委托他人代持或者关联企业无偿划拨方式取得的节能设备，不得申请补助。
第五条 节能设备目录由县发展和改革局会同县工业和信息化局每年发布。
第六条 企业应当在设备安装调试完毕后三个月内提出申请。
第七条 申请材料包括购置合同、付款凭证、发票和能效检测报告。
第八条 县发展和改革局负责受理申请并组织现场核查。
第九条 县财政局负责补助资金的预算安排和拨付。
第十条 县审计局对补助资金的使用情况进行审计监督。
第十一条 企业弄虚作假骗取补助的，追回已拨付的资金。
第十二条 本办法由县发展和改革局负责解释。
第十三条 本办法自发布之日起施行。
"""


def test_a_denial_for_several_cases_decides_a_question_stating_one_of_them(tmp_path):
    """融资租赁、售后回租、抵押借用、委托他人代持或者关联企业无偿划拨: any one of the listed ways of getting the equipment is the
    case denied."""
    county = assistant_over(tmp_path, {"红石县节能设备购置补助办法": LEASED})
    leased = county.ask("我们那台节能设备是售后回租来的，能申请补助吗？")
    assert leased.text.startswith("不可以"), leased.text
    assert "第四条" in {c.section for c in leased.citations}
    bought = county.ask("我们自己掏钱买了一台目录内的节能设备，能申请补助吗？")
    assert not bought.text.startswith("不可以"), bought.text


# A notice whose heading rules on the sectors it lists, as national notices exclude sectors from a benefit.
SECTORS = """东岭市关于技术改造投资抵免政策的通知

各区人民政府，市各有关单位：为鼓励企业开展技术改造，现将有关事项通知如下：
一、抵免范围
（一）企业购置用于技术改造的专用设备，其投资额的百分之十可以从当年应纳税额中抵免。
（二）当年应纳税额不足抵免的，可以在以后五个纳税年度结转抵免。
二、享受条件
企业应当设置技术改造台账，准确归集设备投资额。
三、不适用技术改造投资抵免政策的行业
1.采矿业。
2.住宿和餐饮业。
3.建筑业。
4.市人民政府规定的其他行业。
四、申报材料
企业申报时应提交设备购置发票、技术改造项目备案证明和投资额计算表。
五、受理部门
市工业和信息化局负责受理申报，市税务局负责审核抵免额。
六、监督检查
市审计局对抵免执行情况进行监督检查，发现虚报的，追回已抵免税款。
七、实施时间
本通知自印发之日起施行，有效期三年。
"""


@pytest.fixture(scope="module")
def sectors(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("sectors"), {"东岭市关于技术改造投资抵免政策的通知": SECTORS})


def test_a_sector_a_ruling_heading_lists_is_denied(sectors):
    answer = sectors.ask("我们是做建筑业的，设备投资能抵免吗？")
    assert answer.text.startswith("不可以"), answer.text
    assert "建筑业" in answer.text


def test_a_sector_named_in_everyday_words_is_the_sector_listed(sectors):
    answer = sectors.ask("我们家开酒店，买了新设备搞技术改造，投资额能抵免税款吗？")
    assert answer.text.startswith("不可以"), answer.text
    assert "住宿和餐饮业" in answer.text


def test_a_sector_the_heading_does_not_list_is_not_denied(sectors):
    answer = sectors.ask("我们是做家具制造的，技术改造设备投资能抵免吗？")
    assert not answer.text.startswith("不可以"), answer.text


ALLOWANCE = """青禾县困难职工生活补贴办法

第一条 为保障困难职工基本生活，制定本办法。

第二条 符合下列条件的困难职工，可以领取生活补贴：
（一）在本县连续工作满一年的；
（二）家庭人均收入低于本县最低生活保障标准两倍的。

第三条 生活补贴按月发放，每人每月300元。

第四条 困难职工在领取生活补贴期间有下列情形之一的，停止领取生活补贴：
（一）家庭人均收入超过本县最低生活保障标准两倍的；
（二）户籍迁出本县的；
（三）被判处刑罚的。

第五条 本办法自2025年1月1日起施行。
"""


def test_a_benefit_stopped_in_a_case_is_denied_in_that_case(tmp_path):
    """停止领取 in the cases listed: asked whether one of them may go on receiving, the answer is no, not the
    general conditions of receiving it."""
    county = assistant_over(tmp_path, {"青禾县困难职工生活补贴办法": ALLOWANCE})
    moved = county.ask("领生活补贴期间户籍迁出本县了，还能继续领吗？")
    assert moved.text.startswith("不可以"), moved.text
    assert "第四条" in {c.section for c in moved.citations}
