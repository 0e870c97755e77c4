"""What a high-tech firm can get (issue #21), over the shipped corpus and a
real built index: only benefits become cards, one card per benefit however
many documents state it, ranked as an applicant acts on them, each card
labelled with its policy's level and period."""

from __future__ import annotations

import re
import shutil

import pytest

from assistant.eligibility.roles import benefit_kind, sentence_role
from tests.conftest import CORPUS

CARDS_BEFORE = 166  # match --qual 高新技术企业 on the shipped corpus before sentences were classified


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """An Assistant over a built index of every document in corpus/ (the
    hashing embedding: cards do not depend on vectors)."""
    from assistant.index.build import build_index
    from assistant.service import Assistant
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("shipped")
    shutil.copytree(CORPUS, root / "corpus")
    settings = Settings.load(corpus_dir=root / "corpus", index_dir=root / "index", embedding_backend="hashing")
    build_index(settings)
    return Assistant.open(settings)


@pytest.fixture(scope="module")
def high_tech(shipped):
    from assistant.service import profile_from_flags

    return shipped.match(profile_from_flags(qual=["高新技术企业"])).cards()


@pytest.mark.parametrize("sentence, role", [
    ("对首次通过认定的企业，给予一次性20万元奖励。", "benefit"),
    ("符合条件的企业，减按10%的税率征收城镇土地使用税。", "benefit"),
    ("企业发生的技术开发费，可以按实际发生额的75%在税前加计扣除。", "benefit"),
    ("对入驻孵化器的初创企业，按实际租金的50%给予租金补贴。", "benefit"),
    ("参保人员在领取待遇期间死亡的，一次性发给其家属三个月待遇标准的丧葬补助金。", "benefit"),
    ("违反本办法规定骗取补助资金的，由财政部门追回资金，并处以罚款。", "penalty"),
    ("有弄虚作假行为的，取消其享受优惠的资格。", "penalty"),
    ("申报单位应当对申报材料的真实性负责。", "obligation"),
    ("申请企业须同时符合下列条件：", "condition"),
    ("下列情形不适用本条规定的补贴。", "condition"),
    ("积极营造有利于创新创业的良好氛围。", "principle"),
    ("要把各项扶持政策落实到位。", "principle"),
    ("为促进本市中小企业健康发展，根据有关规定，制定本办法。", "principle"),
    ("本办法所称中小企业，是指在本市依法登记的企业。", "other"),
    ("创业担保贷款风险补偿资金来源于市、区两级财政。", "other"),  # how the funder raises money, though it names the fund
    # a benefit's name qualifying whom a duty concerns grants nothing; its own rate still does
    ("财政部门应当加强对享受技术改造贴息优惠项目的绩效评价。", "obligation"),
    ("企业应当单独核算可加计扣除的软件研发支出。", "obligation"),
    ("已认定的软件企业，减按12%的税率缴纳企业所得税。", "benefit"),
    ("原办法第五条关于研发费用加计扣除备案的规定同时废止。", "condition"),  # repealed: grants nothing
])
def test_a_sentence_is_read_from_its_structure(sentence, role):
    assert sentence_role(sentence) == role


def test_an_item_under_a_condition_list_is_a_condition():
    assert sentence_role("在本市注册满两年", in_list="condition") == "condition"


@pytest.mark.parametrize("sentence, kind", [
    ("减按15％的税率征收企业所得税", "tax_reduction"),
    ("按照研究开发费用的50%加计扣除", "deduction"),
    ("给予一次性30万元资金补助", "money"),
    ("给予贷款贴息", "loan_guarantee"),
])
def test_the_kind_of_benefit(sentence, kind):
    assert benefit_kind(sentence) == kind


def test_no_card_is_a_penalty_condition_or_principle(high_tech):
    for card in high_tech:
        for source in card.sources:
            assert sentence_role(source.quote) == "benefit", source
            assert not re.search(r"给予相应处理|罚款|须同时满足|积极争取|落实到位", source.quote), source


def test_duplicates_merge_into_fewer_cards(high_tech):
    assert len(high_tech) < CARDS_BEFORE // 2
    deduction = [c for c in high_tech if "加计扣除" in c.measure and c.amounts]
    assert deduction
    card = deduction[0]
    assert "50%" in card.amounts
    docs = {s.doc for s in card.sources}
    assert any("实施条例" in d for d in docs) and any("119" in d or "通知" in d for d in docs)
    assert any(s.section == "专栏8" for s in card.sources)  # the plan's sidebar is a source, not a card of its own
    assert len([c for c in high_tech if "加计扣除" in c.measure and "50%" in c.amounts]) == 1


def test_the_first_five_are_what_a_high_tech_firm_acts_on(high_tech):
    first = high_tech[:5]
    assert any("15％" in c.measure and c.amount == "15%" and c.source.section == "第二十八条" for c in first)
    assert any("加计扣除" in c.measure and "50%" in c.amounts for c in first)
    assert any(re.search("科技创新券|研发准备金", c.measure) and c.kind == "money" for c in first)
    assert first[0].amount  # a stated amount or rate leads


def test_cards_are_labelled_by_level_and_period(high_tech):
    rate = next(c for c in high_tech if c.amount == "15%")
    assert rate.level == "国家" and rate.policy == "中华人民共和国企业所得税法"
    # the recognition rules assign work to 省级…部门 (every province's): a national text all the same
    assert any("认定管理办法" in s.doc for s in rate.sources) and set(rate.levels) == {"国家"}
    plan_only = [c for c in high_tech if {s.doc for s in c.sources} == {c.source.doc} and "实施方案" in c.source.doc]
    assert plan_only
    for card in plan_only:
        assert card.level == "市"
        assert "2016—2020" in card.status
    deduction = next(c for c in high_tech if "加计扣除" in c.measure and "50%" in c.amounts)
    assert deduction.reference == "国务院令第512号" and deduction.policy.endswith("实施条例")
    assert set(deduction.levels) == {"国家", "市"}  # the law and the local plan, each labelled
    assert deduction.offices  # whom to ask


def test_the_high_tech_rate_carries_the_recognition_checklist(high_tech):
    rate = next(c for c in high_tech if c.amount == "15%")
    items = [x for x in rate.checklist if x["section"] == "第十一条"]
    assert len(items) >= 8 and any("不低于10%" in x["text"] for x in items)


def test_every_card_states_its_amount_in_its_own_field(shipped):
    from assistant.service import Profile

    for card in shipped.match(Profile()).cards():
        if re.search(r"(?:按|减按|给予)[^。；]{0,20}\d+(?:\.\d+)?[%％]|给予[^。；]{0,10}\d+万元", card.measure):
            assert card.amounts and card.amount, card.measure


def test_a_deadline_and_a_contact_get_their_own_fields(tmp_path):
    from assistant.eligibility.cards import Offices, card
    from assistant.eligibility.measures import extract_measures
    from assistant.ingest.outline import parse_file

    doc = tmp_path / "某市支持企业研发若干措施.txt"
    doc.write_text(
        "某市支持企业研发若干措施\n"
        "一、支持企业研发\n"
        "（一）研发补助。\n"
        "对上年度研发投入超过500万元的企业，按研发投入增量的10%给予补助，最高200万元。"
        "申报时间为每年3月1日至4月30日。咨询电话：0760-88888888。\n",
        encoding="utf-8")
    sections = parse_file(doc).sections
    measures = extract_measures(sections)
    assert measures
    made = card(measures[0], Offices(sections), [])
    assert "10%" in made.amounts and made.amount
    assert made.deadlines and "4月30日" in made.deadlines[0]
    assert "0760-88888888" in made.contacts


def test_benefits_listed_under_a_lead_in_are_cards_of_their_own(tmp_path):
    """`…可以免征、减征…，是指：（一）…免征…：（二）…减半征收…：` lists two benefits, each with its own
    rate and its own items: two cards, not one under the lead-in, and never merged though alike in words."""
    from assistant.eligibility.measures import extract_measures, match
    from assistant.ingest.outline import parse_file

    doc = tmp_path / "某市城镇土地使用税减免办法.txt"
    doc.write_text(
        "某市城镇土地使用税减免办法\n\n"
        "第一条 为支持农业企业发展，制定本办法。\n\n"
        "第二条 企业从事下列农业项目占用的土地，可以免征、减征城镇土地使用税：\n\n"
        "(一)企业从事下列项目占用的土地，免征城镇土地使用税：\n\n"
        "1．种子培育；\n\n"
        "2．有机肥生产；\n\n"
        "3．育苗。\n\n"
        "(二)企业从事下列项目占用的土地，减半征收城镇土地使用税：\n\n"
        "1．花木种植；\n\n"
        "2．水产养殖。\n\n"
        "第三条 本办法自发布之日起施行。\n",
        encoding="utf-8")
    sections = parse_file(doc).sections
    measures = extract_measures(sections)
    assert [m.item for m in measures] == ["(一)", "(二)"]
    assert measures[0].conditions == ["种子培育；", "有机肥生产；", "育苗。"]  # a short item is a condition too
    assert measures[1].conditions == ["花木种植；", "水产养殖。"]
    cards = match(measures, None, sections).cards()
    assert [c.amount for c in cards] == ["免征", "减半征收"]


@pytest.mark.parametrize("sentence, rate", [
    ("对符合条件的企业，免征城镇土地使用税", "免征"),
    ("超过500万元的部分，减半征收企业所得税", "减半征收"),
    ("企业的下列所得，可以免征、减征企业所得税", ""),  # alternatives: no one rate
    ("第一年至第三年免征企业所得税，第四年至第六年减半征收企业所得税", ""),  # two rates by period
    ("所称技术转让所得免征、减征企业所得税，是指不超过500万元的部分，免征企业所得税", "免征"),
])
def test_a_relief_stated_in_words_is_its_rate(sentence, rate):
    from assistant.eligibility.cards import relief_rate

    assert relief_rate(sentence) == rate


def test_each_listed_relief_of_the_regulation_is_its_own_card(high_tech):
    """实施条例 第八十六条 lists an exemption and a halving under one lead-in: two cards with their rates;
    the law's `企业的下列所得，可以免征、减征` states no one rate and is not merged with another article's list."""
    listed = [c for c in high_tech if any(s.section == "第八十六条" for s in c.sources)]
    assert sorted(c.amount for c in listed) == sorted(["免征", "减半征收"])
    assert all(len(c.sources) == 1 for c in listed)
    law = next(c for c in high_tech if c.source.section == "第二十七条" and c.policy == "中华人民共和国企业所得税法")
    assert not law.amount and len(law.sources) == 1


def test_a_lead_in_and_a_sentence_of_another_document_are_two_benefits(tmp_path):
    """`下列企业按规定享受租金补贴：（一）…` says what it grants and its list to whom; a sentence of
    another document granting the same kind of support to applicants it names itself is another
    benefit, however alike the words: two cards, the list with its own."""
    from assistant.eligibility.measures import extract_measures, match
    from assistant.ingest.outline import parse_file

    one = tmp_path / "某市孵化载体管理办法.txt"
    one.write_text("某市孵化载体管理办法\n\n第一条 为规范孵化载体管理，制定本办法。\n\n"
                   "第二条 下列企业按照有关规定享受租金补贴：\n\n（一）入驻孵化载体的初创企业；\n\n"
                   "（二）留学人员创办的企业。\n\n第三条 本办法自发布之日起施行。\n", encoding="utf-8")
    other = tmp_path / "某区创业扶持办法.txt"
    other.write_text("某区创业扶持办法\n\n第一条 为扶持创业，制定本办法。\n\n"
                     "第二条 退役军人创办的企业按照有关规定享受租金补贴。\n\n第三条 本办法自发布之日起施行。\n",
                     encoding="utf-8")
    sections = parse_file(one).sections + parse_file(other).sections
    cards = match(extract_measures(sections), None, sections).cards()
    assert len(cards) == 2
    listed = next(c for c in cards if c.listed)
    assert listed.source.doc == "某市孵化载体管理办法" and len(listed.sources) == 1
    assert listed.listed == ["入驻孵化载体的初创企业；", "留学人员创办的企业。"]
