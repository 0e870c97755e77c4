"""政策计算器: the support measures a document offers, and which of them fit
an applicant's profile.

Pure keyword work over parsed sections (no vectors): a sentence or list item
that offers support becomes a Measure tagged with beneficiaries, support
types, industries and places from the tables in eligibility_terms. The
sentence is kept exactly as written, since answers quote it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from assistant.errors import ProfileError
from assistant.lexicon import english
from assistant.lexicon.tags import has_chinese
from assistant.eligibility import terms as T
from assistant.eligibility.places import PlaceFinder, discover_places
from assistant.eligibility.conditions import ITEM_LABEL, Facts, parse_facts
from assistant.eligibility.roles import Role, benefit_kind, benefit_span, sentence_role
from assistant.eligibility.terms import MASK, find, find_beneficiaries, find_industries, find_support_types
from assistant.ingest.figures import split_sentences, strip_item_prefix
from assistant.ingest.outline import ITEM, body_text
from assistant.eligibility.cards import Offices, card, merge, rank
from assistant.models import Measure, PolicyCard, Section

GENERAL = "普遍适用"
OTHER_SUPPORT = "其他扶持"
_GOAL = re.compile(r"^(?:力争|争取)?(?:到|至)20\d\d年")  # a target, not a measure
_PLACE_NAME = re.compile(r"^[\u4e00-\u9fa5]{2,10}(?:镇|区|街道|园|城|县|市)$")  # any town, district or zone
_LIST_SPLIT = re.compile(r"[,，、;；\s]+")


# --- measures ---------------------------------------------------------------

@dataclass
class _Context:
    """Tags a sentence inherits when it names none itself: from the item
    heading it stands under, else from the section title."""

    beneficiaries: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, places: PlaceFinder, fallback: "_Context | None" = None) -> "_Context":
        own = cls(find_beneficiaries(text), find_industries(text), places(text))
        if fallback is None:
            return own
        return cls(own.beneficiaries or fallback.beneficiaries, own.industries or fallback.industries,
                   own.places or fallback.places)




def section_measures(section: Section, places: PlaceFinder | None = None, divided: bool = True) -> list[Measure]:
    """The benefits a section grants, in reading order; `places` knows the
    corpus's place names (by default, those the section itself writes). A
    sentence becomes a measure only when its structure grants something
    (eligibility.roles): conditions, obligations, penalties and principles
    do not; the items under a benefit's `下列…：` become its conditions.
    A chapter `divided` into sections of its own only frames them; one that is
    not (a 若干措施 whose `一、实行契税补贴` is a paragraph) is the measure itself."""
    if section.kind == "preamble" or section.kind == "chapter" and divided:
        return []  # framing text, not measures
    places = places or PlaceFinder.from_texts([section.text])
    title_context = _Context.of(section.title, places)
    context = title_context
    measures: list[Measure] = []
    headings: set[int] = set()  # lead-ins whose list enumerates benefits: the items are the cards
    opener: _Opener | None = None  # the `下列…：` list being read
    for line in body_text(section).split("\n"):
        sentences = [strip_item_prefix(s).strip() for s in split_sentences(line)]
        label = ITEM_LABEL.match(line)
        style = _style(label.group("label")) if label else ""
        if not label and line.strip() and not line.strip().startswith("其中"):
            opener = None if not line.rstrip().endswith(("：", ":")) else opener
        while opener is not None and style and opener.style == style:
            opener = opener.outer  # a sibling of the item that opened the list: that list has ended
        head = ""
        if ITEM.match(line):
            context = title_context
            if len(sentences) > 1 and len(sentences[0]) <= 30:  # `2．提升科技企业孵化器质量。`
                head = sentences.pop(0)
                context = _Context.of(head, places, title_context)
        for i, text in enumerate(sentences):
            in_list = opener.role if opener and label else None
            parent = opener.measure if in_list else None
            if len(text) < 6 or _GOAL.match(text):
                if parent is not None and text and not _GOAL.match(text):
                    parent.conditions.append(text)  # `远洋捕捞。`: a short item is a condition all the same
                continue
            role = sentence_role(text, in_list)
            if i == 0 and head and role != "benefit" and sentence_role(head) == "benefit" \
                    and sentence_role(head + text) == "benefit":
                text, role = head + text, "benefit"  # `科技创新券。面向科技型中小企业…发放`: the heading names it
            if parent is not None and role != "benefit":
                parent.conditions.append(text)  # what qualifies for the benefit the list opens
            opens = text.endswith(("：", ":"))
            if opens and (not label or opener is None):
                opener = _Opener(role if role != "other" else "other", None, style, opener)
            if role == "benefit":
                own = _Context.of(parent.measure, places, context) if parent is not None else context
                measure = _measure(section, benefit_span(text), own, places, label.group("label") if in_list else "")
                measures.append(measure)
                if parent is not None:
                    headings.add(id(parent))
                if opens:
                    opener = _Opener("benefit", measure, style, opener if label else None)
    return [m for m in measures if id(m) not in headings or m.conditions]


@dataclass
class _Opener:
    """A line ending in `：` whose items follow: its role, the benefit it states
    (its items qualify for it), the label style of the item it is (`(N)`), and
    the list it stands in."""

    role: Role
    measure: Measure | None = None
    style: str = ""
    outer: "_Opener | None" = None


def _style(label: str) -> str:
    """An item label's style: `(一)` and `(二)` are siblings, `1．` an item under them."""
    return re.sub(r"[一二三四五六七八九十\d]+", "N", label)


# The enterprise invested in (投资于未上市的中小高新技术企业) is not who gets the relief: the investor is.
_INVESTEE = re.compile(r"投资于[^，。；]{0,24}?(?:企业|公司)")


def _measure(section: Section, text: str, context: _Context, places: PlaceFinder, item: str = "") -> Measure:
    own = _Context.of(_INVESTEE.sub(lambda m: MASK * len(m.group(0)), text), places, context)
    return Measure(
        doc=section.doc,
        section=section.label,
        title=section.title,
        measure=text,
        beneficiaries=own.beneficiaries,
        support_types=find_support_types(text),
        industries=own.industries,
        places=own.places,
        kind=benefit_kind(text),
        item=item,
    )


def extract_measures(sections: list[Section]) -> list[Measure]:
    """Every support measure of the sections (the policy catalogue)."""
    places = PlaceFinder.from_texts([s.text for s in sections])
    divided = {(s.doc, s.chapter) for s in sections if s.kind not in ("chapter", "preamble")}
    return [m for section in sections
            for m in section_measures(section, places, (section.doc, section.chapter) in divided)]


# --- profile ----------------------------------------------------------------

def english_label(term: str) -> str:
    return english.translate(str(term))


FIELDS_ZH = {"qualifications": "资质", "size": "规模", "industry": "行业", "location": "地点", "needs": "需求"}
_FIELD_ALIASES = {zh: en for en, zh in FIELDS_ZH.items()} | {"所在地": "location", "产业": "industry"}



def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in _LIST_SPLIT.split(value) if v]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"应为文字或文字列表（如 [\"高新技术企业\"]），收到 {json.dumps(value, ensure_ascii=False, default=str)}")
    return [v.strip() for v in value if v.strip()]


def _canonical(values: list[str], table: dict, extra: dict, what: str) -> list[str]:
    """Canonical names of values (canonical already, or a known surface form)."""
    lookup = {s: (name,) for name, forms in table.items() for s in forms} | extra
    out: list[str] = []
    for value in values:
        names = (value,) if value in table else lookup.get(value)
        if names is None:
            raise ValueError(f"不认识的{what}：“{value}”。可选：{'、'.join(table)}")
        out += [n for n in names if n not in out]
    return out


class Profile(BaseModel):
    """An applicant: what it is, where, in which industry, and what it needs."""

    model_config = ConfigDict(extra="forbid")

    qualifications: list[str] = []
    size: str | None = None
    industry: list[str] = []
    location: list[str] = []
    needs: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _known_fields(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("企业档案应为键值对象（JSON 对象）")
        data = {_FIELD_ALIASES.get(k, k): v for k, v in data.items()}
        unknown = [k for k in data if k not in cls.model_fields]
        if unknown:
            accepted = "、".join(f"{en}（{zh}）" for en, zh in FIELDS_ZH.items())
            raise ValueError(f"未知的档案字段：{'、'.join(map(str, unknown))}。可用字段：{accepted}")
        return data

    @field_validator("qualifications", mode="before")
    @classmethod
    def _qualifications(cls, v: Any) -> list[str]:
        words = {s: (k,) for k, forms in T.QUALIFICATION_WORDS.items() for s in forms} | T.MULTI
        return _canonical(_as_list(v), T.BENEFICIARIES, words, "资质")

    @field_validator("size", mode="before")
    @classmethod
    def _size(cls, v: Any) -> str | None:
        if v is None or v == "":
            return None
        size = T.SIZE_ALIASES.get(str(v).strip(), str(v).strip())
        if size not in T.SIZES:
            raise ValueError(f"不认识的企业规模：“{v}”。可选：{'、'.join(T.SIZES)}")
        return size

    @field_validator("industry", mode="before")
    @classmethod
    def _industry(cls, v: Any) -> list[str]:
        return _canonical(_as_list(v), T.INDUSTRIES, {}, "行业")

    @field_validator("needs", mode="before")
    @classmethod
    def _needs(cls, v: Any) -> list[str]:
        return _canonical(_as_list(v), T.NEEDS, {s: (k,) for k, f in T.NEED_WORDS.items() for s in f}, "需求")

    @field_validator("location", mode="before")
    @classmethod
    def _location(cls, v: Any) -> list[str]:
        values = _as_list(v)  # a named zone, or any town/district name (`小榄镇`)
        extra = {value: (value,) for value in values if _PLACE_NAME.match(value)}
        try:
            return _canonical(values, T.PLACES, extra, "地点")
        except ValueError as exc:
            raise ValueError(f"{exc}，或以镇、区、街道、园、城结尾的地名") from None

    @property
    def is_empty(self) -> bool:
        return not (self.qualifications or self.size or self.industry or self.location or self.needs)

    def describe_zh(self) -> str:
        return self.describe(False)

    def describe(self, english: bool = False) -> str:
        """`资质：高新技术企业`, in English `Qualifications: high-tech enterprises` (values by the lexicon's labels)."""
        if english:
            parts = [f"{k.capitalize()}: {', '.join(map(english_label, v)) if isinstance(v, list) else english_label(v)}"
                     for k, v in self.model_dump().items() if v]
            return "; ".join(parts) or "none given (every measure listed)"
        parts = [f"{FIELDS_ZH[k]}：{'、'.join(v) if isinstance(v, list) else v}"
                 for k, v in self.model_dump().items() if v]
        return "；".join(parts) or "未填写（列出全部政策）"


def parse_profile(data: Any) -> Profile:
    """A Profile from a dict; every problem in one Chinese ProfileError."""
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError("；".join(_problem(e) for e in exc.errors())) from None


def _problem(error: dict) -> str:
    """One validation problem in Chinese, naming the field when it has one."""
    message = error["msg"].removeprefix("Value error, ")
    field = error["loc"][0] if error.get("loc") else None
    return f"{FIELDS_ZH.get(field, field)}：{message}" if field in FIELDS_ZH and message.startswith("应为") else message


def _read_profile(path: str | Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"找不到企业档案文件：{path}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"企业档案文件不是有效的 JSON：{exc}") from None


def load_profile(path: str | Path) -> Profile:
    return parse_profile(_read_profile(path))


def split_profile(data: Any) -> tuple[Profile, Facts | None]:
    """A profile's two parts: who the applicant is (资质, 行业, …) and, when
    given, the facts the self-check reads (years_registered, revenue, …),
    either at the top level or under "facts"."""
    if not isinstance(data, dict):
        return parse_profile(data), None
    data = dict(data)
    facts = dict(data.pop("facts", None) or data.pop("企业情况", None) or {})
    for key in list(data):
        if key in Facts.model_fields:
            facts[key] = data.pop(key)
    return parse_profile(data), (parse_facts(facts) if facts else None)


def load_profile_with_facts(path: str | Path) -> tuple[Profile, Facts | None]:
    """A profile JSON file: the applicant and, when given, its facts."""
    return split_profile(_read_profile(path))


def profile_from_flags(qual=(), need=(), industry=(), location=(), size=None) -> Profile:
    return parse_profile({"qualifications": list(qual or ()), "needs": list(need or ()),
                          "industry": list(industry or ()), "location": list(location or ()), "size": size})


def profile_from_text(question: str) -> Profile:
    """The profile a free-text question describes (`我们是小微企业，缺钱`,
    or in English `tax breaks for foreign investors`)."""
    text = question
    if not has_chinese(text):
        # (a term the question names in English, small low-profit enterprise -> 小型微利企业, is a status when the
        # Chinese finder reads it as one: the beneficiary it is a form of, 小微企业)
        named = "，".join(english.named_in(text, "term"))
        statuses = find_beneficiaries(named) if named else []
        return Profile(qualifications=list(dict.fromkeys(english.named_in(text, "beneficiary") + statuses)),
                       needs=english.named_in(text, "need"))
    size = next((s for w, s in T.SIZE_ALIASES.items() if w in text and w != "小企业"), None)
    if size is None:
        size = next((s for s in T.SIZES if s in text), None)
    quals, masked = find(text, T.QUALIFICATION_SURFACES, T.BENEFICIARIES, word_start=True)
    if size:
        quals = [q for q in quals if q not in T.SIZES[size]]
    needs, _ = find(masked, T.NEED_SURFACES, T.NEEDS)
    needs += [need for form, need in T.MONEY_QUESTIONS.items() if need and form in text and need not in needs]
    return Profile(qualifications=quals, size=size, industry=find_industries(text),
                   location=PlaceFinder(discover_places(text))(text), needs=needs)


# --- matching ---------------------------------------------------------------

@dataclass
class Matched:
    measure: Measure
    scope: str  # "specific" | "general"
    group: str  # support type, or beneficiary for the whole catalogue
    rank: tuple = ()
    why: list[str] = field(default_factory=list)  # what of the profile it matched

    def to_json(self) -> dict[str, Any]:
        return self.measure.to_dict() | {"group": self.group, "scope": self.scope}


def citation_of(measure: Measure) -> str:
    """`（十六）加快培育高新技术企业`, `专栏8 国家自主创新…`."""
    if measure.section == measure.title:
        return measure.title
    sep = " " if measure.section.startswith("专栏") else ""
    return f"{measure.section}{sep}{measure.title}"


@dataclass
class MatchResult:
    profile: Profile
    specific: list[Matched] = field(default_factory=list)
    general: list[Matched] = field(default_factory=list)
    by: str = "support_type"  # how groups are formed: "support_type" | "beneficiary"
    offices: Offices | None = None  # the corpus's sections, for the office to ask
    weights: tuple[int, int, int] = (2, 2, 1)  # card ranking: amount, names the applicant, several documents

    @property
    def measures(self) -> list[Measure]:
        return [m.measure for m in self.specific + self.general]

    def groups(self, scope: str = "specific") -> dict[str, list[Matched]]:
        out: dict[str, list[Matched]] = {}
        for item in self.specific if scope == "specific" else self.general:
            out.setdefault(item.group, []).append(item)
        return out

    def cards(self, scope: str | None = None) -> list[PolicyCard]:
        """Deduplicated policy cards in rank order (specific, then general)."""
        items = self.specific + self.general if scope is None else getattr(self, scope)
        if self.by == "beneficiary":  # the catalogue lists a measure under each beneficiary: one card each
            items = list({id(m.measure): m for m in reversed(items)}.values())[::-1]
            return cards_of(items, self.offices)
        ranked = rank(cards_of(items, self.offices, dedupe=False), self.weights)  # the best source leads its card
        return rank(merge(ranked, (self.offices or Offices([])).abbreviations), self.weights)

    def card_groups(self, scope: str = "specific") -> dict[str, list[PolicyCard]]:
        """Cards by group; the catalogue shows a measure under each of its beneficiaries."""
        out: dict[str, list[PolicyCard]] = {}
        items = cards_of(getattr(self, scope), self.offices, dedupe=False) if self.by == "beneficiary" \
            else self.cards(scope)
        for c in items:
            out.setdefault(c.group, []).append(c)
        if self.by == "beneficiary":
            out = {group: merge(cards) for group, cards in out.items()}
        return out

    def to_json(self) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.cards()]

    def render_zh(self, per_group: int = 5) -> str:
        lines = [f"**企业档案**：{self.profile.describe_zh()}", ""]
        if not self.specific and not self.general:
            return "\n".join(lines + ["没有找到符合条件的政策措施。可以减少限定条件（行业、地点、需求）后再试。"])
        specific, general = self.cards("specific"), self.cards("general")
        lines.append(f"共找到 {len(specific)} 条针对性政策、{len(general)} 条普遍适用政策。")
        title = "按适用对象列出的政策" if self.by == "beneficiary" else "针对性政策"
        for heading, scope in ((title, "specific"), ("普遍适用的政策", "general")):
            groups = self.card_groups(scope)
            if groups:
                lines += ["", f"### {heading}"]
            for group, cards in groups.items():
                lines += ["", f"#### {group}（{len(cards)} 条）"]
                lines += [render_card_zh(c) for c in cards[:per_group]]
                if len(cards) > per_group:
                    lines.append(f"- ……另有 {len(cards) - per_group} 条")
        return "\n".join(lines)


def cards_of(items: list[Matched], offices: Offices | None, dedupe: bool = True) -> list[PolicyCard]:
    """Policy cards of matched measures, in their order; one card per measure
    however many sections state it."""
    offices = offices or Offices([])
    made = [card(m.measure, offices, list(m.why), m.group, m.scope) for m in items]
    return merge(made, offices.abbreviations) if dedupe else made


def render_card_zh(c: PolicyCard) -> str:
    """A card as one Markdown list item (CLI and chat)."""
    parts = [f"- **{c.summary}**"]
    facts = [("支持方式", "、".join(c.support_types)), ("适用对象", "、".join(c.beneficiaries)),
             ("金额/比例", "；".join(c.amounts)), ("条件", "；".join(c.conditions)),
             ("咨询单位", "、".join(c.offices[:3])), ("匹配原因", "；".join(c.why))]
    parts += [f"  {k}：{v}" for k, v in facts if v]
    parts.append("  出处：" + "；".join(f"《{s.doc}》{s.section}{s.title}" for s in c.sources))
    return "\n".join(parts)


def _serves_needs(measure: Measure, needs: list[str]) -> list[str]:
    """Needs the measure serves: the support it offers is of a type the need
    asks for, or (for needs no support type names, such as 研发) its words say so."""
    served = []
    text = measure.measure.replace("非上市", MASK)
    offered = T.offered_types(text)
    for need in needs:
        types, words = T.NEEDS[need]
        words_hit = [w for w in words if w in text]
        if set(types) & set(offered) or (words_hit and (not types or not offered or offered[0] in GENERIC_TYPES)):
            served.append(need)
    return served


# Support that any need may come with (a grant for R&D, a platform for finance).
GENERIC_TYPES = ("资金补助", "平台/服务")


def _group(measure: Measure, needs: list[str]) -> str:
    wanted = [t for n in needs for t in T.NEEDS[n][0]]
    return next((t for t in measure.support_types if t in wanted), None) or \
        (measure.support_types[0] if measure.support_types else OTHER_SUPPORT)


def _why(profile: Profile, who: set[str], trades: set[str], places: set[str], served: list[str],
         measure: Measure) -> list[str]:
    why = [f"资质：{q}" for q in profile.qualifications if q in who]
    why += [f"资质：{q}（属于{r}）" for q in profile.qualifications if q not in who
            for r in T.IMPLIES.get(q, ()) if r in who][:1]
    why += [f"规模：{profile.size}" for _ in [0] if profile.size and who & set(T.SIZES[profile.size])]
    why += [f"行业：{i}" for i in trades]
    why += [f"地点：{p}" for p in places]
    for need in served:
        words = [w for w in T.NEEDS[need][1] if w in measure.measure][:2]
        why.append(f"需求：{need}" + (f"（{'、'.join(words)}）" if words else ""))
    return why


_WHY = re.compile(r"^(?P<field>[^：]+)：(?P<value>[^（]+)(?:（(?P<note>.*)）)?$")


def why_english(line: str) -> str:
    """A card's reason (`_why` above) in English: `资质：高新技术企业` -> `Qualifications: High and New
    Technology Enterprise`, `（属于X）` -> `(counts as X)`; a place and a need's words found in the
    measure stay as the documents write them. A line of another form is left as written."""
    m = _WHY.match(line)
    field_name = _FIELD_ALIASES.get(m["field"]) if m else None
    if field_name is None:
        return line
    value = m["value"] if field_name == "location" else english_label(m["value"])  # a place keeps its name
    said = f"{field_name.capitalize()}: {value}"
    note = m["note"] or ""
    if note.startswith("属于"):
        return f"{said} (counts as {english_label(note[2:])})"
    return f"{said} ({note.replace('、', ', ')})" if note else said


def match(measures: list[Measure], profile: Profile | None = None,
          sections: list[Section] | None = None, weights: tuple[int, int, int] = (2, 2, 1),
          offices: Offices | None = None) -> MatchResult:
    """Measures that fit the profile: profile-specific ones ranked (exact
    beneficiary first), and those for everyone apart; an empty profile gives
    the whole catalogue grouped by beneficiary. `sections` (the corpus) give
    each card the office to ask; `offices`, built from them once, keeps what
    it read between calls."""
    profile = profile or Profile()
    offices = offices or Offices(sections or [])
    if profile.is_empty:
        result = _catalogue(measures, profile)
        result.offices = offices
        return result
    exact = set(profile.qualifications) | set(T.SIZES.get(profile.size or "", ()))
    related = {r for q in exact for r in T.IMPLIES.get(q, ())} - exact
    industries = set(profile.industry) | {p for i in profile.industry for p in T.INDUSTRY_PARENTS.get(i, ())}
    places = set(profile.location) | ({"专业镇"} if any(p.endswith("镇") for p in profile.location) else set())
    result = MatchResult(profile=profile, offices=offices, weights=weights)
    for index, m in enumerate(measures):
        served = _serves_needs(m, profile.needs)
        if profile.needs and not served:
            continue
        who, trades = set(m.beneficiaries), set(m.industries)
        if not who & exact and (who - set(T.INTERMEDIARIES) or trades):
            who -= set(T.INTERMEDIARIES)  # banks lend, the enterprise benefits
        if exact and who and not who & exact and who - related:
            continue  # for someone else (an incubator), merely mentioning a related category
        if trades and not industries & trades and (industries or (exact and not who)):
            continue  # for another industry (or, with no industry given, for nobody the profile names)
        named_places = set(m.places) - {"园区"}
        if named_places and not places & named_places:
            continue  # for another place: with no place given, the applicant is not known to be there
        level = 0 if not exact or who & exact else 1  # then related applicants and industry matches
        rank = (level, -len(industries & trades), -len(places & named_places), -len(served), index)
        scope = "specific" if who or trades else "general"
        why = _why(profile, who & (exact | related), industries & trades, places & named_places, served, m)
        getattr(result, scope).append(Matched(m, scope, _group(m, profile.needs), rank, why))
    result.specific.sort(key=lambda x: x.rank)
    result.general.sort(key=lambda x: x.rank)
    return result


def _catalogue(measures: list[Measure], profile: Profile) -> MatchResult:
    result = MatchResult(profile=profile, by="beneficiary")
    order = {name: i for i, name in enumerate(T.BENEFICIARIES)}
    for index, m in enumerate(measures):
        # beneficiaries first; a measure only for an industry is listed under it
        groups = m.beneficiaries or [f"{trade}行业" for trade in m.industries]
        if not groups:
            result.general.append(Matched(m, "general", GENERAL, (index,)))
        for group in groups:
            result.specific.append(Matched(m, "specific", group, (order.get(group, 99), index)))
    result.specific.sort(key=lambda x: x.rank)
    return result
