"""Article questions over real laws (corpus/, see SOURCES.md): the answer cites
the article asked for, of the document named, and quotes all of it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LAW = CORPUS / "中华人民共和国促进科技成果转化法.txt"
OTHER_LAW = CORPUS / "中华人民共和国中小企业促进法.txt"
PLAN = next(CORPUS.glob("中山国家自主创新示范区建设实施方案*.txt"))


@pytest.fixture(scope="module")
def laws(tmp_path_factory):
    from assistant.service import Assistant, build_index
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("laws")
    corpus = root / "corpus"
    corpus.mkdir()
    for path in (LAW, OTHER_LAW, PLAN):
        shutil.copy(path, corpus / path.name)
    settings = Settings.load(corpus_dir=corpus, index_dir=root / "index", embedding_backend="hashing")
    build_index(settings)
    return Assistant.open(settings)


def article_text(path: Path, label: str) -> str:
    text = path.read_text(encoding="utf-8")
    m = re.search(rf"(?ms)^\s*{label}\s*(.*?)(?=^\s*第[一二三四五六七八九十百零]+[条章节]|\Z)", text)
    return re.sub(r"\s+", "", m.group(1))


@pytest.mark.parametrize("question", ["请给出《促进科技成果转化法》第十五条的原文", "促进科技成果转化法第15条讲的是什么",
                                      "中华人民共和国促进科技成果转化法 第十五条"])
def test_the_article_of_the_named_law_is_quoted_whole(laws, question):
    answer = laws.ask(question)
    assert answer.answerable and answer.intent == "article"
    assert [(c.doc, c.section) for c in answer.citations] == [(LAW.stem, "第十五条")]
    assert answer.ranking[0] == (LAW.stem, "第十五条")  # the sources listed start with the article quoted
    assert article_text(LAW, "第十五条") in re.sub(r"\s+", "", answer.text)


def test_an_article_beyond_the_last_is_said_not_to_exist(laws):
    answer = laws.ask("请给出《促进科技成果转化法》第八十条的原文")
    assert not answer.answerable and "第八十条" in answer.text and "共52条" in answer.text


def test_without_a_named_document_the_answer_says_which_document_it_quotes(laws):
    answer = laws.ask("第三条规定了什么？")
    assert answer.answerable and answer.citations[0].section == "第三条"
    assert f"《{answer.citations[0].doc}》" in answer.text


@pytest.mark.parametrize("question", ["《促进科技成果转化法》的生效日期是哪天？", "促进科技成果转化法何时生效",
                                      "中华人民共和国中小企业促进法的施行日期是哪天？"])
def test_when_a_law_takes_effect_is_answered_from_its_own_in_force_article(laws, question):
    """Laws, regulations and 办法 say when they take effect in one sentence
    (本法自…起施行), by convention their last article."""
    law = OTHER_LAW if "中小企业" in question else LAW
    written = re.search(r"^\s*(第[一二三四五六七八九十百零]+条)\s*(本法自.+?起施行。)", law.read_text(encoding="utf-8"), re.M)
    answer = laws.ask(question)
    assert answer.answerable
    assert [(c.doc, c.section) for c in answer.citations] == [(law.stem, written.group(1))]
    assert written.group(2) in answer.text


def test_a_deadline_for_implementing_rules_is_not_a_question_of_when_a_document_takes_effect():
    from assistant.answer.intents import EFFECT_ASKED

    assert EFFECT_ASKED.search("这个办法什么时候开始施行？") and EFFECT_ASKED.search("When did it come into force?")
    assert not EFFECT_ASKED.search("牵头单位最迟何时要把配套细则拿出来？")


def test_an_item_deep_in_a_list_is_read_with_the_lead_in_it_completes(laws):
    """`有下列行为之一的，…处5万元以下的罚款：（一）…；（二）…；（三）…`: an answer
    quoting the third item quotes the lead-in too, where the sum and the
    consequence are."""
    from assistant.ingest.outline import body_text

    articles = [s for s in laws.sections() if s.doc == LAW.stem and s.kind == "article"]
    lists = []
    for article in articles:
        body = body_text(article)
        head, colon, rest = body.partition("：")
        items = [i for i in rest.split("\n") if i.strip().endswith("；")]
        if colon and len(items) >= 3 and "。" not in head:
            lists.append((article, head, re.sub(r"^（[一二三四五六七八九十]+）", "", items[2].strip()).rstrip("；")))
    assert lists
    quoting = 0
    for article, head, item in lists:
        answer = laws.ask(f"{item}，会怎么样？")
        if answer.citations and answer.citations[0].section == article.label:
            quoting += 1
            assert head[-12:] in answer.text.replace("\n", ""), item
    assert quoting
