"""Reading what the asker says of their own case against what a document states: the case their age
fits, the aid beyond the threshold their spending passed, a city inside the province whose rule
answers, a list written as clauses under a heading that announces it, and a notice's title line,
which names the document and answers nothing."""

from __future__ import annotations

from conftest import corpus_fixture

from assistant.answer.check import beyond_facts, fits_tier
from assistant.ingest.quantities import read
from assistant.lexicon.english import lies_in

NOTICE = """东湖市商务局关于组织申报2027年商圈改造提升项目的通知

东商字〔2027〕5号

各区商务局：为提升消费环境，对商圈改造提升项目给予资金支持，有关事项通知如下。

一、支持内容

对商圈改造提升项目给予资金支持，补助资金比例不超过审定实际支出资金的20%，单个项目补助金额不超过300万元。

二、申报条件

（一）基本条件

审定实际支出资金在500万元以上；纳入无障碍改造台账的项目实际支出资金下限可下浮至400万元；项目已完工并持续经营6个月。

（二）有下列情形的不予支持

近两年内发生重大安全事故；列入失信被执行人名单的；同一项目已获得其他市级财政资金支持的；经评审认定不宜支持的。

三、申报时间

申报截止时间为2027年9月30日。
"""

INSURANCE = """南岭市护理保险办法

第一条　为建立护理保险制度，制定本办法。

第二条　个人缴费费率按年龄分档：未满30周岁的参保人员个人不缴费；满30周岁至未满50周岁的参保人员为0.05%；满50周岁的参保人员为0.1%。

第三条　护理保险基金按月支付护理服务费用，每人每天不超过100元。
"""

CYCLING = """浙江省非机动车通行办法

第一条　为规范非机动车通行，根据有关法律，结合本省实际，制定本办法。

第二条　电动自行车在城市道路上不得载人，但安装固定儿童座椅的，可以搭载一名十二周岁以下的儿童。

第三条　非机动车应当在非机动车道内行驶。
"""

written = corpus_fixture({"东湖市商务局关于组织申报2027年商圈改造提升项目的通知": NOTICE,
                          "南岭市护理保险办法": INSURANCE, "浙江省非机动车通行办法": CYCLING})


def test_an_age_meets_the_case_it_fits_with_no_word_in_common(written):
    answer = written.ask("我28岁，上班交护理险，个人那部分要掏钱吗？")
    assert "未满30周岁的参保人员个人不缴费" in answer.text.split("\n")[1]
    assert answer.text.startswith("符合")


def test_aid_asked_is_the_aid_not_the_spending_threshold_passed(written):
    answer = written.ask("我们商圈改造实际花了2000万，最多能补多少钱？")
    assert "300万元" in answer.text
    assert not answer.text.startswith("审定实际支出资金在500万元以上")


def test_a_city_inside_the_province_is_answered_by_its_rule(written):
    answer = written.ask("在宁波市骑电动自行车带5岁儿子，车上装了儿童座椅，可以吗？")
    assert answer.citations, answer.text
    assert "十二周岁以下的儿童" in answer.text
    assert "没有关于宁波" not in answer.text


def test_cases_listed_as_clauses_under_an_announcing_heading_are_enumerated(written):
    answer = written.ask("申报商圈改造，碰到哪些情形会不予支持？")
    for case in ("近两年内发生重大安全事故", "列入失信被执行人名单的", "同一项目已获得其他市级财政资金支持的"):
        assert case in answer.text
    assert "2." in answer.text


def test_the_title_line_is_not_quoted_and_the_preamble_is_marked_once(written):
    answer = written.ask("东湖市为什么要给商圈改造提升项目资金支持？")
    assert "组织申报2027年商圈改造提升项目的通知〔" not in answer.text
    assert "前言前言" not in answer.text


def test_a_bound_on_the_askers_own_figure_is_no_figure_asked():
    spent = read("实际花了2000万")
    threshold = read("审定实际支出资金在500万元以上")
    tier = read("销售收入5000万元至2亿元的企业，研发费用占比不低于4%")
    assert beyond_facts(spent, threshold) == []
    assert not fits_tier(spent, threshold, frozenset({"amount"}))
    assert fits_tier(read("销售收入8000万元"), tier, frozenset({"share"}))


def test_the_dictionary_places_cities_inside_their_province():
    assert lies_in("宁波", "浙江") and lies_in("济南", "山东") and lies_in("顺德", "佛山")
    assert not lies_in("宁波", "山东") and not lies_in("上海", "浙江")


PLACED = {
    "滨江市家政服务条例": "滨江市家政服务条例\n\n第一条　为了规范家政服务，根据有关法律，结合本市实际，制定本条例。\n\n"
                          "第二条　家政服务机构应当与家政服务人员订立合同。\n\n第三条　本条例自2022年3月1日起施行。\n",
    "家政服务质量管理规定": "家政服务质量管理规定\n\n第一条　为了提高家政服务行业质量，依照有关法律、行政法规和地方性法规，制定本规定。\n\n"
                           "第二条　家政服务机构应当公示服务项目和收费标准。\n\n第三条　本规定自2021年5月1日起施行。\n",
}
placed = corpus_fixture(PLACED)


def test_a_document_asked_by_its_place_is_read_before_one_of_no_place(placed):
    """滨江's 条例 and a national 规定 both state when they take effect; asked of 滨江's, its date answers,
    whichever title sorts first."""
    assert "2022年3月1日" in placed.ask("滨江这部管家政行业的地方性法规是哪天开始施行的？").text
    assert "规范家政服务" in placed.ask("滨江这部家政法规是为了什么制定的？").text


def test_when_a_rule_starts_to_be_carried_out_asks_when_it_takes_effect(placed):
    """实行 is how people say 施行: the date it takes effect is what is asked."""
    assert placed.answerer.parser.parse("滨江管家政的那个条例，是打哪天起实行的？").answer == "effect_date"
    assert "2022年3月1日" in placed.ask("滨江管家政的那个条例，是打哪天起实行的？").text


def test_when_a_rule_starts_to_count_asks_when_it_takes_effect(placed):
    """算数, 管用: everyday words for a rule taking effect; the date it takes effect is what is asked."""
    assert placed.answerer.parser.parse("滨江那个家政条例，具体从哪天开始算数？").answer == "effect_date"
    assert "2022年3月1日" in placed.ask("滨江管家政的条例什么时候开始管用？").text


PARK = {"滨江市公园管理条例": """滨江市公园管理条例

第一条　为了加强公园管理，制定本条例。

第二条　公园内禁止下列行为：
（一）攀折花木、采摘果实；
（二）营火、焚烧树叶；
（三）擅自设摊经营。

第三条　违反本条例第二条规定擅自设摊经营的，由公园管理机构责令改正，可以处五十元以上二百元以下罚款；情节严重的，可以处五百元以上一千元以下罚款。

第四条　违反本条例规定，违法行为轻微并及时改正，没有造成危害后果的，不予处罚。

第五条　在禁止垂钓的区域垂钓的，由公园管理机构劝阻；不听劝阻的，处一百元以上三百元以下罚款。

第六条　本条例自2023年1月1日起施行。
"""}
park = corpus_fixture(PARK)


def test_everyday_words_for_a_prohibition_find_what_the_rule_forbids(park):
    assert park.answerer.evidence.occurs("不准", "公园内禁止下列行为")
    answer = park.ask("公园里有哪些不准干的事？")
    assert "攀折花木" in answer.text, answer.text


def test_the_circumstances_asked_are_those_of_the_act_named_after_them(park):
    """Asked in which circumstances no penalty is given: the provision saying so, not the one imposing it."""
    first = park.ask("违反条例擅自设摊经营的，什么情况下可以不予处罚？").text.split("\n")[0]
    assert "没有造成危害后果的，不予处罚" in first, first


def test_a_trades_service_body_is_not_a_technology_service_intermediary():
    from assistant import eligibility
    assert "科技服务机构" not in eligibility.profile_from_text("对养老服务机构有哪些扶持政策？").qualifications
    assert "科技服务机构" in eligibility.profile_from_text("科技服务机构能拿什么补贴？").qualifications


BIKES = {"滨江市互联网租赁自行车管理办法": """滨江市互联网租赁自行车管理办法

第一条　为了规范互联网租赁自行车停放秩序，制定本办法。

第二条　城市管理部门负责互联网租赁自行车停放的监督管理。

第三条　运营企业应当对违规停放的车辆及时清理；接到城市管理部门通知后，应当在两小时内完成清理。

第四条　运营企业违反本办法第三条规定，对违规停放的车辆未及时清理的，由城市管理部门责令改正，处五千元以上二万元以下罚款。

第五条　本办法自2024年1月1日起施行。
"""}
bikes = corpus_fixture(BIKES)


def test_supposing_a_duty_is_not_done_asks_what_befalls_the_breach(bikes):
    """After the duty is asked, 要是…一直不清理呢？ asks what then: the penalty for breaching that article."""
    session = bikes.new_session()
    bikes.ask("共享单车乱停，运营企业接到通知要多久清走？", session)
    answer = bikes.ask("那企业要是一直拖着不清理呢？", session)
    assert "五千元以上二万元以下" in answer.text, answer.text


NOTICE_BY_YEAR = {
    "国家税务总局关于小型企业所得税优惠有关问题的公告": """国家税务总局关于小型企业所得税优惠有关问题的公告

国家税务总局公告2019年第2号

一、优惠内容

小型企业年应纳税所得额不超过100万元的部分，减按25%计入应纳税所得额。

二、执行时间

本公告适用于2019年度及以后年度企业所得税汇算清缴。
""",
    "东湖市小型企业扶持办法": "东湖市小型企业扶持办法\n\n第一条　对小型企业给予房租补贴。\n\n第二条　本办法自2020年1月1日起施行。\n",
}
by_year = corpus_fixture(NOTICE_BY_YEAR)


def test_the_first_year_a_notice_applies_to_is_when_it_takes_effect(by_year):
    """Tax notices say from when they apply as 适用于2019年度及以后年度, not 自…起施行."""
    answer = by_year.ask("税务总局2019年第2号公告是从哪一年开始用的？")
    assert answer.text.startswith("本公告适用于2019年度及以后年度"), answer.text


FUNDING = {"南岭市科技创新促进条例": """南岭市科技创新促进条例

第一条　为了促进科技创新，制定本条例。

第二条　市、县人民政府应当建立财政科技投入稳定增长机制，科学技术经费的增长幅度不低于全省平均水平。

第三条　市人民政府设立科技创新专项资金，支持企业开展技术攻关。
"""}
funding = corpus_fixture(FUNDING)


def test_a_sum_asked_in_its_unit_is_not_answered_by_a_reference_level(funding):
    """不低于全省平均水平 is a level with no number: it answers how high the growth must be, not 最高多少万元."""
    capped = funding.ask("南岭的科学技术经费投入最高给多少万元？")
    assert capped.coverage != "full", capped.text
    level = funding.ask("南岭的科学技术经费增长幅度要达到什么水平？")
    assert "不低于全省平均水平" in level.text and level.coverage == "full", level.text


def test_a_fine_a_penalty_imposes_bounds_no_figure_of_the_asker():
    """A price of 99元 is not "under the 3万 cap": 三万元以下 is the fine for a breach, no condition."""
    from assistant.answer.check import verdict

    fine = read("交易场所提供者提供的标价模板不符合本规定的，可以处三万元以下罚款")
    assert all(q.imposed for q in fine)
    assert verdict(read("标价99元"), fine) is None
    assert verdict(read("年销售额80万元"), read("年销售额不超过100万元的")) is True



LIFTS = {"滨江市电梯安全管理办法": """滨江市电梯安全管理办法

第一条　为了加强电梯安全管理，制定本办法。

第二条　电梯使用单位应当制定电梯应急预案，每年至少组织一次应急演练，并做好记录。

第三条　电梯维修保养单位应当建立应急救援队伍，每半年至少开展一次救援演练。

第四条　电梯使用单位应当在电梯轿厢内张贴安全注意事项和警示标志。

第五条　本办法自2024年1月1日起施行。
"""}
lifts = corpus_fixture(LIFTS)


def test_how_often_is_a_figure_of_its_own_kind():
    """每年…一次 says how often: a frequency, measured by its period, no length of time a time frame bounds."""
    from assistant.answer.check import same_figure, verdict

    assert [(q.value, q.unit, q.kind) for q in read("每年至少组织一次应急演练")] == [(1.0, "年", "frequency")]
    assert [(q.value, q.unit, q.kind) for q in read("每两年开展一次")] == [(2.0, "年", "frequency")]
    assert [(q.value, q.unit) for q in read("每季度检查一次")] == [(3.0, "月")]
    assert read("每年5月底前报送")[0].kind == "date"  # a day of each year, no frequency
    assert not read("每年组织培训")  # each year, with no count of times: no figure
    assert verdict(read("设备每年保养一次"), read("在一个纳税年度内完成的")) is None
    assert not same_figure(read("设备每年保养一次")[0], read("在一个纳税年度内完成的")[0])
    assert same_figure(read("税率是15%")[0], read("占比15%")[0])  # (a percentage read as a rate or a share)


def test_how_often_people_say_it_is_checked_against_how_often_the_rule_says(lifts):
    """一年搞一回 claims a yearly drill: against 每半年至少一次 it is wrong, against 每年至少一次 right."""
    assert lifts.ask("维保单位那边，救援演练一年搞一回应该够了吧？").text.startswith("不对")
    assert lifts.ask("电梯使用单位的应急演练一年一回就行吧？").text.startswith("对")


def test_a_figure_asked_of_two_parties_at_once_is_answered_for_each(lifts):
    answer = lifts.ask("电梯使用单位和维保单位的演练，各自最少多长时间要搞一次？")
    assert "每年至少组织一次应急演练" in answer.text, answer.text
    assert "每半年至少开展一次救援演练" in answer.text, answer.text


RELIEF = {"南岭市节能产业扶持办法": """南岭市节能产业扶持办法

第一条　为扶持节能产业发展，制定本办法。

第二条　企业从事符合条件的节能服务项目的所得，第一年至第三年免征地方留成部分，第四年至第六年减半征收。

第三条　购买节能设备的，按设备价款的一成给予补贴，单户补贴不超过50万元。

第四条　本办法自2025年1月1日起施行。
"""}
relief = corpus_fixture(RELIEF)


def test_parts_said_in_words_are_figures():
    """减半 is half, 两成 two tenths, 八折 eight tenths of the price: figures, as 50%, 20% and 80% are."""
    assert [(q.value, q.kind) for q in read("第四年至第六年减半征收") if q.unit == "%"] == [(50.0, "rate")]
    assert [(q.value, q.bound) for q in read("占比达到三成以上")] == [(30.0, "min")]
    assert [q.value for q in read("会员打七五折")] == [75.0]
    assert not read("一成不变") and not read("计提折旧") and not read("公司成立满一年")[1:]


def test_a_levy_halved_answers_how_much_it_is_cut(relief):
    answer = relief.ask("做节能服务的项目，第五年那部分能少交多少？")
    assert answer.coverage == "full" and "减半征收" in answer.text, answer.text
    assert "没有写明" not in answer.text, answer.text
