"""The naive RAG peer the evaluation compares against: what a user gets from
a LangChain tutorial. The raw corpus files are split with
`RecursiveCharacterTextSplitter` (500 characters), embedded with the same
embeddings as the product, stored in a Chroma collection (chromadb used
directly, in memory), and the top-k chunks, concatenated, are the answer.
It never refuses and has no conversation memory.

So that retrieval and citation metrics compare like with like, a chunk
"cites" every parsed section whose character span (Section.start/end)
overlaps the chunk's span in the same file.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.models import Answer, Citation, Section
from assistant import service
from assistant.settings import Settings

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
TOP_K = 4  # LangChain's default `k` for similarity search
RANK_DEPTH = 30  # chunks retrieved to rank sections for retrieval metrics


@dataclass
class Chunk:
    source: str  # file name in the corpus
    start: int
    end: int
    text: str
    sections: list[Section]  # parsed sections the span overlaps, in reading order


def split_corpus(settings: Settings, sections: list[Section]) -> list[Chunk]:
    """Every readable corpus file split into 500-character chunks, each with
    the sections its span overlaps."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
    )
    chunks: list[Chunk] = []
    for name, text in service.read_corpus(settings):
        in_file = sorted((s for s in sections if s.source == name), key=lambda s: s.start)
        for doc in splitter.create_documents([text]):
            start = doc.metadata["start_index"]
            end = start + len(doc.page_content)
            overlapping = [s for s in in_file if s.start < end and s.end > start]
            chunks.append(Chunk(name, start, end, doc.page_content, overlapping))
    return chunks


class NaiveRAG:
    """Top-k chunks from a Chroma collection, concatenated."""

    def __init__(self, chunks: list[Chunk], embeddings: Embeddings, k: int = TOP_K):
        self.chunks = chunks
        self.embeddings = embeddings
        self.k = k
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        self._client = client
        self._name = f"naive-rag-{uuid.uuid4().hex[:12]}"
        self._collection = client.create_collection(
            self._name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        vectors = embeddings.embed_documents([c.text for c in chunks]) if chunks else []
        if chunks:
            self._collection.add(
                ids=[str(i) for i in range(len(chunks))],
                embeddings=vectors,
                documents=[c.text for c in chunks],
            )
        self._last: tuple[str, list[Chunk]] | None = None

    @classmethod
    def build(cls, settings: Settings, sections: list[Section], embeddings: Embeddings) -> "NaiveRAG":
        return cls(split_corpus(settings, sections), embeddings)

    def close(self) -> None:
        try:
            self._client.delete_collection(self._name)
        except Exception:
            pass

    def retrieve(self, question: str, n: int) -> list[Chunk]:
        """The n chunks nearest to the question, best first. One query
        serves both the answer and the ranking (the last one is kept)."""
        if self._last is None or self._last[0] != question:
            depth = min(max(n, RANK_DEPTH), len(self.chunks))
            found: list[Chunk] = []
            if depth:
                result = self._collection.query(
                    query_embeddings=[self.embeddings.embed_query(question)], n_results=depth, include=[]
                )
                found = [self.chunks[int(i)] for i in result["ids"][0]]
            self._last = (question, found)
        return self._last[1][:n]

    def ranked_sections(self, question: str, depth: int = RANK_DEPTH) -> list[Section]:
        """Sections in the order their chunks rank (repeats kept; metrics
        count each once at its best rank)."""
        return [s for chunk in self.retrieve(question, depth) for s in chunk.sections]

    def ask(self, question: str) -> Answer:
        started = time.perf_counter()
        top = self.retrieve(question, self.k)
        citations: list[Citation] = []
        seen: set[str] = set()
        for chunk in top:
            for s in chunk.sections:
                if s.key not in seen:
                    seen.add(s.key)
                    citations.append(Citation(s.doc, s.label, s.title, _quote(chunk, s)))
        return Answer(
            question=question,
            text="\n\n".join(c.text for c in top),
            answerable=bool(top),
            intent="naive",
            citations=citations,
            latency_ms=(time.perf_counter() - started) * 1000,
        )


def _quote(chunk: Chunk, section: Section) -> str:
    """The part of the chunk inside the section, shortened."""
    lo = max(chunk.start, section.start) - chunk.start
    hi = min(chunk.end, section.end) - chunk.start
    part = chunk.text[lo:hi].strip()
    return part[:80] + ("…" if len(part) > 80 else "")
