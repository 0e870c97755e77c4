"""How well the retrieved text supports a question: the evidence the
answerer uses to choose sentences, and to refuse when nothing fits.

Token weights are inverse document frequencies over the indexed chunks; a
question word the corpus never uses weighs most, so a question about a
topic the documents do not cover (最低工资) finds little support.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from collections import Counter
from typing import Callable

from assistant import lexicon
from assistant.lexicon import english
from assistant.index.lexical import may_abbreviate
from assistant.lexicon.tags import word_spans

# Everyday words and the words policy documents use for the same thing
# (lexicon/synonyms.toml): a question token counts as found when it or one of these occurs.
SYNONYMS = lexicon.table("synonyms")
# Characters an abbreviation may skip between its two characters (规模以上 -> 规上: 2).
ABBREVIATION_GAP = 4


_HAN_PAIR = re.compile(r"^[\u4e00-\u9fff]{2}$")


@lru_cache(maxsize=4096)
def _abbreviation_pattern(token: str) -> re.Pattern:
    """A short form's characters in order in the full form, its first two a word apart at most
    (高企: 高…企 in 高新技术企业; 自创区: 自…创…区 in 自主创新示范区)."""
    rest = "".join(f"[\u4e00-\u9fff]*?{re.escape(ch)}" for ch in token[2:])
    return re.compile(f"{re.escape(token[0])}[\u4e00-\u9fff]{{1,{ABBREVIATION_GAP}}}{re.escape(token[1])}{rest}")


def abbreviates(short: str, full: str) -> bool:
    """Whether `short` (two or more Han characters, not written in `full` as is) is a short form
    of part of `full`."""
    return len(short) >= 2 and short not in full and bool(_abbreviation_pattern(short).search(full))


def _abbreviates(token: str, text: str) -> bool:
    return bool(_HAN_PAIR.match(token)) and abbreviates(token, text)


def _abbreviates_a_word(token: str, text: str) -> bool:
    """A word the dictionary knows as a word of its own (高校, 科研) is short for one word of the text
    (高等院校, 科学研究), not for characters of two (场地 is not written in 场所所在地: 场所|所在地);
    a word it does not know or knows as an abbreviation may span words (高企, 规上 in 规模以上)."""
    if may_abbreviate(token):
        return abbreviates(token, text)
    if not abbreviates(token, text):
        return False
    return any(_in_one_word(text, m.start(), m.end()) for m in _abbreviation_pattern(token).finditer(text))


def _in_one_word(text: str, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in word_spans(text))


class Evidence:
    def __init__(self, token_lists: list[list[str]]):
        df = Counter(t for tokens in token_lists for t in set(tokens))
        self.n = max(len(token_lists), 1)
        self.idf = {t: math.log((self.n + 1) / (c + 0.5)) for t, c in df.items()}
        self.unknown_idf = math.log((self.n + 1) / 0.5)
        self._same_sense: dict[str, tuple[str, ...]] = {}
        self.kinds: dict[str, str] = {}  # what a definition includes -> its term (经济林 -> 生产性生物资产)

    def same_sense(self, token: str) -> tuple[str, ...]:
        """The documents' words with a sense of a word they never write (lexicon.english.same_sense), once."""
        if token not in self._same_sense:
            self._same_sense[token] = english.same_sense(token, self.idf) if len(token) > 1 else ()
        return self._same_sense[token]

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.unknown_idf)

    def coverage(self, tokens: list[str], text: str, found: Callable[[str, str], bool] | None = None) -> float:
        """IDF-weighted share of the tokens that occur in the text (0..1); `found` says what counts as
        occurring (`mentions` to judge what a text is about), `occurs` unless given."""
        tokens = list(dict.fromkeys(tokens))
        total = sum(self.weight(t) for t in tokens)
        if total == 0:
            return 0.0
        text = text.lower()
        found = found or self.occurs
        return sum(self.weight(t) for t in tokens if found(t, text)) / total

    def coverage_of_any(self, groups: list[list[str]], text: str, found: Callable[[str, str], bool] | None = None) -> float:
        """Coverage when each group holds alternatives (an English phrase's
        translations): a group is found when one of its words is, and weighs
        as its most distinctive word; `found` as in `coverage`."""
        text, found = text.lower(), found or self.occurs
        weights = [(max(self.weight(t) for t in g), any(found(t, text) for t in g)) for g in groups if g]
        total = sum(w for w, _ in weights)
        return sum(w for w, found in weights if found) / total if total else 0.0

    def occurs(self, token: str, text: str) -> bool:
        if token in text or any(s.lower() in text for s in SYNONYMS.get(token, ())):
            return True
        # A two-character word the corpus never uses is often an abbreviation (缩略语): Chinese
        # abbreviations keep characters of the full term in order (技改 = 技术改造, 家电 = 家用电器,
        # 规上 = 规模以上), so look for its characters in order, a few characters apart; only for a
        # word that can be an abbreviation at all (not 中考 in 中级职称考试).
        return token not in self.idf and may_abbreviate(token) and _abbreviates(token, text)

    def mentions(self, token: str, text: str) -> bool:
        """`occurs`, or the text writes the token's full form of which it is a short form
        (小微 for 小型微利), the term a definition says includes it (`kinds`), or the two words of a compound:
        whether a text is about what a question names, not a retrieval match."""
        if self.occurs(token, text) or _abbreviates_a_word(token, text):
            return True
        if token not in self.idf and any(s in text for s in self.same_sense(token)):
            return True  # (a word the documents never write, by the word they write in its sense: 年报, 年度报告)
        if (kind := self.kinds.get(token)) and kind in text:
            return True  # (经济林 by 生产性生物资产, which a definition says includes it)
        # a four-character compound of two words, each written there (申请材料: 申请时提交下列材料)
        return len(token) == 4 and self.occurs(token[:2], text) and self.occurs(token[2:], text)

    def sentence_score(self, tokens: list[str], sentence: str, found: Callable[[str, str], bool] | None = None) -> float:
        """IDF weight of the tokens the sentence holds; `found` as in `coverage`."""
        sentence, found = sentence.lower(), found or self.occurs
        return sum(self.weight(t) for t in dict.fromkeys(tokens) if found(t, sentence))

    
