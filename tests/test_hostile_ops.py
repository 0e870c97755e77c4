"""Issue #24, finding 12: operator traps. A real full disk (a tmpfs, when
this process may mount one), a real Chroma server stopped under a served
app, and a document's Markdown links and $$ math shown in headless chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from conftest import MINI_DOC, MINI_LINES
from test_security import ROOT, start

LEAD_Q = "高新技术企业倍增行动由哪个部门牵头？"


def _mini_corpus(second_doc_path, folder: Path, extra: str = "") -> Path:
    folder.mkdir(parents=True)
    lines = second_doc_path.read_text(encoding="utf-8").split("\n")[:MINI_LINES]
    text = "\n".join(lines) + "\n"
    if extra:
        text = text.replace("建立高新技术企业培育库，", f"建立高新技术企业培育库，{extra}", 1)
    (folder / MINI_DOC).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def tmpfs(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root): the full disk is not reachable")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_is_named_not_a_rebuild(second_doc_path, tmp_path, tmpfs):
    from assistant.index.build import build_index
    from assistant.settings import Settings

    corpus = _mini_corpus(second_doc_path, tmp_path / "corpus")
    build_index(Settings.load(corpus_dir=corpus, index_dir=tmp_path / "index", embedding_backend="hashing"))
    shutil.copytree(corpus, tmpfs / "corpus")
    shutil.copytree(tmp_path / "index", tmpfs / "index")
    with open(tmpfs / "fill", "wb") as fill:  # the disk is now full
        try:
            while True:
                fill.write(b"\0" * 65536)
        except OSError:
            pass
    asked = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", LEAD_Q, "--corpus", str(tmpfs / "corpus"),
                            "--index", str(tmpfs / "index")], cwd=ROOT, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "POLICY_ASSISTANT_EMBEDDING_BACKEND": "hashing"})
    assert asked.returncode != 0 and "磁盘空间不足" in asked.stderr, asked.stderr
    assert "--rebuild" not in asked.stderr and "Traceback" not in asked.stderr


def test_health_reports_a_stopped_vector_store(second_doc_path, tmp_path):
    from chroma_server import ChromaServer

    from assistant.index.build import build_index
    from assistant.service import Assistant
    from assistant.settings import Settings

    server = ChromaServer(tmp_path / "chroma").start(timeout=120)
    demo = None
    try:
        settings = Settings.load(corpus_dir=_mini_corpus(second_doc_path, tmp_path / "corpus"),
                                 index_dir=tmp_path / "index", embedding_backend="hashing", chroma_url=server.url)
        build_index(settings)
        demo, url = start(Assistant.open(settings), settings)
        assert httpx.get(f"{url}/api/v1/health", timeout=60).status_code == 200
        server.stop()
        down = httpx.get(f"{url}/api/v1/health", timeout=60)
        assert down.status_code == 503 and down.json()["status"] == "unavailable"
        assert "向量库" in down.json()["error"]
    finally:
        if demo is not None:
            demo.close()
        server.stop()


LINK = "[点此领取补贴](http://evil.test/claim)"
MATH = r"$$\rule{3000px}{40px}$$"


def test_document_links_and_math_are_shown_as_text(second_doc_path, tmp_path):
    from browser import browser_page, chromium_path

    from assistant.index.build import build_index
    from assistant.service import Assistant
    from assistant.settings import Settings

    if chromium_path() is None:
        pytest.skip("Debian chromium is not installed")
    settings = Settings.load(corpus_dir=_mini_corpus(second_doc_path, tmp_path / "corpus", f"详见{LINK}{MATH}，"),
                             index_dir=tmp_path / "index", embedding_backend="hashing")
    build_index(settings)
    demo, url = start(Assistant.open(settings), settings)
    try:
        with browser_page() as page:
            page.goto(url + "/")
            page.locator("#question-box textarea").fill("建立高新技术企业培育库详见点此领取补贴")
            page.locator("#send-btn").click()
            page.wait_for_function("document.querySelectorAll('#chatbot .cite-detail').length > 0", timeout=60_000)
            for detail in page.locator("#chatbot summary.cite-mark").all():
                detail.click()
            page.wait_for_timeout(1000)
            chat = page.locator("#chatbot")
            assert "点此领取补贴" in chat.inner_text()
            assert chat.locator("a[href*='evil.test']").count() == 0
            assert chat.locator(".katex").count() == 0
            widest = page.evaluate("Math.max(0, ...[...document.querySelectorAll('#chatbot *')]"
                                   ".map(e => e.getBoundingClientRect().width))")
            assert widest < 2000
    finally:
        demo.close()
