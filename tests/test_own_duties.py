"""Asked who leads a task and what one's own unit is to do in it, the answer gives who leads and then the
sentence of the task's text that gives that unit its part. The plan below is written for this test."""

from __future__ import annotations

from conftest import corpus_fixture

PLAN = {"北岭市科技创新三年行动方案": """北岭市科技创新三年行动方案

一、主要任务

（一）建设科技孵化平台。

市科技局要会同有关部门制定科技企业孵化器认定办法，每年开展一次绩效评价。市财政局要统筹安排孵化器建设补助资金，按季度拨付到位。

（牵头单位：市科技局；责任单位：市财政局、各区）

（二）壮大科技金融。

市金融局要引导银行设立科技支行，扩大知识产权质押融资规模。

（牵头单位：市金融局；责任单位：市科技局）
"""}
plan = corpus_fixture(PLAN)


def test_who_leads_and_what_the_askers_unit_does_are_both_answered(plan):
    answer = plan.ask("我是市财政局的，科技孵化平台这项任务谁牵头？我们要做哪些事？").text
    assert "市科技局" in answer.split("\n")[0], answer
    assert "统筹安排孵化器建设补助资金" in answer, answer
    assert "认定办法" not in answer.split("\n", 2)[-1], answer  # (the lead's own part is not the asker's)
