"""Each source mark names the section the words before it come from (issue 23).

An answer's 〔…〕 are its source marks, so a document's own 〔…〕 quoted in an answer
(设备〔单台…以上〕) is shown as （…）: read as a mark, it named no cited section. A policy
card merged from several sections (a plan's measure and the rules restating it) quotes
conditions from each; a condition written in another section than the card's first carries
that section's mark where it is quoted, and that section is cited. Documents and questions
are written for these tests.
"""

from __future__ import annotations

import re

import pytest

from conftest import assistant_over
from assistant.answer.compose.draft import own_brackets
from assistant.evals.harness import MARK, mark_errors

PLAN = "示范市支持科技企业发展若干措施"
RULES = "示范市科技型中小企业研发补助实施细则"
DOCS = {
    PLAN: f"{PLAN}\n\n一、支持研发投入\n"
          "（一）研发投入补助。对科技型中小企业的研发投入，按其年度研发费用的10%给予补助，每家最高50万元。\n"
          "（牵头单位：市科技局；责任单位：市财政局）\n"
          "二、支持设备更新\n"
          "（二）设备购置补助。对企业购置研发设备〔单台设备10万元（含税）以上〕的，按购置额的20%给予补助。\n"
          "（牵头单位：市工业和信息化局；责任单位：市财政局）\n",
    RULES: f"{RULES}\n\n第一条 为落实研发投入补助，制定本细则。\n"
           "第二条 符合条件的科技型中小企业，按其年度研发费用的10%给予补助，每家最高50万元。\n"
           "第三条 本细则自发布之日起施行。\n",
}


@pytest.fixture(scope="module")
def marks_assistant(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("marks"), DOCS)


def test_a_documents_own_brackets_are_not_read_as_a_source_mark(marks_assistant):
    answer = marks_assistant.ask("买研发设备，补助按多少比例给？")
    assert answer.answerable and "20%" in answer.text
    assert "（单台设备10万元（含税）以上）" in answer.text and "〔单台" not in answer.text
    assert mark_errors(answer) == 0.0
    assert any("〔单台设备10万元（含税）以上〕" in c.quote for c in answer.citations)  # quoted as written


def test_a_document_numbers_year_keeps_its_brackets_and_only_the_answers_marks_stay_marks():
    text = "依据示府〔2019〕3号，对购置设备〔单台5万元以上〕的给予补助。〔（二）设备购置补助〕"
    marks = frozenset({"〔（二）设备购置补助〕"})
    assert own_brackets(text, marks) == "依据示府〔2019〕3号，对购置设备（单台5万元以上）的给予补助。〔（二）设备购置补助〕"


def test_a_merged_cards_condition_carries_the_mark_of_the_section_it_comes_from(marks_assistant):
    answer = marks_assistant.ask("科技型中小企业的研发投入能拿什么补助？")
    assert mark_errors(answer) == 0.0
    line = next(line for line in answer.text.split("\n") if "年度研发费用的10%" in line)
    assert {c.doc for c in answer.citations} >= {PLAN, RULES}  # one card, both sections cited
    text_of = {(s.doc, s.label): s.text for s in marks_assistant.sections()}
    cited = {(c.doc, c.section) for c in answer.citations}
    quoted = re.search(r"条件：(.+?)；咨询", line).group(1)
    conditions = [c for c in re.sub(r"〔[^〕]*〕", "", quoted).split("；") if c]
    assert len(conditions) == 2  # the plan's 对科技型中小企业… and the rules' 符合条件的…
    for condition in conditions:
        after = line.index(condition) + len(condition)
        doc, label = next(MARK.finditer(line, after)).groups()  # the first mark after it names its section
        doc = doc or next(d for d, s in cited if label.startswith(s))
        section = next(s for d, s in cited if d == doc and label.startswith(s))
        assert condition in text_of[(doc, section)], (condition, doc, section)
