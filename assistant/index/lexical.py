"""Chinese lexical search: jieba tokens into a bm25s index.

Used by `index` (tokens stored per chunk) and `retrieve` (question tokens,
the in-memory BM25 built from the stored tokens), so both sides tokenise
identically.
"""

from __future__ import annotations

import re

import bm25s
import jieba
import numpy as np

from assistant import lexicon
from assistant.lexicon.tags import dictionary_tag, ensure_jieba

# Vocabularies as data (assistant/lexicon/*.toml, each entry with its reason).
STOPWORDS = set(lexicon.words("stopwords"))  # left out of BM25 tokens: no topic
FILLERS = set(lexicon.words("fillers"))  # make a question natural, name no topic
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")

def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens, lower-cased, without stopwords/punctuation."""
    ensure_jieba()
    tokens = []
    for token in jieba.cut_for_search(text):
        token = token.strip().lower()
        if token and token not in STOPWORDS and _KEEP.search(token):
            tokens.append(token)
    return tokens


def may_abbreviate(word: str) -> bool:
    """Whether a word can be read as an abbreviation (缩略语) of a longer term:
    jieba's dictionary tags it as one (j: 技改, 家电, 研发), or does not know
    it (规上). A dictionary word of another kind means itself: 中考 is not
    中级职称考试."""
    ensure_jieba()
    tag = dictionary_tag(word)
    return tag is None or tag == "j"


class LexicalIndex:
    """BM25 over pre-tokenised chunks; built in memory from stored tokens."""

    def __init__(self, token_lists: list[list[str]]) -> None:
        self.size = len(token_lists)
        self._bm25 = bm25s.BM25()
        # bm25s drops documents with no tokens unless given a placeholder.
        self._bm25.index([t or ["<empty>"] for t in token_lists], show_progress=False)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(chunk position, score) of the best k chunks, score > 0 only."""
        tokens = tokenize(query)
        if not tokens or self.size == 0:
            return []
        k = min(k, self.size)
        try:
            ids, scores = self._bm25.retrieve([tokens], k=k, show_progress=False)
        except (ValueError, KeyError):  # no query token in the vocabulary
            return []
        return [(int(i), float(s)) for i, s in zip(np.ravel(ids), np.ravel(scores)) if s > 0]
