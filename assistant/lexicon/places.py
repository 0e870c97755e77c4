"""What a place's name looks like (翠亨 + 新区, 小榄 + 镇): a short Chinese word before a place
suffix (place_suffixes.toml) that is no generic word forming a category with it (专业镇, 示范区:
place_stop.toml). The documents' place reader (eligibility.places) and English place names
(lexicon.english) judge names here, the one place they are judged."""

from __future__ import annotations

import re

from assistant import lexicon

SUFFIXES = sorted(lexicon.words("place_suffixes"), key=len, reverse=True)
STOP = set(lexicon.words("place_stop"))
_HAN = re.compile(r"^[\u4e00-\u9fa5]+$")


def place_suffix(word: str) -> str | None:
    """The place suffix a name ends with (小榄镇 -> 镇, 翠亨新区 -> 新区)."""
    return next((s for s in SUFFIXES if word.endswith(s)), None)


def is_name(name: str) -> bool:
    """Whether a word can be a place's name before a suffix (小榄 of 小榄镇; not 重点 of 重点镇, 各 of 各镇)."""
    return 2 <= len(name) <= 5 and bool(_HAN.match(name)) and name not in STOP and name[0] not in STOP \
        and not any(name.endswith(s) for s in SUFFIXES)
