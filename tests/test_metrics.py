"""Metric functions on hand-made cases whose correct values are known."""

from __future__ import annotations

import math

import pytest

from assistant.evals import metrics as m

UNITS = ["市科技局", "市发展改革局", "市财政局", "市委组织部", "各镇区"]


# ---------------------------------------------------------------- retrieval


def test_mrr_of_a_rank_two_hit_is_one_half():
    assert m.reciprocal_rank(["（一）", "（二）", "（三）"], ["（二）"]) == 0.5


def test_mrr_uses_the_first_gold_hit_and_is_zero_without_one():
    assert m.reciprocal_rank(["a", "b", "c", "d"], ["d", "c"]) == pytest.approx(1 / 3)
    assert m.reciprocal_rank(["a", "b"], ["z"]) == 0.0


def test_repeated_sections_count_once_at_their_best_rank():
    # a naive ranking repeats a section once per chunk: the repeat must not push gold down
    assert m.reciprocal_rank(["a", "a", "a", "b"], ["b"]) == 0.5
    assert m.hit_at_k(["a", "a", "b"], ["b"], 2) == 1.0


def test_hit_at_k_counts_gold_within_the_first_k():
    ranked = ["a", "b", "c", "d", "e", "f"]
    assert m.hit_at_k(ranked, ["c"], 1) == 0.0
    assert m.hit_at_k(ranked, ["c"], 3) == 1.0
    assert m.hit_at_k(ranked, ["f"], 5) == 0.0
    assert m.hit_at_k(ranked, ["f", "a"], 1) == 1.0


def test_ndcg_of_a_known_ranking():
    # gold {a, c}; ranked a, b, c: DCG = 1 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3)
    expected = 1.5 / (1 + 1 / math.log2(3))
    assert m.ndcg_at_k(["a", "b", "c"], ["a", "c"], 10) == pytest.approx(expected)
    assert expected == pytest.approx(0.9197, abs=1e-4)


def test_ndcg_is_one_for_a_perfect_ranking_and_zero_beyond_k():
    assert m.ndcg_at_k(["a", "c", "b"], ["a", "c"], 10) == pytest.approx(1.0)
    assert m.ndcg_at_k([str(i) for i in range(10)] + ["gold"], ["gold"], 10) == 0.0


def test_retrieval_metrics_do_not_apply_without_gold_sections():
    assert m.hit_at_k(["a"], [], 1) is None
    assert m.reciprocal_rank(["a"], []) is None
    assert m.ndcg_at_k(["a"], [], 10) is None


# ---------------------------------------------------------------- sets and citations


def test_set_f1_of_partially_overlapping_lists():
    # predicted {a, b, c}, gold {b, c, d, e}: P = 2/3, R = 2/4, F1 = 4/7
    p, r, f1 = m.set_prf(["a", "b", "c"], ["b", "c", "d", "e"])
    assert (p, r) == (pytest.approx(2 / 3), pytest.approx(0.5))
    assert f1 == pytest.approx(4 / 7)
    assert m.set_f1(["a"], ["b"]) == 0.0
    assert m.set_f1(["b", "a"], ["a", "b"]) == 1.0


def test_citation_precision_and_recall():
    assert m.citation_precision(["（三）", "（十六）", "专栏4"], ["（十六）"]) == pytest.approx(1 / 3)
    assert m.citation_recall(["（三）", "（十六）"], ["（三）", "（十六）", "专栏4", "（十二）"]) == 0.5
    assert m.citation_precision([], ["（十六）"]) is None  # nothing cited: recall carries it
    assert m.citation_recall([], ["（十六）"]) == 0.0


# ---------------------------------------------------------------- answer text


def test_key_facts_with_alternatives():
    answer = "到2020年，全市高新技术企业达到1000家以上。"
    assert m.key_fact_accuracy(answer, [["1000家", "一千家"]]) == 1.0
    assert m.key_fact_accuracy(answer, [["一千家", "1000"]]) == 1.0
    assert m.key_fact_accuracy(answer, ["1000家", "市科技局"]) == 0.5
    assert m.missing_facts(answer, ["1000家", ["市科技局", "Science and Technology Bureau"]]) == [
        ["市科技局", "Science and Technology Bureau"]
    ]
    assert m.key_fact_accuracy(answer, []) is None


def test_key_facts_ignore_width_spaces_and_percent_sign_forms():
    assert m.fact_present("研发投入占比达到２.９％", "2.9%")
    assert m.fact_present("R&D spending: 2.9 %", "2.9%")
    assert m.fact_present("the ＳＣＩＥＮＣＥ and Technology Bureau", "science and technology bureau")
    assert not m.fact_present("达到2.8%", "2.9%")


def test_units_stated_and_their_f1():
    answer = "牵头单位为市科技局，责任单位为各镇区、财政局。"
    assert sorted(m.units_stated(answer, UNITS)) == sorted(["市科技局", "各镇区", "市财政局"])
    # stated {科技局, 各镇区, 财政局} vs gold {科技局, 发展改革局}: P 1/3, R 1/2, F1 0.4
    assert m.unit_f1(answer, ["市科技局", "市发展改革局"], UNITS) == pytest.approx(0.4)
    assert m.unit_f1(answer, [], UNITS) is None


# ---------------------------------------------------------------- aggregation


def test_percentiles_interpolate_between_ranks():
    assert m.percentile([4, 1, 3, 2], 50) == 2.5
    assert m.percentile(list(range(1, 21)), 95) == pytest.approx(19.05)
    assert m.percentile([7.0], 95) == 7.0
    assert m.percentile([], 50) is None


def _row(type_, latency, **metrics):
    full = {name: None for name in m.QUESTION_METRICS}
    full.update(metrics)
    return {"type": type_, "latency_ms": latency, "metrics": full}


def test_refusal_metrics_split_answerable_from_out_of_scope():
    oos_refused = m.question_metrics(ranked=[], cited=[], gold_sections=[], answer="无法作答", refused=True,
                                     answerable=False)
    oos_answered = m.question_metrics(ranked=[], cited=[], gold_sections=[], answer="……", refused=False,
                                      answerable=False)
    wrongly_refused = m.question_metrics(ranked=["a"], cited=[], gold_sections=["a"], answer="无法作答",
                                         refused=True, answerable=True, key_facts=["x"])
    assert oos_refused["refusal_rate"] == 1.0 and oos_refused["false_refusal_rate"] is None
    assert oos_answered["refusal_rate"] == 0.0 and oos_answered["key_fact_accuracy"] is None
    assert wrongly_refused["false_refusal_rate"] == 1.0 and wrongly_refused["refusal_rate"] is None
    rows = [{"type": "oos", "latency_ms": 10, "metrics": oos_refused},
            {"type": "oos", "latency_ms": 30, "metrics": oos_answered},
            {"type": "fact", "latency_ms": 20, "metrics": wrongly_refused}]
    total = m.aggregate(rows)
    assert total["refusal_rate"] == 0.5
    assert total["false_refusal_rate"] == 1.0
    assert total["latency_p50_ms"] == 20


def test_aggregate_skips_metrics_that_do_not_apply_and_groups_by_type():
    rows = [_row("lead", 10, mrr=1.0, unit_f1=0.5), _row("lead", 20, mrr=0.5), _row("fact", 40, mrr=0.0)]
    total = m.aggregate(rows)
    assert total["n"] == 3
    assert total["mrr"] == pytest.approx(0.5)
    assert total["unit_f1"] == 0.5  # only the one row where it applies
    assert total["hit@1"] is None
    groups = m.by_group(rows)
    assert list(groups) == ["lead", "fact"]
    assert groups["lead"]["mrr"] == 0.75 and groups["lead"]["latency_p50_ms"] == 15


def test_question_score_orders_failures_first():
    perfect = m.question_metrics(ranked=["a"], cited=["a"], gold_sections=["a"], answer="x 市科技局",
                                 refused=False, answerable=True, key_facts=["市科技局"])
    wrong = m.question_metrics(ranked=["b", "a"], cited=["b"], gold_sections=["a"], answer="y",
                               refused=False, answerable=True, key_facts=["市科技局"])
    assert m.question_score(perfect) == 1.0
    assert m.question_score(wrong) == pytest.approx((0 + 0 + 0.5 + 1) / 4)


def test_a_bare_number_fact_matches_only_as_a_whole_number():
    assert m.fact_present("到2020年，建成20家", "20")
    assert not m.fact_present("到2020年建成", "20")
    assert not m.fact_present("增长20.5%", "20")
    assert m.fact_present("增长20.5%", "20.5")
    assert m.fact_present("达到1000家以上", "1000家")


def test_numbers_the_cited_text_does_not_contain_are_flagged():
    cited = ["到2020年，高新技术企业达到1000家以上。"]
    assert m.unsupported_numbers("到2020年达到1000家。", cited) == []
    assert m.unsupported_numbers("到2020年达到1亿元补贴。", cited) == ["1"]
    assert m.unsupported_numbers("到2025年达到1000家。", cited) == ["2025"]


def test_a_sum_restated_in_english_is_backed_by_its_value_not_its_digits():
    cited = ["对初次认定为国家高新技术企业的，给予企业20万元奖励，最高不超过200万元。"]
    assert m.unsupported_numbers("Grant: RMB 200,000, up to RMB 2 million. Source text: “给予企业20万元奖励”", cited) == []
    assert m.unsupported_numbers("Grant: RMB 300,000.", cited) == ["300", "000"]  # a value no cited text states


def test_the_applicants_own_figure_and_the_checklists_count_are_not_statements():
    cited = ["近一年高新技术产品（服务）收入占企业同期总收入的比例不低于60%"]
    answer = "❌ 近一年高新技术产品（服务）收入占企业同期总收入的比例不低于60%（门槛 不低于60%；贵单位 55%）\n（其余 8 项条件问题中未提及）"
    assert m.unsupported_numbers(answer, cited) == []
    assert m.unsupported_numbers(answer + "，可获补助30万元", cited) == ["30"]


def test_source_marks_titles_and_list_counts_are_not_statements():
    cited = ["高新技术企业认定后可享受税收优惠。"]
    answer = "以下 5 项支持措施（另有 161 项可查看）：\n1. 可享受税收优惠〔《实施方案（2016-2020年）》（十六）〕[1]"
    assert m.unsupported_numbers(answer, cited) == []


def test_a_pointer_to_another_sections_label_is_not_a_statement():
    cited = ["允许地方高校自主开展人才引进和职称评审。"]
    assert m.unsupported_numbers("允许地方高校自主开展人才引进和职称评审（又见三、之2）", cited) == []
    assert m.unsupported_numbers("允许地方高校自主开展职称评审 (also in 三、之2)", cited) == []
    assert m.unsupported_numbers("允许地方高校自主开展职称评审，共有2项（又见附件）", cited) == ["2"]
