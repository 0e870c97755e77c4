"""What a question asks for: its intent, the units and years it names, and
whether it leans on the previous turn.

Rules over wording, Chinese and English; nothing keyed to known questions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .lexical import FILLERS, tokenize
from .retrieve import has_chinese, lexical_query
from .units import find_units_in

LEAD = re.compile(
    r"牵头|主导|主管|主抓|主责|由哪个|由谁|哪个(?:单位|部门|机构)|哪家(?:单位|部门)|谁(?:来)?(?:负责|牵头|管|抓)|归谁|"
    r"归哪|lead|in charge|which (?:unit|department|bureau|agency|office)|who (?:is )?(?:responsible|handles|runs|manages)",
    re.I,
)
RESPONSIBLE = re.compile(
    r"责任单位|配合|参与单位|协同单位|协助|共同负责|其他(?:单位|部门)|还有哪些(?:单位|部门)|哪些(?:单位|部门)|"
    r"share (?:the|this) (?:task|work)|supporting units|responsible units|other units|co-?responsible|which units|which departments",
    re.I,
)
DUTY = re.compile(
    r"负责|职责|任务|承担|牵头(?:了|的)?(?:哪些|什么)|参与|涉及|做什么|干什么|管什么|分工|工作|"
    r"responsible for|duties|tasks|role|in charge of|what does",
    re.I,
)
TARGET = re.compile(
    r"目标|指标|多少|几家|几个|几所|几项|比重|占比|比例|规模|达到|超过|突破|数量|产值|收入|强度|"
    r"target|goal|how many|how much|what percentage|what share|what proportion|by 20\d\d",
    re.I,
)
ELIGIBILITY = re.compile(
    r"享受|享有|政策|支持|扶持|补贴|补助|资助|奖励|奖补|优惠|减免|融资|贷款|资金|能拿|能得到|能获得|可以获得|"
    r"申请|福利|好处|帮助|帮扶|缺钱|钱|qualify|eligible|support|subsid|financ|incentive|benefit|help|"
    r"funding|loan|tax|preferential|grant",
    re.I,
)
FOLLOW_UP = re.compile(r"^(?:那|那么|这个|这项|这一|该|它|其|还有|另外|then|and |what about|how about)|呢[？?]?$|它|该项|这项|这个任务|上述|刚才", re.I)
YEAR = re.compile(r"(20\d\d)\s*年?")

# Words that frame a question but name no topic: removed before judging
# whether the documents cover what the question is about.
FRAME_WORDS = set(
    "牵头 牵头单位 单位 部门 机构 责任 责任单位 负责 主导 主管 配合 参与 协同 哪个 哪家 哪些 谁 由 是 "
    "目标 指标 多少 几家 几个 达到 数量 到 年 政策 支持 扶持 享受 可以 能 什么 任务 职责 工作 承担 "
    "分别 具体 主要 情况 内容 规定 要求 措施 方面 提到 文件 方案 规划 我们 公司 企业 咱们 本 中山 中山市 "
    "我市 全市 市 呢 那 那么 还有 其他 另外 一下 介绍 说说 讲讲 问 请问 知道 想 怎么 如何 为什么 "
    "which who what how is the of for and to in a an are does do by plan unit units lead leads responsible "
    "target goal".split()
)


@dataclass
class Query:
    text: str
    intent: str  # lead | responsibility | duties | target | eligibility | general
    english: bool
    units: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    topic_tokens: list[str] = field(default_factory=list)  # what it is about: fillers and frames removed
    tokens: list[str] = field(default_factory=list)  # every content token, frame words included
    follow_up: bool = False
    role: str | None = None  # duties restricted to '牵头' or '责任'


def clean_question(question: str) -> str:
    """Normalise width and strip control and zero-width characters."""
    text = unicodedata.normalize("NFKC", question)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\n\t")
    return re.sub(r"\s+", " ", text).strip()


def topic_tokens(text: str, units: list[str]) -> list[str]:
    for unit in units:
        text = text.replace(unit, " ").replace(unit.removeprefix("市"), " ")
    return [t for t in tokenize(text)
            if t not in FRAME_WORDS and t not in FILLERS and not t.isdigit() and len(t) > 1]


def analyse(question: str, known_units: list[str]) -> Query:
    text = clean_question(question)
    units = find_units_in(text, known_units)
    english = not has_chinese(text)
    # English questions are judged on the Chinese terms their words map to.
    searchable = lexical_query(text) if english else text
    topics = topic_tokens(searchable, units)
    query = Query(
        text=text,
        intent="general",
        english=english,
        units=units,
        years=[int(y) for y in YEAR.findall(text)],
        topic_tokens=topics,
        tokens=[t for t in tokenize(searchable) if t not in FILLERS],
    )
    query.intent = _intent(text, units, topics, query)
    query.follow_up = bool(FOLLOW_UP.search(text)) and len(topics) <= 1
    return query


def _intent(text: str, units: list[str], topics: list[str], query: Query) -> str:
    asks_lead = bool(LEAD.search(text))
    asks_resp = bool(RESPONSIBLE.search(text))
    if units and DUTY.search(text) and len(topics) <= 1:
        if re.search(r"牵头|lead", text, re.I) and not asks_resp:
            query.role = "牵头"
        elif re.search(r"参与|配合|责任单位|co-?responsible|support", text, re.I):
            query.role = "责任"
        return "duties"
    if asks_resp and not re.search(r"牵头|lead", text, re.I):
        return "responsibility"
    if asks_lead:
        return "lead"
    if TARGET.search(text) and not re.search(r"享受|扶持|补贴|优惠|qualify|eligible", text, re.I):
        return "target"
    if ELIGIBILITY.search(text):
        return "eligibility"
    return "general"
