"""How the assistant scales with corpus size: the corpus replicated 1x, 10x
and 50x under distinct document names. At each size:

- full build time (fresh index, own process, peak memory),
- re-run with nothing changed (the hash check alone),
- incremental re-index after editing one document,
- index size on disk,
- warm query latency p50/p95 over the mixed question file, and the
  resident memory of a process serving that index.

    python bench/scale.py [--sizes 1 10 50] [--rounds 2] [--append] [--work DIR --keep]

Prints a table, saves bench/results/scale.json and bench/results/scale.png.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from common import (QUESTIONS, RESULTS, ROOT, describe_machine, dir_size_mb, machine, percentile,
                    replicate_corpus, run_child, save, table, timed_build)

_QUERY_CHILD = """
import json, statistics, sys, time
from pathlib import Path
from assistant.settings import Settings
from assistant.service import Assistant
s = Settings.load(corpus_dir=sys.argv[1], index_dir=sys.argv[2])
lines = Path(sys.argv[3]).read_text(encoding="utf-8").splitlines()
questions = [l.strip() for l in lines if l.strip() and not l.startswith("#")]
t = time.perf_counter()
a = Assistant.open(s)
open_s = time.perf_counter() - t
for q in questions[:3]:
    a.ask(q)
times = []
for _ in range(int(sys.argv[4])):
    for q in questions:
        t = time.perf_counter()
        a.ask(q)
        times.append((time.perf_counter() - t) * 1000)
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS")) / 1024
print("RESULT " + json.dumps({"times": times, "open_s": open_s, "rss_mb": rss}))
"""

EDIT = "\n（基准测试追加的一句话：用于测量修改一个文件后的增量索引时间。）\n"


def current_build_size(index: Path) -> float:
    build = index / "builds" / (index / "CURRENT").read_text(encoding="utf-8").strip()
    return dir_size_mb(build)


def measure(corpus: Path, work: Path, copies: int, rounds: int, keep: bool) -> dict:
    src, index = work / f"corpus-{copies}x", work / f"index-{copies}x"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(index, ignore_errors=True)
    files = replicate_corpus(corpus, src, copies)
    full = timed_build(src, index)
    print(f"  全量构建 {full['build_seconds']:.1f} s（嵌入 {full['embedded']} 次）", flush=True)
    noop = timed_build(src, index)
    edited = files[0]
    edited.write_text(edited.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
    incremental = timed_build(src, index)
    print(f"  无变化 {noop['build_seconds']:.1f} s，改一个文件后增量 {incremental['build_seconds']:.1f} s"
          f"（嵌入 {incremental['embedded']} 次）", flush=True)
    size_total, size_build = dir_size_mb(index), current_build_size(index)
    query = run_child(_QUERY_CHILD, str(src), str(index), str(QUESTIONS), str(rounds))
    times = query["times"]
    row = {
        "copies": f"{copies}x", "n": copies, "documents": full["documents"], "chunks": full["chunks"],
        "embedded": full["embedded"],
        "build_s": round(full["build_seconds"], 1), "build_peak_mb": round(full["peak_rss_mb"]),
        "noop_s": round(noop["build_seconds"], 2),
        "incremental_s": round(incremental["build_seconds"], 1), "incremental_embedded": incremental["embedded"],
        "index_mb": size_build, "index_dir_mb": size_total,
        "open_s": round(query["open_s"], 1),
        "query_p50_ms": round(percentile(times, 50), 1), "query_p95_ms": round(percentile(times, 95), 1),
        "serve_rss_mb": round(query["rss_mb"]), "serve_peak_mb": round(query["peak_rss_mb"]),
    }
    if not keep:
        shutil.rmtree(index, ignore_errors=True)
        shutil.rmtree(src, ignore_errors=True)
    return row


COLUMNS = [("copies", "语料"), ("documents", "文件"), ("chunks", "检索块"), ("build_s", "全量构建 s"),
           ("build_peak_mb", "构建峰值 MB"), ("noop_s", "无变化 s"), ("incremental_s", "改一文件增量 s"),
           ("index_mb", "索引 MB"), ("open_s", "打开 s"), ("query_p50_ms", "查询 p50 ms"),
           ("query_p95_ms", "查询 p95 ms"), ("serve_rss_mb", "服务内存 MB")]


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = [r["n"] for r in rows]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7))
    ax = axes[0][0]
    ax.plot(n, [r["build_s"] for r in rows], "o-", label="full build")
    ax.plot(n, [r["incremental_s"] for r in rows], "s-", label="edit one document")
    ax.plot(n, [r["noop_s"] for r in rows], "^-", label="nothing changed")
    ax.set(title="Index build time", xlabel="corpus copies", ylabel="seconds")
    ax.legend()
    ax = axes[0][1]
    ax.plot(n, [r["query_p50_ms"] for r in rows], "o-", label="p50")
    ax.plot(n, [r["query_p95_ms"] for r in rows], "s-", label="p95")
    ax.set(title="Warm query latency", xlabel="corpus copies", ylabel="ms")
    ax.legend()
    ax = axes[1][0]
    ax.plot(n, [r["index_mb"] for r in rows], "o-")
    ax.set(title="Index size on disk (serving build)", xlabel="corpus copies", ylabel="MB")
    ax = axes[1][1]
    ax.plot(n, [r["serve_rss_mb"] for r in rows], "o-", label="serving process RSS")
    ax.plot(n, [r["build_peak_mb"] for r in rows], "s-", label="build peak RSS")
    ax.set(title="Memory", xlabel="corpus copies", ylabel="MB")
    ax.legend()
    for a in axes.flat:
        a.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--rounds", type=int, default=2, help="passes over the question file per size")
    parser.add_argument("--append", action="store_true", help="merge with rows already in scale.json")
    parser.add_argument("--work", help="scratch folder (default: a temp dir, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the built indexes in --work")
    args = parser.parse_args(argv)

    info = machine()
    print(f"机器：{describe_machine(info)}")
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="pa-bench-scale-"))
    rows: dict[int, dict] = {}
    previous = RESULTS / "scale.json"
    if args.append and previous.exists():
        rows = {r["n"]: r for r in json.loads(previous.read_text(encoding="utf-8"))["rows"]}
    try:
        for copies in args.sizes:
            print(f"{copies}x 语料：", flush=True)
            rows[copies] = measure(Path(args.corpus), work, copies, args.rounds, args.keep)
            rows[copies]["machine_load"] = machine()["load_avg_1m"]
            print(table([rows[copies]], COLUMNS), flush=True)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    ordered = [rows[k] for k in sorted(rows)]
    print()
    print(table(ordered, COLUMNS))
    base = ordered[0]
    for row in ordered[1:]:
        print(f"{row['copies']} 相对 {base['copies']}：全量构建 {row['build_s'] / base['build_s']:.1f} 倍，"
              f"增量 {row['incremental_s'] / base['incremental_s']:.1f} 倍，索引大小 {row['index_mb'] / base['index_mb']:.1f} 倍，"
              f"查询 p50 {row['query_p50_ms'] / base['query_p50_ms']:.1f} 倍，服务内存 {row['serve_rss_mb'] / base['serve_rss_mb']:.1f} 倍")
    path = save("scale", {"machine": info, "rows": ordered})
    plot(ordered, RESULTS / "scale.png")
    print(f"结果已保存：{path.relative_to(ROOT)}，图：{(RESULTS / 'scale.png').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
