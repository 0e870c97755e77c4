"""The 对话 tab: multi-turn chat with numbered citations, a source panel
that shows a cited section with the quoted sentence highlighted, example
questions and a copy button."""

from __future__ import annotations

import re
from dataclasses import fields

import gradio as gr

from assistant.models import Answer, Citation
from assistant.errors import IndexBuilding, QuestionError
from assistant.service import Assistant, check_question
from assistant.web.common import esc, esc_md, friendly, highlight, locate
from assistant.web.i18n import UI_EN, label as ui_label, say

EXAMPLES = [
    "高新技术企业可以享受哪些支持政策？",
    "加快培育高新技术企业由哪个单位牵头？",
    "市商务局负责哪些任务？",
    "到2020年新型研发机构要达到多少家？",
]
NO_BASIS = "未找到依据"
PANEL_HINT = (
    # each phrase one text node, so the English switch finds it whole
    '<div class="source-empty">提问后，这里会显示所引用章节的原文，<mark>引用的句子高亮显示。</mark>'
    "<br>点选对话中的某条回答，或选择引用编号，即可查看对应原文；“复制回答”复制所选回答及其引用。</div>"
)


# ---------------------------------------------------------------- formatting

QUOTE_CHARS = 60  # longer quotes are cut in the chat (the copy and the source panel keep them whole)


def said_in(quote: str, answer_text: str) -> bool:
    """True when the answer already says the quote: word for word, or a
    clause of it of 8 characters or more (answers shorten and relabel)."""
    compact = re.sub(r"\s+", "", answer_text)
    quote = re.sub(r"\s+", "", quote)
    if not quote or quote in compact:
        return True
    return any(len(c) >= 8 and c in compact for c in re.split(r"[，。；：、,;…]+", quote))


def _cite_line(n: int, c: Citation, answer_text: str, show_doc: bool) -> str:
    doc = f"《{esc(c.doc)}》" if show_doc else ""
    quote = c.quote.strip()
    if said_in(quote, answer_text):  # said once, in the answer: the source opens on a click
        return f"[{n}] {doc}**{esc(c.section)}{esc(c.title)}**"
    if len(quote) > QUOTE_CHARS:
        quote = quote[:QUOTE_CHARS].rstrip("，。；、 ") + "……"
    return f"[{n}] {doc}**{esc(c.section)}{esc(c.title)}**：“{esc_md(quote)}”"


CONTEXT_CHARS = 120  # text shown around a quote when a source opens under its answer


def source_excerpt(section, quote: str) -> str:
    """The quote in its section, with some text either side, quote marked."""
    if section is None:
        return "该章节已不在当前索引中。"
    span = locate(section.text, quote) if quote else None
    if span is None:
        return esc(section.text[: 2 * CONTEXT_CHARS]) + "……"
    start, end = span
    before = section.text[max(0, start - CONTEXT_CHARS):start]
    after = section.text[end:end + CONTEXT_CHARS]
    return (("……" if start > CONTEXT_CHARS else "") + esc_md(before) + f"<mark>{esc_md(section.text[start:end])}</mark>"
            + esc_md(after) + ("……" if end + CONTEXT_CHARS < len(section.text) else ""))


def _cite_detail(n: int, c: Citation, answer_text: str, show_doc: bool, assistant) -> str:
    """A clickable [n]: opens the source under the answer it belongs to (on a
    phone the side panel is far below), the quote highlighted."""
    head = _cite_line(n, c, answer_text, show_doc).replace("**", "")
    section = assistant.section(c.doc, c.section) if assistant is not None else None
    return (f'<details class="cite-detail"><summary class="cite-mark">{head}</summary>'
            f'<div class="cite-context">{source_excerpt(section, c.quote)}</div></details>')


def format_answer(answer: Answer, show_doc: bool = False, assistant=None) -> str:
    """The chat message of an answer: text, then its numbered citations,
    each opening its source in place (or, when the documents do not cover
    it, a 未找到依据 badge and the nearest sections, no source opened)."""
    body = esc_md(answer.text)
    # An English question's answer is English: so are the labels around it.
    english = not re.search(r"[\u4e00-\u9fff]", answer.question)
    label = lambda zh: ui_label(zh, english)  # noqa: E731
    if not answer.answerable:
        lines = [f'<span class="nobasis-badge">{label(NO_BASIS)}</span>', "", body]
        if answer.see_also:
            lines += ["", f"**{label('相关章节（仅供参考）')}**"]
            lines += [f"- {esc(c.section)}{esc(c.title)}" for c in answer.see_also]
        return "\n".join(lines)
    lines = [body]
    if answer.citations and assistant is not None:
        lines += ["", f'<span class="cite-head">{label("引用依据（点击编号查看原文）")}</span>', ""]
        lines += ["".join(_cite_detail(n, c, answer.text, show_doc, assistant)
                          for n, c in enumerate(answer.citations, 1))]
    elif answer.citations:
        lines += ["", '<span class="cite-head">引用依据</span>']
        lines += [_cite_line(n, c, answer.text, show_doc) for n, c in enumerate(answer.citations, 1)]
    return "\n".join(lines)


def cite_choices(answer_cites: list[dict]) -> list[tuple[str, str]]:
    out = []
    for n, c in enumerate(answer_cites, 1):
        tag = f"[{n}]" if not c.get("see_also") else "[参考]"
        out.append((f"{tag} {c['section']}", str(n - 1)))  # the card shows the title
    return out


def source_html(assistant: Assistant, cite: dict | None) -> str:
    """The side panel: the cited section in full, the quote in <mark>."""
    if not cite:
        return PANEL_HINT
    section = assistant.section(cite["doc"], cite["section"])
    if section is None:
        return '<div class="source-empty">该章节已不在当前索引中（文件可能已更新），请重新提问。</div>'
    units = ""
    if section.lead_units:
        units = f'<div class="source-units">牵头单位：{esc("、".join(section.lead_units))}'
        if section.responsible_units:
            units += f"；责任单位：{esc('、'.join(section.responsible_units))}"
        units += "</div>"
    chapter = f" › {esc(section.chapter)}" if section.chapter and section.kind != "chapter" else ""
    quote = cite.get("quote", "")
    text = highlight(section.text, quote)
    if cite.get("see_also"):
        note = "该章节与问题相关，但没有找到能回答问题的原文，仅供参考。"
    elif not quote:
        note = ""
    else:
        note = "高亮部分为回答所引用的原文。" if "<mark>" in text else "未能在原文中定位引用句。"
    return (
        '<div class="source-card">'
        f'<div class="source-path">《{esc(section.doc)}》{chapter}</div>'
        f'<h3 class="source-title">{esc(section.heading)}</h3>{units}'
        + (f'<div class="source-note">{note}</div>' if note else "")
        + f'<div class="source-text">{text}</div></div>'
    )


def _cites_of(answer: Answer) -> list[dict]:
    cites = [c.to_dict() for c in answer.citations]
    if not answer.answerable:
        cites += [c.to_dict() | {"see_also": True} for c in answer.see_also]
    return cites


# ---------------------------------------------------------------- the tab

def session_dict(session) -> dict | None:
    """The chat's session state as plain JSON (saved with the conversation)."""
    return session.to_dict() if session is not None else None


def session_from(data, new_session) -> object | None:
    """The session saved with a conversation, rebuilt (unknown keys dropped)."""
    if not isinstance(data, dict):
        return None
    session = new_session()
    known = {f.name for f in fields(session)}
    for key, value in data.items():
        if key in known and isinstance(value, type(getattr(session, key))):
            setattr(session, key, value)
    return session


NEW_TOPIC_CHARS = 12  # questions this short often lean on the one before


class ChatTab:
    def __init__(self, assistant: Assistant):
        self.a = assistant
        self.lang = None  # the interface language (a component of the page), when the page has one

    def _show_doc(self) -> bool:
        return len(self.a.documents()) > 1

    def build(self) -> None:
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=420):
                self.chatbot = gr.Chatbot(
                    label="政策问答", show_label=False, elem_id="chatbot", height=560, buttons=[],
                    placeholder="### 您好，我是政策助手\n请输入关于政策文件的问题，每条回答都会注明出处。",
                    feedback_options=None, layout="bubble", sanitize_html=True,
                    autoscroll=False,  # a new answer is shown from its start (SHOW_START_JS), not its end
                )
                with gr.Row(equal_height=True):
                    self.box = gr.Textbox(
                        placeholder="请输入问题，例如：高新技术企业有哪些扶持政策？（回车发送）",
                        show_label=False, lines=1, max_lines=4, scale=5, elem_id="question-box",
                        container=False,
                    )
                    self.send = gr.Button("发送", variant="primary", scale=1, min_width=80, elem_id="send-btn")
                gr.Markdown("**示例问题**（点击即可提问）", elem_classes=["examples-head"])
                with gr.Row(elem_id="example-row"):
                    self.examples = [gr.Button(q, size="sm", elem_classes=["example-btn"]) for q in EXAMPLES]
                with gr.Row():
                    self.copy = gr.Button("复制回答（含引用）", size="sm", elem_id="copy-btn")
                    self.clear = gr.Button("清空对话", size="sm", elem_id="clear-btn")
            with gr.Column(scale=2, min_width=320):
                self.picker = gr.Radio(label="查看原文：选择引用编号", choices=[], elem_id="cite-picker")
                self.panel = gr.HTML(PANEL_HINT, elem_id="source-panel")
        self.session = gr.State(None)
        self.cites = gr.State({})  # assistant message index -> citation dicts
        self.current = gr.State([])  # citations of the answer shown in the picker
        self.copy_text = gr.Textbox(visible="hidden", elem_id="copy-text")
        # The conversation survives a reload: kept in the browser (localStorage), cleared with 清空对话.
        # The session (what a follow-up leans on) is saved with it, so follow-ups work after a reload.
        self.saved = gr.BrowserState({"history": [], "cites": {}, "session": None},
                                     storage_key="policy-assistant-chat")
        self._wire()

    def _wire(self) -> None:
        state = [self.chatbot, self.session, self.cites]
        outputs = [self.box, *state, self.current, self.picker, self.panel, self.copy_text]
        private = {"api_visibility": "private"}
        save = {"fn": self.save, "inputs": [self.chatbot, self.cites, self.session], "outputs": [self.saved],
                **private}
        lang = [self.lang] if self.lang is not None else []
        for trigger in (self.box.submit, self.send.click):
            trigger(friendly(self.respond), [self.box, *state, *lang], outputs, **private).then(
                None, js=SHOW_START_JS, **private).then(**save)
        for button, question in zip(self.examples, EXAMPLES):
            button.click(friendly(self._ask_example(question)), [*state, *lang], outputs, **private).then(
                None, js=SHOW_START_JS, **private).then(**save)
        self.picker.input(friendly(self.pick), [self.picker, self.current], [self.panel], **private).then(
            None, js=SCROLL_JS, **private)
        self.chatbot.select(friendly(self.select), [self.cites], [self.current, self.picker, self.panel,
                                                                   self.copy_text], **private).then(
            None, js=SCROLL_JS, **private)
        self.clear.click(self.reset, None, [*state, self.current, self.picker, self.panel, self.copy_text],
                         **private).then(**save)
        self.copy.click(None, [self.copy_text], None, js=COPY_JS, **private)

    # ------------------------------------------------------------ handlers

    def respond(self, question: str, history: list, session, cites: dict, lang: str = "中文"):
        history = list(history or [])
        session = session or self.a.new_session()
        try:
            check_question(question, self.a.settings.max_question_chars)
        except QuestionError as exc:
            gr.Warning(esc(str(exc)), title="无法提问")
            yield (gr.skip(),) * 8
            return
        history.append({"role": "user", "content": esc_md(question.strip())})
        english = lang == "English" or not re.search(r"[\u4e00-\u9fff]", question)
        yield ("", history + [{"role": "assistant", "content": say("searching", english)}], session, cites,
               gr.skip(), gr.skip(), gr.skip(), gr.skip())
        try:
            answer = self.a.ask(question, session=session)
        except IndexBuilding as exc:  # the first build: a state the app is in by design, not an error
            note = self.a.message(english) if hasattr(self.a, "message") else str(exc)  # (the warm-up's words)
            history.append({"role": "assistant", "content": f'<span class="building-note">{esc(note)}</span>'})
            yield ("", history, session, cites, gr.skip(), gr.skip(), gr.skip(), gr.skip())
            return
        except Exception:
            yield ("", history, session, cites, gr.skip(), gr.skip(), gr.skip(), gr.skip())
            raise
        message = format_answer(answer, self._show_doc(), self.a)
        if self._read_as_new(question, answer):
            message = f'<span class="new-topic">{say("new_topic", english)}</span>\n\n' + message
        history.append({"role": "assistant", "content": message})
        current = _cites_of(answer)
        cites = dict(cites or {})
        cites[len(history) - 1] = {"cites": current, "copy": answer.render_text()}
        # A refusal opens no source: its sections are only "see also", offered in the picker.
        first = current[0] if current and answer.answerable else None
        yield ("", history, session, cites, current,
               gr.update(choices=cite_choices(current), value="0" if first else None),
               source_html(self.a, first), answer.render_text())

    @staticmethod
    def _read_as_new(question: str, answer: Answer) -> bool:
        """A short question (one that may have meant to lean on the one before)
        that the answerer read as a new one (`Answer.follow_up` is False only
        when the conversation had an earlier topic)."""
        short = len(re.sub(r"[\s？?。！!，,]", "", question)) <= NEW_TOPIC_CHARS
        return short and answer.follow_up is False

    def _ask_example(self, question: str):
        def ask_example(history: list, session, cites: dict, lang: str = "中文"):
            # An example is asked in the interface's language (its button shows it so).
            asked = UI_EN.get(question, question) if lang == "English" else question
            yield from self.respond(asked, history, session, cites, lang)

        return ask_example

    def pick(self, choice: str | None, current: list) -> str:
        if choice is None or not current:
            return PANEL_HINT
        index = int(choice)
        return source_html(self.a, current[index] if 0 <= index < len(current) else None)

    def select(self, cites: dict, evt: gr.SelectData):
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        entry = (cites or {}).get(index) or (cites or {}).get(index + 1 if isinstance(index, int) else None)
        if not entry:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        current = entry["cites"]
        first = current[0] if current and not current[0].get("see_also") else None
        return (current, gr.update(choices=cite_choices(current), value="0" if first else None),
                source_html(self.a, first), entry["copy"])

    @staticmethod
    def save(history: list, cites: dict, session=None) -> dict:
        return {"history": list(history or []), "cites": {str(k): v for k, v in (cites or {}).items()},
                "session": session_dict(session)}

    def restore(self, saved: dict | None):
        """The conversation kept in the browser, shown again after a reload:
        follow-ups keep their topic (the session is saved with it) and the
        source panel shows the last answer's first source again."""
        saved = saved or {}
        history = [m for m in saved.get("history") or [] if isinstance(m, dict) and "role" in m]
        cites = {int(k): v for k, v in (saved.get("cites") or {}).items() if str(k).isdigit()}
        session = session_from(saved.get("session"), self.a.new_session)
        last = cites.get(max(cites)) if cites else None
        if not last:
            return history, cites, session, [], gr.update(choices=[], value=None), PANEL_HINT, ""
        current = last.get("cites") or []
        first = current[0] if current and not current[0].get("see_also") else None
        return (history, cites, session, current, gr.update(choices=cite_choices(current), value="0" if first else None),
                source_html(self.a, first), last.get("copy", ""))

    def reset(self):
        return [], None, {}, [], gr.update(choices=[], value=None), PANEL_HINT, ""


# Scroll the source panel (not the page) so that the highlighted quote is in view.
SCROLL_JS = """() => { setTimeout(() => {
  const mark = document.querySelector('#source-panel mark');
  const box = mark && mark.closest('.source-text');
  if (box) { box.scrollTop = Math.max(0, mark.offsetTop - 40); }
}, 150); }"""

# A new answer is shown from its start: the chat scrolls so that the last question and the
# beginning of its answer are at the top (a long answer's end is reached by scrolling on).
SHOW_START_JS = """() => { setTimeout(() => {
  const bots = document.querySelectorAll('#chatbot .bot-row');
  const last = bots[bots.length - 1];
  let box = last && last.parentElement;
  while (box && box !== document.body && box.scrollHeight <= box.clientHeight + 1) box = box.parentElement;
  if (box && box !== document.body) {
    const top = last.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = Math.max(0, top - 48);
  }
  const mark = document.querySelector('#source-panel mark');
  const text = mark && mark.closest('.source-text');
  if (text) { text.scrollTop = Math.max(0, mark.offsetTop - 40); }
}, 150); }"""

COPY_JS = """(text) => {
  const btn = document.querySelector('#copy-btn');
  const done = (label) => { if (btn) { const old = '复制回答（含引用）'; btn.innerText = label;
    setTimeout(() => { btn.innerText = old; }, 1500); } };
  if (!text) { done('暂无可复制的回答'); return; }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(() => done('已复制'), () => done('复制失败'));
  } else {
    const area = document.createElement('textarea'); area.value = text; document.body.appendChild(area);
    area.select(); try { document.execCommand('copy'); done('已复制'); } catch (e) { done('复制失败'); }
    area.remove();
  }
}"""
