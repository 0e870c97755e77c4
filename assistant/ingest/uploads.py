"""Rules for adding a document to the corpus folder (web upload, API):
a supported suffix, a size cap, a sanitized basename that stays inside the
corpus, and no silent replacement of an existing document.

A document is known by what it is, not by its exact spelling: its file
name's stem, its title and its 文号 (粤府〔2016〕31号), each compared as a
normalised identity (NFKC, so full-width digits and brackets fold; every
bracket kind one; zero-width and space characters dropped; Traditional
characters as Simplified; case folded). An upload whose identity matches a
corpus document stands for it: it needs an explicit overwrite, which then
removes the file it replaces. A corpus file marked official (no write
permission: `chmod a-w`) is never replaced nor shadowed by an upload.
"""

from __future__ import annotations

import re
import shutil
import stat
import unicodedata
from pathlib import Path

from assistant.errors import UnreadableDocument, UploadError
from assistant.ingest.outline import document_title
from assistant.ingest.readers import SUPPORTED_SUFFIXES, as_simplified, corpus_files, decode_text, read_document

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


def upload_title(upload: Path, name: str) -> tuple[str, str]:
    """(title, text) of the upload ('' when it cannot be read; the indexer
    then reports why)."""
    try:
        text = read_document(name, upload.read_bytes())
    except Exception:  # noqa: BLE001 - unreadable for any reason: the indexer names the file and the reason
        return "", ""
    return document_title(text, ""), text


_INVISIBLE = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u2028-\u202f\u205f-\u206f\ufeff]+")
_FOLD = str.maketrans({**dict.fromkeys("([{〔【〖［｛〘", "("), **dict.fromkeys(")]}〕】〗］｝〙", ")"),
                       **dict.fromkeys("‐‑‒–—―－~～", "-"), "〈": "<", "〉": ">", "《": "<", "》": ">"})
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12})\(((?:19|20)\d{2})\)(\d{1,4})号")


def identity(text: str) -> str:
    """The normalised identity of a name or title (see the module doc)."""
    folded = unicodedata.normalize("NFKC", text or "")
    folded = _INVISIBLE.sub("", folded).translate(_FOLD)
    return as_simplified(folded).casefold()


def doc_numbers(*texts: str) -> set[str]:
    """The 文号 written in names and titles (as identities)."""
    return {"".join(m.groups()) for t in texts for m in _DOC_NUMBER.finditer(identity(t))}


def _own_numbers(text: str) -> set[str]:
    """文号 standing alone on one of a document's first lines (its own
    number, not one it cites inside a sentence)."""
    lines = [line for line in text.split("\n")[:8] if line.strip()]
    return {n for line in lines if len(line.strip()) <= 30 for n in doc_numbers(line)
            if identity(line).endswith("号")}


def _head(path: Path) -> str:
    if path.suffix.lower() not in (".txt", ".md"):
        return ""
    try:
        with path.open("rb") as fh:
            return decode_text(fh.read(2048)).replace("\r", "")
    except (OSError, UnreadableDocument):
        return ""


def is_official(path: Path) -> bool:
    """A corpus file marked official: nobody may write it (chmod a-w)."""
    try:
        return not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    except OSError:
        return False


def same_document(corpus_dir: Path, path: Path, title: str, titles: dict[str, str], text: str = "") -> list[Path]:
    """Other corpus files the upload would stand for: the same stem, title or
    文号 as identities (titles: source file name -> indexed title)."""
    mine = {identity(path.stem), identity(title)} - {""}
    numbers = doc_numbers(path.stem, title) | _own_numbers(text)
    out = []
    for other in corpus_files(corpus_dir):
        if other.name == path.name:
            continue
        theirs = {identity(other.stem), identity(titles.get(other.name, ""))} - {""}
        their_numbers = doc_numbers(other.stem, titles.get(other.name, "")) | _own_numbers(_head(other))
        if mine & theirs or numbers & their_numbers:
            out.append(other)
    return out


def save_upload(corpus_dir: Path, upload: Path, original_name: str, overwrite: bool,
                max_mb: int, titles: dict[str, str] | None = None) -> tuple[Path, bool]:
    """Copy an uploaded temp file into the corpus; (path, replaced). With
    overwrite, the files it stands for (same stem, title or 文号) are
    removed; an official file is never replaced."""
    check_size(upload, max_mb)
    path = target_path(corpus_dir, original_name)
    title, text = upload_title(upload, path.name)
    others = same_document(corpus_dir, path, title, titles or {}, text)
    clashes = ([path] if path.exists() else []) + others
    official = [p for p in clashes if is_official(p)]
    if official:
        raise UploadError(f"“{official[0].name}”是正式文件（只读），网页上传不能替换它，也不能上传与它同名、同标题或同文号的文件。"
                          "如需更新，请由管理员在服务器上替换该文件")
    if clashes and not overwrite:
        names = "、".join(f"“{p.name}”" for p in clashes)
        raise UploadError(f"语料中已有同一文件（{names}，同名、同标题或同文号）。如要替换，请勾选“覆盖同名文件”后重试")
    corpus_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".upload-{path.name}")
    shutil.copyfile(upload, tmp)
    tmp.replace(path)
    for other in others:
        other.unlink(missing_ok=True)
    return path, bool(clashes)
