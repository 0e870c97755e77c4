"""A question asking what a party must do (要承担哪些义务) is answered by the provision requiring it of
that party (企业应当…), not by one allowing another party something about it, nor by a rule for a
case (违反规定的，应当依法承担法律责任: what a violator faces)."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

# A 条例 the tests write: the duty sits beside a permission about the same thing and a liability clause.
_RULES = """某市职工技能实训促进条例

第一条 为了促进职工技能实训，制定本条例。
第二条 培训机构可以为用人单位接收学员实训、履行实训协议提供场地和设备便利。
第三条 用人单位接收学员实训的，应当为学员提供实训岗位和劳动防护用品，安排师傅带教，并支付合理的实训补贴。
第四条 培训机构、用人单位违反本条例规定，侵害接收实训学员合法权益的，应当依法承担相应的法律责任。
第五条 本条例自公布之日起施行。
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("duty"), {"某市职工技能实训促进条例": _RULES})


def test_a_partys_obligations_are_the_provision_requiring_them_of_it(rules):
    answer = rules.ask("用人单位接收学员实训，需要履行哪些义务？")
    first = answer.text.splitlines()[0]
    assert "劳动防护用品" in first and "第三条" in first
    assert "法律责任" not in first


# A 办法 the tests write, with a body's duties as a list in two written forms: items on lines of their own with
# no marker (…履行下列职责： then one duty a line), and items numbered （1） each ending its own sentence; and
# a duty stated after a sentence that only names the system of responsibility.
_MEASURES = """江屿市农村供水工程管理办法

第一条 为加强农村供水工程管理，保障农村居民饮水安全，制定本办法。
第二条 本办法适用于本市行政区域内农村供水工程的建设、运行和管护。
第三条 市水务局是本市农村供水工程的主管部门，应当履行下列职责：
编制农村供水工程专项规划；
组织开展水质检测和工程巡查；
建立农村供水应急抢修队伍；
其他需要主管部门办理的事项。
第四条 农村供水工程的建设和日常管护实行县级人民政府负责制，纳入年度目标考核。县级人民政府应当落实工程管护经费，明确管护主体，定期开展水源地环境整治。
第五条 市农村供水协调小组下设办公室，负责日常工作。办公室设在市水务局。办公室承担以下职责：
（1）汇总各县供水工程运行情况。
（2）起草农村供水年度工作报告。
（3）督办协调小组议定事项。
第六条 供水单位应当在营业场所和门户网站公开水价、收费依据和服务承诺。每季度应当检测出厂水水质，并向社会公布检测结果。
第七条 用水户应当按时缴纳水费，不得擅自改装供水设施。
第八条 任何单位和个人不得在水源保护范围内排放污水。
第九条 市财政局按照规定安排农村供水工程补助资金。
第十条 违反本办法第八条规定的，由水务部门责令改正。
第十一条 本办法自公布之日起施行。
"""


@pytest.fixture(scope="module")
def measures(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("supply"), {"江屿市农村供水工程管理办法": _MEASURES})


def test_a_bodys_duties_are_its_list_whole_though_the_question_names_its_role(measures):
    answer = measures.ask("江屿水务局身为主管部门，需要履行什么职责？")
    assert not answer.text.startswith("牵头单位"), answer.text  # a role named says whose duties, asks no body
    first = answer.text.splitlines()[0]
    assert "编制农村供水工程专项规划" in first and "建立农村供水应急抢修队伍" in first, answer.text


def test_a_list_numbered_item_by_item_is_quoted_to_its_last_item(measures):
    first = measures.ask("协调小组的办公室承担哪些职责？").text.splitlines()[0]
    assert all(duty in first for duty in ("汇总各县供水工程运行情况", "起草农村供水年度工作报告", "督办协调小组议定事项")), first


def test_the_duties_after_a_premise_the_question_restates_answer(measures):
    first = measures.ask("供水工程由县级人民政府负责，县政府具体要做哪些事？").text.splitlines()[0]
    assert "落实工程管护经费" in first, first


def test_a_partys_duties_running_over_several_sentences_are_all_quoted(measures):
    first = measures.ask("供水单位必须尽到哪些义务？").text.splitlines()[0]
    assert "公开水价" in first and "检测出厂水水质" in first, first


# A 制度 the tests write, its functions listed under a heading that names them (一、主要职能), in sentences that do not
# repeat the body's name.
_SYSTEM = """某市营商环境工作联席会议制度

为加快优化营商环境，经市政府同意，建立某市营商环境工作联席会议制度。

一、主要职能
统筹推进全市营商环境改革工作；研究解决企业反映集中的共性问题；督促各成员单位落实年度改革任务；完成市政府交办的其他事项。

二、成员单位
联席会议由市发展改革局、市市场监管局、市政务服务数据管理局、市财政局等8个部门组成，市发展改革局为牵头单位。

三、工作规则
联席会议原则上每季度召开一次全体会议，由召集人主持。联席会议以纪要形式明确议定事项。

四、工作要求
各成员单位要按照职责分工，主动研究营商环境改革中的重大问题，及时报送工作进展。
"""


@pytest.fixture(scope="module")
def system(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("meeting"), {"某市营商环境工作联席会议制度": _SYSTEM})


def test_functions_listed_under_a_heading_naming_them_answer(system):
    first = system.ask("营商环境联席会议的主要职能包括什么？").text.splitlines()[0]
    assert "研究解决企业反映集中的共性问题" in first and "督促各成员单位落实年度改革任务" in first, first


def test_a_partys_duties_before_the_one_the_question_names_are_quoted_with_it(measures):
    """Asked of the later duty of a run (检测出厂水水质), the run is quoted from its first duty (公开水价)."""
    first = measures.ask("在出厂水的水质检测和公开上，供水单位要尽哪些义务？").text.splitlines()[0]
    assert "公开水价" in first and "检测出厂水水质" in first, first
