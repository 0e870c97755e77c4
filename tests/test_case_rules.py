"""A rule quoted for a question that states a case its article treats on its own (企业…提供有关资料的，可以只按…)
is quoted with that case's sentence: asked the rate of the interest added to tax after a special adjustment by a
firm that did provide its related-party papers, the answer gives the general rate and the rule for such a firm,
even when another article's sentence on interest ranks first. Asked of the shipped regulations."""

from __future__ import annotations


def test_the_case_the_question_states_is_quoted_with_the_rule(shipped_assistant):
    answer = shipped_assistant.ask("特别纳税调整加收利息用什么利率？我们提供了关联交易的同期资料，利率有什么不同？")
    assert "加5个百分点" in answer.text
    assert "可以只按前款规定的人民币贷款基准利率计算利息" in answer.text, answer.text
