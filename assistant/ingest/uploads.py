"""Rules for adding a document to the corpus folder (web upload, API):
a supported suffix, a size cap, a sanitized basename that stays inside the
corpus, and no silent replacement of an existing file."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

from assistant.errors import UploadError
from assistant.ingest.readers import SUPPORTED_SUFFIXES

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


def save_upload(corpus_dir: Path, upload: Path, original_name: str, overwrite: bool,
                max_mb: int) -> tuple[Path, bool]:
    """Copy an uploaded temp file into the corpus; (path, replaced)."""
    check_size(upload, max_mb)
    path = target_path(corpus_dir, original_name)
    existed = path.exists()
    if existed and not overwrite:
        raise UploadError(f"语料中已有同名文件“{path.name}”。如要替换，请勾选“覆盖同名文件”后重试")
    corpus_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".upload-{path.name}")
    shutil.copyfile(upload, tmp)
    tmp.replace(path)
    return path, existed
