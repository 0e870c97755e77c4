"""How well the retrieved text supports a question: the evidence the
answerer uses to choose sentences, and to refuse when nothing fits.

Token weights are inverse document frequencies over the indexed chunks; a
question word the corpus never uses weighs most, so a question about a
topic the documents do not cover (最低工资) finds little support.
"""

from __future__ import annotations

import math
from collections import Counter

from .facts import split_sentences, strip_item_prefix
from .ingest import body_text
from .models import Section


class Evidence:
    def __init__(self, token_lists: list[list[str]]):
        df = Counter(t for tokens in token_lists for t in set(tokens))
        self.n = max(len(token_lists), 1)
        self.idf = {t: math.log((self.n + 1) / (c + 0.5)) for t, c in df.items()}
        self.unknown_idf = math.log((self.n + 1) / 0.5)

    def weight(self, token: str) -> float:
        return self.idf.get(token, self.unknown_idf)

    def coverage(self, tokens: list[str], text: str) -> float:
        """IDF-weighted share of the tokens that occur in the text (0..1)."""
        tokens = list(dict.fromkeys(tokens))
        total = sum(self.weight(t) for t in tokens)
        if total == 0:
            return 0.0
        text = text.lower()
        return sum(self.weight(t) for t in tokens if t in text) / total

    def sentence_score(self, tokens: list[str], sentence: str) -> float:
        sentence = sentence.lower()
        return sum(self.weight(t) for t in dict.fromkeys(tokens) if t in sentence)

    def best_sentences(self, tokens: list[str], section: Section, limit: int = 2) -> list[tuple[float, str]]:
        """The section's sentences that share the most weight with the question."""
        scored = []
        for sentence in split_sentences(body_text(section)):
            sentence = strip_item_prefix(sentence)
            if len(sentence) < 6:
                continue
            scored.append((self.sentence_score(tokens, sentence), sentence))
        scored.sort(key=lambda pair: -pair[0])
        return scored[:limit]
