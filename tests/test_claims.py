"""A question that states a figure and asks whether it is right (结转五年，对吧？ the rate is 20%,
right?) is confirmed or corrected first (对 / 不对), with the provision quoted; a sentence silent on
a claimed figure, or a list whose several figures leave open which is meant, confirms nothing."""

from __future__ import annotations

import pytest

from assistant.answer.check import confirms
from assistant.ingest.quantities import read


def figures(text: str):
    return [q for q in read(text) if q.unit]


def test_a_claim_is_right_only_when_each_claimed_figure_is_the_one_stated():
    assert confirms(figures("税率为15%"), figures("减按15％的税率征收")) is True
    assert confirms(figures("税率为10%"), figures("减按15％的税率征收")) is False
    # one claimed figure the sentence is silent on: nothing confirmed, however the other compares
    assert confirms(figures("超过12%的部分结转5年"), figures("不超过年度利润总额12%的部分，准予扣除")) is None
    assert confirms(figures("超过12%的部分结转5年"), figures("超过12%的部分，准予结转以后三年内扣除")) is False
    # several figures of the claimed kind: which one is meant is open
    assert confirms(figures("5年"), figures("房屋为20年；机器为10年；器具为5年")) is None


@pytest.fixture(scope="module")
def ask(shipped_assistant):
    return shipped_assistant.ask


def test_a_wrong_rate_is_corrected_with_the_rate_stated(ask):
    answer = ask("小型微利企业交企业所得税用的是25%的税率吧？")
    assert answer.text.startswith("不对")
    assert "20％" in answer.text or "20%" in answer.text


def test_a_right_period_is_confirmed(ask):
    answer = ask("企业的年度亏损最多能往后结转五年来弥补，是这样吗？")
    assert answer.text.startswith("对")
    assert "第十八条" in {c.section for c in answer.citations}


def test_an_english_claim_is_answered_yes_or_no_in_english(ask):
    answer = ask("My accountant says a firm in the small low-profit class owes 5% as its enterprise income tax. Correct?")
    assert answer.text.startswith("No")
    assert "20％" in answer.text or "20%" in answer.text


def test_a_claim_among_a_list_of_figures_is_not_confirmed_by_another_item(ask):
    answer = ask("电子设备计算折旧的最低年限是5年，对吧？")  # (the article: 电子设备 3年, 器具 5年)
    assert not answer.text.startswith("对")



def test_a_claim_told_in_everyday_words_is_judged_by_what_its_figure_measures(ask):
    """朋友说…一拿就管五年: the hearsay around the figure (朋友说, 一拿就) is no part of what it measures;
    the article stating the certificate's period corrects it."""
    answer = ask("朋友说高企证书一拿就管五年，不用再认定，是这样吗？")
    lines = answer.text.splitlines()
    assert lines[0].startswith("不对") and "三年" in answer.text


def test_a_claim_about_a_rule_for_an_asker_whose_own_case_has_a_rule_of_its_own(ask):
    """A claim the general rule confirms, asked by one in the case a later sentence rules on (提供有关资料的,
    可以只按基准利率): the rule and that case are quoted, and no 对 is said for the rule."""
    answer = ask("税务局做了纳税调整让补税，企业已经依规定报送了关联往来资料，加收利息仍按基准利率加5个百分点计算，对吗？")
    assert not answer.text.startswith("对")
    assert "另有规定" in answer.text and "可以只按" in answer.text
    # the same claim with no case of its own is confirmed by the rule
    assert ask("纳税调整补税加收的利息是按基准利率加5个百分点算的吧？").text.startswith("对")


def test_a_question_ending_in_ba_asks_to_have_it_confirmed(ask):
    """…吧？ asks yes or no like …吗？: the rule on the act decides (不得随意变更 for 想改一改)."""
    answer = ask("存货的计价办法选定后，我们以后想换的话随时都可以换吧？")
    assert answer.text.startswith("不可以")
    assert "不得随意变更" in answer.text
