"""Index build time and peak memory for the corpus at 1x and at 20x (the
corpus replicated under different document names), each a fresh build in
its own process.

    python bench/index_build.py [--corpus DIR] [--sizes 1 20] [--repeat 1] [--work DIR]

Prints a table and saves bench/results/index_build.json.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from common import ROOT, describe_machine, machine, replicate_corpus, save, table, timed_build


def measure(corpus: Path, work: Path, copies: int, repeat: int) -> dict:
    src = work / f"corpus-{copies}x"
    replicate_corpus(corpus, src, copies)
    runs = []
    for n in range(repeat):
        index = work / f"index-{copies}x-{n}"
        runs.append(timed_build(src, index))
        shutil.rmtree(index, ignore_errors=True)
    last = runs[-1]
    return {
        "copies": f"{copies}x",
        "documents": last["documents"],
        "sections": last["sections"],
        "chunks": last["chunks"],
        "embedded": last["embedded"],
        "build_s": round(statistics.median(r["build_seconds"] for r in runs), 1),
        "wall_s": round(statistics.median(r["wall_seconds"] for r in runs), 1),
        "peak_rss_mb": round(statistics.median(r["peak_rss_mb"] for r in runs)),
        "runs": len(runs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--repeat", type=int, default=1, help="builds per size (the median is reported)")
    parser.add_argument("--work", help="scratch folder (default: a temp dir, removed afterwards)")
    args = parser.parse_args(argv)

    info = machine()
    print(f"机器：{describe_machine(info)}")
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="pa-bench-build-"))
    rows = []
    try:
        for copies in args.sizes:
            print(f"构建 {copies}x 语料……", flush=True)
            rows.append(measure(Path(args.corpus), work, copies, args.repeat))
            print(table(rows[-1:], COLUMNS), flush=True)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    base = rows[0]
    for row in rows:
        row["time_ratio"] = round(row["build_s"] / base["build_s"], 1)
        row["memory_ratio"] = round(row["peak_rss_mb"] / base["peak_rss_mb"], 2)
        row["s_per_embedded_100"] = round(100 * row["build_s"] / max(row["embedded"], 1), 1)
    print()
    print(table(rows, COLUMNS + [("time_ratio", "时间倍数"), ("memory_ratio", "内存倍数"),
                                 ("s_per_embedded_100", "每百次嵌入秒数")]))
    path = save("index_build", {"machine": info, "rows": rows})
    print(f"结果已保存：{path.relative_to(ROOT)}")
    return 0


COLUMNS = [("copies", "语料"), ("documents", "文件"), ("sections", "章节"), ("chunks", "检索块"),
           ("embedded", "嵌入次数"), ("build_s", "构建秒数"), ("wall_s", "进程总秒数"), ("peak_rss_mb", "峰值内存 MB")]

if __name__ == "__main__":
    sys.exit(main())
