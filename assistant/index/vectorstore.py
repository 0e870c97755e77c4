"""Where vectors live: an embedded Chroma store per build, or a Chroma server.

The only module that talks to chromadb. Collections are created with no
embedding function (vectors come from our own `Embeddings`), so Chroma never
tries to download its default model.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from assistant.errors import VectorStoreError
from assistant.settings import Settings



# HNSW search breadth. Chroma's default (ef 10, below the 20+ neighbours the
# retriever asks for) made the dense ranking approximate in a way that changed
# from process to process: the same question could lose its third-nearest
# chunk in one process and keep it in the next (2-10 of 533 questions per
# process on corpus/). At this breadth the index returns the exact nearest
# chunks of corpora this size, even for the hashing test vectors, so answers
# are reproducible; a query costs well under a millisecond more.
HNSW = {"space": "cosine", "ef_search": 400, "ef_construction": 200}

_copies: dict[Path, Path] = {}  # read-only embedded stores -> their writable copies
_copies_lock = threading.Lock()


def _writable(path: Path) -> bool:
    return all(os.access(p, os.W_OK) for p in (path, *path.glob("*.sqlite3")))


def _embedded_path(path: Path, create: bool) -> Path:
    """Where to open an embedded store. Chroma writes to its SQLite file
    even to read, so a store in a read-only folder (a read-only mount, a
    folder owned by the indexing user) is copied once per process to a
    private temporary folder and served from there."""
    if create or not path.is_dir() or _writable(path):
        return path
    with _copies_lock:
        if path not in _copies:
            copy = Path(tempfile.mkdtemp(prefix="policy-assistant-ro-")) / "chroma"
            shutil.copytree(path, copy)
            for f in copy.rglob("*"):
                f.chmod(0o700 if f.is_dir() else 0o600)
            atexit.register(shutil.rmtree, copy.parent, True)
            _copies[path] = copy
        return _copies[path]


def _client(settings: Settings, build_dir: Path, create: bool = False):
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if not url.hostname:
            raise VectorStoreError(f"无效的 Chroma 服务器地址：{settings.chroma_url}")
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:
            raise VectorStoreError(f"无法连接 Chroma 服务器 {settings.chroma_url}：{exc}") from exc
    path = _embedded_path(build_dir / "chroma", create)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def collection_name(build_id: str) -> str:
    return f"policy-assistant-{build_id}"


class VectorStore:
    """One build's collection: add vectors at build time, query at run time."""

    def __init__(self, settings: Settings, build_dir: Path, build_id: str, create: bool = False):
        self.location = settings.chroma_url or str(build_dir / "chroma")
        try:
            client = _client(settings, build_dir, create)
            name = collection_name(build_id)
            if create:
                self._collection = client.get_or_create_collection(
                    name, embedding_function=None, configuration={"hnsw": dict(HNSW)}
                )
            else:
                self._collection = client.get_collection(name, embedding_function=None)
        except VectorStoreError:
            raise
        except Exception as exc:
            raise VectorStoreError(f"无法打开向量库（{self.location}）：{exc}") from exc
        self._client = client

    def add(self, ids: list[str], vectors: list[list[float]], texts: list[str], metadatas: list[dict]) -> None:
        step = 1000  # stay under Chroma's max batch size
        for i in range(0, len(ids), step):
            self._collection.add(
                ids=ids[i:i + step],
                embeddings=vectors[i:i + step],
                documents=texts[i:i + step],
                metadatas=metadatas[i:i + step],
            )

    def count(self) -> int:
        return self._collection.count()

    def query(self, vector: list[float], k: int, docs: list[str] | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest chunks."""
        where = {"doc": {"$in": docs}} if docs else None
        try:
            result = self._collection.query(
                query_embeddings=[vector], n_results=k, where=where, include=["distances"]
            )
        except Exception as exc:
            raise VectorStoreError(f"向量库查询失败（{self.location}）：{exc}") from exc
        ids = result["ids"][0]
        distances = result["distances"][0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances)]


def drop_collection(settings: Settings, build_dir: Path, build_id: str) -> None:
    """Remove an old build's collection from a server (embedded stores go
    with their directory)."""
    if not settings.chroma_url:
        return
    try:
        _client(settings, build_dir).delete_collection(collection_name(build_id))
    except Exception:
        pass  # already gone, or the server is down: nothing to clean
