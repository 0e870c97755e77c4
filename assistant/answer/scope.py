"""Which documents a question is about: by 《title》 or part of it, short
title, document number (国发〔2015〕32号), issuing body or place (广东省 /
广东, 深圳市 / 深圳). A question naming none is about the whole corpus.

The names are read from the documents themselves (titles and their opening
lines), so a new document is recognised without any list to maintain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant import lexicon
from assistant.eligibility.places import named_jurisdictions
from assistant.lexicon.tags import in_order, words as cut_words
from assistant.models import Section

_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "(": "〔", ")": "〕", "（": "〔",
                           "）": "〕", "【": "〔", "】": "〕"})
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10})\s*[〔\[［(（【]\s*((?:19|20)\d\d)\s*[〕\]］)）】]\s*(\d{1,4})\s*号")
_PLACE = re.compile(r"^(?:中华人民共和国)?([\u4e00-\u9fff]{2,7}?)(省|自治区|市|自治州|州|盟|县|区)"
                    r"(?=[\u4e00-\u9fff])")
_ISSUER = re.compile(r"^(.{2,40}?)(?:关于|印发)")
_QUOTED = re.compile(r"《([^《》]{2,80})》")
# English citations: `Guofa [2018] No. 42` (the 文号 prefix in pinyin), `Decree No. 706` (令第706号)
EN_NUMBER = re.compile(r"\b([A-Za-z]+(?: [A-Za-z]+)?)\s*[\[(〔［]\s*((?:19|20)\d\d)\s*[\])〕］]\s*No\.?\s*(\d{1,4})\b")
EN_DECREE = re.compile(r"\bDecree\s+No\.?\s*(\d{1,5})\b", re.I)
_DECREE = re.compile(r"令\s*第\s*(\d{1,5})\s*号")


# An announcement's number as the tax administration writes it (国家税务总局公告2015年第97号), asked as 2015年第97号
# or 97号公告 with its year: the year and the number name it, whatever the issuer is called.
ANNOUNCEMENT_NUMBER = re.compile(r"((?:19|20)\d\d)\s*年\s*第\s*(\d{1,4})\s*号")


def normalize_number(text: str) -> str:
    m = DOC_NUMBER.search(text.translate(_BRACKETS))
    if m:
        return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    m = ANNOUNCEMENT_NUMBER.search(text)
    return f"公告〔{m.group(1)}〕{m.group(2)}号" if m else ""


@dataclass
class DocumentNames:
    doc: str
    names: list[str] = field(default_factory=list)  # full title, core title, short title
    numbers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # 广东省 and 广东
    issuers: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # 方案, 条例, 意见: what the title says the document is
    decrees: list[str] = field(default_factory=list)  # 国务院令第706号 -> "706"
    title_words: set[str] = field(default_factory=set)  # the title's words of two characters or more


def core_titles(title: str) -> list[str]:
    """The shorter titles a document goes by: the title it announces
    (印发《X》的通知 -> X), the title after 关于, without 的意见/的通知, without
    中华人民共和国 or its leading place (广东省自主创新促进条例 -> 自主创新促进条例)."""
    out = []
    quoted = _QUOTED.search(title)
    core = quoted.group(1) if quoted else title
    out.append(core)
    after = re.split(r"关于(?:印发)?", core, maxsplit=1)
    if len(after) == 2:
        core = after[1]
        out.append(core)
    trimmed = re.sub(r"的(?:通知|意见|决定|批复|函)$", "", core)
    out.append(trimmed)
    for prefix in (re.match(r"^中华人民共和国", trimmed), _PLACE.match(trimmed)):
        if prefix and len(trimmed) - len(prefix.group(0)) >= 5:
            out.append(trimmed[len(prefix.group(0)):])
    return out


_KIND_END = re.compile(r"(?:条例|办法|规定|细则|措施|方案|意见|通知|公告|计划|决定|法)$")
SHORT_TITLE_CHARS = 6  # a shortened title shorter than this (支付条例) names a kind of document, not one


def short_titles(title: str) -> list[str]:
    """A title shortened the way people cite it, by leaving out its opening words (保障中小企业款项支付条例
    -> 款项支付条例, 促进科技成果转化法 -> 科技成果转化法): the title's word-bounded tails that still end in the
    kind of document and are long enough to name one."""
    words = cut_words(title)
    tails = ["".join(words[i:]) for i in range(1, len(words) - 1)]
    return [t for t in tails if len(t) >= SHORT_TITLE_CHARS and _KIND_END.search(t)]


def names_of(doc: str, opening: str) -> DocumentNames:
    """Names a user may call a document by, from its title and opening lines."""
    title = re.sub(r"[（(][^（）()]*\d{4}[^（）()]*[）)]$", "", doc)  # （2016-2020年）
    out = DocumentNames(doc, names=[doc, title, *core_titles(title)])
    if m := _PLACE.match(title):
        out.places += [m.group(1) + m.group(2), m.group(1)]
    else:  # a city named by its bare name (中山国家自主创新示范区…): a name the dictionary knows as a place
        out.places += [w for w in named_jurisdictions(title, []) if title.startswith(w)]
    out.kinds = [k for k in KINDS if k in title]
    out.title_words = {w for w in cut_words(title) if len(w) >= 2 and not _KIND_END.search(w)}  # (not 管理条例)
    issuer = _ISSUER.match(title)
    if issuer:
        out.issuers.append(issuer.group(1))
    for m in DOC_NUMBER.finditer((doc + "\n" + opening).translate(_BRACKETS)):
        out.numbers.append(f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号")
    out.numbers += [f"公告〔{y}〕{n}号" for y, n in ANNOUNCEMENT_NUMBER.findall(re.sub(r"\s", "", opening[:300]))
                    if "公告" in opening[:300]]
    out.decrees = list(dict.fromkeys(_DECREE.findall(opening[:200])))
    out.names += short_titles(out.names[-1])
    out.names = list(dict.fromkeys(n for n in out.names if len(n) >= 4))
    out.places = list(dict.fromkeys(p for p in out.places if len(p) >= 2))
    out.numbers = list(dict.fromkeys(out.numbers))
    return out


def spelled_out(text: str) -> str:
    """The text with its standard short forms written in full (个税 -> 个人所得税, lexicon/synonyms.toml):
    a short form whose characters stand in order in its full form."""
    for short, forms in lexicon.table("synonyms").items():
        full = next((f for f in forms if len(f) > len(short) and in_order(short, f)), None)
        if full and short in text:  # (not inside the full form already written: 科技进步法 beside 科学技术进步工作)
            text = full.join(piece.replace(short, full) for piece in text.split(full))
    return text


# A question about what the local government does, in everyday words. The 市 must be the city,
# not the end of a word holding it (在同一个城市上班 is no 市上; 超市里, 集市上 neither).
LOCAL = re.compile(r"(?<![城都超门集夜股上])(?:市里|市上|市政府)|我市|本市|咱们市|当地|本地")

# What users call a document by its kind (方案里提到…, 条例规定…). Only kinds no everyday phrase
# uses: 办法 is also "a way" (有啥办法没), 规划 also "to plan", 通知 also "to notify".
KINDS = ("方案", "条例", "意见")
_AS_DOCUMENT = r"(?:这个|这份|这部|本|该|此){kind}|{kind}(?:里|中|内|提|对|给|规定|要求|说|写|安排|希望|明确|指出)"  # not 制定实施方案


def _names_kind(question: str, kind: str) -> bool:
    return re.search(_AS_DOCUMENT.format(kind=kind), question) is not None


class Catalog:
    """Every document's names, and the documents a question names."""

    def __init__(self, sections: list[Section]):
        opening: dict[str, str] = {}
        for s in sections:
            if s.doc not in opening or len(opening[s.doc]) < 400:
                opening[s.doc] = opening.get(s.doc, "") + s.text[:400]
        self.documents = [names_of(doc, text) for doc, text in opening.items()]
        # What the documents cite (国科发火〔2016〕32号, 《企业所得税法》): named in a question,
        # it is something the documents speak of, though not one of them.
        self.cited = "\n".join(s.text for s in sections).translate(_BRACKETS)

    def in_a_title(self, term: str) -> bool:
        """Whether a document's title or other name writes the term (“无废城市” of a 无废城市 plan)."""
        return any(term in name for d in self.documents for name in d.names)

    def local_documents(self, question: str) -> list[str]:
        """For a question asking what "the city" does (市里, 我市, 本地) and naming no
        document: the documents of a place, when the corpus also holds national ones
        (a law on 高新技术企业 is not what 市里 gives them)."""
        if not LOCAL.search(question):
            return []
        local = [d.doc for d in self.documents if d.places]
        return local if 0 < len(local) < len(self.documents) else []

    def placed_named(self, question: str) -> list[str]:
        """The documents whose place the question names (北岭市 of 北岭市…条例)."""
        return [d.doc for d in self.documents if any(name in question for name in d.places)]

    def places_of(self, docs: set[str]) -> list[str]:
        """The places these documents are of by their titles (山东省 and 山东)."""
        return list(dict.fromkeys(p for d in self.documents if d.doc in docs for p in d.places))

    def none_placed(self, docs: set[str]) -> bool:
        """Whether none of these documents is tied to a place (national laws and rules)."""
        return not any(d.places for d in self.documents if d.doc in docs)

    def all_placed(self, docs: set[str]) -> bool:
        """Whether every one of these documents is tied to a place by its title
        (广州市…办法); not when one of them has none (a State Council opinion)."""
        places = [d.places for d in self.documents if d.doc in docs]
        return bool(places) and all(places)

    def unknown_reference(self, question: str) -> str:
        """A document the question names by number or 《title》 that is not in
        the corpus and that no document even cites: the answer cannot be in it."""
        text = question.translate(_BRACKETS)
        for m in DOC_NUMBER.finditer(text):
            number = f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
            if not any(number in d.numbers for d in self.documents) and \
                    f"〔{m.group(2)}〕{m.group(3)}号" not in self.cited:
                return number
        for quoted in _QUOTED.findall(question):
            if not any(_same_title(quoted, n) for d in self.documents for n in d.names) and quoted not in self.cited:
                return f"《{quoted}》"
        return ""

    def named_in(self, question: str) -> tuple[list[str], str]:
        """(documents the question names, the question without a quoted
        title or document number, which name no topic)."""
        if len(self.documents) < 2:
            return [], question
        text = question.translate(_BRACKETS) if DOC_NUMBER.search(question.translate(_BRACKETS)) else question
        number = normalize_number(text)
        if number:
            hits = [d.doc for d in self.documents if number in d.numbers]
            if hits:
                return hits, ANNOUNCEMENT_NUMBER.sub(" ", DOC_NUMBER.sub(" ", text))
        english = self._by_english_citation(question)
        if english:
            return english
        for quoted in _QUOTED.findall(question):
            hits = [d.doc for d in self.documents if any(_same_title(quoted, n) for n in d.names)]
            # 《上海市促进科技成果转化条例》 also contains 河南's title without its place: the
            # documents whose own name holds the whole quoted title come first
            whole = [d.doc for d in self.documents if d.doc in hits and any(quoted in n for n in d.names)]
            hits = whole or hits
            if hits:
                return hits, question.replace(f"《{quoted}》", " ")
        spelled = spelled_out(question)  # 个税专项附加扣除暂行办法 names 个人所得税专项附加扣除暂行办法
        written = [n for d in self.documents for n in d.names if len(n) >= 6 and (n in question or n in spelled)]
        if written:
            # the documents with the longest name written (北京市促进科技成果转化条例: not 浙江's, which shares the
            # title without its place); the title says where to look, not what about (…中规定罚款标准的是哪一条)
            longest = max(written, key=len)
            return [d.doc for d in self.documents if longest in d.names], question.replace(longest, " ")
        return self._by_place_or_issuer(question), question

    def _by_english_citation(self, question: str) -> tuple[list[str], str] | None:
        """`Guofa [2018] No. 42` -> 国发〔2018〕42号 (the prefix read as pinyin);
        `State Council Decree No. 706` -> 令第706号."""
        for m in EN_NUMBER.finditer(question):
            year_number = f"〔{m.group(2)}〕{m.group(3)}号"
            same = [(d, n) for d in self.documents for n in d.numbers if n.endswith(year_number)]
            spelled = re.sub(r"[^a-z]", "", m.group(1).lower())
            hits = [d.doc for d, n in same if any(spelled.endswith(f) for f in pinyin_forms(n[: -len(year_number)]))] or \
                ([d.doc for d, _ in same] if len({d.doc for d, _ in same}) == 1 else [])
            if hits:
                return sorted(set(hits)), question.replace(m.group(0), " ")
        for m in EN_DECREE.finditer(question):
            hits = [d.doc for d in self.documents if m.group(1) in d.decrees]
            if hits:
                return hits, question.replace(m.group(0), " ")
        return None

    def _by_place_or_issuer(self, question: str) -> list[str]:
        """Documents of the place, issuer or kind (方案) the question names."""
        every = {d.doc for d in self.documents}
        chosen = every
        for key in ("places", "issuers", "kinds"):
            found = {d.doc for d in self.documents
                     if any(_mentions(question, name) if key == "issuers" else
                            _names_kind(question, name) if key == "kinds" else name in question
                            for name in getattr(d, key))}
            if found and found != every:
                chosen = chosen & found or found
        if len(chosen) > 1 and any(_names_kind(question, k) for k in KINDS):
            # (条例给惠明茶产业哪些支持: of the 条例, the one whose title has a word the question says)
            of_kind = [d for d in self.documents if d.doc in chosen]
            shared = set.intersection(*(d.title_words for d in of_kind))  # (条例 itself, a place all share)
            asked = set(cut_words(question)) - shared
            said = {d.doc: len(d.title_words & asked) for d in of_kind}
            most = max(said.values())
            chosen = {doc for doc, n in said.items() if n == most} if most else chosen
        return sorted(chosen) if chosen != every else []

    def beyond_place(self, question: str) -> list[str]:
        """For a question a place scoped: every document but those of other
        places. A document's title need not say its place (广州's 《关于推进人才
        集聚工程的实施意见》), so when the place's own documents do not cover the
        question, these are the ones it may still be about."""
        places = set(self.placed_named(question))
        if not places:
            return []
        return sorted(d.doc for d in self.documents if d.doc in places or not d.places)


# A body named after the issuer (国务院专利行政部门) is not the issuer itself.
_LONGER_BODY = re.compile(r"^(?:(?!的)[\u4e00-\u9fff]){0,6}?(?:部门|机关)")


# A body the question's own sentence acts toward (向国务院报告, 报国务院批准, 经国务院同意) is a party in the
# text asked about, not the issuer of the document asked from.
_ACTED_TOWARD = re.compile(r"(?:向|报|经|由|请|给)$")


def _mentions(question: str, name: str) -> bool:
    """The issuer named as such, not as the start of a longer body's name nor as a body the
    question's act is directed at."""
    at = question.find(name)
    while at >= 0:
        if not _LONGER_BODY.match(question[at + len(name):]) and not _ACTED_TOWARD.search(question[:at]):
            return True
        at = question.find(name, at + 1)
    return False


def _same_title(quoted: str, name: str) -> bool:
    """A quoted title names a document when one contains the other, or when
    they share nearly all their characters (a slightly misremembered title)."""
    if quoted in name or name in quoted:
        return True
    a, b = set(quoted), set(name)
    return len(a & b) / max(len(a | b), 1) >= 0.8 and min(len(quoted), len(name)) >= 6


def pinyin_forms(word: str, limit: int = 16) -> set[str]:
    """Toneless pinyin spellings of a word (国办发 -> guobanfa), every reading of
    each character from CC-CEDICT."""
    from assistant.lexicon.english import dictionary

    forms = {""}
    for ch in word:
        entry = dictionary().lookup(ch)
        readings = {re.sub(r"[^a-z]", "", d.pinyin.lower()) for d in entry.definition_entries} if entry else {ch}
        forms = {f + r for f in forms for r in readings if r}
        if len(forms) > limit:
            forms = set(sorted(forms)[:limit])
    return forms
