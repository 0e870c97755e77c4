"""Provinces named by their one-character short names (简称) in a list, read out once at index time: 在中国境内
（不包括港、澳、台地区）注册的 names 香港, 澳门 and 台湾, which a question writes in full. Their full names join the
chunk's search words (a question on a company registered in 香港 finds the article) and the items of an excluded
clause (ingest/exclusions.py)."""

from __future__ import annotations

import re

from assistant import lexicon

SHORT_NAMES = {form: e.name for e in lexicon.load("region_short_names") for form in e.forms}
_ONE = "[" + "".join(SHORT_NAMES) + "]"
_LISTED = re.compile(rf"{_ONE}(?:、{_ONE})+")  # two or more joined by 、 (港、澳、台)
_NAMES = frozenset(SHORT_NAMES.values())


def listed_names(text: str) -> list[str]:
    """The full names of the provinces a text lists by short name, in order, once each. Each item is a whole
    item: the first is no full name's last character (辽宁、新疆: 宁 is 辽宁's), the last no full name's first (新疆)."""
    found = []
    for m in _LISTED.finditer(text):
        before, after = text[max(m.start() - 1, 0):m.start()], text[m.end():m.end() + 1]
        if before and any(name.endswith(before + m[0][0]) for name in _NAMES):
            continue
        if after and any(name.startswith(m[0][-1] + after) for name in _NAMES):
            continue
        found += [SHORT_NAMES[c] for c in m[0].split("、")]
    return list(dict.fromkeys(found))
