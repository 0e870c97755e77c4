"""Place names found in the documents themselves (翠亨新区, 小榄镇, 火炬开发区).

No city's names are listed anywhere: a place is a noun written right
before a place suffix (lexicon/place_suffixes.toml), and not a generic word
that forms a category with it (专业镇, 示范区: lexicon/place_stop.toml).
Part-of-speech tags from jieba tell a name (翠亨, 小榄) from a verb before
the suffix (支持翠亨新区 is 翠亨新区).
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba.posseg as pseg

from assistant.eligibility.terms import MASK, find_place_kinds, word_starts
from assistant.lexicon.english import is_jurisdiction
from assistant.lexicon.places import STOP, SUFFIXES, is_name, place_suffix

_PROPER = ("ns", "nr", "nz", "nrt", "nt")  # jieba tags of proper names
_FUNCTION = "和与及在对把将由以从向为"


@lru_cache(maxsize=1024)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and part-of-speech tags of a text, read once for both place readers."""
    return tuple((w.word, w.flag) for w in pseg.lcut(text))


def _name_before(tokens: list[tuple[str, str]], i: int, suffix: str) -> str:
    """The name written before a bare suffix word (`翠亨 | 新区`, `滨江 | 科技 | 城`)."""
    before, flag = tokens[i - 1]
    # Multi-character suffixes (新区, 开发区) follow any noun (火炬开发区); a one-character
    # one (区, 镇) only a proper name, or for a town a noun (小榄镇), else 自创区 would be a place.
    allowed = _PROPER + ("n",) if len(suffix) > 1 else _PROPER + ("n", "f") if suffix == "镇" else _PROPER
    name = before if flag in allowed else ""
    return name[1:] if len(name) > 2 and name[0] in _FUNCTION else name


# `甲、乙、丙等西北部镇区`, `A、B、C等区`: places listed by bare name, the list closed by the kind
# of place they are (any place suffix; 镇区 names towns).
_KINDS = "|".join(["镇区", *SUFFIXES])
_LISTED = re.compile(rf"((?:[\u4e00-\u9fa5]{{2,3}}、){{2,}}[\u4e00-\u9fa5]{{2,3}})等[\u4e00-\u9fa5]{{0,6}}?({_KINDS})")


def listed_places(text: str) -> list[str]:
    """Places named in a list by bare name, with the list's kind added (阜沙 -> 阜沙镇)."""
    out = []
    for match in _LISTED.finditer(text):
        suffix = "镇" if match.group(2) == "镇区" else match.group(2)
        for name in match.group(1).split("、"):
            name = name[1:] if len(name) > 2 and name[0] in _FUNCTION else name
            if is_name(name) and name + suffix not in out:
                out.append(name + suffix)
    return out


def discover_places(text: str) -> list[str]:
    """Place names written in a text, in order of first appearance."""
    found: list[str] = []
    tokens = list(tagged(text))
    for i, (word, flag) in enumerate(tokens):
        if i > 0 and tokens[i - 1][0] + word in SUFFIXES:  # `科技 | 城`
            word, i = tokens[i - 1][0] + word, i - 1
        suffix = place_suffix(word)
        if suffix is None:
            continue
        name = word[: -len(suffix)]
        if not name:
            name = _name_before(tokens, i, suffix) if i > 0 else ""
        elif flag not in _PROPER:  # one word: 石岐区 is a name, 保税区 a kind of zone
            name = ""
        if name and is_name(name) and (name + suffix) not in found:
            found.append(name + suffix)
    return found + [t for t in listed_places(text) if t not in found]


# 中山市 is 中山 in a title (中山国家自主创新示范区…): a city or province is found by its bare name
_ADMIN_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:省|市|自治区|自治州|县|区)$")


def bare_name(place: str) -> str:
    """A place without its suffix (小榄镇 -> 小榄, 中山市 -> 中山)."""
    suffix = place_suffix(place)
    return place[: -len(suffix)] if suffix else _ADMIN_SUFFIX.sub("", place)


def named_jurisdictions(text: str, found: list[str]) -> list[str]:
    """Cities and provinces a text names as a bare word, beyond the places already
    `found`: words jieba tags as places that the dictionary knows only as a city or
    province's name (上海, 深圳)."""
    return [word for word, flag in tagged(text) if flag == "ns" and len(word) >= 2
            and not any(word in f for f in found) and is_jurisdiction(word)]


class PlaceFinder:
    """Finds the corpus's place names (and kinds of place) in a sentence; a
    town is also found by its bare name (`阜沙安排500亩…` is about 阜沙镇)."""

    def __init__(self, names: list[str]):
        names = list(dict.fromkeys(names))
        self.surfaces = {n: n for n in names}
        self.surfaces |= {n[:-1]: n for n in names if n.endswith("镇") and len(n) >= 3 and n[:-1] not in STOP}
        self.order = sorted(self.surfaces, key=len, reverse=True)

    @classmethod
    def from_texts(cls, texts: list[str]) -> "PlaceFinder":
        names: list[str] = []
        for text in texts:
            names += discover_places(text)
        return cls(names)

    def __call__(self, text: str) -> list[str]:
        kinds, masked = find_place_kinds(text)
        found: list[tuple[int, str]] = []
        for surface in self.order:
            position = masked.find(surface)
            if position < 0:
                continue
            if surface not in self.surfaces.values() and position not in word_starts(masked):
                continue  # a bare town name counts only as a word of its own
            masked = masked.replace(surface, MASK * len(surface))
            found.append((position, self.surfaces[surface]))
        return list(dict.fromkeys(name for _, name in sorted(found))) + kinds
