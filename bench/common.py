"""Shared helpers for the benchmark scripts: the machine, percentiles,
replicated corpora, index builds in a child process (wall time and peak
memory), and result files under bench/results/.

Every benchmark runs the real package on the real corpus; nothing is faked.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
QUESTIONS = ROOT / "bench" / "questions.txt"

if str(ROOT) not in sys.path:  # run as `python bench/x.py` without an install
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def machine() -> dict:
    """What the numbers were measured on."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_gb, 1),
        "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
        "load_avg_1m": round(load[0], 2), "when": time.strftime("%Y-%m-%d %H:%M"),
    }


def describe_machine(info: dict) -> str:
    return (f"{info['cpu']} · {info['cores']} 核 · 内存 {info['memory_gb']} GB · {info['os']} · "
            f"Python {info['python']} · 开始时 1 分钟负载 {info['load_avg_1m']}")


def percentile(values: list[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50": round(statistics.median(values), 2) if values else 0.0,
        "p95": round(percentile(values, 95), 2),
        "p99": round(percentile(values, 99), 2),
        "mean": round(statistics.fmean(values), 2) if values else 0.0,
        "max": round(max(values), 2) if values else 0.0,
    }


def read_questions(path: Path = QUESTIONS) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def replicate_corpus(source: Path, dest: Path, copies: int) -> list[Path]:
    """The corpus `copies` times over under distinct document names: copy 1
    keeps the original names, copy k is `名称（副本k）.txt`."""
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in source.iterdir() if p.is_file() and not p.name.startswith("."))
    out = []
    for k in range(1, copies + 1):
        for path in files:
            name = path.name if k == 1 else f"{path.stem}（副本{k:02d}）{path.suffix}"
            shutil.copy(path, dest / name)
            out.append(dest / name)
    return out


def process_rss_mb(pid: int) -> float:
    """A process's resident memory now (VmRSS), 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def stop_server(proc: subprocess.Popen) -> None:
    """Ctrl-C a server (it shuts down cleanly), killing it when it does not stop."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def dir_size_mb(path: Path) -> float:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return round(total / 1024 / 1024, 2)


_BUILD_CHILD = """
import json, sys, time
from dataclasses import asdict
from assistant.settings import Settings
from assistant.index.build import build_index
s = Settings.load(corpus_dir=sys.argv[1], index_dir=sys.argv[2], chroma_url=sys.argv[3] or None)
t = time.perf_counter()
r = build_index(s, force=sys.argv[4] == "1")
out = asdict(r); out["build_seconds"] = time.perf_counter() - t
print("RESULT " + json.dumps(out, ensure_ascii=False))
"""


def run_child(code: str, *args: str, timeout: float = 7200, code_root: Path | None = None,
              env: dict | None = None) -> dict:
    """Run Python `code` in a fresh process: its wall time, its own peak RSS
    (reaped with os.wait4) and the JSON it printed on a `RESULT ` line.
    `code_root`: import the package from there (another version, to compare; the child runs in that
    folder, as `python -c` puts its working folder first on the import path)."""
    started = time.perf_counter()
    out_path = RESULTS / f".child-{os.getpid()}.out"
    err_path = RESULTS / f".child-{os.getpid()}.err"
    RESULTS.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=code_root or ROOT, stdout=out, stderr=err,
                                env={**os.environ, **(env or {}), "PYTHONPATH": str(code_root or ROOT)})
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"child timed out after {timeout}s")
            time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    text, errors = out_path.read_text(), err_path.read_text()
    out_path.unlink(missing_ok=True)
    err_path.unlink(missing_ok=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}):\n{errors[-3000:]}")
    result = next((json.loads(l[7:]) for l in text.splitlines() if l.startswith("RESULT ")), {})
    return {"wall_seconds": round(wall, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), **result}


def timed_build(corpus: Path, index: Path, chroma_url: str = "", force: bool = False,
                code_root: Path | None = None, env: dict | None = None) -> dict:
    """One index build in a fresh process: wall time (including start-up and
    model load), the build's own seconds, peak RSS and the BuildReport."""
    return run_child(_BUILD_CHILD, str(corpus), str(index), chroma_url, "1" if force else "0", code_root=code_root,
                     env=env)


_NAIVE_CHILD = """
import json, sys, time
from assistant.settings import Settings
from assistant.evals.naive_rag import NaiveRAG, split_corpus
from assistant.index.embeddings import make_embeddings
s = Settings.load(corpus_dir=sys.argv[1])
t = time.perf_counter()
chunks = split_corpus(s, [])
NaiveRAG(chunks, make_embeddings(s))
print("RESULT " + json.dumps({"build_seconds": time.perf_counter() - t, "chunks": len(chunks),
                              "embedded": len(chunks), "documents": len({c.source for c in chunks})}))
"""


def timed_naive_build(corpus: Path) -> dict:
    """The evaluation's naive RAG peer indexing the same corpus (500-character
    splits, the same embedding model, an in-memory Chroma), in a fresh process."""
    return run_child(_NAIVE_CHILD, str(corpus))


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    """A Markdown table: columns are (key, header)."""
    head = "| " + " | ".join(h for _, h in columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"
    body = ["| " + " | ".join(str(row.get(k, "")) for k, _ in columns) + " |" for row in rows]
    return "\n".join([head, rule, *body])
