"""How a gold label names a section (assistant/evals/harness.py, Corpus.section_label): the
label a citation shows and any qualified form of it the outline gives name the same section;
a bare label several sections share names none of them. The documents are written here."""

from __future__ import annotations

from assistant.evals.harness import Corpus, GoldQuestion, score
from assistant.ingest.outline import parse_text
from assistant.models import Answer, Citation

# （一） restarts in 一、 and 二、 (so the parser qualifies them); 三、 holds the only （四）（五）.
PLAN = "\n".join([
    "示例市数字经济发展方案",
    "一、总体要求",
    "（一）指导思想。坚持创新驱动，推动数字经济发展。",
    "（二）发展目标。到2025年，数字经济核心产业增加值达到500亿元。",
    "二、重点任务",
    "（一）建设数据中心。新建大型数据中心2个。（牵头单位：市发展改革委）",
    "（二）发展软件产业。软件业务收入年均增长15%。（牵头单位：市工业和信息化局）",
    "三、保障措施",
    "（三）强化资金保障。市财政每年安排专项资金1亿元。（牵头单位：市财政局）",
    "（四）加强人才支撑。引进数字经济领军人才50名。（牵头单位：市人力资源社会保障局）",
])
DOC = "示例市数字经济发展方案"


def corpus() -> Corpus:
    sections = parse_text(PLAN, doc=DOC, source=f"{DOC}.txt")
    return Corpus(sections, DOC, sorted({u for s in sections for u in s.units}))


def test_the_parser_labels_these_sections_as_the_tests_assume():
    labels = {s.label: s.path for s in corpus().sections}
    assert labels["（四）"] == "三、 > （四）"  # unique: cited bare
    assert "二、（一）" in labels and "一、（一）" in labels and "（一）" not in labels  # repeated: qualified


def test_a_label_and_its_qualified_form_name_the_same_section():
    c = corpus()
    assert c.section_label(DOC, "（四）") == "（四）"
    assert c.section_label(DOC, "三、（四）") == "（四）"  # a set that qualifies every nested label
    assert c.section_label(DOC, "三、(四)") == "（四）"  # half-width brackets, as some sets write them
    assert c.section_label(DOC, "二、（一）") == "二、（一）"


def test_a_heading_cited_whole_names_its_section():
    """A set may cite a heading as written, label and title, to tell apart two sections a bare label
    would not (two parts each opening with 一、)."""
    c = corpus()
    assert c.section_label(DOC, "（四）加强人才支撑") == "（四）"
    assert c.section_label(DOC, "二、（一）建设数据中心") == "二、（一）"
    assert c.section_label(DOC, "（一）建设数据中心") == "二、（一）"
    assert c.section_label(DOC, "（一）建设软件中心") == ""
    assert c.section_label(DOC, "（四）：加强人才支撑") == "（四）"  # the colon a heading line may write after its label


def test_an_ambiguous_bare_label_names_no_section():
    c = corpus()
    assert c.section_label(DOC, "（一）") == ""  # 一、（一） or 二、（一）: neither is meant for sure
    assert c.section_label(DOC, "一、（四）") == ""  # no （四） stands in 一、
    assert c.section_label("另一份文件", "（四）") == ""


def _gold(labels: list[str]) -> GoldQuestion:
    return GoldQuestion("t-1", "人才引进的目标是多少？", "target", labels, ["50名"], True, doc=DOC)


def _answer(label: str) -> Answer:
    return Answer(question="人才引进的目标是多少？", text="引进数字经济领军人才50名。", answerable=True, intent="target",
                  citations=[Citation(doc=DOC, section=label, title="加强人才支撑", quote="引进数字经济领军人才50名。")])


def test_a_citation_of_the_bare_section_counts_for_the_qualified_gold_label():
    c = corpus()
    for gold in (["三、（四）"], ["（四）"]):
        row = score(_gold(gold), _answer("（四）"), [], 1.0, c)
        assert row["metrics"]["citation_recall"] == 1.0 and row["metrics"]["citation_precision"] == 1.0, gold


def test_a_citation_of_one_repeated_section_does_not_count_for_the_bare_label():
    c = corpus()
    row = score(_gold(["（一）"]), _answer("二、（一）"), [], 1.0, c)
    assert row["metrics"]["citation_recall"] == 0.0
    row = score(_gold(["二、（一）"]), _answer("一、（一）"), [], 1.0, c)
    assert row["metrics"]["citation_recall"] == 0.0


def test_a_citation_inside_the_gold_sections_span_counts_for_it():
    """A set's span runs to the next heading of its level: the chapter 三、 holds （三）（四）, which the parser
    made sections of their own (三、 has no text of its own here), so citing （四） cites within 三、; a section of
    another chapter does not."""
    c = corpus()
    row = score(_gold(["三、"]), _answer("（四）"), [], 1.0, c)
    assert row["metrics"]["citation_recall"] == 1.0
    row = score(_gold(["二、"]), _answer("（四）"), [], 1.0, c)
    assert row["metrics"]["citation_recall"] == 0.0
