"""Shared fixtures: the real corpus, a real index built once per test run in
a temp dir with the real bundled embedding model."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def corpus_fixture(documents: dict[str, str]):
    """A module-scoped fixture: an Assistant over documents the test module writes ({name: text})."""
    @pytest.fixture(scope="module")
    def written(tmp_path_factory):
        return assistant_over(tmp_path_factory.mktemp("written"), documents)
    return written


def assistant_over(root: Path, documents: dict[str, str]):
    """An Assistant over documents a test writes ({name: text}), indexed with the bundled model."""
    from assistant.index.build import build_index
    from assistant.service import Assistant
    from assistant.settings import Settings

    (root / "corpus").mkdir(exist_ok=True)
    for name, text in documents.items():
        (root / "corpus" / f"{name}.txt").write_text(text, encoding="utf-8")
    settings = Settings.load(corpus_dir=root / "corpus", index_dir=root / "index")
    build_index(settings)
    return Assistant.open(settings)
PLAN = next(CORPUS.glob("中山国家自主创新示范区建设实施方案*.txt"))
DATA = Path(__file__).resolve().parent / "data"
SECOND_DOC = next(DATA.glob("示例市*.txt"))


@pytest.fixture(scope="session")
def plan_path() -> Path:
    return PLAN


@pytest.fixture(scope="session")
def plan_text() -> str:
    return PLAN.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def second_doc_path() -> Path:
    return SECOND_DOC


@pytest.fixture(scope="session")
def settings(tmp_path_factory):
    """Settings over a private copy of the corpus plus the unseen second
    document, indexed once for the whole run."""
    from assistant.index.build import build_index
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("built")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(PLAN, corpus / PLAN.name)
    shutil.copy(SECOND_DOC, corpus / SECOND_DOC.name)
    s = Settings.load(corpus_dir=corpus, index_dir=root / "index")
    build_index(s)
    return s


@pytest.fixture(scope="session")
def assistant(settings):
    from assistant.service import Assistant

    return Assistant.open(settings)


@pytest.fixture(scope="session")
def fake_settings(tmp_path_factory):
    """The same two documents indexed with the deterministic hashing
    embedding (no model): for fast tests of parsing and answer composition.
    Retrieval and refusal quality are tested with the real model above."""
    from assistant.index.build import build_index
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("fake")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(PLAN, corpus / PLAN.name)
    shutil.copy(SECOND_DOC, corpus / SECOND_DOC.name)
    s = Settings.load(corpus_dir=corpus, index_dir=root / "index", embedding_backend="hashing")
    build_index(s)
    return s


@pytest.fixture(scope="session")
def fake_assistant(fake_settings):
    from assistant.service import Assistant

    return Assistant.open(fake_settings)


MINI_DOC = "示例市科技创新行动计划（节选）.txt"
MINI_LINES = 24  # the title, preamble, chapter 一、 and the first section of chapter 二、


@pytest.fixture(scope="session")
def mini(second_doc_path, tmp_path_factory):
    """A small real index (an excerpt of the second document, the real
    model), built once for the tests that damage, lock or copy an index."""
    from assistant.index.build import build_index
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("mini")
    corpus = root / "corpus"
    corpus.mkdir()
    lines = second_doc_path.read_text(encoding="utf-8").split("\n")[:MINI_LINES]
    (corpus / MINI_DOC).write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = Settings.load(corpus_dir=corpus, index_dir=root / "index")
    build_index(s)
    return s


@pytest.fixture
def mini_copy(mini, tmp_path):
    """A private copy of the mini index and corpus, free to damage."""
    shutil.copytree(mini.index_dir, tmp_path / "index")
    shutil.copytree(mini.corpus_dir, tmp_path / "corpus")
    return mini.with_overrides(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus")


@pytest.fixture(scope="session")
def shipped_assistant(tmp_path_factory):
    """An Assistant over every document the product ships in corpus/ (the plan and
    the national laws and rules beside it), indexed once with the bundled model."""
    from assistant.index.build import build_index
    from assistant.service import Assistant
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("shipped")
    s = Settings.load(corpus_dir=CORPUS, index_dir=root / "index")
    build_index(s)
    return Assistant.open(s)
