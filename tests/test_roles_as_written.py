"""Who does a task, said the way the document says it, and the part a named body has; whom a document applies
to, quoted when asked whether one can have what it gives; a message asking
two things of one provision gets both. The documents are written for these tests (a county plan the
project never held, with unit notes that share one 县 prefix; a rule of two sentences)."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

PLAN = "青禾县数字乡村建设行动方案"
PLAN_TEXT = """青禾县数字乡村建设行动方案

一、重点任务

（一）建设乡村宽带网络。到2026年，行政村千兆光纤通达率达到百分之九十以上，自然村移动网络全面覆盖。
（牵头单位：县工业和信息化局；责任单位：各乡镇，县财政局、农业农村局、自然资源局）

（二）发展农产品网络销售。培育一批电商服务站点，支持合作社开设网店，开展直播带货培训。
（牵头单位：县商务局、农业农村局；责任单位：各乡镇，县供销社、人力资源社会保障局）

二、保障措施

（三）加强统筹调度。在县委网络安全和信息化委员会领导下，设立县数字乡村建设工作专班办公室，承担数字乡村建设的日常调度和督办工作。
（牵头单位：县委网信办；责任单位：县发展改革局）
"""

RULE = "青禾县农机购置补贴操作办法"
RULE_TEXT = """青禾县农机购置补贴操作办法

第一条 为规范农机购置补贴工作，制定本办法。

第二条 申请补贴的购机者可以在县级补贴系统或者乡镇服务窗口中选择一种申请渠道提交材料。提交的材料包括购机发票、身份证明和机具铭牌照片，材料不全的，窗口应当一次性告知需要补正的内容。申请渠道一经确定，当年度内不得更改。

第三条 本办法适用于在本县登记注册、依法纳税的农业生产经营主体。

第四条 本办法自发布之日起施行。
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("county"), {PLAN: PLAN_TEXT, RULE: RULE_TEXT})


def test_a_lead_answer_quotes_the_note_as_the_document_writes_it(county):
    answer = county.ask("青禾县农产品网上销售那项任务归哪个部门牵头？")
    assert "县商务局" in answer.text
    # the note writes the second lead without its county prefix; the answer shows those words too
    assert "牵头单位：县商务局、农业农村局" in answer.text
    # asked for the lead only: the sharing bodies are not listed
    assert "供销社" not in answer.text


def test_both_roles_asked_quote_the_whole_note(county):
    answer = county.ask("乡村宽带网络建设，谁牵头，谁配合？")
    assert "责任单位：各乡镇，县财政局、农业农村局、自然资源局" in answer.text


def test_the_part_a_named_body_has_is_said_first(county):
    answer = county.ask("县财政局在乡村宽带网络建设里算责任单位吗？")
    assert answer.text.splitlines()[0].startswith("县财政局为责任单位")
    not_listed = county.ask("县商务局在乡村宽带网络建设里是什么角色？")
    assert "不在所列单位之中" in not_listed.text.splitlines()[0]


def test_a_body_asked_of_in_a_not_a_form_or_as_membership_gets_its_part(county):
    """谁牵头？X负不负责？ asks the lead and X's part; X在里面吗 asks whether X is among the task's bodies."""
    answer = county.ask("乡村宽带那项工作谁牵头？县财政局负不负责？")
    assert answer.text.splitlines()[0].startswith("县财政局为责任单位") and "县工业和信息化局" in answer.text
    absent = county.ask("农产品网络销售是谁牵头，县财政局在里面吗？")
    assert "不在所列单位之中" in absent.text.splitlines()[0] and "县商务局" in absent.text
    counted = county.ask("乡村宽带网络谁牵头？县自然资源局在里面算啥？")
    assert "自然资源局为责任单位" in counted.text.splitlines()[0], counted.text


def test_whether_a_body_takes_part_asked_plainly_gets_its_part(county):
    """X参加吗 asks X's part in the task as X要不要参与 does; asked after who leads, the part is answered by the
    task's note, not said to be open because the second question alone names no task."""
    answer = county.ask("乡村宽带网络建设，县财政局参加吗？")
    assert answer.text.splitlines()[0].startswith("县财政局为责任单位"), answer.text
    both = county.ask("乡村宽带那项工作谁牵头？县自然资源局和县财政局参与吗？")
    assert "县工业和信息化局" in both.text and "没有写明" not in both.text, both.text


def test_a_follow_up_asking_a_bodys_part_leans_on_the_task_asked_before(shipped_assistant):
    """那国资委和税务局参加吗？ after who leads the plan's incubator task: the part of the body in that task, which the
    question itself does not name (alone, it finds articles of the laws on taking part in things)."""
    session = shipped_assistant.new_session()
    shipped_assistant.ask("孵化器建设由哪个部门牵头？", session)
    answer = shipped_assistant.ask("那国资委和税务局参加吗？", session)
    assert answer.text.splitlines()[0].startswith("市国资委为责任单位"), answer.text


def test_the_role_a_body_is_to_play_is_its_part_not_its_list_of_duties(county):
    """县财政局要做什么角色: 做什么 asks the 角色, the part it has in the task named before, and that second question
    is answered by the first's note, not said to be open."""
    answer = county.ask("乡村宽带那项工作谁牵头？县财政局要做什么角色？")
    assert answer.text.splitlines()[0].startswith("县财政局为责任单位") and "没有写明" not in answer.text, answer.text


def test_a_second_question_about_the_same_rule_gets_its_other_sentence(county):
    answer = county.ask("农机补贴申请渠道可以选哪几种？选定一种以后年内能不能换？")
    assert "县级补贴系统或者乡镇服务窗口" in answer.text
    assert "不得更改" in answer.text


def test_a_body_a_section_sets_up_for_a_task_answers_who_carries_it_out(county):
    carried = county.ask("数字乡村建设的日常调度和督办由哪个机构承担？")
    assert carried.text.splitlines()[0].startswith("承担单位为县数字乡村建设工作专班办公室")
    led = county.ask("数字乡村建设的统筹调度由谁牵头？")
    assert "牵头单位为县委网信办" in led.text


def test_whether_one_can_have_it_is_answered_with_whom_the_document_applies_to(county):
    answer = county.ask("我们是外县注册的合作社，能不能申请农机购置补贴？")
    assert "本办法适用于在本县登记注册、依法纳税的农业生产经营主体" in answer.text
    scope = county.ask("农机购置补贴操作办法适用于什么样的主体？")
    assert scope.text.startswith("本办法适用于在本县登记注册")


@pytest.mark.parametrize("question", ["农产品网络销售这块，县供销社要不要参与？",
                                      "农产品网络销售那项工作县供销社也要负责吗？",
                                      "我在县供销社，农产品网络销售这项任务我们有没有责任？"])
def test_whether_a_named_body_takes_part_is_answered_with_its_part(county, question):
    answer = county.ask(question)
    assert answer.text.splitlines()[0].startswith("县供销社为责任单位"), answer.text
    assert "牵头单位为县商务局" in answer.text  # (whether it takes part, read against who leads)


def test_a_bodys_duties_asked_after_a_task_quote_that_task_first(county):
    """那县财政局具体要做什么 after a question on one task asks its part in that task: the task's own text is quoted
    before the list of the body's other tasks."""
    session = county.new_session()
    county.ask("乡村宽带网络建设谁牵头？", session)
    answer = county.ask("那县财政局具体要做什么？", session)
    assert "千兆光纤" in answer.text.splitlines()[0], answer.text


def test_a_later_question_on_a_bodys_part_is_answered_by_the_notes_the_whole_answer_quotes(shipped_assistant):
    """谁牵头？国资委参加吗？ over the plan: the whole message's answer names 市国资委 among the task's bodies, so the
    second question is answered, though alone it names no task and finds nothing."""
    answer = shipped_assistant.ask("科技企业孵化育成体系这件事哪个局牵头？国资委参加吗？")
    assert "市国资委为责任单位" in answer.text and "没有写明" not in answer.text, answer.text
    assert answer.coverage == "full"


TWIN_PLAN = "青禾县城乡融合发展行动方案"
TWIN_TEXT = """青禾县城乡融合发展行动方案

一、重点任务

（一）创新“县镇联动”发展模式。建立合理的分配机制，完善共享招商机制，实行项目动态管理。
（牵头单位：县发展改革局；责任单位：各乡镇，县科技局）

（二）全面推进“县镇联动”建设。遵循稳步推进的原则全面推进“县镇联动”工作，成立“县镇联动”工作组，各乡镇成立对接工作组；各乡镇按照1:1配套资金投入；每月召开“县镇联动”例会，通报各乡镇进展。
（牵头单位：县商务局；责任单位：各乡镇、县财政局）
"""


@pytest.fixture(scope="module")
def twins(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("twins"), {TWIN_PLAN: TWIN_TEXT})


def test_a_task_named_by_its_heading_is_that_task_and_a_later_role_part_stays_on_it(twins):
    """Two tasks share a name; the question names one by its heading (发展模式). The second question, which bodies
    share it, names bodies only (乡镇), so it asks of the same task, not of the other whose text names 乡镇 more."""
    answer = twins.ask("“县镇联动”发展模式这件事谁牵头？乡镇和哪几个部门是责任单位？")
    assert "县发展改革局" in answer.text and "县科技局" in answer.text
    assert "县商务局" not in answer.text and "县财政局" not in answer.text, answer.text


CARE = "东湖市长期护理保险办法"
CARE_TEXT = """东湖市长期护理保险办法

第一条　为了建立长期护理保险制度，制定本办法。

第二条　本办法适用于本市行政区域内的长期护理保险活动。

第三条　市医疗保障行政部门主管本市长期护理保险工作。市医疗保险经办机构负责长期护理保险的经办服务。

第四条　长期护理保险基金按月支付护理服务费用。

第五条　医疗保险经办机构可以依职责组织开展长期护理服务的核查评估，组织实施护理服务质量考核。
"""


@pytest.fixture(scope="module")
def care(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("care"), {CARE: CARE_TEXT, PLAN: PLAN_TEXT})


def test_who_organises_what_a_whole_document_is_about_is_the_body_in_charge(care):
    """负责组织实施 is a role said as a verb phrase, no topic: the document's 主管 body answers."""
    answer = care.ask("东湖长期护理保险由哪家单位主管并负责组织实施？")
    assert "市医疗保障行政部门" in answer.text, answer.text
