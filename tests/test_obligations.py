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
