"""Everyday words a person asks with, answered from the words documents use for them
(去世 -> 死亡, 老公 -> 配偶/夫妻), over a small regulation these tests write; and a city
named inside a word (同一个城市) is no question about what the city does."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

DOC = "示例市社会救助办法"
TEXT = """示例市社会救助办法

第一条 为了保障困难群众基本生活，制定本办法。
第二条 领取救助金的人员在领取期间患病住院的，可给予一次医疗补助。
第三条 领取救助金的人员在领取期间死亡的，一次性发给其家属三个月救助金标准的丧葬补助金。
第四条 本办法自2025年1月1日起施行。
"""
NATIONAL = "住房租赁备案暂行办法"
NATIONAL_TEXT = """住房租赁备案暂行办法

第一条 承租人应当在签订租赁合同后三十日内，到房屋所在地街道办事处办理租房备案。
第二条 夫妻双方在同一城市租房居住的，只能由一方办理租房备案。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("everyday"), {DOC: TEXT, NATIONAL: NATIONAL_TEXT})


def test_a_death_asked_in_everyday_words_finds_the_benefit(assistant):
    answer = assistant.ask("老人领救助金那段时间过世了，家属能申请什么补助？")
    assert answer.answerable and "丧葬补助金" in answer.text, answer.text
    assert answer.citations[0].section == "第三条"


def test_a_spouse_asked_in_everyday_words_finds_the_rule(assistant):
    answer = assistant.ask("我跟老公都在一个城市上班，各自租房子住，两个人能分别办租房备案吗？")
    assert answer.answerable and "只能由一方" in answer.text, answer.text  # not narrowed to the city's own
    assert answer.citations[0].doc == NATIONAL


def test_a_follow_up_with_no_subject_of_its_own_asks_about_the_topic_before(assistant):
    """要去哪里办？ names nothing: it asks where to do what the question before asked about, and it
    asks a place, not the figure the question before asked."""
    session = assistant.new_session()
    first = assistant.ask("签了租房合同以后多少天内要办租房备案？", session=session)
    assert "三十日" in first.text, first.text
    then = assistant.ask("要去哪里办？", session=session)
    assert then.answerable and "街道办事处" in then.text, then.text


FREE_TEXT = """示例市公共就业服务办法

第一条 为了规范公共就业服务，促进就业，制定本办法。
第二条 本办法所称公共就业服务机构，是指市、区人民政府设立的公共就业服务机构。
第三条 公共就业服务机构提供下列服务，不得收费：
（一）职业介绍和职业指导；
（二）失业登记；
（三）就业困难人员的就业援助。
第四条 经营性职业中介机构可以按照规定收取服务费用。
第五条 本办法自2025年1月1日起施行。
"""


def test_a_service_asked_as_free_finds_the_services_it_may_not_charge_for(tmp_path):
    """免费 is written 不得收费 (or 免收, 无偿)."""
    county = assistant_over(tmp_path, {"示例市公共就业服务办法": FREE_TEXT})
    answer = county.ask("政府办的就业服务机构，哪几样服务是免费的？")
    assert "失业登记" in answer.text and "第三条" in {c.section for c in answer.citations}, answer.text


def test_a_short_word_the_documents_write_in_full_finds_the_rule(tmp_path):
    """年报 is written 年度报告 in rule books (one sense in the dictionary): the question is answered, not refused."""
    text = """北川县个体工商户年度报告办法

第一条 为规范个体工商户年度报告工作，制定本办法。
第二条 个体工商户应当于每年1月1日至6月30日，向登记机关报送上一年度年度报告。
第三条 当年开业登记的个体工商户，自下一年起报送年度报告。
第四条 登记机关应当对报送情况进行抽查。
第五条 本办法自2026年1月1日起施行。
"""
    shop = assistant_over(tmp_path, {"北川县个体工商户年度报告办法": text})
    answer = shop.ask("年报每年最晚几号前要交？")
    assert answer.answerable and "6月30日" in answer.text, answer.text


RENTAL_BIKES = "示例市互联网租赁自行车管理办法"
RENTAL_BIKES_TEXT = """示例市互联网租赁自行车管理办法

第一条 为了规范互联网租赁自行车经营行为，制定本办法。
第二条 互联网租赁自行车运营企业应当为投放的车辆购买第三者责任险，并在车身标注企业名称和服务电话。
第三条 出租人不得在房屋租赁期间擅自停止供热、供水。
第四条 本办法自2026年3月1日起施行。
"""


@pytest.fixture(scope="module")
def bikes(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("bikes"), {RENTAL_BIKES: RENTAL_BIKES_TEXT})


def test_a_thing_asked_by_its_everyday_name_finds_the_rule_written_with_its_formal_name(bikes):
    """共享单车 is what regulations call 互联网租赁自行车; 房东 the 出租人; 暖气 the 供热: asked in the
    everyday words, the rule written in the formal ones answers."""
    answer = bikes.ask("共享单车公司放车之前要给车子上保险吗？")
    assert answer.answerable and "第三者责任险" in answer.text, answer.text
    answer = bikes.ask("房东能不能在我租房期间把暖气停了？")
    assert answer.answerable and "不得" in answer.text and answer.citations[0].section == "第三条", answer.text
