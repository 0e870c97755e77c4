"""What a sentence rules on an act, read once at index time: `准予扣除` allows 扣除, `下列无形资产不得计算
摊销费用扣除：` denies 计算摊销费用扣除, `应当报送` requires 报送. Stored with each sentence
(`Sentence.rulings`), so a yes/no question (可以扣除吗？) is answered 可以 or 不可以 from the rule that
decides it, never by searching a quote's text again. The modal words live in `lexicon/modals.toml`;
the act is what follows the modal up to the clause's end, as written."""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal, get_args

from assistant import lexicon
from assistant.lexicon.english import verb_senses
from assistant.lexicon.tags import dictionary_tag, word_edges, words

Polarity = Literal["not_required", "denied", "required", "allowed"]  # the order of lexicon/modals.toml
POLARITIES: tuple[Polarity, ...] = get_args(Polarity)
# the rulings that answer a question asking whether an act is allowed, or whether it is required
ANSWERING: dict[Polarity, frozenset[Polarity]] = {"allowed": frozenset({"allowed", "denied"}),
                                                  "required": frozenset({"required", "not_required"})}
# the act runs to the sentence's or list's end (…，向税务机关报送…; 在A、B、C中选用一种), or to the next
# modal (不得收取费用，不得实施罚款: two acts), read as written
_ACT = r"(?P<act>(?:(?!{modals})[^。；：;:！？!?]){{1,40}})"


@dataclass(frozen=True)
class Ruling:
    polarity: Polarity
    act: str  # the act ruled on, as written after the modal (扣除, 计算摊销费用扣除, 适用本法)
    # the case the rule is for, when the clause before the modal names one (对划分不清的，不得实行加计扣除:
    # 对划分不清的); a rule for a case decides only a question about that case
    case: str = ""
    # what singles out the thing an exception denies, when a qualifier names it (从境外租入的检测仪器所发生的费用，
    # 不得…: 从境外租入的检测仪器所发生的); it decides only a question saying that of its thing
    qualifier: str = ""
    # the alternatives the case or qualifier lists, any one of which is the case (企业承包经营、承包建设和内部自建自用
    # 本条规定的: a contractor building such a project is one), as written; empty when it lists none
    options: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))  # (stored as a JSON list)

    def to_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def _modal() -> re.Pattern:
    """One pattern, a named group per polarity (longest form first within each), then the act."""
    groups = "|".join(f"(?P<{entry.name}>" + "|".join(sorted(entry.forms, key=len, reverse=True)) + ")"
                      for entry in lexicon.load("modals"))
    plain = "|".join(form for entry in lexicon.load("modals") for form in entry.forms)
    return re.compile(f"(?P<modal>{groups})" + _ACT.format(modals=plain))


def read_rulings(sentence: str) -> list[Ruling]:
    """The acts the sentence allows, denies or requires, in the order written."""
    edges = word_edges(sentence)
    out = []
    for m in _modal().finditer(sentence):
        if not (m["act"].strip() and m.start("modal") in edges and m.end("modal") in edges):
            continue
        clauses = _CLAUSE.split(m["act"])
        if clauses[0].strip().endswith("的"):
            continue  # a modal inside a case (不属于…中允许加计扣除研发费用范围的，): no rule of its own
        # the act ends where the case of a rule after it begins (自主选择，符合条件的，可以享受)
        kept = list(itertools.takewhile(lambda c: not c.strip().endswith("的"), clauses))
        act = "，".join(c.strip() for c in kept if c.strip())
        polarity = next(p for p in POLARITIES if m[p])
        before = sentence[:m.start("modal")]
        case = case_before(before)
        qualifier = qualifier_before(before) if polarity in _EXCEPTIONS and not case else ""
        out.append(Ruling(polarity, act.strip(" ，,"), case, qualifier, alternatives(case or qualifier)))
    return out


# the words joining the alternatives of a list (A、B和C; A或者B)
_OR_WORDS = frozenset({"、", "和", "或", "或者", "及", "以及", "与"})


def alternatives(case: str) -> tuple[str, ...]:
    """The alternatives a case lists (承包经营、承包建设和内部自建自用本条规定的 -> 承包经营 | 承包建设 |
    内部自建自用本条规定的), cut at the words joining them; () when it lists none. A list is written with
    the enumeration comma 、; a 或 or 和 alone joins two words within one thing (委托境外机构或个人进行研发
    活动所发生的: the costs, whoever is commissioned), no list of cases."""
    if "、" not in case:
        return ()
    parts, current = [], []
    for word in words(case):
        if word in _OR_WORDS:
            parts.append("".join(current))
            current = []
        else:
            current.append(word)
    parts.append("".join(current))
    parts = [p for p in parts if p]
    return tuple(parts) if len(parts) > 1 else ()


# A denial is most often an exception carved out of a grant (…委托境外机构…所发生的费用，不得加计扣除): the words that
# single out what it denies are its case. A grant's qualifier mostly describes what it grants (为开发新技术…发生的
# 研究开发费用，可以…加计扣除) and is no case.
_EXCEPTIONS: frozenset[Polarity] = frozenset({"denied", "not_required"})


def qualifier_before(before: str) -> str:
    """The qualifier of the thing a rule is about, when the clause before the modal names it with one (企业从事
    国家限制和禁止发展的项目，不得…: 企业从事国家限制和禁止发展的), up to the last 的 before its head noun."""
    clause = _clauses(before.rstrip(" ，,"))[-1]
    if _modal().search(clause):
        return ""  # another rule's clause (不得擅自发布…的言论，不得刊登…), not the name of a thing
    head = clause.rfind("的")
    return clause[:head + 1] if 2 < head < len(clause) - 1 else ""


def case_before(before: str) -> str:
    """The nearest clause of a sentence before a modal or a figure that states a case (…的，): 有关法律规定或者
    合同约定了使用年限的; …对外销售的，研发费用中对应的材料费用不得加计扣除 is for products sold. Else the party
    of a contract the last clause opens with (受托方不得再进行加计扣除: the party commissioned)."""
    clauses = _clauses(before)
    case = next((c for c in reversed(clauses) if c.endswith("的") and len(c) > 2), "")
    return case or (party.group(0) if (party := _PARTY.fullmatch(clauses[-1])) else "")


def _clauses(before: str) -> list[str]:
    """The clauses of the sentence a modal or a figure stands in, up to it, stripped."""
    return [c.strip() for c in _CLAUSE.split(_SENTENCE.split(before)[-1])]


_PARTY = re.compile(r"[\u4e00-\u9fff]{1,5}方")  # 受托方, 委托方, 承租方, 被投资方: a party named by its part in a contract


def is_party(case: str) -> bool:
    """Whether a rule's case is a party of a contract (受托方), not a circumstance."""
    return bool(_PARTY.fullmatch(case))


_SENTENCE = re.compile(r"[。；;！？!?]")
_CLAUSE = re.compile(r"[，,：:]")


# A rule's words pointing back to what its article or paragraph says (本条规定的项目, 前款规定的所得)
_REFERS_BACK = re.compile(r"(?:本条|本款|前款|前两款|上述)(?:规定|所列|所称)?的")


def refers_back(text: str) -> bool:
    """Whether a rule names what it rules on by pointing back to its own article (不得享受本条规定的
    企业所得税优惠): then the article's words are its words."""
    return bool(_REFERS_BACK.search(text))


# A clause whose subject is what the clause before it set out: the part beyond or below the bound it set
# (超过部分, 超过抵免限额的部分, 不足部分), what it named (其, 该, 上述), or its exception (但, 否则, 逾期)
_CONTINUES = re.compile(r"(?:超过|超出|不足|低于|高于|其余|剩余)[^，,。；;]{0,20}?部分|其|该|此|上述|前述|但|否则|逾期")


# A sentence whose subject is what the sentence before it set out: named by a demonstrative (此项费用总额不得
# 超过…, 上述资料) or an exception to it (但…除外)
_POINTS_BACK = re.compile(r"(?:此项|该项|此类|该类|上述|前述|但)(?![，,])")


def continues_sentence(text: str) -> bool:
    """Whether a sentence opens on what the sentence before it said (此项费用总额不得超过可加计扣除研发费用总额的
    10%): it limits or explains that sentence, and says nothing quoted alone."""
    return bool(_POINTS_BACK.match(text))


def continues_clause(text: str) -> bool:
    """Whether a clause ending a sentence the clause before began (…2.5%的部分，准予扣除；`超过部分，准予…结转
    扣除`) names its subject only through that clause: quoted alone, it says nothing."""
    return bool(_CONTINUES.match(text))


def case_and_rest(text: str) -> tuple[str, str]:
    """(the case a sentence opens with, the rest): 开具购车发票日期与交付日期不一致的 and 自交付之日起计算;
    ("", text) when its first clause states no case."""
    first, _, rest = text.partition("，") if "，" in text else text.partition(",")
    return (first, rest) if rest and first.endswith("的") and len(first) > 2 else ("", text)


def same_act(one: str, other: str) -> bool:
    """Whether two acts are the same act: they share a verb of two characters or more (扣除 in 计提折旧
    并在税前扣除 and 计算摊销费用扣除) or a term the dictionary lacks (加计扣除), or their verbs share a
    sense in CC-CEDICT (随时改 and 随意变更: change; 交 and 缴纳: pay)."""
    mine = [w for w in words(one) if _verb_like(w)]
    theirs = [w for w in words(other) if _verb_like(w)]
    if any(len(w) > 1 and w in mine for w in theirs):
        return True
    return any(verb_senses(a) & verb_senses(b) for a in mine for b in theirs)


# what an act acts on, or when or where (noun, time, place, number with measure, set phrase): 第三季度 and 申报 in
# 在第三季度预缴申报时就提前享受; a word jieba's dictionary lacks is a term (研发费用)
_TERM_TAGS = ("n", "t", "s", "m", "l")


def act_terms(act: str) -> list[str]:
    """The words of an act that say what it acts on or when, not how it acts (its verbs, adverbs)."""
    return [w for w in words(act) if len(w) > 1 and ((tag := dictionary_tag(w)) is None or tag.startswith(_TERM_TAGS))]


def _verb_like(word: str) -> bool:
    """A verb by jieba's tag, or a single character CC-CEDICT glosses as one (换 `to change`, which
    jieba tags as a noun of a proper name): spoken questions say the act in one character."""
    tag = dictionary_tag(word)
    return tag is None or tag.startswith("v") or len(word) == 1 and bool(verb_senses(word))
