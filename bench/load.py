"""Load: N concurrent clients (N = 1, 8, 32) asking the mixed question file
through the running web app, by the REST API (`POST /api/v1/ask`, httpx)
and by Gradio's `/ask` API (gradio_client), 127.0.0.1, bounded in count and
time per level; throughput, p50/p95/p99 latency and errors per N, and the
server's resident memory before and after. Then the CLI batch path
(`ask --json --file`) in questions/s, in the same run.

    python bench/load.py                       # starts `policy-assistant serve` on a free port
    python bench/load.py --url http://127.0.0.1:7860   # or uses an app already running
    options: --levels 1 8 32 --requests 160 --repeat 3 --max-seconds 120 --auth USER:PASS --via rest gradio

Saves bench/results/load.json. Exit status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from common import (QUESTIONS, ROOT, describe_machine, machine, process_rss_mb, read_questions, save, stop_server,
                    summary, table)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli_command() -> list[str]:
    script = Path(sys.executable).parent / "policy-assistant"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


def location_args(args) -> list[str]:
    out = []
    for flag, value in (("--corpus", args.corpus), ("--index", args.index), ("--chroma-url", args.chroma_url)):
        if value:
            out += [flag, value]
    return out


class App:
    """`policy-assistant serve` on a free loopback port, stopped by PID."""

    def __init__(self, args):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(ROOT / "bench" / "results" / "load-server.log", "w")
        self.proc = subprocess.Popen(
            [*cli_command(), "serve", "--host", "127.0.0.1", "--port", str(self.port), *location_args(args)],
            cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    def wait_ready(self, timeout: float = 300) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"错误：网页应用退出（{self.proc.returncode}），见 bench/results/load-server.log")
            try:
                with urllib.request.urlopen(self.url + "/config", timeout=2) as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise SystemExit(f"错误：网页应用 {timeout:.0f} 秒内没有就绪")

    def rss_mb(self) -> float:
        """The server process's resident memory now (VmRSS)."""
        return process_rss_mb(self.proc.pid)

    def stop(self) -> None:
        stop_server(self.proc)
        self.log.close()


def make_client(url: str, auth):
    from gradio_client import Client

    return Client(url, verbose=False, auth=auth, download_files=False, analytics_enabled=False)


class RestClient:
    """One REST client (its own connection), asking like gradio_client's predict."""

    def __init__(self, url: str, auth):
        import httpx

        self.http = httpx.Client(base_url=url, auth=auth, timeout=120)

    def predict(self, question: str, api_name: str = "/ask") -> dict:
        response = self.http.post("/api/v1/ask", json={"question": question})
        body = response.json()
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {body.get('error', body)}")
        return body


def run_level(url: str, auth, questions: list[str], clients: int, total: int, max_seconds: float,
              via: str = "gradio") -> dict:
    pool = [make_client(url, auth) if via == "gradio" else RestClient(url, auth) for _ in range(clients)]
    counter = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    deadline = started + max_seconds

    def worker(client) -> None:
        while time.perf_counter() < deadline:
            with lock:
                i = next(counter)
            if i >= total:
                return
            question = questions[i % len(questions)]
            t = time.perf_counter()
            try:
                result = client.predict(question, api_name="/ask")
                if isinstance(result, str):
                    result = json.loads(result)
                if not result.get("answer"):
                    raise ValueError(f"no answer: {str(result)[:200]}")
            except Exception as exc:  # every failure counts, whatever its kind
                with lock:
                    errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
                continue
            with lock:
                latencies.append((time.perf_counter() - t) * 1000)

    threads = [threading.Thread(target=worker, args=(c,)) for c in pool]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    stats = summary(latencies)
    return {
        "via": via, "clients": clients, "completed": len(latencies), "errors": len(errors), "error_samples": errors[:3],
        "wall_s": round(wall, 1), "throughput_qps": round(len(latencies) / wall, 2),
        "p50_ms": stats["p50"], "p95_ms": stats["p95"], "p99_ms": stats["p99"], "timed_out": wall >= max_seconds,
    }


def median_row(runs: list[dict]) -> dict:
    """Medians over repeated runs of one level; errors are summed."""
    row = dict(runs[0])
    for key in ("completed", "wall_s", "throughput_qps", "p50_ms", "p95_ms", "p99_ms"):
        row[key] = statistics.median(r[key] for r in runs)
    row["errors"] = sum(r["errors"] for r in runs)
    row["error_samples"] = [e for r in runs for e in r["error_samples"]][:3]
    row["timed_out"] = any(r["timed_out"] for r in runs)
    row["runs"] = [{k: r[k] for k in ("throughput_qps", "p50_ms", "p95_ms", "p99_ms", "errors")} for r in runs]
    return row


def cli_batch(args, questions: list[str]) -> dict:
    """`ask --json --file` over the question file repeated --cli-copies times
    (comment lines removed), in one process."""
    path = ROOT / "bench" / "results" / ".load-questions.txt"
    path.write_text("\n".join(questions * args.cli_copies) + "\n", encoding="utf-8")
    started = time.perf_counter()
    proc = subprocess.run([*cli_command(), "ask", "--json", "--file", str(path), *location_args(args)],
                          cwd=ROOT, capture_output=True, text=True, timeout=1800,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - started
    path.unlink(missing_ok=True)
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    answered = [r for r in rows if "answer" in r]
    answer_s = sum(r["latency_ms"] for r in answered) / 1000
    return {
        "questions": len(rows), "answered": len(answered), "errors": len(rows) - len(answered),
        "exit": proc.returncode, "wall_s": round(wall, 1),
        "qps_end_to_end": round(len(answered) / wall, 2),
        "qps_answering": round(len(answered) / answer_s, 2) if answer_s else 0.0,
    }


COLUMNS = [("via", "接口"), ("clients", "并发客户端"), ("completed", "完成"), ("errors", "错误"), ("wall_s", "用时 s"),
           ("throughput_qps", "吞吐 问/秒"), ("p50_ms", "p50 ms"), ("p95_ms", "p95 ms"), ("p99_ms", "p99 ms")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="an app already running (default: start one on a free port)")
    parser.add_argument("--corpus")
    parser.add_argument("--index")
    parser.add_argument("--chroma-url")
    parser.add_argument("--questions", default=str(QUESTIONS))
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--requests", type=int, default=160, help="requests per run (at least 2 per client)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per level; medians are reported")
    parser.add_argument("--max-seconds", type=float, default=120, help="time bound per level")
    parser.add_argument("--auth", help="USER:PASS when the app asks for a login")
    parser.add_argument("--via", nargs="+", choices=["rest", "gradio"], default=["rest", "gradio"],
                        help="which API the clients call")
    parser.add_argument("--skip-cli", action="store_true", help="skip the CLI batch measurement")
    parser.add_argument("--cli-only", action="store_true", help="only the CLI batch measurement (no web app)")
    parser.add_argument("--cli-copies", type=int, default=5, help="the question file repeated this often for the CLI batch")
    args = parser.parse_args(argv)

    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    questions = read_questions(Path(args.questions))
    auth = tuple(args.auth.split(":", 1)) if args.auth else None
    info = machine()
    print(f"机器：{describe_machine(info)}")
    app = None
    if args.cli_only:
        args.levels, url = [], ""
    elif args.url:
        url = args.url
    else:
        app = App(args)
        print(f"启动网页应用 {app.url}（PID {app.proc.pid}）……", flush=True)
        print(f"就绪用时 {app.wait_ready():.1f} s", flush=True)
        url = app.url
    rows = []
    memory = {}
    try:
        if args.levels:
            make_client(url, auth).predict(questions[0], api_name="/ask")  # warm the app
            memory["before_mb"] = app.rss_mb() if app else None
        for via in args.via:
            for clients in args.levels:
                total = max(args.requests, 2 * clients)
                print(f"{via}：{clients} 个并发客户端，{total} 个请求 × {args.repeat} 次"
                      f"（每次上限 {args.max_seconds:.0f} 秒）……", flush=True)
                runs = [run_level(url, auth, questions, clients, total, args.max_seconds, via)
                        for _ in range(args.repeat)]
                rows.append(median_row(runs))
                print(table(rows[-1:], COLUMNS), flush=True)
                for sample in rows[-1]["error_samples"]:
                    print(f"  错误示例：{sample}")
        if app is not None and args.levels:
            memory["after_mb"] = app.rss_mb()
            print(f"服务进程常驻内存：压测前 {memory['before_mb']} MB，压测后 {memory['after_mb']} MB")
    finally:
        if app is not None:
            app.stop()
    batch = None if args.skip_cli else cli_batch(args, questions)
    print()
    print(table(rows, COLUMNS))
    if batch:
        print(f"命令行批量 `ask --json --file`：{batch['answered']}/{batch['questions']} 个问题，"
              f"总用时 {batch['wall_s']} s（含启动）= {batch['qps_end_to_end']} 问/秒；"
              f"仅计回答 {batch['qps_answering']} 问/秒；退出码 {batch['exit']}")
    errors = sum(r["errors"] for r in rows) + (batch["errors"] if batch else 0)
    print("错误总数：" + str(errors))
    previous = ROOT / "bench" / "results" / "load.json"
    if args.cli_only and previous.exists():  # keep the web measurements of the last full run
        rows = json.loads(previous.read_text(encoding="utf-8")).get("levels", [])
        url = json.loads(previous.read_text(encoding="utf-8")).get("url", "")
    if batch and rows:
        best = max(r["throughput_qps"] for r in rows if r["via"] == "rest" and r["clients"] == max(args.levels)) \
            if any(r["via"] == "rest" for r in rows) else 0
        print(f"REST {max(args.levels)} 客户端吞吐 / 命令行批量（端到端）= "
              f"{best / batch['qps_end_to_end']:.2f}" if batch["qps_end_to_end"] else "")
    path = save("load", {"machine": info, "url": url, "levels": rows, "cli_batch": batch, "server_rss": memory,
                         "questions": len(questions)})
    print(f"结果已保存：{path.relative_to(ROOT)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
