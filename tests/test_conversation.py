"""A conversation goes on in the document it is in: a next question in everyday words that another
document also speaks to (领取的时候需要出示什么证明？) is answered from the document the answer before quoted,
unless another says clearly more of it."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

# Two 办法 the tests write, sharing the everyday words of applying and collecting (领取, 证明, 申请).
_GRANTS = """青禾县退耕还林生活补助管理办法

第一条 为规范退耕还林生活补助的发放，保障退耕农户的合法权益，制定本办法。
第二条 本办法适用于本县行政区域内已完成退耕还林任务并经验收合格的农户。
第三条 生活补助按照退耕面积计算，每亩每年补助300元，补助期限为8年。
第四条 生活补助由乡镇人民政府每年一次性发放到户，不得截留、挪用。
第五条 农户领取生活补助时，应当出示县林业局出具的年度验收合格证明。
第六条 退耕地块经检查验收不合格的，暂停发放当年的生活补助，待补植合格后补发。
第七条 农户将退耕地块转作他用的，停止发放生活补助，已发放的予以追回。
第八条 县财政局负责生活补助资金的预算安排和拨付。
第九条 县林业局负责退耕地块的年度检查验收。
第十条 本办法自公布之日起施行。
"""

_LOANS = """青禾县创业担保贷款管理办法

第一条 为支持城乡劳动者自主创业，规范创业担保贷款管理，制定本办法。
第二条 本办法所称创业担保贷款，是指由县担保中心提供担保、经办银行发放的贷款。
第三条 个人申请创业担保贷款的额度最高为20万元，期限最长为3年。
第四条 申请人领取贷款时，应当出示身份证明和营业执照，并签订借款合同。
第五条 经办银行应当自受理申请之日起15个工作日内作出是否放款的决定。
第六条 贷款逾期的，由县担保中心按照担保合同代为清偿。
第七条 县人力资源和社会保障局负责贷款对象的资格审核。
第八条 县财政局按照规定安排贷款贴息资金。
第九条 骗取创业担保贷款的，追回已发放的贷款和贴息。
第十条 本办法自公布之日起施行。
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("conversation"),
                          {"青禾县退耕还林生活补助管理办法": _GRANTS, "青禾县创业担保贷款管理办法": _LOANS})


def docs_cited(answer) -> set[str]:
    return {c.doc for c in answer.citations}


def test_the_next_question_is_answered_from_the_document_the_conversation_is_in(county):
    session = county.new_session()
    first = county.ask("退耕还林的生活补助是怎么发放的？", session=session)
    assert docs_cited(first) == {"青禾县退耕还林生活补助管理办法"}
    then = county.ask("领取的时候需要出示什么证明？", session=session)
    assert docs_cited(then) == {"青禾县退耕还林生活补助管理办法"}, then.text
    assert "验收合格证明" in then.text


def test_a_conversation_goes_on_after_an_answer_that_could_only_show_the_nearest_rule(county):
    """The documents give no month for the payment, so the first answer says so and shows the nearest
    rule; the asker's next question is still about that allowance."""
    session = county.new_session()
    first = county.ask("退耕还林生活补助在每年几月份发到农户手上？", session=session)
    assert first.coverage == "partial" and docs_cited(first) == {"青禾县退耕还林生活补助管理办法"}, first.text
    then = county.ask("领取的时候需要出示什么证明？", session=session)
    assert docs_cited(then) == {"青禾县退耕还林生活补助管理办法"}, then.text
    assert "验收合格证明" in then.text


def test_a_next_question_another_document_speaks_to_clearly_goes_there(county):
    session = county.new_session()
    county.ask("退耕还林的生活补助是怎么发放的？", session=session)
    loan = county.ask("创业担保贷款最多能贷多少钱？", session=session)
    assert "青禾县创业担保贷款管理办法" in docs_cited(loan)
    assert "20万元" in loan.text


# A law and the 实施细则 detailing it: a conversation on the one goes on in the other where that says it.
_LAW = """青禾县湿地保护条例

第一条 为了加强湿地保护，维护湿地生态功能，制定本条例。
第二条 本条例适用于本县行政区域内湿地的保护、修复和利用。
第三条 县人民政府对湿地保护实行补偿制度，具体办法另行规定。
第四条 县林业局负责湿地保护的组织、协调和监督。
第五条 禁止在湿地内开垦、填埋、排放污水。
第六条 湿地保护经费列入县级财政预算。
第七条 单位和个人有权举报破坏湿地的行为。
第八条 违反本条例第五条规定的，由县林业局责令停止违法行为，限期恢复原状。
第九条 本条例自公布之日起施行。
"""

_DETAIL = """青禾县湿地保护条例实施细则

第一条 根据《青禾县湿地保护条例》，制定本细则。
第二条 条例第三条所称补偿，是指对因湿地保护而承包地被划入保护范围的农户给予的补偿。
第三条 补偿标准为每亩每年500元，由县财政局按年度拨付到户。
第四条 补偿对象应当持土地承包经营权证明向乡镇人民政府申请。
第五条 县林业局每年对湿地保护情况进行一次检查。
第六条 本细则自公布之日起施行。
"""

_OTHER = """青禾县农田水利设施管护办法

第一条 为加强农田水利设施管护，制定本办法。
第二条 农田水利设施实行分级管护，管护经费按每亩每年30元的标准补助。
第三条 乡镇人民政府负责本辖区农田水利设施的日常管护。
第四条 管护补助由乡镇人民政府按年度发放给管护人员。
第五条 管护人员应当定期巡查，发现损坏及时报告。
第六条 县水利局负责农田水利设施管护的监督检查。
第七条 本办法自公布之日起施行。
"""


@pytest.fixture(scope="module")
def wetland(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("family"), {
        "青禾县湿地保护条例": _LAW, "青禾县湿地保护条例实施细则": _DETAIL, "青禾县农田水利设施管护办法": _OTHER})


def test_a_conversation_on_a_law_goes_on_in_the_rules_detailing_it(wetland):
    session = wetland.new_session()
    first = wetland.ask("湿地保护实行什么补偿制度？", session=session)
    assert "青禾县湿地保护条例" in docs_cited(first)
    then = wetland.ask("每亩每年补多少钱？", session=session)
    assert docs_cited(then) == {"青禾县湿地保护条例实施细则"}, then.text
    assert "500元" in then.text
