"""Chat eligibility answers are policy cards: at most five, one per measure,
with the amount the text states and the office to ask, the same records as
政策匹配 and `match --json`."""

from __future__ import annotations

import json
import subprocess
import sys

from assistant import eligibility
from assistant.eligibility.cards import amounts


def _sections(assistant):
    return {(s.doc, s.label): s for s in assistant.sections()}


def test_high_tech_subsidy_question_gets_five_distinct_cards(assistant):
    answer = assistant.ask("我们是高新技术企业，能拿到哪些补贴？")
    assert answer.answerable and answer.intent == "eligibility"
    cards = [line for line in answer.text.split("\n") if line[:1].isdigit()]
    assert 1 <= len(cards) <= 5  # (a card of one benefit written in two sections cites both)
    quotes = [c.quote for c in answer.citations]
    assert len(set(quotes)) == len(quotes)  # no measure twice
    sections = _sections(assistant)
    for c in answer.citations:
        section = sections[(c.doc, c.section)]
        assert c.quote in section.text
        for figure in amounts(c.quote):  # every amount the quote states is in the card
            assert figure in answer.text
    assert "咨询" in answer.text and "市科技局" in answer.text  # the office to ask, from the unit lines
    assert "另有" in answer.text  # and how many more the 政策匹配 tab has


def test_colloquial_money_question_is_answered_with_money(assistant):
    answer = assistant.ask("搞研发有没有钱补？能补多少？")
    assert answer.answerable and answer.intent == "eligibility"
    assert 1 <= len(answer.citations) <= 5
    first = answer.text.split("\n")[1]
    assert any(kind in first for kind in ("资金补助", "税收优惠", "金融/融资"))


def test_chat_and_match_and_cli_give_the_same_cards(assistant, settings):
    profile = eligibility.profile_from_flags(qual=["高新技术企业"])
    cards = assistant.match(profile).cards()
    chat = assistant.ask("高新技术企业可以享受哪些支持政策？")
    shown = {c.quote for c in chat.citations}
    assert shown <= {s.quote for card in cards for s in card.sources}
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "match", "--qual", "高新技术企业", "--json",
         "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)],
        capture_output=True, text=True, check=True, timeout=300)
    rows = json.loads(out.stdout)
    assert [r["summary"] for r in rows] == [c.summary for c in cards]
    assert all({"amounts", "conditions", "offices", "sources", "why"} <= set(r) for r in rows)


def test_a_capped_sum_is_an_amount_and_two_measures_with_their_own_sums_stay_two_cards():
    """`可申请最高不超过15万元的贷款` states what one gets, while `对年销售收入5亿元以上的企业`
    states a bar to clear; and two alike sentences of one section that give their own sums
    (15万元 for a person, 300万元 for a small firm) are two measures, not one written twice."""
    from assistant.eligibility.cards import same_measure

    person = "符合贷款申请条件的人员自主创业的，可申请最高不超过15万元的创业担保贷款。"
    firm = "小微企业新招用符合贷款申请条件的人员达到一定比例的，可申请最高不超过300万元的创业担保贷款。"
    assert amounts(person) == ["最高不超过15万元"]
    assert amounts("对年销售收入5亿元以上的企业给予奖励") == [] and amounts("对年销售收入5亿元的企业") == []
    assert not same_measure(person, firm)


def test_an_abridged_measure_keeps_the_part_the_question_asks_about():
    """A long measure states who qualifies first and what they get last: cut to one
    line it would lose the grant. The clause a question's words point to is kept,
    from there to the sentence's end, and the abridged line is still the measure's own words."""
    from pathlib import Path

    from assistant.eligibility.cards import summary
    from assistant.ingest.figures import split_sentences

    real = Path(__file__).resolve().parent / "data" / "real"
    text = "".join(p.read_text(encoding="utf-8") for p in real.glob("*无废城市*.txt"))
    measure = next(s for s in split_sentences(text) if len(s) > 80 and "免征" in s)
    grant = measure.rstrip("。")[measure.rindex("，") + 1:]
    plain = summary(measure)
    assert plain.endswith("…") and grant not in plain
    focused = summary(measure, ["标准", "企业"])
    assert focused.endswith(grant)
    assert all(part in measure for part in focused.split("…") if part)
    assert summary(measure, ["不在句中的词"]) == plain


def test_grants_of_one_section_each_to_a_recipient_of_its_own_are_cards_of_their_own(assistant):
    """对首次通过认定的高新技术企业，给予一次性30万元资金补助；对重新认定的高新技术企业，给予10万元奖励: two
    benefits, each with its own sum, though one section states both."""
    cards = assistant.match(eligibility.profile_from_flags(qual=["高新技术企业"])).cards()
    again = [c for c in cards if c.measure.startswith("对重新认定")]
    assert again, [c.summary for c in cards]
    assert "10万元" in again[0].amounts and not any("30万元" in a for a in again[0].amounts)
