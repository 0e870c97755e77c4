"""A numbered item whose first sentence states a figure and runs on into the item's body on one line (（三）…
自2025年1月1日起试行2年。申请单位应当…) is read with that sentence as the item's first: asked how long the measure
is on trial, the answer states the period. A heading naming a topic (（一）总体要求。) stays a heading. The
measures are written for these tests."""

from __future__ import annotations

import pytest

from assistant.index.chunking import sentence_units
from tests.conftest import assistant_over

DOC = "北坪县新型农业经营主体贷款贴息实施细则"
DOCUMENT = """北坪县新型农业经营主体贷款贴息实施细则

一、总体要求。为缓解新型农业经营主体融资难题，结合本县实际，制定本细则。

二、贴息对象

（一）在本县登记注册的家庭农场、农民合作社和农业产业化龙头企业。

（二）上年度无不良信用记录的经营主体。

三、贴息办法

（一）按实际支付利息的50%给予贴息，单户年度贴息最高不超过10万元。

（二）贴息资金每半年拨付一次，由县农业农村局审核后拨付。

（三）本项贷款贴息自2025年1月1日起试行2年。申请单位应当如实填报贷款用途，骗取贴息的，收回已拨付资金。

四、本细则由县农业农村局负责解释。
"""


@pytest.fixture(scope="module")
def subsidy(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("heading_sentences"), {DOC: DOCUMENT})


def test_a_figure_stated_in_a_run_in_heading_answers(subsidy):
    answer = subsidy.ask("北坪这个贷款贴息政策试行多长时间？")
    assert "2年" in answer.text.splitlines()[0] or "两年" in answer.text.splitlines()[0], answer.text
    assert answer.answerable


def test_a_topic_heading_is_no_sentence(subsidy):
    texts = {u.text for u in sentence_units(subsidy.answerer.library.index.sections)}
    assert "总体要求" not in texts
