"""Asked what a regulation encourages a party to do (鼓励…做哪些事), the provisions encouraging it answer,
not the list of what the party must do, though both speak of the same party and field."""

from __future__ import annotations

from conftest import corpus_fixture

RULES = {"南岭市畜禽粪污资源化利用条例": """南岭市畜禽粪污资源化利用条例

第一条　为了促进畜禽粪污资源化利用，改善农村人居环境，制定本条例。

第二条　本条例适用于本市行政区域内畜禽养殖场的粪污处理和利用活动。

第三条　鼓励、支持畜禽养殖场开展粪污就地就近还田利用，发展种养结合的循环农业。
鼓励、支持科研机构和畜禽养殖场合作研发粪污处理新技术并推广应用。

第四条　畜禽养殖场应当做好以下工作：
（一）建立粪污产生、处理和利用台账；
（二）配套建设与养殖规模相适应的粪污贮存设施；
（三）定期检查设施运行情况。

第五条　鼓励金融机构开发适合畜禽粪污资源化利用项目的信贷产品，加大信贷投放。

第六条　本条例自2024年3月1日起施行。
""", "南岭市农业保险条例": """南岭市农业保险条例

第一条　为了规范农业保险活动，制定本条例。

第二条　对参加政策性农业保险的农户，由市财政给予保费补贴，补贴比例为保费的50%。

第三条　保险机构应当在与被保险人确认损失后十日内支付赔款。

第四条　本条例自2023年1月1日起施行。
"""}
rules = corpus_fixture(RULES)


def test_what_is_encouraged_is_answered_by_the_encouraging_provision(rules):
    first = rules.ask("南岭市鼓励养殖场在粪污处理上做哪些事？").text.split("\n")[0]
    assert "还田利用" in first or "新技术" in first, first
    assert "台账" not in first, first


def test_a_partys_duties_are_still_its_duties(rules):
    assert rules.answerer.parser.parse("畜禽养殖场在粪污处理上要做哪些事？").duties_asked
    assert not rules.answerer.parser.parse("南岭市鼓励养殖场在粪污处理上做哪些事？").duties_asked


def test_support_asked_of_a_document_named_by_its_kind_and_topic_is_read_from_it(rules):
    """条例给…哪些支持: the 条例 whose title says the topic; its financing provision answers, though it is
    an encouragement to banks rather than a benefit card, and another 条例's subsidy is not quoted."""
    answer = rules.ask("在贷款和保险方面，条例给粪污资源化利用哪些支持？")
    assert answer.citations and "信贷" in answer.text.split("\n")[0], answer.text
    assert "保费补贴" not in answer.text, answer.text
