"""A case the rule leaves out gets a plain no: a yes/no question naming a thing a provision excludes (不含…,
不包括…) is answered that the documents leave it out, with that provision quoted; an asker's figure inside the
excluded clause (出租不足6个月的) is a case excluded, not a condition met, and a figure outside it is a case the
exclusion does not reach. The toy regulation is written for these tests; the last two ask the shipped laws."""

from __future__ import annotations

import pytest

from assistant.ingest.exclusions import read_exclusions
from tests.conftest import assistant_over

DOC = "西岚市促进住房消费若干措施"
DOCUMENT = """西岚市促进住房消费若干措施

一、购房补贴。在本市购买新建商品住房（不含车位、储藏间和二手房）的个人，按其所缴纳契税的40%给予一次性购房补贴。

二、租赁奖励。对年度住房租赁收入超过200万元的住房租赁企业，按其租赁收入的1%给予奖励。本条所称住房租赁收入，不包括单笔租期不足6个月的租赁合同取得的收入。

三、人才安居。引进的博士研究生在本市首次购房的，给予每人20万元安家补贴。

四、本措施自2025年1月1日起施行，由市住房和城乡建设局负责解释。
"""


@pytest.fixture(scope="module")
def housing(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("exclusions"), {DOC: DOCUMENT})


def test_an_exclusion_is_read_with_its_items_and_short_names_read_out():
    found = read_exclusions("在中国境内（不包括港、澳、台地区）注册的居民企业")
    assert [e.items for e in found] == [("香港", "澳门", "台湾")]
    assert read_exclusions("按其所缴纳契税的40%给予补贴。") == []


def test_a_thing_the_rule_leaves_out_gets_a_no(housing):
    answer = housing.ask("我在西岚买的是一套二手房，契税补贴能领吗？")
    first = answer.text.splitlines()[0]
    assert first.startswith("不符合") and "排除" in first
    assert any("不含车位、储藏间和二手房" in c.quote for c in answer.citations)


def test_a_thing_the_rule_covers_gets_no_such_no(housing):
    answer = housing.ask("我在西岚买的是新建商品住房，契税补贴能领吗？")
    assert "排除" not in answer.text.splitlines()[0]


def test_a_figure_inside_the_excluded_clause_is_a_case_left_out(housing):
    answer = housing.ask("我们有一份租期只有4个月的租赁合同，这笔收入能算进租赁奖励的收入里吗？")
    assert answer.text.splitlines()[0].startswith("不符合"), answer.text


def test_a_figure_outside_the_excluded_clause_is_not_said_to_fail(housing):
    answer = housing.ask("我们有一份租期2年的租赁合同，这笔收入能算进租赁奖励的收入里吗？")
    first = answer.text.splitlines()[0]
    assert not first.startswith("不符合"), answer.text


def test_a_company_registered_in_macao_is_told_the_measures_leave_it_out(shipped_assistant):
    answer = shipped_assistant.ask("一家在澳门注册成立的科技公司，可以去申请认定高新技术企业吗？")
    assert answer.text.splitlines()[0].startswith("不符合")
    assert "第二条" in [c.section for c in answer.citations]


def test_dividends_on_shares_held_under_a_year_are_not_said_to_qualify(shipped_assistant):
    answer = shipped_assistant.ask("我司买入上市公司股票后持有了5个月就卖了，期间分到的股息算免税收入吗？")
    first = answer.text.splitlines()[0]
    assert first.startswith("不符合") and "排除" in first, answer.text
