"""The optional LLM answerer, with LangChain's fake chat models standing in
for a hosted endpoint (the one edge these tests cannot reach)."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer.answerer import Session
from assistant.answer.llm import LLMAnswerer, make_chat_model
from assistant.settings import Settings

QUESTION = "翠亨新区的“一区三中心”具体指哪几样？"
FIGURE_QUESTION = "方案给2020年的高新技术企业总量定了几家？"


class RecordingModel(FakeListChatModel):
    """Answers from its list and keeps what it was shown."""

    seen: list = []

    def _call(self, messages, *args, **kwargs):
        self.seen.append("\n".join(str(m.content) for m in messages))
        return super()._call(messages, *args, **kwargs)


class BrokenModel(FakeListChatModel):
    def _call(self, *args, **kwargs):
        raise TimeoutError("endpoint timed out")


def llm_answerer(assistant, replies):
    return LLMAnswerer(assistant.answerer, FakeListChatModel(responses=replies), assistant.settings)


def test_valid_citations_map_to_the_numbered_sections(assistant):
    answerer = llm_answerer(assistant, ["“一区三中心”指高新技术集聚区和创新中心、产业中心、高新技术企业集聚中心[1]。"])
    sections = answerer._sections_for(QUESTION, None, None)
    answer = answerer.answer(QUESTION)
    assert answer.answerable and "[1]" in answer.text
    assert [c.section for c in answer.citations] == [sections[0].label]
    assert answer.citations[0].quote in sections[0].text


def test_citations_that_point_nowhere_are_dropped(assistant):
    answer = llm_answerer(assistant, ["答案见[1]，另见[42]。"]).answer(QUESTION)
    assert "[42]" not in answer.text and len(answer.citations) == 1


def test_an_answer_without_a_valid_citation_falls_back_to_extractive(assistant):
    extractive = assistant.answerer.answer(QUESTION)
    answer = llm_answerer(assistant, ["这是一个没有出处的回答[9]。"]).answer(QUESTION)
    assert answer.text == extractive.text
    assert [c.section for c in answer.citations] == [c.section for c in extractive.citations]


def test_errors_and_timeouts_fall_back_to_extractive(assistant):
    answerer = LLMAnswerer(assistant.answerer, BrokenModel(responses=["x"]), assistant.settings)
    answer = answerer.answer(QUESTION)
    assert answer.answerable and answer.citations
    assert answer.text == assistant.answerer.answer(QUESTION).text


def test_refusals_and_structural_answers_never_reach_the_model(assistant):
    answerer = llm_answerer(assistant, ["编造的答案：最低工资为5000元[1]。"])
    refused = answerer.answer("本地工人的最低月薪是多少钱？")
    assert not refused.answerable and "5000" not in refused.text
    lead = answerer.answer("新型研发机构建设由哪个单位牵头？")
    assert lead.intent == "lead" and "编造" not in lead.text


def test_chat_model_is_chosen_by_settings():
    model = make_chat_model(Settings(llm_model="qwen2.5", llm_base_url="http://127.0.0.1:9/v1"))
    assert type(model).__name__ == "ChatOpenAI"
    ollama = make_chat_model(Settings(llm_provider="ollama", llm_model="qwen2.5"))
    assert type(ollama).__name__ == "ChatOllama"


def test_the_model_saying_the_sections_do_not_answer_turns_the_answer_into_a_refusal(assistant):
    extractive = assistant.answerer.answer(QUESTION)
    session = Session()
    answer = llm_answerer(assistant, ["现有文件未涉及。"]).answer(QUESTION, session)
    assert extractive.answerable and not answer.answerable
    assert answer.intent == "out_of_scope" and not answer.citations
    assert "未涉及" in answer.text
    assert [c.section for c in answer.see_also] == [c.section for c in extractive.citations][:3]
    # the withdrawn answer leaves no topic for a follow-up to lean on
    assert session.last_question == "" and session.last_sections == [] and session.turns == 1


def test_a_figure_answer_is_judged_by_the_model_before_it_is_given(assistant):
    extractive = assistant.answerer.answer(FIGURE_QUESTION)
    assert extractive.intent == "target" and "1000" in extractive.text
    model = RecordingModel(responses=["否"], seen=[])
    refused = LLMAnswerer(assistant.answerer, model, assistant.settings).answer(FIGURE_QUESTION)
    assert not refused.answerable and "1000" not in refused.text
    assert extractive.citations[0].quote in model.seen[0]  # the judge reads what would be quoted
    kept = llm_answerer(assistant, ["是"]).answer(FIGURE_QUESTION)
    assert kept.text == extractive.text and kept.answerable


def test_a_judge_that_cannot_be_reached_leaves_the_figure_answer_standing(assistant):
    answerer = LLMAnswerer(assistant.answerer, BrokenModel(responses=["否"]), assistant.settings)
    answer = answerer.answer(FIGURE_QUESTION)
    assert answer.answerable and "1000" in answer.text


def test_an_english_question_the_model_finds_unanswered_is_refused_in_english(assistant):
    question = "What does the plan say about Cuiheng New Area's 'one zone, three centres'?"
    extractive = assistant.answerer.answer(question)
    answer = llm_answerer(assistant, ["现有文件未涉及"]).answer(question)
    assert extractive.answerable and not answer.answerable
    assert answer.text.startswith("The indexed documents do not cover")
