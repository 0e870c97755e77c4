"""What an enterprise and its accountant ask over the shipped corpus: a rate
when a rate is asked, yes or no when that is asked, the tier that fits, the
second part of a two-part question, and a plain "not stated" otherwise.
Each question is one the product used to answer with a figure of another
kind or another subject."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def ask(shipped_assistant):
    return lambda question: shipped_assistant.ask(question)


def cited(answer) -> set[str]:
    return {c.section for c in answer.citations}


def test_a_tax_rate_question_gets_the_rate_not_a_share_target(ask):
    answer = ask("高新技术企业所得税税率是多少？")
    assert answer.answerable and answer.coverage == "full"
    assert "15％" in answer.text or "15%" in answer.text
    assert "第二十八条" in cited(answer)
    assert "产值占工业总产值比重" not in answer.text


def test_the_deduction_rate_comes_before_a_cap_on_other_expenses(ask):
    answer = ask("研发费用加计扣除比例是多少？")
    first_line = answer.text.splitlines()[0]
    assert "50%" in first_line
    assert "不得超过可加计扣除研发费用总额的10%" not in answer.text


def test_an_english_rate_question_gets_the_rates_not_a_notices_attachment_titles(ask):
    # "rate" alone (not "tax rate") asks a percentage: the deduction's rates, not sentences sharing its words
    answer = ask("What is the additional deduction rate for R&D expenses?")
    assert answer.answerable
    summaries = [line for line in answer.text.splitlines() if not line.startswith("Source text")]
    assert any("50% (rate)" in line and "150% (rate)" in line for line in summaries)
    assert "附件" not in answer.text


def test_an_english_figure_answer_gives_the_general_rule_before_a_special_case(ask):
    """The English summaries follow the answer's order: the rate for R&D spending in general (50%, 150%)
    before the base for R&D commissioned from others (委托研发, 80%), which the question did not ask about;
    asked about that case, its figure comes first."""
    def summaries(question: str) -> list[str]:
        return [line for line in ask(question).text.splitlines() if not line.startswith("Source text")]

    general = summaries("What is the super deduction rate for R&D expenses?")
    assert "50% (rate)" in general[0] and "150% (rate)" in general[0], general
    commissioned = [i for i, line in enumerate(general) if "80% (rate)" in line]
    assert commissioned and commissioned[0] > 0
    asked = summaries("How much of commissioned R&D spending qualifies for the super deduction?")
    assert "80% (rate)" in asked[0] and not any("50% (rate)" in line for line in asked), asked


def test_a_filing_deadline_is_answered_by_the_deadline_not_a_claim_back_period(ask):
    answer = ask("研发费用加计扣除的备案资料最迟什么时候报送？")
    assert "不迟于年度汇算清缴纳税申报时" in answer.text.splitlines()[0]


def test_a_yes_no_question_with_the_firms_own_figures_is_answered_yes_with_the_condition(ask):
    answer = ask("公司注册满两年了，够条件申报高新技术企业吗？")
    assert answer.text.startswith("符合")
    assert "注册成立一年以上" in answer.text and "第十一条" in cited(answer)
    too_young = ask("我们公司注册才6个月，能申请认定高新技术企业吗？")
    assert too_young.text.startswith("不符合") and "一年以上" in too_young.text


def test_a_document_numbers_year_is_not_read_as_a_target_year(ask):
    answer = ask("按财税〔2015〕119号，企业委托外部机构研发的费用能加计扣除多少？")
    assert answer.answerable and "80%" in answer.text
    assert "2015年的目标" not in answer.text


def test_the_tier_that_fits_the_firms_revenue(ask):
    answer = ask("我们销售收入8000万元，研发费用占比要达到多少才能认定？")
    assert "不低于4%" in answer.text.splitlines()[0]


@pytest.mark.parametrize("question", ["科技企业孵化器建设的牵头单位和责任单位分别是哪些？", "新型研发机构由谁牵头，谁配合？",
                                      "科技企业孵化器这块谁牵头？还有哪几个局跟着一起负责？"])
def test_a_two_part_role_question_gets_both_parts(ask, question):
    answer = ask(question)
    assert "牵头单位为市科技局" in answer.text and "责任单位为" in answer.text


@pytest.mark.parametrize("question", ["知识产权这块工作由哪个部门牵头，到2020年全市专利申请量要达到多少？",
                                      "Which bureau leads the intellectual property work, and how many patent applications "
                                      "per 10,000 people should there be by 2020?"])
def test_two_questions_sharing_one_question_mark_are_both_answered(ask, question):
    """A clause asking who leads and a clause asking a target, joined by a comma (or `, and`)."""
    answer = ask(question)
    assert "市科技局" in answer.text and "20件" in answer.text


def test_a_figure_the_documents_do_not_state_is_said_missing_with_the_nearest_provision(ask):
    answer = ask("高新技术企业认定申请的受理电话是多少？")
    assert not answer.answerable and answer.coverage == "partial"
    assert answer.missing and "没有写明" in answer.text
    assert answer.citations  # the nearest provision, shown as such
    assert answer.to_json()["coverage"] == "partial"


def test_every_source_mark_names_a_document_and_section_the_answer_cites(ask):
    """Two laws each have a 第三十二条: a mark names its own document, never another's."""
    import re

    for question in ["国家对孵化器和小微企业创业基地有哪些支持？", "研发费用加计扣除和高新技术企业税率分别是怎么规定的？",
                     "科技成果转化和中小企业促进各有什么扶持？"]:
        answer = ask(question)
        cited = {(c.doc, c.section) for c in answer.citations}
        for doc, label in re.findall(r"〔《([^》]+)》([^〔〕]+?)〕", answer.text):
            assert any(d == doc and label.startswith(s) for d, s in cited), (question, doc, label)


def test_a_two_part_question_is_answered_when_one_part_is_stated(ask):
    # where the list is published (a website named, not an address) and for how long
    answer = ask("认定的企业名单要在什么网站上公示？公示期有多长？")
    assert answer.answerable
    assert "高新技术企业认定管理工作网" in answer.text and "10个工作日" in answer.text
    assert "第十二条" in cited(answer)


def test_a_period_asked_about_a_benefit_gets_the_period_not_a_list_of_benefits(ask):
    answer = ask("以前年度漏掉的研发费用加计扣除，可以追溯享受几年？")
    assert answer.answerable
    assert "3年" in answer.text.splitlines()[0]
    assert "支持措施" not in answer.text


def test_a_loss_carried_forward_asked_in_everyday_words(ask):
    answer = ask("去年公司亏了不少，亏损可以留到以后几年去弥补？")
    assert answer.answerable
    assert "五年" in answer.text and "第十八条" in cited(answer)


def test_everyday_names_find_the_class_the_tax_law_puts_them_in(shipped_assistant):
    car = shipped_assistant.ask("我们公司买了辆汽车，按税法最低折旧年限是几年？")
    assert "运输工具" in car.text and "4年" in car.text
    staff = shipped_assistant.ask("给研发人员交的社保能算进加计扣除吗？")
    assert "基本养老保险费" in staff.text


def test_the_month_a_firm_invested_is_not_a_target_year(ask):
    # 2022年8月 says when the firm acted, not which year's target is asked
    answer = ask("创投公司2022年8月向一家未上市中小高企股权投资500万元，能抵扣应纳税所得额多少？")
    assert answer.answerable and "目标" not in answer.text, answer.text
    assert "70%" in answer.text and "第九十七条" in cited(answer), answer.text


def test_a_tax_holiday_counted_in_ordinal_years_answers_how_many_years(ask):
    # 第一年至第三年免征 states the period asked, though written as ordinals
    answer = ask("企业从事符合条件的环境保护项目，所得税头几年免征？")
    assert answer.coverage == "full" and "第一年至第三年免征" in answer.text, answer.text
    assert "第八十八条" in cited(answer)


def test_a_quoted_term_is_answered_by_the_article_defining_it(ask):
    # 实施条例 第一百一十八条 defines the term of 企业所得税法 第四十五条; the case is in the article it defines
    answer = ask("受控外国企业规则中“实际税负明显低于”税率水平，标准是比税率低多少？")
    assert answer.coverage == "full" and "50%" in answer.text, answer.text
    assert "第一百一十八条" in cited(answer)


def test_whether_a_cost_is_deductible_is_decided_by_the_law_not_by_its_definition(ask):
    # 实施条例 第五十五条 says what 未经核定的准备金支出 means; 企业所得税法 第十条 says it may not be deducted
    answer = ask("未经核定的准备金支出能在税前扣除吗？")
    first = answer.citations[0]
    assert first.doc.endswith("企业所得税法") and first.section == "第十条", answer.text
    verdict, rule = answer.text.split("\n")[:2]
    assert verdict == "不可以。" and "不得扣除" in rule, answer.text


def test_a_cost_listed_under_a_prohibition_is_answered_no_with_the_list_that_names_it(ask):
    # 税收滞纳金 is one item of 企业所得税法 第十条's list of costs that may not be deducted
    answer = ask("税收滞纳金能不能在企业所得税前扣除？")
    verdict, rule = answer.text.split("\n")[:2]
    assert verdict == "不可以。" and "下列支出不得扣除" in rule and "滞纳金" in rule, answer.text
    assert "第十条" in cited(answer)


def test_a_permitted_cost_is_answered_yes_first(ask):
    # 实施条例 第三十四条: 企业发生的合理的工资薪金支出，准予扣除
    answer = ask("给员工发的合理工资薪金，在企业所得税前可以扣除吗？")
    assert answer.text.startswith("可以。"), answer.text
    assert "第三十四条" in cited(answer)


def test_a_share_of_a_cost_is_no_permission_to_deduct_it_whole(ask):
    # 实施条例 第四十三条 deducts 60% of 业务招待费, capped (不得超过…5‰): no sentence allows the whole,
    # so the answer quotes the rule and says no 可以
    answer = ask("业务招待费能全部在企业所得税前扣掉吗？")
    assert not answer.text.startswith("可以"), answer.text
    assert "60%" in answer.text and "第四十三条" in cited(answer), answer.text




def test_a_local_event_does_not_confine_a_tax_question_to_the_city_plan(ask):
    # 本地 describes where the firm spent the money; whether it is deductible is the tax law's to say
    answer = ask("我们在本地办的一场展会花了赞助费，能在企业所得税前扣除吗？")
    assert answer.citations and answer.citations[0].section == "第十条", answer.text
    assert "赞助支出" in answer.text


def test_a_refusal_shows_the_nearest_provision_as_such(ask):
    """A target for a year the plan does not set is refused, and the plan's own target (for 2020) is
    shown beneath the refusal, said not to answer the question, with its source among the references."""
    answer = ask("到2030年，中山的高新技术企业总数计划是多少家？")
    assert not answer.answerable and answer.coverage == "none"
    refusal, _, rest = answer.text.partition("未必回答所问")
    assert "2030" in refusal and "1000家" not in refusal
    assert "1000家" in rest and "（十六）" in rest
    assert answer.see_also and "1000家" in answer.see_also[0].quote


def test_a_question_sharing_nothing_with_the_documents_gets_no_nearest_provision(ask):
    answer = ask("小区里的车位每月停车费怎么收？")
    assert not answer.answerable
    assert "未必回答所问" not in answer.text and "〔" not in answer.text


def test_a_rules_exception_for_the_case_asked_is_not_overruled_by_its_general_bound(ask):
    """第六十七条: intangibles are amortised over at least 10 years, but one acquired with a contractual
    term may follow that term. Asked about that case with a 7-year term, the answer is not 不符合, and the
    exception is quoted (as the answer, or as the nearest provision when 商标权 is not read as 无形资产)."""
    answer = ask("受让来的一项商标权，转让合同写明使用期限7年，可以按7年摊销吗？")
    assert "不符合" not in answer.text
    assert any(c.section == "第六十七条" and "约定" in c.quote for c in answer.citations + answer.see_also)


def test_a_non_industrial_small_firm_is_held_to_the_non_industrial_thresholds(ask):
    answer = ask("我司是非工业企业，从业人数85人、资产总额700万元、年度应纳税所得额18万元，属于小型微利企业吗？")
    assert answer.text.startswith("不符合")
    assert "80人" in answer.text and "100人" not in answer.text


def test_a_firm_that_does_not_say_whether_it_is_industrial_gets_no_verdict_from_one_tier(ask):
    """第九十二条 sets two tiers (工业企业 up to 100 people, 其他企业 up to 80): 95 people fail the one and meet
    the other, so the question's figures alone decide nothing; a 不符合 from the other tier is wrong for a factory."""
    answer = ask("公司年度应纳税所得额25万元、员工95人、资产总额2800万元，够得上小型微利企业吗？")
    first, *rest = answer.text.splitlines()
    assert not first.startswith(("不符合", "符合")) and "工业企业" in first, answer.text
    assert "100人" in answer.text and "80人" in answer.text  # each kind's bound, the verdict under it
    assert "第九十二条" in cited(answer)


def test_the_conditions_an_applicants_figures_leave_open_are_shown_with_the_verdict(ask):
    """Two of 第九十二条's three bounds decided by the figures given; the third (资产总额) must still be met,
    and the answer shows it, not only says that one more applies."""
    answer = ask("我们工厂年度应纳税所得额26万元、从业人数70人，属于小型微利企业吗？")
    assert answer.text.startswith("符合"), answer.text
    assert "资产总额不超过3000万元" in answer.text
    assert any("资产总额不超过3000万元" in c.quote for c in answer.citations)


def test_an_applicant_writing_in_english_gets_its_verdict_from_its_figures(ask):
    answer = ask("Picture a manufacturing workshop with 85 people on the payroll, taxable profit of 240 thousand yuan "
                 "and assets worth 20 million yuan. Are we a small low-profit enterprise then?")
    assert answer.text.startswith("Yes"), answer.text
    assert "第九十二条" in cited(answer)
    young = ask("Our start-up was incorporated eight months ago. Could it already be certified as a high-tech enterprise?")
    assert young.text.startswith("No"), young.text
    assert "第十一条" in cited(young) and "一年以上" in young.text


def test_the_conditions_of_the_status_an_applicant_names_are_checked_wherever_they_ranked(ask):
    """The English names a status (small low-profit enterprise: 小型微利企业) and gives figures; the list of
    conditions for that status (第九十二条) decides, even when the search ranks the law's rate above it."""
    answer = ask("Forty people work for our wholesale shop in Zhongshan; taxable income came to RMB 180,000 and total "
                 "assets sit at RMB 6 million. Do we clear the small low-profit bar?")
    assert answer.text.startswith("Yes"), answer.text
    assert "第九十二条" in cited(answer) and "80人" in answer.text


def test_a_short_question_with_a_question_word_is_answered_as_its_own_part(ask):
    """谁牵头？ is three characters, but a question of its own: the count the first part asks and the
    lead unit are both answered."""
    answer = ask("科技企业孵化器方面，到2020年大型综合孵化器要超过几家？谁牵头？")
    assert "市科技局" in answer.text
    assert "5家" in answer.text


def test_a_count_asked_of_a_short_form_reads_the_short_form_as_the_subject(ask):
    """多少家高企: jieba joined the measure word to the short form (家高企), and the question lost its subject."""
    answer = ask("按照中山的方案，2020年高企总数要过多少家？")
    assert "1000家" in answer.text.splitlines()[0]


def test_each_year_of_a_question_asking_two_years_gets_its_target(ask):
    answer = ask("先进装备制造产业，方案给2017年定的规模目标和给2020年定的分别是多少？")
    assert "3000亿元" in answer.text and "5000亿元" in answer.text


def test_a_rule_sharing_only_the_verb_of_the_act_asked_does_not_decide_it(ask):
    """追溯享受 (claiming back past years) shares only 享受 with claiming at a quarterly prepayment: no 可以."""
    answer = ask("研发费用加计扣除，可以在每季度预缴企业所得税的时候提前享受吗？")
    assert not answer.text.startswith("可以")


def test_a_figure_checked_of_one_subject_is_not_confirmed_by_another_subjects_figure(ask):
    """Asked whether 高新技术企业's rate is 10%, the answer opens with their 15% rate (第二十八条), not with
    非居民企业's 10% rate, which it used to quote first as if it were theirs."""
    answer = ask("高企交企业所得税，适用的税率是不是10%？")
    first = answer.text.splitlines()[0]
    assert "非居民企业" not in first
    assert "15％" in first or "15%" in first


@pytest.mark.parametrize("question", ["研发费用的加计扣除率为多少？", "研发费用可以加计扣除多少？"])
def test_the_deduction_rate_however_asked_is_the_rule_defining_it(ask, question):
    """However the rate is asked, the article defining the deduction (所称研究开发费用的加计扣除，是指…
    50%) states it, though the notices named after the deduction rank first; a formula's operands
    (…×10%/(1-10%)) are no rate the documents state."""
    answer = ask(question)
    first_line = answer.text.splitlines()[0]
    assert "50%" in first_line, answer.text
    assert "(1-10%)" not in first_line


def test_a_follow_up_asking_who_leads_finds_the_task_carrying_the_unit_line(shipped_assistant):
    """A topic answered from a section naming no unit (a plan's 战略定位), then 这块谁牵头: the
    task section on the same topic that carries the unit note answers, both roles when both are asked."""
    from assistant.answer.answerer import Session

    session = Session()
    shipped_assistant.ask("中山知识产权示范城市建设的战略定位是什么？", session=session)
    answer = shipped_assistant.ask("那么这项任务由谁牵头，又有哪些部门负责落实？", session=session)
    assert answer.answerable, answer.text
    assert "牵头单位为市科技局" in answer.text and "市工商局" in answer.text


def test_an_elliptical_follow_up_asks_the_earlier_question_of_its_own_subject(shipped_assistant):
    """X呢？ after a question about another task or figure: the same thing asked, of X (the earlier
    subject neither found again nor mixed in)."""
    from assistant.answer.answerer import Session

    session = Session()
    shipped_assistant.ask("科技企业孵化器这项工作由哪个单位牵头？", session=session)
    answer = shipped_assistant.ask("那推进智能制造发展这项呢？", session=session)
    assert answer.answerable, answer.text
    assert answer.citations and all(c.section != "（二十一）" for c in answer.citations), answer.text
    assert "牵头单位为" in answer.text
    session = Session()
    shipped_assistant.ask("装备制造这个千亿级集群，方案给它定的销售收入是多少？", session=session)
    answer = shipped_assistant.ask("那家电呢？", session=session)
    assert "1500亿元" in answer.text and "5000亿元" not in answer.text, answer.text


def test_a_follow_up_on_the_excess_of_one_expense_is_not_answered_by_anothers_rule(shipped_assistant):
    """Only 职工教育经费's excess carries forward (实施条例 第四十二条): asked of the excess of another
    expense, the assistant does not say yes; asked of its own, it quotes the carry-forward."""
    from assistant.answer.answerer import Session

    session = Session()
    shipped_assistant.ask("工会经费最多能扣多少？", session=session)
    answer = shipped_assistant.ask("超出的部分能结转到以后年度扣吗？", session=session)
    assert not answer.text.startswith("可以"), answer.text
    session = Session()
    shipped_assistant.ask("职工教育经费税前扣除的比例是多少？", session=session)
    answer = shipped_assistant.ask("那超过的部分呢？", session=session)
    assert "结转" in answer.text.splitlines()[0] and "亿元" not in answer.text, answer.text


def test_a_follow_up_after_an_article_asks_of_its_own_subject_not_that_article(shipped_assistant):
    """第九十二条规定了什么？ then 那职工教育经费呢？: the article was what the first question was about, so
    the second asks what the documents say of 职工教育经费 (第四十二条), not for 第九十二条 again."""
    from assistant.answer.answerer import Session

    session = Session()
    shipped_assistant.ask("实施条例第九十二条规定了什么？", session=session)
    answer = shipped_assistant.ask("那职工教育经费呢？", session=session)
    assert answer.answerable and "2.5%" in answer.text, answer.text
    assert all(c.section != "第九十二条" for c in answer.citations)


def test_a_national_law_speaks_for_any_place_a_city_plan_only_for_its_own(ask):
    """Asked for a town, a national law's rate answers (it applies there too: the town is not
    refused for being absent from the law's text); the city plan's target does not answer for a
    district of another city."""
    answer = ask("坦洲镇的高新技术企业，企业所得税按多少税率缴纳？")
    assert answer.answerable and ("15％" in answer.text or "15%" in answer.text)
    assert not ask("北京海淀区到2020年的研发人员数量目标是多少？").answerable


def test_two_figures_asked_at_once_are_both_stated(ask):
    """A count and a share asked in one breath: the count is not dropped for the share."""
    answer = ask("全市高新技术企业数量和高新技术产业产值比重的2020年目标是多少？")
    assert "1000家" in answer.text and "50%" in answer.text


def test_a_list_item_the_question_names_is_quoted_with_the_lead_in_that_rules_on_it(ask):
    """常规性升级 is an item of 下列活动不适用税前加计扣除政策: the item the question restates is the
    answer once read with its lead-in, not an echo to skip for another item of the list."""
    answer = ask("做常规性升级发生的支出，可以享受加计扣除政策吗？")
    lines = answer.text.splitlines()
    assert lines[0].startswith("不")  # no: the list it is an item of rules it out
    assert any("常规性升级" in line and "不适用" in line for line in lines[:2])


def test_a_time_set_by_an_event_answers_when(ask):
    """外购商誉 is deducted 在企业整体转让或者清算时: an event, not a date, is the time the law gives."""
    answer = ask("外购商誉的支出何时准予扣除？")
    assert answer.answerable and answer.coverage == "full"
    assert "清算时" in answer.text and "第六十七条" in cited(answer)


@pytest.mark.parametrize("question", ["中小企业促进法的立法目的是什么？", "Why was the SME Promotion Law enacted?",
                                      "国家出台中小企业促进法想要达到什么目的？"])
def test_why_a_law_was_made_is_its_purpose_clause(ask, question):
    answer = ask(question)
    assert "为了改善中小企业经营环境" in answer.text and "第一条" in cited(answer)


def test_an_articles_exception_decides_a_yes_no_on_its_benefit(ask):
    """第八十七条 grants 三免三减半, then denies it to 承包经营、承包建设和内部自建自用…的项目: a question
    about one of those is answered 不可以 by the exception, which names the benefit only as 本条规定的
    企业所得税优惠 (its article's), though the grant matches the question's words better."""
    answer = ask("内部自建自用的公共基础设施项目，它的所得可以享受三免三减半吗？")
    lines = answer.text.splitlines()
    assert lines[0] == "不可以。" and "不得享受本条规定的企业所得税优惠" in lines[1]


def test_a_rule_later_in_the_article_decides_an_everyday_yes_no(ask):
    """能随便换吗 asks whether the method may be changed: 计价方法一经选用，不得随意变更 decides it."""
    answer = ask("存货计价方法选好以后能随便换吗？")
    assert answer.text.startswith("不可以") and "不得随意变更" in answer.text


def test_the_askers_own_particulars_do_not_hide_the_figure_of_their_category(ask):
    """The asker names what they own in their own words (数据库服务器, no document writes it) and asks the
    category's figure: the rule for fast-ageing fixed assets answers, in full. Told of people the figure's
    case does not name (the 100% is for 安置残疾人员), the answer stays partial however the asker tells it."""
    answer = ask("我们的数据库服务器三年就淘汰，想缩短折旧年限，最短能缩到规定年限的多少？")
    assert answer.answerable and answer.coverage == "full", answer.text
    assert "60%" in answer.text and "第九十八条" in cited(answer)
    for question in ("企业雇用退伍军人和刑满释放人员，支付的工资能加计扣除百分之几？",
                     "我们雇了两个退伍军人和一个刑满释放人员，工资能加计扣除百分之几？"):
        near = ask(question)
        assert near.coverage == "partial" and "没有写明" in near.text, near.text


def test_a_verdict_on_one_status_conditions_does_not_answer_a_question_about_another_benefit(ask):
    """The firm's revenue falls in a tier of the 高新技术企业 conditions, but it asks whether income from
    recycled materials counts in part: no 符合/不符合 from the recognition conditions, the 90% rule answers."""
    answer = ask("我们厂用煤矸石做主要原料生产砖，年销售收入4000万，这部分收入计入收入总额时能少算一些吗？")
    assert not answer.text.startswith(("符合", "不符合")), answer.text
    assert "90%" in answer.text and "第九十九条" in cited(answer)


def test_a_target_asked_in_words_is_answered_in_the_documents_words(ask):
    """What a body must achieve, asked with 什么要求 and no magnitude, is stated in words: the answer quotes
    the requirement instead of saying no figure is stated."""
    answer = ask("中小企业促进法要求县级以上政府在中小企业服务体系建设上要达到什么要求？")
    assert answer.answerable and answer.coverage == "full", answer.text
    assert "具体数量" not in answer.text
    assert any(c.doc == "中华人民共和国中小企业促进法" for c in answer.citations)


def test_a_year_written_relative_to_an_event_answers_from_which_year(ask):
    """…超过抵免限额的当年的次年起: the first year is named by its event; asked from which year it counts,
    the answer quotes that, not a refusal for want of a calendar year."""
    answer = ask("在国外缴的税超过了抵免限额，这5个年度是从哪一年开始算？")
    assert answer.answerable and "次年起" in answer.text, answer.text


def test_a_later_part_quoting_a_sentence_with_its_next_replaces_the_shorter_quote():
    """A message's answers merged: a quote said again in full with more (the sentence and the next one)
    stands once, in the place of the shorter one; a verdict line is never taken for a quote."""
    from assistant.answer.answerer import _merged
    from assistant.models import Answer

    first = Answer("甲？", "可以。\n应当在三个月内报告。〔第七条〕", True, "general")
    second = Answer("乙？", "应当在三个月内报告。逾期的，不予受理。〔第七条〕", True, "general")
    merged = _merged([first, second]).text.split("\n")
    assert merged == ["可以。", "应当在三个月内报告。逾期的，不予受理。〔第七条〕"]


def test_whether_a_firm_is_of_a_kind_is_answered_where_that_kind_is_written(ask):
    """The asker's situation (a foreign registration, a zone of the city) finds the city plan, which never
    writes the kind asked; whether the firm is of that kind is answered by the law that defines it."""
    answer = ask("我们的母公司在新加坡注册，可研发和生产都放在中山火炬开发区，税法上算不算居民企业？")
    assert answer.citations and answer.citations[0].section == "第二条", answer.text
    assert "实际管理机构在中国境内" in answer.text


def test_a_fine_asked_where_the_law_sets_only_a_deadline_is_said_to_be_unstated(ask):
    """The tax law sets the filing deadline and no fine for missing it: asked the fine, the answer says the
    penalty is not stated and shows the deadline as the nearest provision, not as the answer."""
    answer = ask("季度预缴申报表迟报了几天，会被罚多少钱？")
    assert not answer.answerable and answer.coverage == "partial", answer.text
    assert "罚则" in answer.text.splitlines()[0] and "第五十四条" in cited(answer)


def test_each_thing_a_two_part_yes_no_question_names_is_quoted_from_the_list_that_names_it(ask):
    """折旧 and 模具 asked together: the law's article speaks of depreciation, and the notice's list of expenses
    names both; the item naming the moulds is quoted too, not only the one on depreciation."""
    answer = ask("研发仪器的折旧费和产品试制用的模具费，能算进加计扣除吗？")
    assert "折旧费" in answer.text and "模具" in answer.text, answer.text
