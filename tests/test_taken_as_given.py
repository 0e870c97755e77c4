"""What a question takes as given is checked against the documents before it is answered: a name it quotes,
a rate it says a rule sets; a question that asks a thing of its own is not taken for the one before it; a rule
is quoted with what its term means. Over the shipped corpus and documents the tests write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import corpus_fixture

PLAN = """某县科技创新三年行动方案

一、工作目标

到2025年，全县孵化器总投资达到5000万元，培育科技型企业200家。

二、重点任务

（一）建设创新平台。支持龙头企业建设研发中心，建立季度调度制度，定期通报平台建设进展。
牵头单位：县科技局；责任单位：县财政局、县工信局

（二）完善孵化体系。对新认定的市级以上孵化器，给予一次性奖励。
牵头单位：县科技局
"""


county = corpus_fixture({"某县科技创新三年行动方案": PLAN})


def test_a_quoted_name_no_document_writes_is_said_to_be_missing(shipped_assistant):
    answer = shipped_assistant.ask("“隐形冠军”企业的认定需要满足哪些条件？")  # (高企's conditions share its words)
    assert not answer.answerable
    assert answer.coverage == "none" or answer.missing == ["隐形冠军"] and answer.text.startswith("现有文件没有提及“隐形冠军”")


def test_a_quoted_name_the_documents_write_otherwise_punctuated_is_not_missing(shipped_assistant):
    answer = shipped_assistant.ask("自创区“６＋４”政策包含哪些方面？")  # (full-width, as a phone keyboard types it)
    assert "没有提及" not in answer.text


def test_a_rate_the_question_takes_a_rule_to_set_must_be_stated(shipped_assistant):
    answer = shipped_assistant.ask("研发费用听说可以按200%加计扣除了，什么时候开始的？")
    assert answer.coverage == "partial" and answer.missing == ["按200%"], answer.text
    stated = shipped_assistant.ask("高新技术企业按15%的税率缴纳企业所得税，要满足哪些条件？")
    assert "没有写明“按15%”" not in stated.text and stated.answerable


def test_a_rate_the_asker_applies_itself_is_its_own_case_not_a_rule_to_be_stated(shipped_assistant):
    answer = shipped_assistant.ask("咱们公司是按工资薪金总额4%拨缴工会经费的，税前都能扣掉吗？")
    assert answer.answerable and "没有写明" not in answer.text, answer.text
    assert "2%" in answer.text


def test_a_figure_counting_what_the_question_names_answers_it(county):
    answer = county.ask("到2025年全县要培育多少家科技型企业？")  # (培育 is the act; the count is of 科技型企业)
    assert answer.answerable and "200家" in answer.text, answer.text


def test_a_second_question_asking_its_own_thing_is_answered_for_itself(county):
    answer = county.ask("建设创新平台谁牵头？要建立什么制度？")
    assert "县科技局" in answer.text and "季度调度制度" in answer.text, answer.text


def test_a_body_leading_a_task_in_the_askers_words_is_no_lead_question(shipped_assistant):
    plan = shipped_assistant.answerer.parser.parse("企业牵头组建创新联盟，市里怎么支持？")
    assert plan.intent != "lead"
    assert shipped_assistant.answerer.parser.parse("组建创新联盟这项工作谁来牵头？").intent == "lead"


DONATIONS = """某市企业捐赠管理条例

第五条 企业发生的公益性捐赠支出，准予在计算应纳税所得额时扣除。

第六条 企业发生的赞助支出，不得扣除。

第七条 本条例第五条所称公益性捐赠，是指企业通过县级以上人民政府及其部门进行的捐赠。
"""


donations = corpus_fixture({"某市企业捐赠管理条例": DONATIONS})


def test_a_yes_no_on_a_rule_also_quotes_what_its_term_means(donations):
    answer = donations.ask("我们把钱直接捐给了一所小学，能按公益性捐赠扣除吗？")
    cited = {c.section for c in answer.citations}
    assert {"第五条", "第七条"} <= cited, answer.text  # (the meaning decides: through a government, or not)


def test_a_figure_asked_of_a_thing_no_document_writes_is_said_to_be_missing(county):
    answer = county.ask("全县孵化器的物业费要达到多少？")  # (the plan's figure for 孵化器 is its 总投资)
    assert answer.missing == ["物业费"] and answer.text.startswith("现有文件没有提及“物业费”"), answer.text


def test_a_figure_asked_of_a_thing_the_documents_write_is_answered(county):
    answer = county.ask("全县孵化器总投资要达到多少？")
    assert answer.answerable and "5000万元" in answer.text, answer.text


LEVIES = """某县税款征收办法

第一条 为规范税款征收，制定本办法。

第二条 纳税人逾期缴纳税款的，由县税务局责令限期缴纳，并按日加收滞纳金。

第三条 县税务局对补征的税款，自税款所属年度次年6月1日起按日加收利息，利息按照人民币贷款基准利率加5个百分点计算。

第四条 纳税人应当在每季度终了之日起十五日内申报缴纳税款。

第五条 本办法自公布之日起施行。
"""

levies = corpus_fixture({"某县税款征收办法": LEVIES})


def test_a_figure_of_another_thing_is_no_answer_for_the_thing_asked(levies):
    """The rules write 滞纳金 (no rate) and a rate of another thing (利息: 基准利率加5个百分点) for the same tax: the
    rate of the 滞纳金 is said not to be stated, and 5个百分点 is shown only as the nearest provision."""
    answer = levies.ask("补征的税款，滞纳金按多少个百分点加收？")
    assert not answer.answerable and answer.coverage == "partial", answer.text
    head = answer.text.splitlines()[0]
    assert "没有写明" in head and "滞纳金" in head and "5个百分点" not in head, answer.text


def test_the_thing_a_figure_is_asked_of_is_read_across_jiebas_cuts(shipped_assistant):
    parse = shipped_assistant.answerer.parser.parse
    assert parse("企业年报的公示期是多长时间？").thing_asked == "公示期"  # (公示/v 期/q: one noun)
    assert parse("认定的时候认定费要交多少？").thing_asked == "认定费"  # (费要: glued across a boundary)
    assert parse("有没有最低收购价？").thing_asked == "收购价"
    assert parse("年审时一共要交多少认定费？").thing_asked == "认定费"  # (认定/v 费/v after 多少)
    assert parse("每个月能拿多少钱？").thing_asked == ""  # (钱 is the unit asked in)
    assert parse("加班工资按基本工资的百分之几算？").thing_asked == ""  # (百分之几 asks a kind)
    assert parse("伤残补助金能拿几个月工资？").thing_asked == "工资"  # (几个/m 月工资/n: 个月 counts the months)


def test_an_everyday_word_the_documents_do_not_write_is_the_askers_not_a_thing_missing(shipped_assistant):
    answer = shipped_assistant.ask("广告费超标的事情，税前一共能扣多少？")
    assert "没有提及" not in answer.text and "15%" in answer.text, answer.text


FILING = """示例市企业档案备案办法

第一条 为规范企业档案备案，根据《中华人民共和国档案法》和《示例省档案管理条例》，制定本办法。

第二条 企业应当依照《示例市档案分类规范》等法规，制定本单位的档案归档制度。

第三条 档案备案实行网上办理。

第四条 本办法自公布之日起施行。
"""

filing = corpus_fixture({"示例市企业档案备案办法": FILING})


def test_what_a_document_is_made_under_is_its_own_purpose_clause(filing):
    answer = filing.ask("《示例市企业档案备案办法》是根据哪些法规制定的？")
    assert "档案法" in answer.text and "档案管理条例" in answer.text, answer.text
    assert "分类规范" not in answer.text  # (a later article's documents are what it applies, not its basis)


@pytest.fixture(scope="module")
def housing(tmp_path_factory):
    """Five public documents (evals/data/clean_dev17/SOURCES.md), among them 沈阳's 城镇房屋安全管理三项制度工作方案
    as published (.docx): its 养老金 article names a public and a personal account, then, under a heading of the
    public one, states where that account's money comes from."""
    from assistant.index.build import build_index
    from assistant.service import Assistant
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("housing")
    (root / "corpus").mkdir()
    for source in (Path(__file__).resolve().parent.parent / "evals" / "data" / "clean_dev17").iterdir():
        if source.suffix in (".txt", ".md", ".docx"):
            shutil.copy(source, root / "corpus" / source.name)
    settings = Settings.load(corpus_dir=root / "corpus", index_dir=root / "index")
    build_index(settings)
    return Assistant.open(settings)


def test_a_figure_under_another_part_named_earlier_is_no_answer_for_the_part_asked(housing):
    """Asked what the personal account takes, the figures of the public account (每平方米15元, 2%) are no answer:
    the quotes stating them never name the personal account, which only a sentence further up names beside the
    public one."""
    answer = housing.ask("养老金的个人账户每年交多少钱？")
    assert not answer.answerable, answer.text
    assert "15元" not in answer.text.splitlines()[0], answer.text
