"""Offices named in a regulation's prose, in every way regulations write them:
`X会同Y…`, `X负责…工作`, `…等部门在各自职责范围内负责…`, `办公室设在X`, `由X组织实施`,
`由A、B、C3个部门组成，A为牵头单位`, and lists of bodies joined with 、. The document is written for
these tests (a city's 条例 the project never held); each name must come out whole
as written, and a duties question must list every article that names the body."""

from __future__ import annotations

import pytest

from assistant.ingest.outline import parse_file
from tests.conftest import assistant_over

DOC = "南溪市中小企业促进条例"
DOCUMENT = """南溪市中小企业促进条例

第一章 总则

第一条 为了优化中小企业发展环境，根据有关法律、行政法规，结合本市实际，制定本条例。

第二条 市人民政府负责统筹协调全市中小企业促进工作。市、区人民政府应当建立中小企业促进工作协调机制。

第三条 市中小企业主管部门负责本市中小企业促进工作的综合管理和监督检查。

第四条 市发展改革、财政、科技、人力资源社会保障、市场监管等部门在各自职责范围内负责中小企业促进相关工作。

第五条 市中小企业工作领导小组办公室设在市工业和信息化局，承担领导小组日常工作。

第二章 财税支持

第六条 市财政局会同市工业和信息化局、市科学技术局制定中小企业发展专项资金管理办法。

第七条 中小企业公共服务平台建设由市工业和信息化局组织实施。

第八条 市税务局负责落实中小企业税收优惠政策，市财政局负责专项资金的预算安排。

第三章 人才与融资

第九条 市人力资源社会保障部门会同市教育、科技部门制定中小企业人才培养计划。

第十条 市地方金融监督管理局、中国人民银行南溪市中心支行、南溪银保监分局负责推动金融机构加大对中小企业的信贷支持。

第十一条 区人民政府负责本辖区中小企业服务体系建设工作。

第十二条 市中小企业服务联席会议由市商务局、市统计局、市公安局3个部门组成，市商务局为牵头单位。

第十三条 市住房城乡建设主管部门负责指导小微企业园建设，具体工作由市产业园区管理机构负责。各区人民政府分别负责本辖区内小微企业园建设的统筹协调和实施工作。

第十四条 市市场监督管理局是本市中小企业公平竞争审查工作的主管部门，应当承担以下职责：制定审查规则；受理有关举报。

第十五条 本条例自2024年1月1日起施行。
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("roles")
    (root / "corpus").mkdir()
    (root / "corpus" / f"{DOC}.txt").write_text(DOCUMENT, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def articles(corpus):
    return {s.label: s for s in parse_file(corpus / "corpus" / f"{DOC}.txt").sections}


@pytest.fixture(scope="module")
def county(corpus):
    return assistant_over(corpus, {DOC: DOCUMENT})


@pytest.mark.parametrize("label, lead, responsible", [
    ("第二条", ["市人民政府"], []),  # 统筹协调: it leads; 应当建立… lays a duty in passing, names no owner
    ("第三条", [], ["市中小企业主管部门"]),
    ("第四条", [], ["市发展改革部门", "市财政部门", "市科技部门", "市人力资源社会保障部门", "市市场监管部门"]),
    ("第五条", ["市工业和信息化局"], []),
    ("第六条", ["市财政局"], ["市工业和信息化局", "市科学技术局"]),
    ("第七条", [], ["市工业和信息化局"]),
    ("第八条", [], ["市税务局", "市财政局"]),
    ("第九条", ["市人力资源社会保障部门"], ["市教育部门", "市科技部门"]),
    ("第十条", [], ["市地方金融监督管理局", "中国人民银行南溪市中心支行", "南溪银保监分局"]),
    ("第十一条", [], ["区人民政府"]),
    ("第十二条", ["市商务局"], ["市统计局", "市公安局"]),  # the members a joint body is made of
    # an office named by what it administers; each district coordinating its own area leads nothing
    ("第十三条", [], ["市住房城乡建设主管部门", "市产业园区管理机构", "各区人民政府"]),
    ("第十四条", ["市市场监督管理局"], []),  # named the competent body (是…的主管部门): it leads
])
def test_each_article_names_its_bodies_whole(articles, label, lead, responsible):
    section = articles[label]
    assert (section.lead_units, section.responsible_units) == (lead, responsible)


def test_no_body_is_glued_from_parts_of_a_list(articles):
    """No `市部门`, no `市主管部门`, no city prefix carried onto a body of its own city."""
    names = {u for s in articles.values() for u in s.units}
    assert not names & {"市部门", "市主管部门", "市南溪银保监分局", "市行政部门"}
    assert all(len(n) > 3 for n in names)


@pytest.mark.parametrize("question, unit, labels, said", [
    ("市财政局负责哪些工作？", "市财政局", ["第六条", "第八条"], "市财政局负责专项资金的预算安排"),
    ("市工业和信息化局负责哪些工作？", "市工业和信息化局", ["第五条", "第六条", "第七条"],
     "由市工业和信息化局组织实施"),
    ("南溪银保监分局有哪些职责？", "南溪银保监分局", ["第十条"], "推动金融机构加大对中小企业的信贷支持"),
])
def test_a_duties_question_lists_every_article_naming_the_body(county, question, unit, labels, said):
    answer = county.ask(question)
    assert answer.answerable, answer.text
    assert {c.section for c in answer.citations} == set(labels)
    assert said in answer.text
    assert {d.section for d in county.duties(unit)} == set(labels)


def test_the_body_acting_together_with_others_leads(county):
    answer = county.ask("中小企业发展专项资金管理办法由哪个部门牵头制定？")
    assert answer.answerable and "市财政局" in answer.text.split("\n")[0]
    assert [c.section for c in answer.citations] == ["第六条"]
    # the article has no unit line: the answer says who in its own words, the bodies sharing the task too
    assert "市财政局会同市工业和信息化局、市科学技术局制定中小企业发展专项资金管理办法" in answer.text


def test_the_body_a_law_names_the_competent_department_answers_who_is_in_charge(county):
    answer = county.ask("中小企业公平竞争审查归哪个部门主管？")
    assert answer.answerable and "市市场监督管理局" in answer.text.split("\n")[0], answer.text
    assert [c.section for c in answer.citations][:1] == ["第十四条"]


def test_asking_who_acts_together_with_the_others_asks_the_lead(county):
    answer = county.ask("中小企业发展专项资金管理办法由哪个部门会同其他部门制定？")
    first = answer.text.split("\n")[0]
    assert answer.intent == "lead" and first.startswith("牵头单位为市财政局"), answer.text


def test_every_body_of_a_list_is_responsible(county):
    answer = county.ask("哪些部门在各自职责范围内负责中小企业促进相关工作？")
    assert all(u in answer.text for u in ("市发展改革部门", "市财政部门", "市科技部门",
                                          "市人力资源社会保障部门", "市市场监管部门"))
    assert [c.section for c in answer.citations] == ["第四条"]


def test_a_lead_answer_quotes_the_clause_naming_the_lead_not_the_list_of_members(county):
    answer = county.ask("中小企业服务联席会议的牵头单位是哪个部门？")
    assert answer.answerable and "市商务局为牵头单位" in answer.text, answer.text
    assert "市统计局" not in answer.text  # a member, named by the other clause of the sentence


# ---------------------------------------------------------------- more ways of writing who does the work

MORE = """北岭市会展业促进条例

第一条 为了促进会展业发展，制定本条例。

第二条 市会展业主管部门负责会展业的指导、协调和监督。
发展改革、财政、公安、文化和旅游、市场监管等行政管理部门，在各自职责范围内做好会展业相关工作。

第三条 商务、统计、税务等部门按照各自职责，做好会展业统计监测相关工作。

第四条 市会展工作联席会议由市商务局、市财政局、市公安局组成，市商务局为牵头单位。联席会议设联络员，由各成员单位有关处室负责同志担任。

第五条 试点区政府办公厅（室）对会展业数字化试点工作负总责，并指定专门机构具体负责平台运维工作。

第六条 市场监管、知识产权、海关等负责展会知识产权保护的相关部门在各自职责范围内加强展会知识产权保护。

第七条 市科技主管部门和其他有关部门在各自职责范围内，服务会展业科技创新。

第八条 市贸促会及其派出机构依照本条例，负责展会境外参展的具体组织与服务。

第九条 市城市管理部门对全市会展场馆周边的户外广告设置实施统一监督管理。

第十条 人力社保、农业农村等有关部门应当组织开展会展从业人员职业技能培训。

第十一条 市、县（市、区）人民政府商务部门负责会展业信息的发布。

第十二条 本条例自2025年1月1日起施行。
"""


@pytest.fixture(scope="module")
def more(tmp_path_factory):
    path = tmp_path_factory.mktemp("roles_more") / "北岭市会展业促进条例.txt"
    path.write_text(MORE, encoding="utf-8")
    return {s.label: s for s in parse_file(path).sections}


@pytest.mark.parametrize("label, lead, responsible", [
    # the bodies sharing a task each in its own field (在各自职责范围内做好…, 按照各自职责，做好…), named with
    # the suffix their list shares, as written
    ("第二条", [], ["市会展业主管部门", "发展改革行政管理部门", "财政行政管理部门", "公安行政管理部门",
                  "文化和旅游行政管理部门", "市场监管行政管理部门"]),
    ("第三条", [], ["商务部门", "统计部门", "税务部门"]),
    # 负责同志 is a person (the liaison each member names), not a body doing the work
    ("第四条", ["市商务局"], ["市财政局", "市公安局"]),
    # 负总责: the body answering for the whole work leads; 办公厅（室） is one name, kept whole
    ("第五条", ["试点区政府办公厅（室）"], []),
    # a list closed by the duty its bodies share (等负责…的相关部门): each body, not the description
    ("第六条", [], ["市场监管部门", "知识产权部门", "海关部门"]),
    ("第七条", [], ["市科技主管部门"]),  # `和其他有关部门`: no one in particular beside it
    ("第八条", [], ["市贸促会及其派出机构"]),  # a body with its branches (X及其派出机构), named as one
    ("第九条", ["市城市管理部门"], []),  # 实施统一监督管理: the body answering for the field as a whole leads
    # fields listed before 等有关部门 share its suffix; 组织开展 is the work they are responsible for
    ("第十条", [], ["人力社保部门", "农业农村部门"]),
    ("第十一条", [], ["市、县（市、区）人民政府商务部门"]),  # one body at the levels named, kept whole
])
def test_each_article_names_its_bodies_in_the_ways_regulations_write_them(more, label, lead, responsible):
    section = more[label]
    assert (section.lead_units, section.responsible_units) == (lead, responsible)


def test_a_who_question_is_answered_by_the_sentence_naming_that_task(county):
    """An article giving two tasks to two bodies: the body of the task asked, not the article's first."""
    answer = county.ask("专项资金的预算安排归哪个部门管？")
    first = answer.text.split("\n")[0]
    assert answer.answerable and "市财政局" in first and "市税务局" not in first, answer.text
    assert "市财政局负责专项资金的预算安排" in answer.text
    assert [c.section for c in answer.citations] == ["第八条"]


@pytest.fixture(scope="module")
def fairs(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("fairs"), {"北岭市会展业促进条例": MORE})


def test_a_question_relating_another_city_to_the_documents_city_is_answered_for_the_documents_city(fairs):
    """南溪市 is where the asker comes from, 北岭市 where the 条例 applies: the answer is 北岭市's; asked
    only of 南溪市, the 条例 of another city does not answer."""
    answer = fairs.ask("我们是南溪市的会展公司，要去北岭市参展，展会境外参展由谁负责组织？")
    assert answer.answerable and "市贸促会及其派出机构" in answer.text
    assert not fairs.ask("南溪市的展会境外参展由谁负责组织？").answerable


def test_a_department_named_with_the_levels_it_is_found_at_is_one_body():
    from assistant.ingest.roles import sentence_roles
    from assistant.ingest.unit_notes import unit_list

    assert sentence_roles("市、县（市、区）民政部门负责统筹推进本行政区域内的养老服务工作") == ([], ["民政部门"])
    assert unit_list("省、自治区、直辖市人民政府林业行政主管部门") == ["省、自治区、直辖市人民政府林业行政主管部门"]


# ---------------------------------------------------------------- who is in charge of what a whole regulation is about

WHOLE = """青川市古树名木保护条例

第一条 为了加强古树名木保护，传承生态文化，根据有关法律、行政法规，结合本市实际，制定本条例。

第二条 青川市行政区域内古树名木的保护，适用本条例。

第三条 本条例所称古树，是指树龄在一百年以上的树木；所称名木，是指具有重要历史、文化价值的树木。

第四条 青川市古树名木保护遵循全面保护、属地管理、分类养护的原则。

第五条 鼓励单位和个人以捐资、认养等形式参与青川市古树名木保护。

第六条 市林业主管部门主管全市古树名木管理工作，组织实施本条例。区县林业主管部门负责本辖区内的日常养护监督。

第七条 市财政部门安排古树名木保护经费，市城市管理部门负责城市道路范围内古树名木的养护。

第八条 本条例自2025年3月1日起施行。
"""


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("roles_whole"), {"青川市古树名木保护条例": WHOLE})


def test_asked_who_is_in_charge_of_a_regulations_whole_subject_its_competent_body_answers(whole):
    """The question's words are the regulation's title: the body its articles put in charge of the whole
    field answers, not an article whose words echo the title (第一条, 第二条)."""
    answer = whole.ask("青川市的古树名木保护由哪个部门主管？")
    first = answer.text.split("\n")[0]
    assert answer.answerable and "市林业主管部门" in first and "市财政部门" not in first, answer.text
    assert [c.section for c in answer.citations] == ["第六条"]


def test_a_body_named_by_two_role_words_is_named_once():
    """`按照各自职责负责…`: both 各自职责 and 负责 name the list; each body is listed once."""
    from assistant.ingest.roles import sentence_roles

    lead, responsible = sentence_roles("国务院民政、应急管理、卫生健康等部门，按照各自职责负责相应的社会救助管理工作")
    assert lead == [] and responsible == ["国务院民政部门", "应急管理部门", "卫生健康部门"]


def test_a_division_of_duties_line_saying_a_body_leads_names_it_lead():
    """A 工作方案's 职责分工 lists `市X局：负责…` lines; `负责牵头` there says the body leads the work, `负责配合`
    that it shares it."""
    from assistant.ingest.roles import sentence_roles

    assert sentence_roles("市住房保障局：负责牵头老旧小区改造组织实施，统筹推进改造工作。")[0] == ["市住房保障局"]
    assert sentence_roles("市审计局：负责配合市住房保障局开展改造资金审计。") == ([], ["市审计局"])


# A city office's guideline naming itself in its title and, in one sentence, itself and the districts' offices as the
# bodies in charge at two levels.
_CANTEEN = """海滨市人民政府办公室关于推进社区食堂建设的意见

一、总体要求
到2025年，全市每个街道至少建成一个社区食堂，为老年人提供就餐服务。

二、明确工作职责
市人民政府办公室是全市社区食堂建设工作的主管单位，各区人民政府办公室是本区社区食堂建设工作的主管单位。市民政局负责社区食堂的日常监督。

三、支持措施
对新建的社区食堂，按照每个食堂不超过20万元给予一次性建设补助。

四、运营管理
社区食堂应当公示菜品价格，接受居民监督。

五、保障措施
各区要将社区食堂建设纳入年度民生实事项目。
"""

_WATER = """海滨市农村供水工程管理办法

第一条 为加强农村供水工程管理，制定本办法。
第二条 市水务局负责全市农村供水工程的监督管理。
第三条 供水单位应当公开水价和服务承诺。
第四条 本办法自公布之日起施行。
"""


def test_the_issuer_named_in_a_documents_title_may_be_the_body_asked_for(tmp_path):
    from tests.conftest import assistant_over

    assistant = assistant_over(tmp_path, {"海滨市人民政府办公室关于推进社区食堂建设的意见": _CANTEEN,
                                          "海滨市农村供水工程管理办法": _WATER})
    first = assistant.ask("海滨市人民政府办公室关于社区食堂建设的意见里，全市社区食堂工作归哪个单位主管？").text.splitlines()[0]
    assert "市人民政府办公室" in first and "各区" not in first, first


def test_an_agency_named_by_its_work_is_a_body(tmp_path):
    """Regulations name an agency by the work it does (市会展信息工作机构具体负责…): a body, named whole."""
    path = tmp_path / "北岭市会展信息服务办法.txt"
    path.write_text("北岭市会展信息服务办法\n\n第一条 为了规范会展信息服务，制定本办法。\n\n"
                    "第二条 市商务主管部门负责会展信息服务的指导和监督。市会展信息工作机构具体负责会展信息平台的建设、"
                    "运行和维护。\n\n第三条 本办法自发布之日起施行。\n", encoding="utf-8")
    section = {s.label: s for s in parse_file(path).sections}["第二条"]
    assert "市会展信息工作机构" in section.lead_units + section.responsible_units, \
        (section.lead_units, section.responsible_units)


# A 条例 whose article gives one body a task and, after `；`, more tasks with the body left unsaid (承前省略),
# and another body a task of its own.
RIVERS = """东岚市河道管理条例
第一条 为了加强河道管理，保障防洪安全，制定本条例。
第二条 本条例适用于本市行政区域内河道的整治、利用和保护。
第三条 河道管理实行统一规划、分级负责的原则。
第四条 市、区人民政府应当将河道整治经费纳入年度财政预算。
第五条 水行政主管部门负责河道采砂的监督管理工作；受理单位和个人的举报，依法查处向河道倾倒建筑垃圾的行为。生态环境主管部门负责入河排污口设置的审核。
第六条 在河道管理范围内禁止建设妨碍行洪的建筑物、构筑物。
第七条 河道岸线利用应当符合岸线保护与利用规划。
第八条 鼓励单位和个人参与河道保洁志愿服务。
第九条 本条例自公布之日起施行。
"""


def test_tasks_after_a_semicolon_with_no_subject_are_the_bodys_before_it(tmp_path):
    rivers = assistant_over(tmp_path, {"东岚市河道管理条例": RIVERS})
    answer = rivers.ask("往河道里倾倒建筑垃圾的，由哪个部门查处？")
    first = answer.text.splitlines()[0]
    assert "水行政主管部门" in first and "生态环境主管部门" not in first, answer.text


# A city's 条例 whose article gives each of several bodies its own remit, and another city's rule beside it.
WELLS = """西岭市农村供水条例
第一条 为了保障农村供水安全，制定本条例。
第二条 县级人民政府水行政主管部门负责农村供水工程的建设管理工作；县级人民政府卫生健康主管部门负责农村供水水质卫生监督工作；县级人民政府价格主管部门负责农村供水价格管理工作。
第三条 供水单位应当建立水质检测制度。
第四条 本条例自公布之日起施行。
"""

SAVING = """东岭市城市节约用水办法
第一条 为了节约用水，制定本办法。
第二条 市城市管理部门负责城市节约用水的监督管理工作。
第三条 用水单位应当安装计量设施，定期检修供水管网。
第四条 新建建筑应当安装节水型器具。
第五条 本办法自公布之日起施行。
"""


def test_bodies_asked_of_two_tasks_at_once_are_each_named(tmp_path):
    wells = assistant_over(tmp_path, {"西岭市农村供水条例": WELLS, "东岭市城市节约用水办法": SAVING})
    text = wells.ask("西岭农村供水，价格和水质卫生分别归哪个部门监督管理？").text
    assert "卫生健康主管部门" in text and "价格主管部门" in text, text
    assert "水行政主管部门" not in text, text
