"""Index build time, vectors per second and peak memory for a corpus at
several sizes (the corpus replicated under different document names), each
a fresh build in its own process; in the same run, the naive RAG peer's
build of the same corpus, and optionally the build of another version of
the code (`--baseline DIR`, e.g. a `git archive` of main before a change),
the two alternating so both see the same machine state.

    python bench/index_build.py [--corpus DIR] [--sizes 1 10] [--repeat 1] [--work DIR]
                                [--baseline DIR] [--current-env NAME=VALUE] [--no-naive] [--name index_build]

Prints a table and saves bench/results/index_build.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from common import ROOT, describe_machine, machine, replicate_corpus, save, table, timed_build, timed_naive_build


def measure(corpus: Path, work: Path, copies: int, repeat: int, who: str, code_root: Path | None,
            env: dict | None = None) -> dict:
    src = work / f"corpus-{copies}x"
    if not src.exists():
        replicate_corpus(corpus, src, copies)
    runs = []
    for n in range(repeat):
        index = work / f"index-{copies}x-{who}-{n}"
        runs.append(timed_naive_build(src) if who == "naive" else timed_build(src, index, code_root=code_root,
                                                                                      env=env))
        shutil.rmtree(index, ignore_errors=True)
    last = runs[-1]
    build_s = statistics.median(r["build_seconds"] for r in runs)
    return {
        "copies": f"{copies}x",
        "builder": who,
        "documents": last["documents"],
        "sections": last.get("sections", ""),
        "chunks": last["chunks"],
        "embedded": last["embedded"],
        "build_s": round(build_s, 1),
        "vectors_per_s": round(last["embedded"] / build_s, 1) if build_s else 0.0,
        "wall_s": round(statistics.median(r["wall_seconds"] for r in runs), 1),
        "peak_rss_mb": round(statistics.median(r["peak_rss_mb"] for r in runs)),
        "runs": len(runs),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--repeat", type=int, default=1, help="builds per size (the median is reported)")
    parser.add_argument("--work", help="scratch folder (default: a temp dir, removed afterwards)")
    parser.add_argument("--baseline", help="another checkout of the code to build with, alternating with this one")
    parser.add_argument("--current-env", action="append", default=[], metavar="NAME=VALUE",
                        help="environment for this checkout's builds only, e.g. POLICY_ASSISTANT_CHUNK_VECTORS=pooled")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive RAG peer's build")
    parser.add_argument("--name", default="index_build", help="result file name under bench/results/")
    args = parser.parse_args(argv)

    info = machine()
    print(f"机器：{describe_machine(info)}")
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="pa-bench-build-"))
    builders = [("current", None)]
    if args.baseline:
        builders.insert(0, ("baseline", Path(args.baseline).resolve()))
    if not args.no_naive:
        builders.append(("naive", None))
    rows = []
    try:
        for copies in args.sizes:
            for who, code_root in builders:
                print(f"构建 {copies}x 语料（{who}）……", flush=True)
                env = dict(e.split("=", 1) for e in args.current_env) if who == "current" else None
                rows.append(measure(Path(args.corpus), work, copies, args.repeat, who, code_root, env))
                print(table(rows[-1:], COLUMNS), flush=True)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    for row in rows:
        base = next(r for r in rows if r["builder"] == row["builder"])
        row["time_ratio"] = round(row["build_s"] / base["build_s"], 1)
        row["memory_ratio"] = round(row["peak_rss_mb"] / base["peak_rss_mb"], 2)
        if args.baseline:
            before = next(r for r in rows if r["builder"] == "baseline" and r["copies"] == row["copies"])
            row["speedup_vs_baseline"] = round(before["build_s"] / row["build_s"], 2)
    print()
    extra = [("time_ratio", "时间倍数"), ("memory_ratio", "内存倍数")]
    if args.baseline:
        extra.append(("speedup_vs_baseline", "相对基线提速"))
    print(table(rows, COLUMNS + extra))
    path = save(args.name, {"machine": info, "baseline": args.baseline, "rows": rows})
    print(f"结果已保存：{path.relative_to(ROOT)}")
    return 0


COLUMNS = [("copies", "语料"), ("builder", "构建者"), ("documents", "文件"), ("sections", "章节"), ("chunks", "检索块"),
           ("embedded", "嵌入次数"), ("build_s", "构建秒数"), ("vectors_per_s", "向量/秒"), ("wall_s", "进程总秒数"), ("peak_rss_mb", "峰值内存 MB")]

if __name__ == "__main__":
    sys.exit(main())
