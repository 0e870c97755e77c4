"""Ranking: dense (Chroma) and lexical (jieba + BM25) candidates fused by
reciprocal rank, at section level.

A chunk's dense score is the better of its own vector's similarity and its
best sentence's: a chunk vector pooled from its sentences (the default, each
text embedded once) averages away the one sentence that answers, and the
sentence vectors are there anyway.

Questions with no Chinese go to the dense side (the e5 model is
multilingual); CC-CEDICT (lexicon.english) also gives them Chinese terms
for the lexical side. Raw scores are kept on every hit so the answerer can tell
"found" from "nothing relevant".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.index.build import LoadedIndex
from assistant.lexicon import english
from assistant.lexicon.tags import has_chinese
from assistant.index.lexical import LexicalIndex
from assistant.models import Section
from assistant.settings import Settings



def lexical_query(question: str, vocabulary=None, units: list[str] = (),
                  corpus: english.CorpusSenses | None = None) -> str:
    """The text the lexical side searches: the question itself, or for a
    question with no Chinese, the Chinese words (CC-CEDICT) its English
    phrases mean, limited to words the documents use (and, with `corpus`, in the
    sense the documents use them)."""
    if has_chinese(question):
        return question
    return " ".join(english.chinese_terms(question, vocabulary, units=units, corpus=corpus))


@dataclass
class Hit:
    section: Section
    score: float  # fused reciprocal-rank score
    dense: float = 0.0  # best cosine similarity of the section's chunks
    lexical: float = 0.0  # best BM25 score of the section's chunks
    chunks: list[str] = field(default_factory=list)  # matched chunk texts, best first


class Retriever:
    """Hybrid retrieval over one loaded index."""

    def __init__(self, index: LoadedIndex, embeddings: Embeddings, settings: Settings):
        self.index = index
        self.embeddings = embeddings
        self.settings = settings
        self.mode = settings.retrieval_mode
        self.lexical = LexicalIndex([c.tokens for c in index.chunks])
        self.vocabulary = Counter(t for c in index.chunks for t in c.tokens)  # English questions search only these words
        self.senses = english.CorpusSenses(self.vocabulary, settings.english_sense_keyness)
        self.sections = {s.key: s for s in index.sections}
        self._chunk_pos = {c.id: i for i, c in enumerate(index.chunks)}
        self._sentence_chunk = _sentence_chunks(index)
        self._chunk_doc = np.array([c.doc for c in index.chunks], dtype=object)

    def embed(self, question: str) -> list[float]:
        return self.embeddings.embed_query(question)

    def search(self, question: str, k: int | None = None, docs: list[str] | None = None,
               vector: list[float] | None = None, keywords: str | None = None,
               sentence_sims: np.ndarray | None = None) -> list[Hit]:
        """Sections ranked for the question. `vector`: the question already
        embedded; `keywords`: what the lexical side should search instead of
        the whole question (its topic, without 牵头/单位/目标 framing words
        that every unit line and target sentence shares); `sentence_sims`: that
        vector's similarity to every indexed sentence, when already computed."""
        k = k or self.settings.retrieval_k
        depth = max(3 * k, 20)
        ranked: list[list[tuple[int, float]]] = []
        weights: list[float] = []
        dense = lexical = []
        if self.mode in ("hybrid", "dense"):
            vector = vector if vector is not None else self.embed(question)
            dense = self._dense(vector, depth, docs, sentence_sims)
            ranked.append(dense)
            weights.append(self.settings.dense_weight)
        lex_text = keywords or lexical_query(question, self.vocabulary, corpus=self.senses)
        if self.mode in ("hybrid", "lexical") and lex_text:
            lexical = [(p, s) for p, s in self.lexical.search(lex_text, depth * 2)
                       if not docs or self.index.chunks[p].doc in docs][:depth]
            ranked.append(lexical)
            weights.append(self.settings.lexical_weight if has_chinese(question)
                           else self.settings.lexical_weight_english)
        return self._fuse(ranked, weights, dict(dense), dict(lexical))[:k]

    def _dense(self, vector: list[float], depth: int, docs: list[str] | None,
               sentence_sims: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(chunk position, similarity) of the `depth` best chunks, a chunk
        scoring the better of its own vector and its best sentence."""
        scores = {self._chunk_pos[i]: s for i, s in self.index.vectors.query(vector, depth, docs) if i in self._chunk_pos}
        if len(self.index.sentences):
            if sentence_sims is None:
                sentence_sims = self.index.sentence_vectors @ np.asarray(vector, dtype=np.float32)
            best = np.full(len(self.index.chunks), -1.0, dtype=np.float32)
            np.maximum.at(best, self._sentence_chunk, sentence_sims)
            if docs:
                best[~np.isin(self._chunk_doc, docs)] = -1.0
            for pos in np.argsort(-best, kind="stable")[:depth]:
                if best[pos] > -1.0:
                    scores.setdefault(int(pos), -1.0)  # a chunk found by its best sentence alone
            scores = {pos: max(score, float(best[pos])) for pos, score in scores.items()}
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:depth]

    def _fuse(self, ranked, weights, dense: dict, lexical: dict) -> list[Hit]:
        hits: dict[str, Hit] = {}
        for results, weight in zip(ranked, weights):
            seen: set[str] = set()
            for rank, (pos, _) in enumerate(results):
                chunk = self.index.chunks[pos]
                hit = hits.setdefault(chunk.section_key, Hit(self.sections[chunk.section_key], 0.0))
                if chunk.text not in hit.chunks:
                    hit.chunks.append(chunk.text)
                if chunk.section_key not in seen:  # a section counts once per list, at its best rank
                    seen.add(chunk.section_key)
                    hit.score += weight / (self.settings.rrf_k + rank + 1)
                hit.dense = max(hit.dense, dense.get(pos, 0.0))
                hit.lexical = max(hit.lexical, lexical.get(pos, 0.0))
        return sorted(hits.values(), key=lambda h: -h.score)


def _sentence_chunks(index: LoadedIndex) -> np.ndarray:
    """For each indexed sentence, the position of the chunk it is part of
    (a long section's sentence belongs to the child chunk holding it)."""
    by_section: dict[str, list[int]] = {}
    for pos, chunk in enumerate(index.chunks):
        by_section.setdefault(chunk.section_key, []).append(pos)
    out = np.zeros(len(index.sentences), dtype=np.int64)
    for n, sentence in enumerate(index.sentences):
        candidates = by_section.get(sentence.section_key, [0])
        out[n] = next((pos for pos in candidates if sentence.text in index.chunks[pos].text), candidates[0])
    return out
