"""Concurrent writers and careless set-ups (issue #13, findings 1 and 6).

Real processes throughout: `policy-assistant index` children racing each
other on one index folder, a serving Assistant answering while they switch
builds, a write that fails for lack of space (a file-size limit on the
child), a read-only index folder (a read-only bind mount in a private mount
namespace when run as root), damaged pieces of a serving build.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from conftest import MINI_DOC, MINI_LINES  # noqa: F401

from assistant.index.build import build_index, build_lock, current_build
from assistant.service import Assistant

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "高新技术企业倍增行动由哪个部门牵头？"


def cli(*args: str, env: dict | None = None, timeout: float = 180, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})}, **kw)


def where(s) -> tuple[str, ...]:
    return ("--corpus", str(s.corpus_dir), "--index", str(s.index_dir))






def builds_of(s) -> list[Path]:
    return sorted(p for p in (s.index_dir / "builds").iterdir() if p.is_dir())


def assert_clear_failure(result, *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# ---------------------------------------------------------------- finding 1: concurrent builders


def test_four_concurrent_rebuilds_leave_a_serving_index(mini_copy):
    """4 `index --rebuild` at once, 3 rounds, while an open assistant keeps
    answering: every builder succeeds, CURRENT always names a complete
    build, no partial build is left, and no question fails."""
    served = Assistant.open(mini_copy)
    failures: list[str] = []
    answered = 0
    stop = threading.Event()

    def ask_forever() -> None:
        nonlocal answered
        while not stop.is_set():
            try:
                answer = served.ask(QUESTION)
                assert answer.answerable and answer.citations
                answered += 1
            except Exception as exc:  # noqa: BLE001 - every failure is counted
                failures.append(f"{type(exc).__name__}: {exc}")

    asker = threading.Thread(target=ask_forever)
    asker.start()
    try:
        for _ in range(3):
            procs = [subprocess.Popen([sys.executable, "-m", "assistant.cli", "index", "--rebuild", *where(mini_copy)],
                                      cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for _ in range(4)]
            results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
            for code, out, err in results:
                assert code == 0 and "索引构建完成" in out and "Traceback" not in err, out + err
            serving = current_build(mini_copy)
            assert serving is not None and (serving / "COMPLETE").exists()
            assert all((b / "COMPLETE").exists() for b in builds_of(mini_copy))
            assert len(builds_of(mini_copy)) <= 2
    finally:
        stop.set()
        asker.join(timeout=60)
    assert failures == []
    assert answered > 0
    served.ask(QUESTION)
    assert served.index.build_id == current_build(mini_copy).name  # it followed the builds


def test_second_builder_waits_then_gives_up_clearly(mini_copy):
    with build_lock(mini_copy):
        result = cli("index", *where(mini_copy), env={"POLICY_ASSISTANT_BUILD_WAIT_SECONDS": "1"})
    assert_clear_failure(result, "另一个索引构建", "policy-assistant index")
    assert "等待" in result.stderr  # it said it was waiting before giving up
    assert cli("index", *where(mini_copy)).returncode == 0


def test_stale_partial_builds_are_removed_by_the_next_build(mini_copy):
    serving = current_build(mini_copy)
    stale = mini_copy.index_dir / "builds" / "20200101T000000-abcdef"
    shutil.copytree(serving, stale)
    (stale / "COMPLETE").unlink()
    (mini_copy.index_dir / "CURRENT.deadbeef.tmp").write_text("x", encoding="utf-8")

    report = build_index(mini_copy)
    assert report.unchanged and report.cleaned == [stale.name]
    assert "未完成构建 1 个" in report.summary_zh()
    assert not stale.exists() and not list(mini_copy.index_dir.glob("CURRENT.*.tmp"))
    assert current_build(mini_copy) == serving


def _limit_file_size() -> None:
    """The child may write no file over 128 KB: the vector store cannot be
    written, as on a full disk (Python ignores SIGXFSZ, so writes fail with
    an OSError instead of killing the process)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (128 * 1024, 128 * 1024))


def test_a_build_that_runs_out_of_space_cleans_up_and_says_so(mini_copy):
    before = current_build(mini_copy)
    result = cli("index", "--rebuild", *where(mini_copy), preexec_fn=_limit_file_size)
    assert_clear_failure(result, "写入索引失败", "原索引照常使用", "policy-assistant index")
    assert builds_of(mini_copy) == [before] and current_build(mini_copy) == before
    assert Assistant.open(mini_copy).ask(QUESTION).citations


# ---------------------------------------------------------------- finding 6: damaged and read-only indexes


def _narrow_sentence_vectors(build: Path) -> None:
    vectors = np.load(build / "sentence_vectors.npy")
    np.save(build / "sentence_vectors.npy", vectors[:, : vectors.shape[1] // 2])


def _empty_sections(build: Path) -> None:
    (build / "sections.json").write_text("[]", encoding="utf-8")


@pytest.mark.parametrize("damage", [_narrow_sentence_vectors, _empty_sections],
                         ids=["sentence-vectors-wrong-width", "empty-sections-store"])
def test_damaged_pieces_are_a_clear_error_and_plain_index_repairs_them(mini_copy, damage):
    damage(current_build(mini_copy))
    asked = cli("ask", QUESTION, *where(mini_copy))
    assert_clear_failure(asked, "索引已损坏", "policy-assistant index")

    repaired = cli("index", *where(mini_copy))
    assert repaired.returncode == 0, repaired.stderr
    assert "自检未通过" in repaired.stdout and "已是最新" not in repaired.stdout
    again = cli("ask", QUESTION, *where(mini_copy))
    assert again.returncode == 0 and "牵头" in again.stdout, again.stderr


def _read_only_cli(s, *args: str) -> subprocess.CompletedProcess:
    """Run the CLI with the index folder read-only: a read-only bind mount in
    a private mount namespace as root (root ignores permission bits), else
    the permission bits."""
    index = str(s.index_dir)
    if os.geteuid() == 0 and shutil.which("unshare"):
        command = ("mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" \"$0\" && "
                   "touch \"$0/probe\" 2>/dev/null && exit 99; exec \"$@\"")
        return subprocess.run(["unshare", "-m", "sh", "-c", command, index, sys.executable, "-m", "assistant.cli",
                               *args], cwd=ROOT, capture_output=True, text=True, timeout=180)
    subprocess.run(["chmod", "-R", "a-w", index], check=True)
    try:
        return cli(*args)
    finally:
        subprocess.run(["chmod", "-R", "u+w", index], check=True)


def test_a_read_only_index_folder_serves_in_embedded_mode(mini_copy):
    result = _read_only_cli(mini_copy, "ask", QUESTION, *where(mini_copy))
    assert result.returncode == 0, result.stderr
    assert "牵头" in result.stdout


# ---------------------------------------------------------------- workers follow the index


def test_a_serving_assistant_follows_a_new_build_without_restart(mini_copy):
    served = Assistant.open(mini_copy)
    old = served.index.build_id
    doc = mini_copy.corpus_dir / MINI_DOC
    doc.write_text(doc.read_text(encoding="utf-8").replace(
        "建立高新技术企业培育库，", "建立高新技术企业培育库和深海探测装备企业名录，", 1), encoding="utf-8")
    built = cli("index", *where(mini_copy))
    assert built.returncode == 0, built.stderr

    assert served.ask(QUESTION).citations  # the next request is answered from the new build
    assert served.index.build_id == current_build(mini_copy).name != old
    assert any("深海探测装备企业名录" in x.text for x in served.sections())


def test_a_read_only_index_folder_serves_in_server_mode(mini_copy, tmp_path):
    from chroma_server import ChromaServer

    with ChromaServer(tmp_path / "chroma") as server:
        s = mini_copy.with_overrides(chroma_url=server.url)
        built = cli("index", *where(s), "--chroma-url", server.url)
        assert built.returncode == 0, built.stderr
        result = _read_only_cli(s, "ask", QUESTION, *where(s), "--chroma-url", server.url)
        assert result.returncode == 0, result.stderr
        assert "牵头" in result.stdout
