"""The package's shape: one-way imports between stages (import-linter
contracts in pyproject.toml), one rooted error tree, a pinned public facade."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"}, timeout=120)


def test_import_contracts_hold():
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 kept, 0 broken" in run.stdout


@pytest.mark.parametrize("module, upward", [
    ("ingest/outline.py", "from assistant.index import build_index"),
    ("web/common.py", "from assistant.index.lexical import tokenize"),
])
def test_an_upward_or_facade_bypassing_import_breaks_the_contract(tmp_path, module, upward):
    shutil.copytree(ROOT / "assistant", tmp_path / "assistant", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "assistant" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{upward}  # noqa\n", encoding="utf-8")
    run = _lint(tmp_path)
    assert run.returncode != 0
    assert "BROKEN" in run.stdout or "broken" in run.stdout


def test_every_error_a_user_can_meet_has_one_root():
    from assistant import errors

    classes = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert len(classes) >= 10
    assert all(issubclass(c, errors.PolicyAssistantError) for c in classes)
    for backend in (errors.EmbeddingError, errors.VectorStoreError, errors.IndexUnavailable):
        assert issubclass(backend, errors.BackendError)
    for user in (errors.QuestionError, errors.ProfileError, errors.UnreadableDocument, errors.UploadError):
        assert issubclass(user, errors.UserInputError)


def test_the_facade_api_is_pinned():
    from assistant import service

    public = {name for name in dir(service.Assistant) if not name.startswith("_")}
    assert {"ask", "rank", "sections", "section", "units", "resolve_unit", "duties", "targets", "find_targets",
            "documents", "match", "add_document", "reindex", "open", "open_or_build", "new_session"} <= public
    assert set(service.__all__) <= set(dir(service))


def test_the_listing_shows_the_pipeline():
    packages = {p.name for p in (ROOT / "assistant").iterdir() if (p / "__init__.py").is_file()}
    assert {"ingest", "eligibility", "index", "answer", "evals", "web", "lexicon"} <= packages
    assert len([p for p in (ROOT / "assistant").glob("*.py")]) <= 7  # stages live in their packages


def test_every_vocabulary_entry_says_why_it_is_there():
    from assistant import lexicon

    names = lexicon.available()
    assert {"synonyms", "stopwords", "fillers", "frame_words", "domain_words"} <= set(names)
    for name in names:
        entries = lexicon.load(name)
        assert entries, name
        assert all(e.why.strip() for e in entries), name


@pytest.mark.parametrize("error", ["EmbeddingError", "VectorStoreError", "IndexUnavailable", "ConfigError"])
def test_front_ends_show_every_known_error_as_its_message(error, capsys, monkeypatch):
    from assistant import cli, errors
    from assistant.web.common import UNEXPECTED, to_gr_error

    exc = getattr(errors, error)("向量库查询失败，请检查 Chroma 服务器")
    shown = to_gr_error(exc)
    assert "向量库查询失败" in shown.message and shown.message != UNEXPECTED

    def broken(args, settings):
        raise exc

    monkeypatch.setitem(cli.COMMANDS, "sections", broken)
    assert cli.main(["sections"]) == 2
    assert "错误：向量库查询失败" in capsys.readouterr().err
