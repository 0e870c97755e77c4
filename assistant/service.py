"""The public facade: one `Assistant` per index, used by the CLI, the web
app and the evaluation harness alike. Front ends import this module,
`models`, `errors` and `settings`, nothing else (a test checks it).

It wires the pipeline stages together in one place (embedding backend,
vector store, answerer), owns the checks on user input, and offers what the
front ends need beyond questions: unit resolution, target search, adding a
document, ranked retrieval for the evaluation, corpus texts for the naive peer.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from assistant import eligibility
from assistant.answer import Answerer, Retriever, Session
from assistant.answer.intents import clean_question
from assistant.lexicon.tags import has_chinese
from assistant.answer.unit_resolver import UnitMatch, duties_subject, looks_like_unit, resolve as _resolve_unit
from assistant.errors import IndexUnavailable, QuestionError, UnreadableDocument, UserInputError, VectorStoreError
from assistant.index import BuildReport, LoadedIndex, build_index, current_build, embedding_id, make_embeddings, open_index
from assistant.index.embeddings import bundled_minilm_path
from assistant.ingest import SUPPORTED_SUFFIXES, corpus_files, decode_text, parse_corpus, read_document
from assistant.ingest.readers import decode_lines, to_simplified
from assistant.ingest.units import find_units_in
from assistant.ingest.uploads import save_upload
from assistant.ingest.quantities import FIGURE_KINDS, read as read_quantities  # noqa: F401  (the one quantity grammar, for evals)
from assistant.lexicon.english import translate as term_english, unit_english
from assistant.answer.card_english import card_summary as card_english
from assistant.answer.english import task_terms as terms_english  # noqa: F401  (the English duties table)
from assistant.eligibility import (CHECK_NOTES, FACTS_ZH, Profile, citation_of, load_profile, load_profile_with_facts, parse_profile,
                                   profile_from_flags, why_english)
from assistant.eligibility import terms as _terms
from assistant.models import Answer, Section, Target
from assistant.settings import Settings

__all__ = ["Assistant", "BuildReport", "Duty", "SUPPORTED_SUFFIXES", "Session", "build_index", "bundled_minilm_path",
           "check_question", "clean_question", "current_build", "decode_lines", "decode_text", "embedding_id", "make_chat_model", "make_embeddings",
           "parse_corpus", "Profile", "load_profile", "parse_profile", "profile_from_flags", "profile_options", "citation_of",
           "read_corpus", "units_in", "load_profile_with_facts", "UnitMatch", "unit_english", "card_english", "term_english", "why_english",
           "CHECK_NOTES", "FACTS_ZH"]


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
    if not _MEANINGFUL.search(stripped):  # `a`, `12345`, `1' OR '1'='1`: nothing a document could be about
        raise QuestionError("问题中没有可以检索的内容（至少需要一个汉字或一个完整的英文单词），请用一句话描述您想了解的政策")
    return to_simplified(stripped)  # Traditional Chinese questions are asked in Simplified


# A Han character, or a Latin word of three letters or more.
_MEANINGFUL = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z]{3,}")


class Assistant:
    def __init__(self, settings: Settings, index: LoadedIndex, embeddings=None):
        self.settings = settings
        self._embeddings = embeddings or make_embeddings(settings)
        self._lock = threading.RLock()
        self._skipped_build = ""
        self._load(index)

    @classmethod
    def open(cls, settings: Settings, embeddings=None) -> "Assistant":
        return cls(settings, open_index(settings), embeddings=embeddings)

    def follow(self) -> bool:
        """Swap to a newer serving build when CURRENT names one (another
        process re-indexed); True when swapped. Requests under way keep the
        objects they started with, so the old build stays in use until they
        finish. A new build that does not open is skipped until CURRENT moves on."""
        build = current_build(self.settings)
        if build is None or build.name in (self.index.build_id, self._skipped_build):
            return False
        with self._lock:
            if build.name == self.index.build_id:
                return False
            try:
                self._load(open_index(self.settings))
            except IndexUnavailable:
                self._skipped_build = build.name
                return False
            return True

    def _load(self, index: LoadedIndex) -> None:
        retriever = Retriever(index, self._embeddings, self.settings)
        answerer = Answerer(retriever, index, self.settings)
        if self.settings.answerer == "llm":
            from assistant.answer.llm import LLMAnswerer, make_chat_model

            answerer = LLMAnswerer(answerer, make_chat_model(self.settings), self.settings)
        self.index, self.retriever, self.answerer = index, retriever, answerer

    # ------------------------------------------------------------ questions

    def new_session(self) -> Session:
        return Session()

    def ask(self, question: str, session: Session | None = None, k: int | None = None,
            docs: list[str] | None = None) -> Answer:
        text = check_question(question, self.settings.max_question_chars)
        self.follow()
        unknown = self._unknown_unit(text)
        if unknown is not None:
            unknown.question = question
            return unknown
        answerer = self.answerer
        try:
            answer = answerer.answer(text, session, k, docs)
        except (VectorStoreError, IndexUnavailable) as exc:
            if not self.follow():  # unless the build was replaced and removed under this request
                raise IndexUnavailable(f"{exc}。请检查 Chroma 服务器是否在运行") from exc
            answer = self.answerer.answer(text, session, k, docs)
        if answer.question == text != question:  # trimmed, or asked in Traditional: echo what the user wrote
            answer.question = question
        self._place(answer)
        return answer

    def _place(self, answer: Answer) -> None:
        """Give each citation its section's outline path and id, so an API
        user can place `13.` inside `二、 > （二）`."""
        for c in [*answer.citations, *answer.see_also]:
            section = self.section(c.doc, c.section)
            if section is not None:
                c.path, c.id = c.path or section.path, c.id or section.key

    def _unknown_unit(self, question: str) -> Answer | None:
        """A duties question about a unit no document names (市数据局负责哪些
        任务？) is answered plainly instead of with the nearest tasks."""
        subject = duties_subject(question)
        if not subject or not looks_like_unit(subject) or find_units_in(question, self.units()):
            return None
        match = self.resolve_unit(subject)
        if match.found:
            return None
        english = not has_chinese(question)
        return Answer(question=question.strip(), text=match.message(english), answerable=False, intent="duties")

    # ------------------------------------------------------------ structure

    def sections(self) -> list[Section]:
        self.follow()
        return list(self.index.sections)

    def section(self, doc: str, label: str) -> Section | None:
        """The section of `doc` a label names: the label citations show
        (qualified where it repeats, `三、（一）`), its id, the bare label as
        written when it is unique in the document, or chapter + bare label."""
        in_doc = [s for s in self.index.sections if s.doc == doc]
        for s in in_doc:
            if label in (s.label, s.id) or f"{doc}#{label}" == s.id:  # a key split at its first #
                return s
        bare = [s for s in in_doc if s.written_label == label]
        if len(bare) == 1:
            return bare[0]
        return next((s for s in in_doc if s.written_label and label == s.path.replace(" > ", "")), None)

    def units(self) -> list[str]:
        seen: dict[str, None] = {}
        for s in self.index.sections:
            for u in s.units:
                seen.setdefault(u, None)
        return sorted(seen)

    def resolve_unit(self, text: str | None) -> UnitMatch:
        """The unit a user picked or typed, as the documents name it: full
        official names (中山市财政局), short names and aliases, English names;
        a typo within one character gives suggestions (did you mean), and a
        unit no document names says so (UnitMatch.message)."""
        return _resolve_unit(text, self.units())

    def unit_name(self, text: str | None) -> str:
        """The resolved unit's name; UserInputError with the reason otherwise."""
        match = self.resolve_unit(text)
        if not match.found:
            raise UserInputError(match.message())
        return match.unit

    def duties(self, unit: "str | UnitMatch") -> list[Duty]:
        """The tasks a unit leads or shares; the unit is resolved first (a
        name no document writes raises UserInputError saying so)."""
        name = unit.unit if isinstance(unit, UnitMatch) and unit.found else \
            self.unit_name(unit.query if isinstance(unit, UnitMatch) else unit)
        out = []
        for s in self.index.sections:
            if name in s.units:
                role = "牵头" if name in s.lead_units else "责任"
                out.append(Duty(s.doc, s.label, s.title, role, [u for u in s.units if u != name]))
        return out

    def targets(self) -> list[Target]:
        self.follow()
        return [t for s in self.index.sections for t in s.targets]

    def find_targets(self, query: str = "", unit: str | None = None) -> list[tuple[Target, Section]]:
        """Targets whose metric, value, year, section or document contain every
        space-separated word of `query`, optionally in one counting unit."""
        words = (query or "").split()
        out = []
        for s in self.index.sections:
            for t in s.targets:
                hay = f"{t.metric} {t.value} {t.unit} {t.year or ''} {s.heading} {t.sentence} {s.doc}"
                if all(w in hay for w in words) and (not unit or t.unit == unit):
                    out.append((t, s))
        return out

    def documents(self) -> list[dict]:
        self.follow()
        docs = self.index.manifest.get("documents", {})
        return [{"name": name, **info} for name, info in docs.items()]

    def match(self, profile: "eligibility.Profile"):
        self.follow()
        s = self.settings
        return eligibility.match(self.index.measures, profile, self.index.sections,
                                 (s.card_amount_weight, s.card_applicant_weight, s.card_sources_weight))

    def condition_lists(self) -> list["eligibility.ConditionList"]:
        """Every list of qualifying conditions the indexed documents state (read once per build)."""
        self.follow()
        build = self.index.manifest.get("build_id")
        if getattr(self, "_conditions_of", None) != build:
            self._conditions = eligibility.condition_lists(self.index.sections)
            self._conditions_of = build
        return self._conditions

    def self_check(self, facts: "eligibility.Facts | dict") -> list["eligibility.CheckResult"]:
        """政策计算器: each condition list checked against the applicant's facts,
        each condition met / unmet / unknown with its article and threshold."""
        if isinstance(facts, dict):
            facts = eligibility.parse_facts(facts)
        return eligibility.self_check(facts, self.condition_lists())

    def places(self) -> list[str]:
        """Place names the indexed documents' measures are limited to (for the 政策匹配 form)."""
        self.follow()
        return list(dict.fromkeys(p for m in self.index.measures for p in m.places))

    def rank(self, question: str, k: int = 10, previous: str = "") -> list[Section]:
        """Sections in the order the retriever ranks them, searched the way the
        answerer searches (a follow-up: the previous turn + the question)."""
        text = clean_question(question)
        if previous:
            text = f"{clean_question(previous)} {text}"
        return [hit.section for hit in self.retriever.search(text, k)]

    # ------------------------------------------------------------ index

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> BuildReport:
        """Incremental re-index of the corpus, then serve the new build."""
        with self._lock:
            report = build_index(self.settings, progress=progress)
            if report.build_id != self.index.build_id:
                self._load(open_index(self.settings))
            return report

    def add_document(self, upload: Path, name: str, overwrite: bool = False) -> tuple[Path, bool, BuildReport]:
        """Save an uploaded file into the corpus and re-index; (path, replaced,
        report). A file the readers cannot read is removed again (unless it
        replaced one) and raised as UnreadableDocument with the reason."""
        titles = {d.get("source", ""): d.get("title", "") for d in self.documents()}
        path, replaced = save_upload(self.settings.corpus_dir, Path(upload), name, overwrite,
                                     self.settings.max_upload_mb, titles)
        report = self.reindex()
        if path.name in report.skipped:
            if not replaced:
                path.unlink(missing_ok=True)
            raise UnreadableDocument(f"文件“{path.name}”无法读取，未加入索引：{report.skipped[path.name]}")
        return path, replaced, report

    @classmethod
    def open_or_build(cls, settings: Settings, say: Callable[[str], None] = lambda _: None) -> "Assistant":
        """Open the index, building it first when there is none yet."""
        if current_build(settings) is None:
            say(f"未找到索引，正在为 {settings.corpus_dir} 建立索引（首次运行需要几分钟）……")
            say(build_index(settings).summary_zh())
        return cls.open(settings)


def units_in(text: str, known_units: list[str]) -> list[str]:
    """The known unit names a text mentions, abbreviated lists included."""
    return find_units_in(text, known_units)


def read_corpus(settings: Settings) -> list[tuple[str, str]]:
    """(file name, text) of every readable corpus file, for baselines that
    work on raw text (the evaluation's naive peer)."""
    out = []
    for path in corpus_files(settings.corpus_dir):
        try:
            out.append((path.name, read_document(path.name, path.read_bytes())))
        except (UnreadableDocument, OSError):
            continue
    return out


def profile_options() -> dict[str, list[str]]:
    """The values the 政策匹配 form offers for each profile field (places: the
    kinds; `Assistant.places()` adds the documents' own place names)."""
    return {"qualifications": list(_terms.BENEFICIARIES), "size": list(_terms.SIZES),
            "industry": list(_terms.INDUSTRIES), "location": list(_terms.PLACES), "needs": list(_terms.NEEDS)}


def make_chat_model(settings: Settings):
    """The configured LangChain chat model (LLM answerer, evaluation judge)."""
    from assistant.answer.llm import make_chat_model as make

    return make(settings)
