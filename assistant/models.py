"""Domain objects shared by every pipeline stage.

Plain dataclasses: they cross module boundaries, are serialised into the
section store (JSON) and out of the CLI, and carry no behaviour beyond
conversion to and from dicts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Target:
    """A figure stated in a section: a quantitative target (`到2020年…达到1000家以上`),
    or, with `kind`, a threshold (招用…达到30%), a duration (三十日内) or an amount
    (给予最高二百万元). Section.targets holds the targets, Section.figures the rest."""

    value: str  # as written: "1000", "2.9", "5000"
    unit: str  # "家", "%", "亿元", "人", ...
    year: int | None  # the year the target is for, when the sentence says
    metric: str  # what is measured, the words before the number
    sentence: str
    section: str  # label of the section it stands in
    doc: str = ""  # the document it stands in
    kind: str = "target"  # "target" | "threshold" | "duration" | "amount"
    number: float | None = None  # the value as a number, in `unit` (百分之三十 -> 30, 二百万元 -> 2000000 元)
    written: str = ""  # the figure exactly as written, for quoting
    upper: float | None = None  # the top of a range (一万元以上十万元以下)
    bound: str = ""  # 以上 | 以下 | 不超过 | 不低于 | 最高 | range
    period: str = ""  # the period a duration runs from (2018年起3年内)

    @property
    def benchmark(self) -> bool:
        """A floor or cap set against a reference quantity, no number stated
        (不低于全省平均水平: `value` is the reference, `written` the comparison)."""
        return self.number is None and not self.unit

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Section:
    """One retrievable unit of a document: a numbered section, a sidebar, a
    chapter's own text or the preamble."""

    doc: str  # document title (file stem)
    # What citations show: the label as written ("（十六）", "第十五条", "专栏8",
    # "五、", "前言"), qualified by its chapter ("三、（一）") only where the bare
    # label repeats within the document.
    label: str
    title: str
    chapter: str  # "五、提升自主创新能力" ('' for the preamble)
    kind: str  # "section" | "article" | "sidebar" | "chapter" | "preamble"
    text: str  # full text, heading and unit line included
    start: int  # character offsets into the decoded source text
    end: int
    lead_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    figures: list[Target] = field(default_factory=list)  # thresholds, durations, amounts
    references: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # numbered items, text of each
    steps: list[str] = field(default_factory=list)  # the heads of its steps as written (`（二）专家评审`), labels.step_heads
    source: str = ""  # file name inside the corpus
    written_label: str = ""  # the bare label exactly as written, even where it repeats
    part: str = ""  # the part of a bundle it stands in (附件2, a 规定 a notice issues): its path's first label
    path: str = ""  # outline path of labels as written: "第三章 > 第十五条", "三、 > （一）"
    id: str = ""  # doc + position + path: unique by construction across the corpus
    unit_source: str = ""  # where the units came from: "line" | "下同" | "table" | "text" | ""
    applies_to: str = ""  # where the measure applies, from its unit note (适用范围：重庆自贸试验区)
    # the unit note as the document writes it, a part a role (`牵头单位：市教育和体育局、科技局`): what a
    # role answer quotes, so a reader checks the answer's full names against the words of the document
    unit_note: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Unique id of the section across the corpus (stores written before
        ids existed fall back to doc#label)."""
        return self.id or f"{self.doc}#{self.label}"

    @property
    def label_key(self) -> str:
        """`doc#label`: how measures, targets and cards name their section
        (the label citations show is unique within its document)."""
        return f"{self.doc}#{self.label}"

    @property
    def chapter_in_part(self) -> str:
        """The chapter within the part of a bundle it stands in (its chapter without the part's
        heading): `三、科技金融创新方面` of `附件 推广清单 > 三、科技金融创新方面`."""
        if not self.part:
            return self.chapter
        return self.chapter.split(" > ", 1)[1] if " > " in self.chapter else ""

    @property
    def heading(self) -> str:
        """Label and title as users see them: `（十六）加快培育高新技术企业`."""
        if self.kind == "chapter":
            return self.chapter_in_part
        if self.kind == "preamble":  # (its label and title are both 前言)
            return self.label
        return f"{self.label}{self.title}" if self.kind == "section" else f"{self.label}  {self.title}"

    @property
    def breadcrumb(self) -> str:
        """Document > chapter > heading, for readers and as the chunk prefix."""
        parts = [self.doc]
        if self.part and self.kind != "annex" and self.part not in self.doc:  # (a part the name says is not repeated)
            parts.append(self.chapter.split(" > ", 1)[0])
        if self.chapter_in_part and self.kind != "chapter":
            parts.append(self.chapter_in_part)
        parts.append(self.heading)
        return " > ".join(parts)

    @property
    def units(self) -> list[str]:
        return self.lead_units + [u for u in self.responsible_units if u not in self.lead_units]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Section":
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in known}
        data["targets"] = [Target(**t) for t in data.get("targets", [])]
        data["figures"] = [Target(**t) for t in data.get("figures", [])]
        return cls(**data)


@dataclass
class Citation:
    doc: str
    section: str  # the label exactly as the document writes it
    title: str
    quote: str  # the supporting sentence
    path: str = ""  # the section's outline path as written: "二、 > （二）"
    id: str = ""  # the section's id (unique across the corpus)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    question: str
    text: str
    answerable: bool
    intent: str
    citations: list[Citation] = field(default_factory=list)
    latency_ms: float = 0.0
    see_also: list[Citation] = field(default_factory=list)
    # (doc, label) of the retrieved sections in rank order: for evaluation, not part of the contract
    ranking: list[tuple[str, str]] = field(default_factory=list)
    coverage: str = "full"  # full | partial (what was asked is not stated; the nearest provision shown) | none
    missing: list[str] = field(default_factory=list)  # what was asked and not found, for a partial answer
    # None: no earlier turn; True: read as a follow-up of the previous question; False: read as a new one
    follow_up: bool | None = None

    def to_json(self) -> dict[str, Any]:
        """The CLI/API contract: keep these keys stable."""
        out = {
            "question": self.question,
            "answer": self.text,
            "answerable": self.answerable,
            "intent": self.intent,
            "citations": [c.to_dict() for c in self.citations],
            "latency_ms": round(self.latency_ms, 2),
            "coverage": self.coverage,
            "missing": self.missing,
        }
        if self.follow_up is not None:
            out["follow_up"] = self.follow_up
        if self.see_also:
            out["see_also"] = [c.to_dict() for c in self.see_also]
        return out

    def render_text(self) -> str:
        """Plain text with numbered sources: the CLI's output and the chat's "copy"."""
        lines = [self.text, ""]
        for n, c in enumerate(self.citations, 1):
            lines.append(f"[{n}] {c.section}{c.title}：{c.quote}")
        if self.see_also:
            lines.append("相关章节：" + "；".join(f"{c.section}{c.title}" for c in self.see_also))
        return "\n".join(lines).rstrip()


@dataclass
class Measure:
    """A support measure offered by a sentence of a section (eligibility)."""

    doc: str
    section: str  # label: "（十六）", "专栏8"
    title: str
    measure: str  # the sentence (or list item) that offers the support
    beneficiaries: list[str] = field(default_factory=list)
    support_types: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    kind: str = ""  # eligibility.roles.BenefitKind: money | tax_reduction | deduction | loan_guarantee | ...
    conditions: list[str] = field(default_factory=list)  # the items of the `下列…：` list the sentence opens
    item: str = ""  # the list item that states it ((二)), when a lead-in lists several benefits

    @property
    def stated(self) -> str:
        """The sentence and its list: what the benefit is and what it applies to."""
        return "".join([self.measure, *self.conditions])

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Measure":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class PolicyCard:
    """One support measure as an applicant reads it (政策计算器 card): what,
    for whom, how much, on which conditions, whom to ask, where it is written
    and why it fits. Chat answers, 政策匹配, `match --json` and exports all
    use this record."""

    summary: str  # the measure in one line
    beneficiaries: list[str] = field(default_factory=list)
    support_types: list[str] = field(default_factory=list)  # the main one first
    amounts: list[str] = field(default_factory=list)  # figures as written: 最高500万元, 50%, 3年
    conditions: list[str] = field(default_factory=list)  # clauses that say who qualifies
    offices: list[str] = field(default_factory=list)  # units of the section, lead units first
    lead_offices: list[str] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)  # the same measure may stand in several sections
    why: list[str] = field(default_factory=list)  # profile fields or question words it matched
    industries: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    group: str = ""
    scope: str = ""  # "specific" | "general"
    measure: str = ""  # the full sentence, as written
    # What a firm acts on (政策计算器): the policy, its 文号 and level, the benefit's kind, the first
    # amount or rate in a field of its own, conditions as a checklist, when, whom and how to apply.
    policy: str = ""  # the document's title
    reference: str = ""  # 文号 as written
    level: str = ""  # 国家 | 省 | 市 | 县
    kind: str = ""  # eligibility.roles.BenefitKind
    amount: str = ""  # the amount or rate, first of `amounts`
    checklist: list[dict] = field(default_factory=list)  # {"text", "doc", "section"}: conditions to qualify
    deadlines: list[str] = field(default_factory=list)  # application window or deadline, as written
    contacts: list[str] = field(default_factory=list)  # phone numbers and websites, as written
    materials: list[str] = field(default_factory=list)  # what to submit
    procedure: list[str] = field(default_factory=list)  # where and how to apply
    status: str = ""  # "" in force; else why not (该方案实施期为2016—2020年，已结束)
    levels: list[str] = field(default_factory=list)  # levels of every source (law and local plan)
    item: str = ""  # the list item of its first source that states it ((二)), see Measure.item
    # where each quoted value (condition, amount, deadline, contact, material, procedure) is written:
    # value -> (doc, section label), so a card quoting one merged in from another source marks that section
    origins: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def ended(self) -> bool:
        return bool(self.status)

    @property
    def source(self) -> Citation:
        return self.sources[0]

    @property
    def listed(self) -> list[str]:
        """The items its own lead-in lists (下列项目：…花卉…的种植), not the conditions of being its applicant."""
        cited = {(s.doc, s.section) for s in self.sources}
        return [x["text"] for x in self.checklist if (x["doc"], x["section"]) in cited]

    @property
    def stated(self) -> str:
        """The measure and its list: what the benefit is and what it applies to."""
        return "".join([self.measure, *self.listed])

    def to_dict(self) -> dict[str, Any]:
        """The `match --json` record; doc/section/title/measure name the first source."""
        first = self.sources[0] if self.sources else Citation("", "", "", "")
        return {"summary": self.summary, "measure": self.measure, "doc": first.doc, "section": first.section,
                "title": first.title, "beneficiaries": self.beneficiaries, "support_types": self.support_types,
                "amounts": self.amounts, "conditions": self.conditions, "offices": self.offices,
                "lead_offices": self.lead_offices, "industries": self.industries, "places": self.places,
                "why": self.why, "group": self.group, "scope": self.scope,
                "sources": [c.to_dict() for c in self.sources],
                "policy": self.policy, "reference": self.reference, "level": self.level, "levels": self.levels,
                "kind": self.kind, "amount": self.amount, "checklist": self.checklist,
                "deadlines": self.deadlines, "contacts": self.contacts, "materials": self.materials,
                "procedure": self.procedure, "status": self.status,
                "origins": {v: {"doc": d, "section": sec} for v, (d, sec) in self.origins.items()
                            if (d, sec) != (first.doc, first.section)}}  # (those of the other sources)
