"""A rule set out in tiers (…满三年不足五年的为五天；满五年的为七天): asked with one's own figure, the tier
that figure falls in answers, though the tier's own words share little with the question and its lead-in
(…根据连续工作的年限确定。具体划分为：) ranks above it. Figures said with a half (四年半, 一个半月) count it."""

from __future__ import annotations

from conftest import corpus_fixture

from assistant.answer.check import fits_tier
from assistant.ingest.quantities import read

LEAVE = """东湖市职工疗休养办法

第一条　为了保障职工身心健康，制定本办法。

第二条　本办法适用于本市行政区域内的企业职工。

第三条　职工疗休养的天数，根据其在本单位连续工作的年限确定。具体划分为：
（一）连续工作满一年不足三年的为三天；
（二）连续工作满三年不足五年的为五天；
（三）连续工作满五年的为七天。

第四条　疗休养期间工资照发，所需费用由单位承担，每人每年不超过3000元。

第五条　本办法自2025年1月1日起施行。
"""

written = corpus_fixture({"东湖市职工疗休养办法": LEAVE})


def test_a_half_counts_in_a_length_of_time():
    assert [(q.value, q.unit) for q in read("在单位干了四年半")] == [(4.5, "年")]
    assert [(q.value, q.unit) for q in read("一个半月内办结")] == [(1.5, "月")]
    assert [(q.value, q.unit) for q in read("两个半小时")] == [(2.5, "小时")]


def test_what_holds_in_a_case_is_beyond_the_case():
    """满三年不足五年的为五天: the years are the case, the days what it gets; 4年 fits it and 6年 does not."""
    tier = read("连续工作满三年不足五年的为五天；")
    assert [q.case for q in tier] == [True, False]
    assert fits_tier(read("4年"), tier, frozenset({"duration"}))
    assert not fits_tier(read("6年"), tier, frozenset({"duration"}))


def test_the_tier_ones_own_figure_falls_in_answers(written):
    first = written.ask("我在单位连续干了四年半，疗休养能休几天？").text.split("\n")[0]
    assert "五天" in first and "七天" not in first, first
    first = written.ask("在本单位工作6年了，疗休养一般给几天？").text.split("\n")[0]
    assert "七天" in first and "三天" not in first, first
