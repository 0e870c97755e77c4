"""The public facade: one `Assistant` per index, used by the CLI, the web
app and the evaluation harness alike.

It wires the pipeline stages together in one place (embedding backend,
vector store, answerer) and owns the checks on user input.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import asdict, dataclass
from typing import Callable

from . import eligibility
from .answer import Answerer, Session
from .embeddings import make_embeddings
from .index import BuildReport, IndexUnavailable, LoadedIndex, build_index, open_index
from .models import Answer, Section, Target
from .retrieve import Retriever
from .settings import Settings
from .units import canonical
from .vectorstore import VectorStoreError

__all__ = ["Assistant", "Duty", "IndexUnavailable", "QuestionError", "Session", "check_question"]


class QuestionError(ValueError):
    """A question that cannot be asked as given; message in Chinese."""


@dataclass
class Duty:
    doc: str
    section: str
    title: str
    role: str  # "牵头" | "责任"
    other_units: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


def check_question(question: object, max_chars: int) -> str:
    if not isinstance(question, str):
        raise QuestionError("问题必须是文字")
    stripped = question.strip()
    if not stripped:
        raise QuestionError("问题为空，请输入要咨询的内容")
    if len(question) > max_chars:
        raise QuestionError(f"问题过长（{len(question)} 字），请控制在 {max_chars} 字以内")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t\r" for ch in question):
        raise QuestionError("问题包含控制字符，请删除后重试")
    if any(unicodedata.category(ch) == "Cs" for ch in question):  # lone surrogates: not valid text
        raise QuestionError("问题包含无效的字符编码，请重新输入")
    if not any(ch.isalnum() for ch in stripped):
        raise QuestionError("问题中没有可识别的文字")
    return stripped


class Assistant:
    def __init__(self, settings: Settings, index: LoadedIndex, embeddings=None):
        self.settings = settings
        self._embeddings = embeddings or make_embeddings(settings)
        self._lock = threading.RLock()
        self._load(index)

    @classmethod
    def open(cls, settings: Settings) -> "Assistant":
        return cls(settings, open_index(settings))

    def _load(self, index: LoadedIndex) -> None:
        retriever = Retriever(index, self._embeddings, self.settings)
        answerer = Answerer(retriever, index, self.settings)
        if self.settings.answerer == "llm":
            from .llm import LLMAnswerer, make_chat_model

            answerer = LLMAnswerer(answerer, make_chat_model(self.settings), self.settings)
        self.index, self.retriever, self.answerer = index, retriever, answerer

    # ------------------------------------------------------------ questions

    def new_session(self) -> Session:
        return Session()

    def ask(self, question: str, session: Session | None = None, k: int | None = None,
            docs: list[str] | None = None) -> Answer:
        text = check_question(question, self.settings.max_question_chars)
        try:
            return self.answerer.answer(text, session, k, docs)
        except VectorStoreError as exc:
            raise IndexUnavailable(f"{exc}。请检查 Chroma 服务器是否在运行") from exc

    # ------------------------------------------------------------ structure

    def sections(self) -> list[Section]:
        return list(self.index.sections)

    def section(self, doc: str, label: str) -> Section | None:
        return next((s for s in self.index.sections if s.doc == doc and s.label == label), None)

    def units(self) -> list[str]:
        seen: dict[str, None] = {}
        for s in self.index.sections:
            for u in s.units:
                seen.setdefault(u, None)
        return sorted(seen)

    def duties(self, unit: str) -> list[Duty]:
        unit = canonical(unit)
        if unit not in self.units() and f"市{unit}" in self.units():
            unit = f"市{unit}"
        out = []
        for s in self.index.sections:
            if unit in s.units:
                role = "牵头" if unit in s.lead_units else "责任"
                out.append(Duty(s.doc, s.label, s.title, role, [u for u in s.units if u != unit]))
        return out

    def targets(self) -> list[Target]:
        return [t for s in self.index.sections for t in s.targets]

    def documents(self) -> list[dict]:
        docs = self.index.manifest.get("documents", {})
        return [{"name": name, **info} for name, info in docs.items()]

    def match(self, profile: "eligibility.Profile"):
        return eligibility.match(self.index.measures, profile)

    # ------------------------------------------------------------ index

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> BuildReport:
        """Incremental re-index of the corpus, then serve the new build."""
        with self._lock:
            report = build_index(self.settings, progress=progress)
            if report.build_id != self.index.build_id:
                self._load(open_index(self.settings))
            return report
