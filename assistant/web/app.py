"""The web app (Gradio): chat with citations and a source viewer,
responsibilities, eligibility, targets and documents, plus named API
endpoints (`/ask`, `/match`, `/duties`).

    build_app(assistant, settings) -> gr.Blocks
    launch_options(settings) -> dict     # theme, CSS, auth, limits for launch()
    serve(settings) -> int               # build the index if missing, then serve
"""

from __future__ import annotations

import ipaddress
import logging
import os
import sys
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from assistant.errors import ConfigError, PolicyAssistantError  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.web.api import register_api  # noqa: E402
from assistant.web.browse import DutiesTab, TargetsTab, section_choices  # noqa: E402
from assistant.web.chat import ChatTab  # noqa: E402
from assistant.web.files import FilesTab  # noqa: E402
from assistant.web.guard import guard_lifespan  # noqa: E402
from assistant.web.match import MatchTab  # noqa: E402
from assistant.web.i18n import LANG_JS, say  # noqa: E402
from assistant.web.openai_compat import add_openai_routes  # noqa: E402
from assistant.web.rest import build_rest, with_routes  # noqa: E402
from assistant.web.warmup import Warmup  # noqa: E402

log = logging.getLogger("assistant.web")
TITLE = "政策助手"
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
         "sans-serif"]

CSS = """
.gradio-container { width: 100% !important; max-width: 1280px !important; margin: 0 auto; }
#app-header h1 { margin: 0; font-size: 1.6rem; }
#lang-switch { align-self: flex-start; }
#app-header p { margin: 4px 0 0; color: var(--body-text-color-subdued); }
#example-row { flex-wrap: wrap; gap: 6px; }
#example-row button { flex: 0 1 auto !important; min-width: 0 !important; white-space: normal; }
.inline-btn { align-self: center !important; flex-grow: 0 !important; min-height: 44px; }
.examples-head p { margin: 6px 0 0; font-size: 0.9rem; }
#chatbot .cite-head { display: inline-block; margin-top: 4px; font-weight: 600; color: #1e40af; }
#chatbot details.cite-detail { margin: 2px 0; }
#chatbot details.cite-detail summary.cite-mark { cursor: pointer; color: #1e40af; list-style: none; }
#chatbot details.cite-detail summary.cite-mark::-webkit-details-marker { display: none; }
#chatbot details.cite-detail[open] summary.cite-mark { font-weight: 600; }
#chatbot .cite-context { margin: 4px 0 8px; padding: 8px 10px; border-left: 3px solid #93c5fd;
  background: var(--background-fill-secondary); font-size: 0.9em; line-height: 1.7; white-space: pre-wrap; }
#chatbot .cite-context mark { background: #fde68a; }
#chatbot .nobasis-badge { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 0.85em;
  font-weight: 600; background: #fef3c7; color: #92400e; border: 1px solid #f59e0b; }
#chatbot .bot.message:has(.nobasis-badge) {
  background: #fffbeb !important; border: 1px dashed #f59e0b !important; }
#source-panel .source-card, #source-panel .source-empty { border: 1px solid var(--border-color-primary);
  border-radius: 8px; padding: 12px 14px; background: var(--background-fill-secondary); }
#source-panel .source-text { position: relative; max-height: 460px; overflow-y: auto; padding-right: 4px; }
#cite-picker label { padding: 4px 10px !important; font-size: 0.88rem; }
#source-panel .source-path { font-size: 0.85rem; color: var(--body-text-color-subdued); }
#source-panel .source-title { margin: 6px 0; font-size: 1.1rem; }
#source-panel .source-units { font-size: 0.88rem; margin-bottom: 6px; color: #1e3a8a; }
#source-panel .source-note { font-size: 0.8rem; color: var(--body-text-color-subdued); margin-bottom: 6px; }
#source-panel .source-text { white-space: pre-wrap; line-height: 1.75; font-size: 0.95rem; overflow-wrap: anywhere; }
#source-panel mark, .source-empty mark { background: #fde68a; padding: 1px 2px; border-radius: 3px; }
.source-empty { color: var(--body-text-color-subdued); line-height: 1.8; }
/* A long result scrolls in its own box (Gradio's block style would let it spill over what follows). */
#match-result { max-height: 720px; overflow-y: auto !important; }
#match-result .match-profile { font-weight: 600; margin-bottom: 4px; }
#match-result .match-summary { margin-bottom: 8px; }
#match-result h3 { margin: 14px 0 6px; font-size: 1.05rem; border-left: 4px solid #2563eb; padding-left: 8px; }
#match-result details.match-group { border: 1px solid var(--border-color-primary); border-radius: 6px;
  margin: 6px 0; padding: 4px 10px; }
#match-result summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
#match-result ol.measures { margin: 4px 0 6px 1.2em; padding: 0; }
#match-result li { margin: 6px 0; line-height: 1.65; overflow-wrap: anywhere; }
#match-result .tag { display: inline-block; margin-left: 6px; padding: 0 6px; font-size: 0.78em; border-radius: 4px;
  background: #dbeafe; color: #1e40af; }
#match-result .cite { display: block; font-size: 0.82em; color: var(--body-text-color-subdued); }
#match-result li.policy-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 12px;
  margin: 8px 0; background: var(--background-fill-secondary); }
#match-result .card-head .measure { font-weight: 600; }
#match-result .card-fact { font-size: 0.9em; }
#match-result .card-en { margin: 2px 0 4px; line-height: 1.5; }
#check-result .check-list { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 12px;
  margin-bottom: 10px; background: var(--background-fill-secondary); }
#check-result .check-list h4 { margin: 0 0 2px; font-size: 1rem; }
#check-result .cite { font-size: 0.82em; color: var(--body-text-color-subdued); }
#check-result ul { list-style: none; margin: 6px 0 0; padding: 0; }
#check-result li { margin: 5px 0; line-height: 1.6; overflow-wrap: anywhere; }
#check-result .check-mark { display: inline-block; min-width: 3.4em; margin-right: 6px; padding: 0 6px; text-align: center;
  border-radius: 4px; font-size: 0.8em; font-weight: 600; }
#check-result .check-met .check-mark { background: #dcfce7; color: #166534; }
#check-result .check-unmet .check-mark { background: #fee2e2; color: #991b1b; }
#check-result .check-unknown .check-mark { background: #fef3c7; color: #92400e; }
#check-result .check-na .check-mark { background: #e5e7eb; color: #4b5563; }
#check-result .check-detail { font-size: 0.85em; color: var(--body-text-color-subdued); }
/* A fact's input sits at the foot of its box, level with its neighbours' however its label wraps. */
.check-facts .form { align-items: stretch; }
.check-facts .block { display: flex; flex-direction: column; }
.check-facts .block > label.container { flex: 1; display: flex; flex-direction: column; justify-content: space-between; }
#match-result .card-key { display: inline-block; min-width: 5.5em; margin-right: 0.6em;
  color: var(--body-text-color-subdued); }
#match-result details.card-quote summary, #match-result details.match-more summary { font-weight: 400;
  font-size: 0.85em; color: #1e40af; }
/* Gradio 6.31 titles its toasts "Warning"/"Info"/"Error" whatever title is passed: say it in Chinese. */
.toast-title.warning, .toast-title.info, .toast-title.error { font-size: 0 !important; }
.toast-title.warning::after, .toast-title.info::after { content: "提示"; font-size: var(--text-lg); }
.toast-title.error::after { content: "出错了"; font-size: var(--text-lg); }
#upload-group { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 12px 16px; }
.match-empty { color: var(--body-text-color-subdued); padding: 8px 0; }
.duties-missing { padding: 8px 12px; border: 1px solid #f59e0b; background: #fffbeb; border-radius: 6px; }
#chatbot .building-note, #index-status strong { color: #1e3a8a; }
#chatbot .new-topic { font-size: 0.85em; color: var(--body-text-color-subdued); }
#duties-table td, #duties-table th { overflow-wrap: anywhere; }
/* A phone: the header in one short line, every tab on screen (no tabs behind "…"). */
@media (max-width: 640px) {
  .gradio-container { padding: 0 8px !important; }
  #header-row { flex-wrap: nowrap !important; align-items: center; gap: 8px; }
  #app-header h1 { font-size: 1.2rem; }
  #app-header p { display: none; }
  #lang-switch { min-width: 0 !important; flex: 0 0 150px !important; width: 150px !important; }
  #lang-switch .wrap { flex-wrap: nowrap; gap: 4px; }
  #lang-switch label { white-space: nowrap; padding: 2px 8px !important; font-size: 0.8rem; }
  .tab-wrapper .tab-container button { padding: 6px 6px !important; font-size: 0.88rem; }
  #app-header { flex: 1 1 auto !important; min-width: 0 !important; }
  #check-result .check-list { padding: 6px 8px; }
  #match-result { max-height: none; }  /* a phone scrolls the page, not a box inside it */
  /* 职责查询 on a phone: columns keep a readable width (the role and label on one line) and the
     table scrolls sideways in its box, instead of five columns squeezed to a character each. */
  #duties-table table { width: auto !important; min-width: 100%; }
  #duties-table th, #duties-table td, #duties-table .body-cell { width: 9em !important; max-width: 9em !important;
    min-width: 9em !important; }
  #duties-table th:nth-child(-n+2), #duties-table td:nth-child(-n+2),
  #duties-table .body-cell:nth-child(-n+2) { width: 5em !important; min-width: 5em !important; max-width: 5em !important; }
  #duties-table .body-cell:nth-child(-n+2) span, #duties-table th:nth-child(-n+2) span { white-space: nowrap; }
  #self-check { padding: 8px 6px !important; }
  /* 目标指标 and 文件 on a phone: the same, each table scrolling sideways with readable columns; the
     figures (目标值, 单位, 年份) on one line. The targets chart, thirty sections' labels piled on
     each other at this width, is left to a wider screen (the count and the table say it all). */
  #target-table table, #doc-sections table, #docs-table table { width: auto !important; min-width: 100%; }
  #target-table th, #target-table td, #target-table .body-cell,
  #doc-sections th, #doc-sections td, #doc-sections .body-cell,
  #docs-table th, #docs-table td, #docs-table .body-cell { width: 9em !important; max-width: 9em !important;
    min-width: 9em !important; }
  #target-table th:nth-child(n+2):nth-child(-n+4), #target-table td:nth-child(n+2):nth-child(-n+4),
  #target-table .body-cell:nth-child(n+2):nth-child(-n+4) { width: 4.5em !important; min-width: 4.5em !important;
    max-width: 4.5em !important; }
  #target-table th span, #target-table .body-cell:nth-child(n+2):nth-child(-n+4) span { white-space: nowrap; }
  #target-table th:last-child, #target-table td:last-child, #target-table .body-cell:last-child { width: 16em !important;
    min-width: 16em !important; max-width: 16em !important; }
  #target-chart, #target-caption { display: none !important; }
}
"""


def theme() -> gr.themes.Base:
    # Local font names only: no web-font download (the app often runs offline).
    return gr.themes.Soft(primary_hue="blue", neutral_hue="slate", font=FONTS,
                          font_mono=["Noto Sans Mono CJK SC", "monospace"])


def build_app(assistant: Assistant, settings: Settings) -> gr.Blocks:
    files = FilesTab(assistant, settings)
    duties = DutiesTab(assistant)
    # delete_cache: Gradio's copies of uploads and downloads are removed after temp_upload_seconds.
    cache = settings.temp_upload_seconds
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(cache, cache)) as demo:
        with gr.Row(equal_height=False, elem_id="header-row"):
            gr.Markdown(
                f"# {TITLE}\n政策文件问答 · 职责查询 · 政策匹配。所有回答均来自已索引的政策文件，并注明出处。",
                elem_id="app-header",
            )
            lang = gr.Radio(["中文", "English"], value="中文", show_label=False, container=False,
                            elem_id="lang-switch", scale=0, min_width=180)
        status = gr.Markdown(building_note(assistant), elem_id="index-status")
        with gr.Tabs():
            with gr.Tab("对话", id="chat"):
                chat = ChatTab(assistant)
                chat.lang = lang
                chat.build()
            with gr.Tab("职责查询", id="duties"):
                duties.lang = lang
                duties.build()
            with gr.Tab("政策匹配", id="match"):
                match = MatchTab(assistant)
                match.lang = lang
                match.build()
            with gr.Tab("目标指标", id="targets"):
                targets = TargetsTab(assistant)
                targets.lang = lang
                targets.build()
            with gr.Tab("文件", id="files"):
                files.lang = lang
                files.build()
        register_api(assistant)

        built = (assistant.units(), section_choices(assistant), files.doc_rows())

        def refresh(request: gr.Request):
            # Only what changed since the page was built (a re-index elsewhere), and hide the upload
            # from those who may not use it: updating unchanged components would re-render them
            # under a user who has already started typing.
            units, sections, docs = assistant.units(), section_choices(assistant), files.doc_rows()
            return (gr.skip() if units == built[0] else gr.update(choices=units),
                    gr.skip() if sections == built[1] else gr.update(choices=sections, value=None),
                    gr.skip() if docs == built[2] else docs,
                    gr.skip() if files.allowed(request) else gr.update(visible=False),
                    building_note(assistant))

        demo.load(refresh, None, [duties.unit, duties.section, files.docs, files.upload_group, status],
                  api_visibility="private")
        demo.load(chat.restore, [chat.saved], [chat.chatbot, chat.cites, chat.session, chat.current, chat.picker,
                                               chat.panel, chat.copy_text], api_visibility="private")
        # The interface language: kept in the browser, applied on load and on every switch.
        demo.load(None, None, [lang], js="() => (" + LANG_JS + ")(null)", api_visibility="private")
        lang.input(None, [lang], None, js=LANG_JS, api_visibility="private")
        # Everything that counts or lists the documents' contents follows a new build without a
        # restart or a reload: an upload, and the first build the page was opened during.
        contents = [duties.unit, duties.section, files.docs, targets.count, targets.caption, targets.chart,
                    targets.table, targets.csv, targets.unit, match.location]

        def reload_contents(query: str = "", unit: str = "全部", lang: str = "中文") -> tuple:
            return (gr.update(choices=assistant.units()), gr.update(choices=section_choices(assistant)),
                    files.doc_rows(), *targets.filter(query, unit, lang), gr.update(choices=targets._units()),
                    gr.update(choices=match.location_choices()))

        shown = [targets.query, targets.unit, lang]  # what the targets tab shows, and in which language
        files.uploaded.success(reload_contents, shown, contents, api_visibility="private")
        watch = gr.Timer(BUILD_POLL_SECONDS, active=building(assistant))

        def watch_build(query: str, unit: str, lang: str = "中文"):
            status = _state(assistant)["status"]
            if status != "ready":  # still building (keep watching), or failed (the note says why)
                keep = gr.skip() if status == "building" else gr.Timer(active=False)
                return (building_note(assistant, lang == "English"), *(gr.skip() for _ in contents), keep)
            return ("", *reload_contents(query, unit, lang), gr.Timer(active=False))

        watch.tick(watch_build, shown, [status, *contents, watch], api_visibility="private",
                   show_progress="hidden")
    return demo


BUILD_POLL_SECONDS = 3  # how often an open page checks whether the first build has finished


def _state(assistant) -> dict:
    return assistant.state() if hasattr(assistant, "state") else {"status": "ready"}


def building(assistant) -> bool:
    return _state(assistant)["status"] == "building"


def building_note(assistant, english: bool = False) -> str:
    """The page's line about the index while the first build runs (or failed):
    the time left as the build's progress gives it; the page updates itself."""
    state = _state(assistant)
    if state["status"] == "building":
        return say("building_note", english, message=assistant.message(english))
    if state["status"] == "failed":
        return say("index_failed", english, error=state["error"])
    return ""


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def check_exposure(settings: Settings) -> str:
    """Fail closed: half-configured login is a start-up error, and serving a
    non-loopback address without login needs --insecure. Returns a warning
    to print ('' when there is none)."""
    for name in ("auth_user", "auth_password"):
        value = getattr(settings, name)
        if value and not value.strip():
            raise ConfigError(f"POLICY_ASSISTANT_{name.upper()} 只有空白字符：这样的登录无人能用。"
                              "请设置实际的用户名和密码，或都不设置（仅限本机访问）")
    if bool(settings.auth_user) != bool(settings.auth_password):
        missing = "POLICY_ASSISTANT_AUTH_PASSWORD" if settings.auth_user else "POLICY_ASSISTANT_AUTH_USER"
        raise ConfigError(f"登录配置不完整：已设置用户名或密码之一，缺少 {missing}。"
                          "请同时设置两者，或都不设置（仅限本机访问）")
    if settings.auth_enabled or _loopback(settings.host):
        return ""
    if not settings.insecure:
        raise ConfigError(f"拒绝在 {settings.host} 上不设登录地提供服务：局域网或公网中的任何人都能访问并上传文件。"
                          "请设置 POLICY_ASSISTANT_AUTH_USER 和 POLICY_ASSISTANT_AUTH_PASSWORD，"
                          "或确认风险后加 --insecure")
    return f"警告：正在 {settings.host} 上不设登录地提供服务（--insecure），任何能访问该地址的人都能使用本应用"


def launch_options(settings: Settings, **overrides: Any) -> dict[str, Any]:
    """Keyword arguments for demo.launch(): theme and CSS (launch-level in
    Gradio 6), auth, the upload size limit, no share link, no SSR, and the
    guard (origins, login attempts, private events) in front of the app."""
    check_exposure(settings)
    # uvicorn reads this when gradio builds its server: trust X-Forwarded-For only from configured proxies.
    os.environ["FORWARDED_ALLOW_IPS"] = settings.forwarded_allow_ips
    options: dict[str, Any] = {
        "app_kwargs": {"lifespan": guard_lifespan(settings)},
        "server_name": settings.host,
        "server_port": settings.port,
        "theme": theme(),
        "css": CSS,
        "max_file_size": settings.max_upload_mb * gr.FileSize.MB,
        "share": False,
        "ssr_mode": False,
        "show_error": False,
        "footer_links": ["api"],
        "auth_message": "请输入政策助手的用户名和密码" if settings.auth_enabled else None,
        "auth": (settings.auth_user, settings.auth_password) if settings.auth_enabled else None,
        "quiet": True,  # serve() prints its own (Chinese) start line
    }
    options.update(overrides)
    return options


def bounded_queue(demo: gr.Blocks, settings: Settings) -> None:
    """Events run `concurrency_limit` at a time (the answerer is thread-safe);
    at most `queue_max_size` wait, and the next one is told the server is busy
    (in Chinese: Gradio's own message is English)."""
    demo.queue(default_concurrency_limit=settings.concurrency_limit, max_size=settings.queue_max_size)
    queue = demo._queue
    push = queue.push

    async def push_or_busy(*args, **kwargs):
        ok, message, kind = await push(*args, **kwargs)
        if kind == "queue_full":
            message = f"服务繁忙：排队中的请求已达上限（{settings.queue_max_size} 个），请稍后再试"
        return ok, message, kind

    queue.push = push_or_busy


def prepare(assistant, settings: Settings, **overrides: Any) -> tuple[gr.Blocks, dict[str, Any]]:
    """The app and its launch() options: the UI, the bounded queue, and the
    REST and OpenAI-compatible routes on the same server. `assistant` is an
    Assistant or the Warmup standing in for it while the first index builds."""
    demo = build_app(assistant, settings)
    bounded_queue(demo, settings)
    health = getattr(assistant, "state", lambda: {"status": "ready", "build": assistant.index.build_id})
    rest, gate = build_rest(assistant, settings, health=health)
    add_openai_routes(rest, assistant, settings, gate)
    options = launch_options(settings, **overrides)
    options["app_kwargs"] = with_routes(options.get("app_kwargs", {}), rest)
    return demo, options


def serve(settings: Settings) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        warning = check_exposure(settings)
        if warning:
            print(warning, file=sys.stderr)
            log.warning(warning)
        assistant = Warmup.start(settings, say=lambda line: print(line, file=sys.stderr, flush=True))
    except PolicyAssistantError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    demo, options = prepare(assistant, settings)
    where = f"http://{settings.host}:{settings.port}"
    login = "，已开启登录" if settings.auth_enabled else ""
    print(f"政策助手网页地址：{where}（按 Ctrl+C 停止{login}）", file=sys.stderr)
    try:
        demo.launch(**options)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        print(f"错误：无法在 {where} 启动网页服务：{exc}", file=sys.stderr)
        return 2
    return 0
