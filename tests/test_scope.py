"""Which documents a question names: by title, short title, document number,
issuer or place, read from the documents' own titles and opening lines."""

from assistant.answer.scope import Catalog
from assistant.models import Section

TITLES = {
    "广东省自主创新促进条例": "第一章 总则\n第一条 为了促进自主创新……",
    "国务院关于大力推进大众创业万众创新若干政策措施的意见": "国发〔2015〕32号\n各省、自治区、直辖市人民政府：",
    "中华人民共和国促进科技成果转化法": "第一章 总则",
    "深圳市人民政府关于印发《深圳市促进科技创新的若干措施》的通知": "深府〔2016〕1号",
    "中山国家自主创新示范区建设实施方案（2016-2020年）": "前言",
    "国务院办公厅关于推广第二批支持创新相关改革举措的通知": "国办发〔2015〕32号",
    "专利代理条例": "中华人民共和国国务院令\n第706号\n《专利代理条例》已经国务院常务会议修订通过",
}


def catalog() -> Catalog:
    return Catalog([Section(doc=t, label="前言", title="", chapter="", kind="preamble", text=body, start=0,
                            end=len(body)) for t, body in TITLES.items()])


def named(question: str) -> list[str]:
    return catalog().named_in(question)[0]


def test_a_quoted_title_or_part_of_it_names_the_document():
    assert named("请给出《广东省自主创新促进条例》第十五条的原文") == ["广东省自主创新促进条例"]
    assert named("《促进科技成果转化法》对科研人员奖励有什么规定？") == ["中华人民共和国促进科技成果转化法"]
    assert named("《深圳市促进科技创新的若干措施》有哪些？") == [
        "深圳市人民政府关于印发《深圳市促进科技创新的若干措施》的通知"]


def test_a_quoted_title_with_its_place_names_that_place_s_document_only():
    docs = Catalog([Section(doc=t, label="前言", title="", chapter="", kind="preamble", text="第一章 总则", start=0, end=6)
                    for t in ("上海市促进科技成果转化条例", "河南省促进科技成果转化条例")])
    assert docs.named_in("请给出《上海市促进科技成果转化条例》第八条的原文")[0] == ["上海市促进科技成果转化条例"]
    assert sorted(docs.named_in("《促进科技成果转化条例》有哪些规定？")[0]) == [
        "上海市促进科技成果转化条例", "河南省促进科技成果转化条例"]  # without a place, both


def test_a_document_number_names_the_document_whatever_the_brackets():
    for q in ("国发〔2015〕32号提出了哪些措施？", "国发[2015]32号提出了哪些措施？", "国发（2015）32号的要求"):
        assert named(q) == ["国务院关于大力推进大众创业万众创新若干政策措施的意见"], q


def test_an_english_citation_names_the_document_by_its_number_read_in_pinyin():
    catalog_ = catalog()
    docs, rest = catalog_.named_in("Under Guofa [2015] No. 32, what support do start-ups get?")
    assert docs == ["国务院关于大力推进大众创业万众创新若干政策措施的意见"]  # not 国办发〔2015〕32号
    assert "2015" not in rest  # the citation's year is no year the question asks about
    assert catalog_.named_in("What does Guobanfa (2015) No. 32 promote?")[0] == [
        "国务院办公厅关于推广第二批支持创新相关改革举措的通知"]
    assert catalog_.named_in("Under State Council Decree No. 706, who licenses patent agencies?")[0] == ["专利代理条例"]


def test_a_place_or_issuer_names_the_documents_of_that_place_or_issuer():
    assert named("广东对自主创新有什么规定？") == ["广东省自主创新促进条例"]
    assert named("深圳市对科技创新有哪些措施？") == ["深圳市人民政府关于印发《深圳市促进科技创新的若干措施》的通知"]
    assert named("国务院对创业担保贷款怎么说？") == ["国务院关于大力推进大众创业万众创新若干政策措施的意见"]
    assert named("中山的新型研发机构由谁牵头？") == ["中山国家自主创新示范区建设实施方案（2016-2020年）"]


def test_a_body_named_after_the_issuer_is_not_the_issuer():
    assert named("国务院专利行政部门收到执业申请，几天内得给答复？") == []  # 专利代理条例 is a 国务院令 too
    assert named("国务院对创业担保贷款怎么说？") == ["国务院关于大力推进大众创业万众创新若干政策措施的意见"]


def test_beyond_a_place_are_the_documents_that_name_no_other_place():
    wider = catalog().beyond_place("深圳市推进大众创业万众创新有什么政策？")
    assert "深圳市人民政府关于印发《深圳市促进科技创新的若干措施》的通知" in wider
    assert "国务院关于大力推进大众创业万众创新若干政策措施的意见" in wider  # its title names no place
    assert "广东省自主创新促进条例" not in wider and "中山国家自主创新示范区建设实施方案（2016-2020年）" not in wider
    assert catalog().beyond_place("创业担保贷款怎么申请？") == []  # no place named


def test_a_question_naming_no_document_is_about_all_of_them():
    assert named("高新技术企业这个身份有什么好处？") == []
    assert named("《某个不存在的办法》说了什么？") == []


def test_the_kind_of_document_a_question_refers_to_names_the_documents_of_that_kind():
    """`方案里有提到…吗` is about the 方案; `条例规定` about the 条例; but `制定实施方案`
    is a task, and `有啥办法` asks for a way, not for a 办法."""
    assert named("方案里说到博士后工作站没有？") == ["中山国家自主创新示范区建设实施方案（2016-2020年）"]
    assert named("条例对专利代理机构有什么要求？") == ["专利代理条例"]  # (of the two 条例, the one titled so)
    assert sorted(named("条例对创业孵化机构有什么要求？")) == ["专利代理条例", "广东省自主创新促进条例"]
    assert named("由哪些部门制定实施方案？") == []
    assert named("银行不肯放款给我们，有什么出路？") == []


def test_an_announcements_year_and_number_name_it():
    """国家税务总局公告2018年第23号 is asked as 2018年第23号 or 总局2018年第23号公告; a 〔2018〕 number is another's."""
    docs = {"国家税务总局关于小型企业所得税优惠的公告": "国家税务总局公告2018年第23号\n一、…",
            "国务院关于推进创新的意见": "国发〔2018〕23号\n各省、自治区、直辖市人民政府："}
    both = Catalog([Section(doc=t, label="前言", title="", chapter="", kind="preamble", text=body, start=0,
                            end=len(body)) for t, body in docs.items()])
    assert both.named_in("总局2018年第23号公告从哪年开始执行？")[0] == ["国家税务总局关于小型企业所得税优惠的公告"]
    assert both.named_in("国发〔2018〕23号提出了哪些任务？")[0] == ["国务院关于推进创新的意见"]


def test_asking_what_the_city_does_means_the_documents_of_a_place():
    """市里会给哪些扶持: the city's documents, not a national law; a corpus of local
    documents only, or a question not asking about the locality, is not narrowed."""
    local = sorted(d.doc for d in catalog().documents if d.places)
    assert local and len(local) < len(TITLES)
    assert sorted(catalog().local_documents("身为高新技术企业，市里有啥政策帮我们？")) == local
    assert catalog().local_documents("高新技术企业有哪些扶持？") == []
    assert catalog().local_documents("我们在同一个城市上班，都能申请吗？") == []  # 城市上班 is no 市上
    only_local = Catalog([Section(doc=t, label="前言", title="", chapter="", kind="preamble", text="", start=0, end=0)
                          for t in local])
    assert only_local.local_documents("市里会给哪些扶持？") == []


def test_a_document_named_but_neither_indexed_nor_cited_is_unknown():
    assert catalog().unknown_reference("《广东省技术转移条例》有什么规定？") == "《广东省技术转移条例》"
    assert catalog().unknown_reference("国发〔2031〕99号有什么规定？") == "国发〔2031〕99号"
    assert catalog().unknown_reference("国发〔2015〕32号有什么规定？") == ""  # indexed
    assert catalog().unknown_reference("请给出《专利代理条例》第十条的原文") == ""


def test_a_short_title_written_with_a_standard_abbreviation_names_the_document():
    titles = ["国务院关于印发个人所得税专项附加扣除暂行办法的通知", "示例市失业保险条例"]
    two = Catalog([Section(doc=t, label="前言", title="", chapter="", kind="preamble", text="", start=0, end=0)
                   for t in titles])
    assert two.named_in("个税专项附加扣除暂行办法里第五条讲了什么？")[0] == [titles[0]]
    # (the full form written elsewhere in the question does not stop the short title being read: 科学技术 beside 科技…法)
    assert named("科技成果转化法对科学技术人员的奖励怎么规定？") == ["中华人民共和国促进科技成果转化法"]
    laws = Catalog([Section(doc=t, label="前言", title="", chapter="", kind="preamble", text="", start=0, end=0)
                    for t in ("中华人民共和国科学技术普及法", "中华人民共和国中小企业促进法")])
    assert laws.named_in("按照科技普及法，学校要开展哪些科学技术普及活动？")[0] == ["中华人民共和国科学技术普及法"]


def test_an_issuer_the_question_reports_to_does_not_pick_its_document():
    """向国务院报告 names a body the text's act is directed at, not the 国务院 document to answer from."""
    from assistant.answer.scope import _mentions

    assert not _mentions("发生险情后最迟多久要向国务院报告？", "国务院")
    assert not _mentions("方案要报国务院批准吗？", "国务院")
    assert _mentions("国务院关于河道治理的批复提出了哪些目标？", "国务院")


def test_a_title_written_without_brackets_names_the_document_and_is_no_topic():
    found, rest = catalog().named_in("按照专利代理条例，代理师执业要满足什么要求")
    assert found == ["专利代理条例"] and "专利代理条例" not in rest


def test_of_several_documents_of_the_kind_named_a_word_of_one_title_picks_it():
    docs = Catalog([Section(doc=t, label="前言", title="", chapter="", kind="preamble", text="第一章 总则", start=0, end=6)
                    for t in ("南岭县促进白茶产业发展条例", "南岭县城市供水条例", "南岭县物业管理条例", "南岭县养老服务若干意见")])
    assert docs.named_in("条例给白茶产业哪些扶持？")[0] == ["南岭县促进白茶产业发展条例"]
    assert sorted(docs.named_in("条例对居民用水有什么规定？")[0]) == sorted(
        ["南岭县城市供水条例", "南岭县物业管理条例", "南岭县促进白茶产业发展条例"])  # no title says 用水
    # (the kind itself is no word of a title: 条例 cut alone from one title, inside 管理条例 in the other)
    kept = Catalog([Section(doc=t, label="前言", title="", chapter="", kind="preamble", text="第一章 总则", start=0, end=6)
                    for t in ("北湖市养犬管理条例", "北湖市退役士兵安置条例", "北湖市关于促进就业的若干意见")])
    assert sorted(kept.named_in("物业碰到有人牵狗进小区，条例要求他们怎么做？")[0]) == [
        "北湖市养犬管理条例", "北湖市退役士兵安置条例"]
