"""Sections to a searchable index: Chroma vectors, BM25 tokens, a JSON
section store and the eligibility measures.

Build protocol: every build writes `index/builds/<id>/`, and only when it is
complete is `index/CURRENT` switched to it (an atomic rename), so a crash or
Ctrl-C mid-build leaves the previous index serving. Vectors of chunks whose
text is unchanged are copied from the previous build, so re-indexing embeds
only what changed.

One builder at a time: `index/.build.lock` (an OS file lock, released by the
kernel when a builder dies) is held for the whole build, so a second builder
(a web upload next to a CLI `index`) waits, then finds the index up to date.
Holding the lock, a builder knows any incomplete build folder is the remains
of a killed or failed run and removes it first; a build that fails removes
its own folder. Readers never take the lock: they only follow CURRENT.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from filelock import FileLock, Timeout

from assistant.errors import IndexBusy, IndexUnavailable
from assistant.index.chunking import Chunk, Sentence, chunk_pieces, chunk_sections, piece_hash, pooled_vector, sentence_units
from assistant.eligibility.measures import extract_measures
from assistant.index.embeddings import embedding_id, make_embeddings, model_name
from assistant.ingest.figures import split_sentences
from assistant.ingest.injection import looks_injected
from assistant.ingest.outline import parse_corpus
from assistant.ingest.readers import reading_limits
from assistant.models import Measure, Section
from assistant.settings import Settings
from assistant.index.vectorstore import HNSW, VectorStore, drop_collection

FORMAT_VERSION = 13  # bump when what a build stores changes shape (an older build cannot be opened)


def _parser_id() -> str:
    """A fingerprint of the code and vocabularies that outline documents, read
    units, figures and measures, and cut chunks: when they change, the next `index` re-parses every document
    (vectors of unchanged text are reused), so no build keeps yesterday's outline."""
    package = Path(__file__).resolve().parent.parent  # assistant/
    digest = hashlib.sha256()
    for pattern in ("ingest/*.py", "eligibility/*.py", "index/chunking.py", "lexicon/*.toml"):
        for path in sorted(package.glob(pattern)):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


PARSER_ID = _parser_id()
LOCK_NAME = ".build.lock"


@dataclass
class BuildReport:
    build_id: str
    documents: int
    sections: int
    chunks: int
    embedded: int  # chunks embedded in this build (the rest were reused)
    units: int
    targets: int
    measures: int
    seconds: float
    skipped: dict[str, str]
    changed: list[str]
    unchanged: bool = False  # nothing changed: no new build was written
    cleaned: list[str] | None = None  # stale partial builds removed before this build
    repaired: str = ""  # why the serving build was rebuilt although the corpus is unchanged
    warnings: dict[str, str] | None = None  # file name -> what to check (e.g. replaced bytes)

    def summary_zh(self) -> str:
        head = "索引已是最新，无需重建" if self.unchanged else f"索引构建完成（{self.build_id}）"
        lines = [
            head,
            f"文件 {self.documents} 个，章节 {self.sections} 个，检索块 {self.chunks} 个（本次嵌入 {self.embedded} 个）",
            f"单位 {self.units} 个，量化目标 {self.targets} 项，支持措施 {self.measures} 条，用时 {self.seconds:.1f} 秒",
        ]
        if self.repaired:
            lines.append(f"原索引自检未通过（{self.repaired}），已重建")
        if self.cleaned:
            lines.append(f"已清理中断或失败留下的未完成构建 {len(self.cleaned)} 个")
        for name, reason in self.skipped.items():
            lines.append(f"已跳过 {name}：{reason}")
        for name, warning in (self.warnings or {}).items():
            lines.append(f"注意 {name}：{warning}")
        return "\n".join(lines)


# ---------------------------------------------------------------- layout


def _current_file(settings: Settings) -> Path:
    return settings.index_dir / "CURRENT"


def _builds_dir(settings: Settings) -> Path:
    return settings.index_dir / "builds"


_BUILD_ID = re.compile(r"^\d{8}T\d{6}-[0-9a-f]{6}$")


def current_build(settings: Settings) -> Path | None:
    """The serving build's folder; None when there is none or CURRENT does
    not name a build (damaged, or pointing outside index/builds)."""
    marker = _current_file(settings)
    if not marker.is_file():
        return None
    build_id = marker.read_bytes().decode("utf-8", errors="replace").strip()
    path = _builds_dir(settings) / build_id
    return path if _BUILD_ID.match(build_id) and path.is_dir() else None


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _switch(settings: Settings, build_id: str) -> None:
    tmp = settings.index_dir / f"CURRENT.{uuid.uuid4().hex[:8]}.tmp"
    tmp.write_text(build_id, encoding="utf-8")
    os.replace(tmp, _current_file(settings))


def _remove_build(settings: Settings, path: Path) -> None:
    drop_collection(settings, path, path.name)
    shutil.rmtree(path, ignore_errors=True)


def _prune(settings: Settings, keep: str) -> None:
    """Remove incomplete builds and all but the newest complete ones. Only
    called with the build lock held, so no other builder is writing."""
    builds = sorted(p for p in _builds_dir(settings).iterdir() if p.is_dir())
    # newest by completion time: ids of builds made within one second do not sort by age
    complete = sorted((p for p in builds if (p / "COMPLETE").exists()),
                      key=lambda p: ((p / "COMPLETE").stat().st_mtime_ns, p.name))
    survivors = {keep} | {p.name for p in complete[-settings.keep_builds:]}
    for path in builds:
        if path.name not in survivors:
            _remove_build(settings, path)
    for tmp in settings.index_dir.glob("CURRENT.*.tmp"):
        tmp.unlink(missing_ok=True)


def _clean_stale(settings: Settings) -> list[str]:
    """Remove what killed or failed builders left behind (incomplete build
    folders, CURRENT temp files); with the lock held nothing else writes."""
    builds = _builds_dir(settings)
    serving = current_build(settings)
    removed = []
    for path in sorted(builds.iterdir()) if builds.is_dir() else []:
        if path.is_dir() and not (path / "COMPLETE").exists() and path != serving:
            _remove_build(settings, path)
            removed.append(path.name)
    for tmp in settings.index_dir.glob("CURRENT.*.tmp"):
        tmp.unlink(missing_ok=True)
    return removed


@contextmanager
def build_lock(settings: Settings, say: Callable[[str], None] | None = None):
    """Hold the index's build lock; wait (saying so) while another builder
    holds it, up to settings.build_wait_seconds, then give up clearly."""
    try:
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(settings.index_dir / LOCK_NAME), thread_local=False)
        lock.acquire(timeout=0)
    except Timeout:
        if say:
            say(f"另一个索引构建正在进行（{settings.index_dir}），等待其完成……")
        try:
            lock.acquire(timeout=settings.build_wait_seconds)
        except Timeout:
            raise IndexBusy(
                f"另一个索引构建已进行超过 {settings.build_wait_seconds:.0f} 秒仍未结束（{settings.index_dir}）。"
                "当前索引照常使用，请稍后再运行：policy-assistant index"
            ) from None
    except OSError as exc:
        raise IndexUnavailable(f"无法在索引目录 {settings.index_dir} 中建立构建锁：{exc.strerror or exc}。"
                               "请检查该目录是否可写") from exc
    try:
        yield
    finally:
        lock.release()


# ---------------------------------------------------------------- build


def _previous_vectors(settings: Settings) -> tuple[dict, dict]:
    """(text hash -> vector, manifest) of the serving build, if any; a build
    that fails its self-check lends no vectors."""
    build = current_build(settings)
    if build is None:
        return {}, {}
    try:
        manifest = _read_json(build / "manifest.json")
        if manifest.get("embedding_model") != embedding_id(settings) or verify_build(settings, build):
            return {}, manifest
        known = {}
        lent = [("sentences.json", "sentence_vectors.npy")]
        if manifest.get("chunk_vectors", "embedded") == settings.chunk_vectors:  # chunk vectors made the same way
            lent.append(("chunks.json", "vectors.npy"))
        for items, vectors in lent:
            hashes = [c["hash"] for c in _read_json(build / items)]
            known.update(zip(hashes, np.load(build / vectors)))
        return known, manifest
    except (OSError, ValueError, KeyError, TypeError):
        return {}, {}  # a damaged old build: embed everything again


def build_index(
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
    force: bool = False,
    say: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build (incrementally) and switch CURRENT, holding the build lock."""
    with build_lock(settings, say):
        cleaned = _clean_stale(settings)
        report = _build(settings, progress, force)
        report.cleaned = cleaned
        return report


def _build(settings: Settings, progress, force: bool) -> BuildReport:
    started = time.perf_counter()
    with reading_limits(settings):  # sizes, pages and unpacked sizes checked before a document is read
        corpus = _within_limits(settings, parse_corpus(settings.corpus_dir, settings.max_document_mb * 1024 * 1024))
    sections, chunks, sentences = _units_per_document(corpus)
    if not corpus.documents:
        reasons = "；".join(f"{k}：{v}" for k, v in corpus.skipped.items())
        raise IndexUnavailable(
            f"语料目录 {settings.corpus_dir} 中没有可索引的文件" + (f"（{reasons}）" if reasons else "")
        )
    known, old_manifest = _previous_vectors(settings)
    hashes = {d.name: d.sha256 for d in corpus.documents}
    old_hashes = {k: v["sha256"] for k, v in old_manifest.get("documents", {}).items()}
    changed = sorted(set(hashes.items()) ^ set(old_hashes.items()))
    changed_docs = sorted({name for name, _ in changed})
    same_setup = old_manifest.get("embedding_model") == embedding_id(settings) \
        and old_manifest.get("chroma_url", "") == settings.chroma_url and old_manifest.get("format") == FORMAT_VERSION \
        and old_manifest.get("parser") == PARSER_ID \
        and old_manifest.get("chunk_vectors", "embedded") == settings.chunk_vectors \
        and old_manifest.get("hnsw") == HNSW
    damage = _damage(settings) if same_setup and not changed_docs else ""
    if not force and not changed_docs and same_setup and not damage:
        return _report(old_manifest["build_id"], corpus, sections, chunks, [], 0, started,
                       measures=old_manifest.get("measures", 0), unchanged=True)

    injected = _drop_injected(sections)
    flagged = {s.key for s in sections if f"{s.source or s.doc} {s.label}" in injected}
    # a flagged section's figures are no evidence: its sentences stating one are neither quoted nor
    # counted (no figure answer, no card amount, no "nearest provision" showing a planted sum)
    sentences = [u for u in sentences if not looks_injected(u.text)
                 and not (u.section_key in flagged and u.quantities)]
    embeddings, embedded = _embed_once(settings, chunks, sentences, known, progress)
    vectors = np.array([known[c.hash] for c in chunks], dtype=np.float32)
    sentence_vectors = np.array([known[u.hash] for u in sentences], dtype=np.float32)

    build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    build_dir = _builds_dir(settings) / build_id
    # corpus-wide: places found in one document serve all
    flagged_labels = {s.label_key for s in sections if s.key in flagged}
    measures = [m for m in extract_measures(sections) if not looks_injected(m.measure)
                and f"{m.doc}#{m.section}" not in flagged_labels]
    model = model_name(embeddings) if embeddings else embedding_id(settings)
    try:
        build_dir.mkdir(parents=True)
        _write_build(settings, build_dir, build_id, corpus, sections, chunks, vectors, measures, model)
        _write_json(build_dir / "sentences.json", [asdict(u) for u in sentences])
        np.save(build_dir / "sentence_vectors.npy", sentence_vectors)
        (build_dir / "COMPLETE").write_text(build_id, encoding="utf-8")
        _switch(settings, build_id)
    except BaseException as exc:  # disk full, store error, Ctrl-C: leave nothing half-written
        _remove_build(settings, build_dir)
        if isinstance(exc, Exception):
            raise IndexUnavailable(_write_failure(settings, exc)) from exc
        raise
    _prune(settings, keep=build_id)
    report = _report(build_id, corpus, sections, chunks, changed_docs, embedded, started, measures=len(measures))
    report.repaired = damage
    report.warnings = {**(report.warnings or {}), **injected}
    return report


def _embed_once(settings: Settings, chunks: list[Chunk], sentences: list[Sentence], known: dict,
                progress) -> tuple[object, int]:
    """Fill `known` (hash -> vector) for every sentence and chunk, embedding
    each distinct text once. With settings.chunk_vectors "pooled", chunks are
    not embedded whole: sentences and chunk pieces (path lines, sentences)
    are, and chunk vectors are pooled from their pieces (long chunks cost an
    encoder far more than their sentences, which are needed anyway).
    Returns (the model or None, texts embedded)."""
    pending = [c for c in chunks if c.hash not in known]
    pooled = settings.chunk_vectors == "pooled"
    pieces = {c.hash: chunk_pieces(c) for c in pending} if pooled else {}
    texts = {u.hash: u.text for u in sentences}
    texts.update({piece_hash(p): p for parts in pieces.values() for p in parts})
    if not pooled:
        texts.update({c.hash: c.text for c in pending})
    todo = [(h, t) for h, t in texts.items() if h not in known]
    embeddings = make_embeddings(settings) if todo else None
    batch = 32
    for i in range(0, len(todo), batch):
        part = todo[i:i + batch]
        known.update(zip((h for h, _ in part), embeddings.embed_documents([t for _, t in part])))
        if progress:
            progress(min(i + batch, len(todo)), len(todo))
    for c in pending if pooled else []:
        known[c.hash] = pooled_vector([known[piece_hash(p)] for p in pieces[c.hash]], pieces[c.hash])
    return embeddings, len(todo)


def _drop_injected(sections: list[Section]) -> dict[str, str]:
    """Sentences that address the answering system (prompt injection) are
    never evidence: their targets are dropped here, and the caller leaves
    them out of the sentence store and the measures. Returns a warning per
    section that has any."""
    out = {}
    for section in sections:
        bad = [x for x in split_sentences(section.text) if looks_injected(x)]
        if bad:  # the whole section's figures are suspect: a figure planted beside the instruction
            section.targets, section.figures = [], []
            out[f"{section.source or section.doc} {section.label}"] = (
                f"含 {len(bad)} 句疑似指令注入的文字（如“{bad[0][:30]}”），已排除在答案依据之外，请核对原文件")
    return out


def _within_limits(settings: Settings, corpus):
    """Documents over the text cap move to the skipped list, named; the
    others get a warning when stray undecodable bytes were replaced."""
    kept = []
    for doc in corpus.documents:
        if len(doc.text) > settings.max_document_chars:
            corpus.skipped[doc.source] = (f"文字过多（{len(doc.text):,} 字），超过单个文件上限 "
                                          f"{settings.max_document_chars:,} 字（POLICY_ASSISTANT_MAX_DOCUMENT_CHARS），未索引")
            continue
        kept.append(doc)
    corpus.documents = kept
    return corpus


def _warnings(corpus) -> dict[str, str]:
    out = {}
    for doc in corpus.documents:
        replaced = doc.text.count("\ufffd")
        if replaced:
            out[doc.source] = f"有 {replaced} 处无法识别的字节，已替换为“\ufffd”后索引，请核对原文件"
    return out


def _units_per_document(corpus) -> tuple[list[Section], list[Chunk], list[Sentence]]:
    """Sections, chunks and sentences, one document at a time: a
    document that cannot be cut into units, or whose section ids collide with
    another's, is moved to corpus.skipped with the reason and the rest build."""
    sections, chunks, sentences = [], [], []
    seen: set[str] = set()
    kept = []
    for doc in corpus.documents:
        try:
            ids = [s.key for s in doc.sections]
            clash = [k for k, n in Counter(ids).items() if n > 1 or k in seen]
            if clash:  # ids are unique by construction; this guards the vector store
                raise ValueError(f"章节编号重复：{clash[0]}")
            doc_units = (chunk_sections(doc.sections), sentence_units(doc.sections))
        except Exception as exc:  # one odd document must not stop the others
            corpus.skipped[doc.source] = f"无法建立索引：{type(exc).__name__}: {exc}"
            continue
        seen.update(ids)
        kept.append(doc)
        sections += doc.sections
        chunks += doc_units[0]
        sentences += doc_units[1]
    corpus.documents = kept
    return sections, chunks, sentences


def _disk_full(exc: BaseException) -> bool:
    """Whether a failure (or what caused it) is a full disk or quota."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return True
        if any(w in str(exc).lower() for w in ("disk is full", "no space left", "quota exceeded")):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _disk_full_message(settings: Settings, exc: BaseException) -> str:
    return (f"磁盘空间不足，无法打开索引（{settings.index_dir}：{exc}）。索引本身没有损坏，不需要重建："
            "请清理磁盘空间后重试")


def _write_failure(settings: Settings, exc: Exception) -> str:
    text = str(exc).lower()
    if _disk_full(exc) or "full" in text:
        why = f"磁盘空间不足：{exc}"
    elif "disk i/o" in text:
        why = f"磁盘写入出错（常见原因是磁盘已满）：{exc}"
    else:
        why = f"{type(exc).__name__}: {exc}"
    return (f"写入索引失败（{settings.index_dir}：{why}）。未完成的构建已清除，原索引照常使用。"
            "请处理后重新运行：policy-assistant index")


def _damage(settings: Settings) -> str:
    """Why the serving build does not pass its self-check; empty when it does."""
    try:
        open_index(settings)
    except IndexUnavailable as exc:
        return str(exc)
    return ""



def _write_build(settings, build_dir, build_id, corpus, sections, chunks, vectors, measures, model) -> None:
    store = VectorStore(settings, build_dir, build_id, create=True)
    store.add(
        ids=[c.id for c in chunks],
        vectors=vectors.tolist(),
        texts=[c.text for c in chunks],
        metadatas=[{"doc": c.doc, "label": c.label, "section_key": c.section_key} for c in chunks],
    )
    np.save(build_dir / "vectors.npy", vectors)
    _write_json(build_dir / "sections.json", [s.to_dict() for s in sections])
    _write_json(build_dir / "chunks.json", [asdict(c) for c in chunks])
    _write_json(build_dir / "measures.json", [m.to_dict() for m in measures])
    indexed_at = time.strftime("%Y-%m-%d %H:%M:%S")
    _write_json(build_dir / "manifest.json", {
        "format": FORMAT_VERSION,
        "parser": PARSER_ID,
        "build_id": build_id,
        "created": indexed_at,
        "embedding_model": model,
        "chunk_vectors": settings.chunk_vectors,
        "hnsw": HNSW,  # a build made with other search settings is remade (its vectors reused)
        "dim": int(vectors.shape[1]) if vectors.size else 0,
        "chroma_url": settings.chroma_url,
        "chunks": len(chunks),
        "measures": len(measures),
        "documents": {
            d.name: {"sha256": d.sha256, "source": d.source, "title": d.title,
                     "sections": len(d.sections), "indexed_at": indexed_at}
            for d in corpus.documents
        },
        "skipped": corpus.skipped,
    })


def _report(build_id, corpus, sections, chunks, changed, embedded, started, measures=0, unchanged=False):
    units = {u for s in sections for u in s.units}
    return BuildReport(
        build_id=build_id, documents=len(corpus.documents), sections=len(sections), chunks=len(chunks),
        embedded=embedded, units=len(units), targets=sum(len(s.targets) for s in sections),
        measures=measures, seconds=time.perf_counter() - started, skipped=corpus.skipped,
        changed=changed, unchanged=unchanged, warnings=_warnings(corpus),
    )


# ---------------------------------------------------------------- open


@dataclass
class LoadedIndex:
    build_id: str
    manifest: dict
    sections: list[Section]
    chunks: list[Chunk]
    measures: list[Measure]
    vectors: VectorStore
    sentences: list[Sentence]
    sentence_vectors: np.ndarray  # one row per sentence, L2-normalised


def open_index(settings: Settings) -> LoadedIndex:
    """The serving build, checked; every failure is an IndexUnavailable that
    tells the user what to run."""
    build = current_build(settings)
    if build is None and _current_file(settings).exists():
        raise IndexUnavailable(
            f"索引标记 {_current_file(settings)} 已损坏或指向不存在的构建。请运行：policy-assistant index --rebuild"
        )
    if build is None:
        raise IndexUnavailable(
            f"尚未建立索引（{settings.index_dir}）。请先运行：policy-assistant index"
        )
    try:
        if not (build / "COMPLETE").exists():
            raise ValueError("build incomplete")
        manifest = _read_json(build / "manifest.json")
        if manifest.get("format") != FORMAT_VERSION:
            raise ValueError(f"index format {manifest.get('format')}, this version reads {FORMAT_VERSION}")
        sections = [Section.from_dict(s) for s in _read_json(build / "sections.json")]
        chunks = [Chunk(**c) for c in _read_json(build / "chunks.json")]
        measures = [Measure.from_dict(m) for m in _read_json(build / "measures.json")]
        sentences = [Sentence.from_dict(u) for u in _read_json(build / "sentences.json")]
        sentence_vectors = np.load(build / "sentence_vectors.npy")
        problems = _check_shapes(manifest, sections, chunks, sentences, sentence_vectors, build)
        if problems:
            raise ValueError("；".join(problems))
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        if _disk_full(exc):
            raise IndexUnavailable(_disk_full_message(settings, exc)) from exc
        raise IndexUnavailable(
            f"索引已损坏（{build}：{exc}）。请运行：policy-assistant index --rebuild"
        ) from exc
    wanted = embedding_id(settings)
    if manifest.get("embedding_model") != wanted:
        raise IndexUnavailable(
            f"索引由嵌入模型 {manifest.get('embedding_model')} 构建，当前配置为 {wanted}。"
            "请运行 policy-assistant index --rebuild 重新构建"
        )
    if manifest.get("chroma_url", "") != settings.chroma_url:
        raise IndexUnavailable(
            "索引的向量库位置与当前配置不同"
            f"（索引：{manifest.get('chroma_url') or '内嵌'}，当前：{settings.chroma_url or '内嵌'}）。"
            "请运行 policy-assistant index --rebuild"
        )
    try:
        vectors = VectorStore(settings, build, manifest["build_id"])
        count = vectors.count()
    except Exception as exc:  # server down, collection dropped, store damaged, disk full
        if _disk_full(exc):
            raise IndexUnavailable(_disk_full_message(settings, exc)) from exc
        raise IndexUnavailable(f"{exc}。请检查向量库，或运行：policy-assistant index --rebuild") from exc
    if count != len(chunks):
        raise IndexUnavailable(
            f"向量库中的条目数（{count}）与索引（{len(chunks)}）不一致。请运行：policy-assistant index --rebuild"
        )
    return LoadedIndex(manifest["build_id"], manifest, sections, chunks, measures, vectors,
                       sentences, sentence_vectors)


def _check_shapes(manifest, sections, chunks, sentences, sentence_vectors, build: Path) -> list[str]:
    """What does not add up between the manifest and the stored pieces."""
    problems = []
    expected = sum(d.get("sections", 0) for d in manifest.get("documents", {}).values())
    if not sections or len(sections) != expected:
        problems.append(f"章节库有 {len(sections)} 个章节，清单记录 {expected} 个")
    dim = manifest.get("dim")
    chunk_vectors = np.load(build / "vectors.npy", mmap_mode="r")
    if chunk_vectors.shape != (len(chunks), dim):
        problems.append(f"检索块向量形状 {chunk_vectors.shape}，应为 {(len(chunks), dim)}")
    if sentence_vectors.shape != (len(sentences), dim):
        problems.append(f"句向量形状 {sentence_vectors.shape}，应为 {(len(sentences), dim)}")
    return problems


def verify_build(settings: Settings, build: Path) -> list[str]:
    """The self-check of one build's files (not its vector store): an empty
    list when the pieces agree with the manifest."""
    try:
        manifest = _read_json(build / "manifest.json")
        sections = _read_json(build / "sections.json")
        chunks = _read_json(build / "chunks.json")
        sentences = _read_json(build / "sentences.json")
        return _check_shapes(manifest, sections, chunks, sentences, np.load(build / "sentence_vectors.npy"), build)
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
        return [str(exc)]
