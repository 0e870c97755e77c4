"""Issue #24, the document findings: lookalike uploads of the shipped plan
(finding 2), bombs refused before they are read (finding 8) and formula
cells in the 职责 CSV (finding 11). Real documents and generated bomb files;
the index is the hashing-embedding one (the answers' wording is not tested).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from opencc import OpenCC

from conftest import MINI_DOC, MINI_LINES, PLAN

ROOT = Path(__file__).resolve().parent.parent
TITLE = PLAN.stem  # 中山国家自主创新示范区建设实施方案（2016-2020年）
LEAD_Q = f"《{TITLE}》中新型研发机构由哪个单位牵头？"


@pytest.fixture
def plan_copy(fake_settings, tmp_path):
    """A private copy of the hashing index over the shipped plan (and the second document)."""
    shutil.copytree(fake_settings.index_dir, tmp_path / "index")
    shutil.copytree(fake_settings.corpus_dir, tmp_path / "corpus")
    return fake_settings.with_overrides(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus")


LOOKALIKES = {  # respellings a reader takes for the same title
    "ascii-brackets": lambda t: t.replace("（", "(").replace("）", ")"),
    "zero-width": lambda t: t.replace("自主", "自\u200b主"),
    "traditional": OpenCC("s2t").convert,
    "full-width-digits": lambda t: t.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
}


def _impostor(tmp_path: Path, respell) -> Path:
    """The plan with its title lines respelt and another lead unit for 新型研发机构."""
    head, rest = PLAN.read_text(encoding="utf-8").split("\n", 3)[:3], PLAN.read_text(encoding="utf-8").split("\n", 3)[3]
    fake = respell("\n".join(head)) + "\n" + rest
    fake = fake.replace("（牵头单位：市科技局；责任单位：各镇区，市经济和信息化局）", "（牵头单位：市财政局）", 1)
    upload = tmp_path / "upload.txt"
    upload.write_text(fake, encoding="utf-8")
    return upload


# ---------------------------------------------------------------- finding 2: lookalikes of the shipped plan


@pytest.mark.parametrize("kind", list(LOOKALIKES))
def test_a_lookalike_of_the_plan_needs_the_explicit_overwrite(plan_copy, tmp_path, kind):
    from assistant.errors import UploadError
    from assistant.service import Assistant

    served = Assistant.open(plan_copy)
    before = sorted(p.name for p in plan_copy.corpus_dir.iterdir())
    name = LOOKALIKES[kind](TITLE)
    upload = _impostor(tmp_path, LOOKALIKES[kind])
    for saved_as in (f"{name}.txt", "新上传的文件.txt"):  # the name, or only the title inside, is the lookalike
        with pytest.raises(UploadError, match="覆盖同名文件") as refused:
            served.add_document(upload, saved_as, overwrite=False)
        assert PLAN.name in str(refused.value)
    assert sorted(p.name for p in plan_copy.corpus_dir.iterdir()) == before
    assert "市科技局" in served.ask(LEAD_Q).text


def test_an_official_document_is_never_replaced_from_the_web(plan_copy, tmp_path):
    from assistant.errors import UploadError
    from assistant.service import Assistant

    official = plan_copy.corpus_dir / PLAN.name
    official.chmod(0o444)  # marked official
    served = Assistant.open(plan_copy)
    original = official.read_bytes()
    for name in (PLAN.name, LOOKALIKES["zero-width"](TITLE) + ".md", "另一个名字.txt"):
        with pytest.raises(UploadError, match="正式文件"):
            served.add_document(_impostor(tmp_path, LOOKALIKES["ascii-brackets"]), name, overwrite=True)
    assert official.read_bytes() == original and "市科技局" in served.ask(LEAD_Q).text


def test_a_document_number_identifies_a_document(plan_copy, tmp_path):
    from assistant.errors import UploadError
    from assistant.ingest.uploads import doc_numbers
    from assistant.service import Assistant

    second = next(p for p in plan_copy.corpus_dir.iterdir() if p.name.startswith("示例市"))
    numbered = second.with_name("示例市科技创新行动计划（示府〔2021〕30号）.txt")
    second.rename(numbered)
    upload = tmp_path / "u.txt"
    upload.write_text("关于另一件事的通知\n示府[２０２１]30号\n一、总则\n（一）内容。\n", encoding="utf-8")
    assert doc_numbers("示府[２０２１]30号") == doc_numbers(numbered.stem)
    with pytest.raises(UploadError, match="覆盖同名文件"):
        Assistant.open(plan_copy).add_document(upload, "通知.txt", overwrite=False)


# ---------------------------------------------------------------- finding 8: limits checked before reading


@pytest.fixture
def small_corpus(second_doc_path, tmp_path):
    from assistant.index.build import build_index
    from assistant.settings import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = second_doc_path.read_text(encoding="utf-8").split("\n")[:MINI_LINES]
    (corpus / MINI_DOC).write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = Settings.load(corpus_dir=corpus, index_dir=tmp_path / "index", embedding_backend="hashing")
    build_index(s)
    return s


def docx_bomb(unpacked_mb: int) -> bytes:
    """A .docx whose document.xml unpacks to `unpacked_mb` MB of spaces (a few KB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        with z.open("word/document.xml", "w") as fh:
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                fh.write(block)
    return out.getvalue()


def pdf_with(content: bytes, pages: int = 1) -> bytes:
    """A PDF of `pages` pages sharing one Flate content stream."""
    packed = zlib.compress(content, 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _index(settings, env: dict) -> str:
    built = subprocess.run([sys.executable, "-m", "assistant.cli", "index", "--corpus", str(settings.corpus_dir),
                            "--index", str(settings.index_dir)], cwd=ROOT, capture_output=True, text=True,
                           timeout=600, env={**os.environ, "POLICY_ASSISTANT_EMBEDDING_BACKEND": "hashing", **env})
    assert built.returncode == 0 and "Traceback" not in built.stderr, built.stderr
    return built.stdout


def test_bombs_are_refused_by_name_before_they_are_read(small_corpus):
    corpus = small_corpus.corpus_dir
    (corpus / "压缩炸弹.docx").write_bytes(docx_bomb(40))
    (corpus / "页数炸弹.pdf").write_bytes(pdf_with(b"BT ET\n", pages=30))
    (corpus / "超大文本.txt").write_bytes(("超大文本\n" + "内容。" * 300_000).encode("utf-8"))  # 2.7 MB
    assert (corpus / "压缩炸弹.docx").stat().st_size < 100_000
    out = _index(small_corpus, {"POLICY_ASSISTANT_MAX_UNZIPPED_MB": "10", "POLICY_ASSISTANT_MAX_PDF_PAGES": "20",
                                "POLICY_ASSISTANT_MAX_DOCUMENT_CHARS": "500000"})
    lines = out.splitlines()
    for name, reason in (("压缩炸弹.docx", "MAX_UNZIPPED_MB"), ("页数炸弹.pdf", "MAX_PDF_PAGES"),
                         ("超大文本.txt", "按字节数")):
        assert any(name in line and reason in line for line in lines), out
    assert "文件 1 个" in out


def test_a_pdf_bomb_upload_says_why(small_corpus, tmp_path):
    from assistant.errors import UnreadableDocument
    from assistant.service import Assistant

    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_with(b" " * (100 * 1024 * 1024)))  # 100 MB of content, about 100 KB packed
    assert bomb.stat().st_size < 300_000
    with pytest.raises(UnreadableDocument, match="解压后过大"):
        Assistant.open(small_corpus).add_document(bomb, "政策.pdf")
    assert sorted(p.name for p in small_corpus.corpus_dir.iterdir()) == [MINI_DOC]


# ---------------------------------------------------------------- finding 11: the 职责 CSV


def test_formula_cells_in_the_duties_csv_are_text(small_corpus):
    from assistant.index.build import build_index
    from assistant.service import Assistant
    from assistant.web.browse import DutiesTab

    doc = small_corpus.corpus_dir / MINI_DOC
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("（三）实施高新技术企业倍增行动。", '（三）=HYPERLINK("http://evil.test","倍增行动")。'),
                   encoding="utf-8")
    build_index(small_corpus)
    *_, download = DutiesTab(Assistant.open(small_corpus)).lookup("市科技局")  # the export comes last
    with open(download["value"], encoding="utf-8-sig", newline="") as fh:
        cells = [cell for row in csv.reader(fh) for cell in row]
    titles = [c for c in cells if "HYPERLINK" in c]
    assert titles and all(c.startswith("'=") for c in titles), titles
