"""Questions to laws, which carry no unit lines: who does a task is read from
the article that assigns it, and a question the law does not answer (who
interprets it, how often something happens) is refused, not answered with a
sentence that only shares the law's name. Real 条例, the real model and store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.ingest.quantities import read as read_quantities
from assistant.ingest.outline import parse_file
from assistant.ingest.readers import read_document

REAL = Path(__file__).resolve().parent / "data" / "real"
QINGDAO = next(REAL.glob("青岛*条例.txt"))
SHANDONG = next(REAL.glob("山东*专利条例.txt"))


@pytest.fixture(scope="module")
def laws(tmp_path_factory):
    from assistant.service import Assistant, build_index
    from assistant.settings import Settings

    corpus = tmp_path_factory.mktemp("laws") / "corpus"
    corpus.mkdir()
    for path in (QINGDAO, SHANDONG):
        shutil.copy(path, corpus / path.name)
    settings = Settings.load(corpus_dir=corpus, index_dir=corpus.parent / "index")
    build_index(settings)
    return Assistant.open(settings)


def test_who_handles_a_task_is_the_body_the_article_assigns_it_to(laws):
    article = next(s for s in parse_file(SHANDONG).sections if "专利纠纷" in s.text and "负责处理" in s.text)
    answer = laws.ask("在山东遇到专利纠纷，该找哪个部门来处理？")
    assert answer.answerable
    assert any(c.section == article.label and "负责处理" in c.quote for c in answer.citations)


def test_a_law_that_names_no_one_for_the_task_asked_is_said_to_name_no_one(laws):
    text = read_document(QINGDAO.name, QINGDAO.read_bytes())  # (a GBK file)
    assert "解释" not in text  # the law says nothing of its interpretation
    answer = laws.ask("青岛市科技创新促进条例由哪个部门负责解释？")
    assert not answer.answerable and "没有写明" in answer.text


def test_how_many_times_is_answered_with_a_number_or_refused(laws):
    answer = laws.ask("青岛市科技创新促进条例要求每年开展几次科技创新评估？")
    assert not answer.answerable or any(q.kind == "count" for c in answer.citations for q in read_quantities(c.quote))


def test_a_city_named_as_a_bare_word_is_not_answered_from_another_places_law(laws):
    """`上海` has no place suffix; the dictionary knows it only as a name. Shandong's
    and Qingdao's laws do not answer for it, though they handle 专利纠纷 themselves."""
    answer = laws.ask("在上海遇到专利纠纷，该找哪个部门来处理？")
    assert not answer.answerable and "上海" in answer.text
    assert laws.ask("在山东遇到专利纠纷，该找哪个部门来处理？").answerable


def test_a_document_not_in_the_corpus_and_cited_by_none_is_said_to_be_missing(laws):
    """Said first, whatever follows: the indexed documents' answer, if they have one
    (the file may lack its own 文号, the title may be shortened), or a refusal."""
    import re

    text = "".join(read_document(p.name, p.read_bytes()) for p in (QINGDAO, SHANDONG))
    answer = laws.ask("《广东省技术转移条例》对技术经纪人有什么支持？")
    assert "广东省技术转移条例" not in text
    assert answer.text.startswith(("现有文件中没有《广东省技术转移条例》", "（现有文件中没有《广东省技术转移条例》"))
    answer = laws.ask("国发〔2031〕99号文件对专利资助有什么规定？")
    assert "现有文件中没有国发〔2031〕99号" in answer.text.splitlines()[0]
    cited = re.search(r"《([^》]{4,30})》", text).group(1)  # a law the documents themselves cite
    assert f"现有文件中没有《{cited}》" not in laws.ask(f"《{cited}》对专利有什么规定？").text


def test_a_subject_only_other_documents_write_is_answered_from_them(shipped_assistant):
    """罚款 asked with 税前扣除: retrieval finds the notices on 税前加计扣除 first, which never write 罚款; the
    answer comes from the law that lists it among the expenses not deducted (企业所得税法 第十条)."""
    answer = shipped_assistant.ask("企业缴纳的罚款可以在税前扣除吗？")
    assert answer.text.startswith("不可以"), answer.text
    assert any(c.section == "第十条" and "罚款" in c.quote for c in answer.citations), answer.citations
