"""Parse once: the question becomes a typed QueryPlan, and nothing after the
parser reads the raw question."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ANSWER = Path(__file__).resolve().parent.parent / "assistant" / "answer"
PARSER_MODULES = {"plan.py", "intents.py", "kinds.py"}
# Where the cleaned question text may still be read: retrieval (embedding, BM25) and the
# follow-up memory of the session. Nowhere is it matched against a pattern.
RETRIEVAL_READS = {("answerer.py", "_context"), ("answerer.py", "answer")}


def _plan_text_reads(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for func in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        for node in ast.walk(func):
            if isinstance(node, ast.Attribute) and node.attr == "text":
                base = node.value
                name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else ""
                if name in ("query", "plan") and (path.name, func.name) not in RETRIEVAL_READS:
                    found.append((func.name, node.lineno))
    return found


def test_no_stage_after_the_parser_reads_the_question_text():
    offenders = {p.name: reads for p in ANSWER.rglob("*.py") if p.name not in PARSER_MODULES
                 if (reads := _plan_text_reads(p))}
    assert offenders == {}


@pytest.fixture(scope="module")
def parse(assistant):
    return assistant.answerer.parser.parse


@pytest.mark.parametrize("question, kinds", [
    ("小型微利企业的企业所得税按什么税率征收？", {"rate"}),
    ("固定资产加速折旧的比例是多少？", {"rate"}),
    ("科技人员要占到职工总数的多少？", {"share"}),
    ("这个比例是多少？", {"rate", "share"}),
    ("最多能拿到多少万元奖励？", {"amount"}),
    ("证书有效期几年？", {"duration"}),
])
def test_the_kind_of_figure_asked(parse, question, kinds):
    plan = parse(question)
    assert plan.answer == "figure" and plan.figure_kinds == frozenset(kinds)


def test_a_yes_no_question_naming_a_figure_word_asks_no_figure(parse):
    plan = parse("外资企业还受投资比例的限制吗？")
    assert plan.answer == "yes_no" and plan.figure_kinds == frozenset()
    assert parse("股东最多可以占多大比例？").figure_kinds == frozenset({"share"})
    plan = parse("法定节假日算在审批期限里吗？")  # a period word as the subject: whether, not how long
    assert plan.answer == "yes_no" and not plan.duration_asked
    assert parse("审批期限是多久？").duration_asked


def test_a_figure_the_question_states_is_not_what_it_asks(parse):
    """单户500万元及以下的业务: 万元 is said of the applicant; 的多少 asks a part of a base."""
    plan = parse("担保业务单户500万元及以下的，担保费最高可以收风险责任的多少？")
    assert plan.figure_kinds == frozenset({"rate", "share"}) and not plan.asked_units


def test_points_asked_are_a_count_of_points(parse):
    assert parse("被通报批评要扣多少分？").asked_units == frozenset({"分"})


def test_a_document_numbers_year_is_no_target_year(parse):
    assert parse("依照国发〔2016〕9号，企业可获得多少补助？").years == []
    assert parse("2020年要建成多少家孵化器？").years == [2020]


def test_a_sums_digits_are_no_target_year(parse):
    assert parse("公司年销售额2025万元，培训费花了120万，能扣多少？").years == []
    assert parse("2025年前销售额要到2025万元吗？").years == [2025]


def test_an_applicants_figures_make_a_yes_no_question(parse):
    plan = parse("我们成立才8个月，可以申请吗？")
    assert plan.answer == "yes_no"
    assert [(q.kind, q.value, q.unit) for q in plan.facts] == [("duration", 8, "月")]


def test_both_roles_asked_at_once(parse):
    plan = parse("创新券推广由谁牵头，谁配合？")
    assert plan.both_roles
    assert not parse("创新券推广除了牵头的那个局，另外还有谁参加？").both_roles


def test_chatter_is_no_topic_but_an_unknown_thing_is(parse):
    # a verb with its aspect particle, a time word and a guessed fragment name no subject
    plan = parse("去年我们亏了，这个亏损往后能抵几年？")
    assert "亏损" in plan.topic_tokens
    assert not {"亏了", "往后", "去年"} & set(plan.topic_tokens)
    # a thing the documents never speak of stays in the topic, so the question can be refused
    assert "养犬" in parse("在这里养犬需要办什么证？").topic_tokens
    assert "年假" in "".join(parse("职工的带薪年假有几天？").topic_tokens) or \
        "带薪" in parse("职工的带薪年假有几天？").topic_tokens


@pytest.mark.parametrize("question, kinds", [
    ("申报材料最迟要在什么时点交？", {"date"}),
    ("这个备案最晚哪天截止？", {"date"}),
])
def test_a_deadline_asked_is_a_time_asked(parse, question, kinds):
    plan = parse(question)
    assert plan.kind is not None and plan.kind.name == "time"
    assert kinds <= plan.figure_kinds


@pytest.mark.parametrize("question, answer", [
    ("申请孵化器补助需要具备哪些条件？", "condition"),
    ("小微企业要满足什么前提才能减税？", "condition"),
    ("What are the requirements for the venture investment credit?", "condition"),
    ("享受技术改造补贴的企业，台账要怎么建？", "procedure"),
    ("如何判断一家公司是不是软件企业？", "procedure"),
    ("How do we file for the R&D credit?", "procedure"),
    ("我们是软件企业，能享受哪些优惠？", "support"),
    ("什么样的农户可以领取种粮补贴？", "condition"),  # who qualifies is asked, not what one gets
    ("哪些企业能申请技术改造贴息？", "condition"),
    ("对退役军人创业给予贷款贴息的规定是第几条？", "text"),  # which article: the sentence with its label
    ("农机购置补贴在哪一条里写的？", "text"),
])
def test_conditions_and_how_to_are_not_a_list_of_benefits(parse, question, answer):
    """Naming a benefit (享受…补贴) in a question about how to do something or what to meet
    does not make it a question about which benefits one gets."""
    assert parse(question).answer == answer


def test_a_bare_how_much_asks_a_magnitude_of_any_kind(parse):
    """核查比例 is written as a share, a sum as 万元: 多少 alone does not say which."""
    plan = parse("税务部门每年抽查的企业面最低是多少？")
    assert plan.answer == "figure" and {"share", "amount", "count"} <= plan.figure_kinds
    assert parse("方案要求排进全省第几名？").figure_kinds == frozenset()  # an ordinal is no magnitude
    assert parse("产品价格的平均降价幅度是多少？").figure_kinds == frozenset({"rate", "share"})


def test_a_documents_short_name_says_which_document_not_what_is_asked():
    from assistant.answer.evidence import abbreviates
    assert abbreviates("自创区", "中山国家自主创新示范区建设实施方案")
    assert abbreviates("高企", "高新技术企业")
    assert not abbreviates("企业", "高新技术企业认定管理办法")  # written there as is
    assert not abbreviates("科创", "科学技术进步法")  # 科…创 not in order


def test_words_that_only_sound_like_questions_ask_nothing(parse):
    """符合条件的X names a qualifying X; 好几处 says several: neither is a yes/no or a how-many question."""
    plan = parse("公司符合条件的节能项目所得，企业所得税怎么算？")
    assert plan.answer == "procedure"
    assert parse("境内有好几处经营场所，应该到哪里申报？").figure_kinds == frozenset()


def test_a_question_opening_on_a_pointing_word_leans_on_the_one_before(parse):
    """这笔补贴… points back, whatever topic words follow; the same question naming its subject does not."""
    assert parse("这笔补贴主要发给哪些单位、怎么发放？").follow_up
    assert parse("那这部分装修费用分几年摊销？").follow_up
    assert not parse("孵化器建设补贴主要发给哪些单位、怎么发放？").follow_up
    # a numeral before the classifier (这一项), an English question opening on And, whatever their topic words
    assert parse("这一项工作归哪个局统筹？税务局在名单上承担什么职责？").follow_up
    assert parse("And does the same cap apply to interest paid to a related lender abroad?").follow_up
    assert not parse("Does the same cap apply to interest paid to a related lender abroad?").follow_up


def test_the_word_for_conditions_is_the_kind_asked_not_a_thing_to_find(parse):
    """要满足什么条件 asks for conditions, which documents write without the word (应当具有…能力);
    按什么标准 asks the basis a sum is set by, not conditions."""
    plan = parse("个人在市区饲养宠物要满足什么条件？")
    assert plan.answer == "condition"
    assert "条件" not in plan.topic_tokens and "条件" not in plan.subject and "条件" not in plan.focus
    assert parse("残疾人住房补助的金额按什么标准确定？").answer != "condition"


def test_a_body_stated_while_asking_which_cases_is_no_lead_question(parse):
    """哪些情形下…由省级主管部门确定 asks which cases, 主管部门必须…吗 whether it must; 哪个部门 and 什么机构
    ask for a body."""
    assert parse("在哪些情形下，安置地由省级主管部门确定？").intent != "lead"
    assert parse("项目验收以后，主管部门必须按合同拨付尾款吗？").intent != "lead"
    assert parse("犬只收容由哪个部门牵头？").intent == "lead"
    assert parse("什么机构主管流浪犬收容？").intent == "lead"


def test_a_thing_of_another_kind_asked_of_a_body_is_not_its_duties(parse):
    """要把…工作列进哪一类规划 asks which plan; 负责哪些工作 asks the body's duties."""
    assert parse("市科技局要把科技工作列进哪一类规划里？").intent != "duties"
    assert parse("市财政局要把科技工作放进什么计划？").intent != "duties"
    assert parse("市财政局负责哪些工作？").intent == "duties"


@pytest.mark.parametrize("message, questions", [
    ("补贴标准是多少？从哪一年开始执行？", ["补贴标准是多少？", "从哪一年开始执行？"]),
    ("Who leads it? And who shares it?", ["Who leads it?", "And who shares it?"]),
    ("那家电呢？", ["那家电呢？"]),
    ("奖励多少？呢？", ["奖励多少？呢？"]),  # a piece asking nothing of its own stays with the one before
    # an English question after a sentence of context, opened by an adverb, then a second one joined by `and`
    ("We plan our budget. Approximately what share goes to labs, and who pays for the rest?",
     ["We plan our budget. Approximately what share goes to labs", "and who pays for the rest?"]),
    # a second question after `and` with a hedge before its question word
    ("Which office runs the fund, and about how many firms will it back?",
     ["Which office runs the fund", "and about how many firms will it back?"]),
    ("The firm which we own is small, and we are new. Do we qualify?",
     ["The firm which we own is small, and we are new. Do we qualify?"]),
])
def test_a_message_asking_several_questions_is_read_as_each_in_turn(message, questions):
    from assistant.answer.plan import asked_questions
    assert asked_questions(message, 4) == questions


@pytest.mark.parametrize("question, expected", [
    ("员工培训的费用可以结转到下一年扣除吗？", ("allowed", "结转到下一年扣除")),
    ("分公司是否需要单独报送申报表？", ("required", "单独报送申报表")),
    ("能不能把设备一次性计入成本", ("allowed", "把设备一次性计入成本")),
    ("智能工厂有哪些补贴？", None),  # 能 inside 智能 asks nothing
    ("可以从哪几种方法里选？", None),  # asks which, not whether
])
def test_a_yes_no_question_says_which_act_it_asks_about(question, expected):
    from assistant.answer.plan import act_asked
    found = act_asked(question)
    assert (found and (found.polarity, found.act)) == expected


def test_a_yes_no_ending_after_the_askers_situation_asks_yes_or_no(parse):
    """给几个高管买了…，能扣不？: 几个 tells the situation ("a few"), the spoken 不？ ending asks yes or no."""
    plan = parse("给几个部门经理买了商业意外险，这笔钱所得税前能扣不？")
    assert plan.answer == "yes_no" and plan.intent != "target" and not plan.figure_kinds


@pytest.mark.parametrize("question", ["园区开发分几个阶段推进？", "申报材料一共有几项？", "专项行动要提升哪几种能力？"])
def test_a_count_of_anything_asks_for_the_items_not_a_figure(parse, question):
    """几个阶段, 几项, 哪几种: the classifier counts anything, so the items answer (a document writes them
    as a list, seldom as a number); no figure is demanded, so no refusal for want of one."""
    plan = parse(question)
    assert plan.list_asked and plan.answer != "figure" and not plan.figure_kinds


def test_years_of_account_asked_are_a_period(parse):
    """几个会计年度 asks how many years of account, as the documents write periods (近三个会计年度), not how
    many things of a list."""
    plan = parse("鉴证报告要覆盖几个纳税年度？")
    assert plan.duration_asked and plan.figure_kinds == frozenset({"duration"})


def test_what_about_a_new_case_then_a_question_of_it_is_a_follow_up(parse):
    """那X呢，…？ names a new case and asks of it what was asked before, however many words of its own X has."""
    assert parse("那我们捐给山区学校的图书和电脑呢，在所得税上能不能扣除？").follow_up
    assert not parse("我们捐给山区学校的图书和电脑在所得税上能不能扣除？").follow_up


def test_a_question_ending_in_what_asks_what_not_yes_or_no(parse):
    """么 ends a spoken yes/no question (能报销么？), but 什么/怎么 end a question asking what or how:
    those want the thing itself, not 是 or 否 first."""
    assert parse("伤残津贴的计发标准是什么？").answer != "yes_no"
    assert parse("申领补贴要准备些什么？").answer != "yes_no"
    assert parse("外地户口的员工也能申领么？").answer == "yes_no"


def test_a_period_named_asks_its_length_unless_a_point_of_it_is_asked(parse):
    """付款期限 names a period: asked alone it asks how long; asked 从哪天开始算 it asks when the period
    starts, a date, which a start written as an event (自验收合格之日起) answers."""
    start = parse("工程款的结算期限从哪天起计算？")
    assert not start.duration_asked and start.answer == "date"
    assert parse("工程款结算的期限有多长？").duration_asked
    assert parse("补贴申领要在多长的期间内完成？").duration_asked


def test_which_month_is_a_time_and_how_many_months_a_length(parse):
    """几月 (no 个) asks which month, a point in time; 几个月 asks how many months. Neither asks a rate or a sum,
    even beside a word a rate is applied to (摊销, 补贴)."""
    month = parse("新厂房的摊销从几月开始算？")
    assert month.answer == "date" and not month.duration_asked
    assert not month.figure_kinds & {"rate", "amount"}
    assert parse("技改补贴每年几月份申请？").answer == "date"
    months = parse("技改补贴的公示要几个月？")
    assert months.duration_asked and months.figure_kinds == frozenset({"duration"})


def test_a_count_asked_in_a_counting_unit(parse):
    plan = parse("到2020年科技企业孵化器要达到多少家？")
    assert plan.answer == "figure" and "count" in plan.figure_kinds
    # any measure word the quantity grammar knows, not only a listed few: a weight of grain asked is no
    # rate or sum of money (补助多少斤粮食 is not answered by a fine of 1倍 of something)
    grain = parse("每位移民每月发放多少斤口粮？")
    assert grain.asked_units == frozenset({"斤"}) and grain.figure_kinds == frozenset({"count"})


def test_a_figure_the_question_writes_is_not_its_subject(parse):
    plan = parse("小型微利企业的所得税税率是5%吗？")
    assert plan.subject and not any(ch.isdigit() for word in plan.subject for ch in word)


def test_the_thing_a_question_word_asks_which_of_is_its_focus(parse):
    """填什么报表: of the things named (有效期, 报表), the question asks which 报表."""
    assert parse("认定后在资格期间每年要交什么报表？").focus == ["报表"]
    assert parse("这项补助有多少钱？").focus == []


def test_bodies_asked_beside_the_lead_are_the_shared_role(parse):
    assert parse("人才驿站建设谁牵头、哪些部门负责？").both_roles
    assert not parse("人才驿站建设由哪些部门牵头？").both_roles
    assert not parse("人才驿站建设，牵头的是哪些部门？").both_roles  # the leads, asked in their own clause


@pytest.mark.parametrize("question", ["租入的车间改建支出咋摊销？", "设备卖掉了有什么影响？",
                                      "Under the voucher scheme, how is the amount over the cap subsidised?"])
def test_spoken_how_and_what_follows_ask_how(parse, question):
    """咋 is the spoken 怎么; 有什么影响 asks what follows; an English how-clause after a leading phrase."""
    assert parse(question).answer == "procedure"


@pytest.mark.parametrize("question", ["那先进装备制造呢？", "如果是许可给别人用呢？", "那健康医药产业这块呢？",
                                      "What about the lighting firms in those towns?"])
def test_a_subject_with_nothing_asked_of_it_is_elliptical(parse, question):
    """X呢？ / what about X?: a new subject and no asking word; it asks what the question before asked."""
    plan = parse(question)
    assert plan.elliptical and plan.follow_up


@pytest.mark.parametrize("question", ["那谁牵头呢？", "那这笔钱能扣除吗？", "那要满足哪些条件呢？", "那能拿多少补贴呢？"])
def test_a_follow_up_asking_something_of_its_own_is_not_elliptical(parse, question):
    assert not parse(question).elliptical


def test_an_elliptical_plan_takes_what_was_asked_and_keeps_its_own_subject(parse):
    earlier = parse("小型微利企业的企业所得税税率是多少？")
    plan = parse("换成经认定的高新技术企业呢？")
    plan.lean_on(earlier)
    assert plan.answer == earlier.answer == "figure" and plan.figure_kinds == earlier.figure_kinds
    assert "高新技术企业" in "".join(plan.subject) and "小型微利" not in "".join(plan.subject)


def test_months_of_pay_ask_a_sum_and_months_alone_a_period(parse):
    """几个月的工资 is a sum counted in months of pay; 几个月 alone a period; neither counts 个 of anything."""
    pay = parse("因工死亡的丧葬补助金按几个月的工资发放？")
    assert "amount" in pay.figure_kinds and not pay.duration_asked and "个" not in pay.asked_units
    period = parse("试用期最长可以约定几个月？")
    assert period.duration_asked and "个" not in period.asked_units


@pytest.mark.parametrize("question", ["市科技局一共被安排了哪些工作？", "市财政局被要求做什么？"])
def test_asking_what_a_body_was_given_to_do_asks_its_duties(parse, question):
    assert parse(question).intent == "duties"


@pytest.mark.parametrize("question", ["研发费用要不要单独核算？", "小企业该不该单独设研发账？", "年报需不需要审计？"])
def test_an_a_not_a_question_asks_yes_or_no(parse, question):
    assert parse(question).answer == "yes_no"


def test_the_part_beyond_what_was_said_leans_on_the_question_before(parse):
    assert parse("多出来的那部分可以往后结转吗？").follow_up
    assert parse("超过的部分呢？").elliptical  # (超过 names the subject here; it asks no target)


def test_a_paper_one_signs_or_hands_in_is_no_document_reference(parse):
    assert parse("这项补贴是根据哪个文件发放的？").intent == "reference"
    assert parse("验收时企业需要提交什么文件？").intent != "reference"
    assert parse("租场地前双方要签订什么文件？").intent != "reference"


def test_a_figure_stated_and_asked_to_be_confirmed_is_a_claim(parse):
    assert parse("研发费用加计扣除比例是75%，对吧？").claimed
    assert parse("小型微利企业的税率是20%吗？").claimed
    assert parse("Is the rate for small low-profit enterprises 25%?").claimed
    # an applicant's own figures ask whether it qualifies, not whether the documents say so
    assert not parse("我们注册满两年了，能申请认定吗？").claimed
    assert not parse("研发费用加计扣除比例是多少？").claimed


def test_a_role_named_as_the_subject_of_what_it_does_asks_its_duties_not_who_holds_it(parse):
    assert parse("孵化器建设由谁牵头？").intent == "lead"
    assert parse("在这项改革中，主管部门要负责做哪些事？").intent != "lead"
    assert parse("牵头单位要在什么时候完成？").intent != "lead"
    acting = parse("作为牵头部门的单位，要承担哪些责任？")
    assert acting.intent != "lead" and acting.duties_asked
    assert parse("哪个部门是这项工作的主管部门？").intent == "lead"
    assert not parse("哪个部门是这项工作的主管部门？").duties_asked


@pytest.mark.parametrize("question, kinds", [
    # pieces that each name a figure of their own kind, with no 分别 / 各
    ("全市高新技术企业数量和高新技术产业产值比重的2020年目标是多少？", [{"count"}, {"share"}]),
    # 各 + a verb + how much
    ("小榄和古镇两个园区各建了多少亩？", [set(), set()]),
])
def test_several_figures_asked_at_once_are_parts_of_their_own_kind(parse, question, kinds):
    assert [set(p.kinds) for p in parse(question).parts] == kinds


def test_one_figure_of_two_things_is_one_part(parse):
    """研发费用和销售收入的比例: one share of two amounts, not two figures."""
    assert len(parse("研发费用和销售收入的比例是多少？").parts) == 1


def test_a_clause_before_the_things_asked_names_what_all_are_of_not_the_first_part(parse):
    """园区建设方面，南头和板芙分别规划了多少亩: the parts are 南头 and 板芙; the clause before them is shared."""
    parts = parse("园区建设方面，南头和板芙分别规划了多少亩？").parts
    assert len(parts) == 2
    assert not {"园区", "建设"} & set(parts[0].topic)


def test_asked_which_party_has_a_benefit_is_no_list_of_benefits(parse):
    """归谁享受 / 由谁承担 ask which party a provision names, not what support there is."""
    assert parse("我们和兄弟公司一起出钱做研发，加计扣除归谁享受？").answer != "support"
    assert parse("我们公司能享受哪些税收优惠？").answer == "support"


def test_whether_a_thing_is_of_a_kind_names_the_kind(parse):
    assert parse("仓库里放了两年的叉车，税上算固定资产吗？").classed_as == "固定资产"
    assert parse("税率是不是15%？").classed_as == ""


@pytest.mark.parametrize("question", ["科技金融那项任务谁牵头，区里承担什么角色？",
                                      "Who is leading the incubator work, and which bureaus back it up?",
                                      "Who leads the talent programme, and is the finance bureau involved?"])
def test_who_leads_asked_with_the_part_of_others_asks_both_roles(parse, question):
    assert parse(question).both_roles


def test_by_what_time_asks_the_rule_not_a_date(parse):
    assert parse("租金分两年收，收入按什么时间确认？").answer != "date"
    assert parse("年度报告什么时间报送？").answer == "date"


def test_which_aims_a_document_has_asks_its_purpose(parse):
    assert parse("国家出台中小企业促进法，想达到哪些目的？").answer == "purpose"


def test_the_askers_own_figures_before_a_confirming_question_are_their_case(parse):
    """我们公司成立两年…应该没问题吧: the asker tells their case, then asks whether it qualifies; their figures
    are facts to check, not a claim about what the documents say. A figure in the clause a bare 对吧
    confirms is one."""
    plan = parse("我们公司成立两年，有80个员工，申请这个补贴应该没问题吧？")
    assert plan.facts and not plan.claimed
    assert parse("我们的亏损可以往后结转五年，对吧？").claimed


def test_who_is_asking_before_a_colon_frames_the_question(parse):
    """市财政局的同事问：… is who asks; the question after the colon is what is asked."""
    plan = parse("市财政局的同事问：科技企业孵化器建设谁牵头？")
    assert plan.units == [] and plan.intent == "lead"
    assert "同事" not in plan.topic_tokens


def test_the_suan_of_a_word_asks_no_kind(parse):
    """计算…时可以扣除吗 holds 算 inside 计算: no kind is asked; 算固定资产吗 asks whether it is one."""
    assert parse("滞纳金在计算应纳税所得额时能扣除吗？").classed_as == ""
    assert parse("我们打算明年买的专利算无形资产吗？").classed_as == "无形资产"


def test_a_word_asked_in_its_a_not_a_form_is_no_topic():
    """行不行, 够不够, 需不需要: asking yes or no of the word, which (nor the 不行 inside it) is what is asked about."""
    from assistant.answer.intents import topic_tokens

    assert topic_tokens("装修期间在阳台堆点建材，行不行？", []) == topic_tokens("装修期间在阳台堆点建材？", [])
    assert "需不需要" not in topic_tokens("换了法人代表需不需要重新备案", [])
    assert "备案" in topic_tokens("换了法人代表需不需要重新备案", [])
