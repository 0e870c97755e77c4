"""How a provision's clauses are read together, over a regulation the test writes: a clause naming its
subject only through the one before it is quoted with it, and so is a sentence limiting the one before
(此项费用…不得超过); a day named by its event answers a question asking which day; a conditional follow-up asking of a case is
answered by the provision that states the case; a case set by a count holds once the count is reached;
a case is quoted with the rule it departs from, and a rule with what follows when its act is not done; and a question's count words and conjunctions are not what it
is about."""

from __future__ import annotations

from assistant.answer.intents import topic_tokens
from tests.conftest import corpus_fixture

RULES = """某市企业培训经费管理办法

第一条 为了规范企业培训经费的使用，制定本办法。

第二条 企业发生的职工技能培训支出，不超过工资总额8%的部分，准予据实列支；超过部分，准予在以后三个年度内结转列支。

第三条 企业应当在每年3月31日前报送上一年度培训经费使用报告。逾期报送的，按日加收应补经费万分之五的滞纳金。因自然灾害等不可抗力逾期报送的，经主管部门核实后免收滞纳金。

第四条 企业累计三年未报送培训经费使用报告的，取消其培训补贴资格。

第五条 企业列支的外聘讲师课酬、教材编印费、场地租赁费等其他培训费用，可以据实列支。此项费用总额不得超过培训经费总额的20%。

第六条 企业取得的培训补贴，按照主管部门核准补贴申请的日期确认收入。

第七条 本办法自2024年1月1日起施行。

第八条 培训档案的保存期限自培训结束之日起计算。培训结束日期与考核日期不一致的，自考核之日起计算。

第九条 培训机构在日常签到核验中发现学员冒名顶替他人参加培训的，应当及时制止。对于不听制止的，应当在二十四小时内向所在地人力资源社会保障部门书面报告，并保存相关影像资料。
"""


assistant = corpus_fixture({"某市企业培训经费管理办法": RULES})


def test_a_clause_continuing_the_one_before_is_quoted_with_the_bound_it_continues(assistant):
    answer = assistant.ask("职工技能培训花的钱超出部分能不能放到以后年度再列支？")
    assert answer.answerable
    assert "超过部分" in answer.text and "不超过工资总额8%的部分" in answer.text, answer.text


def test_an_elliptical_follow_up_is_answered_by_the_case_its_provision_states(assistant):
    from assistant.answer.answerer import Session

    session = Session()
    first = assistant.ask("晚交培训经费使用报告要交多少滞纳金？", session=session)
    assert "万分之五" in first.text
    then = assistant.ask("要是因为自然灾害耽误了呢？", session=session)
    assert then.answerable and "免收滞纳金" in then.text, then.text
    assert {c.section for c in then.citations} == {"第三条"}


def test_a_case_set_by_a_count_holds_once_the_applicants_count_reaches_it(assistant):
    reached = assistant.ask("我们已经连续三年没报培训经费使用报告了，会被取消培训补贴资格吗？")
    assert reached.text.startswith("符合") and "第四条" in {c.section for c in reached.citations}, reached.text
    short = assistant.ask("我们只有一年没报培训经费使用报告，会被取消培训补贴资格吗？")
    assert not short.text.startswith("符合"), short.text


def test_count_words_and_conjunctions_are_not_a_questions_topic():
    topic = topic_tokens("要是我们造了一艘船，按照合同收入怎么确认？", [])
    assert "一艘船" not in topic and "要是" not in topic and "按照" not in topic
    assert {"合同", "收入", "确认"} <= set(topic)
    asked = topic_tokens("那多长时间内要报送年度报告？", [])
    assert not any(word in asked for word in ("多长时间", "长时间", "时间")) and "报送" in asked


def test_a_sentence_limiting_the_one_before_is_quoted_with_it(assistant):
    """此项费用总额不得超过… names what it limits only through the sentence before: asked whether a fee of
    that list may be entered in full, the answer quotes the limit too."""
    answer = assistant.ask("请外面的讲师来上课，课酬能不能全部据实列支？")
    assert "可以据实列支" in answer.text and "不得超过培训经费总额的20%" in answer.text, answer.text


def test_a_day_named_by_its_event_answers_which_day(assistant):
    """按照…核准补贴申请的日期: the documents name the day by its event; asked which day, that is the answer,
    not a refusal for want of a calendar date."""
    answer = assistant.ask("培训补贴应该在哪一天确认为收入？")
    assert answer.answerable and answer.coverage == "full", answer.text
    assert "核准补贴申请的日期" in answer.text and {c.section for c in answer.citations} == {"第六条"}


AWARDS = """某市见义勇为人员奖励办法

第一条 为了弘扬社会正气，奖励见义勇为人员，制定本办法。

第二条 见义勇为人员牺牲的，其近亲属按照下列规定领取奖金、抚恤补助和慰问金：
（一）一次性奖金为5万元；
（二）抚恤补助按照牺牲人员生前工资的一定比例发给其供养的亲属。标准为：配偶每月30%，其他亲属每人每月20%。各亲属的抚恤补助之和不应高于牺牲人员生前的工资；
（三）一次性慰问金标准为上一年度全市职工月平均工资的10倍。

第三条 本办法自2025年3月1日起施行。
"""

awards = corpus_fixture({"某市见义勇为人员奖励办法": AWARDS})


def test_an_item_asked_of_is_quoted_under_its_lead_in(awards):
    """Asked of one thing a list names, its item answers, read under the lead-in (whose relatives, on what
    occasion), though an item before it runs on in sentences of its own (…供养的亲属。标准为：…)."""
    answer = awards.ask("见义勇为牺牲人员家属的一次性慰问金标准是什么？")
    line = next((line for line in answer.text.splitlines() if "10倍" in line), "")
    assert "领取奖金、抚恤补助和慰问金" in line, answer.text


# Items numbered （1） under an item's heading (1．机具购置补贴。), the way notices list a category's parts.
_SUBSIDY = """某县农机购置补贴实施细则

第一条 为规范农机购置补贴资金管理，制定本细则。
第二条 补贴对象为本县从事农业生产的个人和农业生产经营组织。
第三条 补贴资金的使用范围如下。
1．机具购置补贴。
（1）耕整地机械按销售价格的30%补贴。
（2）播种机械按销售价格的25%补贴。
（3）收获机械按销售价格的20%补贴。
2．作业服务补贴。对开展深松作业的组织按作业面积给予补助。
第四条 申请补贴须提交购机发票和身份证明。
第五条 县农业农村局负责补贴申请的受理和审核。
第六条 县财政局负责补贴资金的拨付。
第七条 补贴机具三年内不得转卖。
第八条 骗取补贴资金的，追回已发放的补贴。
第九条 补贴申请每年集中受理两次。
第十条 本细则由县农业农村局负责解释。
第十一条 本细则自发布之日起施行。
"""

subsidy = corpus_fixture({"某县农机购置补贴实施细则": _SUBSIDY})


def test_the_items_under_an_items_heading_are_quoted_to_the_last(subsidy):
    first = subsidy.ask("机具购置补贴具体分成哪几类农机？").text.splitlines()[0]
    assert all(kind in first for kind in ("耕整地机械", "播种机械", "收获机械")), first


def test_a_case_is_quoted_with_the_rule_it_departs_from(assistant):
    answer = assistant.ask("我们的考核日期比培训结束晚了两周，这种情况从哪天开始算？")
    assert "自考核之日起计算" in answer.text and "自培训结束之日起计算" in answer.text, answer.text


def test_a_rule_is_quoted_with_what_follows_when_its_act_is_not_done(assistant):
    library = assistant.answerer.library
    article = next(s for s in library.index.sections if s.label == "第九条")
    rule, refused = library.texts_of(article)[:2]
    assert library.case_after(rule, article) == refused  # (对于不听制止的: the rule's act, not done)
    dated = next(s for s in library.index.sections if s.label == "第八条")
    assert library.case_after(library.texts_of(dated)[0], dated) == ""  # (a case of another date is no failure)
