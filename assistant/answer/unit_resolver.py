"""The one unit resolver: what a user typed (or a question names) -> the unit
as the documents name it, or a plain reason why there is none.

Used by 职责查询, chat's unit look-ups, REST and the CLI through
`Assistant.resolve_unit`. In order:

- the name as the documents write it (`市财政局`), or an alias (`市发改局`);
- the short name without `市` (`财政局`, `商务局`);
- the full official name with the city (`中山市财政局` -> `市财政局`);
- an English name (`Finance Bureau` -> `市财政局`, lexicon/english.py);
- a typo within one character (`市财正局`) -> "did you mean" suggestions;
- a part of a name (`商务`) -> suggestions;
- otherwise the unit is not named in the documents (`市数据局`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.ingest.units import canonical
from assistant.lexicon.english import english_units

# The head nouns of a government body's name: what makes a typed text "a unit".
_UNIT_HEADS = ("局", "委", "办", "厅", "部", "院", "会", "中心", "署", "室", "所", "处", "站", "队", "委员会")
_LATIN = re.compile(r"[A-Za-z]{3,}")
# A city (or province + city) written before 市's units: 中山市财政局, 广东省中山市科技局.
_CITY = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}省)?[\u4e00-\u9fff]{2,4}?(?=市(?!场)[\u4e00-\u9fff]{2,})")


@dataclass(frozen=True)
class UnitMatch:
    """The result of resolving one name. `unit` is set when found;
    `suggestions` when it was not but something close was (did you mean)."""

    query: str  # what was typed, stripped
    unit: str | None = None  # the unit as the documents name it
    how: str = "unknown"  # exact | alias | short | official | english | typo | partial | unknown | empty
    suggestions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def found(self) -> bool:
        return self.unit is not None

    @property
    def shown(self) -> str:
        """The name to say back to the user (`中山市数据局` -> `市数据局`)."""
        return _without_city(self.query) or self.query

    def message(self, english: bool = False) -> str:
        """What to tell the user when no unit was found ('' when one was)."""
        if self.found:
            return ""
        text = MESSAGES["en" if english else "zh"]
        if self.how == "empty":
            return text["empty"]
        if self.suggestions:
            return text["suggest"].format(name=self.shown, options=text["sep"].join(self.suggestions))
        return text["missing"].format(name=self.shown)

    def to_dict(self) -> dict:
        return {"query": self.query, "unit": self.unit, "how": self.how, "suggestions": list(self.suggestions),
                "message": self.message()}


MESSAGES = {
    "zh": {"empty": "请先选择或输入一个单位", "sep": "、",
           "suggest": "文件中没有找到单位“{name}”。您是否要找：{options}？",
           "missing": "文件中没有提到{name}。"},
    "en": {"empty": "Choose or type a unit first", "sep": ", ",
           "suggest": "No unit “{name}” in the documents. Did you mean: {options}?",
           "missing": "The documents do not mention {name}."},
}


def _without_city(text: str) -> str:
    city = _CITY.match(text)
    return text[city.end():] if city else text


def _short(unit: str) -> str:
    """`市财政局` -> `财政局`, `市委组织部` -> `组织部`; other names unchanged."""
    if unit.startswith("市委") and len(unit) > 3:
        return unit[2:]
    if unit.startswith("市") and not unit.startswith("市场") and len(unit) > 2:
        return unit[1:]
    return unit


def _one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def _lookup(text: str, known: set[str]) -> tuple[str, str] | None:
    """(unit, how) for a name written as documents or users write it."""
    if text in known:
        return text, "exact"
    name = canonical(text)
    if name in known:
        return name, "alias"
    for prefixed in (f"市{text}", f"市委{text}"):
        if canonical(prefixed) in known:
            return canonical(prefixed), "short"
    return None


def resolve(text: str | None, known_units: list[str]) -> UnitMatch:
    """Resolve a typed unit name against the index's known units."""
    query = (text or "").strip()
    if not query:
        return UnitMatch(query, how="empty")
    known = set(known_units)
    found = _lookup(query, known)
    if found:
        return UnitMatch(query, *found)
    local = _without_city(query)
    if local != query:
        found = _lookup(local, known)
        if found:
            return UnitMatch(query, found[0], "official")
    if _LATIN.search(query):
        english = english_units(query, sorted(known))
        if len(english) == 1:
            return UnitMatch(query, english[0], "english")
        if english:
            return UnitMatch(query, how="partial", suggestions=tuple(english[:5]))
    typed = {local, _short(local)}
    typos = [u for u in sorted(known) if any(_one_edit(t, form) for t in typed for form in {u, _short(u)}
                                             if len(t) >= 2 and len(form) >= 2)]
    if typos:
        return UnitMatch(query, how="typo", suggestions=tuple(typos[:5]))
    core = _short(local)
    if len(core) >= 2 and not core.endswith(_UNIT_HEADS):  # a part of a name: 商务 -> 市商务局
        partial = [u for u in sorted(known) if core in u]
        if partial:
            return UnitMatch(query, how="partial", suggestions=tuple(partial[:5]))
    return UnitMatch(query)


def looks_like_unit(text: str) -> bool:
    """A name with a body's head noun (局, 委, 办…): said to be missing when unknown."""
    return text.endswith(_UNIT_HEADS)


# A unit named in a duties question: 市数据局负责哪些任务？ / What is the X Bureau responsible for?
_DUTIES_Q = re.compile(r"^(?P<unit>(?:[\u4e00-\u9fff]{2,4}市)?市?[\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室|办))"
                       r"(?:的)?(?:主要)?(?:负责|承担|牵头|参与)(?:哪些|什么|了哪些)?(?:任务|工作|职责|事项)?")


def duties_subject(question: str) -> str:
    """The unit name a `X负责哪些任务` question starts with ('' when none)."""
    match = _DUTIES_Q.match(question.strip())
    if not match or _NOT_A_NAME.search(match.group("unit")):  # 孵化器由哪个局负责？ asks, names no unit
        return ""
    return match.group("unit")


# (a wh-word or a pointer asks or refers, names no unit; 的 joins a possessor to its body, 协调小组的办公室: no
# name as a unit list writes one, the question is answered from the text)
_NOT_A_NAME = re.compile(r"[哪谁何么由是该这那此的]")
