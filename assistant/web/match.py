"""The 政策匹配 (eligibility) tab: an enterprise profile form -> the
support measures that fit it, grouped by support type, with citations."""

from __future__ import annotations

import gradio as gr

from assistant import service
from assistant.service import Assistant
from assistant.web.common import esc, friendly, write_csv, write_json

PRIVATE = {"api_visibility": "private"}
CSV_HEADERS = ["范围", "分组", "措施", "适用对象", "支持方式", "金额/比例", "条件", "咨询单位", "匹配原因", "原文", "出处", "文件"]
OPTIONS = service.profile_options()
SCOPES = {"specific": "针对性政策", "general": "普遍适用"}


def profile_from_form(quals, size, industry, location, needs) -> service.Profile:
    return service.parse_profile({
        "qualifications": list(quals or []), "size": size or None, "industry": list(industry or []),
        "location": list(location or []), "needs": list(needs or []),
    })


PAGE = 5  # cards shown per group before "more"


def card_html(n: int, card) -> str:
    """One policy card: what, how much, conditions, whom to ask, why, where."""
    tags = "".join(f'<span class="tag">{esc(t)}</span>' for t in card.support_types[:2])
    facts = [("适用对象", "、".join(card.beneficiaries)), ("金额/比例", "；".join(card.amounts)),
             ("条件", "；".join(card.conditions)), ("咨询单位", _offices(card)), ("匹配原因", "；".join(card.why))]
    rows = "".join(f'<div class="card-fact"><span class="card-key">{k}</span>{esc(v)}</div>' for k, v in facts if v)
    sources = "；".join(f"《{esc(c.doc)}》{esc(c.section)}{esc(c.title)}" for c in card.sources)
    return (f'<li class="policy-card"><div class="card-head"><span class="measure">{esc(card.summary)}</span>{tags}</div>'
            f'{rows}<details class="card-quote"><summary>原文</summary>{esc(card.measure)}</details>'
            f'<span class="cite">[{n}] {sources}</span></li>')


def _offices(card) -> str:
    lead = [f"{u}（牵头）" for u in card.lead_offices]
    return "、".join(lead + [u for u in card.offices if u not in card.lead_offices][:4])


def _group_html(group: str, cards: list, start: int, opened: bool) -> str:
    """A group of cards; past the first page, the rest fold under "more"."""
    items = [card_html(start + i + 1, c) for i, c in enumerate(cards)]
    body = f'<ol class="measures" start="{start + 1}">{"".join(items[:PAGE])}</ol>'
    if len(items) > PAGE:
        body += (f'<details class="match-more"><summary>显示其余 {len(items) - PAGE} 条</summary>'
                 f'<ol class="measures" start="{start + PAGE + 1}">{"".join(items[PAGE:])}</ol></details>')
    return (f'<details class="match-group"{" open" if opened else ""}><summary>{esc(group)}（{len(cards)} 条）</summary>'
            f'{body}</details>')


def render_result(result) -> str:
    """HTML of a match: a summary, then groups (support types) of specific
    policy cards open, and cards for everyone folded away."""
    head = f'<div class="match-profile">企业档案：{esc(result.profile.describe_zh())}</div>'
    if not result.specific and not result.general:
        return head + '<div class="match-empty">没有找到符合条件的政策措施。可以减少限定条件（行业、地点、需求）后再试。</div>'
    specific, general = result.card_groups("specific"), result.card_groups("general")
    count = {scope: len(result.cards(scope)) for scope in SCOPES}
    summary = f"共找到 <b>{count['specific']}</b> 条针对性政策、<b>{count['general']}</b> 条普遍适用政策。"
    parts = [head, f'<div class="match-summary">{summary}</div>']
    n = 0
    for scope, groups in (("specific", specific), ("general", general)):
        if not groups:
            continue
        title = "按适用对象列出的政策" if result.by == "beneficiary" and scope == "specific" else SCOPES[scope]
        parts.append(f"<h3>{title}</h3>")
        for group, cards in groups.items():
            parts.append(_group_html(group, cards, n, opened=scope == "specific" and result.by != "beneficiary"))
            n += len(cards)
    return "".join(parts)


def csv_rows(result) -> list[list[str]]:
    rows = []
    for card in result.cards():
        rows.append([SCOPES.get(card.scope, card.scope), card.group, card.summary, "、".join(card.beneficiaries),
                     "、".join(card.support_types), "；".join(card.amounts), "；".join(card.conditions),
                     "、".join(card.offices), "；".join(card.why), card.measure,
                     "；".join(f"{c.section}{c.title}" for c in card.sources), card.source.doc])
    return rows


class MatchTab:
    def __init__(self, assistant: Assistant):
        self.a = assistant

    def build(self) -> None:
        gr.Markdown("填写企业情况，查看文件中适用的支持措施（按支持方式分组，并注明出处）。各项均可不填；全部不填则列出全部政策。")
        with gr.Row(equal_height=False):
            with gr.Column(scale=2, min_width=320):
                self.quals = gr.Dropdown(OPTIONS["qualifications"], multiselect=True, label="企业资质 / 身份",
                                         elem_id="match-quals")
                self.size = gr.Dropdown(["", *OPTIONS["size"]], value="", label="企业规模", elem_id="match-size")
                self.industry = gr.Dropdown(OPTIONS["industry"], multiselect=True, label="所属行业",
                                            elem_id="match-industry")
                self.location = gr.Dropdown(self.location_choices(), multiselect=True, allow_custom_value=True,
                                            label="所在地（可输入镇区名，如 小榄镇）", elem_id="match-location")
                self.needs = gr.CheckboxGroup(OPTIONS["needs"], label="主要需求", elem_id="match-needs")
                with gr.Row():
                    self.go = gr.Button("匹配政策", variant="primary", elem_id="match-btn")
                    self.reset = gr.Button("重置", elem_id="match-reset")
                with gr.Row():
                    self.csv = gr.DownloadButton("导出 CSV", visible=False, size="sm", elem_id="match-csv")
                    self.json = gr.DownloadButton("导出 JSON", visible=False, size="sm", elem_id="match-json")
            with gr.Column(scale=3, min_width=420):
                self.out = gr.HTML('<div class="match-empty">填写左侧档案后点击“匹配政策”。</div>',
                                   elem_id="match-result")
        inputs = [self.quals, self.size, self.industry, self.location, self.needs]
        self.go.click(friendly(self.run), inputs, [self.out, self.csv, self.json], **PRIVATE)
        self.reset.click(lambda: ([], "", [], [], [], '<div class="match-empty">已重置。</div>',
                                  gr.update(visible=False), gr.update(visible=False)),
                         None, [*inputs, self.out, self.csv, self.json], **PRIVATE)

    def location_choices(self) -> list[str]:
        """The documents' own place names, then kinds of place."""
        return self.a.places() + [p for p in OPTIONS["location"] if p not in self.a.places()]

    def run(self, quals, size, industry, location, needs):
        profile = profile_from_form(quals, size, industry, location, needs)
        result = self.a.match(profile)
        found = bool(result.specific or result.general)
        csv_path = write_csv("政策匹配", CSV_HEADERS, csv_rows(result)) if found else None
        json_path = write_json("政策匹配", {"profile": profile.model_dump(), "measures": result.to_json()}) \
            if found else None
        return (render_result(result), gr.update(value=csv_path, visible=found),
                gr.update(value=json_path, visible=found))
