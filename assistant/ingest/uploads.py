"""Rules for adding a document to the corpus folder (web upload, API):
a supported suffix, a size cap, a sanitized basename that stays inside the
corpus, and no silent replacement of an existing document. A document is
known by its file name *and* by what it is: an upload with the same stem in
another format (`方案.md` next to `方案.txt`), or with the title of an indexed
document, stands for that document and needs an explicit overwrite, which
then removes the file it replaces."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

from assistant.errors import UnreadableDocument, UploadError
from assistant.ingest.outline import document_title
from assistant.ingest.readers import SUPPORTED_SUFFIXES, corpus_files, read_document

_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\/]')
MAX_NAME = 120


def safe_filename(name: str) -> str:
    """A file name safe to create in the corpus: basename only, no control
    or reserved characters, not hidden, a supported suffix."""
    base = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    base = _BAD_CHARS.sub("_", base).strip().lstrip(".~$ ").strip()
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem.strip(" ._"):
        raise UploadError("文件名无效，请使用带扩展名的普通文件名（如 某某实施方案.docx）")
    suffix = "." + suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadError(f"不支持的文件类型 {suffix}，仅支持 {'、'.join(SUPPORTED_SUFFIXES)}")
    stem = stem.strip()[: MAX_NAME - len(suffix)]
    return stem + suffix


def target_path(corpus_dir: Path, name: str) -> Path:
    corpus = corpus_dir.resolve()
    path = (corpus / safe_filename(name)).resolve()
    if path.parent != corpus:
        raise UploadError("文件名无效：只能保存到语料目录中")
    return path


def check_size(path: Path, max_mb: int) -> None:
    size = path.stat().st_size
    if size == 0:
        raise UploadError("上传的文件是空的")
    if size > max_mb * 1024 * 1024:
        raise UploadError(f"文件过大（{size / 1048576:.1f} MB），上限为 {max_mb} MB")


def upload_title(upload: Path, name: str) -> str:
    """The title the upload's text gives itself ('' when it cannot be read;
    the indexer then reports why)."""
    try:
        return document_title(read_document(name, upload.read_bytes()), "")
    except (UnreadableDocument, OSError):
        return ""


def same_document(corpus_dir: Path, path: Path, title: str, titles: dict[str, str]) -> list[Path]:
    """Other corpus files the upload would stand for: the same stem in any
    format, or the same title (titles: source file name -> indexed title)."""
    out = []
    for other in corpus_files(corpus_dir):
        if other.name == path.name:
            continue
        if other.stem.casefold() == path.stem.casefold() or (title and titles.get(other.name) == title):
            out.append(other)
    return out


def save_upload(corpus_dir: Path, upload: Path, original_name: str, overwrite: bool,
                max_mb: int, titles: dict[str, str] | None = None) -> tuple[Path, bool]:
    """Copy an uploaded temp file into the corpus; (path, replaced). With
    overwrite, the files it stands for (same stem or same title) are removed."""
    check_size(upload, max_mb)
    path = target_path(corpus_dir, original_name)
    others = same_document(corpus_dir, path, upload_title(upload, path.name), titles or {})
    existed = path.exists() or bool(others)
    if existed and not overwrite:
        clash = "、".join(f"“{p.name}”" for p in ([path] if path.exists() else []) + others)
        raise UploadError(f"语料中已有同一文件（{clash}，同名或同标题）。如要替换，请勾选“覆盖同名文件”后重试")
    corpus_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".upload-{path.name}")
    shutil.copyfile(upload, tmp)
    tmp.replace(path)
    for other in others:
        other.unlink(missing_ok=True)
    return path, existed
