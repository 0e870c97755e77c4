"""jieba's part-of-speech tags of dictionary words (n, ns, v, j…): the one lookup the parser, the
lexical index and English senses read word classes from."""

from __future__ import annotations


def dictionary_tag(word: str) -> str | None:
    """jieba's part-of-speech tag of a dictionary word (n, v, t, j...); None for a word it does not know."""
    import jieba.posseg  # loads jieba's part-of-speech table once

    return jieba.posseg.dt.word_tag_tab.get(word)
