"""A yes/no question is not decided by a rule for a special case it does not state: a denial for one kind of
cost, or for one party of a contract, is no answer to whether the cost in general is allowed. The document
is written for this test."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

RULE = """青禾县技术改造费用税前扣除操作指引

第一条 为规范技术改造费用的扣除，制定本指引。

第二条 委托外部单位实施的技术改造，其费用由委托方按照实际发生额的八成计入技术改造费用，受托方不得再行扣除。

第三条 技术改造费用已列入固定资产但不属于本指引附表范围的，企业摊销时不得扣除。

第四条 本指引自发布之日起施行。
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("rules"), {"青禾县技术改造费用税前扣除操作指引": RULE})


def test_a_denial_for_a_case_not_asked_decides_nothing(county):
    answer = county.ask("技术改造费用能在税前扣除吗？")
    assert not answer.text.startswith("不可以"), answer.text


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
