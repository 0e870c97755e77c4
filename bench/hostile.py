"""Replay issue #24's findings against a served app and print held/failed
per finding.

    python bench/hostile.py                 # hashing embedding (fast); --model for the bundled model

It copies corpus/ to a temporary folder, starts `policy-assistant serve` on
a free loopback port with login on (and small limits so the replays stay
short), then attacks it over HTTP the way the hostile round did: a
rebinding page, fn_index as a string, the three limiter bypasses, huge
declared bodies, malformed OpenAI bodies, Gradio's temporary uploads. The
document findings (lookalike uploads, bombs, CSV cells) are replayed on the
same corpus through the facade and `policy-assistant index`; a blank
AUTH_USER through `serve` itself. Every loop is bounded; all traffic goes
to 127.0.0.1. Results: bench/results/hostile.json.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import ROOT, save, stop_server
from load import cli_command as cli, free_port

import httpx  # noqa: E402

PASSWORD = "hostile-口令"
WINDOW = 4  # login_window_seconds of the served app: short, so each limiter replay starts afresh
ATTEMPTS = 5
TEMP_UPLOADS = 5
PLAN = next((ROOT / "corpus").glob("中山国家自主创新示范区建设实施方案*.txt"))


class Served:
    """`policy-assistant serve` on a free loopback port, stopped by its PID."""

    def __init__(self, corpus: Path, index: Path, env: dict):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(index.parent / "serve.log", "w")
        self.proc = subprocess.Popen([*cli(), "serve", "--port", str(self.port), "--corpus", str(corpus),
                                      "--index", str(index)], cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
                                     env={**os.environ, **env})

    def wait_ready(self, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"错误：网页应用退出（{self.proc.returncode}），见 {self.log.name}")
            try:
                request = urllib.request.Request(self.url + "/api/v1/health", headers=auth_header("admin", PASSWORD))
                with urllib.request.urlopen(request, timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(1)
        raise SystemExit(f"错误：网页应用 {timeout:.0f} 秒内没有就绪")

    def stop(self) -> None:
        stop_server(self.proc)
        self.log.close()


def auth_header(user: str, password: str) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def fresh_window() -> None:
    time.sleep(WINDOW + 1)


def declared_only(url: str, path: str, length: int) -> tuple[int, float]:
    """Headers of a body of `length` bytes, none of the body: (status, seconds)."""
    port = int(url.rsplit(":", 1)[1])
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                      f"Content-Length: {length}\r\n\r\n").encode())
        try:
            reply = sock.recv(4096).decode("latin1")
        except socket.timeout:
            return 0, time.monotonic() - started
    return int(reply.split(" ", 2)[1]), time.monotonic() - started


def upload_fn_index(url: str) -> int | None:
    """The upload event's index, from the page's own config (what any logged-in page reads)."""
    with httpx.Client() as page:
        page.post(f"{url}/login", data={"username": "admin", "password": PASSWORD})
        config = page.get(f"{url}/config", timeout=30).json()
    targets = {c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == "upload-btn"}
    return next((d.get("id", i) for i, d in enumerate(config["dependencies"])
                 if any(t[0] in targets for t in d.get("targets", []))), None)


# ---------------------------------------------------------------- the replays (each returns (held, detail))


def rebinding(url: str, corpus: Path) -> tuple[bool, str]:
    port = url.rsplit(":", 1)[1]
    before = sorted(p.name for p in corpus.iterdir())
    foreign = {"Host": f"evil.test:{port}", "Origin": f"http://evil.test:{port}"}
    page = httpx.get(f"{url}/", headers=foreign).status_code
    body = {"fn_index": upload_fn_index(url), "data": [None, True], "session_hash": "rebind"}
    join = httpx.post(f"{url}/gradio_api/queue/join", json=body, headers=foreign).status_code
    same = sorted(p.name for p in corpus.iterdir()) == before
    return page == 403 and join == 403 and same, f"page {page}, upload event {join}, corpus unchanged {same}"


def lookalike(corpus: Path, index: Path, env: dict) -> tuple[bool, str]:
    os.environ.update(env)
    from assistant.errors import UploadError
    from assistant.service import Assistant
    from assistant.settings import Settings

    served = Assistant.open(Settings.load(corpus_dir=corpus, index_dir=index))
    fake = PLAN.read_text(encoding="utf-8").replace("（牵头单位：市科技局；责任单位：各镇区，市经济和信息化局）",
                                                    "（牵头单位：市财政局）", 1)
    upload = index.parent / "upload.txt"
    upload.write_text(fake, encoding="utf-8")
    names = {"ascii": PLAN.stem.replace("（", "(").replace("）", ")"), "zero-width": PLAN.stem.replace("自主", "自\u200b主"),
             "full-width": PLAN.stem.replace("2016", "２０１６")}
    refused = []
    for kind, name in names.items():
        try:
            served.add_document(upload, f"{name}.txt", overwrite=False)
        except UploadError:
            refused.append(kind)
    return len(refused) == len(names), f"refused {len(refused)}/{len(names)} ({', '.join(refused)})"


def fn_index_string(url: str) -> tuple[bool, str]:
    body = {"fn_index": str(upload_fn_index(url)), "data": [None, True], "session_hash": "s"}
    with httpx.Client() as script:  # logged in, but never loaded the page
        script.post(f"{url}/login", data={"username": "admin", "password": PASSWORD})
        status = script.post(f"{url}/gradio_api/run/ask", json=body).status_code
    return status == 403, f"/gradio_api/run/ask with fn_index as a string, logged in without the page: {status}"


def limiter(url: str) -> tuple[bool, str]:
    rows = []
    fresh_window()
    codes = []
    for i in range(3 * ATTEMPTS):  # a bad guess, then a page answered 200 to a bad credential
        codes.append(httpx.post(f"{url}/api/v1/ask", json={"question": "补贴"},
                                headers=auth_header("admin", f"g{i}")).status_code)
        httpx.get(f"{url}/", headers=auth_header("admin", f"g{i}"))
    rows.append(("reset by a success", sum(c != 429 for c in codes)))
    fresh_window()

    def guess(i):
        return httpx.post(f"{url}/login", data={"username": "admin", "password": f"p{i}"}, timeout=60).status_code
    with ThreadPoolExecutor(10) as pool:
        codes = list(pool.map(guess, range(6 * ATTEMPTS)))
    rows.append(("parallel", sum(c != 429 for c in codes)))
    fresh_window()
    codes = [httpx.post(f"{url}/login", data={"username": "admin", "password": f"x{i}"},
                        headers={"X-Forwarded-For": f"10.0.{i}.1"}).status_code for i in range(3 * ATTEMPTS)]
    rows.append(("spoofed X-Forwarded-For", sum(c != 429 for c in codes)))
    fresh_window()
    return all(n <= ATTEMPTS for _, n in rows), "; ".join(f"{k}: {n} answered" for k, n in rows)


def bodies(url: str) -> tuple[bool, str]:
    huge, huge_s = declared_only(url, "/gradio_api/queue/join", 600 * 1024 * 1024)
    login, login_s = declared_only(url, "/api/v1/ask", 512 * 1024)
    return (huge == 413 and login == 401 and max(huge_s, login_s) < 10,
            f"600 MB to queue/join: {huge} in {huge_s:.1f} s; 512 KB to /api/v1/ask without login: {login} in "
            f"{login_s:.1f} s")


def openai_bodies(url: str) -> tuple[bool, str]:
    bad = [json.dumps({"messages": [{"role": "user", "content": [{"type": "text", "text": t}]}]}).encode()
           for t in (5, None)]
    bad += [b'{"messages": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", b'{"messages": [{"role": "user", "content": '
            b'"\xff\xfe"}]}', json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": "补贴"}]}).encode()]
    codes = [httpx.post(f"{url}/v1/chat/completions", content=b, timeout=60,
                        headers={"Content-Type": "application/json", **auth_header("admin", PASSWORD)}).status_code
             for b in bad]
    return all(c in (400, 422) for c in codes), f"statuses {codes}"


def bombs(corpus: Path, index: Path, env: dict) -> tuple[bool, str]:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_hostile_documents import docx_bomb, pdf_with

    (corpus / "bomb.docx").write_bytes(docx_bomb(300))
    (corpus / "bomb.pdf").write_bytes(pdf_with(b" " * (100 * 1024 * 1024)))
    (corpus / "huge.txt").write_bytes(("大文件\n" + "内容。" * 2_000_000).encode("utf-8"))
    started = time.monotonic()
    built = subprocess.run([*cli(), "index", "--corpus", str(corpus), "--index", str(index)], cwd=ROOT,
                           capture_output=True, text=True, timeout=900, env={**os.environ, **env})
    seconds = time.monotonic() - started
    for name in ("bomb.docx", "bomb.pdf", "huge.txt"):
        (corpus / name).unlink()
    named = [n for n in ("bomb.docx", "bomb.pdf", "huge.txt") if n in built.stdout]
    return (built.returncode == 0 and len(named) == 3 and "意外" not in built.stdout,
            f"{len(named)}/3 refused by name, index took {seconds:.1f} s")


def temp_uploads(url: str) -> tuple[bool, str]:
    with httpx.Client() as page:
        cold = page.post(f"{url}/gradio_api/upload", files={"files": ("a.txt", b"x", "text/plain")}).status_code
        page.post(f"{url}/login", data={"username": "admin", "password": PASSWORD})
        page.get(f"{url}/")
        codes = [page.post(f"{url}/gradio_api/upload", files={"files": ("a.txt", b"x", "text/plain")}).status_code
                 for _ in range(4 * TEMP_UPLOADS)]
    accepted = sum(c == 200 for c in codes)
    return cold in (401, 403) and accepted <= TEMP_UPLOADS, f"without the page: {cold}; with it: {accepted} accepted"


def csv_cells() -> tuple[bool, str]:
    from assistant.web.common import write_csv

    path = write_csv("hostile", ["任务"], [['=HYPERLINK("http://evil.test")'], ["+1"], ["@SUM(A1)"]])
    cells = Path(path).read_text(encoding="utf-8-sig").splitlines()[1:]
    return all(c.lstrip('"').startswith("'") for c in cells), f"cells {cells}"


def blank_user(corpus: Path, index: Path, env: dict) -> tuple[bool, str]:
    proc = subprocess.run([*cli(), "serve", "--port", str(free_port()), "--corpus", str(corpus), "--index",
                           str(index)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env, "POLICY_ASSISTANT_AUTH_USER": "   "})
    return proc.returncode == 2 and "空白" in proc.stderr, f"exit {proc.returncode}: {proc.stderr.strip()[:60]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="store_true", help="use the bundled embedding model (slower start)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="policy-assistant-hostile-"))
    corpus, index = work / "corpus", work / "index"
    shutil.copytree(ROOT / "corpus", corpus)
    env = {"POLICY_ASSISTANT_AUTH_USER": "admin", "POLICY_ASSISTANT_AUTH_PASSWORD": PASSWORD,
           "POLICY_ASSISTANT_LOGIN_ATTEMPTS": str(ATTEMPTS), "POLICY_ASSISTANT_LOGIN_WINDOW_SECONDS": str(WINDOW),
           "POLICY_ASSISTANT_MAX_TEMP_UPLOADS_PER_CLIENT": str(TEMP_UPLOADS), "PYTHONPATH": str(ROOT)}
    if not args.model:
        env["POLICY_ASSISTANT_EMBEDDING_BACKEND"] = "hashing"
    app = Served(corpus, index, env)
    results = {}
    try:
        app.wait_ready()
        for key, run in (("1 rebinding", lambda: rebinding(app.url, corpus)),
                         ("3 fn_index string", lambda: fn_index_string(app.url)),
                         ("4 login limiter", lambda: limiter(app.url)),
                         ("5 bodies before login", lambda: bodies(app.url)),
                         ("6 OpenAI bodies", lambda: openai_bodies(app.url)),
                         ("10 temporary uploads", lambda: temp_uploads(app.url))):
            results[key] = run()
            print(f"{key}: {'held' if results[key][0] else 'FAILED'} ({results[key][1]})", flush=True)
    finally:
        app.stop()
    for key, run in (("2 lookalike uploads", lambda: lookalike(corpus, index, env)),
                     ("8 bombs", lambda: bombs(corpus, index, env)),
                     ("11 CSV cells", csv_cells),
                     ("12 blank AUTH_USER", lambda: blank_user(corpus, index, env))):
        results[key] = run()
        print(f"{key}: {'held' if results[key][0] else 'FAILED'} ({results[key][1]})", flush=True)
    held = sum(ok for ok, _ in results.values())
    print(f"\n{held}/{len(results)} held (findings 7 and 9 are the answer layer's; 12's health and full disk: "
          "tests/test_hostile_ops.py)")
    save("hostile", {k: {"held": ok, "detail": d} for k, (ok, d) in results.items()})
    shutil.rmtree(work, ignore_errors=True)
    return 0 if held == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
