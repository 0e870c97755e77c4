"""jieba, set up in one place: taught the corpus's terms it splits badly (lexicon/domain_words.toml) and the
everyday words the documents write otherwise (lexicon/synonyms.toml),
cutting text into words, and the part-of-speech tags of dictionary words (n, ns, v, j…): the one
lookup the parser, the lexical index, the sentence readers and English senses use."""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

import jieba

from assistant import lexicon

jieba.setLogLevel(logging.WARNING)
_HAN = re.compile(r"[\u4e00-\u9fff]")


def in_order(word: str, text: str) -> bool:
    """Whether the word's characters stand in the text in order, as an abbreviation's
    do in its full form (自创区 in 自主创新示范区, 个税 in 个人所得税)."""
    rest = iter(text)
    return all(ch in rest for ch in word)


def has_chinese(text: str) -> bool:
    """Whether the text writes any Chinese character (a question with none is read as English)."""
    return bool(_HAN.search(text))


DOMAIN_WORDS = list(lexicon.words("domain_words"))  # taught to jieba: policy terms it splits badly
# and the everyday words lexicon/synonyms.toml gives the documents' words for (共享单车, 暖气费), each read whole
EVERYDAY_WORDS = [w for w in lexicon.table("synonyms") if len(w) > 1]
_init_lock = threading.Lock()
_initialised = False


def ensure_jieba() -> None:
    """Teach jieba the domain words, once per process."""
    global _initialised
    with _init_lock:
        if not _initialised:
            for word in DOMAIN_WORDS + EVERYDAY_WORDS:
                jieba.add_word(word, freq=20000)
            jieba.initialize()
            _initialised = True


def words(text: str) -> list[str]:
    """The text cut into jieba's words, as written (nothing dropped)."""
    ensure_jieba()
    return list(jieba.cut(text))


@lru_cache(maxsize=4096)
def word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each word jieba reads in the text."""
    spans, position = [], 0
    for word in words(text):
        spans.append((position, position + len(word)))
        position += len(word)
    return tuple(spans)


def word_edges(text: str) -> set[int]:
    """Where the text's words begin and end: a modal word counts only as a whole word (应 inside 应纳税 is none)."""
    return {0} | {end for _, end in word_spans(text)}


@lru_cache(maxsize=4096)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech tag) of each word jieba's tagger reads in the text (公示/v 期/q 是/v 多久/m)."""
    import jieba.posseg

    ensure_jieba()
    return tuple((w.word, w.flag) for w in jieba.posseg.cut(text))


def word_frequency(word: str) -> int:
    """How often jieba's dictionary counts a word in general Chinese (事情 15354, 注册资本 3); 0 when it lacks it."""
    ensure_jieba()
    return jieba.dt.FREQ.get(word, 0) or 0


def dictionary_tag(word: str) -> str | None:
    """jieba's part-of-speech tag of a dictionary word (n, v, t, j...); None for a word it does not know."""
    import jieba.posseg  # loads jieba's part-of-speech table once

    return jieba.posseg.dt.word_tag_tab.get(word)
