"""The one quantity grammar (ingest/quantities.py): what a reader of Chinese
regulations takes a figure to be, written in every common form."""

from __future__ import annotations

import pytest

from assistant.ingest.quantities import read


def only(text: str):
    found = read(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, value, kind", [
    ("按20%的税率缴纳", 20, "rate"),
    ("减按百分之十的税率征收", 10, "rate"),
    ("按照实际发生额的75％在税前扣除", 75, "rate"),
    ("给予项目投资额30%的补助", 30, "rate"),
    ("专职研发人员占职工总数的比例不低于20%", 20, "share"),
    ("服务业增加值比重达到55%", 55, "share"),
    ("捐赠支出不得超过年度利润总额的12%", 12, "share"),
])
def test_a_percentage_is_a_rate_applied_or_a_share_of_a_whole(text, value, kind):
    q = only(text)
    assert (q.value, q.unit, q.kind) == (value, "%", kind)


@pytest.mark.parametrize("text, value, bound", [
    ("最高给予三百万元奖励", 3_000_000, "max"),
    ("奖励不超过50万元", 500_000, "max"),
    ("年销售额1,000万元以上的企业", 10_000_000, "min"),
    ("资助金额2.5亿元", 250_000_000, "exact"),
    ("单笔贷款额度上限可提高至五百万元", 5_000_000, "max"),
    ("投资总额下限可适当放宽至600万元", 6_000_000, "min"),
])
def test_money_in_any_numeral_with_its_cap_or_floor(text, value, bound):
    q = only(text)
    assert (q.kind, q.unit, q.value, q.bound) == ("amount", "元", value, bound)


def test_a_range_written_as_floor_and_cap_is_one_quantity():
    q = only("处二万元以上二十万元以下的罚款")
    assert (q.bound, q.value, q.upper) == ("range", 20_000, 200_000)
    q = only("年收入在3,000万元至1亿元之间")
    assert (q.bound, q.value, q.upper) == ("range", 30_000_000, 100_000_000)


@pytest.mark.parametrize("text, kind, value, unit", [
    ("应当在九十日内作出决定", "duration", 90, "日"),
    ("有效期为五年", "duration", 5, "年"),
    ("须成立两年以上", "duration", 2, "年"),
    ("自2021年3月1日起施行", "date", 2021, "日期"),
    ("于每年6月30日前报送", "date", 6, "日期"),
    ("到2025年", "year", 2025, "年"),
    ("提供最近两个会计年度的审计报告", "duration", 2, "年"),
    ("享受三个纳税年度的减免", "duration", 3, "年"),
    ("2024年度的申报", "year", 2024, "年"),
    ("第一年至第二年免征所得税", "duration", 2, "年"),  # a period counted in ordinals
    ("第3年到第5年减半征收", "duration", 3, "年"),
    ("第二个月至第四个月免收租金", "duration", 3, "月"),
])
def test_periods_dates_and_years_are_told_apart(text, kind, value, unit):
    q = read(text)[0]  # (减半 after the period is a figure of its own)
    assert (q.kind, q.value, q.unit) == (kind, value, unit)


def test_document_numbers_and_article_numbers_are_no_figures():
    assert read("依据财税〔2019〕13号第三条") == []
    assert [q.kind for q in read("根据国发〔2020〕8号，到2022年建成")] == ["year"]


def test_a_deadline_written_as_an_event_is_a_time():
    q = only("纳税人应当不迟于年度汇算清缴时提交资料")
    assert q.kind == "date" and "汇算清缴" in q.text


def test_a_start_written_relative_to_an_event_is_a_time():
    q = only("企业应当自设备投入使用月份的次月起计提折旧")
    assert (q.kind, q.bound) == ("date", "min") and q.text.endswith("次月起")
    # with no 自/从 before it, the clause says the start all the same
    late = only("滞纳金按照税款缴纳期限届满的次日起逐日计算")
    assert (late.kind, late.bound) == ("date", "min") and "届满" in late.text
    # the year or month the event falls in (所在年度, 所属纳税年度) starts it too
    year = only("企业自资格证书颁发之日所在年度起享受减免")
    assert (year.kind, year.bound) == ("date", "min") and year.text.endswith("所在年度起")
    assert [q.kind for q in read("项目自取得第一笔经营收入所属纳税年度起免征三年")] == ["date", "duration"]


@pytest.mark.parametrize("text, event", [("租金收入按照合同约定的承租人应付租金的日期确认", "应付租金"),
                                         ("补贴发放时间以验收合格之日为准", "验收合格")])
def test_a_day_named_by_its_event_is_a_time(text, event):
    """按照…的日期, 以…之日为准: the day is the event's, a date as a regulation writes one."""
    q = only(text)
    assert (q.kind, q.bound) == ("date", "exact") and event in q.text


@pytest.mark.parametrize("text, value", [("逾期按日加收2‰的滞纳金", 0.2), ("罚款为万分之三", 0.03),
                                         ("不超过千分之五", 0.5)])
def test_per_mille_and_per_ten_thousand_are_percentages(text, value):
    assert round(only(text).value, 4) == value and only(text).unit == "%"


def test_an_applicants_own_figures_in_everyday_wording():
    found = read("我们厂开了4年，员工120人，去年营收6500万")
    assert [(q.kind, q.value) for q in found] == [("duration", 4), ("count", 120), ("amount", 65_000_000)]


def test_counts_keep_their_measure_word_and_one_is_a_word():
    assert [(q.kind, q.value, q.unit) for q in read("新增孵化器12家，培育一批企业")] == [("count", 12, "家")]


@pytest.mark.parametrize("text, kind, written, bound", [
    ("科技投入增幅不低于全省平均水平", "benchmark", "不低于全省平均水平", "min"),
    ("教育经费增长高于本市财政经常性收入平均增长幅度", "benchmark", "高于本市财政经常性收入平均增长幅度", "min"),
    ("用于技术改造的资金不少于上年度。", "benchmark", "不少于上年度", "min"),
    ("关键工艺达到国际先进水平", "benchmark", "达到国际先进水平", "min"),
    ("单位产值能耗增速低于全国平均水平", "benchmark", "低于全国平均水平", "max"),
    ("贷款利率不高于同期贷款市场报价利率", "benchmark", "不高于同期贷款市场报价利率", "max"),
    # a reference rate named whoever sets it, its term part of its name (1年期 is no period)
    ("约定利率不得低于合同订立时1年期贷款市场报价利率", "benchmark", "不得低于合同订立时1年期贷款市场报价利率", "min"),
    ("借款利息不超过按照商业银行同期同类贷款利率计算的数额", "benchmark", "不超过按照商业银行同期同类贷款利率", "max"),
    # a point of the year named rather than numbered, a deadline when 前 follows
    ("年度报告应当于每年年底前报送", "date", "每年年底前", "max"),
    ("每年3月底前填报上一年度情况", "date", "3月底前", "max"),
    ("名单于次年年初公布", "date", "次年年初", "exact"),
])
def test_a_figure_named_not_numbered_is_read_with_its_bound(text, kind, written, bound):
    """No number, but a figure all the same: an average, a level or last year's amount set as a floor or cap
    (a benchmark); 年底前, 3月底前, 次年年初 (a date)."""
    q = only(text)
    assert (q.kind, q.text, q.bound) == (kind, written, bound)


def test_a_reference_that_is_the_base_of_a_figure_is_no_benchmark():
    """`不低于上年度职工平均工资的60%` states 60%; the average wage is only what it is taken of."""
    assert [q.kind for q in read("月工资不低于上年度职工平均工资的60%")] == ["share"]
    assert read("营业收入超过上年的企业") == []  # a comparison inside a condition's noun phrase


@pytest.mark.parametrize("text, kind, value, upper", [
    ("每个项目资助1.5-2亿元", "amount", 150_000_000, 200_000_000),
    ("连续三至五年给予奖励", "duration", 3, 5),
    ("停业整顿6个月至12个月", "duration", 6, 12),
    ("每年提高1～3个百分点", "share", 1, 3),
    # a fine of two to five times the sum taken: a multiple of a base is a ratio to it, not a count
    ("对虚报冒领的，处冒领金额二倍以上五倍以下的罚款", "rate", 2, 5),
    ("可以并处违法所得1倍以上3倍以下罚款", "rate", 1, 3),
])
def test_a_range_written_in_one_figure_is_one_quantity(text, kind, value, upper):
    q = only(text)
    assert (q.kind, q.value, q.upper, q.bound) == (kind, value, upper, "range")


@pytest.mark.parametrize("text", ["按上一年度的营业收入计算", "上半年完成验收", "下一年内不得再次申请"])
def test_a_named_time_is_no_length_of_time(text):
    assert not [q for q in read(text) if q.kind == "duration"]


@pytest.mark.parametrize("text, value", [("营收两个亿", 2e8), ("投了3个亿，", 3e8)])
def test_a_hundred_million_said_with_a_measure_word_is_money(text, value):
    q = only(text)
    assert (q.kind, q.value) == ("amount", value)


def test_things_of_a_hundred_million_class_are_counted_not_money():
    q = only("推动建设50个亿元楼宇")
    assert (q.kind, q.value) == ("count", 50)


@pytest.mark.parametrize("text", ["企业每一纳税年度的应纳税额", "在同一年度内申报", "任一年份均可", "补贴从哪一年起停发？"])
def test_one_that_means_each_the_same_or_which_is_no_figure(text):
    assert read(text) == []


def test_ages_large_sums_and_counted_units_keep_their_unit():
    assert (only("年满18周岁的人员").kind, only("年满18周岁的人员").unit) == ("count", "周岁")
    assert only("产业规模达到2万亿元").value == 2e12
    assert (only("农机总动力超过10亿千瓦").value, only("农机总动力超过10亿千瓦").unit) == (1e9, "千瓦")
    assert "duration" not in [q.kind for q in read("规划期为2016年至2020年")]  # no period of 2016 years

@pytest.mark.parametrize("text, value, bound", [
    ("允许不超过五分之一的股东不具有执业资格", 20, "max"),
    ("须经三分之二以上委员同意", 200 / 3, "min"),
])
def test_a_fraction_is_a_share(text, value, bound):
    q = only(text)
    assert (q.kind, q.unit, q.bound) == ("share", "%", bound) and q.value == pytest.approx(value)


def test_a_range_whose_lower_end_leaves_out_the_unit_is_one_quantity():
    q = only("可在2—3年内逐步调整到位")
    assert (q.kind, q.bound, q.value, q.upper, q.unit) == ("duration", "range", 2, 3, "年")
    q = only("每家补助5-10万元")
    assert (q.kind, q.value, q.upper) == ("amount", 50_000, 100_000)
    assert [q.kind for q in read("2021—2025年规划")] == ["year"]  # years joined by a dash are no range of years


def test_an_assessments_points_are_a_count_and_an_adverb_is_none():
    assert [(q.kind, q.value, q.unit) for q in read("按时报送得3分，每缺一次扣0.5分")] == \
        [("count", 3, "分"), ("count", 0.5, "分")]
    assert read("这项工作十分重要，用时约3分钟") == []


@pytest.mark.parametrize("text, value", [
    ("单户担保金额500万元及以下的小微企业", 5_000_000),
    ("在80000元限额内据实扣除", 80_000),
])
def test_a_cap_written_after_its_figure(text, value):
    q = only(text)
    assert (q.kind, q.value, q.bound) == ("amount", value, "max")


def test_articles_cited_as_a_range_are_no_period():
    assert read("依照第十条至第十二条的规定办理") == []


@pytest.mark.parametrize("sentence, term, law, article", [
    ("税法第八条第（二）项所称零星支出，是指单笔金额较小的支出。", "零星支出", "税法", "第八条"),
    ("本条例第 1 2 条中所称的试点单位、示范单位，指经认定的单位。", "试点单位、示范单位", "本条例", "第12条"),
    ("本办法所称科技型企业是指从事研发的企业。", "科技型企业", "本办法", ""),
    ("各部门要加强指导，做好服务。", None, None, None),
])
def test_a_definition_names_its_term_and_the_article_it_explains(sentence, term, law, article):
    from assistant.ingest.definitions import read_definition
    found = read_definition(sentence)
    assert (found and (found.term, found.law, found.article)) == ((term, law, article) if term else None)


@pytest.mark.parametrize("sentence, expected", [
    ("职工教育经费支出，准予在以后纳税年度结转扣除。", [("allowed", "在以后纳税年度结转扣除")]),
    ("下列固定资产不得计算折旧扣除：", [("denied", "计算折旧扣除")]),
    ("非居民企业不适用本条例。", [("denied", "适用本条例")]),
    ("纳税人应当在年度终了后五个月内报送申报表。", [("required", "在年度终了后五个月内报送申报表")]),
    ("符合条件的企业无须另行报送资料。", [("not_required", "另行报送资料")]),
    # a bound on a figure rules on no act, and a modal inside a word is none (应纳税所得额, 认可)
    ("每年扣除额不得超过当年销售收入的5%。", []),
    ("计算应纳税所得额时以经认可的凭证为准。", []),
])
def test_a_sentence_says_which_acts_it_allows_denies_or_requires(sentence, expected):
    from assistant.ingest.rulings import read_rulings
    assert [(r.polarity, r.act) for r in read_rulings(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # a rule for a case names it in a clause ending in 的 before the modal
    ("对核算不清的，不得享受减免。", [("denied", "享受减免", "对核算不清的")]),
    ("设备用于研发后出售的，其折旧费用不得扣除。", [("denied", "扣除", "设备用于研发后出售的")]),
    ("企业发生的合理的差旅费支出，准予扣除。", [("allowed", "扣除", "")]),
    # a modal inside a case (…中允许…的，) rules on nothing; an act ends where the next rule's case begins
    ("不属于目录中允许抵免的项目的，不得抵免。", [("denied", "抵免", "不属于目录中允许抵免的项目的")]),
    ("企业可以自行选择，符合条件的，可以一次扣除。", [("allowed", "自行选择", ""), ("allowed", "一次扣除", "符合条件的")]),
])
def test_a_rule_for_a_case_says_the_case(sentence, expected):
    from assistant.ingest.rulings import read_rulings
    assert [(r.polarity, r.act, r.case) for r in read_rulings(sentence)] == expected


@pytest.mark.parametrize("sentence, expected", [
    # what a denial singles out by a qualifier; a grant's qualifier describes what it grants
    ("从境外购入的检测仪器发生的费用，不得加速折旧。", [("denied", "加速折旧", "从境外购入的检测仪器发生的")]),
    ("企业为改进工艺发生的费用，可以加速折旧。", [("allowed", "加速折旧", "")]),
    # a clause before the modal that is itself a rule names no thing
    ("不得转发含有个人观点的帖子，不得发布广告。", [("denied", "转发含有个人观点的帖子", ""), ("denied", "发布广告", "")]),
])
def test_a_denial_of_a_thing_singled_out_says_what_singles_it_out(sentence, expected):
    from assistant.ingest.rulings import read_rulings
    assert [(r.polarity, r.act, r.qualifier) for r in read_rulings(sentence)] == expected


@pytest.mark.parametrize("text, bound", [
    ("残值率不得低于5%", "min"),   # a negated "below" is a floor, however the negation is written
    ("评审专家不应少于3人", "min"),
    ("年利率不得高于8%", "max"),
    ("每批不多于20人", "max"),
    ("利润率低于5%的企业", "max"),
])
def test_a_negated_comparison_is_the_opposite_bound(text, bound):
    assert only(text).bound == bound


def test_the_unit_asked_in_names_the_kind_of_figure():
    from assistant.ingest.quantities import unit_kind
    assert (unit_kind("家"), unit_kind("万元"), unit_kind("亩"), unit_kind("%")) == ("count", "amount", "area", "share")


def test_a_formulas_operands_are_no_figure_the_text_states():
    """限额=…之和×10%/(1-10%): 10% is an operand of a computation; a slash before a unit is "per"."""
    assert read("其他费用限额=各项费用之和×10%/(1-10%)。") == []
    price = only("补贴价格上限为2.0元/千瓦时")
    assert (price.value, price.unit, price.bound) == (2.0, "元", "max")


@pytest.mark.parametrize("text, value", [("死亡的，发给相当于9个月的本人月工资的补助", 9.0),
                                         ("抚恤金为12个月的当地上年度职工月平均工资", 12.0)])
def test_months_of_a_wage_are_a_sum_not_a_length_of_time(text, value):
    """补助金为N个月的…工资: a benefit counted in months of pay is an amount; a bare period stays one."""
    (q,) = [q for q in read(text) if q.value == value]
    assert q.kind == "amount"
    assert read("试用期不超过6个月")[0].kind == "duration"


@pytest.mark.parametrize("text, value, unit", [("一次动用储备粮在5亿公斤以下", 5e8, "公斤"), ("每户补贴大米20千克", 20.0, "千克"),
                                               ("新建线路12千米", 12000.0, "米"), ("奖励5千元", 5000.0, "元")])
def test_weights_and_units_named_with_qian_are_read_as_written(text, value, unit):
    """公斤/千克 are weights; the 千 of 千克, 千米, 千瓦 is the unit's own name (12千米 is twelve kilometres, read in
    metres as every length is), the 千 of 5千元 a thousand."""
    (q,) = read(text)
    assert (q.value, q.unit) == (value, unit)


def test_a_case_clause_bounds_whom_the_rule_speaks_of_not_what_it_grants():
    """不足 is a cap; in `…满三年不足八年的，补助期限最长为九个月` the years state the case and the months what
    it grants, so an applicant's figure is judged by the case alone."""
    from assistant.answer.check import verdict
    case, grant = read("连续参保满三年不足八年的，补助期限最长为九个月；")
    assert (case.bound, case.value, case.upper, case.case) == ("range", 3, 8, True)
    assert (grant.bound, grant.case) == ("max", False)
    assert verdict(read("参保6年"), [case, grant]) is True
    assert verdict(read("参保9年"), [case, grant]) is False
    assert only("持有不足十二个月的股票").bound == "max"
    assert only("我们公司成立还不到两年").bound == "max"  # (不到: everyday words for 不足)


def test_a_dated_day_is_not_judged_against_a_day_of_every_year():
    """2025年7月 names a day of one year; 每年5月底前 a day of every year: no verdict either way (the asker's
    application date says nothing against an annual report's deadline), while two days of the year compare."""
    from assistant.answer.check import verdict

    deadline = read("每年5月底前报送年度报表")
    assert verdict(read("我们2025年7月提交"), deadline) is None
    assert verdict(read("我们6月10日才报"), deadline) is False


# --- figures written in English (questions about Chinese documents) ---------------------------------

@pytest.mark.parametrize("text, value, unit, kind, bound", [
    ("Last year our turnover was RMB 62 million.", 62_000_000, "元", "amount", "exact"),
    ("a taxable profit of 180,000 yuan", 180_000, "元", "amount", "exact"),
    ("a grant of up to US$1.5m for the lab", 1_500_000, "美元", "amount", "max"),
    ("we employ 140 full-time workers", 140, "人", "count", "exact"),
    ("no fewer than twenty-five engineers", 25, "人", "count", "min"),
    ("the firm was set up three years ago", 3, "年", "duration", "exact"),
    ("it must be filed within 15 working days", 15, "工作日", "duration", "max"),
    ("a site of 2,400 square metres", 2_400, "平方米", "area", "exact"),
])
def test_an_english_figure_is_read_in_the_units_of_the_chinese_one(text, value, unit, kind, bound):
    q = only(text)
    assert (q.value, q.unit, q.kind, q.bound) == (value, unit, kind, bound)


@pytest.mark.parametrize("text, kind", [
    ("Is income taxed at 20% for them?", "rate"),
    ("Suppose we deduct 75 percent of the cost.", "rate"),
    ("Our foreign parent holds 30% of the shares.", "share"),
    ("What share of revenue, at least 60 percent?", "share"),
])
def test_an_english_percentage_is_a_rate_applied_or_a_share_held(text, kind):
    q = only(text)
    assert (q.unit, q.kind) == ("%", kind)


def test_english_dates_years_and_document_numbers():
    issued = only("The certificate was issued on 12 October 2024.")
    assert (issued.kind, issued.year) == ("date", 2024)
    assert only("What should the city reach by 2030?").kind == "year"
    assert read("Under Guoshuifa [2009] No. 80, who files?") == []  # a document number's year is no figure
    assert read("See Announcement No. 45 of 2017.") == []
    assert read("May we claim it twice?") == []  # the modal verb, no month
    assert only("Reports are due by the end of June.").kind == "month"


def test_a_bare_english_number_states_no_figure():
    assert read("Two of the three founders left, per Article 28.") == []


def test_bounds_that_disagree_on_a_figure_give_no_verdict():
    """A sentence bounding one measure twice (工业企业 up to 100 people, other firms up to 80 in one provision)
    leaves it to the case: 90 people meet one bound and fail the other."""
    from assistant.answer.check import verdict

    staff = read("我们有90人")
    assert verdict(staff, read("从业人数不超过100人，其他企业从业人数不超过80人")) is None
    assert verdict(staff, read("从业人数不超过100人")) is True
    assert verdict(staff, read("从业人数不超过80人")) is False


@pytest.mark.parametrize("text, value", [("一套210平的房子", 210), ("房子120平米", 120), ("面积90平方", 90),
                                         ("100平左右的铺面", 100)])
def test_an_area_said_as_people_say_it_is_square_metres(text, value):
    (q,) = read(text)
    assert (q.kind, q.unit, q.value) == ("area", "平方米", value)


def test_a_bare_ping_before_a_word_is_no_area():
    assert [q.kind for q in read("建设3平台")] == []


def test_an_age_said_as_people_say_it_compares_with_the_documents_age():
    """57岁 and 不超过55周岁 measure the same thing, an age in years: they compare."""
    from assistant.ingest.quantities import comparable

    assert comparable(only("今年57岁"))[0] == comparable(only("女性不超过55周岁"))[0]


def test_a_time_of_day_is_no_ratio():
    """发表时间：2026-02-12 17:12 is a time, not a 17:12 ratio; 按1:1配套 is one."""
    assert read("发表时间：2026-02-12 17:12") == []
    assert read("每天下午2:30开放") == []
    assert only("按1:1配套").kind == "rate"
