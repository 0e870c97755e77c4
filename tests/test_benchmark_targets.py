"""Targets with no number: a floor or cap set against a reference quantity
(不低于全省平均水平, 高于全市平均增长幅度, 不少于上年, 达到国内领先水平) is read at index
time as a target, answers a target question with the sentence quoted and its
article cited, and appears in the 目标指标 list. The document below is written
for these tests; the plan in corpus/ has one such target of its own."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over, PLAN

DOCUMENT = """临川县职业教育发展促进办法

第一章 总则

第一条 为推动本县职业教育高质量发展，制定本办法。

第二章 经费保障

第二条 县人民政府安排的职业教育经费增长幅度不低于县本级一般公共预算收入平均增长幅度。

第三条 职业院校生均公用经费标准高于全市平均水平。

第四条 县财政用于实训基地建设的资金不少于上年。

第五条 到2027年，全县职业院校在校生规模达到1.2万人。

第三章 质量提升

第六条 职业院校毕业生就业率达到全省领先水平。

第七条 对毕业生就业率高于全市平均水平的职业院校，给予表彰。

第八条 本办法自公布之日起施行。
"""
DOC = "临川县职业教育发展促进办法"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("benchmark"), {DOC: DOCUMENT})


def _targets(assistant, label):
    return [t for s in assistant.sections() if s.doc == DOC and s.label == label for t in s.targets]


@pytest.mark.parametrize("label, written", [
    ("第二条", "不低于县本级一般公共预算收入平均增长幅度"),
    ("第三条", "高于全市平均水平"),
    ("第四条", "不少于上年"),
    ("第六条", "达到全省领先水平"),
])
def test_a_floor_against_a_reference_is_a_target_of_its_article(county, label, written):
    (target,) = _targets(county, label)
    assert target.written == written and target.benchmark and target.year is None


def test_a_reference_inside_a_condition_is_no_target(county):
    """第七条 rewards schools above the average: who qualifies, not a goal."""
    assert _targets(county, "第七条") == []


@pytest.mark.parametrize("question, label, words", [
    ("职业教育经费的增长幅度有什么目标？", "第二条", "不低于县本级一般公共预算收入平均增长幅度"),
    ("生均公用经费标准要达到多少？", "第三条", "高于全市平均水平"),
    ("实训基地建设资金要求是多少？", "第四条", "不少于上年"),
    ("毕业生就业率的目标是多少？", "第六条", "达到全省领先水平"),
])
def test_a_target_question_is_answered_with_the_floor_and_its_article(county, question, label, words):
    answer = county.ask(question)
    assert answer.answerable and answer.coverage == "full", answer.text
    assert words in answer.text
    assert label in [c.section for c in answer.citations]


def test_a_numbered_target_still_answers_with_its_number(county):
    answer = county.ask("到2027年全县职业院校在校生要达到多少人？")
    assert answer.answerable and "1.2万人" in answer.text
    assert [c.section for c in answer.citations] == ["第五条"]


def test_the_target_list_shows_the_floor_as_written(county):
    found = {t.section: t for t, _ in county.find_targets("平均")}
    assert set(found) == {"第二条", "第三条"}
    from assistant.web.browse import target_frame

    frame = target_frame(county, "上年")
    assert list(frame["目标值"]) == ["不少于上年"]


def test_the_plan_sets_a_2020_target_by_a_national_level(fake_assistant):
    """实施方案: 到2020年，制造业主要产品单位能源资源消耗达到国内领先水平."""
    (target,) = [t for s in fake_assistant.sections() if s.doc == PLAN.stem for t in s.targets
                 if t.benchmark]
    assert target.year == 2020 and target.written == "达到国内领先水平"
    answer = fake_assistant.ask("到2020年，制造业产品单位能源资源消耗要达到什么水平？")
    assert answer.answerable and "国内领先水平" in answer.text
    assert target.section in [c.section for c in answer.citations]
