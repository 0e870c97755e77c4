"""Definitions a sentence states, read once at index time: `企业所得税法第十条第(六)项所称赞助支出，是指…`
defines 赞助支出 for the article it names (企业所得税法 第十条); `本办法所称的高新技术企业是指…` defines a
term for its own document. Laws and their implementing rules are written this way throughout: the law
states the rule (…不得扣除：（六）赞助支出), its 实施条例 says what the rule's terms mean. The article a
definition names links the two (`Definition.article`), so an answer can quote the rule with the meaning,
or the meaning with the rule."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from assistant.ingest import labels

# the law or rule named before the article (企业所得税法, 本条例), the article and its 款/项, then 所称
_REFERS = re.compile(
    rf"(?P<law>[\u4e00-\u9fff]{{1,24}}?(?:法|条例|办法|规定|细则))?{labels.SP}"
    rf"(?P<article>{labels.ARTICLE})?"
    rf"(?:{labels.SP}第{labels.SP}[（(]?{labels.SP}{labels.NUMBER}{labels.SP}[)）]?{labels.SP}[款项目])*"
    r"(?:中)?所称的?$")
# the term: after 所称 (or the clause start), up to 是指 / ，指
_DEFINES = re.compile(r"(?:所称的?|^|[，。；：,;:])(?P<term>(?:(?!所称)[^，。；：,;:]){1,40}?)[，,]?是?指(?!导|出|定|标)")


@dataclass(frozen=True)
class Definition:
    term: str  # what is defined, as written (赞助支出)
    law: str = ""  # the law or rule the article belongs to as written (企业所得税法, 本条例: its own)
    article: str = ""  # the article whose term it is (第十条), "" when none is named

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def members(self) -> list[str]:
        """The terms it defines together (个人独资企业、合伙企业), each as written."""
        return [m for m in re.split(r"[、和及与]|或者", self.term) if m] or [self.term]


def read_definition(sentence: str) -> Definition | None:
    """The definition a sentence states (`…所称X，是指…`, `X是指…`), or None."""
    found = _DEFINES.search(sentence)
    if found is None:
        return None
    term = found.group("term").strip()
    refers = _REFERS.search(sentence[:found.start("term")]) if sentence[found.start("term") - 2:found.start(
        "term")].endswith(("所称", "称的")) else None
    if refers is None:
        return Definition(term)
    return Definition(term, refers.group("law") or "", labels.written(refers.group("article") or ""))


# what a definition lists as included (…，包括经济林、薪炭林、产畜和役畜等。), up to the sentence's end
_INCLUDES = re.compile(r"包括(?P<listed>[^。；;：:（(]{2,80}?)(?:等)?[。；;]?$")


def listed_members(sentence: str) -> tuple[str, ...]:
    """The things a defining sentence says its term includes (生产性生物资产…包括经济林、薪炭林、产畜和役畜等:
    经济林, 薪炭林, 产畜, 役畜), each as written; () when it lists none."""
    found = _INCLUDES.search(sentence)
    if found is None or read_definition(sentence) is None:
        return ()
    listed = (m.split("等")[0].strip() for m in re.split(r"[、，,]|和|及|与|或者|以及", found.group("listed")))
    return tuple(m for m in listed if 1 < len(m) <= 8)
