"""政策计算器 (eligibility) over the real plan and the unseen second document.

Assertions are about what an applicant would notice: the measures offered to
them, where they are cited from, and that the profile is understood whether
it comes from a form, a JSON file or a chat question.
"""

from __future__ import annotations

import json

import pytest

from assistant.eligibility.measures import (
    GENERAL,
    ProfileError,
    extract_measures,
    load_profile,
    match,
    parse_profile,
    profile_from_flags,
    profile_from_text,
)
from assistant.eligibility.cards import same_measure
from assistant.eligibility.places import discover_places
from assistant.ingest import quantities
from assistant.ingest.outline import parse_file

JSON_KEYS = {"doc", "section", "title", "measure", "beneficiaries", "support_types", "industries", "places", "group"}


@pytest.fixture(scope="module")
def plan(plan_path):
    return parse_file(plan_path)


@pytest.fixture(scope="module")
def second(second_doc_path):
    return parse_file(second_doc_path)


@pytest.fixture(scope="module")
def plan_measures(plan):
    return extract_measures(plan.sections)


@pytest.fixture(scope="module")
def second_measures(second):
    return extract_measures(second.sections)


def _from(result, label, scope=None):
    items = result.specific if scope == "specific" else result.general if scope == "general" else \
        result.specific + result.general
    return [m.measure for m in items if m.measure.section == label]


def _types(measures):
    return {t for m in measures for t in m.support_types}


# --- extraction -------------------------------------------------------------

@pytest.mark.parametrize("doc", ["plan", "second"])
def test_measures_quote_their_section_exactly(doc, request):
    parsed = request.getfixturevalue(doc)
    measures = extract_measures(parsed.sections)
    by_label = {s.label: s for s in parsed.sections}
    assert len(measures) >= 20  # the plan's 鼓励…/重点发展… sentences are intentions, not measures (issue #21)
    for m in measures:
        section = by_label[m.section]
        assert m.measure in section.text, m.measure
        assert m.title == section.title and m.doc == parsed.name
        assert section.kind in ("section", "sidebar")  # framing text is not a measure


def test_second_document_measures_cover_its_beneficiaries(second_measures):
    found = {b for m in second_measures for b in m.beneficiaries}
    assert {"高新技术企业", "专精特新企业", "孵化器/众创空间", "科研人员", "人才/团队", "外资企业"} <= found
    assert {"新能源汽车", "集成电路", "健康医药"} <= {i for m in second_measures for i in m.industries}
    assert {"滨江科技城", "高新区"} <= {p for m in second_measures for p in m.places}


# --- the plan ---------------------------------------------------------------

def test_high_tech_enterprise_on_plan(plan_measures):
    result = match(plan_measures, profile_from_flags(qual=["高新技术企业"]))
    sixteen = _from(result, "（十六）", "specific")
    assert any(all(w in m.measure for w in ("科技创新券", "研发准备金", "资助奖励")) for m in sixteen)
    # 凡是…可以享受的税收、人才、财政和土地等优惠政策，要逐项落实到位 is a principle, not a card (issue #21)
    assert not any("落实到位" in m.measure for m in sixteen)
    sidebar8 = _from(result, "专栏8")
    assert any("加计扣除" in m.measure and "税收优惠" in m.support_types for m in sidebar8)
    assert any("股权/收益激励" in m.support_types for m in sidebar8)
    pledge = [m for m in _from(result, "（二十三）", "specific") if "高新技术企业股权质押贷款" in m.measure]
    assert pledge and "金融/融资" in pledge[0].support_types


def test_exact_beneficiary_ranks_first_and_others_are_left_out(plan_measures):
    result = match(plan_measures, profile_from_flags(qual=["高新技术企业"]))
    exact = ["高新技术企业" in m.measure.beneficiaries for m in result.specific]
    assert exact[0] and exact == sorted(exact, reverse=True)
    for item in result.specific:
        assert set(item.measure.beneficiaries) & {"高新技术企业", "科技企业"}
    assert all(not m.measure.beneficiaries and not m.measure.industries for m in result.general)
    assert not any(m.beneficiaries == ["孵化器/众创空间"] for m in result.measures)


def test_incubator_on_plan(plan_measures):
    result = match(plan_measures, profile_from_flags(qual=["孵化器"]))
    assert result.profile.qualifications == ["孵化器/众创空间"]
    for label in ("（二十一）", "专栏8"):
        measures = _from(result, label, "specific")
        assert {"土地/用地", "资金补助", "金融/融资"} <= _types(measures), label
        assert any("风险补偿" in m.measure for m in measures), label


def test_researcher_on_plan(plan_measures):
    result = match(plan_measures, profile_from_flags(qual=["科研人员"]))
    measures = _from(result, "（二十七）", "specific")
    assert any("收益" in m.measure and "股权/收益激励" in m.support_types for m in measures)
    assert any("股权" in m.measure and "科研人员" in m.beneficiaries for m in measures)


def test_needs_narrow_and_group_the_result(plan_measures):
    everything = match(plan_measures, profile_from_flags(qual=["高新技术企业"]))
    finance = match(plan_measures, profile_from_flags(qual=["高新技术企业"], need=["融资"]))
    assert 0 < len(finance.measures) < len(everything.measures)
    assert set(finance.groups("specific")) == {"金融/融资"}
    assert "高新技术企业股权质押贷款" in " ".join(m.measure for m in finance.measures)


def test_empty_profile_lists_the_catalogue_by_beneficiary(plan_measures):
    result = match(plan_measures, profile_from_flags())
    assert result.by == "beneficiary"
    groups = result.groups("specific")
    assert {"高新技术企业", "孵化器/众创空间", "科研人员", "科技型中小企业"} <= set(groups)
    for m in plan_measures:
        for who in m.beneficiaries:
            assert m in [x.measure for x in groups[who]]
    assert set(result.groups("general")) == {GENERAL}
    assert len(result.general) == sum(1 for m in plan_measures if not m.beneficiaries and not m.industries)
    for m in plan_measures:  # measures for an industry, not a kind of applicant, are listed under it
        if m.industries and not m.beneficiaries:
            assert f"{m.industries[0]}行业" in groups


# --- the unseen document ----------------------------------------------------

def test_high_tech_enterprise_on_second_document(second_measures):
    result = match(second_measures, profile_from_flags(qual=["高新技术企业"]))
    own = _from(result, "（三）", "specific")
    assert {"资金补助", "税收优惠", "土地/用地"} <= _types(own)
    assert any("加计扣除" in m.measure for m in result.measures)
    assert not any(m.section == "（十一）" for m in result.measures)  # 生物医药 grants are for drug makers


def test_incubator_and_researcher_on_second_document(second_measures):
    incubator = match(second_measures, profile_from_flags(qual=["众创空间"]))
    own = _from(incubator, "（八）", "specific")
    assert {"土地/用地", "资金补助", "金融/融资"} <= _types(own)
    assert any("税收优惠" in m.support_types for m in _from(incubator, "（十六）", "specific"))
    researcher = match(second_measures, profile_from_flags(qual=["科研人员"]))
    own = _from(researcher, "（十三）", "specific")
    assert {"股权/收益激励"} <= _types(own) and any("收益" in m.measure for m in own)


def test_industry_and_place_filter_on_second_document(second_measures):
    result = match(second_measures, profile_from_flags(industry=["芯片"], location=["高新区"]))
    assert result.profile.industry == ["集成电路"]
    assert any("集成电路" in m.industries and "高新区" in m.places for m in result.measures)
    for m in result.measures:
        assert not m.industries or set(m.industries) & {"集成电路", "电子信息"}
        assert not (set(m.places) - {"园区"}) or "高新区" in m.places


def test_industry_loans_reach_the_enterprise_not_the_bank(second_measures):
    result = match(second_measures, profile_from_flags(qual=["高新技术企业"], industry=["集成电路"], need=["融资"]))
    first = result.specific[0].measure
    assert "集成电路" in first.industries and "金融/融资" in first.support_types


def test_size_and_needs_on_second_document(second_measures):
    small = match(second_measures, profile_from_flags(size="小微", need=["研发"]))
    assert small.profile.size == "小微企业"
    assert any("科技创新券" in x.measure.measure for x in small.specific)
    niche = match(second_measures, profile_from_flags(qual=["专精特新企业"], need=["融资"]))
    assert any("贷款贴息" in x.measure.measure for x in niche.groups("specific")["金融/融资"])


# --- output -----------------------------------------------------------------

def test_json_and_markdown_output(plan_measures):
    result = match(plan_measures, profile_from_flags(qual=["高新技术企业"], need=["研发"]))
    rows = result.to_json()
    assert rows and all(JSON_KEYS <= set(row) for row in rows)
    json.dumps(rows, ensure_ascii=False)
    text = result.render_zh()
    assert "高新技术企业" in text and "（十六）加快培育高新技术企业" in text and "#### 资金补助" in text
    empty = match([], profile_from_flags(qual=["科研人员"]))
    assert "没有找到" in empty.render_zh()


# --- profile ----------------------------------------------------------------

def test_unknown_profile_field_lists_accepted_fields():
    with pytest.raises(ValueError) as err:
        parse_profile({"qualification": ["高新技术企业"]})
    message = str(err.value)
    assert "qualification" in message
    for name in ("qualifications", "size", "industry", "location", "needs"):
        assert name in message


@pytest.mark.parametrize(
    "data, accepted",
    [
        ({"qualifications": ["火箭公司"]}, "高新技术企业"),
        ({"needs": ["发财"]}, "融资"),
        ({"size": "巨型"}, "小微企业"),
        ({"industry": ["挖矿"]}, "装备制造"),
        ({"location": ["火星"]}, "以镇、区"),
    ],
)
def test_unknown_values_list_accepted_values(data, accepted):
    with pytest.raises(ProfileError) as err:
        parse_profile(data)
    assert accepted in str(err.value) and "可选" in str(err.value)


def test_load_profile_json(tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"资质": ["高企"], "需求": "缺钱、招人", "所在地": ["小榄镇"]}, ensure_ascii=False),
                    encoding="utf-8")
    profile = load_profile(path)
    assert profile.qualifications == ["高新技术企业"]
    assert profile.needs == ["融资", "人才"] and profile.location == ["小榄镇"]
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="JSON"):
        load_profile(path)
    with pytest.raises(ValueError, match="找不到"):
        load_profile(tmp_path / "missing.json")


@pytest.mark.parametrize(
    "question, expected",
    [
        ("我们是一家小微企业，最近缺钱，还想招人，有什么政策？", {"size": "小微企业", "needs": ["融资", "人才"]}),
        ("我是搞研发的，能申请哪些补助？", {"needs": ["研发"]}),
        ("高企在翠亨新区做医疗器械，能享受哪些税收优惠？",
         {"qualifications": ["高新技术企业"], "location": ["翠亨新区"], "industry": ["健康医药"], "needs": ["税收"]}),
        ("孵化器有没有用地支持", {"qualifications": ["孵化器/众创空间"], "needs": ["用地"]}),
        ("做芯片的公司想在高新区贷款", {"industry": ["集成电路"], "location": ["高新区"], "needs": ["融资"]}),
        ("如何提高企业的研发能力？", {"qualifications": [], "needs": ["研发"]}),
    ],
)
def test_profile_from_text(question, expected):
    profile = profile_from_text(question).model_dump()
    for key, value in expected.items():
        assert profile[key] == value, (key, profile)


def test_chat_and_form_agree(plan_measures):
    from_chat = match(plan_measures, profile_from_text("我们是高新技术企业，想了解融资方面的扶持政策"))
    from_form = match(plan_measures, profile_from_flags(qual=["高新技术企业"], need=["融资"]))
    assert from_chat.to_json() == from_form.to_json()


# --- policy cards -----------------------------------------------------------

@pytest.fixture(scope="module")
def both(plan, second):
    sections = plan.sections + second.sections
    return sections, extract_measures(sections)


def test_cards_are_one_per_measure_with_every_source(both):
    sections, measures = both
    cards = match(measures, profile_from_flags(qual=["高新技术企业"]), sections).cards()
    assert cards
    for i, a in enumerate(cards):
        assert not any(same_measure(a.measure, b.measure) for b in cards[i + 1:]), a.summary
    restated = [c for c in cards if len(c.sources) > 1]
    for c in restated:  # a measure stated in a section and again elsewhere: one card citing both
        assert len({(s.doc, s.section) for s in c.sources}) == len(c.sources)


def test_cards_state_amounts_as_written_and_the_office_from_the_unit_line(both):
    sections, measures = both
    by_key = {s.label_key: s for s in sections}
    cards = match(measures, profile_from_flags(qual=["高新技术企业"]), sections).cards()
    with_amount = [c for c in cards if c.amounts]
    assert with_amount, "the second document states grants in 万元 and shares in %"
    for c in with_amount:
        assert all(any(a in s.quote for s in c.sources) for a in c.amounts)
        assert all(quantities.read(a) for a in c.amounts), "every amount shown is a figure"
    for c in cards:
        section = by_key[f"{c.source.doc}#{c.source.section}"]
        if section.lead_units:  # its own unit line: lead units first
            assert c.lead_offices == section.lead_units and c.offices[:len(section.lead_units)] == section.lead_units
        assert c.why and any("高新技术企业" in w for w in c.why) or c.scope == "general"


def test_measures_for_others_are_not_matched(both):
    sections, measures = both
    result = match(measures, profile_from_flags(qual=["高新技术企业"], need=["融资"]), sections)
    for c in result.cards():
        assert "高新技术企业" in c.beneficiaries or not set(c.beneficiaries) - {"科技企业", "金融机构", "科技服务机构"}
        assert c.group == "金融/融资"
    tax_first = [m for m in measures if m.support_types[:1] == ["税收优惠"]]
    assert not {m.measure for m in tax_first} & {c.measure for c in result.cards()}


def test_places_are_discovered_from_the_documents(plan_text, second, second_measures):
    places = discover_places(plan_text)
    assert places and all(p in plan_text or p[:-1] in plan_text for p in places)
    towns = [p for p in places if p.endswith("镇")]
    assert len(towns) >= 5
    second_places = discover_places(second.text if hasattr(second, "text") else
                                    "\n".join(s.text for s in second.sections))
    assert set(second_places) & {p for m in second_measures for p in m.places}


def test_a_measure_for_another_place_does_not_match(second, second_measures):
    placed = [m for m in second_measures if set(m.places) - {"园区", "专业镇", "高新区"}]
    assert placed
    limited = {p for m in second_measures for p in m.places}
    elsewhere = next(p for p in discover_places("\n".join(s.text for s in second.sections))
                     if p not in limited and p.endswith(("镇", "新区", "区")))
    result = match(second_measures, profile_from_flags(location=[elsewhere]), second.sections)
    assert not any("滨江科技城" in m.places for m in result.measures)
    for m in result.measures:
        named = set(m.places) - {"园区", "专业镇"}
        assert not named or elsewhere in named, (m.measure, elsewhere)


@pytest.mark.parametrize("question", ["搞研发有没有钱补？能补多少？", "孵化器给不给地？", "我们是小微企业，能贷多少？"])
def test_colloquial_money_questions_name_a_need_or_money(question):
    from assistant.answer.intents import analyse

    assert analyse(question, []).intent == "eligibility"
