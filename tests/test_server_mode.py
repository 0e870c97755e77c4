"""Chroma server mode: a real `chroma run` on a free loopback port.

The index is built into the server through the CLI's --chroma-url, then the
same questions are asked of the server-backed and the embedded assistant and
must cite the same sections. The server going away mid-session is a clear
error (never a stack trace), and the same assistant recovers when the server
comes back on the same port and data path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import chromadb
import pytest
from chroma_server import ChromaServer

from assistant.index.build import IndexUnavailable, current_build
from assistant.service import Assistant
from assistant.index.vectorstore import collection_name

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUESTION_TYPES = ("lead", "responsibility", "target", "fact", "eligibility", "out_of_scope")


def cli(*args: str, env: dict | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})},
    )


def gold_questions() -> list[str]:
    """The first gold question of each type: a mix the users ask."""
    picked: dict[str, str] = {}
    with open(os.path.join(ROOT, "evals", "gold", "dev.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            picked.setdefault(item["type"], item["question"])
    return [picked[t] for t in QUESTION_TYPES if t in picked]


def cited(answer) -> list[tuple[str, str, str]]:
    return [(c.doc, c.section, c.quote) for c in answer.citations]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("chroma-server")
    srv = ChromaServer(root / "data").start()
    yield srv
    srv.stop()
    assert srv.process is None


@pytest.fixture(scope="module")
def server_settings(settings, server, tmp_path_factory):
    """The session index copied, then re-indexed into the server through the
    CLI (unchanged chunks keep their vectors, so nothing is re-embedded)."""
    root = tmp_path_factory.mktemp("server-index")
    shutil.copytree(settings.index_dir, root / "index")
    s = settings.with_overrides(index_dir=root / "index", chroma_url=server.url)
    result = cli("index", "--corpus", str(s.corpus_dir), "--index", str(s.index_dir), "--chroma-url", server.url)
    assert result.returncode == 0, result.stderr
    assert "索引构建完成" in result.stdout
    return s


def test_index_lives_on_the_server(server_settings, server):
    build = current_build(server_settings)
    chunks = json.loads((build / "chunks.json").read_text(encoding="utf-8"))
    client = chromadb.HttpClient(host="127.0.0.1", port=server.port)
    collection = client.get_collection(collection_name(build.name), embedding_function=None)
    assert collection.count() == len(chunks)
    assert not (build / "chroma").exists()  # nothing was written to an embedded store


def test_server_answers_match_embedded(server_settings, assistant):
    remote = Assistant.open(server_settings)
    questions = gold_questions()
    assert len(questions) >= 6
    for question in questions:
        local, served = assistant.ask(question), remote.ask(question)
        assert served.answerable == local.answerable, question
        assert cited(served) == cited(local), question
        assert served.text == local.text, question


def test_cli_reads_server_url_from_environment(server_settings):
    question = gold_questions()[0]
    result = cli("ask", question, "--json", "--corpus", str(server_settings.corpus_dir),
                 "--index", str(server_settings.index_dir),
                 env={"POLICY_ASSISTANT_CHROMA_URL": server_settings.chroma_url})
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["citations"]


def test_server_down_is_a_clear_error_and_recovers(server_settings, server):
    question = gold_questions()[0]
    live = Assistant.open(server_settings)
    before = cited(live.ask(question))
    assert before

    server.stop()
    with pytest.raises(IndexUnavailable) as raised:
        live.ask(question)
    assert "Chroma" in str(raised.value)
    with pytest.raises(IndexUnavailable):
        Assistant.open(server_settings)
    down = cli("ask", question, "--corpus", str(server_settings.corpus_dir),
               "--index", str(server_settings.index_dir), "--chroma-url", server.url)
    assert down.returncode == 2
    assert "错误" in down.stderr and "Traceback" not in down.stderr

    server.start()  # same port, same data path
    assert cited(live.ask(question)) == before  # the same session recovers
    assert cited(Assistant.open(server_settings).ask(question)) == before
