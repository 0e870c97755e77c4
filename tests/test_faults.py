"""Faults in the middle of work: a killed indexer, a damaged index, a corpus
file edited while it is being indexed, unreadable corpus files.

Every case must leave the user with a serving index or a clear Chinese
error that names the command to run (never a stack trace), and the named
command must actually recover.

Index builds are costly on a small machine, so the tests work on copies:
the kill test on a copy of the session index, the rest on a small index
(an excerpt of the second document) built once for this module.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MINI_DOC, MINI_LINES  # noqa: F401

from assistant.index.build import IndexUnavailable, build_index
from assistant.service import Assistant

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "高新技术企业倍增行动由哪个部门牵头？"


def cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def cli_for(settings, *args: str) -> subprocess.CompletedProcess:
    return cli(*args, "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir))


def copy_index(settings, dest: Path, corpus: bool = True):
    """A private copy of an index (and, by default, of its corpus)."""
    shutil.copytree(settings.index_dir, dest / "index")
    corpus_dir = settings.corpus_dir
    if corpus:
        corpus_dir = dest / "corpus"
        shutil.copytree(settings.corpus_dir, corpus_dir)
    return settings.with_overrides(index_dir=dest / "index", corpus_dir=corpus_dir)


def assert_serves(settings) -> None:
    answer = Assistant.open(settings).ask(QUESTION)
    assert answer.answerable and answer.citations


def assert_clear_failure(result: subprocess.CompletedProcess, command: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "错误" in result.stderr and command in result.stderr
    assert "Traceback" not in result.stderr




# ---------------------------------------------------------------- killed indexer


def test_indexer_killed_mid_build_keeps_old_index(settings, tmp_path):
    s = copy_index(settings, tmp_path)
    before = (s.index_dir / "CURRENT").read_text(encoding="utf-8")
    builds = s.index_dir / "builds"
    old_builds = set(os.listdir(builds))
    doc = next(s.corpus_dir.glob("示例市*.txt"))
    doc.write_text(doc.read_text(encoding="utf-8").replace(
        "建立高新技术企业培育库，", "建立高新技术企业培育库和量子计算企业名录，", 1), encoding="utf-8")

    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "index", "--corpus", str(s.corpus_dir), "--index", str(s.index_dir)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    new: set[str] = set()
    while not new and proc.poll() is None and time.monotonic() < deadline:
        new = set(os.listdir(builds)) - old_builds
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert new, "the indexer ended before it wrote a build directory"
    # Killed between creating its build directory and switching CURRENT.
    assert (s.index_dir / "CURRENT").read_text(encoding="utf-8") == before
    assert not (builds / new.pop() / "COMPLETE").exists()

    served = Assistant.open(s)
    assert served.index.build_id == before
    assert_serves(s)

    rerun = cli_for(s, "index")
    assert rerun.returncode == 0, rerun.stderr
    assert "索引构建完成" in rerun.stdout
    assert (s.index_dir / "CURRENT").read_text(encoding="utf-8") != before
    leftovers = [p.name for p in builds.iterdir() if not (p / "COMPLETE").exists()]
    assert leftovers == []  # the half-written build was cleaned away
    texts = [x.text for x in Assistant.open(s).sections()]
    assert any("量子计算企业名录" in t for t in texts)


# ---------------------------------------------------------------- damaged index


def _truncate_sections(index_dir: Path) -> None:
    path = current_build_dir(index_dir) / "sections.json"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _remove_complete(index_dir: Path) -> None:
    (current_build_dir(index_dir) / "COMPLETE").unlink()


def _garbage_current(index_dir: Path) -> None:
    (index_dir / "CURRENT").write_bytes(b"\x00\xff\x89PNG garbage\n")


def _traversal_current(index_dir: Path) -> None:
    (index_dir / "CURRENT").write_text("../" * 12 + "etc", encoding="utf-8")


def _delete_vector_store(index_dir: Path) -> None:
    shutil.rmtree(current_build_dir(index_dir) / "chroma")


def current_build_dir(index_dir: Path) -> Path:
    return index_dir / "builds" / (index_dir / "CURRENT").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(
    "damage", [_truncate_sections, _remove_complete, _garbage_current, _traversal_current, _delete_vector_store],
    ids=["truncated-sections", "missing-COMPLETE", "garbage-CURRENT", "traversal-CURRENT", "deleted-vectors"],
)
def test_damaged_index_is_a_clear_error_with_a_rebuild_path(mini, tmp_path, damage):
    s = copy_index(mini, tmp_path)
    damage(s.index_dir)

    with pytest.raises(IndexUnavailable) as raised:
        Assistant.open(s)
    assert "policy-assistant index" in str(raised.value)
    for _ in range(2):  # the same clear answer every time: no crash loop
        assert_clear_failure(cli_for(s, "ask", QUESTION), "policy-assistant index")

    rebuilt = cli_for(s, "index", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "索引构建完成" in rebuilt.stdout
    assert_serves(s)


# ---------------------------------------------------------------- corpus edited mid-build


def test_file_changed_during_indexing_is_reindexed_next_run(mini, tmp_path):
    s = copy_index(mini, tmp_path)
    doc = s.corpus_dir / MINI_DOC
    original = doc.read_text(encoding="utf-8")
    first = original.replace("建立高新技术企业培育库，", "建立高新技术企业培育库和深海装备企业名录，", 1)
    second = first.replace("优先保障高新技术企业", "设立量子通信专项资金，优先保障高新技术企业", 1)
    assert original != first != second
    doc.write_text(first, encoding="utf-8")

    edits = []

    def edit_while_embedding(done: int, total: int) -> None:
        if not edits:  # the file was read already; the user saves again
            doc.write_text(second, encoding="utf-8")
            edits.append(done)

    report = build_index(s, progress=edit_while_embedding)
    assert edits and report.embedded > 0
    served = Assistant.open(s)
    recorded = {d["name"]: d["sha256"] for d in served.documents()}[doc.stem]
    assert recorded == hashlib.sha256(first.encode("utf-8")).hexdigest()
    assert recorded != hashlib.sha256(doc.read_bytes()).hexdigest()

    again = build_index(s)
    assert not again.unchanged and doc.stem in again.changed and again.embedded > 0
    served = Assistant.open(s)
    assert {d["name"]: d["sha256"] for d in served.documents()}[doc.stem] == hashlib.sha256(doc.read_bytes()).hexdigest()
    assert any("量子通信专项资金" in x.text for x in served.sections())
    assert build_index(s).unchanged  # and then it settles


# ---------------------------------------------------------------- unreadable files


def _scanned_pdf(path: Path) -> None:
    """A 'scan': a page with drawn shapes and no text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    for row in range(20):
        pdf.rect(20, 20 + row * 12, 170 - (row % 4) * 25, 6, style="F")
    pdf.ellipse(150, 250, 30, 30, style="D")
    pdf.output(str(path))


def test_unreadable_files_are_reported_and_the_rest_index(mini, tmp_path):
    s = copy_index(mini, tmp_path)
    corpus = s.corpus_dir
    (corpus / "乱码.txt").write_bytes(random.Random(7).randbytes(8192))
    (corpus / "图片.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64) + b"IHDR\x00\x00\x01" * 300)
    (corpus / "空文件.txt").write_bytes(b"")
    _scanned_pdf(corpus / "扫描件.pdf")
    (corpus / "改名的文本.docx").write_text("这其实是纯文本，不是 Word 文件。", encoding="utf-8")
    (corpus / "表格.xlsx").write_bytes(b"PK\x03\x04 not really a spreadsheet")
    (corpus / "示例区人才新政.txt").write_text(
        "示例区人才新政\n一、人才引进\n（一）引进青年人才。对新引进的博士给予安家补贴20万元。\n"
        "（牵头单位：区人才办；责任单位：区人力资源社会保障局）\n", encoding="utf-8")
    expected = {"乱码.txt": ("二进制", "编码"), "图片.txt": ("二进制",), "空文件.txt": ("为空",),
                "扫描件.pdf": ("文字层",), "改名的文本.docx": ("Word",), "表格.xlsx": ("不支持",)}

    result = cli_for(s, "index")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for name, reasons in expected.items():
        line = next((l for l in result.stdout.splitlines() if l.startswith(f"已跳过 {name}：")), None)
        assert line is not None, f"{name} not reported:\n{result.stdout}"
        assert any(reason in line for reason in reasons), line
    assert "文件 2 个" in result.stdout

    served = Assistant.open(s)
    assert sorted(d["name"] for d in served.documents()) == sorted([Path(MINI_DOC).stem, "示例区人才新政"])
    answer = served.ask("新来的博士能领多少安家费？")
    assert any(c.doc == "示例区人才新政" for c in answer.citations)
    assert_serves(s)


def test_plain_index_rebuilds_a_damaged_build_of_an_unchanged_corpus(mini, tmp_path):
    s = copy_index(mini, tmp_path)
    _remove_complete(s.index_dir)
    report = build_index(s)
    assert not report.unchanged
    assert_serves(s)
