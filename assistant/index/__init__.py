"""Stage 3, sections -> a searchable index: chunks, embeddings (the backend
chosen in one place), the Chroma vector store, BM25 tokens, and the build
protocol (index/builds/<id>/ switched on atomically through index/CURRENT)."""

from assistant.index.build import BuildReport, LoadedIndex, build_index, current_build, embedding_id, open_index
from assistant.index.embeddings import make_embeddings

__all__ = ["BuildReport", "LoadedIndex", "build_index", "current_build", "embedding_id", "make_embeddings",
           "open_index"]
