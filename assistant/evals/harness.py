"""`policy-assistant eval`: run the gold questions through several
configurations on the same machine and write a report.

Configurations (run in this order, each on the same questions):
  product  - the settings as given (hybrid retrieval + intents)
  dense    - dense-only retrieval, same answerer, same index
  lexical  - BM25-only retrieval, same answerer, same index
  naive    - the naive RAG peer (assistant/naive_rag.py)
  minilm   - sentence-transformers backend with the locally installed
             all-MiniLM-L6-v2, its own index in a temporary folder
  llm      - the LLM answerer, only when an endpoint is configured
"""

from __future__ import annotations

import hashlib
import json
import re
import os
import platform
import shutil
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from langchain_core.embeddings import Embeddings

from assistant import service
from assistant.errors import BackendError, EmbeddingError, UserInputError
from assistant.evals import metrics
from assistant.models import Answer, Section
from assistant.settings import Settings

TITLES = {
    "product": "产品：混合检索 + 意图识别（hybrid + intents）",
    "dense": "仅向量检索（dense-only），同一回答器",
    "lexical": "仅 BM25 检索（lexical-only），同一回答器",
    "naive": "朴素 RAG：RecursiveCharacterTextSplitter(500) + Chroma，top-4 文本块",
    "minilm": "sentence-transformers 后端（本地 all-MiniLM-L6-v2）",
    "llm": "LLM 回答器",
}
CONFIG_NAMES = list(TITLES)
RANK_DEPTH = 10  # sections ranked per question for Hit@k / MRR / nDCG@10
# As the README documents: a lead question is scored against the gold sections'
# lead units, a responsibility question against their responsible units.
UNIT_TYPES = {"lead": "lead_units", "responsibility": "responsible_units"}


class Skip(Exception):
    """A configuration that cannot run here; the message says why (Chinese)."""


def _user_error(message: str) -> Exception:
    return UserInputError(message)


# ---------------------------------------------------------------- gold set


@dataclass
class GoldQuestion:
    id: str
    question: str
    type: str
    gold_sections: list[str]
    key_facts: list
    answerable: bool
    history: list[str] = field(default_factory=list)
    doc: str = ""  # optional: the document the gold labels belong to
    asks: str = ""  # optional: the kind of answer asked (rate, amount, yes_no, unit, ...)
    near_miss: bool = False  # an out-of-scope question whose subject the documents do speak of


def _user_turns(history: list) -> list[str]:
    """A follow-up's earlier questions: plain strings, or chat messages ({"role", "content"}) of which
    the user's are asked again (the assistant answers them itself)."""
    turns = [t if isinstance(t, str) else t["content"] for t in history
             if isinstance(t, str) or t.get("role", "user") == "user"]
    if not all(isinstance(t, str) for t in turns):
        raise TypeError("history: each turn is a question or a {role, content} message")
    return turns


def load_gold(path: Path, limit: int | None = None) -> list[GoldQuestion]:
    """The gold questions of a JSON Lines file; any bad line is a user error
    naming the line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise _user_error(f"无法读取问题集 {path}：{exc.strerror}") from exc
    questions: list[GoldQuestion] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            questions.append(GoldQuestion(
                id=str(row["id"]), question=row["question"], type=row["type"],
                gold_sections=list(row.get("gold_sections", [])), key_facts=list(row.get("key_facts", [])),
                answerable=bool(row["answerable"]), history=_user_turns(row.get("history", [])), doc=row.get("doc", ""),
                asks=row.get("asks", ""), near_miss=bool(row.get("near_miss", False)),
            ))
        except (ValueError, KeyError, TypeError) as exc:
            raise _user_error(f"问题集 {path} 第 {number} 行格式错误：{exc}") from exc
    if not questions:
        raise _user_error(f"问题集 {path} 中没有问题")
    return questions[:limit] if limit else questions


# ---------------------------------------------------------------- context


def _label_form(label: str) -> str:
    """A label compared as written, whatever its width and spacing: `六、(三)`, `六、（三）` and
    `附件2 三、（一）` / `附件2三、（一）` each have one form; so have a heading cited whole with the colon
    its line writes after the label and without it (`第二步：办理申领`, `第二步办理申领`)."""
    return re.sub(r"[\s:]+", "", unicodedata.normalize("NFKC", label))


@dataclass
class Corpus:
    """What every configuration is scored against: the parsed sections."""

    sections: list[Section]
    default_doc: str  # the document gold labels refer to when a row names none
    known_units: list[str]

    @classmethod
    def load(cls, settings: Settings, questions: list[GoldQuestion]) -> "Corpus":
        sections = [s for d in service.parse_corpus(settings.corpus_dir).documents for s in d.sections]
        if not sections:
            raise _user_error(f"语料目录 {settings.corpus_dir} 中没有可读取的文件")
        corpus = cls(sections, "", sorted({u for s in sections for u in s.units}))
        wanted = {label for q in questions for label in q.gold_sections}
        docs = list(dict.fromkeys(s.doc for s in sections))
        corpus.default_doc = max(docs, key=lambda d: sum(1 for label in wanted if corpus.section_label(d, label)))
        return corpus

    def key(self, doc: str, label: str) -> str:
        return label if doc == self.default_doc else f"{doc}#{label}"

    def section_label(self, doc: str, label: str) -> str:
        """The label of the one section of `doc` a gold label names, '' when it names none or
        several. This is the one place a gold label meets the outline. A section is named by its
        label as cited, or by any qualified form of it its outline path gives: the bare label
        (`（五）`), with its chapter (`三、（五）`), with its part (`附件2 三、（五）`), compared
        whatever the width and spacing. A set that qualifies a label the parser left bare (it
        occurs once) and one that cites the bare label the parser qualified both name the same
        section; a bare label that several sections share names none of them (it is ambiguous,
        so it never counts as another section's)."""
        if not hasattr(self, "_forms"):
            self._forms: dict[tuple[str, str], set[str]] = {}
            for s in self.sections:
                for form in self._forms_of(s):
                    self._forms.setdefault((s.doc, form), set()).add(s.label)
        if any(s.doc == doc and s.label == label for s in self.sections):
            return label
        named = self._forms.get((doc, _label_form(label)), set())
        return next(iter(named)) if len(named) == 1 else ""

    @staticmethod
    def _forms_of(section: Section) -> set[str]:
        """The forms a section is named by: its label, and each tail of its outline path that
        ends with its own label (`三、 > （五）` -> `（五）`, `三、（五）`); each also with the heading's
        title after it, as a set may cite a heading whole to tell apart two `一、` (`一、灵活就业社保补贴`)."""
        forms = {_label_form(section.label)}
        path = [p for p in (section.path or "").split(" > ") if p.strip()]
        own = section.written_label or section.label
        if path and _label_form(path[-1]) == _label_form(own):
            for start in range(len(path)):
                forms.add(_label_form("".join(path[start:])))
        titled = {form + _label_form(section.title) for form in forms} if section.title else set()
        return forms | titled

    def credited(self, keys: list[str], gold: list[str]) -> list[str]:
        """`keys` (cited or ranked sections) with each section inside a gold section's span counted as that
        section: a set's span runs from a heading to the next heading of its level or above, so a chapter
        cited by the set (`五、`, `四、办理方式`) holds the （一）（二） the parser made sections of their own,
        and an answer citing one of them cites within the gold span. A gold label that names no section
        (a chapter with no text of its own) holds the sections whose outline path opens with it."""
        def holder(key: str) -> str:
            section = self.by_key.get(key)
            if section is None or key in gold:
                return key
            path = [p for p in (section.path or "").split(" > ") if p.strip()]
            heads = {_label_form("".join(path[:n])) for n in range(1, len(path))}
            for g in gold:
                outer = self.by_key.get(g)
                doc, _, label = g.rpartition("#") if "#" in g else (self.default_doc, "", g)
                if outer is not None and outer.doc == section.doc and outer.path \
                        and (section.path or "").startswith(outer.path + " > "):
                    return g
                if outer is None and doc == section.doc and _label_form(label) in heads:
                    return g
            return key

        return list(dict.fromkeys(holder(k) for k in keys))

    def text_of(self, key: str) -> str:
        """The text of a cited section (empty for a key the corpus lacks)."""
        section = self.by_key.get(key)
        return section.text if section is not None else ""

    @cached_property
    def by_key(self) -> dict[str, Section]:
        """Each section by the key citations and gold labels are compared with (read once the default
        document is known)."""
        return {self.key(s.doc, s.label): s for s in self.sections}

    def gold_keys(self, q: GoldQuestion) -> list[str]:
        """The keys of the sections the gold labels name (a label naming no one section keeps its
        own key, which no citation has)."""
        doc = q.doc or self.default_doc
        return list(dict.fromkeys(self.key(doc, self.section_label(doc, label) or label) for label in q.gold_sections))

    def gold_units(self, q: GoldQuestion) -> list[str]:
        """Parsed units of the gold sections, for lead/responsibility
        questions whose key facts are unit names (not for "what does unit X
        do" questions, whose key facts are section labels)."""
        field_name = UNIT_TYPES.get(q.type)
        firsts = [f if isinstance(f, str) else f[0] for f in q.key_facts]
        if not field_name or not firsts or not all(f in self.known_units for f in firsts):
            return []
        doc = q.doc or self.default_doc
        named = {self.section_label(doc, label) for label in q.gold_sections} - {""}
        out: list[str] = []
        for s in self.sections:
            if s.doc == doc and s.label in named:
                out += [u for u in getattr(s, field_name) if u not in out]
        return out


# ---------------------------------------------------------------- runners


class CachedEmbeddings(Embeddings):
    """Remembers the last few query vectors, so scoring the ranking after
    an answer does not embed the same question twice. One per configuration:
    no configuration's latency benefits from another's work."""

    def __init__(self, inner: Embeddings, size: int = 8):
        self.inner, self.size = inner, size
        self.name = getattr(inner, "name", type(inner).__name__)
        self._cache: dict[str, list[float]] = {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        if text not in self._cache:
            if len(self._cache) >= self.size:
                self._cache.pop(next(iter(self._cache)))
            self._cache[text] = self.inner.embed_query(text)
        return self._cache[text]


class AssistantRunner:
    """A configuration served by the product's `Assistant`."""

    def __init__(self, assistant):
        self.assistant = assistant
        self._last: Answer | None = None

    def answer(self, q: GoldQuestion) -> Answer:
        session = self.assistant.new_session()
        for earlier in q.history:  # follow-ups: the earlier turns first, same session
            self.assistant.ask(earlier, session=session)
        self._last = self.assistant.ask(q.question, session=session)
        return self._last

    def ranked(self, q: GoldQuestion) -> list[Section]:
        """The sections the answerer itself retrieved for this question."""
        last, self._last = self._last, None
        if last is not None and last.question == q.question and getattr(last, "ranking", None):
            by_key = {(s.doc, s.label): s for s in self.assistant.sections()}
            return [by_key[key] for key in last.ranking if key in by_key]
        return self._search(q)

    def _search(self, q: GoldQuestion) -> list[Section]:
        return self.assistant.rank(q.question, RANK_DEPTH, previous=q.history[-1] if q.history else "")

    def close(self) -> None:
        pass


class NaiveRunner:
    """The naive RAG peer: stateless, it sees the question alone."""

    def __init__(self, naive):
        self.naive = naive

    def answer(self, q: GoldQuestion) -> Answer:
        return self.naive.ask(q.question)

    def ranked(self, q: GoldQuestion) -> list[Section]:
        return self.naive.ranked_sections(q.question)

    def close(self) -> None:
        self.naive.close()


@dataclass
class Setup:
    runner: object
    settings: dict  # what distinguishes the configuration
    seconds: float  # time to open or build it


class Builder:
    """Opens each configuration; shares the product's index and embedding
    model where the configuration allows."""

    def __init__(self, settings: Settings, corpus: Corpus, workdir: Path):
        self.settings, self.corpus, self.workdir = settings, corpus, workdir
        self._index = None
        self._embeddings = None

    def _shared(self):
        if self._embeddings is None:
            self._embeddings = service.make_embeddings(self.settings)
        if self._index is None:
            self._index = service.Assistant.open(self.settings, embeddings=self._embeddings).index
        return self._index, self._embeddings

    def _assistant(self, settings: Settings) -> AssistantRunner:
        index, embeddings = self._shared()
        return AssistantRunner(service.Assistant(settings, index, embeddings=CachedEmbeddings(embeddings)))

    def build(self, name: str) -> Setup:
        started = time.perf_counter()
        runner, described = getattr(self, f"_build_{name}")()
        return Setup(runner, described, time.perf_counter() - started)

    def _describe(self, s: Settings) -> dict:
        return {"retrieval_mode": s.retrieval_mode, "embedding": service.embedding_id(s), "answerer": s.answerer}

    def _build_product(self):
        return self._assistant(self.settings), self._describe(self.settings)

    def _build_dense(self):
        s = self.settings.with_overrides(retrieval_mode="dense")
        return self._assistant(s), self._describe(s)

    def _build_lexical(self):
        s = self.settings.with_overrides(retrieval_mode="lexical")
        return self._assistant(s), self._describe(s)

    def _build_naive(self):
        from assistant.evals.naive_rag import CHUNK_OVERLAP, CHUNK_SIZE, TOP_K, NaiveRAG

        try:
            embeddings = self._embeddings or service.make_embeddings(self.settings)
        except EmbeddingError as exc:
            raise Skip(str(exc)) from exc
        self._embeddings = embeddings
        naive = NaiveRAG.build(self.settings, self.corpus.sections, CachedEmbeddings(embeddings))
        described = {"retrieval_mode": "dense (chunks)", "embedding": getattr(embeddings, "name", ""),
                     "answerer": f"top-{TOP_K} chunks", "chunk_size": CHUNK_SIZE,
                     "chunk_overlap": CHUNK_OVERLAP, "chunks": len(naive.chunks), "store": "chromadb (in memory)"}
        return NaiveRunner(naive), described

    def _build_minilm(self):
        try:
            path = service.bundled_minilm_path()
        except EmbeddingError as exc:
            raise Skip(f"{exc}，已跳过") from exc
        s = self.settings.with_overrides(
            embedding_backend="sentence-transformers", embedding_model=path, index_dir=self.workdir / "index-minilm",
            chroma_url="",  # embedded, inside the temporary folder, whatever the product uses
        )
        try:
            embeddings = service.make_embeddings(s)
            service.build_index(s)
            assistant = service.Assistant.open(s, embeddings=CachedEmbeddings(embeddings))
        except BackendError as exc:
            raise Skip(f"无法建立 sentence-transformers 索引：{exc}") from exc
        return AssistantRunner(assistant), self._describe(s)

    def _build_llm(self):
        if not self.settings.llm_base_url:
            raise Skip("未配置 LLM 端点（POLICY_ASSISTANT_LLM_BASE_URL），已跳过")
        s = self.settings.with_overrides(answerer="llm")
        index, embeddings = self._shared()
        try:
            assistant = service.Assistant(s, index, embeddings=CachedEmbeddings(embeddings))
        except Exception as exc:  # missing module, bad endpoint settings
            raise Skip(f"无法启用 LLM 回答器：{type(exc).__name__}: {exc}") from exc
        return AssistantRunner(assistant), {**self._describe(s), "llm_model": s.llm_model}


# ---------------------------------------------------------------- scoring


def score(q: GoldQuestion, answer: Answer | None, ranked: list[Section], latency_ms: float | None,
          corpus: Corpus, error: str = "") -> dict:
    """One result row: what was answered, cited and ranked, and its metrics."""
    refused = (not answer.answerable) if answer else q.answerable  # an error always counts as a failure
    text = answer.text if answer else ""
    gold = corpus.gold_keys(q)
    quoted = list(dict.fromkeys(corpus.key(c.doc, c.section) for c in (answer.citations if answer else [])))
    cited = corpus.credited(quoted, gold)
    ranked_keys = metrics.dedupe(corpus.credited([corpus.key(s.doc, s.label) for s in ranked], gold))
    gold_units = corpus.gold_units(q)
    # a cited section's text and its document's title (a plan's period, 2016-2020, is in its title)
    cited_texts = [corpus.text_of(key) for key in quoted] + list({c.doc for c in (answer.citations if answer else [])})
    row = {
        "id": q.id, "type": q.type, "question": q.question, "answer": text, "refused": refused,
        "intent": answer.intent if answer else "", "cited": cited, "ranked": ranked_keys[:RANK_DEPTH],
        "gold_sections": gold, "missing_facts": metrics.missing_facts(text, q.key_facts) if q.answerable else [],
        "latency_ms": latency_ms,
        "metrics": metrics.question_metrics(
            ranked=ranked_keys, cited=cited, gold_sections=gold, answer=text, refused=refused,
            answerable=q.answerable, key_facts=q.key_facts, gold_units=gold_units, known_units=corpus.known_units,
            cited_texts=cited_texts if answer is not None else None, question=q.question,
        ),
    }
    row["metrics"]["wrong_kind_rate"] = wrong_kind(q, text, refused)
    row["metrics"]["mark_error_rate"] = mark_errors(answer) if answer is not None and not refused else None
    row["metrics"]["near_miss_rate"] = (1.0 if refused else 0.0) if q.near_miss else None
    if answer is not None:
        row["coverage"], row["missing"] = answer.coverage, answer.missing
    if gold_units:
        row["gold_units"] = gold_units
        row["units_stated"] = metrics.units_stated(text, corpus.known_units)
    if error:
        row["error"] = error
    return row


# a source mark, not a document number's year quoted from the text (粤府〔2015〕1号)
MARK = re.compile(r"〔(?!\d+〕)(?:《([^》]+)》)?([^〔〕《》]+?)〕")


def mark_errors(answer: Answer) -> float:
    """MarkErr: 1 when a source mark in the answer (〔《doc》label title〕 or 〔label title〕)
    names a document or section that none of its citations is."""
    cited = [(c.doc, c.section) for c in answer.citations]
    for doc, label in MARK.findall(answer.text):
        # (a part 三、之2 is marked by its chapter, 〔三、科技金融创新方面〕)
        if not any((not doc or doc == d) and (label.startswith(s.split("之")[0]) or s.startswith(label))
                   for d, s in cited):
            return 1.0
    return 0.0


def wrong_kind(q: GoldQuestion, answer: str, refused: bool) -> float | None:
    """WrongKind for a figure question answered: 1 when the answer states figures
    and none of them is a gold figure (a share given for a rate, a cap of another
    expense for the deduction rate); None for other questions."""
    if not q.answerable or refused or q.asks not in service.FIGURE_KINDS:
        return None
    stated = service.read_quantities(answer)
    if not stated:
        return 0.0
    wanted = [alt for fact in q.key_facts for alt in ([fact] if isinstance(fact, str) else fact)]
    gold = {(round(g.value, 6), g.kind) for alt in wanted for g in service.read_quantities(alt)}
    if not gold:
        return None
    return 0.0 if any((round(s.value, 6), s.kind) in gold or any(round(s.value, 6) == v for v, _ in gold)
                      for s in stated) else 1.0


GIVE_UP_AFTER = 3  # a configuration whose first questions all fail (endpoint down) is stopped


def run_config(name: str, runner, questions: list[GoldQuestion], corpus: Corpus) -> list[dict]:
    from tqdm import tqdm

    rows = []
    for q in tqdm(questions, desc=f"{name:>8}", unit="题", file=sys.stderr, leave=True):
        answer, error, latency = None, "", None
        try:
            answer = runner.answer(q)
            latency = answer.latency_ms
        except Exception as exc:  # one failing question must not stop the run
            error = f"{type(exc).__name__}: {exc}"
        try:
            ranked = runner.ranked(q)
        except Exception as exc:
            ranked, error = [], error or f"{type(exc).__name__}: {exc}"
        rows.append(score(q, answer, ranked, latency, corpus, error))
        if len(rows) == GIVE_UP_AFTER and all("error" in r for r in rows):
            raise Skip(f"前 {GIVE_UP_AFTER} 题全部出错，已停止该配置：{rows[0]['error']}")
    return rows


# ---------------------------------------------------------------- optional RAGAS

RAGAS_SAMPLE = 40  # answered questions judged per configuration: an LLM judge is slow


def ragas_scores(settings: Settings, rows_by_config: dict[str, list[dict]], corpus: Corpus) -> dict:
    """RAGAS faithfulness and answer relevancy, when the `ragas` package and
    an LLM endpoint (the judge) are both available; otherwise a note saying
    why they were skipped. Never fails the run."""
    try:
        import ragas  # noqa: F401
    except ImportError:
        return {"status": "skipped", "reason": "未安装 ragas，未计算 RAGAS 忠实度与答案相关性（可选指标）"}
    if not settings.llm_base_url:
        return {"status": "skipped", "reason": "已安装 ragas，但未配置 LLM 端点（评判模型），未计算 RAGAS 指标"}
    try:
        return {"status": "ok", "sample": RAGAS_SAMPLE, "configs": _ragas_run(settings, rows_by_config, corpus)}
    except Exception as exc:  # the judge is external: report, do not fail
        return {"status": "failed", "reason": f"RAGAS 计算失败：{type(exc).__name__}: {exc}"}


def _ragas_run(settings: Settings, rows_by_config: dict[str, list[dict]], corpus: Corpus) -> dict:
    from ragas import EvaluationDataset, evaluate
    from ragas.embeddings import LangchainEmbeddingsWrapper
    from ragas.llms import LangchainLLMWrapper
    from ragas.metrics import answer_relevancy, faithfulness

    llm = LangchainLLMWrapper(service.make_chat_model(settings))
    embeddings = LangchainEmbeddingsWrapper(service.make_embeddings(settings))
    texts = {corpus.key(s.doc, s.label): s.text for s in corpus.sections}
    out = {}
    for name, rows in rows_by_config.items():
        sample = [r for r in rows if not r["refused"] and r["answer"] and r["cited"]][:RAGAS_SAMPLE]
        if not sample:
            continue
        dataset = EvaluationDataset.from_list([
            {"user_input": r["question"], "response": r["answer"],
             "retrieved_contexts": [texts[k] for k in r["cited"] if k in texts]}
            for r in sample
        ])
        frame = evaluate(dataset, metrics=[faithfulness, answer_relevancy], llm=llm,
                         embeddings=embeddings, show_progress=False).to_pandas()
        out[name] = {col: float(frame[col].mean()) for col in ("faithfulness", "answer_relevancy")
                     if col in frame}
    return out


# ---------------------------------------------------------------- orchestration


def evaluate(settings: Settings, questions: list[GoldQuestion], configs: list[str],
             gold_path: Path | None = None, progress: Callable[[str], None] | None = None) -> tuple[dict, dict]:
    """Run every configuration; returns (metrics document, rows per config)."""
    say = progress or (lambda msg: print(msg, file=sys.stderr, flush=True))
    started = time.perf_counter()
    corpus = Corpus.load(settings, questions)
    rows_by_config: dict[str, list[dict]] = {}
    results: dict[str, dict] = {}
    workdir = Path(tempfile.mkdtemp(prefix="policy-eval-"))
    builder = Builder(settings, corpus, workdir)
    try:
        for name in configs:
            results[name], rows = _run_one(name, builder, questions, corpus, say)
            if rows is not None:
                rows_by_config[name] = rows
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    document = {
        "format": 1,
        "created": time.strftime("%Y-%m-%d %H:%M:%S"),
        "gold": str(gold_path) if gold_path else "",
        "gold_sha256": _sha256(gold_path),
        "questions": len(questions),
        "types": _count_types(questions),
        "default_doc": corpus.default_doc,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "settings": settings.public_dict(),
        "configs": results,
        "ragas": ragas_scores(settings, rows_by_config, corpus),
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    return document, rows_by_config


def _run_one(name, builder: Builder, questions, corpus, say) -> tuple[dict, list[dict] | None]:
    say(f"[{name}] 准备：{TITLES[name]}")
    try:
        setup = builder.build(name)
    except Skip as exc:
        say(f"[{name}] 跳过：{exc}")
        return {"title": TITLES[name], "status": "skipped", "reason": str(exc)}, None
    ran = time.perf_counter()
    try:
        _warm_up(setup.runner)
        rows = run_config(name, setup.runner, questions, corpus)
    except Skip as exc:
        say(f"[{name}] 失败：{exc}")
        return {"title": TITLES[name], "status": "failed", "reason": str(exc)}, None
    finally:
        setup.runner.close()
    result = {
        "title": TITLES[name], "status": "ok", "settings": setup.settings,
        "setup_seconds": round(setup.seconds, 2), "run_seconds": round(time.perf_counter() - ran, 2),
        "errors": sum(1 for r in rows if "error" in r),
        "overall": metrics.aggregate(rows), "by_type": metrics.by_group(rows),
    }
    return result, rows


WARM_UP = GoldQuestion("warm-up", "政策助手预热：科技企业有哪些扶持措施？", "warm-up", [], [], True)


def _warm_up(runner) -> None:
    """One unscored question first, so lazy loading (tokenizer dictionaries,
    model sessions) is not charged to the first gold question's latency."""
    try:
        runner.answer(WARM_UP)
    except Exception:
        pass  # the scored run reports any real failure


def _sha256(path: Path | None) -> str:
    if not path or not Path(path).is_file():
        return ""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _count_types(questions: list[GoldQuestion]) -> dict[str, int]:
    out: dict[str, int] = {}
    for q in questions:
        out[q.type] = out.get(q.type, 0) + 1
    return out


def parse_configs(raw: list[str] | None) -> list[str]:
    """Configuration names from repeated or comma-separated --config."""
    if not raw:
        return list(CONFIG_NAMES)
    names = [n.strip() for item in raw for n in item.split(",") if n.strip()]
    unknown = [n for n in names if n not in TITLES]
    if unknown:
        raise _user_error(f"未知的评测配置：{'、'.join(unknown)}（可选：{'、'.join(CONFIG_NAMES)}）")
    return [n for n in CONFIG_NAMES if n in names]


SPLITS_FILE = Path("evals/gold/splits.toml")


@dataclass
class Split:
    name: str
    gold: Path
    corpus: Path | None  # None: the configured corpus


def load_splits(wanted: list[str] | None, gold: str | None) -> list[Split]:
    """The gold sets to run: one --gold file over the configured corpus, or
    the sets of evals/gold/splits.toml whose files exist (all, or --split)."""
    if gold:
        return [Split(Path(gold).stem, Path(gold), None)]
    import tomllib

    try:
        table = tomllib.loads(SPLITS_FILE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise _user_error(f"无法读取问题集清单 {SPLITS_FILE}：{exc}") from exc
    names = [n.strip() for item in (wanted or []) for n in item.split(",") if n.strip()] or list(table)
    unknown = [n for n in names if n not in table]
    if unknown:
        raise _user_error(f"未知的问题集：{'、'.join(unknown)}（可选：{'、'.join(table)}）")
    splits = [Split(n, Path(table[n]["gold"]), Path(table[n]["corpus"])) for n in names]
    missing = [s for s in splits if not s.gold.is_file()]
    if wanted and missing:
        raise _user_error(f"问题集文件不存在：{'、'.join(str(s.gold) for s in missing)}")
    return [s for s in splits if s.gold.is_file()]


def split_settings(settings: Settings, split: Split) -> Settings:
    """The configured corpus uses the configured index; another corpus gets
    its own index folder inside it. Either is built incrementally when needed: a
    parser changed since the last build re-parses, so no run scores yesterday's outline."""
    if split.corpus is None or split.corpus.resolve() == settings.corpus_dir.resolve():
        service.build_index(settings)
        return settings
    s = settings.with_overrides(corpus_dir=split.corpus, index_dir=settings.index_dir / "evals" / split.name)
    service.build_index(s)
    return s


def default_out() -> Path:
    base = Path("evals") / "reports" / time.strftime("%Y%m%d-%H%M%S")
    out, n = base, 1
    while out.exists():
        n += 1
        out = base.with_name(f"{base.name}-{n}")
    return out


def main(args, settings: Settings) -> int:
    """CLI entry: args has gold, splits, configs, out, compare, limit."""
    from assistant.evals import report

    if args.compare:
        try:
            print(report.compare(*args.compare))
        except (OSError, ValueError, KeyError) as exc:
            raise _user_error(f"无法比较报告：{exc}") from exc
        return 0
    if args.limit is not None and args.limit < 1:
        raise _user_error("--limit 必须是正整数")
    splits = load_splits(getattr(args, "splits", None), args.gold)
    if not splits:
        raise _user_error("没有可运行的问题集（evals/gold/splits.toml 中列出的文件都不存在）")
    configs = parse_configs(args.configs)
    out = Path(args.out) if args.out else default_out()
    documents = {}
    for split in splits:
        print(f"== 问题集 {split.name}（{split.gold}）", file=sys.stderr, flush=True)
        questions = load_gold(split.gold, args.limit)
        document, rows = evaluate(split_settings(settings, split), questions, configs, gold_path=split.gold)
        report.write_report(out / split.name, document, rows)
        documents[split.name] = document
    report.write_overview(out, documents)
    print(report.splits_table(documents))
    print(f"\n报告已写入 {out}（report.md、metrics.json；各问题集的详细报告在子目录中）")
    return 0
