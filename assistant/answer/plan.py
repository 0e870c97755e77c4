"""Parse once: a question becomes a typed `QueryPlan`, and every later stage
reads the plan, never the raw question.

The plan says what is asked (the answer type, and for a figure its kind),
about what (subject terms), by whom (the applicant's facts, read with the
one quantity grammar), within which scope (documents, places, years: a
文号's year is no target year) and whether it leans on the previous turn.
The question's wording cues live in `lexicon/question_cues.toml`; the
intent rules in `intents`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple

from assistant import eligibility, lexicon
from assistant.answer.cues import cue
from assistant.answer.intents import (DUTIES_ASKED, EFFECT_ASKED, ENCOURAGED_ASKED, OBLIGATION_ASKED, Query, analyse,
                                      clean_question, maximal)
from assistant.answer.evidence import SYNONYMS, abbreviates
from assistant.answer.kinds import AnswerKind, kind_asked
from assistant.answer.scope import DOC_NUMBER, Catalog
from assistant.answer.thing_asked import thing_asked
from assistant.eligibility.places import discover_places, named_jurisdictions
from assistant.index.lexical import may_abbreviate
from assistant.lexicon.tags import dictionary_tag, in_order, word_edges
from assistant.ingest.quantities import Quantity, read, unit_kind
from assistant.ingest.rulings import Ruling
from assistant.lexicon import english
from assistant.lexicon.english import CorpusSenses

AnswerType = Literal["unit", "duties", "figure", "yes_no", "list", "place", "article", "date", "contact",
                     "materials", "purpose", "support", "condition", "procedure", "reference", "effect_date", "text"]



YES_NO = cue("yes_no")
CAP = cue("cap")
FLOOR = cue("floor")
RATE = cue("rate")
RATE_CONTEXT = cue("rate_context")
HOW_MUCH = cue("how_much")
SHARE = cue("share")
PERCENT = cue("percent")
AMOUNT = cue("amount")
LIST = cue("list")
CLAIM = cue("claim")
COPULA_CLAIM = cue("copula_claim")
WH_DETERMINER = cue("wh_determiner")
CIRCUMSTANCES = cue("circumstances")
COUNT = cue("count_asked")
AREA = cue("area_asked")
LENGTH = cue("length_asked")
PLACE = cue("place")
LOCAL = cue("local")
SUPPORT_ASKED = cue("support_asked")
CONDITION_ASKED = cue("condition_asked")
CONDITION_WORD = cue("condition_word")
MANNER_ASKED = cue("manner_asked")
PARTY_ASKED = cue("party_asked")
CLASS_ASKED = cue("class_asked")
CODE_LIKE = cue("code_like")
SCOPE_ASKED = cue("scope_asked")
PENALTY_ASKED = cue("penalty_asked")
BREACH_SUPPOSED = cue("breach_supposed")
# The kinds a bare 多少 asks for when nothing names the kind (no unit, rate or share word).
MAGNITUDE_KINDS = frozenset({"rate", "share", "amount", "count", "area", "length"})
CLAUSE_END = re.compile(r"[，,。；;？?！!]")


# The unit a question asks in (`几个`, `多少家`, `比重`) marks the target it wants.
UNIT_HINTS = (
    # 几个点 is a percentage, 几个月 and 几个会计年度 a period
    (re.compile(r"(?:几个|多少个)(?!百?分?点|月|小时|工作日|星期|季度|(?:会计|纳税)?年度)|how many (?:clusters|platforms|parks)"),
     ("个",)),
    (re.compile(r"几家|多少家"), ("家",)),
    (re.compile(r"几所|多少所"), ("所",)),
    (re.compile(r"几项|多少项"), ("项",)),
    (re.compile(r"多少件|几件"), ("件",)),
    (re.compile(r"多少人|几人"), ("人", "万人")),
    (re.compile(r"(?:多少|几)分(?![钟之])|分值|扣分|加分|得分"), ("分",)),  # an assessment's points
    (re.compile(r"比重|比例|占比|百分|率|几个点|多少个点|percentage|share|proportion|%"), ("%",)),
    (re.compile(r"多少亿|多少万|多少钱|多少元|金额|亿元|万元|billion|yuan|how much money|"
                r"(?:贷|借|贷款|额度)[^，。？?]{0,6}多少|多少(?:贷款|额度)", re.I), ("亿元", "万元", "亿美元", "元")),  # a loan is a sum
    # a money metric named, not an amount: its value, or a share of it (从净收入中提取多少)
    (re.compile(r"产值|收入|所得|规模|GDP", re.I), ("亿元", "万元", "亿美元", "%")),
    (re.compile(r"面积|平方米|square"), ("万平方米", "平方米", "平方公里", "亩")),
)


# Measure words that count anything (个, 项): 需要满足几个条件 is answered by the list of them, so they
# ask for no figure; 家, 人, 所 count a kind of thing, as targets do (高新技术企业超1000家).
GENERIC_CLASSIFIERS = frozenset({"个", "项"})

# "A和B分别是多少": several figures asked at once.
SEVERAL_PARTS = cue("several_parts")
# 可以在税前扣除吗 / 需要缴纳吗: whether an act is allowed or required, the act after the word
MAY_ASKED = cue("may_asked")
MUST_ASKED = cue("must_asked")
WH_WORD = cue("wh_word")
JOINED_QUESTION = cue("joined_question")  # where a clause may open a question of its own
ENGLISH_ASKING = cue("english_asking")
ELLIPTICAL = cue("elliptical")
CONDITIONAL = cue("conditional")
OWN_CASE = cue("own_case")
PREMISE = cue("premise")
_ASKED_ACT = re.compile(r"[^，。；,;？?！!]{1,30}?(?=吗|吧|么|呢|没有|不|[？?]|$)")
_PART_SPLIT = re.compile(r"[和与及、跟]|以及")


# A question asking how long (多少日内, 几个月, 多久): then a duration is the figure.
DURATION_ASKED = cue("duration_asked")
FREQUENCY_ASKED = cue("frequency_asked")
PERIOD_NOUN = cue("period_noun")
WAGE_MONTHS = cue("wage_months")
@dataclass(frozen=True)
class AskedPart:
    """One of the figures a question asks at once: the topic tokens of its piece and the kinds of
    figure the piece itself names (特色产业基地数量目标: a count; none: the question's kinds)."""

    topic: list[str]
    kinds: frozenset[str] = frozenset()


def question_parts(query: Query, facts: list[Quantity]) -> list[AskedPart]:
    """Each figure a question asks at once, or one part with all its topic: A和B分别是多少
    (南头和板芙各规划了多少亩), or, with no such word, pieces that each name a figure of their own kind
    (新产品销售收入比重和特色产业基地数量目标是多少: a share and a count, each piece read as if asked
    alone). A piece naming no figure (火炬开发区和翠亨新区的GDP) is part of the next one. An applicant's own
    figures ask no figure each."""
    topic, text = query.topic_tokens, query.text.lower()  # (topic tokens are folded: gdp)
    whole = [AskedPart(topic)]
    several = SEVERAL_PARTS.search(text)
    stated = [f for f in facts if f.kind != "year"]  # (到2020年 says when, not what the asker has)
    # (with no 多少, the question word asks: 营业面积和实际支出金额有什么门槛 asks each piece's own figure)
    asked = several or (None if stated else HOW_MUCH.search(text) or WH_WORD.search(text))
    if len(topic) < 2 or asked is None:
        return whole
    pieces = [p for p in _PART_SPLIT.split(text[:asked.start()]) if p.strip()]
    if pieces and (item := CLAUSE_END.split(pieces[0])[-1]).strip():
        pieces[0] = item  # (服务业新兴业态里，文化创意和新兴金融: the clause before the first names what all are of)
    named = [_figure_kinds(f"{p}是多少", set(), False, None) for p in pieces]  # (each piece as if asked alone)
    if not several:
        if sum(bool(kinds) for kinds in named) < 2:
            return whole
        pieces, named = _joined_to_next(pieces, named)
    else:
        pieces = _shared_words_distributed(pieces)
    parts = [AskedPart([t for t in topic if t in piece], kinds) for piece, kinds in zip(pieces, named)]
    parts = [p for p in parts if p.topic]
    return parts if len(parts) > 1 else whole


def of_part(query: "QueryPlan", asked: AskedPart) -> "QueryPlan":
    """The question as it asks one of its parts: that part's topic and kinds, and its words without those of the
    other parts (the context they share stays: 火炬开发区和翠亨新区的GDP)."""
    others = {t for p in query.parts if p is not asked for t in p.topic if t not in asked.topic}
    return replace(query, topic_tokens=asked.topic, figure_kinds=asked.kinds or query.figure_kinds,
                   tokens=[t for t in query.tokens if t not in others] or query.tokens)


def own_words(query: "QueryPlan", asked: AskedPart) -> list[str]:
    """The words of a part's topic no other part has (使用, 管理 of 使用管理单位和维保单位…): what the part alone asks of
    (not 门槛 of 投入金额的门槛, which says what kind of figure is asked)."""
    return [t for t in asked.topic if not any(t in p.topic for p in query.parts if p is not asked) and not _asks_kind(t)]


def _shared_words_distributed(pieces: list[str]) -> list[str]:
    """Each piece of A和B…分别 with the words the pieces share: what the first piece names them of (住宅电梯的
    使用单位和维保单位: 住宅电梯), and the clause or head noun the last piece closes with (…维保单位，应急演练分别多久;
    火炬开发区和翠亨新区的GDP), when the other pieces name no such thing of their own (A的X和B的Y shares nothing)."""
    if len(pieces) < 2:
        return pieces
    first, last = pieces[0], pieces[-1]
    others_first, others_last = pieces[1:], pieces[:-1]
    shared_before = first.rpartition("的")[0] if not any("的" in p for p in others_first) else ""
    clause = CLAUSE_END.split(last)
    if len(clause) > 1:
        shared_after = clause[-1]
    else:
        shared_after = last.rpartition("的")[2] if "的" in last and not any("的" in p for p in others_last) else ""
    return [shared_before * (n > 0) + p + shared_after * (n < len(pieces) - 1) for n, p in enumerate(pieces)]


def _joined_to_next(pieces: list[str], named: list[frozenset[str]]) -> tuple[list[str], list[frozenset[str]]]:
    """Pieces naming no figure joined to the next piece (the last stays as it is)."""
    joined, kinds, carry = [], [], ""
    for n, (piece, names) in enumerate(zip(pieces, named)):
        if names or n == len(pieces) - 1:
            joined.append(carry + piece)
            kinds.append(names)
            carry = ""
        else:
            carry += piece
    return joined, kinds


def act_asked(text: str) -> Ruling | None:
    """What a yes/no question asks to be allowed (可以在税前扣除吗 -> allowed 在税前扣除) or required
    (需要缴纳企业所得税吗 -> required 缴纳企业所得税): the first asking word standing as a word whose act
    asks whether, not what (可以从哪几种中选用 asks which)."""
    edges = word_edges(text)
    found = sorted([(m, "allowed") for m in MAY_ASKED.finditer(text)] +
                   [(m, "required") for m in MUST_ASKED.finditer(text)], key=lambda f: f[0].start())
    for m, polarity in found:
        act = _ASKED_ACT.match(text, m.end())
        if m.start() in edges and m.end() in edges and act and act.group().strip() and not WH_WORD.search(act.group()):
            return Ruling(polarity, act.group().strip())
    return None


def asked_units(text: str) -> set[str]:
    """The units of the first hint that matches: counts (几个) come first; else the measure word the
    quantity grammar reads after 多少/几 (多少斤, 几台): what the figure is counted or measured in."""
    hinted = next((set(units) for pattern, units in UNIT_HINTS if pattern.search(text)), set())
    return hinted or next(({unit} for m in _ASKED_IN.finditer(text) if (unit := _measure_word(m.group(1)))), set())


_ASKED_IN = re.compile(r"(?:多少|(?<!哪)几)([\u4e00-\u9fff]{1,4})")  # (哪几种 asks which, a list)


def _measure_word(after: str) -> str:
    """The longest head of the words after 多少/几 that the grammar reads whole as a unit, when it counts or
    measures an area (几个月 is a period, asked as one elsewhere)."""
    for end in range(len(after), 0, -1):
        found = read(f"1{after[:end]}")
        if len(found) == 1 and found[0].text == f"1{after[:end]}":
            return after[:end] if found[0].kind in ("count", "area", "length") else ""
    return ""



class Premise(NamedTuple):
    written: str  # 提高到8%, as the question writes it
    figure: Quantity


@dataclass
class QueryPlan(Query):
    """The typed reading of one question (see the module doc). `text` is the
    cleaned question, for retrieval only (embedding and BM25)."""

    answer: AnswerType = "text"
    figure_kinds: frozenset[str] = frozenset()  # rate | share | amount | count | area | duration | date | ...
    cap_asked: bool = False  # 最高/最多/上限: a cap is what is asked, not only tolerated
    floor_asked: bool = False  # 最低/至少: a floor is what is asked (a figure only capped does not state it)
    asked_units: frozenset[str] = frozenset()  # the unit hint of a figure question (几家 -> 家)
    parts: list[AskedPart] = field(default_factory=list)  # each figure asked at once (A和B分别是多少)
    cases_asked: frozenset[str] = frozenset()  # special cases the question itself asks of (外包: commissioned)
    # what is asked about, as whole words: the topic without the words that only say where to look
    # (a named document's title or its short form, 中山自创区; a place named)
    subject: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)  # the thing a wh-word asks for (填什么报表 -> 报表)
    thing_asked: str = ""  # the thing a figure or existence is asked of, as written (公示期是多久 -> 公示期)
    classed_as: str = ""  # the kind a yes/no question asks its thing to be (税上算固定资产吗 -> 固定资产)
    quoted: list[str] = field(default_factory=list)  # terms the question puts in quotes (“直接投入费用”), as written
    # documents' words for its short forms (高企 -> 高新技术企业), and the terms defined to include its words (经济林 ->
    # 生产性生物资产)
    full_forms: list[str] = field(default_factory=list)
    facts: list[Quantity] = field(default_factory=list)  # the applicant's figures (成立3年, 营收8000万)
    # the figures stated are a claim about what the documents say, asked to be confirmed (结转五年，对吧？)
    # 按15%的税率, 提高到8%: rates the question says a rule applies, each with the words setting it
    premises: list[Premise] = field(default_factory=list)
    claimed: bool = False
    fact_words: list[list[str]] = field(default_factory=list)  # per fact, what it measures (注册, 营收)
    applicant: "eligibility.Profile | None" = None
    applicant_facts: "eligibility.Facts | None" = None  # the same figures as the self-check reads them (staff, revenue…)
    money_asked: bool = False  # 有没有钱补: support that is money first
    support_topic: list[str] = field(default_factory=list)  # what support is asked about, beyond who asks
    support_asked: bool = False  # 补贴/扶持/优惠…: support of some kind is what is asked
    kind: AnswerKind | None = None  # a time, a contact or materials asked for
    act_asked: Ruling | None = None  # 可以在税前扣除吗: whether an act is allowed (or required: 需要缴纳吗)
    duration_asked: bool = False  # 多久/几年: a period is the answer, whatever the intent
    list_asked: bool = False  # 哪几/分别/包括哪些: the items of a list
    place_asked: bool = False  # 哪个镇/在哪里: a sentence naming a place first
    scope_asked: bool = False  # 适用于哪个自贸区/适用范围: where a measure applies, as its note says
    obligation_asked: bool = False  # 要承担哪些义务: what a party must do, as the provisions requiring it say
    penalty_asked: bool = False  # 没备案会罚吗, 有什么后果: what befalls a breach, as the penalty for the duty says
    duties_asked: bool = False  # 承担哪些职责/可以行使哪些职权: the provision assigning them, its list whole
    docs_named: list[str] = field(default_factory=list)
    unknown_reference: str = ""  # a 文号 or 《title》 the corpus lacks and none cites
    local_docs: list[str] = field(default_factory=list)  # 市里/本地: the documents of a place
    beyond_place: list[str] = field(default_factory=list)
    placed_named: list[str] = field(default_factory=list)  # the documents whose place the question names (北岭市)
    places: list[str] = field(default_factory=list)  # places named (小榄镇), bare cities when sources are placed
    jurisdictions: list[str] = field(default_factory=list)
    # 家电呢？ / 如果是作价入股呢？: a new subject and nothing asked of it; what is asked comes from the question before
    elliptical: bool = False
    # 要建立什么会议制度？: a question word of its own; a follow-up asking it asks no longer what the one before did
    asks_own: bool = False
    conditional: bool = False  # 如果/要是…呢: a case is stated, of which something is asked
    # 我们的服务器…/公司今年利润500万元，…: the asker tells a case of their own, in their own words
    own_case: bool = False
    docs_titled: bool = False  # the documents named are named by their title or number (not by a place or issuer)
    language: Literal["zh", "en"] = "zh"
    known_share: float = 1.0  # share of an English question's content words the corpus knows (nonsense: 0)

    @property
    def asks_figure(self) -> bool:
        return bool(self.figure_kinds)

    def lean_on(self, earlier: "QueryPlan") -> None:
        """An elliptical question asks what the question before asked (its answer type, figure kinds,
        role, years, the act a yes/no asks of), of its own subject: those fields come from `earlier`, but for
        what it asks itself (a flag of its own set)."""
        for name in ASKED_FIELDS:
            if getattr(self, name) is True:
                continue  # (what it asks itself, 要是一直不清理呢？ what befalls the breach, it still asks)
            setattr(self, name, getattr(earlier, name))
        self.years = self.years or earlier.years
        if self.intent in SUBJECT_INTENTS:  # (第二十八条讲什么？ → 那研发费用呢？: what the documents say of it)
            self.intent, self.answer = "general", "text"

    @property
    def asks_figure(self) -> bool:
        """Whether the answer asked is a figure (a time asked is one: 最迟什么时候)."""
        return self.answer in ("figure", "date")

    def ask_the_rule(self) -> None:
        """What is asked is whatever the rule for the case states (如果按规定提供了资料呢？ after a rate: 只按…基准
        利率计算, a rate named, not a figure): no figure, period or cap is required of the answer."""
        if not self.asks_figure and self.intent != "target":
            return  # (who leads it, whether it is allowed: asked of the case as of the rule)
        self.answer, self.figure_kinds, self.kind = "text", frozenset(), None
        self.cap_asked = self.floor_asked = self.duration_asked = False
        self.intent = "general" if self.intent == "target" else self.intent


# Intents that say what a question is about rather than what it asks (an article asked by its number): a
# follow-up does not take them on.
SUBJECT_INTENTS = frozenset({"article"})
# What a question asks, as against what it is about: what an elliptical question takes from the one before. (The
# article a question names is what it is about: it is not taken on.)
ASKED_FIELDS = ("intent", "answer", "figure_kinds", "asked_units", "cap_asked", "floor_asked", "kind",
                "duration_asked", "list_asked", "place_asked", "scope_asked", "role", "both_roles", "act_asked",
                "support_asked", "money_asked", "obligation_asked", "penalty_asked", "duties_asked")


def spelled_out(text: str, tokens: list[str]) -> str:
    """The question with its abbreviations (缩略语) written in full, for the dense side of retrieval:
    a short form whose characters stand in order in one of its documented full forms (高企 ->
    高新技术企业, 技改 -> 技术改造); the embedding model may not know the short form."""
    for t in _standalone(tokens):
        full = next((f for f in SYNONYMS.get(t, ()) if len(f) > len(t) and in_order(t, f)), None)
        if full and full not in text:
            text = text.replace(t, full)
    return text


def full_forms(text: str, tokens: list[str]) -> list[str]:
    """The words documents write for the question's short or everyday forms (高企 ->
    高新技术企业), for the lexical side of retrieval to search as well."""
    return list(dict.fromkeys(form for t in _standalone(tokens) for form in SYNONYMS.get(t, ()) if form not in text))


def _standalone(tokens: list[str]) -> list[str]:
    """The tokens that are not part of a longer token of the question: 研发 inside the term
    新型研发机构 (or 研发费用) is that term's, and the term is what the documents write."""
    return [t for t in tokens if not any(t in u and len(u) > len(t) for u in tokens)]


def _figure_asked(text: str) -> bool:
    """Whether the question asks for a figure at all (多少, 几个点, 比例, 金额): a figure word
    named without one (收入, 所得税 in 所得税上有什么优惠) hints at no unit."""
    return bool(HOW_MUCH.search(text) or PERCENT.search(text) or AMOUNT.search(text) or RATE.search(text)
                or SHARE.search(text))


def _duration_asked(text: str, kind: AnswerKind | None) -> bool:
    """Whether a question asks how long: 多久, 几个月; or names a period (期限, 时限) and asks no point in
    time of it (付款期限从哪天开始算 asks when it starts)."""
    return bool(DURATION_ASKED.search(text)) or bool(PERIOD_NOUN.search(text)) and (kind is None or kind.name != "time")


def _figure_kinds(text: str, units: set[str], duration: bool, kind: AnswerKind | None) -> frozenset[str]:
    """The kinds of figure a question asks for, from its wording (the same kinds
    the quantity grammar gives a sentence's figures)."""
    kinds: set[str] = set()
    if duration:
        kinds.add("duration")
    if FREQUENCY_ASKED.search(text):
        kinds.add("frequency")  # 多久搞一次, 一年几次: how often
    if kind is not None and kind.name == "time":
        kinds |= {"date", "month", "year", "duration"}
    if RATE.search(text) or RATE_CONTEXT.search(text) and PERCENT.search(text):
        kinds.add("rate")
    elif RATE_CONTEXT.search(text) and HOW_MUCH.search(text) and not AMOUNT.search(text) and not units \
            and not duration:  # (折旧几年 asks the years, not a rate)
        kinds |= {"rate", "amount"}  # 补贴是多少, 能加计扣除多少: a sum or a rate, either answers
    if SHARE.search(text):
        kinds.add("share")
    if PERCENT.search(text) and not kinds & {"rate", "share"}:
        kinds |= {"rate", "share"}
    if AMOUNT.search(text):
        kinds.add("amount")
    if COUNT.search(text):
        kinds.add("count")  # 企业数量目标, 人数: how many
    if AREA.search(text):
        kinds.add("area")  # 营业面积是多少, 占地多大
    if LENGTH.search(text) and not duration:
        kinds.add("length")  # 多长多宽, 离学校多远 (试用期多长: a period)
    # the unit asked in says the kind (多少家 a count, 多少万元 an amount, 多少亩 an area); a
    # percentage, a rate or a share. A generic classifier (几个条件, 哪几项) asks what a list answers.
    by_unit = {unit_kind(u) for u in units - GENERIC_CLASSIFIERS} - {None}
    if by_unit & {"rate", "share"}:
        by_unit -= {"rate", "share"}
        if not kinds & {"rate", "share"}:
            kinds |= {"rate", "share"}
    kinds |= by_unit
    return frozenset(kinds)


_ASKING_CLAUSE = re.compile(r"[，,；;。]")


def _asking_clause(text: str) -> str | None:
    """The last clause of a question that asks yes or no there, and no magnitude, after clauses telling
    the asker's situation; None for any other question."""
    clauses = [c for c in _ASKING_CLAUSE.split(text.rstrip("？?！!。 ")) if c.strip()]
    asking = clauses[-1] if len(clauses) > 1 else ""
    return asking if YES_NO.search(asking) and not HOW_MUCH.search(asking) else None


def _without(text: str, stated: list[Quantity]) -> str:
    """The question with the figures it states blanked out: what is left asks."""
    for q in sorted(stated, key=lambda q: -q.start):
        text = text[:q.start] + " " * (q.end - q.start) + text[q.end:]
    return text


# Words that say what kind of answer is asked (比例, 税率, 期限, 多长, 百分之几, 条件), not about what.
ASKING_WORDS = (RATE, SHARE, PERCENT, AMOUNT, HOW_MUCH, CAP, DURATION_ASKED,
                re.compile(r"期限|时间|时候|时点|日期|哪天|何时|多长|多久|^[万亿]?元$"), cue("figure_word"),
                CONDITION_WORD)


def _english_magnitude(text: str) -> frozenset[str]:
    """`how many` asks a count (institutes, mu of land); a bare `how much` says nothing of its kind
    that dictionary-translated words could check, so it asks none."""
    return frozenset({"count", "area"}) if re.search(r"\bhow many\b", text, re.I) else frozenset()


def _asks_kind(word: str) -> bool:
    """Whether a word of a question says what kind of answer it asks (比例, 期限, how much)."""
    return any(p.search(word) for p in ASKING_WORDS)


# a term the question puts in quotes (“直接投入费用”, 「…」): the thing asked about, as written
QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,20})[”」』\"]")


def _subject(plan: QueryPlan, vocabulary: dict) -> list[str]:
    """What the question asks about, as whole words: a term it quotes, and the topic without the words
    naming the scope (a named document's title words or their short forms, 中山自创区 for
    中山国家自主创新示范区…; the places named) or the kind of answer (比例, 期限), and only the words
    naming things (`_names_a_thing`). A figure the question writes (10%, 2020) is what it states or
    checks, never what it is about."""
    titles = plan.docs_named
    scope = set(plan.places) | set(plan.jurisdictions)
    quoted = plan.quoted
    return quoted + [t for t in maximal(plan.topic_tokens) if len(t) > 1 and not any(place in t for place in scope)
                     and not any(t in title or abbreviates(t, title) for title in titles)
                     and not _asks_kind(t) and t not in quoted
                     and not any(ch.isdigit() for ch in t) and _names_a_thing(t, vocabulary)]


def _focus(asking: str, subject: list[str]) -> list[str]:
    """The subject word a wh-determiner asks for, written right after it (每年要填什么报表 -> 报表,
    需要提供什么资料 -> 资料): of the things the question names, the one it asks which of."""
    found = []
    for m in WH_DETERMINER.finditer(asking):
        after = asking[m.end():m.end() + 8]
        word = max((w for w in subject if after.startswith(w)), key=len, default="")
        if word and word not in found:
            found.append(word)
    return found


def _act_in_circumstances(asking: str, topic: list[str]) -> str:
    """The act whose circumstances a question asks (在什么情况下可以不予处罚 -> 不予处罚): its topic words written
    after 情况下/情形下, as written. The provision stating those circumstances names the act (…的，依法不予处罚),
    never the word 情况."""
    m = CIRCUMSTANCES.search(asking)
    if not m:
        return ""
    rest = CLAUSE_END.split(asking[m.end():], maxsplit=1)[0]
    spans = [(at, at + len(t)) for t in topic if (at := rest.find(t)) >= 0]
    return rest[min(a for a, _ in spans):max(b for _, b in spans)] if spans else ""


def _english_focus(asking: str, phrases: list[str], alternatives: list[list[str]], vocabulary: dict) -> list[str]:
    """The thing an English wh-determiner asks which of (Which industries cannot…, What methods…): the
    documents' words for the head of the noun phrase right after it, the last of the phrases naming
    things written one after another there (personnel costs; not the verb after, cannot use)."""
    found: list[str] = []
    lowered = asking.lower()
    for m in WH_DETERMINER.finditer(lowered):
        at, head = m.end(), None
        for phrase, words in zip(phrases, alternatives):
            where = lowered.find(phrase.lower(), at)
            if where < 0 or lowered[at:where].strip():
                continue
            if not any(_names_a_thing(w, vocabulary) for w in words):
                break
            at, head = where + len(phrase), words  # (personnel costs: the head is the last, costs)
        found += [w for w in head or [] if w not in found]
    return found


# jieba tags of words that name things: nouns (n, nr, ns, nz…), verbal nouns (vn), abbreviations (j),
# places (s), idioms and set phrases (i, l)
_THING_TAGS = ("n", "vn", "j", "s", "i", "l")


def _names_a_thing(word: str, vocabulary: dict) -> bool:
    """A noun-like word (退役士兵, 地价), or a term of the corpus the dictionary lacks (加计扣除): not a
    verb, adverb or time word around it (开始, 才能, 每年), which says nothing of which case is asked."""
    tag = dictionary_tag(word)
    if tag is None:
        return word in vocabulary
    return tag.startswith(_THING_TAGS)


# How a question asks of a special case (lexicon/special_cases.toml `asked`: 外包 for 委托, outsourc…).
SPECIAL_CASES_ASKED = {e.name: tuple(e.extra.get("asked", e.forms)) for e in lexicon.load("special_cases")}


def _cases_asked(text: str) -> frozenset[str]:
    """The special cases the question asks of itself: their rule is then not set after the general one."""
    return frozenset(name for name, words in SPECIAL_CASES_ASKED.items() if any(w in text for w in words))


def _target_years(query: Query, text: str) -> list[int]:
    """Years the question asks about; a document number's year (财税〔2015〕119号) is not one, nor a
    day's or a month's year (2023年3月投了…: when the applicant acted, which no target is set for), nor
    the digits of another figure (营业收入2000万: a sum)."""
    numbered = {int(m.group(2)) for m in DOC_NUMBER.finditer(text)}
    stated = read(text)
    dated = {q.year for q in stated if q.kind == "date"}
    whole = {q.year for q in stated if q.kind == "year"}
    figures = {int(q.text[:4]) for q in stated if q.kind not in ("year", "date") and q.text[:4].isdigit()}
    return [y for y in dict.fromkeys(query.years) if (y not in numbered or text.count(str(y)) > 1)
            and (y not in dated or y in whole) and (y not in figures or y in whole)]


def _answer_type(plan: QueryPlan, text: str) -> AnswerType:
    if plan.intent == "article":
        return "article"
    if plan.intent in ("lead", "responsibility"):
        return "unit"
    if plan.intent == "duties":
        return "duties"
    if plan.intent == "reference":
        return "reference"
    if EFFECT_ASKED.search(text):
        return "effect_date"
    if plan.kind is not None and plan.kind.name != "time":
        return plan.kind.name if plan.kind.name in ("materials", "purpose") else "contact"  # a website, a phone…
    if YES_NO.search(text) and (plan.facts or plan.intent == "eligibility" or not plan.figure_kinds):
        return "yes_no"
    if plan.figure_kinds or (plan.intent == "target" and not plan.list_asked):
        return "figure" if plan.figure_kinds != {"date", "month", "year", "duration"} or plan.duration_asked else "date"
    if CONDITION_ASKED.search(text):
        return "condition"  # 需要满足什么前提: the provision stating the conditions, not the benefits they open
    if MANNER_ASKED.search(text) and not plan.place_asked:
        return "procedure"  # 怎样判断, 会计核算上要怎么做: how, not what one gets
    if plan.intent == "eligibility" and not PARTY_ASKED.search(text):
        return "support"  # (asked which party has it, 归谁享受: the provision naming the party)
    if plan.list_asked:
        return "list"
    if plan.place_asked:
        return "place"
    return "text"


def _classed_as(text: str) -> str:
    """The kind a yes/no question asks whether its thing is (算不算东莞说的零散工业废水 -> 东莞说的零散工业废水), as
    written; "" when it asks none, or checks a figure (是不是10%)."""
    found = CLASS_ASKED.search(text)
    return found["term"] if found and not any(ch.isdigit() for ch in found["term"]) else ""


def _claimed(facts: list[Quantity], text: str) -> bool:
    """Whether the figures a question states are a claim about the documents it asks to have confirmed:
    it asks so (对吧, 是吗), or its yes/no clause says what something is and holds a figure (税率是20%吗)."""
    if not facts:
        return False
    if tag := CLAIM.search(text):
        # (我是女的，今年57岁，…年龄应该没问题吧: the asker's own figures, told before the clause the question asks
        # to confirm, are their case, not a claim about the documents)
        return not OWN_CASE.search(text) or any(f.start >= _confirmed_from(text, tag) for f in facts)
    said = COPULA_CLAIM.search(text)
    return said is not None and any(f.start >= said.start() for f in facts)


# the most characters a clause may hold before its confirmation tag and still be the tag alone (这样对吧, 是这样吗)
BARE_TAG_CHARS = 2


def _confirmed_from(text: str, tag: re.Match) -> int:
    """Where the words a confirmation asks about begin: the clause it closes (可以扣除吧), or the one before
    where it stands alone (结转五年，对吧)."""
    starts = [0] + [m.end() for m in CLAUSE_END.finditer(text, 0, tag.start())]
    if len(text[starts[-1]:tag.start()].strip()) <= BARE_TAG_CHARS and len(starts) > 1:
        return starts[-2]
    return starts[-1]


def _premises(facts: list[Quantity], text: str) -> list[Premise]:
    """The rates a question takes a rule to set (按15%的税率计算, 已经提高到8%了), each as written from the word
    setting it: the documents must state them for them to be taken as given."""
    found = []
    for f in facts:
        if f.kind in ("rate", "share") and (m := PREMISE.search(text[:f.start])):
            clause = max((c.end() for c in CLAUSE_END.finditer(text, 0, m.start())), default=0)
            if OWN_CASE.search(text[clause:m.start()]):
                continue  # 我们按工资总额3%拨缴的工会经费: what the asker does, no rule the documents must state
            found.append(Premise(text[m.start():f.end], f))
    return found


def _elliptical(plan: QueryPlan, text: str, asking: str) -> bool:
    """Whether a question names what it is about and asks nothing of it (家电呢？): no asking word,
    no yes/no, no kind of answer of its own."""
    # (超过的部分呢？: a target verb naming the subject, 超过, asks no target of its own; 超过500万元的部分呢？ states
    # the figure whose provision it asks)
    target_word = plan.intent == "target" and not plan.facts
    return bool(ELLIPTICAL.search(text)) and plan.answer in ("text", "figure") and (plan.intent == "general" or target_word) \
        and not plan.figure_kinds and not WH_WORD.search(asking) and not YES_NO.search(text) \
        and not plan.support_asked and not plan.article


# A message asking several questions: each ends with its own question mark (…能随时改吗？从哪天起实施？)
_QUESTION_END = re.compile(r"(?<=[？?])")


def asked_questions(text: str, min_chars: int) -> list[str]:
    """The questions a message asks one after another, each with its mark; a piece too short to ask
    anything of its own (`呢？`) stays with the question before it, unless a question word makes it one
    (`谁牵头？`, `几年？`). Two questions may also share one mark, a clause each (谁牵头跟瑞士合作的，主导产业有哪些？;
    Which bureau leads it, and how many…?)."""
    parts: list[str] = []
    pieces = (c for p in _QUESTION_END.split(text.strip()) for c in _asking_clauses(p.strip()))
    for piece in pieces:
        if not piece:
            continue
        chars = len(re.sub(r"\W", "", piece))
        if parts and chars < min_chars and not (chars >= 2 and WH_WORD.search(piece)):
            parts[-1] += piece
        else:
            parts.append(piece)
    return parts if len(parts) > 1 else [text]


def _asking_clauses(piece: str) -> list[str]:
    """A question's clauses grouped so that each group asks once: a clause asking of its own (a question
    word of its own, not the 几 of 有几项专利, "a few") after clauses that already ask opens a new question."""
    clauses = [c for c in JOINED_QUESTION.split(piece) if c]
    groups: list[str] = []
    for clause in clauses:
        if groups and _asks(groups[-1]) and _asks(clause):
            groups.append(clause.strip())
        elif groups:
            groups[-1] += clause
        else:
            groups.append(clause)
    return [g.rstrip(",; ") for g in groups]


def _asks(clause: str) -> bool:
    # (English: the clause's last sentence, after an adverb opening it: We are drafting a plan. Roughly how many…)
    last = re.split(r"(?<=[.!?])\s+", clause.strip())[-1]
    return bool(WH_WORD.search(clause.replace("几", ""))) or bool(ENGLISH_ASKING.match(_ADVERB.sub("", last)))


# (and about how many…, and roughly what share…: the conjunction and a hedge before the question word)
_ADVERB = re.compile(r"^(?:and\s+)?(?:(?:about|around|approximately|[A-Za-z]+ly),?\s+)?(?=[A-Za-z])", re.I)


class Parser:
    """Reads questions against what the corpus knows: its units, its
    vocabulary and its documents' names."""

    def __init__(self, catalog: Catalog, units: list[str], idf: dict, distinctive_idf: float,
                 corpus: CorpusSenses | None = None, kinds: dict[str, str] | None = None):
        self.catalog = catalog
        self.kinds = kinds or {}  # what a definition includes -> its term (经济林 -> 生产性生物资产)
        self.units = units
        self.idf = idf
        self.distinctive_idf = distinctive_idf
        self.corpus = corpus  # the senses the documents use English questions' words in

    def questions(self, message: str, min_chars: int) -> list[str]:
        """The questions one message asks in turn (two question marks: 多少？从哪年起算？)."""
        return asked_questions(clean_question(message), min_chars)

    def analyse(self, question: str) -> Query:
        return analyse(question, self.units, self.idf, self.distinctive_idf, self.corpus)

    def parse(self, question: str) -> QueryPlan:
        raw = clean_question(question)
        named, rest = self.catalog.named_in(raw)
        query = self.analyse(rest)
        plan = QueryPlan(**vars(query))
        text = query.text
        plan.language = "en" if query.english else "zh"
        plan.docs_named = named
        plan.docs_titled = bool(named) and rest != raw  # (by title or number, taken out; not by place or issuer)
        plan.unknown_reference = self.catalog.unknown_reference(raw)
        plan.local_docs = self.catalog.local_documents(rest)
        plan.beyond_place = self.catalog.beyond_place(rest) if named and not query.follow_up else []
        plan.placed_named = self.catalog.placed_named(rest)
        plan.years = _target_years(query, raw)
        plan.places = discover_places(text)
        plan.jurisdictions = named_jurisdictions(text, plan.places)
        plan.kind = kind_asked(text)
        plan.facts = [q for q in read(text) if q.unit]  # (最迟什么时候 asks a time; it states none)
        asking = _without(text, plan.facts)  # 单户500万元以下的…收费是多少: 万元 is said, not asked
        if (last := _asking_clause(asking)) is not None:
            # 给几个高管买了商业保险，这钱能扣不？: the clauses before a yes/no ending tell the asker's
            # situation (几个 is "a few"); only the last one asks
            asking = last
            if plan.intent == "target":
                plan.intent = "general"
        hinted = asked_units(asking)
        units = hinted if _figure_asked(asking) else set()
        # (几个月的本人工资 asks a sum in months of pay, as the documents write it: no period)
        wage_months = bool(WAGE_MONTHS.search(asking))
        plan.duration_asked = _duration_asked(text, plan.kind) and not wage_months
        plan.figure_kinds = _figure_kinds(asking, units, plan.duration_asked, plan.kind) | (
            {"amount"} if wage_months else set())
        if not plan.figure_kinds and not hinted and HOW_MUCH.search(asking) and not LIST.search(asking) \
                and query.intent in ("general", "eligibility", "target"):
            # 核查面最低是多少: a magnitude, of whatever kind the documents write
            plan.figure_kinds = _english_magnitude(asking) if query.english else MAGNITUDE_KINDS
        plan.cap_asked = bool(CAP.search(text))
        plan.floor_asked = bool(FLOOR.search(text)) and not plan.cap_asked
        plan.parts = question_parts(query, plan.facts)
        # (a quoted name of a document, “无废城市” in “无废城市”建设方案, says where to look, not what about)
        plan.quoted = [term for term in QUOTED.findall(text) if not self.catalog.in_a_title(term)]
        plan.subject = _subject(plan, self.idf)
        plan.focus = _english_focus(asking, query.phrases, query.alternatives, self.idf) if query.english \
            else [act] if (act := _act_in_circumstances(asking, plan.topic_tokens)) else _focus(asking, plan.subject)
        plan.thing_asked = "" if query.english else thing_asked(asking, _asks_kind)
        plan.cases_asked = _cases_asked(f"{text.lower()} {' '.join(plan.topic_tokens)}")
        if YES_NO.search(text) and not HOW_MUCH.search(text) and not plan.facts:
            # 还受投资比例的限制吗, 这些时间算进承诺时限吗: a yes/no question that asks no magnitude and
            # states none names its figure or period word as its subject; the provision that decides answers it
            plan.figure_kinds, plan.duration_asked = frozenset(), False
        translated = [(phrase, [w for w in words if w in plan.subject])  # (an English clause's words: its subject's)
                      for phrase, words in zip(query.phrases, query.alternatives)]
        # (what a figure measures is in the documents' words: 听说, 拿到, 不用 are none, and would only
        # dilute the share of it a sentence holds; an abbreviation, 高企, stands for one)
        known = [t for t in plan.topic_tokens if t in self.idf or may_abbreviate(t)]
        plan.fact_words = [self._clause_words(text, q, known, translated) for q in plan.facts]
        plan.claimed = _claimed(plan.facts, text)
        plan.premises = [] if plan.claimed else _premises(plan.facts, text)
        plan.applicant = eligibility.profile_from_text(text)
        plan.applicant_facts = eligibility.facts_from_text(text)
        plan.money_asked = any(form in text for form in eligibility.MONEY_QUESTIONS)
        said = " ".join(plan.applicant.qualifications + plan.applicant.needs + plan.applicant.industry
                        + plan.applicant.location)
        # (an English question's topic is its words' translations, alternatives of each other
        # (support: 支撑/依托/赞助): no one of them names what the support is about)
        plan.support_topic = [] if query.english else [
            t for t in maximal(plan.topic_tokens) if len(t) > 1 and t not in said
            and not SUPPORT_ASKED.search(t) and self.idf.get(t, 0.0) >= self.distinctive_idf]
        plan.support_asked = plan.money_asked or any(SUPPORT_ASKED.search(t) for t in plan.tokens)
        # (分几个阶段, 有几项: a count in a classifier that counts anything asks for the items, as a list does)
        plan.list_asked = bool(LIST.search(text)) or (not plan.figure_kinds and bool(hinted) and hinted <= GENERIC_CLASSIFIERS)
        plan.place_asked = bool(PLACE.search(text))
        plan.scope_asked = bool(SCOPE_ASKED.search(text))
        plan.obligation_asked = bool(OBLIGATION_ASKED.search(text))
        plan.penalty_asked = bool(PENALTY_ASKED.search(text) or BREACH_SUPPOSED.search(text))
        # (鼓励企业做哪些事 asks what the firm is encouraged in, not what a party is charged with)
        plan.duties_asked = bool(DUTIES_ASKED.search(text)) and not ENCOURAGED_ASKED.search(text)
        plan.answer = _answer_type(plan, text)
        if plan.answer == "condition":  # (要满足什么条件: conditions are written without the word; 应当具有…能力)
            plan.topic_tokens = [t for t in plan.topic_tokens if not CONDITION_WORD.search(t)] or plan.topic_tokens
        plan.act_asked = act_asked(text) if plan.answer == "yes_no" and not query.english else None
        plan.classed_as = _classed_as(text) if plan.answer == "yes_no" and not query.english else ""
        # a unit hint counts only when a figure is asked (所得税上有什么优惠 names 所得, asks none)
        plan.asked_units = frozenset(hinted) if plan.answer == "figure" else frozenset()
        plan.elliptical = _elliptical(plan, text, asking)
        plan.asks_own = bool(WH_WORD.search(asking))
        plan.conditional = bool(CONDITIONAL.search(text))
        plan.own_case = bool(OWN_CASE.search(text))
        plan.follow_up = plan.follow_up or plan.elliptical
        if not query.english:  # (an English question's tokens are already the documents' words)
            plan.full_forms = full_forms(text, plan.tokens) + [
                kind for t in plan.tokens if (kind := self.kinds.get(t)) and kind not in text]
            plan.text = spelled_out(text, plan.tokens)
        if query.english:
            plan.known_share = self.known_share(text)
        return plan

    @staticmethod
    def _clause_words(text: str, fact: Quantity, topic: list[str],
                      translated: list[tuple[str, list[str]]] = ()) -> list[str]:
        """The question's topic words in the clause that gives a figure: what it measures. An English
        clause's are the documents' word for each of its phrases that names the subject (`translated`:
        phrase, its words of the subject)."""
        start = max((m.end() for m in CLAUSE_END.finditer(text, 0, fact.start)), default=0)
        end = next((m.start() for m in CLAUSE_END.finditer(text, fact.end)), len(text))
        clause = text[start:fact.start] + text[fact.end:end]
        if translated:
            said = f" {' '.join(english.words(clause, fold=False))} "
            return [words[0] for phrase, words in translated
                    if words and f" {' '.join(english.words(phrase, fold=False))} " in said]
        return [t for t in maximal(topic) if len(t) > 1 and t in clause]

    def known_share(self, text: str) -> float:
        """How many of an English question's content words are words at all: English as the
        dictionary knows it, or the corpus's own (GDP). Lorem ipsum and key mashing know few."""
        content = [w for w in english.words(text) if w not in english.STOP and len(w) > 1 and not w.isdigit()]
        if not content:
            return 0.0
        if CODE_LIKE.search(text):
            return 0.0  # a shell or SQL string (1=1, ; --, -rf /) asks nothing of the documents
        known = [w for w in content if w in self.idf or english.is_word(w)]
        return len(known) / len(content)
