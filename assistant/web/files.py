"""The 文件 tab: indexed documents and their sections, and a guarded upload
that adds a document to the corpus and re-indexes incrementally.

Upload rules: only .txt/.md/.docx/.pdf, at most settings.max_upload_mb, the
saved name is a sanitized basename (no path, no hidden file), the target
must resolve inside corpus_dir, and with auth on only the configured admin
may upload (with auth off, only a browser on this machine)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import gradio as gr

from assistant.errors import UploadError
from assistant.service import SUPPORTED_SUFFIXES, Assistant
from assistant.settings import Settings
from assistant.web.common import esc, friendly
from assistant.web.i18n import say
from assistant.web.limits import Limiter

PRIVATE = {"api_visibility": "private"}
DOC_HEADERS = ["文件标题", "源文件", "章节数", "索引时间"]
SECTION_HEADERS = ["章节", "标题", "类型", "牵头单位", "责任单位"]
KINDS = {"section": "任务", "article": "条", "sidebar": "专栏", "chapter": "章", "preamble": "前言", "annex": "附件"}


def _is_local(request: gr.Request | None) -> bool:
    host = getattr(getattr(request, "client", None), "host", None) if request else None
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def may_upload(settings: Settings, request: gr.Request | None) -> bool:
    if settings.auth_enabled:
        return bool(request and request.username == settings.auth_user)
    return _is_local(request)


class FilesTab:
    def __init__(self, assistant: Assistant, settings: Settings):
        self.a, self.settings = assistant, settings
        self.uploads = Limiter(settings.max_uploads_per_client, settings.upload_window_seconds)
        self.lang = None  # the interface language (a component of the page), when the page has one

    def limits_text(self, lang: str = "中文") -> str:
        """What may be uploaded, how large, and by whom, in the interface's language."""
        english = lang == "English"
        who = say("upload_who_admin" if self.settings.auth_enabled else "upload_who_local", english)
        return say("upload_limits", english, suffixes=("、" if not english else ", ").join(SUPPORTED_SUFFIXES),
                   mb=self.settings.max_upload_mb, who=who)

    def doc_rows(self) -> list[list]:
        return [[d.get("title") or d["name"], d.get("source", ""), d.get("sections", 0), d.get("indexed_at", "")]
                for d in self.a.documents()]

    def doc_names(self) -> list[str]:
        return [d["name"] for d in self.a.documents()]

    def section_rows(self, doc: str | None) -> list[list]:
        return [[s.label, s.title, KINDS.get(s.kind, s.kind), "、".join(s.lead_units), "、".join(s.responsible_units)]
                for s in self.a.sections() if s.doc == doc]

    def build(self) -> None:
        gr.Markdown("### 已索引的文件")
        self.docs = gr.Dataframe(value=self.doc_rows(), headers=DOC_HEADERS, interactive=False, wrap=True,
                                 elem_id="docs-table")
        names = self.doc_names()
        self.doc = gr.Dropdown(names, value=names[0] if names else None, label="查看文件的章节", elem_id="doc-picker")
        self.sections = gr.Dataframe(value=self.section_rows(names[0] if names else None), headers=SECTION_HEADERS,
                                     interactive=False, wrap=True, max_height=360, elem_id="doc-sections",
                                     column_widths=["10%", "34%", "8%", "20%", "28%"])
        self.doc.change(friendly(lambda d: self.section_rows(d)), [self.doc], [self.sections], **PRIVATE)
        with gr.Column(visible=True, elem_id="upload-group") as self.upload_group:
            gr.Markdown("### 上传文件并更新索引")
            self.limits = gr.Markdown(self.limits_text(), elem_id="upload-limits")
            if self.lang is not None:
                self.lang.change(self.limits_text, [self.lang], [self.limits], **PRIVATE, show_progress="hidden")
            self.file = gr.File(label="选择文件", file_types=list(SUPPORTED_SUFFIXES), file_count="single",
                                type="filepath", elem_id="upload-file")
            with gr.Row():
                self.overwrite = gr.Checkbox(label="覆盖同名文件", value=False, elem_id="upload-overwrite")
                self.go = gr.Button("上传并更新索引", variant="primary", elem_id="upload-btn")
        self.status = gr.Markdown(elem_id="upload-status")
        self.uploaded = self.go.click(friendly(self.upload), [self.file, self.overwrite],
                      [self.status, self.docs, self.doc, self.sections, self.file], **PRIVATE)

    def allowed(self, request: gr.Request) -> bool:
        return may_upload(self.settings, request)

    def upload(self, upload: str | None, overwrite: bool, request: gr.Request):
        if not may_upload(self.settings, request):
            raise UploadError("没有上传权限：" + ("请使用管理员账号登录" if self.settings.auth_enabled
                                                    else "未开启登录时，只能在服务器本机上传文件"))
        if not upload:
            raise UploadError("请先选择要上传的文件")
        client = request.username or getattr(request.client, "host", "?")
        wait = self.uploads.hit(client)
        if wait > 0:
            raise UploadError(f"上传过于频繁：每 {self.settings.upload_window_seconds / 60:.0f} 分钟最多 "
                              f"{self.settings.max_uploads_per_client} 个文件，请 {max(1, round(wait / 60))} 分钟后再试")
        gr.Info("正在保存文件并更新索引……", title="提示")
        path, replaced, report = self.a.add_document(Path(upload), Path(upload).name, overwrite)
        names = self.doc_names()
        new_doc = next((d["name"] for d in self.a.documents() if d.get("source") == path.name), None)
        status = (f"**已{'替换' if replaced else '添加'}“{esc(path.name)}”。**\n\n"
                  + esc(report.summary_zh()).replace("\n", "\n\n"))
        return (status, self.doc_rows(), gr.update(choices=names, value=new_doc or (names[0] if names else None)),
                self.section_rows(new_doc or (names[0] if names else None)), None)
