"""A question that states a figure (只有2家时, 超过100万元的部分呢) asks about the provision stating
that figure, over a small document these tests write."""

from __future__ import annotations

import pytest

from tests.conftest import assistant_over

DOC = "示例省采购与税收试行办法"
TEXT = """示例省采购与税收试行办法

第一条 为了规范集中采购，制定本办法。
第二条 入围企业为2家的，采取议价采购的方式；入围企业只有1家的，采取谈判采购的方式。
第三条 一个纳税年度内，技术转让所得不超过100万元的部分，免征所得税；超过100万元的部分，减半征收所得税。
第四条 超过抵免限额的部分，可以在以后五个年度内抵补。
第五条 本办法自2025年1月1日起施行。
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("stated"), {DOC: TEXT})


def test_the_sentence_stating_the_figure_asked_about_answers(assistant):
    answer = assistant.ask("入围的企业仅有2家的话，按哪种方式采购？")
    assert answer.text.startswith("入围企业为2家的，采取议价采购"), answer.text


def test_a_follow_up_stating_a_figure_is_answered_by_the_provision_of_that_figure(assistant):
    session = assistant.new_session()
    assistant.ask("技术转让所得不超过100万元的部分，要交所得税吗？", session=session)
    answer = assistant.ask("那超过100万元的呢？", session=session)
    assert "减半征收" in answer.text and answer.citations[0].section == "第三条", answer.text
