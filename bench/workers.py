"""Several app workers, one Chroma server: a real `chroma run`, one index
folder, N `policy-assistant serve` processes (default 2) on their own ports.

1. index the corpus into the server (`index --chroma-url`);
2. start the workers; C concurrent REST clients per worker ask the mixed
   question file for a bounded count (q/s, p50, p99, errors, per worker and
   together);
3. re-index after a document is edited (one sentence appended to a copy of
   the corpus), while the workers run;
4. check that every worker now reports and answers from the new build,
   without a restart (health's `build`; whether the answer quotes the edit
   is recorded too).

    python bench/workers.py [--corpus DIR] [--workers 2] [--clients 8] [--requests 160]

Saves bench/results/workers.json; exit 1 when a worker failed a check.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from common import ROOT, describe_machine, machine, process_rss_mb, read_questions, save, stop_server, summary, table

sys.path.insert(0, str(ROOT / "tests"))
from chroma_server import ChromaServer, free_port  # noqa: E402

EDIT = "\n本方案由市科技局负责解释，自印发之日起施行，有效期五年。\n"  # an edit whose sentence can be asked for


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=7200)


class Worker:
    def __init__(self, n: int, where: list[str], log_dir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(log_dir / f"worker-{n}.log", "w")
        self.proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(self.port), *where],
                                     cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)})

    def health(self) -> dict:
        return httpx.get(self.url + "/api/v1/health", timeout=10).json()

    def wait_ready(self, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"worker on {self.url} exited; see its log")
            try:
                if self.health().get("status") == "ready":
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"worker on {self.url} not ready within {timeout:.0f} s")

    def rss_mb(self) -> float:
        return process_rss_mb(self.proc.pid)

    def stop(self) -> None:
        stop_server(self.proc)
        self.log.close()


def load(workers: list[Worker], questions: list[str], clients: int, total: int) -> list[dict]:
    """`clients` REST clients per worker, `total` requests per worker, all at once."""
    results = {w.url: {"lat": [], "err": []} for w in workers}
    lock = threading.Lock()
    counters = {w.url: iter(range(total)) for w in workers}

    def run(worker: Worker) -> None:
        with httpx.Client(base_url=worker.url, timeout=120) as http:
            while True:
                with lock:
                    i = next(counters[worker.url], None)
                if i is None:
                    return
                t = time.perf_counter()
                try:
                    r = http.post("/api/v1/ask", json={"question": questions[i % len(questions)]})
                    r.raise_for_status()
                    with lock:
                        results[worker.url]["lat"].append((time.perf_counter() - t) * 1000)
                except Exception as exc:  # noqa: BLE001 - every failure counts
                    with lock:
                        results[worker.url]["err"].append(str(exc)[:200])

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(w,)) for w in workers for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    rows = []
    for w in workers:
        stats = summary(results[w.url]["lat"])
        rows.append({"worker": w.url, "completed": stats["n"], "errors": len(results[w.url]["err"]),
                     "qps": round(stats["n"] / wall, 2), "p50_ms": stats["p50"], "p99_ms": stats["p99"]})
    all_lat = [x for r in results.values() for x in r["lat"]]
    stats = summary(all_lat)
    rows.append({"worker": "together", "completed": stats["n"], "errors": sum(r["errors"] for r in rows),
                 "qps": round(stats["n"] / wall, 2), "p50_ms": stats["p50"], "p99_ms": stats["p99"]})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8, help="concurrent REST clients per worker")
    parser.add_argument("--requests", type=int, default=160, help="requests per worker")
    args = parser.parse_args(argv)

    info = machine()
    print(f"机器：{describe_machine(info)}")
    work = Path(tempfile.mkdtemp(prefix="pa-bench-workers-"))
    corpus = work / "corpus"
    shutil.copytree(args.corpus, corpus)
    chroma = ChromaServer(work / "chroma", log=work / "chroma.log").start()
    where = ["--corpus", str(corpus), "--index", str(work / "index"), "--chroma-url", chroma.url]
    workers: list[Worker] = []
    out: dict = {"machine": info, "workers": args.workers, "clients_per_worker": args.clients}
    failures = []
    try:
        t = time.perf_counter()
        first = cli("index", *where)
        assert first.returncode == 0, first.stderr[-2000:]
        out["first_build_s"] = round(time.perf_counter() - t, 1)
        workers = [Worker(n + 1, where, work) for n in range(args.workers)]
        for w in workers:
            w.wait_ready()
        builds = {w.url: w.health()["build"] for w in workers}
        print(f"{args.workers} 个工作进程就绪，构建 {set(builds.values())}；常驻内存 {[w.rss_mb() for w in workers]} MB")
        rows = load(workers, read_questions(), args.clients, args.requests)
        print(table(rows, [("worker", "工作进程"), ("completed", "完成"), ("errors", "错误"), ("qps", "问/秒"),
                           ("p50_ms", "p50 ms"), ("p99_ms", "p99 ms")]))
        out["load"] = rows
        out["rss_mb"] = [w.rss_mb() for w in workers]

        doc = sorted(corpus.glob("*.txt"))[0]
        with open(doc, "a", encoding="utf-8") as f:
            f.write(EDIT)
        t = time.perf_counter()
        again = cli("index", *where)
        assert again.returncode == 0, again.stderr[-2000:]
        out["reindex_s"] = round(time.perf_counter() - t, 1)
        new_build = (work / "index" / "CURRENT").read_text().strip()
        question = "本方案的有效期是多长时间？"
        out["after_reindex"] = []
        for w in workers:
            answer = httpx.post(w.url + "/api/v1/ask", json={"question": question}, timeout=60).json()
            state = w.health()
            quotes = " ".join(c["quote"] for c in answer.get("citations", []))
            ok = state.get("build") == new_build and "answer" in answer
            out["after_reindex"].append({"worker": w.url, "build": state.get("build"), "new_build": new_build,
                                         "answer": answer.get("answer", answer.get("error")), "ok": ok,
                                         "cites_the_edit": "有效期五年" in (answer.get("answer", "") + quotes)})
            print(f"{w.url}：重建后构建 {state.get('build')}（新构建 {new_build}），回答：{answer.get('answer', answer)}")
            if not ok:
                failures.append(w.url)
        if any(r["errors"] for r in rows):
            failures.append("load errors")
    finally:
        for w in workers:
            w.stop()
        chroma.stop()
        shutil.rmtree(work, ignore_errors=True)
    out["failures"] = failures
    path = save("workers", out)
    print(f"结果已保存：{path.relative_to(ROOT)}；{'全部通过' if not failures else '失败：' + str(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
