"""Per-question latency: warm (one open Assistant, every question of the
mixed question file asked several rounds) and cold (a fresh
`policy-assistant ask` process, start-up and model load included).

    python bench/latency.py [--index DIR --corpus DIR --chroma-url URL]
                            [--questions FILE] [--rounds 3] [--cold-runs 3]

Prints medians and p95 in milliseconds and saves bench/results/latency.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import QUESTIONS, ROOT, describe_machine, machine, read_questions, save, summary


def cli_command() -> list[str]:
    script = Path(sys.executable).parent / "policy-assistant"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


def location_args(settings) -> list[str]:
    args = ["--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]
    return args + (["--chroma-url", settings.chroma_url] if settings.chroma_url else [])


def cold_start(settings, question: str, runs: int) -> dict:
    """Wall time of a whole `policy-assistant ask --json` process."""
    walls, inner = [], []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run([*cli_command(), "ask", question, "--json", *location_args(settings)],
                              cwd=ROOT, capture_output=True, text=True, timeout=600,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        walls.append((time.perf_counter() - started) * 1000)
        if proc.returncode != 0:
            raise SystemExit(f"ask failed: {proc.stderr[-2000:]}")
        inner.append(json.loads(proc.stdout)["latency_ms"])
    return {"wall_ms": summary(walls), "answer_ms": summary(inner), "runs": runs}


def warm(settings, questions: list[str], rounds: int) -> dict:
    from assistant.service import Assistant, QuestionError

    started = time.perf_counter()
    assistant = Assistant.open(settings)
    open_ms = (time.perf_counter() - started) * 1000
    for question in questions[:3]:  # first-call costs (lazy imports, caches) are not "warm"
        assistant.ask(question)
    per_question: dict[str, list[float]] = {q: [] for q in questions}
    round_medians = []
    errors = 0
    for _ in range(rounds):
        times = []
        for question in questions:
            t = time.perf_counter()
            try:
                assistant.ask(question)
            except QuestionError:
                errors += 1
            elapsed = (time.perf_counter() - t) * 1000
            per_question[question].append(elapsed)
            times.append(elapsed)
        round_medians.append(statistics.median(times))
    every = [t for values in per_question.values() for t in values]
    slowest = sorted(((statistics.median(v), q) for q, v in per_question.items()), reverse=True)[:3]
    return {
        "open_ms": round(open_ms, 1),
        "all_ms": summary(every),
        "round_medians_ms": [round(m, 2) for m in round_medians],
        "slowest": [{"question": q, "median_ms": round(m, 1)} for m, q in slowest],
        "questions": len(questions), "rounds": rounds, "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus")
    parser.add_argument("--index")
    parser.add_argument("--chroma-url")
    parser.add_argument("--questions", default=str(QUESTIONS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args(argv)

    from assistant.index.build import current_build
    from assistant.settings import Settings

    settings = Settings.load(corpus_dir=args.corpus, index_dir=args.index, chroma_url=args.chroma_url)
    if current_build(settings) is None:
        print(f"错误：{settings.index_dir} 没有索引，请先运行 policy-assistant index", file=sys.stderr)
        return 2
    questions = read_questions(Path(args.questions))
    info = machine()
    print(f"机器：{describe_machine(info)}")
    print(f"索引：{settings.index_dir}（{settings.chroma_url or '内嵌 Chroma'}），问题 {len(questions)} 个 × {args.rounds} 轮")

    hot = warm(settings, questions, args.rounds)
    cold = cold_start(settings, questions[0], args.cold_runs)
    print(f"打开索引（加载模型）：{hot['open_ms']:.0f} ms")
    print(f"热启动每问延迟：中位数 {hot['all_ms']['p50']} ms，p95 {hot['all_ms']['p95']} ms，"
          f"最大 {hot['all_ms']['max']} ms（各轮中位数 {hot['round_medians_ms']}）")
    for item in hot["slowest"]:
        print(f"  较慢：{item['median_ms']} ms  {item['question']}")
    print(f"冷启动 `policy-assistant ask`（{cold['runs']} 次）：中位数 {cold['wall_ms']['p50'] / 1000:.2f} s，"
          f"其中回答本身 {cold['answer_ms']['p50']} ms")
    ratio = cold["wall_ms"]["p50"] / max(hot["all_ms"]["p50"], 1e-6)
    print(f"冷启动 / 热启动中位数 = {ratio:.0f} 倍")
    path = save("latency", {"machine": info, "index": str(settings.index_dir), "warm": hot, "cold": cold,
                            "cold_over_warm": round(ratio, 1)})
    print(f"结果已保存：{path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
