"""English questions get English answers: unit names in English built from
their parts (CC-CEDICT plus the standard head nouns), the documents' Chinese
quoted beside them, and refusals in English.

Expectations come from the documents' own unit lines and measures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.ingest.outline import parse_file
from assistant.lexicon.english import chinese_terms, english_units, unit_english

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def units(plan_path, second_doc_path):
    sections = parse_file(plan_path).sections + parse_file(second_doc_path).sections
    return sorted({u for s in sections for u in s.units})


def test_every_bureau_gets_an_english_name_that_finds_it_again(units):
    bureaus = [u for u in units if u.startswith("市") and u.endswith("局")]
    assert len(bureaus) >= 15
    for unit in bureaus:
        name = unit_english(unit)
        assert name.startswith("Municipal ") and name.endswith(" Bureau"), (unit, name)
    english_only = [u for u in units if not HAN.search(unit_english(u))]
    assert english_only == units, "every unit has a wholly English name (a place unknown to the dictionary in pinyin)"
    for unit in english_only:
        found = english_units(f"What is the {unit_english(unit)} responsible for?", units)
        assert found in ([unit], []), (unit, unit_english(unit), found)
    assert sum(english_units(unit_english(u), units) == [u] for u in english_only) >= 0.9 * len(english_only)


def test_laws_bodies_and_places_are_named_in_english():
    # bodies as laws name them, read from their parts; a place the dictionary lacks in pinyin
    assert unit_english("主管税务机关") == "Competent Taxation Authority"
    assert unit_english("国务院财政主管部门") == "Competent Finance Department of the State Council"
    assert unit_english("财政部") == "Ministry of Finance"
    assert unit_english("翠亨新区") == "Cuiheng New Area"
    assert unit_english("市国土资源局") == "Municipal Land and Resources Bureau"


def test_finance_is_not_financial_affairs(units):
    finance = [u for u in units if "财政" in u]
    assert finance and english_units("Which tasks is the Finance Bureau responsible for?", units) == finance
    science = [u for u in units if u == "市科技局"]
    assert english_units("What does the Science and Technology Bureau lead?", units) == science


def test_one_everyday_word_names_no_body_without_its_kind():
    """establishment is an everyday word; the Establishment Committee Office is named with its kind."""
    units = ["市编委办", "市财政局"]
    assert english_units("A firm with no establishment in China sells software here; how is it taxed?", units) == []
    assert english_units("Which tasks does the establishment office take on?", units) == ["市编委办"]


def test_english_phrases_become_the_documents_words(plan_text):
    vocabulary = set(re.findall(r"[\u4e00-\u9fff]{2,4}", plan_text))
    terms = chinese_terms("Which unit is responsible for incubators?", vocabulary)
    assert terms and all(t in plan_text for t in terms)
    assert "孵化器" in terms


def test_place_names_in_english_find_the_chinese_name_and_common_senses_come_first():
    """CC-CEDICT glosses places as `Qingdao, subprovincial city in Shandong`: the name finds 青岛.
    Of a word's many senses the everyday ones are tried first (sign: 签署/标志, not 兆头)."""
    from assistant.lexicon.english import chinese_terms

    assert "青岛" in chinese_terms("What do the Qingdao regulations say?")
    assert "广州" in chinese_terms("public rental housing in Guangzhou")
    first = chinese_terms("Who must sign it?", per_phrase=3)
    assert "兆头" not in first and {"标志", "签署"} & set(first)


def test_an_english_phrase_is_found_when_any_of_its_translations_is():
    """`sign` has several Chinese words; a text using one of them says what the
    phrase says, so the question's coverage does not fall with each unused sense."""
    from assistant.answer.evidence import Evidence
    from assistant.lexicon.english import chinese_phrases

    groups = chinese_phrases("Who signs the award certificate?", per_phrase=3)
    sign = next(g for g in groups if "签署" in g)
    assert len(sign) > 1  # alternatives, kept together
    evidence = Evidence([["签署", "证书"], ["标志", "企业"], ["授予", "奖励"]])
    text = "由国家主席签署并颁发证书"
    assert evidence.coverage_of_any([sign], text) == 1.0
    assert evidence.coverage(sign, text) < 0.5  # counted word by word, the phrase looked mostly absent


def test_english_duties_answer_names_the_unit_in_english(assistant):
    answer = assistant.ask("Which tasks is the Finance Bureau responsible for?")
    assert answer.answerable and answer.intent == "duties"
    assert answer.text.startswith("Municipal Finance Bureau (市财政局)")
    lines = {(s.doc, s.label): s for s in assistant.sections()}
    for c in answer.citations:
        assert "市财政局" in lines[(c.doc, c.section)].units  # only tasks the unit lines give it


def test_english_duties_summarise_each_task_in_english_with_its_chinese_wording_beneath(assistant):
    """Each task: its role and label in English, the things its heading names glossed (the Chinese
    beside each), who leads a shared task, and the task's Chinese wording on the line below."""
    answer = assistant.ask("What tasks does the Finance Bureau have to do?")
    assert answer.intent == "duties"
    lines = answer.text.split("\n")
    tasks = [(line, below) for line, below in zip(lines, lines[1:]) if re.match(r"\d+\. (Leads|Shares) task", line)]
    assert len(tasks) == len(answer.citations) > 1
    sections = {(s.doc, s.label): s for s in assistant.sections()}
    for (line, below), c in zip(tasks, answer.citations):
        section = sections[(c.doc, c.section)]
        assert below == f"Source text: {section.label}" + below.removeprefix(f"Source text: {section.label}")
        assert section.title in below  # the task as the document words it, beneath
        said = re.sub(r"\([^()]*\)|《[^》]*》", "", line.replace(section.label, ""))
        assert not HAN.search(said), line  # English but the label as written and the Chinese beside a gloss
        assert ("Leads task" in line) == ("市财政局" in section.lead_units)
        if "Shares task" in line and section.lead_units:
            assert f"led by {unit_english(section.lead_units[0])}" in line
    assert any("key terms: " in line for line, _ in tasks)


def test_english_support_question_answers_with_cards_in_english(assistant):
    answer = assistant.ask("What support do high-tech enterprises get?")
    assert answer.answerable and answer.intent == "eligibility"
    assert not HAN.search(answer.text.split("\n")[0])  # the headline is English
    assert 1 <= len(answer.citations) <= 5
    assert "Bureau" in answer.text  # the office to ask, glossed


def _said_in_english(line: str) -> str:
    """A card line's English part: before its Chinese source text, Chinese names in brackets left out."""
    english = line.split("Source text:")[0]
    return re.sub(r"\([^()]*\)|〔[^〕]*〕", "", english)


def test_each_support_card_gets_an_english_summary_from_its_own_fields(assistant):
    from assistant import eligibility
    from assistant.service import card_english

    answer = assistant.ask("Which subsidies can a high-tech enterprise receive?")
    lines = [line for line in answer.text.split("\n") if re.match(r"\d+\. ", line)]
    assert lines and all("Source text: “" in line for line in lines)  # the Chinese measure as evidence
    for line in lines:
        assert not HAN.search(_said_in_english(line)), line
    cards = assistant.match(eligibility.profile_from_flags(qual=["高新技术企业"])).cards()
    money = [c for c in cards if any("万元" in a for a in c.amounts)]
    assert money
    for card in cards:
        said = card_english(card)
        assert not HAN.search(_said_in_english(said)), said
        for office in card.lead_offices[:1] or card.offices[:1]:
            assert f"{unit_english(office)} ({office})" in said  # whom to ask, in English and as written
        if card.status:
            assert "has ended" in said  # a plan whose period is over says so
    for card in money:  # a sum in yuan is said in RMB, its cap as "up to"
        said = card_english(card)
        assert "RMB" in said
        if any(a.startswith(("最高", "不超过")) for a in card.amounts):
            assert "up to RMB" in said


def test_english_refusal_is_english(assistant):
    answer = assistant.ask("What is the minimum wage for cleaners in this city?")
    assert not answer.answerable
    assert not HAN.search(answer.text)


def test_inflected_and_run_together_words_find_their_dictionary_entries():
    """CC-CEDICT glosses verbs in their base form (to harvest, to mechanize) and writes
    `sugar cane` apart; a question writes harvesting, mechanization, sugarcane."""
    from assistant.lexicon.english import chinese_terms

    terms = chinese_terms("What is the target for the sugarcane harvesting mechanization rate?")
    assert {"甘蔗", "收获", "机械化"} <= set(terms)
    # `the state` (秩序) is no phrase: the State Council is 国务院
    assert "国务院" in chinese_terms("What does the State Council guideline say?")
    assert "秩序" not in chinese_terms("What does the State Council guideline say?")


def test_the_products_own_english_terms_and_latin_acronyms_translate():
    """高新技术企业 is missing from CC-CEDICT; the lexicon's English forms of it are a
    translation too. Chinese documents write GDP in Latin letters, so it is looked for as is."""
    from assistant.lexicon.english import chinese_phrases

    groups = chinese_phrases("Gross R&D spending relative to GDP, and how many high-tech enterprises?")
    assert ["高新技术企业"] in groups and ["gdp"] in groups


def _target(assistant, *words):
    return next(t for s in assistant.sections() for t in s.targets
                if t.year == 2020 and all(w in t.metric for w in words))


def test_english_figure_questions_quote_the_target_they_ask_for(assistant):
    enterprises = _target(assistant, "高新技术企业")
    answer = assistant.ask("How many high-tech firms should Zhongshan count by the end of the plan period (2020)?")
    assert answer.answerable and enterprises.value in answer.text
    research = _target(assistant, "GDP")
    answer = assistant.ask("By 2020, R&D expenditure as a share of GDP is to be what?")
    assert answer.answerable and f"{research.value}{research.unit}" in answer.text


def test_bodies_laws_name_by_remit_or_as_a_group_read_as_english_names():
    # a body named by what it is in charge of, a group "X and other Y", a level list: no word salad
    remit = unit_english("国务院负责中小企业促进工作综合管理的部门")
    assert remit.startswith("Department in Charge of") and "State Council" in remit
    assert "Conscientious" not in remit and "Operate" not in remit
    group = unit_english("国务院民政部门等登记管理部门")
    assert "Civil Affairs" in group and "and Other" in group and "Class" not in group
    levels = unit_english("省级、计划单列市科技行政主管部门")
    assert "Market" not in levels and "state plan" in levels
    assert unit_english("领导小组办公室") == "Leading Group Office"  # a dictionary's explanation is no name
    for name in (remit, group, levels):
        assert not HAN.search(name) and "," not in name


def test_a_non_card_english_answer_says_each_quotes_substance_in_english(assistant):
    answer = assistant.ask("How many mu of core area does the Nantou sub-park develop?")
    assert answer.answerable and not answer.text.startswith("According to")
    lines = answer.text.split("\n")
    sources = [n for n, line in enumerate(lines) if line.startswith("Source text: ")]
    assert sources, answer.text
    for n in sources:  # each Chinese quote comes after its English summary, which names its provision
        summary, quote = lines[n - 1], lines[n]
        assert " — " in summary and not HAN.search(summary.split(" — ", 1)[1].replace("（", "(").split("(")[0])
        assert HAN.search(quote)
    first = lines[sources[0] - 1]
    assert "1200 mu" in first and "led by Torch Development Zone" in first  # the figure, who leads, in English


def test_an_english_answer_from_a_plans_sentences_names_who_leads_in_english(assistant):
    answer = assistant.ask("What does the plan say about bringing foreign-funded firms' research centres here?")
    assert answer.answerable, answer.text
    summaries = [line for line in answer.text.split("\n") if " — " in line]
    assert summaries and any("led by Municipal" in s for s in summaries), answer.text


def test_the_kind_of_body_asked_for_is_no_topic(assistant):
    # "which office" frames the question as "who" does; translated, office became 办公室 and the
    # answer came from an article about a leading group's office
    who = assistant.ask("Who leads the development of new R&D institutions?")
    office = assistant.ask("Which office leads the development of new R&D institutions?")
    assert office.text == who.text and "Science and Technology Bureau" in office.text


def test_an_english_questions_lexical_ranking_weighs_what_its_own_setting_says(fake_assistant):
    """English questions search BM25 with a dictionary translation, so their lexical ranking has its own
    weight (`lexical_weight_english`, 0.5 by default); Chinese questions keep `lexical_weight`."""
    from assistant.answer.retrieve import Retriever

    base = fake_assistant.retriever
    assert base.settings.lexical_weight_english == 0.5 and base.settings.lexical_weight == 1.0

    def order(question: str, **overrides) -> list[str]:
        retriever = Retriever(base.index, base.embeddings, base.settings.with_overrides(**overrides))
        return [hit.section.key for hit in retriever.search(question, 8)]

    question = "Who leads the work on technology business incubators?"
    assert order(question) == [hit.section.key for hit in base.search(question, 8)]  # the default is the product's
    assert order(question, lexical_weight_english=0) == order(question, retrieval_mode="dense")
    assert order(question, lexical_weight_english=10, dense_weight=0) == order(question, retrieval_mode="lexical")
    assert order(question, lexical_weight_english=0) != order(question, lexical_weight_english=10)
    chinese = "科技企业孵化器建设由哪个单位牵头？"  # a Chinese question is weighed by lexical_weight alone
    assert order(chinese, lexical_weight_english=0) == order(chinese, lexical_weight_english=10)


def test_a_hyphenated_term_is_looked_up_whole_before_its_words():
    """foreign-funded read word by word was 外国 + 基金 (a fund): the compound is one term, found in the
    lexicon's English terms before its words; -invested and -owned say the same."""
    from assistant.lexicon.english import chinese_phrases, chinese_terms

    for question in ("Can foreign-funded labs apply?", "Can foreign-invested labs apply?",
                     "Can foreign-owned labs apply?"):
        groups = chinese_phrases(question)
        assert ["外资", "外商投资"] in groups, (question, groups)
        assert not {"基金", "外国", "国外"} & set(chinese_terms(question)), question
    firms = chinese_terms("What tax rate do foreign-funded enterprises pay?")
    assert "外资企业" in firms and "基金" not in firms


def test_a_participle_means_what_its_verb_means_not_a_noun_spelt_alike():
    """A word no phrase covers is translated through its dictionary form; for funded that is the
    verb `to fund` (出资), not the noun `fund` (基金)."""
    from assistant.lexicon.english import chinese_terms

    terms = chinese_terms("Are state-funded museums covered?")
    assert "出资" in terms and "基金" not in terms
    assert "基金" in chinese_terms("Is there a venture fund?")  # the noun still means the noun


def test_an_english_question_on_foreign_funded_firms_finds_the_plans_words_for_them(assistant):
    answer = assistant.ask("In which towns should foreign-funded companies set up their R&D institutions?")
    assert answer.answerable, answer.text
    first = assistant.section(answer.citations[0].doc, answer.citations[0].section)
    assert "外资企业" in first.text and "外资" in answer.citations[0].quote
    assert "(外资)" in answer.text.split("\n")[0]  # the English line names the phrase it found, as the plan writes it
    assert "基金" not in answer.text


@pytest.fixture(scope="module")
def shipped_words():
    """The words of every document the product ships (corpus/), counted as the index counts them."""
    from collections import Counter

    from assistant.index.lexical import tokenize
    from assistant.service import read_corpus
    from assistant.settings import Settings

    settings = Settings.load(corpus_dir=Path(__file__).parent.parent / "corpus")
    return Counter(t for _, text in read_corpus(settings) for t in tokenize(text)), settings


def test_a_words_sense_is_the_one_the_documents_use(shipped_words):
    """CC-CEDICT's `rate` is first 速度 (speed) and `firm` also 坚决 (resolute): an English
    question is searched in the senses the shipped documents use. A modifier-head pair the
    dictionary lacks is the Chinese compound (tax + rate -> 税率); a word whose first sense is
    another and which the documents use much less than general Chinese does is no translation;
    a plural names things (nouns only)."""
    from assistant.lexicon.english import CorpusSenses

    words, settings = shipped_words
    senses = CorpusSenses(words, settings.english_sense_keyness)

    def searched(question: str) -> list[str]:
        return chinese_terms(question, words, corpus=senses)

    assert "税率" in searched("Is the tax rate lower for software makers?")
    assert "速度" not in searched("Is the tax rate lower for software makers?")
    assert "速度" in chinese_terms("At what rate are extra research costs deducted?", words)  # (the defect)
    rate = searched("At what rate are extra research costs deducted?")
    assert "速度" not in rate and {"研究", "成本"} <= set(rate)
    firms = searched("Which firms that export can get loans?")
    assert not {"坚决", "坚定", "扎实", "牢固", "公司"} & set(firms)
    assert "出口" in firms  # a word the documents do use in its second sense (export) is kept


def test_short_verbs_hyphenated_compounds_and_verbs_said_with_their_object_translate(shipped_words):
    """A question writes `used` (the dictionary's `to use`), `not-for-profit`/`non-profit` (the dictionary's
    `nonprofit`) and `borrowed` (a tax text's word is 借款, CC-CEDICT's `to borrow money`); each finds the
    documents' word, and a hyphenated own term (high-tech firm) is still the product's term."""
    from assistant.lexicon.english import CorpusSenses

    words, settings = shipped_words
    senses = CorpusSenses(words, settings.english_sense_keyness)

    def searched(question: str) -> list[str]:
        return chinese_terms(question, words, corpus=senses)

    assert "使用" in searched("Machines used in a lab for two years")
    assert "非营利" in searched("Are non-profit schools taxed on tuition?")
    assert "借款" in searched("The money we borrowed from our parent")
    assert "高新技术企业" in searched("Does a high-tech firm pay less?")
    assert "国债" in searched("Is interest on government bonds taxed?")  # (word by word 公债, which no tax text writes)
    assert "认定" in searched("Who certifies a firm as high-tech?")  # (word by word certification is 证书)
    # what an apostrophe leaves (we're -> re) and a light verb (makes) are no words of the question's topic
    assert not {"重新", "制造"} & set(searched("We're told the bureau makes an adjustment. Is that allowed?"))


def test_a_questions_reading_keeps_the_documents_senses(assistant):
    """The parser reads the same senses: the question's phrases are those the documents write."""
    plan = assistant.answerer.parser.analyse("What is the tax rate on income of small enterprises?")
    assert "税率" in plan.topic_tokens and "速度" not in plan.topic_tokens


def test_place_names_keep_their_name_and_say_the_administrative_division():
    """A place is its name in pinyin and its suffix by the kind of division (镇 Town, not garrison;
    街道 Subdistrict, not street); a generic word before a suffix (重点镇, 示范区) is no name."""
    from assistant.lexicon.english import translate

    assert unit_english("阜沙镇") == "Fusha Town"
    assert unit_english("坦洲镇人民政府") == "Tanzhou Town People's Government"
    assert unit_english("石岐街道办事处") == "Shiqi Subdistrict Office"
    assert unit_english("中山市财政局") == "Zhongshan City Finance Bureau"
    assert translate("南头镇") == "Nantou Town"
    assert translate("中山市") == "Zhongshan City"
    assert unit_english("石岐区") == "Shiqi District"  # a name no dictionary knows, 区 by its main reading
    assert unit_english("东区街道") == "Dongqu Subdistrict"
    generic = translate("重点镇")  # a generic word is no name: translated, not romanized, and still a town
    assert "Zhongdian" not in generic and "garrison" not in generic.lower() and "town" in generic.lower()
    assert "District" not in translate("示范区")
    assert unit_english("翠亨新区") == "Cuiheng New Area"  # a zone keeps its own suffix


def test_the_english_matching_page_has_no_chinese_labels(assistant):
    """政策匹配 in English: every card's field labels, the scope headings, the summary and the
    profile (its place by name and division) are English; only the documents' text stays Chinese."""
    from assistant import eligibility
    from assistant.web.match import render_page, render_result

    result = assistant.match(eligibility.parse_profile({"qualifications": ["高新技术企业"], "location": "阜沙镇"}))
    html, _ = render_page(result, english=True)
    labels = set(re.findall(r'class="card-key">([^<]*)<', html))
    assert {"For", "Conditions"} <= labels and not any(HAN.search(x) for x in labels), labels
    headings = re.findall(r"<h3>([^<]*)</h3>", html)
    assert headings and not any(HAN.search(h) for h in headings)
    assert "Location: Fusha Town" in html and "Garrison" not in html
    assert all(not HAN.search(s) for s in re.findall(r"<summary>([^<]*)</summary>", html) if "Original" in s)
    everything = render_result(assistant.match(eligibility.parse_profile({})), english=True)
    summary = re.search(r'match-summary">(.*?)</div>', everything).group(1)
    assert not HAN.search(summary), summary


def test_the_english_self_check_labels_its_threshold_and_the_applicants_value():
    """A self-check line's detail names the documents' threshold and the applicant's value in the
    interface's language (the values stay as the documents and the applicant wrote them)."""
    from types import SimpleNamespace

    from assistant.web.match import _check_detail, render_check

    verdict = SimpleNamespace(threshold="不低于10%", value="12%", note="")
    assert _check_detail(verdict, english=True) == " (threshold 不低于10%; yours 12%)"
    assert _check_detail(verdict, english=False) == "（门槛 不低于10%；贵单位 12%）"
    assert "请至少填写" not in render_check([], english=True)


def test_an_accountants_words_find_the_documents_terms(shipped_words):
    """Words an accountant uses of tax policy, read as the shipped documents write them:
    - a noun made from a verb the dictionary glosses only as the verb (deduction: 扣除 `to deduct`);
    - a phrase the dictionary glosses with one word more (intellectual property rights: 知识产权), not
      one of the question's small words (end of: 期末, the end of a term);
    - a sense written with its article (贷款 `a loan`), and the kind of help (融资) after the thing named;
    - a word whose everyday Chinese is the question's frame (work: 工作) frames it, its rarer senses
      (劳动, 作业) are no topic."""
    from assistant.lexicon.english import CorpusSenses, chinese_phrases

    words, settings = shipped_words
    senses = CorpusSenses(words, settings.english_sense_keyness)

    def read(question: str) -> list[list[str]]:
        return chinese_phrases(question, words, corpus=senses)

    assert any("扣除" in g for g in read("Which deductions can a software company claim?"))
    assert ["知识产权"] in read("Does the firm need to own intellectual property?")
    assert not any("期末" in g for g in read("What is filed at the end of each quarter?"))
    work = read("Which office is in charge of the trademark work?")
    assert any("商标" in g for g in work) and not {"劳动", "作业", "办事"} & {w for g in work for w in g}
    loans = next(g for g in read("Can a start-up get a bank loan?") if "融资" in g)
    assert loans[0] == "贷款"
    venture = next(g for g in read("Is venture capital backed by the city?") if "融资" in g)
    assert venture[0] == "创业投资"


@pytest.fixture(scope="module")
def tax_senses():
    """The corpus's words as the index counts them (its search tokens), over the real tax documents
    and the high-tech rules: how the product judges which Chinese word an English word means."""
    from collections import Counter

    from assistant.index.lexical import tokenize
    from assistant.lexicon.english import CorpusSenses
    from assistant.settings import Settings

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    names = ("中华人民共和国企业所得税法.txt", "中华人民共和国企业所得税法实施条例.txt", "高新技术企业认定管理办法.txt",
             "财政部国家税务总局科技部关于完善研究开发费用税前加计扣除政策的通知.txt")
    frequency = Counter(t for name in names for t in tokenize((corpus / name).read_text(encoding="utf-8")))
    return frequency, CorpusSenses(frequency, Settings().english_sense_keyness)


def _group(question: str, phrase: str, tax_senses) -> list[str]:
    from assistant.lexicon.english import phrase_translations

    frequency, senses = tax_senses
    found = dict(phrase_translations(question, frequency, corpus=senses))
    assert phrase in found, found
    return found[phrase]


def test_a_plural_finds_the_words_of_its_singular(tax_senses):
    """CC-CEDICT glosses 开支 as `expenses` and 费用 as `expense`: a plural names what its singular
    does, and the tax texts' word is 费用. Plurals in -ies and -sses are folded too."""
    from assistant.lexicon.english import words

    assert words("subsidies losses taxes bureaus status basis") == ["subsidy", "loss", "tax", "bureau", "status", "basis"]
    assert _group("Which expenses may a company deduct?", "expenses", tax_senses)[0] == "费用"
    assert {"亏损", "损失"} & set(_group("How are operating losses treated?", "losses", tax_senses))


def test_a_verb_form_says_the_documents_word_for_the_act(tax_senses):
    """`issued` has a dozen Chinese words (作出, 发表, 发布, 颁发, 出具…); the one these documents use
    most for it (出具 a report, 颁发 a certificate) comes first, not the everyday 作出 (to make a decision)."""
    issued = _group("Who has issued the audit certificate?", "issued", tax_senses)
    assert issued[0] in ("颁发", "出具", "签发"), issued
    assert "发表" not in issued  # to publish an article


def test_a_noun_of_action_is_also_read_through_its_verb():
    """`replacement` glosses as 代谢 (metabolism) and 置换 (permutation) in CC-CEDICT; replacing a
    thing is said with the verb's words (更换, 替代), and a deduction with 扣除."""
    from assistant.lexicon.english import chinese_phrases

    replacement = next(g for g in chinese_phrases("replacement of the licence", per_phrase=20) if "代谢" in g or "更换" in g)
    assert {"更换", "替代"} <= set(replacement)
    deduction = chinese_phrases("a deduction", per_phrase=20)[0]
    assert "扣除" in deduction


@pytest.mark.parametrize("question", ["Can a firm carry forward an unused loss?",
                                      "How long may losses be carried forward?",
                                      "Is there a loss carry-forward limit?"])
def test_carry_forward_is_the_tax_texts_jiezhuan(question, tax_senses):
    """Carry forward read word by word is 推进 (to push a task on); tax texts write 结转."""
    from assistant.lexicon.english import chinese_terms

    frequency, senses = tax_senses
    terms = chinese_terms(question, frequency, corpus=senses)
    assert "结转" in terms and "推进" not in terms


def test_about_introduces_the_topic_and_is_no_word_of_it():
    """`What does it say about X`: CC-CEDICT's `about` (内外 approximately, 事关) is no topic."""
    from assistant.lexicon.english import chinese_terms

    terms = chinese_terms("What does the notice say about staff training?")
    assert "培训" in terms and not {"内外", "事关"} & set(terms)


def test_british_spellings_and_singular_nouns_find_the_dictionarys_words(tax_senses):
    """CC-CEDICT writes American English and glosses many nouns in the plural (资产 `assets`): an
    accountant's `amortised` and `asset` find the same words as `amortized` and `assets`."""
    from assistant.lexicon.english import american, plural

    assert american("amortised") == "amortized" and american("labour") == "labor"
    assert american("rise") == "rise" and american("tour") == "tour"  # words as written stay
    assert plural("asset") == "assets" and plural("subsidy") == "subsidies" and plural("tax") == "taxes"
    assert "摊销" in _group("How is the cost amortised over the years?", "amortised", tax_senses)
    assert "资产" in _group("Which asset may be depreciated?", "asset", tax_senses)


def test_two_phrases_the_documents_write_as_one_word_are_read_as_that_word(tax_senses):
    """An English compound is often two dictionary words the documents write together: `intangible
    asset` is 无形资产 and `R&D expenses` 研发费用, as a Chinese question would write them, not two
    loose words that every article of the tax texts holds."""
    assert "无形资产" in _group("How long is an intangible asset amortized?", "intangible asset", tax_senses)
    assert _group("Which R&D expenses count?", "research and development expenses", tax_senses) == ["研发费用"]


def test_standard_english_tax_terms_find_the_laws_words(tax_senses):
    """The super deduction (加计扣除) and a charitable donation (公益性捐赠) are how English tax writing
    names these; word by word they would be 扣除 alone and 慈善."""
    from assistant.lexicon.english import chinese_terms

    frequency, senses = tax_senses
    assert "加计扣除" in chinese_terms("Can we claim the super deduction?", frequency, corpus=senses)
    donation = chinese_terms("Is a charitable donation deductible?", frequency, corpus=senses)
    assert "公益性" in donation and "慈善" not in donation


def test_an_english_rate_question_quotes_the_rate_the_law_sets(shipped_assistant):
    """The super deduction is 加计扣除 and R&D expenses 研发费用 as the documents write them; the
    article defining the deduction (50% on top of the cost) comes first, not a 10% cap sharing the words."""
    answer = shipped_assistant.ask("Which super deduction rate do research and development expenses get?")
    assert answer.answerable, answer.text
    first = answer.text.split("\n")[0]
    assert "50%" in first, answer.text


def test_a_british_plural_finds_the_american_singulars_words(tax_senses):
    """CC-CEDICT glosses 模具 as `mold`: `moulds` is its British plural."""
    assert "模具" in _group("Are the moulds used in trial production covered?", "moulds", tax_senses)


def test_a_head_noun_after_a_phrase_is_read_with_the_word_before_it(tax_senses):
    """`corporate income tax rate`: `income tax` is 所得税, and `rate` alone is 速度 (speed), which no tax
    text writes; with the word before it, `tax rate`, it is the 税率 the law states."""
    assert _group("What is the corporate income tax rate of a small firm?", "tax rate", tax_senses) == ["税率"]


@pytest.mark.parametrize("phrase, word", [
    ("Do sole proprietorships pay it?", "独资"), ("Which royalties are taxed?", "特许权"),
    ("Where is the de facto management body?", "管理机构"), ("branch offices abroad", "境外"),
    ("Tax withheld goes to the treasury", "国库"), ("Tax withheld goes to the treasury", "扣缴")])
def test_the_tax_laws_english_terms_find_its_chinese_terms(phrase, word):
    """The enterprise income tax law's terms as its English translation writes them: read word by word
    they find words no tax text uses (royalties 版税, overseas 海外) or only a common part of the term."""
    from assistant.lexicon.english import chinese_terms

    assert word in chinese_terms(phrase)


def test_partnerships_asked_in_english_find_the_article_leaving_them_out(shipped_assistant):
    answer = shipped_assistant.ask("Is the income of a partnership firm or a sole proprietor taxed by the EIT law?")
    assert answer.answerable and "合伙企业" in answer.text
    assert any(c.section == "第一条" for c in answer.citations)


def test_a_word_whose_dictionary_form_the_documents_use_is_read_through_it():
    """CC-CEDICT glosses `advertising` only as 广告宣传, a word a tax text does not write (it writes 广告费):
    where the documents use none of a form's words, the word is read through its dictionary form
    (advertise: 广告) as an unglossed one is."""
    from assistant.lexicon.english import chinese_terms

    vocabulary = {"广告": 4, "广告费": 3, "扣除": 9, "宣传费": 2}
    assert "广告" in chinese_terms("Is spending on advertising deductible?", vocabulary)


def test_a_verb_said_of_its_subject_means_the_act_and_pronouns_name_no_topic():
    """`pays us` is the act of paying (支付), the -s no plural of the noun `pay` (工资); `I` and `her` are who
    asks and whom it concerns, never the topic a document's 本人 would match."""
    vocabulary = {"支付", "工资", "本人", "保姆", "服务"}
    terms = chinese_terms("A buyer abroad pays us a licence fee each month. Is that taxable here?", vocabulary)
    assert "支付" in terms and "工资" not in terms
    assert "工资" in chinese_terms("Which pays are exempt?", vocabulary)  # after `which`, still the noun
    assert "本人" not in chinese_terms("May I ask her to show me her service record?", vocabulary)


def test_who_leads_and_who_helps_is_answered_once_with_both_roles(assistant):
    """The lead and the bodies that help, asked in two clauses: one line naming both, not the lead said again."""
    answer = assistant.ask("Who leads the incubator work, and who supports it?")
    leads = [line for line in answer.text.split("\n") if "Lead unit" in line]
    assert leads and all("responsible units" in line for line in leads), answer.text
    helped = assistant.ask("On growing modern services, which bureau is in the lead and which ones have to help?")
    assert "responsible units" in helped.text, helped.text
