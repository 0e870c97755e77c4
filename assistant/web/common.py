"""Helpers shared by the web app's tabs: friendly errors, exports and HTML.

Every UI handler is wrapped with `friendly`, so what a user sees on any
failure is a short Chinese message, never a stack trace (the trace goes to
the server log).
"""

from __future__ import annotations

import csv
import functools
import html
import inspect
import json
import logging
import re
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterable

import gradio as gr

from assistant.errors import PolicyAssistantError

log = logging.getLogger("assistant.web")

UNEXPECTED = "处理请求时出现意外错误，请稍后重试。如问题持续，请联系管理员（详细信息已记入服务器日志）。"


def _known(exc: Exception) -> str | None:
    """The message to show for one of our own errors (user input or backend)."""
    return str(exc) if isinstance(exc, PolicyAssistantError) else None


def to_gr_error(exc: Exception) -> gr.Error:
    """The gr.Error to show for any exception (message HTML-escaped, since
    Gradio renders it as HTML)."""
    if isinstance(exc, gr.Error):
        return exc
    message = _known(exc)
    if message is not None:
        return gr.Error(html.escape(message), title="提示", print_exception=False)
    log.exception("web handler failed")
    return gr.Error(UNEXPECTED, title="出错了", print_exception=False)


def friendly(fn: Callable) -> Callable:
    """Wrap a Gradio handler (plain or generator) so that every exception
    becomes a friendly gr.Error."""
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def gen_wrapper(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - the whole point
                raise to_gr_error(exc) from None

        return gen_wrapper

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            raise to_gr_error(exc) from None

    return wrapper


# ---------------------------------------------------------------- exports

_EXPORT_DIR: Path | None = None
_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff（）()\-]+")


def export_dir() -> Path:
    """A private temp folder for generated downloads (CSV/JSON); Gradio
    serves them from its own cache after copying them there."""
    global _EXPORT_DIR
    if _EXPORT_DIR is None or not _EXPORT_DIR.is_dir():
        _EXPORT_DIR = Path(tempfile.mkdtemp(prefix="policy-assistant-exports-"))
    return _EXPORT_DIR


EXPORT_TTL = 3600  # seconds a generated download is kept


def export_name(stem: str, suffix: str) -> Path:
    folder = export_dir()
    cutoff = time.time() - EXPORT_TTL
    for old in folder.iterdir():  # exports are made on every filter change: keep the folder small
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
    safe = _UNSAFE.sub("_", stem).strip("_")[:60] or "export"
    return folder / f"{safe}-{time.strftime('%Y%m%d-%H%M%S')}{suffix}"


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: one starting like a formula
    (= + - @, tab, CR) gets a leading ' (CSV injection; numbers stay numbers)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(stem: str, header: list[str], rows: Iterable[list[Any]]) -> str:
    """CSV with a BOM so that Excel opens the Chinese text correctly."""
    path = export_name(stem, ".csv")
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows([csv_cell(v) for v in row] for row in rows)
    return str(path)


def write_json(stem: str, data: Any) -> str:
    path = export_name(stem, ".json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return str(path)


# ---------------------------------------------------------------- HTML

def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


_MD_INERT = (("![", "!\\["), ("](", "]&#40;"), ("://", ":&#47;&#47;"), ("www.", "www&#46;"), ("$$", "$\u2060$"))


def esc_md(text: Any) -> str:
    """Text shown inside rendered Markdown (chat bubbles): HTML escaped, and
    images, links, bare URLs and $$ math defused, so a question or a quoted
    document can never fetch a remote image, offer a live link or draw an
    unbounded formula; it still reads the same."""
    out = esc(text)
    for live, inert in _MD_INERT:
        out = out.replace(live, inert)
    return out


def _compact(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, and each kept character's original offset."""
    kept, where = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            kept.append(ch)
            where.append(i)
    return "".join(kept), where


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where the quote stands in the text: exact, else ignoring whitespace,
    else its longest clause."""
    quote = quote.strip()
    if not quote:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    compact, where = _compact(text)
    cq, _ = _compact(quote)
    at = compact.find(cq) if cq else -1
    if at >= 0:
        return where[at], where[at + len(cq) - 1] + 1
    clauses = sorted((c for c in re.split(r"[，。；：、,;]", quote) if len(c) >= 6), key=len, reverse=True)
    for clause in clauses:
        at = text.find(clause)
        if at >= 0:
            return at, at + len(clause)
    return None


def highlight(text: str, quote: str) -> str:
    """HTML of the text (escaped) with the quote in <mark>."""
    span = locate(text, quote)
    if span is None:
        return esc(text)
    start, end = span
    return f"{esc(text[:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:])}"
