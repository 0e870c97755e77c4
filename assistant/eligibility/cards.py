"""Matched measures -> policy cards (what, for whom, how much, conditions,
office to ask, sources, why it fits), deduplicated.

Figures come from the one quantity grammar (ingest.quantities), so an
amount is shown exactly as the document writes it. The office is the unit
line of the measure's section (for a sidebar, of the section it belongs to).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import re

from assistant import lexicon
from assistant.lexicon.tags import in_order
from assistant.eligibility.actions import actions, document_offices
from assistant.eligibility.conditions import condition_lists
from assistant.eligibility.roles import kind_office
from assistant.eligibility.validity import DocumentStatus, statuses
from assistant.ingest import quantities
from assistant.models import Citation, Measure, PolicyCard, Section

CONDITION_OPENERS = tuple(sorted(lexicon.load("card_conditions")[0].forms, key=len, reverse=True))
CONDITION_MARKERS = lexicon.load("card_conditions")[1].forms
_CLAUSE = re.compile(r"[，,；;。：:]")
_CAPS = r"最高|最多|不超过|不高于|上限"  # a ceiling on what one gets
_CAP = re.compile(_CAPS)
_QUALIFIER = rf"(?:{_CAPS}|不低于|每[年家个项人]|一次性|分别|按|给予|最长|连续)"
_THRESHOLD = re.compile(r"及?(?:以上|以下|以内)?的|及?以上|及?以下")
_RATE_AFTER = re.compile(r"的(?:税率|比例|标准)")
_GOAL_BEFORE = re.compile(r"(?<!不)(?:达到|超过|突破|增长|提高到|提升到)$")
SUMMARY_CHARS = 60
SAME_MEASURE = 0.6  # bigram overlap at which two sentences are one measure written twice


# What one gets is money, a rate or share, land, or a period (最长3年, 3年内); counts and dates are not.
_GRANTED = frozenset({"amount", "rate", "share", "duration", "area"})


_RELIEF = {form: (e.name, bool(e.extra.get("rate"))) for e in lexicon.load("relief_rates") for form in e.forms}
_RELIEF_WORD = re.compile("|".join(sorted(map(re.escape, _RELIEF), key=len, reverse=True)))


def relief_rate(sentence: str) -> str:
    """A tax relief's rate stated in words (免征, 减半征收), as written, when the
    sentence grants just that one: each clause stating a single relief with a
    rate (…，免征企业所得税) states the same one. A clause naming alternatives
    (可以免征、减征) states none; clauses that differ (第一年至第三年免征，
    第四年至第六年减半征收) state no one rate."""
    rates = set()
    for clause in _CLAUSE.split(sentence):
        words = [m.group(0) for m in _RELIEF_WORD.finditer(clause)]
        if len({_RELIEF[w][0] for w in words}) == 1 and _RELIEF[words[0]][1]:
            rates.add(words[0])
    return rates.pop() if len({_RELIEF[w][0] for w in rates}) == 1 and len(rates) == 1 else ""


def amounts(sentence: str) -> list[str]:
    """Money, ratios, caps and durations the sentence states, as written
    (`最高500万元`, `50%`, `1:1`, `最长3年`), and a tax relief's rate in words (`减半征收`)."""
    found: list[str] = [r for r in [relief_rate(sentence)] if r]
    for q in quantities.read(sentence):
        if q.kind not in _GRANTED:
            continue
        start = q.figure_start
        end = start + len(q.figure)
        lead = re.search(_QUALIFIER + r"[^，,；;。\d]{0,4}$", sentence[max(0, start - 8):start])
        threshold = _THRESHOLD.match(sentence[end:])
        if threshold and threshold.group(0) == "的" and lead and _CAP.search(lead.group(0)):
            threshold = None  # 最高不超过15万元的贷款: a cap on what one gets, not a bar to clear
        if threshold and threshold.group(0) == "的" and lead and "按" in lead.group(0) \
                and _RATE_AFTER.match(sentence[end:]):
            threshold = None  # 减按15％的税率, 按…50%的比例: the rate one gets
        if threshold or _GOAL_BEFORE.search(sentence[max(0, start - 3):start]):
            continue  # a threshold (5亿元以上的) or a goal (达到60%): not what one gets
        if q.kind == "duration" and (q.bound == "min" or q.value == 1 and not q.figure[:1].isdigit()):
            continue  # a length to have served (满一年), or a unit of time (一个纳税年度), not a period granted
        phrase = ((lead.group(0) if lead else "") + sentence[start:max(end, q.end)]).replace("％", "%")
        phrase = phrase.lstrip("按给予").strip()
        if phrase and not any(phrase in f for f in found):
            found = [f for f in found if f not in phrase] + [phrase]
    return found


def conditions(sentence: str, limit: int = 2) -> list[str]:
    """Clauses that state who qualifies (`对新认定的高新技术企业`, `年销售收入5亿元以上的`)."""
    out = []
    for clause in _CLAUSE.split(sentence):
        clause = clause.strip()
        if 4 <= len(clause) <= 40 and (clause.startswith(CONDITION_OPENERS)
                                        or any(m in clause for m in CONDITION_MARKERS)):
            out.append(clause)
    return out[:limit]


def summary(sentence: str, focus: Sequence[str] = ()) -> str:
    """The measure in one line: the sentence, cut at a clause boundary. When
    words a question asks about (`focus`) stand only after the cut, the
    sentence is also quoted from their clause on: a measure states who
    qualifies and then what they get, so the part asked about runs to its end
    (…对依法综合利用固体废物、符合…标准的，免征环境保护税)."""
    text = sentence.rstrip("。；;")
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = max((m.start() for m in _CLAUSE.finditer(text, 0, SUMMARY_CHARS)), default=0)
    head = text[:cut] if cut >= 20 else text[:SUMMARY_CHARS]
    later = [text.find(w, len(head)) for w in focus if w and w not in head and w in text[len(head):]]
    if not later:
        return head + "…"
    start = max((m.end() for m in _CLAUSE.finditer(text, len(head), min(later))), default=len(head))
    tail = text[start:]
    if len(tail) > 2 * SUMMARY_CHARS:
        end = max((m.start() for m in _CLAUSE.finditer(tail, 0, 2 * SUMMARY_CHARS)), default=2 * SUMMARY_CHARS)
        return f"{head}…{tail[:end]}…"
    return f"{head}…{tail}"


@lru_cache(maxsize=16384)
def _marks(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A text's sums and character pairs. Cached: an answer compares each sentence it
    quotes with every sentence of its document (`written_again`), again and again."""
    return frozenset(amounts(text)), frozenset(text[i:i + 2] for i in range(len(text) - 1))


def same_measure(a: str, b: str) -> bool:
    """One measure written twice (a section and its sidebar, a heading and its item)."""
    if a in b or b in a:
        return True
    (figures_a, x), (figures_b, y) = _marks(a), _marks(b)
    if figures_a and figures_b and not figures_a & figures_b:
        return False  # alike in words, but sums of their own: 最高15万元 for one applicant, 25% for another
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= SAME_MEASURE


class Offices:
    """The units to ask about a measure: its section's unit line, or for a
    sidebar or unit-less section the nearest earlier section of the same
    chapter that has one. Also what the corpus says of each document (level,
    文号, period) and the abbreviations documents declare (以下简称…)."""

    def __init__(self, sections: list[Section]):
        self.by_key = {s.label_key: s for s in sections}  # measures name their section doc#label
        self.sections = sections
        self._status: dict[str, DocumentStatus] | None = None
        self._short: dict[str, str] | None = None
        self._lists: list | None = None
        self._answering: dict[str, list[str]] = {}
        self._read: dict[tuple[str, str, str], tuple] = {}

    def qualifying(self, beneficiaries: list[str]) -> list[dict]:
        """The conditions of being one of the beneficiaries, where a document
        lists them (认定为高新技术企业须同时满足以下条件 opens every benefit
        for 高新技术企业): the list with most measurable conditions."""
        if self._lists is None:
            self._lists = condition_lists(self.sections)
        named = [c for c in self._lists if c.qualifies_for & set(beneficiaries)]
        if not named:
            return []
        best = max(named, key=lambda c: sum(x.fact is not None for x in c.conditions))
        return [{"text": f"{x.item}{x.text}", "doc": best.doc, "section": best.section} for x in best.conditions]

    def answering(self, doc: str) -> list[str]:
        """The bodies a document names as answering for it (cached per document)."""
        if doc not in self._answering:
            self._answering[doc] = document_offices([s for s in self.sections if s.doc == doc])
        return list(self._answering[doc])  # a copy: merged cards extend their lists

    def status(self, doc: str) -> DocumentStatus:
        if self._status is None:
            self._status = statuses(self.sections)
        return self._status.get(doc) or DocumentStatus(doc=doc)

    @property
    def abbreviations(self) -> dict[str, str]:
        """full form -> the short form documents declare for it (研究开发费用 -> 研发费用)."""
        if self._short is None:
            self._short = declared_abbreviations(" ".join(s.text for s in self.sections))
        return self._short

    def read(self, measure: Measure) -> tuple[dict[str, list[str]], list[str], list[str], str]:
        """What a measure's own words state (its actions, amounts, conditions, summary): read once per
        measure and kept, as they do not change with who asks (callers copy the lists they change)."""
        key = (measure.doc, measure.section, measure.measure)
        if key not in self._read:
            text = measure.measure
            self._read[key] = (actions(text, self.section(measure)), amounts(text), conditions(text), summary(text))
        return self._read[key]

    def section(self, measure: Measure) -> Section | None:
        return self.by_key.get(f"{measure.doc}#{measure.section}")

    def of(self, measure: Measure) -> tuple[list[str], list[str]]:
        section = self.section(measure)
        if section is None:
            return [], []
        if not section.lead_units:
            earlier = [s for s in self.sections if s.doc == section.doc and s.chapter == section.chapter
                       and s.start < section.start and s.lead_units]
            section = earlier[-1] if earlier else section
        return list(section.lead_units), section.units


def card(measure: Measure, offices: Offices, why: list[str], group: str = "", scope: str = "") -> PolicyCard:
    lead, units = offices.of(measure)
    status = offices.status(measure.doc)
    todo, found, stated, summary_text = offices.read(measure)
    checklist = [{"text": c, "doc": measure.doc, "section": measure.section} for c in measure.conditions] \
        + offices.qualifying(measure.beneficiaries)
    return PolicyCard(
        policy=measure.doc, reference=status.reference, level=status.level, levels=[status.level],
        kind=measure.kind, amount=found[0] if found else "", checklist=checklist,
        deadlines=list(todo["deadlines"]), contacts=list(todo["contacts"]), materials=list(todo["materials"]),
        procedure=list(todo["procedure"]), status=status.note_zh(),
        summary=summary_text, beneficiaries=list(measure.beneficiaries),
        support_types=list(measure.support_types), amounts=list(found),
        conditions=list(stated),
        offices=units or todo["offices"] or offices.answering(measure.doc) or [o for o in [kind_office(measure.kind)] if o],
        lead_offices=lead,
        sources=[Citation(measure.doc, measure.section, measure.title, measure.measure)], why=why,
        industries=list(measure.industries), places=list(measure.places), group=group, scope=scope,
        measure=measure.measure, item=measure.item,
        origins={v: (measure.doc, measure.section) for values in (stated, found, *(todo[n] for n in QUOTED[2:]))
                 for v in values if isinstance(v, str)},
    )


_SHORT = re.compile(r"[（(](?:以下简称|以下称|下称|简称)[“\"]?(?P<short>[\u4e00-\u9fa5]{2,8})[”\"]?[）)]")


def declared_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations documents declare: `企业研究开发费用(以下简称研发费用)` gives
    研究开发费用 -> 研发费用. The full form is the shortest text before the
    parenthesis that starts with the short form's first character and holds
    its characters in order; a name in 《》 is left alone."""
    out: dict[str, str] = {}
    for m in _SHORT.finditer(text):
        short, before = m.group("short"), text[max(0, m.start() - 16):m.start()]
        if before.endswith("》"):
            continue
        for i in range(len(before) - len(short), -1, -1):
            candidate = before[i:]
            if not re.fullmatch(r"[\u4e00-\u9fa5]+", candidate):
                break  # across a bracket or a title mark: not one term
            if candidate[0] == short[0] and in_order(short, candidate) and len(candidate) > len(short):
                out[candidate] = short
                break
    return out


INSTRUMENT = re.compile("|".join(f"(?:{f})" for e in lexicon.load("sentence_roles") if e.name == "instrument"
                                 for f in e.forms))


def same_benefit(a: PolicyCard, b: PolicyCard, short: dict[str, str]) -> bool:
    """One benefit stated in several documents (加计扣除 in a regulation, a
    ministry notice and a local plan): the same kind, the same named
    instrument, the same object (研究开发费用 = 研发费用 where a document says
    so), and no sums of their own that disagree."""
    if a.kind != b.kind or not a.kind:
        return False
    if {(s.doc, s.section) for s in a.sources} & {(s.doc, s.section) for s in b.sources}:
        # one article's 款 stating one benefit (50%, 150%); not grants each to a recipient of its own
        return sorted(a.beneficiaries) == sorted(b.beneficiaries) and not _granted_apart(a, b)
    if a.beneficiaries and sorted(a.beneficiaries) == sorted(b.beneficiaries) and bool(a.amounts) != bool(b.amounts) \
            and a.source.doc != b.source.doc:
        return True  # 减按15％ in the law, 享受税收优惠 in the rules for the same applicant: one benefit
    if a.amounts and b.amounts and set(a.amounts) & set(b.amounts) and any(_WORTH.search(v) for v in
                                                                          set(a.amounts) & set(b.amounts)):
        return True  # the same kind of relief at the same rate (150% 摊销 in a regulation and in a notice)
    x = _normal(" ".join([a.measure] + [c["text"] for c in a.checklist]), short)
    y = _normal(" ".join([b.measure] + [c["text"] for c in b.checklist]), short)
    shared = set(INSTRUMENT.findall(x)) & set(INSTRUMENT.findall(y))
    if not shared:
        return False
    if a.amounts and b.amounts and not set(a.amounts) & set(b.amounts):
        return False
    objects = set(short.values())
    return bool({o for o in objects if o in x} & {o for o in objects if o in y}) \
        or bool(set(a.beneficiaries) & set(b.beneficiaries))


def _normal(text: str, short: dict[str, str]) -> str:
    for full, abbreviation in short.items():
        text = text.replace(full, abbreviation)
    return text


def _granted_apart(a: PolicyCard, b: PolicyCard) -> bool:
    """Two grants of one section, each opening with the recipient it is for (对新命名天府旅游名宿的，…给予…5万元；
    对新创建成功3A级…景区给予…10万元): a list of benefits, one per recipient, not one benefit said twice (a sentence
    and its own case, 形成无形资产的，按照…150%摊销, opens with no recipient)."""
    return a.measure != b.measure and all(c.measure.startswith(_FOR) for c in (a, b))


_FOR = "对"  # 对…给予: the recipient a grant names first


def listed_apart(a: PolicyCard, b: PolicyCard) -> bool:
    """Two benefits alike in words: two items of one list that each grant (免征
    for some crops, 减半征收 for others), two 款 of one article of which one
    lists what it applies to (下列所得可以免征：…), or a lead-in whose list
    shares no item with the other's (企业的下列所得 in the law, 下列所得 of
    foreign loans in the rules; 下列企业…享受税收优惠 and a sentence naming
    its own applicants): a lead-in says what it grants, its list to whom."""
    listed_a, listed_b = set(a.listed), set(b.listed)
    if (a.source.doc, a.source.section) == (b.source.doc, b.source.section):
        return a.item != b.item or listed_a != listed_b  # another 款 with a list of its own: another benefit
    return bool(listed_a or listed_b) and not listed_a & listed_b  # 下列企业…享受税收优惠: what its own list names


def merge(cards: list[PolicyCard], short: dict[str, str] | None = None) -> list[PolicyCard]:
    """Cards of one measure written in several places become one card with
    several sources (the first, best-ranked one leads)."""
    out: list[PolicyCard] = []
    short = short or {}
    for c in cards:
        others = [o for o in out if not listed_apart(o, c)]
        twin = next((o for o in others if same_measure(o.measure, c.measure)), None) \
            or next((o for o in others if same_benefit(o, c, short)), None)
        if twin is None:
            out.append(c)
            continue
        cited = [(s.doc, s.section) for s in twin.sources]
        own = (c.source.doc, c.source.section)
        if own in cited:  # the same section says it twice (a heading and its item): keep the fuller sentence
            if len(c.measure) > len(twin.measure):
                del twin.sources[cited.index(own)]
                twin.sources.insert(0, c.source)  # the card now reads this sentence: its section leads
                twin.measure, twin.summary = c.measure, c.summary
                twin.amounts, twin.conditions = c.amounts, c.conditions
                twin.origins.update({v: own for v in c.amounts + c.conditions})
            else:  # another 款 of the article: its sums belong to the benefit too (50%, and 150% once capitalised)
                twin.origins.update({a: own for a in c.amounts if a not in twin.amounts})
                twin.amounts += [a for a in c.amounts if a not in twin.amounts]
            twin.amount = twin.amounts[0] if twin.amounts else ""
            continue
        twin.sources.append(c.source)
        names = ["conditions", "offices", "why", "beneficiaries", "levels", "deadlines", "contacts", "materials",
                 "procedure", "checklist"] + ([] if twin.amounts else ["amounts"])
        for name in names:
            values = getattr(twin, name)
            added = [v for v in getattr(c, name) if v not in values]
            values += added
            if name in QUOTED:  # another section's words: a card quoting one marks that section
                twin.origins.update({v: c.origins.get(v, own) for v in added if v not in twin.origins})
        twin.amount = twin.amount or (twin.amounts[0] if twin.amounts else "")
        if twin.status and not c.status:
            twin.status = ""  # a source still in force states it too
    return out


QUOTED = ("conditions", "amounts", "deadlines", "contacts", "materials", "procedure")  # a source's own words
_WORTH = re.compile(r"元|[%％]|倍|\d\s*[:：比]\s*\d")  # money or a rate; a duration alone is no sum
KIND_ORDER = ("money", "tax_reduction", "deduction", "loan_guarantee", "land", "talent", "procedure", "equity",
              "other", "")


RankWeights = tuple[int, int, int]  # amount, names the applicant, several documents (Settings.card_*_weight)


def rank(cards: list[PolicyCard], weights: RankWeights = (2, 2, 1)) -> list[PolicyCard]:
    """Cards in the order an applicant acts on them: a stated amount or rate
    first (what it is worth can be reckoned), one naming the applicant before
    one for every enterprise, one stated in several documents (law and local
    plan agree) before one stated once; then money before tax relief, loans,
    land, talent and procedure (how directly it pays), then as matched."""
    def score(c: PolicyCard) -> int:
        amount, applicant, sources = weights
        return amount * any(_WORTH.search(a) for a in c.amounts) \
            + applicant * (c.scope == "specific" and any(w.startswith("资质") for w in c.why)) \
            + sources * (len({s.doc for s in c.sources}) > 1)
    order = {id(c): i for i, c in enumerate(cards)}
    return sorted(cards, key=lambda c: (-score(c), KIND_ORDER.index(c.kind) if c.kind in KIND_ORDER else 99,
                                        order[id(c)]))
