"""What a sentence carves out of its rule, read once at index time: the things written after 不包括 / 不包含 /
不含 (在中国境内（不包括港、澳、台地区）注册的; 新建的商品住房（不含商业门面、车位、安置房和二手房）; 股息…，不包括连续持有…
股票不足12个月取得的投资收益). Stored with each sentence (`Sentence.exclusions`): a yes/no answer reads there
whether the case asked is one the rule leaves out, and whether a figure the asker's case is measured against is
the exclusion's own (8个月 against 不足12个月: the case is excluded, not a condition met)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.short_names import SHORT_NAMES

# (not 不含税 / 不含本数 alone: the list runs to the clause's end, and an empty one is no exclusion)
_OPENS = re.compile(r"不包括|不包含|不含")
_CLAUSE_END = re.compile(r"[）)，,。；;：:]")
# the last two items of a list are joined by a conjunction (安置房和二手房, 港、澳及台)
_LAST_JOIN = re.compile(r"以及|及|和|与|或者|或")
# what closes an item without naming it (台地区: 台; 车库等: 车库)
_TRAILING = ("地区", "在内", "等")


@dataclass(frozen=True)
class Exclusion:
    """One excluded clause of a sentence: where it stands (the quantity grammar's offsets are the sentence's too)
    and the things it names, each as a reader would search for it (港 -> 香港)."""

    start: int
    end: int
    items: tuple[str, ...]

    def holds(self, start: int, end: int) -> bool:
        """Whether a span of the sentence (a figure's) lies inside the excluded clause."""
        return self.start <= start and end <= self.end


def read_exclusions(sentence: str) -> list[Exclusion]:
    """The sentence's excluded clauses, in order; none when it excludes nothing."""
    out = []
    for m in _OPENS.finditer(sentence):
        close = _CLAUSE_END.search(sentence, m.end())
        end = close.start() if close else len(sentence)
        items = _items(sentence[m.end():end])
        if items:
            out.append(Exclusion(m.end(), end, items))
    return out


def _items(listed: str) -> tuple[str, ...]:
    """The things a clause lists: split at 、 and at the conjunction joining the last two (only in a list: 和 inside
    one description stays), their closing words dropped, a province's short name read out."""
    parts = listed.split("、")
    if len(parts) > 1:
        parts[-1:] = _LAST_JOIN.split(parts[-1], maxsplit=1)
    items = []
    for part in parts:
        part = part.strip()
        for tail in _TRAILING:
            if part.endswith(tail) and len(part) > len(tail):
                part = part[: -len(tail)]
        if part:
            items.append(SHORT_NAMES.get(part, part) if len(part) == 1 else part)
    # (one character that names no province says nothing a question can be matched on)
    return tuple(i for i in items if len(i) > 1)
