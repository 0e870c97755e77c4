"""A formula is a kind of figure: a sum the documents say how to compute (补助金额＝…×…, 以…减除…后的余额为…)
answers a question asking how much, for whatever figures the asker brings, where no number would."""

from __future__ import annotations

import pytest

from assistant.ingest.quantities import read
from tests.conftest import assistant_over


@pytest.mark.parametrize("sentence", [
    "补助金额＝核定用工人数×每人每月标准×补助月数。",
    "年工作日：365天-104天-11天＝250天",
    "转让财产所得，以收入全额减除财产净值后的余额为应纳税所得额。",
    "缴费数额为本单位职工工资总额乘以单位缴费费率之积。",
])
def test_a_sum_said_as_computed_is_read_as_a_formula(sentence):
    assert any(q.kind == "formula" for q in read(sentence))


def test_a_range_or_a_plain_sum_is_no_formula():
    assert not any(q.kind == "formula" for q in read("2016-2020年，补助最高不超过30万元，按季度发放。"))


_RULES = """某市稳岗留工补助办法

第一条 为了稳定企业用工，制定本办法。
第二条 本办法适用于本市行政区域内依法登记的工业企业。
第三条 市人力资源社会保障局负责稳岗留工补助的审核和发放。
第四条 企业在春节期间组织职工在岗生产的，可以申请稳岗留工补助。
第五条 稳岗留工补助按下列公式计算：补助金额＝在岗职工人数×每人500元×在岗天数÷7。
第六条 企业应当在春节后30日内提出申请，并提交职工考勤记录。
第七条 市财政局按照规定安排补助资金。
第八条 企业弄虚作假骗取补助的，追回补助资金，三年内不得再申请。
第九条 补助资金实行专账管理，专款专用。
第十条 审核结果应当在市人力资源社会保障局网站公示五个工作日。
第十一条 企业对审核结果有异议的，可以在公示期内申请复核。
第十二条 区人力资源社会保障部门协助做好申请受理工作。
第十三条 本办法自公布之日起施行。
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("formula"), {"某市稳岗留工补助办法": _RULES})


def test_how_much_a_firm_gets_is_answered_by_the_formula(rules):
    answer = rules.ask("我们厂春节有40个人留下来上班，干了14天，稳岗留工补助能拿多少钱？")
    assert answer.coverage == "full", answer.text
    assert "在岗职工人数×每人500元×在岗天数÷7" in answer.text
