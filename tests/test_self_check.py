"""政策计算器 self-check over the shipped corpus (a real built index) and over
a document the test adds: every condition list found by structure, each
condition met / not met / unknown with its article and threshold."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from assistant.eligibility.conditions import condition_lists, facts_from_text, parse_facts, self_check
from assistant.ingest.outline import parse_file
from tests.conftest import CORPUS, ROOT

HIGH_TECH_MET = {"years_registered": 3, "staff": 100, "rd_staff": 15, "revenue": 8000, "rd_spend": 400,
                 "domestic_rd_share": 90, "high_tech_revenue_share": 70, "owns_ip": True, "incidents": False}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    from assistant.index.build import build_index
    from assistant.service import Assistant
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("selfcheck")
    shutil.copytree(CORPUS, root / "corpus")
    settings = Settings.load(corpus_dir=root / "corpus", index_dir=root / "index", embedding_backend="hashing")
    build_index(settings)
    return Assistant.open(settings), settings


def _result(assistant, facts, doc_part, section):
    results = assistant.self_check(facts)
    return next(r for r in results if doc_part in r.conditions.doc and r.conditions.section == section)


def _by_item(result):
    out: dict[str, list[str]] = {}
    for v in result.verdicts:
        out.setdefault(v.condition.item, []).append(v.status)
    return out


def test_recognition_all_met(shipped):
    result = _result(shipped[0], HIGH_TECH_MET, "认定管理办法", "第十一条")
    assert result.conditions.subject == "认定为高新技术企业"
    items = _by_item(result)
    for label in ("（一）", "（二）", "（四）", "（五）", "（六）", "（八）"):
        assert set(items[label]) == {"met"}, label
    assert items["（三）"] == ["unknown"] and items["（七）"] == ["unknown"]  # no fact measures them
    assert result.status == "unknown"  # two conditions need a person to check
    staff = next(v for v in result.verdicts if v.condition.item == "（四）")
    assert staff.threshold == "不低于10%" and staff.value == "15%"
    assert staff.condition.threshold.number == 10 and staff.condition.threshold.bound == "不低于"


def test_recognition_rd_share_checked_at_the_revenue_tier(shipped):
    # 8000万元 falls in the 5,000万元–2亿元 tier (4%): 3.5% fails there; 3000万元 falls in the <5,000万元 tier (5%)
    low = _result(shipped[0], HIGH_TECH_MET | {"rd_spend": 280}, "认定管理办法", "第十一条")
    rd = next(v for v in low.verdicts if v.condition.tiers)
    assert rd.status == "unmet" and rd.threshold == "不低于4%" and "5,000万元至2亿元" in rd.note
    assert low.status == "unmet"
    assert [v.status for v in low.verdicts if v.status == "unmet"] == ["unmet"]  # only that one
    small = _result(shipped[0], HIGH_TECH_MET | {"revenue": 3000, "rd_spend": 140}, "认定管理办法", "第十一条")
    rd = next(v for v in small.verdicts if v.condition.tiers)
    assert rd.status == "unmet" and rd.threshold == "不低于5%"


def test_recognition_unknown_fields(shipped):
    result = _result(shipped[0], {"years_registered": 0.5}, "认定管理办法", "第十一条")
    items = _by_item(result)
    assert items["（一）"] == ["unmet"]
    assert all(set(states) == {"unknown"} for label, states in items.items() if label != "（一）")


def test_small_low_profit_industrial_all_met(shipped):
    result = _result(shipped[0], {"industrial": True, "taxable_income": 20, "staff": 90, "assets": 2000},
                     "实施条例", "第九十二条")
    assert result.conditions.subject == "符合条件的小型微利企业"
    industrial = [v for v in result.verdicts if v.condition.applies_if == "工业企业"]
    other = [v for v in result.verdicts if v.condition.applies_if == "其他企业"]
    assert [v.status for v in industrial] == ["met"] * 3
    assert {v.status for v in other} == {"n/a"}
    assert result.status == "met"


def test_small_low_profit_other_enterprise_one_unmet(shipped):
    result = _result(shipped[0], {"industrial": False, "taxable_income": 20, "staff": 90, "assets": 800},
                     "实施条例", "第九十二条")
    other = {v.condition.fact: v for v in result.verdicts if v.condition.applies_if == "其他企业"}
    assert other["staff"].status == "unmet" and other["staff"].threshold == "不超过80人"
    assert other["taxable_income"].status == "met" and other["assets"].status == "met"
    assert result.status == "unmet"


def test_small_low_profit_unknown_kind(shipped):
    result = _result(shipped[0], {"taxable_income": 20}, "实施条例", "第九十二条")
    assert {v.status for v in result.verdicts} == {"unknown"}


def test_a_condition_list_in_a_document_the_corpus_does_not_have(tmp_path):
    doc = tmp_path / "某市科技型企业研发补助办法.txt"
    doc.write_text(
        "某市科技型企业研发补助办法\n"
        "第一条 为支持企业研发，制定本办法。\n"
        "第二条 申请研发补助的企业应当具备下列条件：\n"
        "（一）在本市注册成立满2年；\n"
        "（二）上年度销售收入不低于1000万元；\n"
        "（三）研发人员占职工总数的比例不低于15%；\n"
        "（四）近一年未发生重大安全事故。\n"
        "第三条 对符合条件的企业，按研发费用的10%给予补助。\n",
        encoding="utf-8")
    lists = condition_lists(parse_file(doc).sections)
    assert len(lists) == 1 and lists[0].section == "第二条"
    facts = parse_facts({"years_registered": 3, "revenue": 800, "staff": 50, "rd_staff": 10, "incidents": False})
    [result] = self_check(facts, lists)
    assert [v.status for v in result.verdicts] == ["met", "unmet", "met", "met"]
    assert result.verdicts[1].threshold == "不低于1000万元"


def test_match_profile_file_runs_the_self_check(shipped, tmp_path):
    _, settings = shipped
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({"qualifications": ["高新技术企业"], "facts": HIGH_TECH_MET}), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "match", "--corpus", str(settings.corpus_dir),
                          "--index", str(settings.index_dir), "--profile", str(profile), "--json"],
                         capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1",
                                                                      "POLICY_ASSISTANT_EMBEDDING_BACKEND": "hashing"})
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["cards"] and data["cards"][0]["amount"]
    recognition = next(r for r in data["self_check"] if r["section"] == "第十一条")
    assert {v["status"] for v in recognition["verdicts"]} == {"met", "unknown"}


def test_a_chat_question_states_facts_the_self_check_reads(shipped):
    facts = facts_from_text("我们成立3年，研发占比4%，营收8000万，能评高企吗？")
    assert (facts.years_registered, facts.rd_share, facts.revenue) == (3, 4, 8000)
    result = _result(shipped[0], facts, "认定管理办法", "第十一条")
    items = _by_item(result)
    assert items["（一）"] == ["met"] and items["（五）"][0] == "met"  # 4% at the 8000万元 tier (不低于4%)
    assert items["（六）"] == ["unknown"]
    told = facts_from_text("员工120人，其中研发人员20人，销售额1.2亿，研发投入600万元，有发明专利，没有发生安全事故")
    assert (told.staff, told.rd_staff, told.revenue, told.rd_spend, told.owns_ip, told.incidents) == \
        (120, 20, 12000, 600, True, False)


def test_a_clause_naming_a_period_and_a_sum_gives_the_sum():
    """最近一年销售收入2.5亿元: the revenue is the sum, not the one year; a share over three years is the share."""
    facts = facts_from_text("我们最近一年营业收入2.5亿元，近三年研发费用占销售收入的比例为3.6%，想问能不能申报")
    assert (facts.revenue, facts.rd_share) == (25000, 3.6)


def test_high_tech_revenue_given_as_two_sums_is_checked_as_its_share(shipped):
    """高新产品收入 and 总收入 told as sums (一个半亿: colloquial 亿): the share of the 认定 condition is theirs."""
    facts = facts_from_text("我们总收入两个亿，高新技术服务收入一个半亿以上吧")
    assert facts.revenue == 20000
    facts = facts_from_text("我们总收入2个亿，高新服务收入1.5亿")
    assert (facts.revenue, facts.high_tech_revenue, facts.value("high_tech_revenue_share")) == (20000, 15000, 75)
    items = _by_item(_result(shipped[0], facts, "认定管理办法", "第十一条"))
    assert "met" in items["（六）"]  # 75% against 不低于60%


def test_the_self_check_over_rest(shipped):
    from fastapi.testclient import TestClient

    from assistant.web.rest import build_rest

    assistant, settings = shipped
    api, _ = build_rest(assistant, settings, lambda: {"status": "ready"})
    response = TestClient(api).post("/api/v1/self-check", json=HIGH_TECH_MET | {"rd_spend": 280})
    assert response.status_code == 200
    recognition = next(r for r in response.json() if r["section"] == "第十一条")
    assert recognition["status"] == "unmet"
    assert [v["item"] for v in recognition["verdicts"] if v["status"] == "unmet"] == ["（五）"]
    assert TestClient(api).post("/api/v1/self-check", json={"revenue": "很多"}).status_code in (400, 422)


def test_chat_answers_an_applicants_figures_with_the_conditions_they_decide(shipped_assistant):
    assistant = shipped_assistant
    short = assistant.ask("我们公司职工200人，科技人员15人，够得上高企对科技人员比例的要求吗？")
    assert short.text.startswith("不符合")
    assert "不低于10%" in short.text and "7.5%" in short.text  # the threshold and the firm's own share
    assert any(c.section == "第十一条" for c in short.citations)
    assert "其余" in short.text  # the conditions it did not state still apply

    other = assistant.ask("本公司不属于工业企业，去年应纳税所得额20万元，雇了60名从业人员，总资产800万元，够小型微利企业的标准吗？")
    assert other.text.startswith("符合")
    assert "不超过80人" in other.text and "不超过100人" not in other.text  # the tier for firms that are not industrial
    assert "❌" not in other.text
    # the rule for the applicant's kind, in its own words, after the conditions checked one by one
    assert "原文：「其他企业，年度应纳税所得额不超过30万元，从业人数不超过80人，资产总额不超过1000万元" in other.text


def test_the_english_self_check_says_its_verdicts_and_notes_in_english(shipped):
    """In English the self-check's headings, marks and notes are English (from the one message table);
    only the documents' own words (the list's subject, a threshold, a tier, a kind of enterprise) stay as
    written. Facts that leave some conditions unread, others tiered, bring every kind of note."""
    import html
    import re

    from assistant.web.match import render_check

    han = re.compile(r"[\u4e00-\u9fff]")
    notes = set()
    for facts in ({"revenue": 8000, "rd_spend": 400, "owns_ip": True}, {"staff": 100, "rd_staff": 5},
                  {"years_registered": 3, "high_tech_revenue_share": 40, "industrial": True, "incidents": False}):
        results = shipped[0].self_check(facts)
        page = html.unescape(render_check(results, english=True))
        quoted = {x for r in results for x in (r.conditions.subject, r.conditions.doc, r.conditions.section)}
        quoted |= {x for r in results for v in r.verdicts
                   for x in (v.threshold, v.condition.text, v.condition.item, *v.note_values.values())}
        said = page
        for text in sorted(quoted, key=len, reverse=True):
            said = said.replace(text, "") if text else said
        for part in re.findall(r"<h4>(.*?)</h4>|check-mark\">(.*?)</span>|check-detail\">(.*?)</span>", said):
            assert not han.search("".join(part)), part
        assert re.search(r"<h4>[^<]*: (Met|Not met|To confirm)</h4>", page)
        notes |= {v.note_key for r in results for v in r.verdicts if v.note_key}
        chinese = render_check(results)
        assert "：" in re.search(r"<h4>(.*?)</h4>", chinese).group(1)  # the Chinese view unchanged
    assert {"fill_in", "check_by_hand"} <= notes, notes


def test_a_non_industrial_firm_and_its_bare_assets_are_read_from_the_question():
    facts = facts_from_text("我们属于非工业企业，资产3500万元，员工60人")
    assert facts.industrial is False and facts.assets == 3500
    facts = facts_from_text("我们是工业企业，固定资产800万元")
    assert facts.industrial is True and facts.assets is None  # 固定资产 are not the total assets


@pytest.mark.parametrize("said, industrial", [
    ("我们是做跨境电商的贸易公司，员工40人", False), ("本单位是一家会计师事务所", False),
    ("我们开了个小加工厂，员工70人", True), ("公司属于汽车零部件制造企业", True),
    ("我们是互联网公司，做小程序开发", False), ("我们想申请研发补贴", None),
])
def test_the_applicants_trade_says_whether_it_is_an_industrial_firm(said, industrial):
    """A manufacturer or a factory is industrial; a trade outside industry (software, commerce, services)
    is not; a firm naming neither leaves it unknown (the self-check then asks)."""
    assert facts_from_text(said).industrial is industrial
