"""Evaluation reports: metrics.json, results.jsonl, report.md and PNG plots
in one folder; a compact terminal summary; and `--compare A B` between two
earlier reports with regressions flagged."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.evals.metrics import ALL_METRICS, LOWER_IS_BETTER, question_score

# Column headers (terminal and markdown), short enough for a table.
SHORT = {
    "hit@1": "Hit@1", "hit@3": "Hit@3", "hit@5": "Hit@5", "mrr": "MRR", "ndcg@10": "nDCG@10",
    "citation_precision": "CiteP", "citation_recall": "CiteR", "key_fact_accuracy": "Facts",
    "unit_f1": "UnitF1", "refusal_rate": "Refuse", "false_refusal_rate": "FalseRef",
    "unsupported_number_rate": "NumUnsup", "wrong_kind_rate": "WrongKind", "near_miss_rate": "NearMiss", "mark_error_rate": "MarkErr",
    "latency_p50_ms": "p50ms", "latency_p95_ms": "p95ms",
}
LATENCY_TOLERANCE = 0.25  # latency regressions: more than 25 % slower (timing is noisy)
QUALITY_TOLERANCE = 5e-4  # quality regressions: any drop visible at three decimals
WORST = 15


def fmt(value, metric: str = "") -> str:
    if value is None:
        return "–"
    if metric.startswith("latency"):
        return f"{value:.0f}" if value >= 10 else f"{value:.1f}"
    return f"{value:.3f}"


def status_zh(config: dict) -> str:
    return {"ok": "完成", "skipped": "跳过", "failed": "失败"}.get(config.get("status", ""), "未运行")


def ok_configs(document: dict) -> dict[str, dict]:
    return {n: c for n, c in document["configs"].items() if c.get("status") == "ok"}


# ---------------------------------------------------------------- writing


def write_report(out: Path, document: dict, rows_by_config: dict[str, list[dict]]) -> Path:
    """Everything into `out`: metrics.json, results.jsonl, plots, report.md."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    with (out / "results.jsonl").open("w", encoding="utf-8") as fh:
        for name, rows in rows_by_config.items():
            for row in rows:
                fh.write(json.dumps({"config": name, **row}, ensure_ascii=False) + "\n")
    plots = write_plots(out, document, rows_by_config)
    (out / "report.md").write_text(render_markdown(document, rows_by_config, plots), encoding="utf-8")
    return out


def write_plots(out: Path, document: dict, rows_by_config: dict[str, list[dict]]) -> list[str]:
    """PNG plots (labels in English: no CJK font is needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    configs = ok_configs(document)
    if not configs:
        return []
    files = [_metric_bars(plt, out, configs), _latency(plt, out, rows_by_config)]
    if "product" in configs:
        files.append(_type_bars(plt, out, configs["product"]["by_type"]))
    return [f for f in files if f]


def _grouped_bars(plt, ax, groups: list[str], series: dict[str, list[float]]) -> None:
    width = 0.8 / max(len(series), 1)
    for i, (label, values) in enumerate(series.items()):
        xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(groups))]
        ax.bar(xs, [v if v is not None else 0 for v in values], width, label=label)
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(groups, rotation=30, ha="right")
    ax.set_ylim(0, 1.2)  # head room for the legend
    ax.grid(axis="y", alpha=0.3)


def _metric_bars(plt, out: Path, configs: dict[str, dict]) -> str:
    shown = [m for m in ALL_METRICS if not m.startswith("latency")]
    labels = [SHORT[m] + (" (lower=better)" if m in LOWER_IS_BETTER else "") for m in shown]
    fig, ax = plt.subplots(figsize=(12, 5))
    _grouped_bars(plt, ax, labels, {n: [c["overall"].get(m) for m in shown] for n, c in configs.items()})
    ax.set_title("Metrics per configuration (all questions)")
    ax.legend(ncol=min(len(configs), 6), fontsize=8, loc="upper center")
    fig.tight_layout()
    fig.savefig(out / "metric_bars.png", dpi=110)
    plt.close(fig)
    return "metric_bars.png"


def _latency(plt, out: Path, rows_by_config: dict[str, list[dict]]) -> str | None:
    data = {n: [r["latency_ms"] for r in rows if r.get("latency_ms")] for n, rows in rows_by_config.items()}
    data = {n: v for n, v in data.items() if v}
    if not data:
        return None
    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.boxplot(list(data.values()), showfliers=True)
    ax.set_xticks(range(1, len(data) + 1))
    ax.set_xticklabels(list(data))
    ax.set_yscale("log")
    ax.set_ylabel("latency per answer (ms, log scale)")
    ax.set_title("Answer latency distribution")
    ax.grid(axis="y", alpha=0.3, which="both")
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=110)
    plt.close(fig)
    return "latency.png"


def _type_bars(plt, out: Path, by_type: dict[str, dict]) -> str:
    shown = ["hit@5", "citation_recall", "key_fact_accuracy", "unit_f1", "refusal_rate"]
    types = list(by_type)
    fig, ax = plt.subplots(figsize=(11, 4.5))
    _grouped_bars(plt, ax, types, {SHORT[m]: [by_type[t].get(m) for t in types] for m in shown})
    ax.set_title("Product: metrics per question type (missing bar = not applicable)")
    ax.legend(ncol=len(shown), fontsize=8, loc="upper center")
    fig.tight_layout()
    fig.savefig(out / "product_by_type.png", dpi=110)
    plt.close(fig)
    return "product_by_type.png"


# ---------------------------------------------------------------- markdown


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in r) + " |" for r in rows]


def render_markdown(document: dict, rows_by_config: dict[str, list[dict]], plots: list[str]) -> str:
    lines = [f"# 评测报告（Evaluation report）{document['created']}", ""]
    lines += _header_section(document)
    lines += ["", "## 配置 × 指标（configuration × metric）", ""]
    lines += _config_table(document)
    configs = ok_configs(document)
    if "product" in configs:
        lines += ["", "## 产品：题型 × 指标（question type × metric, product）", ""]
        lines += _type_table(configs["product"]["by_type"])
    if len(configs) > 1:
        lines += ["", "## 各配置按题型的要点准确率（key-fact accuracy by type）", ""]
        lines += _facts_by_type(configs)
    if "product" in rows_by_config:
        lines += ["", f"## 产品表现最差的 {WORST} 个问题（{WORST} worst product questions）", ""]
        lines += _worst(rows_by_config["product"])
    if plots:
        lines += ["", "## 图表（plots）", ""] + [f"![{p}]({p})" for p in plots]
    lines += ["", "## 如何阅读（how to read）", ""] + HOW_TO_READ
    return "\n".join(lines) + "\n"


def _header_section(document: dict) -> list[str]:
    types = "、".join(f"{t} {n}" for t, n in document["types"].items())
    machine = document.get("machine", {})
    lines = [
        f"- 问题集：`{document['gold']}`，{document['questions']} 题（{types}）",
        f"- 用途：{split_use(document, Path(document['gold']).stem)}",
        f"- 机器：{machine.get('cpus')} 核，Python {machine.get('python')}；总用时 {document['total_seconds']} 秒",
        f"- 金标准章节所属文件（未注明 doc 时）：{document.get('default_doc', '')}",
    ]
    for name, c in document["configs"].items():
        if c.get("status") != "ok":
            lines.append(f"- **{name} {status_zh(c)}**：{c.get('reason', '')}")
        elif c.get("errors"):
            lines.append(f"- **{name}**：{c['errors']} 题出错（计为失败，见 results.jsonl 的 error 字段）")
    ragas = document.get("ragas", {})
    if ragas.get("status") == "ok":
        for name, scores in ragas.get("configs", {}).items():
            lines.append(f"- RAGAS（{name}，前 {ragas.get('sample')} 题）：" +
                         "，".join(f"{k} {v:.3f}" for k, v in scores.items()))
    else:
        lines.append(f"- RAGAS：{ragas.get('reason', '未计算')}")
    return lines


def _config_table(document: dict) -> list[str]:
    header = ["配置 config", "说明", "题数"] + [SHORT[m] for m in ALL_METRICS] + ["准备秒"]
    rows = []
    for name, c in document["configs"].items():
        if c.get("status") != "ok":
            rows.append([name, c["title"], "–"] + [status_zh(c)] + [""] * len(ALL_METRICS))
            continue
        o = c["overall"]
        rows.append([name, c["title"], str(o["n"])] + [fmt(o.get(m), m) for m in ALL_METRICS]
                    + [f"{c.get('setup_seconds', 0):.1f}"])
    return _table(header, rows)


def _type_table(by_type: dict[str, dict]) -> list[str]:
    header = ["题型 type", "题数"] + [SHORT[m] for m in ALL_METRICS]
    rows = [[t, str(v["n"])] + [fmt(v.get(m), m) for m in ALL_METRICS] for t, v in by_type.items()]
    return _table(header, rows)


def _facts_by_type(configs: dict[str, dict]) -> list[str]:
    types = list(dict.fromkeys(t for c in configs.values() for t in c["by_type"]))
    header = ["题型 type"] + list(configs)
    rows = []
    for t in types:
        cells = []
        for c in configs.values():
            v = c["by_type"].get(t, {})
            metric = "refusal_rate" if v.get("key_fact_accuracy") is None else "key_fact_accuracy"
            cells.append(fmt(v.get(metric)) + (" (拒答)" if metric == "refusal_rate" and v else ""))
        rows.append([t] + cells)
    return _table(header, rows)


def _facts_text(facts: list) -> str:
    return "；".join(f if isinstance(f, str) else "/".join(f) for f in facts)


def _worst(rows: list[dict]) -> list[str]:
    ranked = sorted(rows, key=lambda r: (question_score(r["metrics"]), r["metrics"].get("mrr") or 0))[:WORST]
    header = ["id", "题型", "问题", "得分", "引用 cited", "金标准 gold", "前3检索 top-3", "缺失要点 missing", "回答摘录"]
    out = []
    for r in ranked:
        answer = r["answer"].replace("\n", " ")
        excerpt = ("（拒答）" if r["refused"] else "") + (answer[:70] + ("…" if len(answer) > 70 else ""))
        if r.get("error"):
            excerpt = f"出错：{r['error'][:60]}"
        out.append([
            r["id"], r["type"], r["question"], f"{question_score(r['metrics']):.2f}",
            " ".join(r["cited"]) or "–", " ".join(r["gold_sections"]) or "（范围外）",
            " ".join(r["ranked"][:3]) or "–", _facts_text(r["missing_facts"]) or "–", excerpt,
        ])
    return _table(header, out)


HOW_TO_READ = [
    "- **Hit@k / MRR / nDCG@10**：检索排出的前 10 个章节与金标准章节的比较（章节只按最好名次计一次）。",
    "  追问题按“上一轮问题 + 本轮问题”检索，与回答器一致；朴素 RAG 无会话记忆，只看本轮问题。",
    "- **CiteP / CiteR**：回答引用的章节中属于金标准的比例 / 金标准章节被引用的比例。"
    "没有引用的回答不计入 CiteP，但 CiteR 为 0。",
    "- **Facts**：每条要点（或其任一替代写法）是否出现在回答文字中（忽略全半角、空格，％ 与 % 等同）。",
    "- **UnitF1**：牵头/责任单位题中，回答提到的单位集合与金标准章节解析出的单位集合的 F1"
    "（牵头题比牵头单位，责任题比责任单位；“某单位负责哪些工作”类题不计）。",
    "- **Refuse**：范围外问题被拒答的比例（越高越好）；**FalseRef**：可回答问题被误拒的比例（越低越好）。",
    "- **NumUnsup**：回答中出现、但其引用章节原文里没有的数字所占的回答比例（应为 0）。",
    "- **WrongKind**：问数字的题（金标准 asks 为 rate/share/amount 等）中，回答了数字却没有一个是金标准数字的比例"
    "（答非所问：问税率给了占比目标；应为 0）。**NearMiss**：文件谈到该主题但没写所问内容的范围外题中，"
    "被拒答或给出“部分回答”（写明缺什么）的比例。**MarkErr**：回答中的出处标记（〔《文件》条款〕）"
    "指向引用列表里没有的文件或章节的回答比例（应为 0）。",
    "- **p50ms / p95ms**：单个问题的回答延迟中位数与 95 分位（追问题不含前几轮）。",
    "- 得分（最差问题表）：可回答题为要点准确率、引用召回率、MRR、未误拒四项的平均；范围外题拒答为 1，否则为 0。",
    "- 每题的完整结果（回答、引用、检索排序、缺失要点）在 `results.jsonl`。",
]


# ---------------------------------------------------------------- terminal


def summary_table(document: dict) -> str:
    """Compact fixed-width table for the terminal."""
    shown = ["hit@1", "hit@5", "mrr", "ndcg@10", "citation_precision", "citation_recall",
             "key_fact_accuracy", "unit_f1", "refusal_rate", "false_refusal_rate", "unsupported_number_rate",
             "wrong_kind_rate", "near_miss_rate", "mark_error_rate", "latency_p50_ms", "latency_p95_ms"]
    width = {m: max(len(SHORT[m]), 6) for m in shown}
    lines = ["config    " + " ".join(SHORT[m].rjust(width[m]) for m in shown)]
    for name, c in document["configs"].items():
        if c.get("status") != "ok":
            lines.append(f"{name:<9} {status_zh(c)}：{c.get('reason', '')}")
            continue
        lines.append(f"{name:<9} " + " ".join(fmt(c["overall"].get(m), m).rjust(width[m]) for m in shown))
    return "\n".join(lines)


# ---------------------------------------------------------------- compare


def load_metrics(path: str | Path) -> dict:
    """metrics.json of a report folder, or the file itself."""
    path = Path(path)
    if path.is_dir():
        path = path / "metrics.json"
    return json.loads(path.read_text(encoding="utf-8"))


def is_regression(metric: str, before: float | None, after: float | None) -> bool:
    if before is None or after is None:
        return False
    if metric.startswith("latency"):
        return after > before * (1 + LATENCY_TOLERANCE) and after - before > 1.0
    if metric in LOWER_IS_BETTER:
        return after > before + QUALITY_TOLERANCE
    return after < before - QUALITY_TOLERANCE


def compare_documents(a: dict, b: dict) -> list[dict]:
    """One entry per (config, scope, metric) present in both reports:
    scope is 'overall' or a question type."""
    out = []
    for name, ca in ok_configs(a).items():
        cb = ok_configs(b).get(name)
        if not cb:
            continue
        scopes = [("overall", ca["overall"], cb["overall"])]
        scopes += [(t, ca["by_type"][t], cb["by_type"][t]) for t in ca["by_type"] if t in cb["by_type"]]
        for scope, ma, mb in scopes:
            for m in ALL_METRICS:
                before, after = ma.get(m), mb.get(m)
                if before is None and after is None:
                    continue
                delta = None if before is None or after is None else after - before
                out.append({"config": name, "scope": scope, "metric": m, "before": before, "after": after,
                            "delta": delta, "regression": is_regression(m, before, after)})
    return out


def _splits_of(document: dict) -> dict[str, dict]:
    """A report with several gold sets (format 2), or one older single-set report."""
    return document["splits"] if "splits" in document else {"(单一问题集)": document}


def compare(path_a: str | Path, path_b: str | Path) -> str:
    """Text report of B minus A for every gold set both reports ran (a
    single-set report compares with each set of the same gold file)."""
    a, b = _splits_of(load_metrics(path_a)), _splits_of(load_metrics(path_b))
    if len(a) == 1 and len(b) > 1:
        a = {name: next(iter(a.values())) for name, d in b.items()
             if d.get("gold_sha256") == next(iter(a.values())).get("gold_sha256")} or a
    if len(b) == 1 and len(a) > 1:
        b = {name: next(iter(b.values())) for name, d in a.items()
             if d.get("gold_sha256") == next(iter(b.values())).get("gold_sha256")} or b
    pairs = [(n, a[n], b[n]) for n in a if n in b] or [(f"{next(iter(a))} → {next(iter(b))}",
                                                          next(iter(a.values())), next(iter(b.values())))]
    blocks = []
    for name, da, db in pairs:
        blocks.append(f"=== 问题集 {name}\n" + _compare_one(path_a, path_b, da, db))
    return "\n\n".join(blocks)


def _compare_one(path_a, path_b, a: dict, b: dict) -> str:
    entries = compare_documents(a, b)
    lines = [f"比较 A={path_a}（{a.get('created', '')}）→ B={path_b}（{b.get('created', '')}）"]
    if a.get("gold_sha256") != b.get("gold_sha256") or a.get("questions") != b.get("questions"):
        lines.append(f"注意：两份报告的问题集不同（A {a.get('questions')} 题，B {b.get('questions')} 题），差异可能来自问题集本身")
    only = sorted(set(ok_configs(a)) ^ set(ok_configs(b)))
    if only:
        lines.append("只在一份报告中运行的配置：" + "、".join(only))
    lines.append(f"{'config':<9} {'metric':<10} {'A':>8} {'B':>8} {'B-A':>8}")
    for e in (e for e in entries if e["scope"] == "overall"):
        delta = "–" if e["delta"] is None else f"{e['delta']:+.3f}" if not e["metric"].startswith("latency") \
            else f"{e['delta']:+.0f}"
        flag = "  ← 回退" if e["regression"] else ""
        lines.append(f"{e['config']:<9} {SHORT[e['metric']]:<10} {fmt(e['before'], e['metric']):>8} "
                     f"{fmt(e['after'], e['metric']):>8} {delta:>8}{flag}")
    by_type = [e for e in entries if e["scope"] != "overall" and e["regression"]
               and not e["metric"].startswith("latency")]
    if by_type:
        lines.append("按题型的回退：")
        lines += [f"  {e['config']} / {e['scope']} / {SHORT[e['metric']]}: "
                  f"{fmt(e['before'])} → {fmt(e['after'])}" for e in by_type]
    count = sum(1 for e in entries if e["regression"])
    lines.append(f"共 {count} 项回退。" if count else "没有回退。")
    return "\n".join(lines)


# ---------------------------------------------------------------- several gold sets

SPLIT_METRICS = ["hit@1", "hit@5", "citation_recall", "key_fact_accuracy", "unit_f1", "refusal_rate",
                 "false_refusal_rate", "unsupported_number_rate", "wrong_kind_rate", "near_miss_rate", "mark_error_rate", "latency_p50_ms"]
UNSTATED_USE = "用途未在 splits.toml 中说明（use not stated）"


def split_use(document: dict, split: str) -> str:
    """What a gold set has been used for: its `use` in the splits.toml beside
    its file (evals/gold/splits.toml), so the report says what is true of it."""
    import tomllib

    listing = Path(document.get("gold", "")).parent / "splits.toml"
    try:
        table = tomllib.loads(listing.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return UNSTATED_USE
    entry = table.get(split) or next((e for e in table.values() if isinstance(e, dict)
                                      and Path(e.get("gold", "")).name == Path(document.get("gold", "")).name), {})
    return entry.get("use") or UNSTATED_USE


def _split_rows(documents: dict[str, dict]) -> list[list[str]]:
    rows = []
    for split, document in documents.items():
        for name, c in document["configs"].items():
            if c.get("status") != "ok":
                continue
            rows.append([split, name, str(document.get("questions", ""))]
                        + [fmt(c["overall"].get(m), m) for m in SPLIT_METRICS])
    return rows


def splits_table(documents: dict[str, dict]) -> str:
    """Terminal table: one row per (gold set, configuration)."""
    header = ["set", "config", "n"] + [SHORT[m] for m in SPLIT_METRICS]
    rows = [header] + _split_rows(documents)
    widths = [max(len(r[i]) for r in rows) + 1 for i in range(len(header))]
    return "\n".join("".join(cell.rjust(w) if i > 1 else cell.ljust(w) for i, (cell, w) in
                              enumerate(zip(r, widths))) for r in rows)


def write_overview(out: Path, documents: dict[str, dict]) -> Path:
    """out/report.md and out/metrics.json over every gold set: dev, held-out
    and real side by side, per configuration; each set's own report below it."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps({"format": 2, "splits": documents}, ensure_ascii=False, indent=2),
                                      encoding="utf-8")
    header = ["问题集", "配置", "题数"] + [SHORT[m] for m in SPLIT_METRICS]
    lines = ["# 评测总览", "", "各问题集的用途（evals/gold/splits.toml 的 use）：", ""]
    lines += [f"- **{n}**：{split_use(d, n)}" for n, d in documents.items()]
    lines += ["", "只用于报告的问题集与 dev 相差超过 5 个百分点，说明规则仍是拟合出来的。", ""]
    lines += _table(header, _split_rows(documents))
    lines += ["", "各问题集的详细报告：" + "、".join(f"[{n}]({n}/report.md)" for n in documents), ""]
    path = out / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
