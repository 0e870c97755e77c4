"""The evaluation harness end to end on a small slice of the gold set:
product and naive peer, through the real CLI, the real index and model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import cli
from assistant.evals.metrics import ALL_METRICS, LOWER_IS_BETTER

GOLD = Path(__file__).resolve().parent.parent / "evals" / "gold" / "dev.jsonl"
SLICE_TYPES = ["lead", "lead", "responsibility", "target", "fact", "follow_up", "english",
               "eligibility", "out_of_scope", "out_of_scope", "colloquial", "target"]
LIMIT = 10


@pytest.fixture(scope="module")
def gold_slice(tmp_path_factory) -> Path:
    """12 gold questions spread over the question types (the run keeps 10)."""
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    picked, used = [], set()
    for kind in SLICE_TYPES:
        row = next(r for r in rows if r["type"] == kind and r["id"] not in used)
        used.add(row["id"])
        picked.append(row)
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in picked), encoding="utf-8")
    return path


def _eval(settings, *extra: str) -> int:
    return cli.main(["eval", "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir), *extra])


@pytest.fixture(scope="module")
def report(settings, gold_slice, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "run"
    code = _eval(settings, "--gold", str(gold_slice), "--config", "product", "--config", "naive",
                 "--out", str(out), "--limit", str(LIMIT))
    assert code == 0
    return out / gold_slice.stem  # each gold set's own report sits in a folder named after it


def test_overview_puts_the_gold_sets_side_by_side(report):
    overview = json.loads((report.parent / "metrics.json").read_text(encoding="utf-8"))
    assert overview["format"] == 2 and list(overview["splits"]) == [report.name]
    text = (report.parent / "report.md").read_text(encoding="utf-8")
    assert "| 问题集 | 配置 |" in text and f"| {report.name} | product |" in text


def test_report_folder_has_every_file(report):
    for name in ("metrics.json", "report.md", "results.jsonl"):
        assert (report / name).stat().st_size > 0
    for name in ("metric_bars.png", "latency.png", "product_by_type.png"):
        assert (report / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_metrics_json_has_both_configurations_overall_and_by_type(report, gold_slice):
    doc = json.loads((report / "metrics.json").read_text(encoding="utf-8"))
    assert doc["questions"] == LIMIT
    kept_types = set(SLICE_TYPES[:LIMIT])
    assert set(doc["types"]) == kept_types
    assert list(doc["configs"]) == ["product", "naive"]
    for name, config in doc["configs"].items():
        assert config["status"] == "ok", name
        assert config["overall"]["n"] == LIMIT
        assert set(ALL_METRICS) <= set(config["overall"])
        assert set(config["by_type"]) == kept_types
        for scope in [config["overall"], *config["by_type"].values()]:
            for metric in ALL_METRICS:
                value = scope[metric]
                if value is not None and not metric.startswith("latency"):
                    assert 0.0 <= value <= 1.0, (name, metric, value)
        assert config["overall"]["latency_p50_ms"] <= config["overall"]["latency_p95_ms"]
    assert doc["ragas"]["status"] in ("skipped", "ok", "failed") and doc["ragas"].get("reason", "x")


def test_out_of_scope_and_answerable_metrics_are_kept_apart(report):
    doc = json.loads((report / "metrics.json").read_text(encoding="utf-8"))
    for config in doc["configs"].values():
        oos = config["by_type"]["out_of_scope"]
        assert oos["refusal_rate"] is not None and oos["false_refusal_rate"] is None
        assert oos["key_fact_accuracy"] is None and oos["mrr"] is None
        assert config["by_type"]["lead"]["unit_f1"] is not None
    # the naive peer concatenates chunks: it never declines a question
    assert doc["configs"]["naive"]["overall"]["refusal_rate"] == 0.0


def test_results_list_what_each_answer_cited_against_gold(report, settings):
    rows = [json.loads(line) for line in (report / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2 * LIMIT
    from assistant.ingest.outline import parse_corpus

    labels = {s.label for d in parse_corpus(settings.corpus_dir).documents for s in d.sections}
    for row in rows:
        assert row["config"] in ("product", "naive")
        assert len(row["ranked"]) <= 10
        for key in row["cited"] + row["ranked"]:
            assert key.split("#")[-1] in labels  # cited/ranked ids are real section labels
    naive = [r for r in rows if r["config"] == "naive" and r["type"] != "out_of_scope"]
    assert all(r["cited"] for r in naive)  # chunk spans map onto sections


def test_markdown_report_has_the_tables_a_reader_needs(report):
    text = (report / "report.md").read_text(encoding="utf-8")
    assert "配置 × 指标" in text and "题型 × 指标" in text and "最差" in text
    assert "| product |" in text and "| naive |" in text
    assert "![metric_bars.png](metric_bars.png)" in text


def test_compare_flags_a_regression_and_not_an_identical_run(report, tmp_path, capsys):
    capsys.readouterr()
    assert cli.main(["eval", "--compare", str(report), str(report / "metrics.json")]) == 0
    assert "没有回退" in capsys.readouterr().out

    worse = json.loads((report / "metrics.json").read_text(encoding="utf-8"))
    worse["configs"]["product"]["overall"]["key_fact_accuracy"] -= 0.2
    assert "key_fact_accuracy" not in LOWER_IS_BETTER
    (tmp_path / "metrics.json").write_text(json.dumps(worse, ensure_ascii=False), encoding="utf-8")
    assert cli.main(["eval", "--compare", str(report), str(tmp_path)]) == 0
    out = capsys.readouterr().out
    facts_line = next(line for line in out.splitlines() if line.startswith("product") and "Facts" in line)
    assert "-0.200" in facts_line and "回退" in facts_line
    assert "共 1 项回退" in out


def test_llm_configuration_is_skipped_and_said_so_without_an_endpoint(settings, gold_slice, tmp_path,
                                                                      monkeypatch):
    monkeypatch.delenv("POLICY_ASSISTANT_LLM_BASE_URL", raising=False)
    out = tmp_path / "llm"
    assert _eval(settings, "--gold", str(gold_slice), "--config", "llm", "--out", str(out)) == 0
    out = out / gold_slice.stem
    doc = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert doc["configs"]["llm"]["status"] == "skipped"
    assert "LLM" in (out / "report.md").read_text(encoding="utf-8")


def test_user_mistakes_are_reported_without_a_traceback(settings, tmp_path, capsys):
    assert _eval(settings, "--gold", str(tmp_path / "missing.jsonl")) == 2
    assert "问题集" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "question": "q"}\n', encoding="utf-8")
    assert _eval(settings, "--gold", str(bad)) == 2
    assert "第 1 行" in capsys.readouterr().err
    assert _eval(settings, "--gold", str(GOLD), "--config", "nonsense", "--limit", "1") == 2
    assert "未知的评测配置" in capsys.readouterr().err


def test_a_follow_ups_history_may_be_chat_messages(tmp_path):
    """Gold sets written as chat transcripts ({role, content}) ask the user's earlier turns again;
    the assistant's turns are its own to give."""
    from assistant.evals.harness import load_gold

    gold = tmp_path / "chat.jsonl"
    row = {"id": "f1", "question": "那牵头的是谁？", "type": "follow_up", "gold_sections": [], "key_facts": [],
           "answerable": True, "history": [{"role": "user", "content": "孵化器建设有什么目标？"},
                                          {"role": "assistant", "content": "到2020年达到60家。"}]}
    gold.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert load_gold(gold)[0].history == ["孵化器建设有什么目标？"]


def test_an_evaluation_reads_the_corpus_as_the_current_parser_outlines_it(tmp_path, monkeypatch):
    """A parser changed since the configured corpus was indexed: the run re-parses it first, so no report
    scores an outline the code no longer makes."""
    from assistant.evals import harness
    from assistant.index import build
    from tests.conftest import assistant_over

    assistant = assistant_over(tmp_path, {"示例县补贴办法": "示例县补贴办法\n\n第一条　对新办企业给予一次性补贴5000元。\n"})
    settings = assistant.settings
    before = (settings.index_dir / "CURRENT").read_text()
    harness.split_settings(settings, harness.Split("own", tmp_path / "gold.jsonl", None))
    assert (settings.index_dir / "CURRENT").read_text() == before  # nothing changed: the build stands
    monkeypatch.setattr(build, "PARSER_ID", "a-changed-parser")
    harness.split_settings(settings, harness.Split("own", tmp_path / "gold.jsonl", None))
    assert (settings.index_dir / "CURRENT").read_text() != before
