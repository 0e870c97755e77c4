"""The web app, driven for real: the Gradio server on a free loopback port
over the test index, the named API through gradio_client, and the UI in
Debian's headless chromium (screenshots go to test-artifacts/screenshots/).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import socket
from dataclasses import asdict
from pathlib import Path

import gradio as gr
import pytest

from assistant.service import unit_english
from assistant.web.chat import EXAMPLES
from browser import SCREENSHOTS, browser_page, chromium_path, match_profile, shot

NO_CHROMIUM = chromium_path() is None
needs_chromium = pytest.mark.skipif(
    NO_CHROMIUM,
    reason="Debian chromium is not installed (run `make system-deps`: apt-get install chromium fonts-noto-cjk)",
)
CHAT_Q = "高新技术企业可以享受哪些支持政策？"
FOLLOW_UP = "那牵头单位是谁？"
OFF_TOPIC = "火星移民的补贴标准是什么？"
HAN = re.compile(r"[\u4e00-\u9fff]")
ANSWER_MS = 90_000  # an answer on a 2-core machine shared by several sessions (a few seconds when idle)
# Gradio's own dataframe code trips pandas 3 deprecation warnings; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(assistant, settings):
    from assistant.web.app import build_app, launch_options

    settings = settings.with_overrides(host="127.0.0.1", port=free_port())
    demo = build_app(assistant, settings)
    demo.queue(default_concurrency_limit=2)
    demo.launch(**launch_options(settings, prevent_thread_lock=True, quiet=True))
    return demo, f"http://127.0.0.1:{settings.port}/"


@pytest.fixture(scope="module")
def app_url(request, assistant, settings):
    demo, url = start(assistant, settings)
    capture = request.config.pluginmanager.getplugin("capturemanager")
    if capture is not None and not NO_CHROMIUM:  # shown even when output is captured
        with capture.global_and_fixture_disabled():
            print(f"\n[test_web] app under test: {url}; browser screenshots go to {SCREENSHOTS}/")
    yield url
    demo.close()


@pytest.fixture(scope="module")
def client(app_url):
    from gradio_client import Client

    # Citations carry the section's outline `path`; gradio_client (this protocol) takes any dict
    # with a string "path" for a file to download unless told not to (README: the named API).
    return Client(app_url, verbose=False, download_files=False)


# ---------------------------------------------------------------- API


def test_api_exposes_only_the_named_endpoints(client):
    endpoints = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert endpoints == {"/ask", "/match", "/duties"}


def test_ask_endpoint_returns_the_cli_json(client, assistant):
    result = client.predict(CHAT_Q, api_name="/ask")
    assert {"question", "answer", "answerable", "intent", "citations", "latency_ms"} <= set(result)
    assert result["question"] == CHAT_Q
    assert isinstance(result["answer"], str) and result["answer"]
    assert result["answerable"] is True and isinstance(result["intent"], str)
    assert isinstance(result["latency_ms"], (int, float))
    assert result["citations"], "an answer must carry citations"
    labels = {(s.doc, s.label) for s in assistant.sections()}
    for c in result["citations"]:
        assert set(c) == {"doc", "section", "title", "quote", "path", "id"}
        assert (c["doc"], c["section"]) in labels, f"citation names no real section: {c}"
        assert c["quote"] in assistant.section(c["doc"], c["section"]).text
    assert result == {**assistant.ask(CHAT_Q).to_json(), "latency_ms": result["latency_ms"]}


def test_ask_endpoint_reports_bad_questions_in_chinese(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="问题为空"):
        client.predict("   ", api_name="/ask")


def test_match_endpoint_accepts_a_dict_or_json_and_returns_cli_shape(client, assistant):
    from assistant import eligibility

    expected = assistant.match(eligibility.profile_from_flags(qual=["高新技术企业"], need=["融资"])).to_json()
    assert expected
    assert client.predict({"qualifications": ["高新技术企业"], "needs": ["融资"]}, api_name="/match") == expected
    assert client.predict('{"资质": "高新技术企业", "需求": "融资"}', api_name="/match") == expected


def test_match_endpoint_rejects_unknown_fields(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="未知的档案字段"):
        client.predict({"colour": "red"}, api_name="/match")


def test_duties_endpoint_accepts_short_names(client, assistant):
    rows = client.predict("商务局", api_name="/duties")
    assert rows == [asdict(d) for d in assistant.duties("市商务局")]
    assert {r["role"] for r in rows} <= {"牵头", "责任"} and rows


def test_basic_auth_protects_the_app(assistant, settings):
    from gradio_client import Client

    secured = settings.with_overrides(auth_user="admin", auth_password="s3cret-口令")
    demo, url = start(assistant, secured)
    try:
        with pytest.raises(Exception):
            Client(url, verbose=False, download_files=False).predict(CHAT_Q, api_name="/ask")
        ok = Client(url, auth=("admin", "s3cret-口令"), verbose=False, download_files=False).predict(CHAT_Q, api_name="/ask")
        assert ok["answerable"] is True
    finally:
        demo.close()


# ---------------------------------------------------------------- safety (no server)


@pytest.mark.parametrize("name, saved", [
    ("规划.docx", "规划.docx"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\evil.md", "evil.md"),
    (".hidden.txt", "hidden.txt"),
    ("a<b>:c?.PDF", "a_b__c_.pdf"),
])
def test_upload_names_are_sanitized_into_the_corpus(settings, name, saved):
    from assistant.ingest.uploads import target_path

    path = target_path(settings.corpus_dir, name)
    assert path.name == saved
    assert path.parent == settings.corpus_dir.resolve()


@pytest.mark.parametrize("name", ["run.exe", "archive.tar.gz", "noext", "...", ".txt", "../"])
def test_upload_refuses_other_types_and_empty_names(settings, name):
    from assistant.errors import UploadError
    from assistant.ingest.uploads import safe_filename

    with pytest.raises(UploadError):
        safe_filename(name)


def test_upload_refuses_oversize_and_silent_overwrite(settings, tmp_path):
    from assistant.errors import UploadError
    from assistant.ingest.uploads import save_upload

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    with pytest.raises(UploadError, match="文件过大"):
        save_upload(corpus, big, "big.txt", overwrite=False, max_mb=1)
    doc = tmp_path / "doc.txt"
    doc.write_text("一、总则\n内容。", encoding="utf-8")
    path, replaced = save_upload(corpus, doc, "../doc.txt", overwrite=False, max_mb=1)
    assert path == corpus.resolve() / "doc.txt" and not replaced
    with pytest.raises(UploadError, match="同名文件"):
        save_upload(corpus, doc, "doc.txt", overwrite=False, max_mb=1)
    assert save_upload(corpus, doc, "doc.txt", overwrite=True, max_mb=1)[1] is True
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["big.txt", "doc.txt", "doc.txt"]


@pytest.mark.parametrize("auth, user, host, allowed", [
    (False, None, "127.0.0.1", True),   # local use without login
    (False, None, "10.0.0.5", False),   # another machine, no login: no uploads
    (True, "admin", "10.0.0.5", True),  # the configured admin, from anywhere
    (True, "guest", "127.0.0.1", False),
])
def test_only_the_admin_or_a_local_user_may_upload(settings, auth, user, host, allowed):
    from starlette.requests import Request

    from assistant.web.files import may_upload

    settings = settings.with_overrides(auth_user="admin" if auth else "", auth_password="pw" if auth else "")
    request = gr.Request(Request({"type": "http", "client": (host, 50000), "headers": []}), username=user)
    assert may_upload(settings, request) is allowed


def test_handler_errors_become_friendly_chinese_messages():
    from assistant.service import QuestionError
    from assistant.web.common import UNEXPECTED, friendly

    def broken():
        raise KeyError("internal detail")

    def bad_question():
        raise QuestionError("问题为空，请输入要咨询的内容")

    with pytest.raises(gr.Error) as err:
        friendly(broken)()
    assert err.value.message == UNEXPECTED and "KeyError" not in err.value.message
    with pytest.raises(gr.Error, match="问题为空"):
        friendly(bad_question)()


def test_highlight_escapes_html_and_marks_the_quote():
    from assistant.web.common import highlight

    text = "第一句<script>。\n  第二句 要被 引用。第三句。"
    out = highlight(text, "第二句要被引用。")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<mark>第二句 要被 引用。</mark>" in out


# ---------------------------------------------------------------- browser


MARK_SHOWS_QUOTE = """quote => {
  const mark = document.querySelector('#source-panel mark');
  const flat = s => s.replace(/\\s/g, '');
  return !!mark && flat(mark.innerText).length >= 4 && flat(quote).includes(flat(mark.innerText));
}"""
IN_VIEW = """mark => {
  const box = mark.closest('.source-text').getBoundingClientRect(), r = mark.getBoundingClientRect();
  return r.top >= box.top - 1 && r.top < box.bottom;
}"""


def _last_answer(page):
    return page.locator("#chatbot .cite-head").last.locator("xpath=ancestor::*[contains(@class,'message-content')][1]")


def _ask(page, question: str, answers_before: int) -> None:
    page.locator("#question-box textarea").fill(question)
    page.locator("#send-btn").click()
    page.wait_for_function(
        "n => document.querySelectorAll('#chatbot .cite-head, #chatbot .nobasis-badge').length > n",
        arg=answers_before, timeout=ANSWER_MS,
    )
    page.wait_for_timeout(400)  # let the last streamed piece settle


@needs_chromium
def test_chat_answers_with_citations_and_shows_the_source(app_url, assistant):
    session = assistant.new_session()
    first = assistant.ask(CHAT_Q, session=session)
    follow = assistant.ask(FOLLOW_UP, session=session)
    with browser_page() as page:
        page.goto(app_url)
        _ask(page, CHAT_Q, 0)
        text = _last_answer(page).inner_text()
        assert "引用依据" in text and "[1]" in text
        assert first.citations[0].section + first.citations[0].title in text
        # The picker lists every citation; choosing one shows its section with the quote marked.
        options = page.locator("#cite-picker label")
        assert options.count() == len(first.citations)
        pick = min(1, len(first.citations) - 1)
        options.nth(pick).click()
        cited = first.citations[pick]
        page.locator("#source-panel .source-title").filter(has_text=cited.title).wait_for()
        page.wait_for_function(MARK_SHOWS_QUOTE, arg=cited.quote)
        page.wait_for_timeout(400)  # the panel scrolls the quote into view
        assert page.locator("#source-panel mark").first.evaluate(IN_VIEW), "the quote must be scrolled into view"
        shot(page, "chat-answer-and-source")
        # A follow-up keeps the context of the first question.
        _ask(page, FOLLOW_UP, 1)
        assert follow.text.split("〔")[0] in _last_answer(page).inner_text()
        assert page.locator("#cite-picker label").count() == len(follow.citations)
        shot(page, "chat-follow-up")


@needs_chromium
def test_chat_marks_unsupported_questions_and_copies_answers(app_url, assistant):
    assert not assistant.ask(OFF_TOPIC).answerable
    with browser_page(clipboard=True) as page:
        page.goto(app_url)
        page.get_by_role("button", name=EXAMPLES[0]).click()  # an example question, one click
        page.locator("#chatbot .cite-head").first.wait_for(timeout=ANSWER_MS)
        page.wait_for_timeout(400)
        page.locator("#copy-btn").click()
        page.locator("#copy-btn").filter(has_text="已复制").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert "[1]" in copied and len(copied) > 20
        _ask(page, OFF_TOPIC, 1)
        badge = page.locator("#chatbot .nobasis-badge").last
        assert badge.inner_text() == "未找到依据"
        style = "e => getComputedStyle(e.closest('.bot.message')).backgroundColor"
        normal = page.locator("#chatbot .cite-head").first.evaluate(style)
        assert badge.evaluate(style) != normal, "an unsupported answer must look different"
        shot(page, "chat-no-basis")
        # A bad question is a message, not an answer.
        page.locator("#question-box textarea").fill("？？？")
        page.locator("#send-btn").click()
        page.get_by_text("没有可识别的文字").first.wait_for()


SUBSIDY_Q = "我们是高新技术企业，能拿到哪些补贴？"
PHONE = (390, 844)


@needs_chromium
@pytest.mark.parametrize("size", [(1360, 900), PHONE], ids=["desktop", "phone"])
def test_citation_marks_open_the_source_under_the_answer_and_chats_survive_reload(app_url, assistant, size):
    answer = assistant.ask(SUBSIDY_Q)
    assert answer.answerable and answer.citations  # (five cards at most; a card of two sources cites both)
    with browser_page(*size) as page:
        page.goto(app_url)
        page.evaluate("localStorage.clear()")
        page.reload()
        _ask(page, SUBSIDY_Q, 0)
        marks = page.locator("#chatbot summary.cite-mark")
        assert marks.count() == len(answer.citations)
        marks.nth(0).click()  # [1] opens its source in place, right under the answer, quote highlighted
        context = page.locator("#chatbot details.cite-detail[open] .cite-context mark").first
        context.wait_for()
        flat = context.inner_text().replace(" ", "")
        assert flat and flat in answer.citations[0].quote.replace(" ", "")
        box, mark_box = page.locator("#chatbot").bounding_box(), context.bounding_box()
        assert mark_box["y"] < box["y"] + box["height"] + 200, "the source must open near its answer"
        shot(page, f"chat-cards-source-{size[0]}")
        # Reloading keeps the conversation; 清空对话 clears it for good.
        page.reload()
        page.locator("#chatbot").get_by_text(SUBSIDY_Q).first.wait_for()
        page.locator("#chatbot summary.cite-mark").first.wait_for()
        page.locator("#clear-btn").click()
        page.wait_for_timeout(800)
        page.reload()
        page.locator("#question-box textarea").wait_for()
        page.wait_for_timeout(1500)
        assert page.locator("#chatbot").get_by_text(SUBSIDY_Q).count() == 0


@needs_chromium
def test_a_refusal_opens_no_source(app_url, assistant):
    assert not assistant.ask(OFF_TOPIC).answerable
    with browser_page() as page:
        page.goto(app_url)
        page.evaluate("localStorage.clear()")
        page.reload()
        _ask(page, OFF_TOPIC, 0)
        page.locator("#chatbot .nobasis-badge").last.wait_for()
        assert page.locator("#source-panel .source-card").count() == 0  # the hint, not an unrelated section
        assert page.locator("#source-panel mark").count() == 0 or \
            page.locator("#source-panel .source-empty").count() == 1


@needs_chromium
@pytest.mark.parametrize("size", [(1360, 900), PHONE], ids=["desktop", "phone"])
def test_english_switch_and_english_answers(app_url, assistant, size):
    question = "Which tasks is the Finance Bureau responsible for?"
    answer = assistant.ask(question)
    assert answer.answerable and answer.text.startswith("Municipal Finance Bureau")
    with browser_page(*size) as page:
        page.goto(app_url)
        page.evaluate("localStorage.clear()")
        page.reload()
        page.locator("#lang-switch").get_by_text("English").click()
        page.get_by_role("tab", name="Matching").wait_for()
        page.locator("#send-btn").filter(has_text="Send").wait_for()
        _ask(page, question, 0)
        page.locator("#chatbot").get_by_text("Municipal Finance Bureau").first.wait_for()
        # each task summarised in English (its role, who leads one it shares), its Chinese wording beneath
        shown = [line.strip() for line in _last_answer(page).inner_text().split("\n") if line.strip()]
        tasks = [i for i, line in enumerate(shown) if re.match(r"(Leads|Shares) task", line)]
        assert len(tasks) == len(answer.citations), shown
        for i, c in zip(tasks, answer.citations):
            assert shown[i + 1].startswith(f"Source text: {c.section}{c.title}"), shown[i:i + 2]
            section = assistant.section(c.doc, c.section)
            if shown[i].startswith("Shares") and section.lead_units:
                assert f"led by {unit_english(section.lead_units[0])}" in shown[i]
        shot(page, f"english-chat-{size[0]}", full_page=size == PHONE)
        page.reload()  # the choice is kept
        page.locator("#send-btn").filter(has_text="Send").wait_for()
        # the switch shows the kept choice (a click before that would hit a radio already at 中文)
        page.locator('#lang-switch input[value="English"]:checked').wait_for(state="attached")
        page.locator("#lang-switch").get_by_text("中文").click()
        # (on a phone a long English tab name may sit in the overflow menu: check a button instead)
        page.locator("#send-btn").filter(has_text="发送").wait_for()
        page.locator("#clear-btn").filter(has_text="清空对话").wait_for()


@needs_chromium
def test_responsibilities_lookup_for_a_unit_and_a_section(app_url, assistant):
    duties = assistant.duties("市商务局")
    assert duties
    with browser_page() as page:
        page.goto(app_url)
        page.get_by_role("tab", name="职责查询").click()
        unit = page.locator("#unit-picker input")
        unit.fill("市商务局")
        page.locator("#unit-picker").get_by_role("option", name="市商务局").first.click()
        page.locator("#duties-btn").click()
        page.locator("#duties-summary").get_by_text("共承担").wait_for()
        table = page.locator("#duties-table")
        for d in duties:
            table.get_by_text(d.title).filter(visible=True).first.wait_for()
        with page.expect_download() as download:
            page.locator("#duties-csv").click()
        rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        assert rows[0][:3] == ["角色", "章节", "任务"]
        ordered = sorted(duties, key=lambda d: d.role != "牵头")  # lead tasks first, then shared ones
        assert [(r[1], r[2]) for r in rows[1:]] == [(d.section, d.title) for d in ordered]
        assert [r[0] for r in rows[1:]] == ["牵头" if d.role == "牵头" else "参与" for d in ordered]
        # Clicking a row shows that section's lead and responsible units.
        table.get_by_text(duties[0].title).filter(visible=True).first.click()
        page.locator("#section-units").get_by_text("牵头单位", exact=True).wait_for()
        section = assistant.section(duties[0].doc, duties[0].section)
        shown = page.locator("#section-units").inner_text()
        assert section.heading in shown and all(u in shown for u in section.lead_units)
        # Picking a section in the picker shows its units too.
        other = next(s for s in assistant.sections() if s.lead_units and s.key != section.key)
        page.locator("#section-picker input").fill(other.heading[:8])
        page.locator("#section-picker").get_by_role("option").filter(has_text=other.heading[:8]).first.click()
        page.locator("#section-units").get_by_text(other.heading[:8]).first.wait_for()
        shot(page, "duties-市商务局", full_page=True)


@needs_chromium
@pytest.mark.parametrize("size", [(1360, 900), (390, 844)], ids=["desktop", "phone"])
def test_unknown_unit_clears_results_and_english_names_resolve(app_url, assistant, size):
    finance = [u for u in assistant.units() if "财政" in u]
    assert finance
    with browser_page(*size) as page:
        page.goto(app_url)
        page.get_by_role("tab", name="职责查询").click()
        unit = page.locator("#unit-picker input")
        unit.fill("Finance Bureau")  # an English name finds the unit through its parts
        unit.press("Enter")
        page.locator("#duties-btn").click()
        page.locator("#duties-summary").get_by_text(finance[0]).first.wait_for()
        page.locator("#duties-csv").wait_for(state="visible")
        # An unknown name: one clear state, no earlier results and no earlier export.
        unit.fill("市不存在管理局")
        unit.press("Enter")
        page.locator("#duties-btn").click()
        page.locator("#duties-summary").get_by_text("未找到该单位").wait_for()
        page.locator("#duties-csv").wait_for(state="hidden")
        assert page.locator("#duties-table tbody tr").filter(has_text="牵头").count() == 0
        unit.fill("财政")  # a part of a name: suggestions name the unit
        unit.press("Enter")
        page.locator("#duties-btn").click()
        page.locator("#duties-summary").get_by_text(finance[0]).first.wait_for()
        shot(page, f"duties-unknown-{size[0]}", full_page=True)


@needs_chromium
def test_eligibility_match_for_a_high_tech_enterprise(app_url, assistant):
    from assistant import eligibility

    result = assistant.match(eligibility.profile_from_flags(qual=["高新技术企业"]))
    groups = result.card_groups("specific")
    assert groups
    with browser_page() as page:
        page.goto(app_url)
        match_profile(page)
        shown = page.locator("#match-result li.policy-card").count()
        assert shown == len(result.cards())  # one card per measure, however many sections state it
        for group, items in groups.items():
            page.locator("#match-result summary").filter(has_text=f"{group}（{len(items)} 条）").first.wait_for()
        top = result.cards()[0]
        page.locator("#match-result").get_by_text(top.summary[:20]).first.wait_for()
        for office in top.lead_offices:  # whom to ask, from the section's unit line
            page.locator("#match-result .card-fact").filter(has_text=office).first.wait_for()
        assert page.locator("#match-csv").is_visible()
        with page.expect_download() as download:
            page.locator("#match-json").click()
        exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert exported["measures"] == result.to_json()
        shot(page, "match-高新技术企业")


@needs_chromium
def test_targets_and_documents_tabs(app_url, assistant):
    total = sum(len(s.targets) for s in assistant.sections())
    with browser_page() as page:
        page.goto(app_url)
        page.get_by_role("tab", name="目标指标").click()
        page.locator("#target-count").get_by_text(f"共 {total} 项").wait_for()
        # Filter by the heading of the section with the fewest targets.
        counts = {s.heading: len(s.targets) for s in assistant.sections() if s.targets}
        probe = min(counts, key=counts.get)
        expected = [t for s in assistant.sections() for t in s.targets
                    if probe in f"{t.metric} {t.value} {t.unit} {t.year or ''} {s.heading} {t.sentence} {s.doc}"]
        assert 0 < len(expected) < total
        page.locator("#target-filter textarea").fill(probe)
        page.locator("#target-count").get_by_text(f"共 {len(expected)} 项").wait_for()
        page.locator("#target-table").get_by_text(expected[0].sentence[:15]).filter(visible=True).first.wait_for()
        page.locator("#target-chart svg, #target-chart canvas").first.wait_for()
        page.wait_for_timeout(500)
        shot(page, "targets", full_page=True)
        page.get_by_role("tab", name="文件").click()
        for doc in assistant.documents():
            page.locator("#docs-table").get_by_text(doc["source"]).filter(visible=True).first.wait_for()
        assert page.locator("#upload-btn").is_visible()  # loopback and no auth: uploads allowed
        shot(page, "documents", full_page=True)


@pytest.fixture()
def private_app(assistant, settings, tmp_path):
    """An app over a private copy of the corpus and index, for uploads."""
    from assistant.service import Assistant

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(settings.corpus_dir, corpus)
    shutil.copytree(settings.index_dir, index)
    own = settings.with_overrides(corpus_dir=corpus, index_dir=index)
    mine = Assistant.open(own)
    demo, url = start(mine, own)
    yield url, mine, own
    demo.close()


@needs_chromium
def test_upload_adds_a_document_and_reindexes(private_app, tmp_path):
    url, mine, own = private_app
    upload = tmp_path / "upload" / "示例区数字经济三年行动方案.md"
    upload.parent.mkdir()
    upload.write_text(
        "示例区数字经济三年行动方案\n\n一、主要任务\n（一）建设算力中心\n到2025年建成智能算力中心2个，"
        "对新建数据中心给予用电补贴。\n（牵头单位：区工信局；责任单位：区发展改革局）\n", encoding="utf-8")
    before = {d["name"] for d in mine.documents()}
    with browser_page() as page:
        page.goto(url)
        page.get_by_role("tab", name="文件").click()
        page.locator("#upload-file input[type=file]").set_input_files(str(upload))
        page.locator("#upload-file").get_by_text(upload.name).first.wait_for()  # uploaded to the server
        page.locator("#upload-btn").click()
        page.locator("#upload-status").get_by_text("已添加").wait_for(timeout=90_000)
        page.locator("#docs-table").get_by_text(upload.name).filter(visible=True).first.wait_for()
        shot(page, "upload-done", full_page=True)
        # Without a reload, the other tabs show the new document's contents.
        page.get_by_role("tab", name="目标指标").click()
        page.locator("#target-count").get_by_text(f"共 {len(mine.targets())} 项").wait_for()
        page.get_by_role("tab", name="职责查询").click()
        page.locator("#unit-picker input").fill("区工信局")
        page.locator("#unit-picker").get_by_role("option", name="区工信局").first.wait_for()
    assert (own.corpus_dir / upload.name).is_file()
    assert {d["name"] for d in mine.documents()} - before == {upload.stem}
    assert "区工信局" in mine.units()


@needs_chromium
def test_login_page_and_admin_upload_with_auth(assistant, settings):
    secured = settings.with_overrides(auth_user="admin", auth_password="s3cret-口令")
    demo, url = start(assistant, secured)
    try:
        with browser_page() as page:
            page.goto(url)
            page.get_by_text("请输入政策助手的用户名和密码").wait_for()
            page.locator("input[type=password]").wait_for()
            shot(page, "login")
            page.locator("input:not([type=password])").first.fill("admin")
            page.locator("input[type=password]").fill("s3cret-口令")
            page.locator("input[type=password]").press("Enter")
            page.get_by_role("tab", name="文件").click()
            page.locator("#upload-btn").wait_for()  # the configured admin may upload
    finally:
        demo.close()


# ---------------------------------------------------------------- issue 23: the app as its users meet it


def test_one_unit_resolver_on_the_index_units(assistant):
    """Full official names, short names, aliases and English find the unit;
    a one-character typo suggests it; a unit no document names is said so."""
    finance = "市财政局"
    assert finance in assistant.units()
    for typed, how in [("中山市财政局", "official"), ("财政局", "short"), ("市财政局", "exact"),
                       ("Finance Bureau", "english")]:
        match = assistant.resolve_unit(typed)
        assert (match.unit, match.how) == (finance, how), typed
    assert assistant.resolve_unit("市发改局").unit == "市发展改革局"  # an alias (lexicon/units.toml)
    typo = assistant.resolve_unit("市财正局")
    assert not typo.found and typo.suggestions == (finance,) and finance in typo.message()
    missing = assistant.resolve_unit("市数据局")
    assert not missing.found and not missing.suggestions
    assert missing.message() == "文件中没有提到市数据局。"
    assert assistant.resolve_unit("中山市数据局").message() == "文件中没有提到市数据局。"
    assert [d.section for d in assistant.duties("中山市财政局")] == [d.section for d in assistant.duties(finance)]


def test_a_duties_question_about_a_unit_no_document_names_says_so(assistant):
    answer = assistant.ask("市数据局负责哪些任务？")
    assert not answer.answerable and answer.text == "文件中没有提到市数据局。" and not answer.citations
    assert assistant.ask("市财政局负责哪些任务？").answerable  # a known unit is still answered
    assert "没有提到" not in assistant.ask("科技企业孵化器由哪个局负责？").text  # a question, not a unit


def test_citations_carry_the_section_path_and_id_in_every_interface(assistant, settings):
    import subprocess
    import sys

    from fastapi.testclient import TestClient

    from assistant.web.openai_compat import add_openai_routes
    from assistant.web.rest import build_rest

    question = "新型研发机构由哪个单位牵头？"
    cites = assistant.ask(question).citations
    assert cites
    for c in cites:
        section = assistant.section(c.doc, c.section)
        assert (c.path, c.id) == (section.path, section.key) and " > " in c.path
    expected = [c.to_dict() for c in cites]
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "ask", "--json", question,
                          "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)],
                         cwd=root, capture_output=True, text=True, timeout=300,
                         env={**__import__("os").environ, "PYTHONPATH": str(root)})
    assert json.loads(out.stdout)["citations"] == expected
    rest, gate = build_rest(assistant, settings, health=lambda: {"status": "ready"})
    add_openai_routes(rest, assistant, settings, gate)
    with TestClient(rest) as http:
        assert http.post("/api/v1/ask", json={"question": question}).json()["citations"] == expected
        body = http.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": question}]}).json()
        assert body["citations"] == expected


def test_the_build_message_gives_minutes_from_the_builds_own_progress():
    from assistant.web.warmup import building_message

    assert building_message(None, 0) == "正在建立索引（正在读取文件），完成后即可提问，请稍候再试"
    # 300 of 2100 texts in 60 s: 1800 more take about 6 minutes
    assert building_message((300, 2100), 60.0).startswith("正在建立索引，约6分钟")
    assert "即将完成" in building_message((2000, 2100), 60.0)
    # the same in English, for an English question or the English interface
    assert building_message((300, 2100), 60.0, english=True).startswith("Building the index: about 6 min left")
    assert "almost done" in building_message((2000, 2100), 60.0, english=True)


def test_an_english_question_is_told_in_english_that_it_is_being_answered(assistant):
    """The note shown while an answer is sought follows the question's language (and the interface's)."""
    from assistant.web.chat import ChatTab

    tab = ChatTab(assistant)
    pending = next(tab.respond("Which unit leads the incubator work?", [], None, {}, "中文"))
    assert pending[1][-1]["content"] == "Searching the documents…"
    pending = next(tab.respond("孵化器建设由谁牵头？", [], None, {}, "中文"))
    assert pending[1][-1]["content"] == "正在查找文件依据……"
    pending = next(tab.respond("孵化器建设由谁牵头？", [], None, {}, "English"))
    assert pending[1][-1]["content"] == "Searching the documents…"


DESKTOP = (1366, 900)
SIZES = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])


def _fresh(page, url: str) -> None:
    page.goto(url)
    page.evaluate("localStorage.clear()")
    page.reload()
    page.locator("#question-box textarea").wait_for()


def _look_up(page, unit: str) -> None:
    page.get_by_role("tab", name=re.compile("职责查询|Duties")).click()
    box = page.locator("#unit-picker input")
    box.fill(unit)
    box.press("Enter")
    page.locator("#duties-btn").click()


@needs_chromium
def test_duties_table_fits_1366_marks_the_lead_and_exports_whole_cells(app_url, assistant):
    from assistant.web.browse import first_sentence

    duties = sorted(assistant.duties("市财政局"), key=lambda d: d.role != "牵头")
    with browser_page(*DESKTOP) as page:
        _fresh(page, app_url)
        _look_up(page, "中山市财政局")  # the full official name
        page.locator("#duties-summary").get_by_text("共承担").wait_for()
        page.locator("#duties-table").get_by_text(duties[0].title).first.wait_for()
        # Every column on screen: no header cell past the window's right edge, no sideways scroll.
        header = page.locator("#duties-table thead th")
        assert header.count() == 6
        for i in range(header.count()):
            box = header.nth(i).bounding_box()
            assert box and box["x"] + box["width"] <= DESKTOP[0], header.nth(i).inner_text()
        assert page.locator("#duties-table").get_by_text("其他单位").first.is_visible()
        # The other unit that leads is marked.
        page.wait_for_function("() => document.querySelector('#duties-table').innerText.includes('（牵头）')")
        shot(page, "duties-1366")
        with page.expect_download() as download:
            page.locator("#duties-csv").click()
        rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    for row, duty in zip(rows[1:], duties):
        whole = first_sentence(assistant.section(duty.doc, duty.section))
        assert row[3] == whole and not row[3].endswith("…")
        section = assistant.section(duty.doc, duty.section)
        for lead in section.lead_units:
            if lead != "市财政局":
                assert f"{lead}（牵头）" in row[4]


@needs_chromium
@SIZES
def test_a_unit_typo_offers_a_suggestion_one_click_away(app_url, assistant, size):
    with browser_page(*size) as page:
        _fresh(page, app_url)
        _look_up(page, "市财正局")
        page.locator("#duties-summary").get_by_text("您是否要找").wait_for()
        page.locator("#unit-suggest").get_by_text("市财政局").click()
        page.locator("#duties-summary").get_by_text("共承担").wait_for()
        assert "市财政局" in page.locator("#duties-summary").inner_text()
        _look_up(page, "市数据局")  # no document names it: said so, nothing else shown
        page.locator("#duties-summary").get_by_text("文件中没有提到市数据局").wait_for()
        assert not page.locator("#unit-suggest").is_visible()
        shot(page, f"duties-typo-{size[0]}")


@needs_chromium
def test_duties_on_a_phone_shows_no_empty_table_and_keeps_columns_readable(app_url, assistant):
    """No table before a unit is found (an empty one is five headers squeezed into 390 px); with rows,
    the role and label stay on one line and the other columns keep a readable width, the table
    scrolling sideways in its own box."""
    with browser_page(*PHONE) as page:
        _fresh(page, app_url)
        page.get_by_role("tab", name="职责查询").click()
        page.locator("#unit-picker").wait_for()
        assert not page.locator("#duties-table").is_visible()
        _look_up(page, "市数据局")
        page.locator("#duties-summary").get_by_text("未找到该单位").wait_for()
        assert not page.locator("#duties-table").is_visible()
        shot(page, "duties-390-none")
        _look_up(page, "市财政局")
        page.locator("#duties-summary").get_by_text("共承担").wait_for()
        page.locator("#duties-table").get_by_text("参与").first.wait_for()
        widths = page.evaluate("""() => [...document.querySelectorAll('#duties-table thead th')]
            .map(th => th.getBoundingClientRect().width)""")
        assert len(widths) >= 5 and min(widths) >= 56, widths  # (14 px type: four characters at least)
        label = page.locator("#duties-table").get_by_text(assistant.duties("市财政局")[0].section, exact=True).first
        assert label.bounding_box()["height"] < 30  # （十六） on one line, not a character a line
        viewport = page.locator("#duties-table .virtual-table-viewport")
        assert viewport.evaluate("v => v.scrollWidth > v.clientWidth")  # the rest is a swipe away in its box
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE[0]  # the page itself does not
        page.locator("#duties-table").scroll_into_view_if_needed()
        shot(page, "duties-390")


SHOWN_CELL = "sel => [...document.querySelectorAll(sel + ' tbody td')].some(td => td.getBoundingClientRect().width > 0)"


@needs_chromium
def test_targets_and_documents_on_a_phone_keep_columns_readable(app_url, assistant):
    """目标指标 and 文件 on a 390 px phone: each table keeps readable columns (the figures on one line)
    and scrolls sideways in its own box, not the page; the targets chart, whose thirty section labels
    would pile on each other at this width, is left to wider screens; a section's kind is said in
    Chinese (条, not `article`)."""
    total = sum(len(s.targets) for s in assistant.sections())
    header_widths = """sel => [...document.querySelectorAll(sel + ' thead th')].map(th => th.getBoundingClientRect().width)
        .filter(w => w > 0)"""
    with browser_page(*PHONE) as page:
        _fresh(page, app_url)
        page.get_by_role("tab", name="目标指标").click()
        page.locator("#target-count").get_by_text(f"共 {total} 项").wait_for()
        page.wait_for_function(SHOWN_CELL, arg="#target-table")
        assert not page.locator("#target-chart").is_visible()
        widths = page.evaluate(header_widths, "#target-table")
        assert len(widths) == 6 and min(widths) >= 56 and widths[-1] >= 2 * min(widths), widths
        viewport = page.locator("#target-table .virtual-table-viewport")
        assert viewport.evaluate("v => v.scrollWidth > v.clientWidth")  # the rest is a swipe away in its box
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE[0]
        shot(page, "targets-390")
        page.get_by_role("tab", name="文件").click()
        page.wait_for_function(SHOWN_CELL, arg="#doc-sections")
        assert min(page.evaluate(header_widths, "#doc-sections")) >= 56
        kinds = page.evaluate("""() => [...document.querySelectorAll('#doc-sections tbody tr')]
            .filter(tr => tr.getBoundingClientRect().width > 0).map(tr => (tr.querySelectorAll('td')[2] || {}).innerText || '')""")
        assert kinds and not any(re.fullmatch(r"\s*[a-z_]+\s*", k) for k in kinds), kinds
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE[0]
        shot(page, "documents-390", full_page=True)


@needs_chromium
def test_phone_header_is_compact_and_every_tab_is_reachable(app_url):
    tabs = ["对话", "职责查询", "政策匹配", "目标指标", "文件"]
    with browser_page(*PHONE) as page:
        _fresh(page, app_url)
        assert page.locator("#header-row").bounding_box()["height"] <= 80
        assert page.locator("#app-header h1").is_visible()
        for name in tabs:
            assert page.get_by_role("tab", name=name).is_visible(), name
        assert not page.get_by_role("button", name="More tabs").is_visible()
        shot(page, "phone-390")
        page.locator("#lang-switch").get_by_text("English").click()
        page.get_by_role("tab", name="Matching").wait_for()
        for name in ["Chat", "Duties", "Matching", "Targets", "Documents"]:
            assert page.get_by_role("tab", name=name).is_visible(), name
        shot(page, "phone-390-english")


def _quoted(mark_text: str) -> str:
    match = re.search(r"“(.+?)(……)?”", mark_text)
    return match.group(1) if match else ""


@needs_chromium
@SIZES
def test_chat_shows_the_start_of_a_new_answer_and_each_source_once(app_url, assistant, size):
    answer = assistant.ask(CHAT_Q)
    assert answer.answerable and len(answer.citations) >= 2
    with browser_page(*size) as page:
        _fresh(page, app_url)
        _ask(page, "加快培育高新技术企业由哪个单位牵头？", 0)
        _ask(page, CHAT_Q, 1)
        page.wait_for_timeout(600)  # the chat scrolls to the new answer's start
        last = page.locator("#chatbot .bot-row").last
        chat, start = page.locator("#chatbot").bounding_box(), last.bounding_box()
        assert chat["y"] - 2 <= start["y"] <= chat["y"] + chat["height"] - 40, "the answer's start must be on screen"
        body = last.inner_text().split("引用依据")[0]
        marks = last.locator("summary.cite-mark")
        assert marks.count() == len(answer.citations)
        for i in range(marks.count()):
            quoted = _quoted(marks.nth(i).inner_text())
            assert not quoted or quoted[:12] not in body, f"[{i + 1}] repeats the answer: {quoted}"
        assert not re.search(r"\b(intent|answerable|see_also|label_key)\b", last.inner_text())
        shot(page, f"chat-start-{size[0]}")


@needs_chromium
@SIZES
def test_english_switch_changes_the_whole_interface(app_url, assistant, size):
    with browser_page(*size) as page:
        _fresh(page, app_url)
        page.locator("#lang-switch").get_by_text("English").click()
        page.locator("#app-header h1").filter(has_text="Policy Assistant").wait_for()
        page.locator("#source-panel").get_by_text("the quoted sentence highlighted.").wait_for()  # the empty panel's hint
        assert "提问后" not in page.locator("#source-panel").inner_text()
        example = page.get_by_role("button", name="What support can high-tech enterprises get?")
        example.wait_for()
        example.click()  # asked in English, as the button shows it
        page.locator("#chatbot").get_by_text("What support can high-tech enterprises get?").first.wait_for()
        page.locator("#chatbot .cite-head, #chatbot .nobasis-badge").first.wait_for(timeout=ANSWER_MS)
        _look_up(page, "Finance Bureau")
        summary = page.locator("#duties-summary")
        summary.get_by_text("Municipal Finance Bureau").wait_for()
        assert "tasks" in summary.inner_text() and "共承担" not in summary.inner_text()
        page.locator("#duties-table thead").get_by_text("Other units").first.wait_for()
        page.get_by_role("tab", name="Matching").click()
        page.locator("#match-result").get_by_text("Fill in the profile").wait_for()
        assert "填写" not in page.locator("#match-result").inner_text()
        shot(page, f"english-ui-{size[0]}", full_page=size == PHONE)
        page.get_by_role("tab", name="Documents").click()
        page.get_by_text("Upload files and re-index").wait_for()
        for header in ("文件标题", "索引时间", "上传文件并更新索引", "点击上传"):  # headers and Gradio's own upload texts
            assert page.get_by_text(header, exact=True).count() == 0, header


@needs_chromium
def test_english_switches_counts_limits_card_marks_and_duty_sections(app_url, assistant):
    """What the server writes with values in it follows the switch too: the targets count, the upload
    limits, a card's lead mark and reasons, the duties table's sections and units; and back again."""
    from assistant.service import unit_english

    total = sum(len(s.targets) for s in assistant.sections())
    finance = next(u for u in assistant.units() if u == "市财政局")
    duty = next(d for d in sorted(assistant.duties(finance), key=lambda d: d.role != "牵头")
                if assistant.section(d.doc, d.section).lead_units)
    lead = assistant.section(duty.doc, duty.section).lead_units[0]
    with browser_page(*DESKTOP) as page:
        _fresh(page, app_url)
        page.locator("#lang-switch").get_by_text("English").click()
        page.get_by_role("tab", name="Targets").click()
        page.locator("#target-count").get_by_text(f"{total} quantified targets.").wait_for()
        assert "共" not in page.locator("#target-count").inner_text()
        assert page.locator("#target-caption").inner_text().startswith("Chart:")
        page.get_by_role("tab", name="Documents").click()
        limits = page.locator("#upload-limits")
        limits.get_by_text("MB a file").wait_for()
        assert not HAN.search(limits.inner_text())
        _look_up(page, "Finance Bureau")
        table = page.locator("#duties-table")
        table.get_by_text(f"Section {duty.section}", exact=True).first.wait_for()
        assert f"{unit_english(lead)} (lead)" in table.inner_text() and "（牵头）" not in table.inner_text()
        assert "(key terms: " in table.inner_text()  # a task's heading quoted, the things it names glossed
        table.get_by_text(duty.title).filter(visible=True).first.click()  # its section's units, in English
        units = page.locator("#section-units")
        units.get_by_text("Lead unit").wait_for()
        listed = units.inner_text().split("Source text")[0]  # (the unit line itself is quoted as written)
        assert f"Lead unit: {unit_english(lead)}" in listed and "牵头单位" not in listed
        match_profile(page, tab="Matching", wait_for="#match-result .card-en")
        cards = page.locator("#match-result").inner_text()
        assert "(lead)" in cards and "Qualifications: " in cards
        assert "（牵头）" not in cards and "资质：" not in cards
        shot(page, "english-values-1366")
        page.locator("#lang-switch").get_by_text("中文").click()  # back: the same values in Chinese
        page.wait_for_function("() => document.querySelector('#match-result').innerText.includes('资质：')")
        page.get_by_role("tab", name="目标指标").click()
        page.locator("#target-count").get_by_text(f"共 {total} 项量化目标。").wait_for()
        page.get_by_role("tab", name="职责查询").click()
        page.wait_for_function("() => document.querySelector('#duties-table').innerText.includes('（牵头）')")
        assert "Section （" not in page.locator("#duties-table").inner_text()


TOPIC_Q = "科技企业孵化器建设谁牵头？"


@needs_chromium
@SIZES
def test_follow_ups_keep_their_topic_across_a_reload(app_url, assistant, size):
    session = assistant.new_session()
    assistant.ask(TOPIC_Q, session=session)
    carried = assistant.ask("责任单位呢？", session=session)
    fresh = assistant.ask("责任单位呢？", session=assistant.new_session())
    assert carried.answerable and carried.text != fresh.text
    # A support question naming nothing of its own keeps the topic across kinds of question:
    # the incubator's support, not every sentence that says 补贴.
    support = assistant.ask("有什么补贴？", session=session)
    assert support.follow_up is True and "孵化" in support.text.split("\n")[1]
    with browser_page(*size) as page:
        _fresh(page, app_url)
        _ask(page, TOPIC_Q, 0)
        page.wait_for_timeout(800)  # saved in the browser after the answer
        page.reload()
        page.locator("#chatbot").get_by_text(TOPIC_Q).first.wait_for()
        page.locator("#source-panel .source-card").wait_for()  # the sources are back, not the empty hint
        _ask(page, "责任单位呢？", 1)
        assert carried.text.split("〔")[0] in _last_answer(page).inner_text()
        _ask(page, "有什么补贴？", 2)
        assert support.text.split("\n")[1].split(". ", 1)[1][:30] in _last_answer(page).inner_text()  # card 1
        assert page.locator("#chatbot .new-topic").count() == 0  # carried on, not read as new
        shot(page, f"follow-up-after-reload-{size[0]}")


@needs_chromium
def test_a_short_question_read_as_new_is_marked_and_a_follow_up_is_not(app_url, assistant):
    lead, follow_q, new_q = "加快培育高新技术企业由哪个单位牵头？", "那责任单位呢？", "市商务局负责哪些任务？"
    session = assistant.new_session()
    assistant.ask(lead, session=session)
    assert assistant.ask(follow_q, session=session).follow_up is True
    assert assistant.ask(new_q, session=session).follow_up is False
    with browser_page(*DESKTOP) as page:
        _fresh(page, app_url)
        _ask(page, lead, 0)
        _ask(page, follow_q, 1)  # leans on the lead question: no note
        assert page.locator("#chatbot .new-topic").count() == 0
        assert "责任单位" in _last_answer(page).inner_text()
        _ask(page, new_q, 2)  # short, about something else: read as new, and the chat says so
        note = page.locator("#chatbot .bot-row").last.locator(".new-topic")
        note.wait_for()
        assert "已按新问题理解" in note.inner_text()
        assert page.locator("#chatbot .new-topic").count() == 1
        shot(page, "chat-read-as-new")


@needs_chromium
@SIZES
def test_support_cards_get_english_summaries_in_chat_and_matching(app_url, assistant, size):
    from assistant import eligibility
    from assistant.service import card_english

    question = "Which subsidies can a high-tech enterprise receive?"
    first = next(line for line in assistant.ask(question).text.split("\n") if line.startswith("1. "))
    summary = first[3:].split(" Source text:")[0]
    cards = assistant.match(eligibility.profile_from_flags(qual=["高新技术企业"])).cards()
    with browser_page(*size) as page:
        _fresh(page, app_url)
        page.locator("#lang-switch").get_by_text("English").click()
        _ask(page, question, 0)
        answer = page.locator("#chatbot .bot-row").last
        assert summary in answer.inner_text()  # card 1 in English, its Chinese measure beside it
        page.locator("#source-panel .source-note").get_by_text("The highlighted text").wait_for()
        match_profile(page, tab="Matching", wait_for="#match-result .card-en")
        assert page.locator("#match-result .card-en").count() == page.locator("#match-result li.policy-card").count()
        assert page.locator("#match-result .card-en").first.inner_text() == card_english(cards[0])
        assert "measures (ranked" in page.locator("#match-result .match-summary").inner_text()
        shot(page, f"match-english-{size[0]}", full_page=size == PHONE)
        page.locator("#lang-switch").get_by_text("中文").click()  # back in Chinese: the result re-rendered
        page.wait_for_function("() => !document.querySelector('#match-result .card-en')")
        assert "共" in page.locator("#match-result .match-summary").inner_text()


@pytest.fixture(scope="module")
def shipped_app(tmp_path_factory):
    """The app over the shipped corpus (the laws' condition lists), indexed with the
    hashing embedding: the self-check reads the documents' structure, not vectors."""
    from assistant.index.build import build_index
    from assistant.service import Assistant
    from assistant.settings import Settings
    from conftest import CORPUS

    root = tmp_path_factory.mktemp("shipped-web")
    settings = Settings.load(corpus_dir=CORPUS, index_dir=root / "index", embedding_backend="hashing")
    build_index(settings)
    assistant = Assistant.open(settings)
    demo, url = start(assistant, settings)
    yield assistant, url
    demo.close()


# A firm's facts, written for this test: the form's fields and what the self-check reads from them.
FIRM = {"#check-years": (3, "years_registered"), "#check-revenue": (8000, "revenue"), "#check-rd": (320, "rd_spend"),
        "#check-staff": (200, "staff"), "#check-rd-staff": (25, "rd_staff"),
        "#check-ht-share": (65, "high_tech_revenue_share")}


@needs_chromium
@SIZES
def test_the_self_check_shows_each_conditions_verdict(shipped_app, size):
    assistant, url = shipped_app
    facts = {key: value for value, key in FIRM.values()} | {"owns_ip": True, "incidents": False, "industrial": False}
    results = [r for r in assistant.self_check(facts) if any(v.status in ("met", "unmet") for v in r.verdicts)]
    recognition = next(r for r in results if r.conditions.section == "第十一条")
    assert {v.status for v in recognition.verdicts} >= {"met", "unknown"}
    words = {"met": "符合", "unmet": "不符合", "unknown": "待确认", "n/a": "不适用"}
    with browser_page(*size) as page:
        _fresh(page, url)
        page.get_by_role("tab", name="政策匹配").click()
        page.locator("#self-check").get_by_text("条件自测（政策计算器）").click()
        for selector, (value, _) in FIRM.items():
            page.locator(f"{selector} input").fill(str(value))
        page.locator("#check-flags").get_by_text("拥有核心知识产权").click()
        page.locator("#check-btn").click()
        page.locator("#check-result .check-list").first.wait_for()
        lists = page.locator("#check-result .check-list")
        assert lists.count() == len(results)  # every condition list the facts speak to
        box = lists.filter(has_text=recognition.conditions.doc)
        rows = box.locator("li")
        assert rows.count() == len(recognition.verdicts)
        for i, verdict in enumerate(recognition.verdicts):  # each condition with its own verdict, in order
            assert rows.nth(i).locator(".check-mark").inner_text() == words[verdict.status]
            assert verdict.condition.text[:12] in rows.nth(i).inner_text()
        # the verdicts are told apart at a glance, not only by their words
        colour = "el => getComputedStyle(el.querySelector('.check-mark')).backgroundColor"
        met = rows.filter(has=page.locator(".check-mark", has_text=re.compile("^符合$"))).first.evaluate(colour)
        unknown = rows.filter(has=page.locator(".check-mark", has_text="待确认")).first.evaluate(colour)
        assert met != unknown
        box.scroll_into_view_if_needed()
        assert rows.first.is_visible()
        card = box.bounding_box()
        assert card["x"] >= 0 and card["x"] + card["width"] <= size[0], "the verdicts fit the window"
        shot(page, f"self-check-{size[0]}")


def test_a_session_saved_with_a_conversation_is_plain_json(assistant):
    """After an answer the session remembers its plan (for an elliptical follow-up); what the chat saves
    with the conversation is still plain JSON, and loads back into a session."""
    import json

    from assistant.web.chat import session_dict, session_from

    session = assistant.new_session()
    assistant.ask("中山计划把高企数量做到多少？", session=session)
    saved = json.loads(json.dumps(session_dict(session), ensure_ascii=False))
    restored = session_from(saved, assistant.new_session)
    assert restored.last_question == session.last_question and restored.last_sections == session.last_sections
