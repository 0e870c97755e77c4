"""Conventions of pages the corpus did not hold, each in a small document these tests write: numbered
measures whose notes label the lead as `牵头责任单位` (the shared role as `责任单位`), and a Q&A page
(政策问答) whose questions stand on lines of their own, each heading its answer."""

from __future__ import annotations

import pytest

from assistant.ingest.outline import parse_file
from tests.conftest import assistant_over

MEASURES = """示例区关于进一步稳住经济增长若干政策措施
一、稳住市场主体
1.落实留抵退税政策。对符合条件的小微企业一次性退还存量留抵税额，做到应退尽退。（牵头责任单位：区税务局、区财政局）
2.加大创业担保贷款支持。对符合条件的小微企业给予最高不超过300万元的创业担保贷款并按规定贴息。（牵头责任单位：区人社局；责任单位：区财政局、区金融工作局）
3.减免国有房屋租金。对承租区属国有房屋的服务业小微企业和个体工商户减免6个月租金。（牵头责任单位：区国资局；责任单位：区财政局）
4.开展涉企收费专项整治。坚决查处行业协会、中介机构违规向企业收费行为。（牵头责任单位：区市场监管局）
二、扩大有效投资
5.加快专项债券使用。区级部门和国有企业要做好项目储备，确保专项债券资金8月底前使用完毕。（牵头责任单位：区发改局；责任单位：区财政局）
6.推动重点项目开工。建立重点项目台账，实行挂图作战，每月通报开工进度。（牵头责任单位：区发改局；责任单位：区住建局）
7.支持企业技术改造。对生产性设备投资500万元以上的技术改造项目，按设备投资额5%给予奖补，最高200万元。（牵头责任单位：区经信局；责任单位：区财政局）
三、守住安全底线
8.压实安全生产责任。制定部门安全生产职责清单，印发安全生产大检查工作方案，将责任落实到最小工作单元。（牵头责任单位：区应急局；责任单位：各镇（街道））
9.抓好安全专项整治。深入开展燃气、自建房、道路交通等重点领域专项整治，做到隐患清零。（牵头责任单位：区应急局；责任单位：区住建局、区交通运输局）
10.做好防汛备汛工作。汛前完成山洪地质灾害隐患点排查，落实转移避险预案。（牵头责任单位：区水利局；责任单位：区应急局）
11.保障能源稳定供应。督促电厂储足电煤，确保迎峰度夏期间电力不断供。（牵头责任单位：区发改局；责任单位：区应急局）
12.加强食品安全监管。开展校园周边食品安全检查，严厉打击过期食品销售。（牵头责任单位：区市场监管局；责任单位：区教育局）
13.稳定生猪生产。生猪养殖连续亏损3个月以上时，启动临时性救助补贴。（牵头责任单位：区农业农村局）
"""

QA_PAGE = """示例市就业补贴政策问答
政策出台的背景是什么？
为落实就业优先政策，规范补贴经办流程，市人力资源和社会保障局制定了本办法。
哪些单位可以申请吸纳就业补贴？
本市参加社会保险的企业、民办非企业单位和个体工商户，招用登记失业人员的，可以申请吸纳就业补贴。
补贴标准是多少？
每招用一名登记失业人员，按每人每月800元的标准给予补贴，最长不超过12个月。
单位怎样提交申请？
（一）网上申请的，单位登录市就业服务平台填报申请信息并上传劳动合同。
（二）窗口申请的，单位携带营业执照和劳动合同到区就业服务中心办理。
招用后多久可以申请？
单位与失业人员签订劳动合同满3个月后，可以在次月提出申请。
"""

STEP_GUIDE = """示例市居住证办理指南
一、办理对象
在本市居住满半年、有合法稳定就业或者住所的非本市户籍人员。
二、办理流程
第一步：网上预约
申请人登录示例市政务服务平台填写个人信息，选择办理网点和时间，自预约之日起30日内到网点办理。
第二步：现场受理
（一）本人到预约网点提交身份证原件和居住登记凭证。
（二）未成年人由监护人陪同办理，另需提交出生医学证明。
第三步：领取证件
受理后15个工作日内制证完成，可选择窗口领取或者邮寄到家。
三、其他
本指南自2025年3月1日起实行，有效期至2027年2月28日。
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    return assistant_over(root, {"示例区稳增长若干措施": MEASURES, "示例市就业补贴政策问答": QA_PAGE,
                                 "示例市居住证办理指南": STEP_GUIDE})


def outlined(tmp_path_factory, name: str, text: str) -> dict:
    path = tmp_path_factory.mktemp("doc") / name
    path.write_text(text, encoding="utf-8")
    return {s.label: s for s in parse_file(path).sections}


def test_a_note_labelling_the_lead_as_lead_and_responsible_gives_each_role_its_bodies(tmp_path_factory):
    sections = outlined(tmp_path_factory, "示例区稳增长若干措施.txt", MEASURES)
    assert sections["2."].lead_units == ["区人社局"]
    assert sections["2."].responsible_units == ["区财政局", "区金融工作局"]
    assert sections["4."].lead_units == ["区市场监管局"] and sections["4."].responsible_units == []


def test_who_leads_a_numbered_measure_is_the_body_its_note_labels_lead(pages):
    answer = pages.ask("小微企业租区属国有房屋免租金这件事，由哪个部门牵头？")
    assert "区国资局" in answer.text
    assert any(c.section == "3." for c in answer.citations)


def test_a_bodys_duties_in_a_task_the_question_names_quote_that_task(pages):
    answer = pages.ask("在压实安全生产责任方面，区应急局具体要做什么？")
    assert "职责清单" in answer.text and "最小工作单元" in answer.text
    assert "抓好安全专项整治" in answer.text  # (its other tasks are still listed)


def test_each_question_of_a_qa_page_heads_its_answer(tmp_path_factory):
    sections = outlined(tmp_path_factory, "示例市就业补贴政策问答.txt", QA_PAGE)
    asked = sections["单位怎样提交申请？"]
    assert "网上申请的" in asked.text and "窗口申请的" in asked.text  # (its parts are its answer, no sections)
    assert "（一）" not in sections and "（二）" not in sections
    assert "每人每月800元" in sections["补贴标准是多少？"].text


def test_a_question_on_a_qa_page_is_answered_from_its_answer_and_cites_the_question(pages):
    answer = pages.ask("吸纳失业人员的补贴每月给多少钱？")
    assert "800元" in answer.text
    assert any(c.section == "补贴标准是多少？" for c in answer.citations)


def test_each_step_of_a_guide_heads_its_own_section_with_its_parts(tmp_path_factory):
    sections = outlined(tmp_path_factory, "示例市居住证办理指南.txt", STEP_GUIDE)
    step = sections["第二步"]
    assert step.title == "现场受理" and step.path == "二、 > 第二步"
    assert "身份证原件" in step.text and "出生医学证明" in step.text  # (its （一）（二） are its parts)
    assert "（一）" not in sections and "15个工作日" in sections["第三步"].text


def test_a_question_on_one_step_of_a_guide_cites_that_step(pages):
    answer = pages.ask("未成年的孩子去网点办居住证，要多交什么材料？")
    assert "出生医学证明" in answer.text
    assert any(c.section == "第二步" for c in answer.citations), answer.text


def test_a_document_saying_it_takes_effect_with_shixing_answers_when_it_applies(tmp_path_factory):
    """自…起实行 says when a document takes effect as 自…起施行 does."""
    guide = assistant_over(tmp_path_factory.mktemp("guide"), {"示例市居住证办理指南": STEP_GUIDE})
    answer = guide.ask("示例市居住证办理指南什么时候开始执行、到什么时候失效？")
    assert answer.text.startswith("本指南自2025年3月1日起实行"), answer.text


# A 宣传指引 in two parts (`第一部分：…` over its 一、 chapters, `第二部分：…` a paragraph of its own).
PARTS_GUIDE = """示例市职业年金办理宣传指引
第一部分：依规办理
一、办理对象
本市机关事业单位在编工作人员。
二、办理渠道
参保单位通过经办系统统一申报，无需个人到窗口。
第二部分：违规后果
通过伪造档案、虚构劳动关系等方式骗取职业年金待遇的，由经办机构责令退回，并依法移送有关部门处理；涉嫌犯罪的，依法追究刑事责任。
"""


def test_a_documents_parts_head_sections_of_their_own(tmp_path_factory):
    sections = outlined(tmp_path_factory, "示例市职业年金办理宣传指引.txt", PARTS_GUIDE)
    part = sections["第二部分"]
    assert part.title == "违规后果" and "骗取职业年金待遇" in part.text
    assert "骗取" not in sections["二、"].text  # (the part is no paragraph of the chapter above it)
