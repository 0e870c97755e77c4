"""The 职责查询 (responsibilities) and 目标指标 (targets) tabs."""

from __future__ import annotations

import pandas as pd
import gradio as gr

from assistant.models import Section
from assistant.service import Assistant
from assistant.errors import UserInputError
from assistant.service import terms_english, unit_english
from assistant.web.common import esc, friendly, write_csv
from assistant.web.i18n import UI_EN, say

PRIVATE = {"api_visibility": "private"}
DUTY_HEADERS = ["角色", "章节", "任务", "要点（首句）", "其他单位", "文件"]
TARGET_HEADERS = ["指标", "目标值", "单位", "年份", "章节", "原文"]


def first_sentence(section: Section | None) -> str:
    """The task's first sentence after its heading (what the unit is to do),
    whole: the table wraps it and the CSV keeps it."""
    if section is None:
        return ""
    lines = [ln.strip() for ln in section.text.split("\n")[1:] if ln.strip() and "牵头单位" not in ln]
    return " ".join(lines).split("。")[0]


def unit_name(unit: str, english: bool = False) -> str:
    """A unit as the interface names it: as the documents write it, in English by the unit-name translation."""
    return unit_english(unit) if english else unit


def units_text(units: list[str], leads: list[str] = (), english: bool = False) -> str:
    """Units in a line, those that lead marked and first (市科技局（牵头）, Municipal … Bureau (lead))."""
    named = [say("lead_mark", english, unit=unit_name(u, english)) for u in units if u in leads]
    named += [unit_name(u, english) for u in units if u not in leads]
    return say("unit_list_sep", english).join(named)


def _others(section: Section | None, others: list[str], english: bool = False) -> str:
    """The other units, the one that leads marked and first."""
    return units_text(others, section.lead_units if section is not None else [], english)


def section_label(label: str, english: bool = False) -> str:
    """A section's label in the interface's language: Chinese as written, labelled in English (Section （十六）)."""
    return say("section_label", english, label=label)


def label_of(shown: str) -> str:
    """The section label a table cell shows (`Section （十六）` -> `（十六）`)."""
    prefix = say("section_label", True, label="")
    return shown[len(prefix):] if shown.startswith(prefix) else shown


def task_cell(title: str, english: bool = False) -> str:
    """A task as the table shows it: its heading as written; in English with the things it names glossed
    (`加快培育高新技术企业 (key terms: high-tech enterprises)`)."""
    terms = terms_english(title) if english else []
    if not terms:
        return title
    return say("duty_task_terms", english, title=title, terms=", ".join(en for _, en in terms))


def duty_rows(assistant: Assistant, unit, english: bool = False) -> list[list[str]]:
    """Lead tasks first, then those the unit shares; each with its first sentence. In English the
    role, the section label and the other units are English; the task and its sentence are quoted,
    the things the task's heading names glossed beside it, as the English duties answer does."""
    duties = sorted(assistant.duties(unit), key=lambda d: d.role != "牵头")
    rows = []
    for d in duties:
        section = assistant.section(d.doc, d.section)
        role = "牵头" if d.role == "牵头" else "参与"
        rows.append([UI_EN[role] if english else role, section_label(d.section, english), task_cell(d.title, english),
                     first_sentence(section), _others(section, d.other_units, english), d.doc])
    return rows


def section_choices(assistant: Assistant) -> list[tuple[str, str]]:
    multi = len({s.doc for s in assistant.sections()}) > 1
    out = []
    for s in assistant.sections():
        if s.lead_units or s.responsible_units:
            label = f"{s.heading}" + (f"（{s.doc}）" if multi else "")
            out.append((label, s.key))
    return out


def section_units_md(section: Section, english: bool = False) -> str:
    """A section's lead and responsible units; in English the units by their English names and
    the heading labelled (Section （十六）), the unit line quoted as written."""
    def units(names: list[str]) -> str:
        return units_text(names, english=english) or say("section_none", english)

    heading = f"{section_label(section.label, english)} {section.title}" if english else section.heading
    colon = ": " if english else "："
    line = next((ln.strip() for ln in section.text.split("\n") if "牵头单位" in ln), "")
    return (
        f"#### {esc(heading)}\n"
        f"《{esc(section.doc)}》{(' › ' + esc(section.chapter)) if section.chapter else ''}\n\n"
        f"- **{say('section_lead', english)}**{colon}{esc(units(section.lead_units))}\n"
        f"- **{say('section_responsible', english)}**{colon}{esc(units(section.responsible_units))}\n\n"
        f"{say('section_source', english)}{colon}{esc(line)}"
    )


# Column widths that keep every column on a 1366 px screen (long cells wrap).
DUTY_WIDTHS = {6: ["7%", "9%", "17%", "33%", "20%", "14%"], 5: ["8%", "10%", "20%", "38%", "24%"]}


class DutiesTab:
    def __init__(self, assistant: Assistant):
        self.a = assistant
        self.lang = None  # the interface language (a component of the page), when the page has one

    def build(self) -> None:
        gr.Markdown("选择或输入单位名称（支持简称，如“商务局”），查看其牵头或参与的全部任务；也可反查某一章节的牵头与责任单位。")
        with gr.Row(equal_height=True):
            self.unit = gr.Dropdown(
                choices=self.a.units(), value=None, label="单位", filterable=True, allow_custom_value=True,
                elem_id="unit-picker", scale=4,
            )
            self.go = gr.Button("查询职责", variant="primary", scale=1, elem_id="duties-btn",
                                elem_classes=["inline-btn"])
        self.summary = gr.Markdown(elem_id="duties-summary")
        # "Did you mean": the close names, one click away.
        self.suggest = gr.Radio(choices=[], value=None, label="您是否要找", visible=False, elem_id="unit-suggest")
        self.table = gr.Dataframe(
            headers=DUTY_HEADERS[:-1], value=[], interactive=False, wrap=True, elem_id="duties-table",
            max_height=420, column_widths=DUTY_WIDTHS[5], visible=False,  # shown once it has rows
        )
        self.csv = gr.DownloadButton("导出 CSV", visible=False, size="sm", elem_id="duties-csv")
        gr.Markdown("---\n### 按章节反查")
        with gr.Row(equal_height=True):
            self.section = gr.Dropdown(choices=section_choices(self.a), value=None, label="章节", filterable=True,
                                       elem_id="section-picker", scale=4)
        self.section_md = gr.Markdown(elem_id="section-units")
        lang = [self.lang] if self.lang is not None else []
        outputs = [self.summary, self.suggest, self.table, self.csv]
        for trigger in (self.go.click, self.unit.select):
            trigger(friendly(self.lookup), [self.unit, *lang], outputs, **PRIVATE)
        self.suggest.input(lambda choice: choice, [self.suggest], [self.unit], **PRIVATE).then(
            friendly(self.lookup), [self.unit, *lang], outputs, **PRIVATE)
        self.table.select(friendly(self.row_section), lang, [self.section, self.section_md], **PRIVATE)
        self.section.input(friendly(self.reverse), [self.section, *lang], [self.section_md], **PRIVATE)
        if self.lang is not None:  # what is shown, again in the language just chosen
            self.lang.change(friendly(self.relang), [self.unit, self.section, self.lang, self.summary],
                             [*outputs, self.section_md], **PRIVATE, show_progress="hidden")

    def lookup(self, unit: str | None, lang: str = "中文"):
        """One clear state per search: results and export for a known unit;
        for an unknown one, what is missing, clickable suggestions and nothing else."""
        english = lang == "English"
        match = self.a.resolve_unit(unit)
        if not match.found:
            message = f'<div class="duties-missing"><b>{say("unit_not_found", english)}</b>：' \
                      f'{esc(match.message(english))}</div>'
            suggest = gr.update(choices=list(match.suggestions), value=None, visible=bool(match.suggestions))
            return message, suggest, self._frame([], english), gr.update(value=None, visible=False)
        name = match.unit
        rows = duty_rows(self.a, match, english)
        lead = sum(r[0] == (UI_EN["牵头"] if english else "牵头") for r in rows)
        shown = f"{esc(name)}（{esc(unit_english(name))}）" if english else esc(name)
        summary = say("duties_summary", english, unit=shown, total=len(rows), lead=lead, shared=len(rows) - lead)
        if not rows:
            summary = say("duties_none", english, unit=shown)
        headers = [UI_EN.get(h, h) for h in DUTY_HEADERS] if english else DUTY_HEADERS
        path = write_csv(f"职责_{name}", headers, rows) if rows else None
        return (summary, gr.update(choices=[], value=None, visible=False), self._frame(rows, english),
                gr.update(value=path, visible=bool(rows)))

    def _frame(self, rows: list[list[str]], english: bool = False):
        """The table, shown only with rows (an empty one is headers squeezed to nothing on a phone:
        the summary says there is nothing); the document column only when several documents are indexed."""
        several = len({s.doc for s in self.a.sections()}) > 1
        headers = DUTY_HEADERS if several else DUTY_HEADERS[:-1]
        if english:
            headers = [UI_EN.get(h, h) for h in headers]
        frame = pd.DataFrame([r if several else r[:-1] for r in rows], columns=headers)
        return gr.update(value=frame, column_widths=DUTY_WIDTHS[len(headers)], visible=bool(rows))

    def row_section(self, evt: gr.SelectData, lang: str = "中文"):
        row = evt.row_value or []
        if len(row) < 3:
            return gr.skip(), gr.skip()
        doc = row[5] if len(row) > 5 else self.a.sections()[0].doc
        section = self.a.section(doc, label_of(str(row[1])))
        key = section.key if section is not None else None  # the picker's values are section ids
        return key, self.reverse(key, lang)

    def reverse(self, key: str | None, lang: str = "中文") -> str:
        """The units of a section, by its id (the picker) or `doc#label`."""
        if not key:
            return ""
        section = next((s for s in self.a.sections() if key in (s.key, s.label_key)), None)
        if section is None:
            raise UserInputError("该章节已不在当前索引中，请刷新页面")
        return section_units_md(section, lang == "English")

    def relang(self, unit: str | None, key: str | None, lang: str, summary: str | None):
        """The unit's tasks and the section's units shown again in the language just chosen (a
        unit looked up: its summary and table; none yet: nothing to redo)."""
        found = self.lookup(unit, lang) if unit and summary else (gr.skip(),) * 4
        return (*found, self.reverse(key, lang) if key else gr.skip())


def target_frame(assistant: Assistant, query: str = "", unit: str = "全部") -> pd.DataFrame:
    unit = None if unit in ("全部", None, "") else unit
    rows = [[t.metric, t.written if t.benchmark else t.value, t.unit, t.year or "", s.heading, t.sentence]
            for t, s in assistant.find_targets(query, unit)]
    return pd.DataFrame(rows, columns=TARGET_HEADERS)


def target_chart(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Values by metric when one unit is chosen (comparable), else the
    number of targets per section."""
    if unit not in ("全部", None, "") and not frame.empty:
        data = frame.assign(数值=pd.to_numeric(frame["目标值"], errors="coerce")).dropna(subset=["数值"])
        data = data.assign(指标=[f"{m[:14]}…" if len(m) > 15 else m for m in data["指标"]])
        return data.groupby("指标", as_index=False, sort=False)["数值"].max().head(20).rename(
            columns={"指标": "类别"})
    counts = frame.groupby("章节", sort=False).size().reset_index(name="数值") if not frame.empty else \
        pd.DataFrame({"章节": [], "数值": []})
    counts["章节"] = [c[:12] + "…" if len(c) > 13 else c for c in counts["章节"]]
    return counts.rename(columns={"章节": "类别"})


def target_labels(count: int, unit: str, english: bool = False) -> tuple[str, str]:
    """The count line and the chart's caption of the 目标指标 tab, in the interface's language."""
    single = unit not in ("全部", None, "")
    caption = say("targets_chart_unit", english, unit=esc(unit)) if single else say("targets_chart_all", english)
    return say("targets_count", english, n=count) if count else say("targets_none", english), caption


class TargetsTab:
    def __init__(self, assistant: Assistant):
        self.a = assistant
        self.lang = None  # the interface language (a component of the page), when the page has one

    def _units(self) -> list[str]:
        return ["全部"] + sorted({t.unit for t in self.a.targets() if t.unit})

    def build(self) -> None:
        with gr.Row(equal_height=True):
            self.query = gr.Textbox(label="筛选（指标、年份、章节关键词，空格分隔）", placeholder="例如：2020 研发",
                                    elem_id="target-filter", scale=3)
            self.unit = gr.Dropdown(choices=self._units(), value="全部", label="计量单位", scale=1,
                                    elem_id="target-unit")
        frame = target_frame(self.a)
        count, caption = target_labels(len(frame), "全部")
        self.count = gr.Markdown(count, elem_id="target-count")
        # The plot's own props stay fixed: in Gradio 6.31 changing label/titles/sort together with the
        # value leaves the old bars on screen, so what the chart shows is said in a caption instead.
        self.caption = gr.Markdown(caption, elem_id="target-caption")
        # A plot first drawn with no data stays blank when data arrives later (Gradio 6.31): while
        # the first build runs, it starts with one empty bar, and the build's data replaces it.
        chart = target_chart(frame, "全部") if len(frame) else pd.DataFrame({"类别": ["—"], "数值": [0]})
        self.chart = gr.BarPlot(
            chart, x="类别", y="数值", show_label=False, height=300, elem_id="target-chart",
            x_title=" ", y_title="数值", x_label_angle=-30, sort="-y", y_lim=[0, None],
        )
        self.table = gr.Dataframe(value=frame, interactive=False, wrap=True, max_height=480,
                                  elem_id="target-table",
                                  column_widths=["22%", "8%", "7%", "7%", "18%", "38%"])
        self.csv = gr.DownloadButton("导出 CSV", size="sm", elem_id="target-csv", value=self._csv(frame))
        lang = [self.lang] if self.lang is not None else []
        for trigger in (self.query.change, self.unit.change):
            trigger(friendly(self.filter), [self.query, self.unit, *lang],
                    [self.count, self.caption, self.chart, self.table, self.csv], trigger_mode="always_last",
                    **PRIVATE)
        if self.lang is not None:  # the count and the caption in the language just chosen
            self.lang.change(friendly(self.labels), [self.query, self.unit, self.lang], [self.count, self.caption],
                             **PRIVATE, show_progress="hidden")

    @staticmethod
    def _csv(frame: pd.DataFrame) -> str:
        return write_csv("量化目标", TARGET_HEADERS, frame.values.tolist())

    def filter(self, query: str, unit: str, lang: str = "中文"):
        frame = target_frame(self.a, query, unit)
        count, caption = target_labels(len(frame), unit, lang == "English")
        return count, caption, target_chart(frame, unit), frame, gr.update(value=self._csv(frame))

    def labels(self, query: str, unit: str, lang: str = "中文") -> tuple[str, str]:
        return target_labels(len(target_frame(self.a, query, unit)), unit, lang == "English")
