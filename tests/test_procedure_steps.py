"""A procedure whose steps have heads of their own (`（一）企业申请`, `（二）专家评审`) is answered by
those heads in order, however long the paragraphs under each are; and an English question opening
with a `when` clause (When we…, what share…) asks the figure its main clause asks, not a time."""

from __future__ import annotations

import pytest

from assistant.ingest.labels import step_heads
from tests.conftest import assistant_over

# A 办法 the tests write: an application procedure whose stages are titled lines, each followed by
# paragraphs long enough that the article is never quoted whole.
_MEASURES = """某市科技型中小企业贷款贴息管理办法

第一条 为支持科技型中小企业融资，制定本办法。
第二条 贴息资金每年安排一次。
第三条 贴息按以下程序办理：
（一）网上填报
企业登录市科技业务管理系统，如实填写贷款合同金额、放款日期、实际支付利息等信息，上传贷款合同、借款借据、银行付息凭证等扫描件，并对所填信息的真实性负责，填报期限以每年通知为准。
（二）区级初审
各区科技主管部门对本辖区企业填报的信息进行形式审查，核对原件与扫描件是否一致，必要时进行现场核查，审查意见在十个工作日内报送市科技局。
（三）专家复核
市科技局委托第三方机构组织财务专家对初审通过的申请进行复核，重点核查利息支付的真实性和贷款用途，复核结果作为确定贴息金额的依据。
（四）公示拨付
市科技局将拟贴息企业名单和金额在门户网站公示七日，公示无异议的，按程序拨付贴息资金。
第四条 本办法自发布之日起施行。
"""


def test_step_heads_are_titled_numbered_lines_of_one_kind():
    lines = ["程序如下：", "（一）网上填报", "企业登录系统填报。", "1. 贷款合同；", "2. 付息凭证；",
             "（二）区级初审", "各区审查。", "（三）专家复核"]
    assert step_heads(lines, 12) == ["（一）网上填报", "（二）区级初审", "（三）专家复核"]
    # items punctuated as sentences or clauses are a list of duties or conditions, not steps
    assert step_heads(["（一）确定工作方向，审议报告；", "（二）协调、解决重大问题；"], 12) == []
    assert step_heads(["（一）网上填报", "正文"], 12) == []  # one titled line names no sequence
    # titled lines the text before them calls papers, not stages, are no steps
    assert step_heads(["申请时提交下列材料：", "1. 申请表", "2. 营业执照副本"], 12) == []


@pytest.fixture(scope="module")
def measures(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("steps"), {"某市科技型中小企业贷款贴息管理办法": _MEASURES})


def test_a_procedure_question_names_every_step_in_order(measures):
    answer = measures.ask("申请贷款贴息要走哪几道程序？")
    assert answer.answerable
    positions = [answer.text.find(step) for step in ("网上填报", "区级初审", "专家复核", "公示拨付")]
    assert -1 not in positions and positions == sorted(positions)
    assert "第三条" in {c.section for c in answer.citations}


def test_a_procedure_question_in_english_names_the_steps_too(measures):
    answer = measures.ask("What stages does an interest subsidy application go through?")
    assert answer.answerable
    assert all(step in answer.text for step in ("网上填报", "区级初审", "专家复核", "公示拨付"))


def test_an_opening_when_clause_does_not_make_a_figure_question_a_time_question(shipped_assistant):
    answer = shipped_assistant.ask("When R&D is outsourced to a university, what percentage of the fee goes into "
                                   "the extra deduction base?")
    assert answer.answerable
    first = answer.text.split("\n")[0] + answer.text.split("\n")[1]
    assert "80%" in first or "80％" in first  # the outsourced share leads, not a date or another rate
