"""The 政策匹配 (eligibility) tab: an enterprise profile form -> the
support measures that fit it, grouped by support type, with citations."""

from __future__ import annotations

import re

import gradio as gr

from assistant import service
from assistant.service import Assistant, card_english, term_english, unit_english, why_english
from assistant.web.common import esc, friendly, write_csv, write_json
from assistant.web.i18n import MESSAGES, label, say

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
CHECK_HINT = "填写企业情况后点击“自测”，逐条对照文件中的认定条件（符合 / 不符合 / 待确认）。"


def card_html(n: int, card, english: bool = False) -> str:
    """One policy card: the amount first, then what, for whom, conditions as a
    checklist, when and whom to ask, the policy's level and whether its period
    has ended, and where it is written. In English, the card's English summary
    (built from these same fields) stands under its Chinese measure."""
    levels = list(dict.fromkeys(card.levels or [card.level]))
    level = (lambda x: say(f"level_{x}", english) if f"level_{x}" in MESSAGES else x)
    tags = "".join(f'<span class="tag level">{esc(level(x))}</span>' for x in levels if x)
    tags += "".join(f'<span class="tag">{esc(term_english(t) if english else t)}</span>' for t in card.support_types[:2])
    amount = f'<div class="card-amount">{esc(_sourced(card, card.amounts))}</div>' if card.amounts else ""
    facts = [("适用对象", "、".join(card.beneficiaries)), ("条件", _sourced(card, card.conditions)),
             ("申报时间", _sourced(card, card.deadlines)), ("申报材料", _sourced(card, card.materials)),
             ("办理方式", _sourced(card, card.procedure)), ("联系方式", _sourced(card, card.contacts)),
             ("咨询单位", _offices(card, english)), ("政策文件", _policy(card)), ("匹配原因", _why(card, english))]
    rows = "".join(f'<div class="card-fact"><span class="card-key">{label(k, english)}</span>{esc(v)}</div>'
                   for k, v in facts if v)
    status = f'<div class="card-status">⚠ {esc(card.status)}</div>' if card.status and not english else ""
    checklist = "".join(f'<li>{esc(x["text"])}（{esc(x["section"])}）</li>' for x in card.checklist[:12])
    checklist = (f'<details class="card-checklist"><summary>{say("checklist", english, n=len(card.checklist))}</summary>'
                 f'<ul>{checklist}</ul></details>') if checklist else ""
    sources = "；".join(f"《{esc(c.doc)}》{esc(c.section)}{esc(c.title)}" for c in card.sources)
    summary_en = f'<div class="card-en" lang="en">{esc(card_english(card))}</div>' if english else ""
    return (f'<li class="policy-card">{amount}<div class="card-head"><span class="measure">{esc(card.summary)}</span>'
            f'{tags}</div>{summary_en}{status}{rows}{checklist}'
            f'<details class="card-quote"><summary>{label("原文", english)}</summary>{esc(card.measure)}</details>'
            f'<span class="cite">[{n}] {sources}</span></li>')


def _sourced(card, values: list[str]) -> str:
    """The values joined; one merged in from another of the card's sections names that section,
    as the checklist does, so no quoted words stand under another section's name."""
    first = (card.source.doc, card.source.section)

    def one(value: str) -> str:
        doc, section = card.origins.get(value, first)
        if (doc, section) == first:
            return value
        return f"{value}（{section}）" if doc == first[0] else f"{value}（《{doc}》{section}）"
    return "；".join(map(one, values))


def _policy(card) -> str:
    return f"《{card.policy}》" + (f"（{card.reference}）" if card.reference else "") if card.policy else ""


def _offices(card, english: bool = False) -> str:
    """The offices to ask, those that lead marked and first; in English by their English names."""
    def name(unit: str) -> str:
        return unit_english(unit) if english else unit

    lead = [say("lead_mark", english, unit=name(u)) for u in card.lead_offices]
    others = [name(u) for u in card.offices if u not in card.lead_offices][:4]
    return say("unit_list_sep", english).join(lead + others)


def _why(card, english: bool = False) -> str:
    """Why the card fits the profile (资质：高新技术企业; Qualifications: high-tech enterprises)."""
    return ("; " if english else "；").join(why_english(w) if english else w for w in card.why)


def _group_html(group: str, cards: list, start: int, opened: bool, english: bool = False) -> str:
    """A group of cards; past the first page, the rest fold under "more"."""
    items = [card_html(start + i + 1, c, english) for i, c in enumerate(cards)]
    body = f'<ol class="measures" start="{start + 1}">{"".join(items[:PAGE])}</ol>'
    if len(items) > PAGE:
        body += (f'<details class="match-more"><summary>{say("match_more", english, n=len(items) - PAGE)}</summary>'
                 f'<ol class="measures" start="{start + PAGE + 1}">{"".join(items[PAGE:])}</ol></details>')
    head = f"{esc(term_english(group))} ({len(cards)})" if english else f"{esc(group)}（{len(cards)} 条）"
    return (f'<details class="match-group"{" open" if opened else ""}><summary>{head}</summary>'
            f'{body}</details>')


def render_page(result, page: int = 1, hide_expired: bool = False, per_page: int = 30,
                english: bool = False) -> tuple[str, int]:
    """HTML of one page of the ranked cards (the chat's order), grouped by kind
    of support as before, and the number of pages; cards from a document whose
    period has ended can be hidden. The whole catalogue (no profile) keeps its
    by-beneficiary folding."""
    if result.by == "beneficiary":
        return render_result(result, english), 1
    cards = [c for c in result.cards() if not (hide_expired and c.ended)]
    pages = max(1, -(-len(cards) // per_page))
    page = min(max(1, int(page or 1)), pages)
    start = (page - 1) * per_page
    head = f'<div class="match-profile">{say("match_profile", english, profile=esc(result.profile.describe(english)))}</div>'
    if not cards:
        return head + f'<div class="match-empty">{say("match_empty", english)}</div>', 1
    shown = cards[start:start + per_page]
    summary = say("match_count", english, n=len(cards)) + (
        say("match_page", english, page=page, pages=pages, per_page=per_page) if pages > 1 else "") + (
        "." if english else "。")
    parts = [head, f'<div class="match-summary">{summary}</div>']
    n = start
    for scope in SCOPES:
        groups: dict[str, list] = {}
        for c in shown:
            if c.scope == scope:
                groups.setdefault(c.group, []).append(c)
        if groups:
            parts.append(f"<h3>{label(SCOPES[scope], english)}</h3>")
        for group, items in groups.items():
            parts.append(_group_html(group, items, n, opened=scope == "specific", english=english))
            n += len(items)
    return "".join(parts), pages


def _check_detail(v, english: bool) -> str:
    """（门槛 ≥10%；贵单位 12%）: the condition's threshold and the applicant's value, labelled in the chosen language."""
    said = [x for x in (v.threshold and say("check_threshold", english, value=v.threshold),
                        v.value and say("check_yours", english, value=_value(v.value, english)),
                        _note(v, english)) if x]
    return say("check_detail", english, detail=say("check_sep", english).join(said))


def _note(v, english: bool) -> str:
    """A verdict's note from the message table (`check_note_<key>`), the facts it names by their labels; the
    documents' words in it (a tier, a kind of enterprise) as written."""
    key = getattr(v, "note_key", "")
    if not key:
        return v.note
    return say(f"check_note_{key}", english, **{k: label(x, english) for k, x in v.note_values.items()})


def _value(value: str, english: bool) -> str:
    """The applicant's value as the self-check shows it (8000万元, 是) in the chosen language."""
    if not english:
        return value
    if f"check_value_{value}" in MESSAGES:
        return say(f"check_value_{value}", english)
    m = re.fullmatch(r"(?P<n>-?[\d.]+)(?P<unit>\D+)", value)
    if m and f"check_unit_{m['unit']}" in MESSAGES:
        return say(f"check_unit_{m['unit']}", english, n=m["n"])
    return value


def render_check(results, english: bool = False) -> str:
    """Self-check results: each condition list the facts say something about,
    each condition met / not met / unknown with its article and threshold."""
    marks = {status: say(f"check_{status.replace('/', '')}", english) for status in ("met", "unmet", "unknown", "n/a")}
    shown = [r for r in results if any(v.status in ("met", "unmet") for v in r.verdicts)]
    if not shown:
        return f'<div class="match-empty">{label("请至少填写一项企业情况。", english)}</div>'
    parts = []
    for r in shown:
        c = r.conditions
        rows = "".join(
            f'<li class="check-{v.status.replace("/", "")}"><span class="check-mark">{marks[v.status]}</span>'
            f'{esc(v.condition.item)}{esc(v.condition.text)}'
            + (f'<span class="check-detail">{esc(_check_detail(v, english))}</span>'
               if (v.threshold or v.value or v.note) else "") + "</li>" for v in r.verdicts)
        heading = say("check_heading", english, subject=esc(c.subject), status=marks[r.status])
        parts.append(f'<div class="check-list"><h4>{heading}</h4>'
                     f'<div class="cite">《{esc(c.doc)}》{esc(c.section)}</div><ul>{rows}</ul></div>')
    return "".join(parts)


def render_result(result, english: bool = False) -> str:
    """HTML of a match: a summary, then groups (support types) of specific
    policy cards open, and cards for everyone folded away."""
    head = f'<div class="match-profile">{say("match_profile", english, profile=esc(result.profile.describe(english)))}</div>'
    if not result.specific and not result.general:
        return head + f'<div class="match-empty">{say("match_empty", english)}</div>'
    specific, general = result.card_groups("specific"), result.card_groups("general")
    count = {scope: len(result.cards(scope)) for scope in SCOPES}
    summary = say("match_found", english, specific=count["specific"], general=count["general"])
    parts = [head, f'<div class="match-summary">{summary}</div>']
    n = 0
    for scope, groups in (("specific", specific), ("general", general)):
        if not groups:
            continue
        title = "按适用对象列出的政策" if result.by == "beneficiary" and scope == "specific" else SCOPES[scope]
        parts.append(f"<h3>{label(title, english)}</h3>")
        for group, cards in groups.items():
            parts.append(_group_html(group, cards, n, opened=scope == "specific" and result.by != "beneficiary",
                                     english=english))
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
        self.lang = None  # the interface language (a component of the page), when the page has one

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
                self.hide_expired = gr.Checkbox(False, label="隐藏实施期已结束的政策", elem_id="match-hide-expired")
                with gr.Row():
                    self.go = gr.Button("匹配政策", variant="primary", elem_id="match-btn")
                    self.reset = gr.Button("重置", elem_id="match-reset")
                with gr.Row():
                    self.csv = gr.DownloadButton("导出 CSV", visible=False, size="sm", elem_id="match-csv")
                    self.json = gr.DownloadButton("导出 JSON", visible=False, size="sm", elem_id="match-json")
            with gr.Column(scale=3, min_width=420):
                self.out = gr.HTML('<div class="match-empty">填写企业档案后点击“匹配政策”。</div>',
                                   elem_id="match-result")
                self.page = gr.Number(1, label="页码", precision=0, minimum=1, elem_id="match-page",
                                      visible=False)  # shown when a result has more than one page
        # The self-check beneath, full width: the facts on the left, each condition's verdict beside them.
        with gr.Accordion("条件自测（政策计算器）", open=False, elem_id="self-check"):
            with gr.Row(equal_height=False):
                with gr.Column(scale=2, min_width=300):
                    with gr.Row(equal_height=True, elem_classes=["check-facts"]):
                        self.years = gr.Number(label="注册成立年限（年）", elem_id="check-years", min_width=110)
                        self.revenue = gr.Number(label="最近一年销售收入（万元）", elem_id="check-revenue", min_width=110)
                        self.rd_spend = gr.Number(label="研发费用（万元）", elem_id="check-rd", min_width=110)
                    with gr.Row(equal_height=True, elem_classes=["check-facts"]):
                        self.staff = gr.Number(label="职工总数", elem_id="check-staff", min_width=110)
                        self.rd_staff = gr.Number(label="研发/科技人员数", elem_id="check-rd-staff", min_width=110)
                        self.ht_share = gr.Number(label="高新技术产品收入占比（%）", elem_id="check-ht-share",
                                                  min_width=110)
                    self.flags = gr.CheckboxGroup(["拥有核心知识产权", "近一年发生重大安全、质量事故或严重环境违法",
                                                   "工业企业"], label="其他情况", elem_id="check-flags")
                    self.check_btn = gr.Button("自测", variant="primary", elem_id="check-btn")
                with gr.Column(scale=3, min_width=320):
                    self.check_out = gr.HTML(f'<div class="match-empty">{CHECK_HINT}</div>', elem_id="check-result")
        self.matched = gr.State(False)  # whether a result is shown (a language switch re-renders it)
        inputs = [self.quals, self.size, self.industry, self.location, self.needs]
        lang = [self.lang] if self.lang is not None else []
        self.go.click(friendly(self.run), inputs + [self.hide_expired, *lang],
                      [self.out, self.csv, self.json, self.page, self.matched], **PRIVATE)
        self.page.submit(friendly(self.turn), inputs + [self.hide_expired, self.page, *lang], [self.out, self.page],
                         **PRIVATE)
        self.hide_expired.change(friendly(self.turn), inputs + [self.hide_expired, self.page, *lang],
                                 [self.out, self.page], **PRIVATE)
        if self.lang is not None:
            self.lang.change(friendly(self.relang), inputs + [self.hide_expired, self.page, self.lang, self.matched],
                             [self.out, self.page], **PRIVATE, show_progress="hidden")
        facts = [self.years, self.revenue, self.rd_spend, self.staff, self.rd_staff, self.ht_share, self.flags]
        self.check_btn.click(friendly(self.check), facts + lang, [self.check_out], **PRIVATE)
        self.reset.click(lambda: ([], "", [], [], [], '<div class="match-empty">已重置。</div>',
                                  gr.update(visible=False), gr.update(visible=False), False),
                         None, [*inputs, self.out, self.csv, self.json, self.matched], **PRIVATE)

    def location_choices(self) -> list[str]:
        """The documents' own place names, then kinds of place."""
        return self.a.places() + [p for p in OPTIONS["location"] if p not in self.a.places()]

    def run(self, quals, size, industry, location, needs, hide_expired=False, lang="中文"):
        profile = profile_from_form(quals, size, industry, location, needs)
        result = self.a.match(profile)
        found = bool(result.specific or result.general)
        csv_path = write_csv("政策匹配", CSV_HEADERS, csv_rows(result)) if found else None
        json_path = write_json("政策匹配", {"profile": profile.model_dump(), "measures": result.to_json()}) \
            if found else None
        html, pages = render_page(result, 1, hide_expired, self.a.settings.cards_per_page, lang == "English")
        return (html, gr.update(value=csv_path, visible=found), gr.update(value=json_path, visible=found),
                gr.update(value=1, visible=pages > 1), True)

    def turn(self, quals, size, industry, location, needs, hide_expired, page, lang="中文"):
        result = self.a.match(profile_from_form(quals, size, industry, location, needs))
        html, pages = render_page(result, page, hide_expired, self.a.settings.cards_per_page, lang == "English")
        return html, gr.update(value=min(max(1, int(page or 1)), pages), visible=pages > 1)

    def relang(self, quals, size, industry, location, needs, hide_expired, page, lang, matched):
        """The shown result again in the language just chosen (nothing shown: nothing to do)."""
        if not matched:
            return gr.skip(), gr.skip()
        return self.turn(quals, size, industry, location, needs, hide_expired, page, lang)

    def check(self, years, revenue, rd_spend, staff, rd_staff, ht_share, flags, lang="中文"):
        flags = set(flags or [])
        facts = {"years_registered": years, "revenue": revenue, "rd_spend": rd_spend, "staff": staff,
                 "rd_staff": rd_staff, "high_tech_revenue_share": ht_share,
                 "owns_ip": "拥有核心知识产权" in flags,  # a box left clear is a "no"
                 "incidents": "近一年发生重大安全、质量事故或严重环境违法" in flags,
                 "industrial": "工业企业" in flags}
        return render_check(self.a.self_check({k: v for k, v in facts.items() if v is not None}), lang == "English")
