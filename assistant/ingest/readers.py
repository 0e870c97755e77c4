"""Read corpus files of any supported format into plain text.

Each reader returns the document text; any problem is raised as
`UnreadableDocument` with a reason users can act on, so the indexer can
report the file by name and go on with the rest.
"""

from __future__ import annotations

import io
import re
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import UnreadableDocument
from assistant.ingest.labels import ANNEX, DATE, is_part_title
from assistant.ingest.units import LEAD_LABEL
from assistant.settings import Settings

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
TEXT_SUFFIXES = (".txt", ".md")
MAX_BYTES_PER_CHAR = 4  # UTF-8 and GB18030 both: a text of n bytes has at least n / 4 characters
MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """What a reader checks before it reads (from the settings of the same names)."""
    max_chars: int
    max_unzipped_mb: int
    max_pdf_pages: int
    part_title_chars: int  # not a limit: how long a part's title line may be (read by readers and the outline)
    step_head_chars: int  # not a limit either: how long a step's head line may be (read by the outline)

    @classmethod
    def of(cls, settings: Settings) -> "ReadLimits":
        return cls(settings.max_document_chars, settings.max_unzipped_mb, settings.max_pdf_pages,
                   settings.part_title_chars, settings.step_head_chars)


_LIMITS: ContextVar[ReadLimits | None] = ContextVar("read_limits", default=None)


@contextmanager
def reading_limits(settings: Settings):
    """Readers inside this block use these settings' limits (else the defaults)."""
    token = _LIMITS.set(ReadLimits.of(settings))
    try:
        yield
    finally:
        _LIMITS.reset(token)


def limits() -> ReadLimits:
    return _LIMITS.get() or ReadLimits.of(Settings.model_construct())


def too_much_text(size: int) -> str:
    """Why a text file of `size` bytes is refused unread ('' when it is not):
    it must hold more characters than a document may have."""
    cap = limits().max_chars
    if size <= cap * MAX_BYTES_PER_CHAR:
        return ""
    return (f"文字过多（文件 {size / MB:.1f} MB，按字节数至少 {size // MAX_BYTES_PER_CHAR:,} 字），超过单个文件上限 "
            f"{cap:,} 字（POLICY_ASSISTANT_MAX_DOCUMENT_CHARS），未读取")


REPAIRABLE = 0.002  # at most this share of undecodable bytes is read with replacement (a few stray bytes)


def _replacements(data: bytes, encoding: str) -> tuple[str, int]:
    text = data.decode(encoding, errors="replace")
    return text, text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")


def decode_text(data: bytes) -> str:
    """Decode bytes whose encoding is unknown: UTF-8 (with or without BOM),
    then GB18030 (a superset of GBK/GB2312); a file with only a few stray
    invalid bytes (a damaged copy, one bad character) is read in whichever
    of the two needs the fewest replacements, each shown as U+FFFD (the
    indexer counts them in its report); anything else goes to charset detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    text, bad = min((_replacements(data, e) for e in ("utf-8", "gb18030")), key=lambda r: r[1])
    if bad <= max(3, len(data) * REPAIRABLE):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument("无法识别文本编码（不是 UTF-8 或 GBK）")
    return str(best)


def decode_lines(data: bytes) -> list[tuple[str, bool]]:
    """(line, decoded cleanly) per line of a text file whose lines may not
    share one encoding (questions pasted from several sources): each line is
    UTF-8 or GB18030 on its own, else kept with replacements and marked bad."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    out = []
    for raw in data.replace(b"\r\n", b"\n").split(b"\n"):
        for encoding in ("utf-8", "gb18030"):
            try:
                out.append((raw.decode(encoding), True))
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append((raw.decode("utf-8", errors="replace"), False))
    if out and out[-1] == ("", True):
        out.pop()
    return out


def to_simplified(text: str) -> str:
    """Traditional Chinese converted to Simplified (OpenCC t2s) when the text
    is written in Traditional: at least 2 Han characters change, and at least
    a tenth of them, so a Simplified text with a stray variant is left alone."""
    converted = _t2s().convert(text)
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    if len(converted) != len(text) or changed < 2 or changed < han / 10:
        return text
    return converted


_converter = None


def as_simplified(text: str) -> str:
    """Every Traditional character of the text as Simplified (OpenCC t2s),
    whatever share of the text it is (names compared as identities)."""
    return _t2s().convert(text)


def _t2s():
    global _converter
    if _converter is None:
        from opencc import OpenCC

        _converter = OpenCC("t2s")
    return _converter


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    control = sum(1 for ch in text[:4000] if ord(ch) < 32 and ch not in "\t\r\n\f")
    return control > max(4, len(text[:4000]) // 50)


def read_plain(data: bytes) -> str:
    oversized = too_much_text(len(data))
    if oversized:
        raise UnreadableDocument(oversized)
    text = decode_text(data)
    if "\x00" in text or _looks_binary(text):
        raise UnreadableDocument("文件内容是二进制数据，不是文本")
    return text


_PIPE_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")  # (the line under a table's header)


def read_markdown(data: bytes) -> str:
    """A Markdown file as plain text, its pipe tables (`| 学历层次 | 年龄要求 |`) as rows of tab-separated
    cells, as a Word table reads, without the `|---|` line under the header."""
    return "\n".join(_pipe_row(line) for line in read_plain(data).split("\n") if not _PIPE_RULE.match(line))


def _pipe_row(line: str) -> str:
    m = _PIPE_ROW.match(line)
    return "\t".join(cell.strip() for cell in m.group("cells").split("|")) if m else line


def _check_unzipped(data: bytes) -> None:
    """A .docx is a zip: the sizes its central directory declares bound what
    unpacking it can produce (zipfile stops at the declared size), so a
    zip bomb is refused from its directory alone."""
    cap = limits().max_unzipped_mb
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableDocument(f"不是有效的 Word(.docx) 文件：{exc}") from exc
    if total > cap * MB:
        raise UnreadableDocument(f"Word 文件解压后共 {total / MB:,.0f} MB，超过上限 {cap} MB"
                                 "（POLICY_ASSISTANT_MAX_UNZIPPED_MB；可能是压缩炸弹），未读取")


def read_docx(data: bytes) -> str:
    import docx  # python-docx

    _check_unzipped(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zip, XML or package errors: all mean "not a docx"
        raise UnreadableDocument(f"不是有效的 Word(.docx) 文件：{exc}") from exc
    body = _body_lines(document.element.body, document._body)
    return "\n".join(_margin_lines(document, "header", body) + body + _margin_lines(document, "footer", body))


def _body_lines(element, parent) -> list[str]:
    """The lines of a document body (or of a table cell) in reading order: a paragraph one line,
    a table where it stands (see _table_lines), the paragraphs and tables of a content control
    (w:sdt) where it stands."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, parent).text)
        elif child.tag == qn("w:tbl"):
            lines += _table_lines(Table(child, parent))
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                lines += _body_lines(content, parent)
    return lines


def _table_lines(table) -> list[str]:
    """A table's lines: each row one line of tab-joined cells (a 附表 under its heading, a task
    table in its chapter), a cell spanning columns once per column it spans, so every row of a
    table has its header's cells. A table nested in a cell (a 任务分解表's cell holding its
    measures' own table, a 若干措施's cell holding a small table of amounts) is read as a table
    too, its rows right after the row of the cell holding it, each nested table once however many
    rows its cell spans. A table of one column is a frame around text (a page laid out in a
    one-cell table, a boxed 专栏): its cells are read as body text, paragraph by paragraph."""
    from docx.oxml.ns import qn

    cells_by_row = [row.cells for row in table.rows]
    if all(len({id(c._tc) for c in row}) <= 1 for row in cells_by_row):
        lines: list[str] = []
        for tc in dict.fromkeys(c._tc for row in cells_by_row for c in row):
            lines += _body_lines(tc, table)
        return lines
    lines, nested_read = [], set()
    for row in cells_by_row:
        lines.append("\t".join(_cell_text(cell.text) for cell in row))
        for cell in row:
            if cell._tc in nested_read:
                continue
            nested_read.add(cell._tc)
            for inner in cell._tc.iterchildren(qn("w:tbl")):
                lines += _table_lines(type(table)(inner, cell))
    return lines


# A page number in a header or footer: a PAGE / NUMPAGES field (Word's own numbering), or text
# that reads like one (— 1 —, 第 1 页 共 5 页) once the field's result is left out.
_PAGE_FIELD = re.compile(r"^\s*(?:PAGE|NUMPAGES|SECTIONPAGES)\b")
_PAGE_WORDS = re.compile(r"^[\s\d—–\-－/第页共]*$")


def _margin_lines(document, which: str, body: list[str]) -> list[str]:
    """What a document's headers or footers say, once: the issuing body or the 文号 a header
    carries is the document's own metadata (read before the body, where a 公文's masthead stands;
    `which` == "header") and a footer's text other than page numbers after it. Page numbers are
    page furniture and are left out, and so is a line the body already holds (a header repeating
    the title). Headers repeat on every page and in every section: each line is read once."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    seen, out = set(body), []
    for section in document.sections:
        for part in (getattr(section, f"first_page_{which}"), getattr(section, which),
                     getattr(section, f"even_page_{which}")):
            if part.is_linked_to_previous:
                continue
            element = part._element
            for paragraph in element.iter(qn("w:p")):
                fields = [t.text or "" for t in paragraph.iter(qn("w:instrText"))] + \
                         [f.get(qn("w:instr"), "") for f in paragraph.iter(qn("w:fldSimple"))]
                if any(_PAGE_FIELD.match(f) for f in fields):
                    continue
                line = Paragraph(paragraph, part).text.strip()
                if not line or _PAGE_WORDS.match(line) or _PAGE_NUMBER.match(line) or line in seen:
                    continue
                seen.add(line)
                out.append(line)
    return out


_NAME_LIKE = re.compile(r"[^，。；：,;:！？!?\s]{2,20}")


def _cell_text(text: str) -> str:
    """A table cell on one line, so a row stays one line: paragraphs that are each a short
    name (a unit per line: 县委宣传部 / 县教育局) joined with 、; others (a sentence the
    cell's width broke, numbered points) joined as they read."""
    parts = [p.strip() for p in text.replace("\r", "\n").split("\n") if p.strip()]
    if len(parts) > 1 and all(_NAME_LIKE.fullmatch(p) for p in parts):
        return "、".join(parts)
    return "".join(parts)


def _decode_contents(page) -> None:
    """Decode a page's content streams (pypdf keeps the result for
    extract_text) so that its decompression limit raises LimitReachedError
    here: extract_text would swallow it and report an empty page. Other
    damage is left to extract_text, which reads around it."""
    from pypdf.errors import LimitReachedError

    try:
        contents = page.get_contents()
        if contents is not None:
            contents.get_data()
    except LimitReachedError:
        raise
    except Exception:  # noqa: BLE001 - see above
        pass


def read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    cap = limits()
    try:
        reader = PdfReader(io.BytesIO(data))
        count = len(reader.pages)
        if count > cap.max_pdf_pages:
            raise UnreadableDocument(f"PDF 有 {count:,} 页，超过上限 {cap.max_pdf_pages:,} 页"
                                     "（POLICY_ASSISTANT_MAX_PDF_PAGES），未读取")
        pages, chars = [], 0
        for page in reader.pages:
            _decode_contents(page)
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > cap.max_chars:
                raise UnreadableDocument(f"PDF 文字超过单个文件上限 {cap.max_chars:,} 字"
                                         "（POLICY_ASSISTANT_MAX_DOCUMENT_CHARS），未读取")
    except UnreadableDocument:
        raise
    except LimitReachedError as exc:
        raise UnreadableDocument(f"PDF 中的数据解压后过大（可能是压缩炸弹），未读取：{exc}") from exc
    except (PyPdfError, ValueError, KeyError, OSError, RecursionError) as exc:
        raise UnreadableDocument(f"不是有效的 PDF 文件：{exc}") from exc
    # NULs appear where a CID font's two-byte codes are split by the extractor.
    text = "\n".join(pages).replace("\x00", "")
    if not text.strip():
        raise UnreadableDocument("PDF 没有文字层（可能是扫描件），请先做文字识别（OCR）再添加")
    return unwrap_pdf_text(text)


_PDF_SPACING = re.compile(r"(?<=[^\sA-Za-z]) (?=[^\sA-Za-z])")
_STRUCTURE_START = re.compile(
    rf"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[．.、]|专栏\s*\d|[（(]\s*{LEAD_LABEL}|"
    rf"第[一二三四五六七八九十百零〇\d]+[编章节条]|{ANNEX}\s*$)"
)
# Page furniture a PDF repeats on every page: page numbers (— 1 —, - 2 -, 第3页).
_PAGE_NUMBER = re.compile(r"^\s*(?:[—–\-－]\s*\d+\s*[—–\-－]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")
_LINE_END = "。；：！？）)」”"
_CONTINUATION = "，、。；：！？）)」”"
# a date alone on its line closes a sign-off (2020年1月2日 under the issuing body): it continues no
# sentence and no sentence continues it (a part's title may follow it straight on the next line)
_DATE_LINE = re.compile(rf"^{DATE}$")
_RUNS_ON = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+条")  # an article's first line is text, not a title


def unwrap_pdf_text(text: str) -> str:
    """Undo what PDF text extraction does to Chinese: spaces between
    characters, and lines wrapped mid-sentence at the page width. A line is
    joined to the one before unless that one ended a sentence or was a short
    heading, or this one starts an outline element (一、 （一） 1． 专栏, a unit
    line, 第X章/条); a date alone on its line (a sign-off's) stays alone; page
    numbers are dropped."""
    lines: list[str] = []
    begun = False  # a sentence read: a title line from here on is a bundled part's, not the document's own
    for raw in text.split("\n"):
        line = _PDF_SPACING.sub("", raw).strip()
        if _PAGE_NUMBER.match(line):
            continue
        previous = lines[-1] if lines else ""
        ended = previous.endswith(tuple(_LINE_END)) or bool(_DATE_LINE.match(previous))
        heading = bool(_STRUCTURE_START.match(previous)) and len(previous) <= 40 and not _RUNS_ON.match(previous) \
            and not ("，" in previous and len(previous) >= 30)  # a line the page width cut, not a title
        heading = heading or (begun and is_part_title(previous, limits().part_title_chars))
        continues = line.startswith(tuple(_CONTINUATION))  # no line of a text starts with ，or 、
        starts = bool(_STRUCTURE_START.match(line) or _DATE_LINE.match(line))
        if line and previous and (continues or (not ended and not heading and not starts)):
            lines[-1] = previous + line
        else:
            begun = begun or "。" in previous
            lines.append(line)
    return "\n".join(lines)


READERS = {".txt": read_plain, ".md": read_markdown, ".docx": read_docx, ".pdf": read_pdf}


def read_document(name: str, data: bytes) -> str:
    """Text of one corpus file (its name and bytes), line endings normalised
    to `\\n`. Bytes are passed in so the caller hashes exactly what was read."""
    suffix = Path(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise UnreadableDocument(f"不支持的文件类型 {suffix or '（无扩展名）'}，支持 txt、md、docx、pdf")
    if not data:
        raise UnreadableDocument("文件为空")
    text = reader(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableDocument("文件没有文字内容")
    return to_simplified(text)


# A corpus folder's own notes (where each document came from), not policy documents.
CORPUS_NOTES = {"README", "SOURCES", "LICENSE", "CHANGELOG"}


def corpus_listing(corpus_dir: Path, max_bytes: int | None = None) -> tuple[list[Path], dict[str, str]]:
    """(documents to read, refused file name -> reason). Only regular files
    directly in the corpus folder are read: a symbolic link could bring in
    any file on the machine (/etc/passwd), and hidden files are usually
    editor or system droppings. Both are named in the build report, never
    dropped silently; Office lock files (~$x.docx) are skipped quietly."""
    if not corpus_dir.is_dir():
        return [], {}
    files, refused = [], {}
    for path in sorted(corpus_dir.iterdir()):
        if path.name.startswith("~$"):
            continue
        if path.stem.upper() in CORPUS_NOTES:
            refused[path.name] = "是语料说明文件（来源、整理记录），不是政策文件，未索引"
            continue
        if path.is_symlink():
            refused[path.name] = "是符号链接，已拒绝：只索引语料目录中的普通文件，请复制文件本身"
        elif path.name.startswith("."):
            if path.is_file():
                refused[path.name] = "是隐藏文件（名称以“.”开头），未索引；如需索引请去掉开头的“.”"
        elif path.is_file() and max_bytes and path.stat().st_size > max_bytes:
            refused[path.name] = (f"文件过大（{path.stat().st_size / 1048576:.1f} MB），超过单个文件上限 "
                                  f"{max_bytes / 1048576:.0f} MB（POLICY_ASSISTANT_MAX_DOCUMENT_MB），未索引")
        elif path.is_file() and path.suffix.lower() in TEXT_SUFFIXES and too_much_text(path.stat().st_size):
            refused[path.name] = too_much_text(path.stat().st_size)
        elif path.is_file():
            files.append(path)
        elif not path.is_dir():
            refused[path.name] = "不是普通文件，未索引"
    return files, refused


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Every document the corpus folder offers (see corpus_listing)."""
    return corpus_listing(corpus_dir)[0]
