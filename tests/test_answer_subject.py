"""A figure answer states a figure about the case asked, or says the documents state none.

The documents below are written for these tests: a deduction rule for one kind of worker and a
credit for one kind of equipment. A question about another kind of worker gets no figure passed
off as its answer: it is told the documents do not state it, with the nearest provision shown as
such (`coverage == "partial"`). Questions on how to do something or what to meet get the
provision, not a list of benefit cards."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

DOCUMENT = """青禾县企业用工扶持办法

第一条 为促进就业，制定本办法。

第二条 企业安置残疾人员的，在按照支付给残疾职工工资据实扣除的基础上，按照支付给残疾职工工资的100%加计扣除。

第三条 企业购置并实际使用节能节水专用设备的，该设备投资额的10%可以从企业当年的应纳税额中抵免。

第四条 享受本办法优惠的企业，应当对残疾职工工资单独建立台账，按月归集，年度终了后报送县税务局备案。

第五条 申请第三条优惠的企业，须同时满足以下条件：
（一）设备在本县购置；
（二）设备购置后连续使用满三年。

第六条 县人民政府鼓励企业招用高校毕业生，具体办法另行制定。

第七条 县税务局发现享受优惠的企业不再具备条件的，应当责令整改。整改后仍不具备条件的，停止其优惠，并追回已享受的优惠。

第八条 本办法自公布之日起施行。
"""
DOC = "青禾县企业用工扶持办法"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("subject"), {DOC: DOCUMENT})


def test_the_case_asked_gets_its_figure(county):
    answer = county.ask("安置残疾人的企业，残疾职工的工资可以加计扣除多少？")
    assert answer.coverage == "full" and "100%" in answer.text


def test_another_case_gets_no_figure_of_its_own(county):
    """高校毕业生 are not 残疾人员: the documents name them but give them no rate, so 100% is
    shown only as the nearest provision; a case they never name is refused outright."""
    answer = county.ask("企业招用应届高校毕业生，发的工资能按多少比例加计扣除？")
    assert answer.coverage == "partial" and not answer.answerable
    assert "没有写明" in answer.text.splitlines()[0]
    assert "毕业生" in answer.missing[0]
    unknown = county.ask("企业招用退役军人和进城农民工，发的工资能按多少比例加计扣除？")
    assert not unknown.answerable and "100%" not in unknown.text.splitlines()[0]


def test_how_to_is_answered_by_the_provision_not_by_cards(county):
    answer = county.ask("想享受残疾职工工资的优惠，账目上要怎么处理？")
    assert "台账" in answer.text and "支持措施" not in answer.text


def test_conditions_asked_are_answered_by_the_conditions(county):
    answer = county.ask("节能设备抵免需要满足哪些前提？")
    assert "连续使用满三年" in answer.text and "支持措施" not in answer.text


def test_what_happens_next_is_told_by_the_whole_article(county):
    """An article's steps follow each other (责令整改。整改后仍不…的，停止…并追回…): a question on what
    happens gets all of them, not the first sentence alone; 不再具备条件 states a case, asks no yes/no."""
    answer = county.ask("企业后来不再具备条件了，税务局会怎么处理？")
    assert "责令整改" in answer.text and "追回" in answer.text
    assert not answer.text.startswith(("可以", "不符合"))


RULES = """白沙县税款征收细则

第一条 为规范税款征收，制定本细则。

第二条 本细则所称滞纳利息，是指纳税人未按规定期限缴纳税款的，税务机关对其欠缴的税款自滞纳之日起至缴清之日止按日加收的利息。

第三条 前条所称利息，按照中国人民银行公布的同期贷款基准利率加3个百分点计算。

第四条 企业发生的职工培训费支出，不超过工资薪金总额8%的部分，准予扣除。

第五条 本细则自公布之日起施行。
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("reach"), {"白沙县税款征收细则": RULES})


def test_the_figure_asked_is_read_from_the_article_after_the_definition(rules):
    # the definition (第二条) matches the question best and states no rate; the rate is in the next article
    answer = rules.ask("欠缴税款被按日加收滞纳利息，利率是多少？")
    assert answer.coverage == "full" and "3个百分点" in answer.text, answer.text
    assert answer.citations[0].section == "第三条"


def test_a_rate_of_another_subject_further_down_is_not_the_answer(rules):
    # 8% is a rate stated in the document, but of training costs, not of the fine asked about
    answer = rules.ask("纳税人没按期限缴税，税务机关另外罚款的比例是多少？")
    assert "8%" not in answer.text, answer.text


# A rule book whose article names, in two clauses, the bodies overseeing a fee and what befalls overcharging.
FEES = """南屏市停车服务收费管理办法

第一条 为规范停车服务收费行为，制定本办法。
第二条 本办法适用于本市行政区域内经营性停车场的收费活动。
第三条 停车场经营者应当在入口显著位置公示收费标准。停车场经营者应当建立收费台账，保存期限不少于二年。
第四条 停车场经营者不得在公示的收费标准之外另行收取费用。
第五条 市发展改革部门负责制定停车服务收费的政府定价。
第六条 市交通运输部门负责停车场经营备案。
第七条 价格主管部门、财政部门按照收费管理的职责分工，对停车服务收费进行管理和监督；对违反本办法规定的乱收费行为，依法予以查处。
第八条 停车场经营者应当为新能源汽车设置专用充电车位。
第九条 居住区停车场的收费标准，由所在区人民政府组织听证后确定。居住区停车场的车位，优先出租给本小区业主。
第十条 残疾人驾驶的专用车辆在公共停车场停放的，免收首两小时停车费用。
第十一条 停车场内发生车辆损坏的，经营者应当配合调查。
第十二条 市财政部门对公共停车设施建设给予资金补助。
第十三条 本办法自2026年1月1日起施行。
"""


@pytest.fixture(scope="module")
def fees(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("fees"), {"南屏市停车服务收费管理办法": FEES})


def test_a_question_asking_two_things_of_one_article_gets_both_sentences(fees):
    answer = fees.ask("停车场乱收费归哪些部门管理监督、查处？")
    assert "查处" in answer.text and "价格主管部门、财政部门" in answer.text, answer.text


# A county's support measures for food workshops: a definition, a shared benefit, and measures around them.
WORKSHOPS = """溪口县食品小作坊扶持办法

第一条 为扶持食品小作坊规范发展，制定本办法。
第二条 本办法所称食品小作坊，是指有固定生产场所、从业人员不超过十人、从事传统特色食品生产加工的经营者。
第三条 食品小作坊改造生产场所的，县财政按照改造投入的30%给予补助，最高不超过5万元。
第四条 两个以上食品小作坊共同建设的公共加工车间，由共建各方按照各自实际出资比例分别享受补助。
第五条 食品小作坊招用本县农村劳动力满一年的，每人给予一次性岗位补贴1000元。
第六条 县市场监督管理局负责食品小作坊登记管理。
第七条 县农业农村局负责传统特色食品原料基地建设。
第八条 食品小作坊应当在生产场所显著位置公示登记证。
第九条 食品小作坊租用村集体闲置厂房的，租金由村集体与经营者协商确定。
第十条 县人力资源社会保障局负责岗位补贴的审核发放。
第十一条 食品小作坊参加县级以上展销活动的，按照实际展位费的50%给予补助。
第十二条 县金融工作部门组织银行为食品小作坊提供信用贷款。
第十三条 本办法自2026年3月1日起施行。
"""


@pytest.fixture(scope="module")
def workshops(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("workshops"), {"溪口县食品小作坊扶持办法": WORKSHOPS})


def test_whether_a_thing_is_of_a_kind_is_answered_by_the_kinds_definition(workshops):
    answer = workshops.ask("我们租了村里的厂房，请了12个工人做米粉，这样算食品小作坊吗？")
    assert "是指" in answer.text and "不超过十人" in answer.text, answer.text


