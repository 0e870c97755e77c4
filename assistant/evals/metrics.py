"""Evaluation metrics: pure functions, deterministic, no LLM judge.

Retrieval metrics take a ranked list of section ids (best first) and the
set of gold ids; an id is whatever the caller compares on (a label such as
`（十六）`, or `doc#label`). Repeated ids in a ranking count once, at their
best rank. Every per-question metric returns a float in [0, 1], or None
when it does not apply (the aggregate then skips that question).
"""

from __future__ import annotations

import math
import re
import unicodedata
from statistics import mean
from typing import Iterable, Sequence

from assistant.service import read_quantities, units_in

KeyFact = str | Sequence[str]  # one string, or alternatives any of which counts

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Text as compared for key facts: NFKC folds full-width letters, digits
    and `％` to their half-width forms; whitespace is dropped; Latin is
    lower-cased."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).lower()


def dedupe(ranked: Iterable[str]) -> list[str]:
    """Ranking with repeats removed, first (best) occurrence kept."""
    return list(dict.fromkeys(ranked))


# ---------------------------------------------------------------- retrieval


def hit_at_k(ranked: Sequence[str], gold: Iterable[str], k: int) -> float | None:
    """1.0 when any gold id is among the first k distinct ids, else 0.0."""
    gold = set(gold)
    if not gold:
        return None
    return 1.0 if gold & set(dedupe(ranked)[:k]) else 0.0


def reciprocal_rank(ranked: Sequence[str], gold: Iterable[str]) -> float | None:
    """1 / rank of the first gold id (0.0 when none is ranked)."""
    gold = set(gold)
    if not gold:
        return None
    for rank, item in enumerate(dedupe(ranked), 1):
        if item in gold:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[str], gold: Iterable[str], k: int = 10) -> float | None:
    """Binary-relevance nDCG@k: DCG = sum over gold ids at rank r <= k of
    1/log2(r+1), divided by the DCG of a ranking with every gold id first."""
    gold = set(gold)
    if not gold:
        return None
    dcg = sum(1.0 / math.log2(r + 1) for r, item in enumerate(dedupe(ranked)[:k], 1) if item in gold)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(gold), k) + 1))
    return dcg / ideal


# ---------------------------------------------------------------- sets


def set_prf(predicted: Iterable[str], gold: Iterable[str]) -> tuple[float, float, float]:
    """(precision, recall, F1) of two sets. Both empty counts as perfect;
    one empty gives 0 for the undefined side."""
    predicted, gold = set(predicted), set(gold)
    if not predicted and not gold:
        return 1.0, 1.0, 1.0
    common = len(predicted & gold)
    precision = common / len(predicted) if predicted else 0.0
    recall = common / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def set_f1(predicted: Iterable[str], gold: Iterable[str]) -> float:
    return set_prf(predicted, gold)[2]


def citation_precision(cited: Iterable[str], gold: Iterable[str]) -> float | None:
    """Share of the distinct cited sections that are gold; None when the
    answer cites nothing (recall carries that failure)."""
    cited = set(cited)
    if not cited or not set(gold):
        return None
    return len(cited & set(gold)) / len(cited)


def citation_recall(cited: Iterable[str], gold: Iterable[str]) -> float | None:
    """Share of the gold sections that the answer cites."""
    gold = set(gold)
    if not gold:
        return None
    return len(set(cited) & gold) / len(gold)


# ---------------------------------------------------------------- answer text


def _alternatives(fact: KeyFact) -> list[str]:
    return [fact] if isinstance(fact, str) else list(fact)


_BARE_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Numbers the answer adds as formatting, not as statements about the documents.
_FORMATTING = re.compile(
    r"(?m)^\s*\d+[.．、)]\s*|\[\d+\]|《[^《》]*》|〔[^〔〕]*〕"  # list markers, [n], document titles, source marks
    r"|(?:以下|另有|共|其余)\s*\d+\s*项"  # the answer counting its own list ("以下 5 项…另有 161 项", "其余 8 项条件")
    r"|贵单位\s*\d+(?:\.\d+)?%?"  # the applicant's own figure as the self-check reads it (a share of two it gave)
    r"|（又见[^（）]*）|\(also in [^()]*\)"  # a pointer to another section by its label (又见三、之2)
)


def _states(text: str, alternative: str) -> bool:
    """A bare number counts only as a whole number ("20" is not in "2020"
    nor in "20.5"); any other fact as a substring."""
    alt = normalize(alternative)
    if not alt:
        return False
    if _BARE_NUMBER.match(alt):
        return alt in _NUMBER.findall(text)
    return alt in text


def fact_present(answer: str, fact: KeyFact) -> bool:
    """Whether the answer states the fact, or one of its alternatives."""
    text = normalize(answer)
    return any(_states(text, alt) for alt in _alternatives(fact))


# A sum an English answer restates in other digits (`RMB 200,000` for 20万元, `up to RMB 2 million`).
_ENGLISH_SUM = re.compile(r"\b(?:RMB|USD) (\d[\d,]*(?:\.\d+)?)(?: (million|billion))?")
_SCALE = {None: 1.0, "million": 1e6, "billion": 1e9}


def _restated_sums(answer: str, cited_texts: Sequence[str]) -> str:
    """The answer with each English sum whose value a cited text states (as the one quantity grammar
    reads it) left out: the same figure in other digits, not a figure of its own."""
    if not _ENGLISH_SUM.search(answer):
        return answer
    stated = {q.value for text in cited_texts for q in read_quantities(text) if q.kind == "amount"}

    def backed(m: re.Match) -> str:
        value = float(m.group(1).replace(",", "")) * _SCALE[m.group(2)]
        return " " if any(abs(value - v) < 0.5 for v in stated) else m.group(0)

    return _ENGLISH_SUM.sub(backed, answer)


def unsupported_numbers(answer: str, cited_texts: Sequence[str], question: str = "") -> list[str]:
    """Numbers the answer states that none of its cited sections contains:
    a figure the documents do not back (expected: none). A sum said in English
    in other digits counts as stated when its value is; the asker's own figures
    (营收8000万, checked against a threshold) are the question's, not made up."""
    support = set()
    for text in [*cited_texts, question]:
        support.update(_NUMBER.findall(normalize(text)))
    answer = _restated_sums(answer, cited_texts)
    stated = _NUMBER.findall(normalize(_FORMATTING.sub(" ", answer)))
    return [n for n in dict.fromkeys(stated) if n not in support]


def missing_facts(answer: str, facts: Sequence[KeyFact]) -> list[KeyFact]:
    return [f for f in facts if not fact_present(answer, f)]


def key_fact_accuracy(answer: str, facts: Sequence[KeyFact]) -> float | None:
    """Share of the key facts the answer states (None when there are none)."""
    if not facts:
        return None
    return 1.0 - len(missing_facts(answer, facts)) / len(facts)


def units_stated(answer: str, known_units: Sequence[str]) -> list[str]:
    """The known unit names (canonical, alias or short form) found in the
    answer text."""
    return units_in(answer, list(known_units))


def unit_f1(answer: str, gold_units: Sequence[str], known_units: Sequence[str]) -> float | None:
    """Set-F1 of the units the answer names against the gold units."""
    if not gold_units:
        return None
    return set_f1(units_stated(answer, known_units), gold_units)


# ---------------------------------------------------------------- aggregation


def percentile(values: Sequence[float], p: float) -> float | None:
    """The p-th percentile with linear interpolation between closest ranks
    (numpy's default): p50 of [1, 2, 3, 4] is 2.5."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * p / 100.0
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def mean_of(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return mean(present) if present else None


# Metrics computed per question (mean-aggregated), in report order.
QUESTION_METRICS = [
    "hit@1", "hit@3", "hit@5", "mrr", "ndcg@10",
    "citation_precision", "citation_recall", "key_fact_accuracy", "unit_f1",
    "refusal_rate", "false_refusal_rate", "unsupported_number_rate", "wrong_kind_rate", "near_miss_rate",
    "mark_error_rate",
]
LATENCY_METRICS = ["latency_p50_ms", "latency_p95_ms"]
ALL_METRICS = QUESTION_METRICS + LATENCY_METRICS
# Metrics where a lower value is better; every other metric is higher-better.
LOWER_IS_BETTER = {"false_refusal_rate", "unsupported_number_rate", "wrong_kind_rate", "mark_error_rate", "latency_p50_ms",
                   "latency_p95_ms"}


def question_metrics(
    *,
    ranked: Sequence[str],
    cited: Sequence[str],
    gold_sections: Sequence[str],
    answer: str,
    refused: bool,
    answerable: bool,
    key_facts: Sequence[KeyFact] = (),
    gold_units: Sequence[str] = (),
    known_units: Sequence[str] = (),
    cited_texts: Sequence[str] | None = None,
    question: str = "",
) -> dict[str, float | None]:
    """Every per-question metric for one answered question. Retrieval,
    citation, key-fact and unit metrics apply to answerable questions only;
    refusal_rate to unanswerable ones, false_refusal_rate to answerable ones."""
    if not answerable:
        out: dict[str, float | None] = {m: None for m in QUESTION_METRICS}  # (wrong_kind, near_miss: set by the harness)
        out["refusal_rate"] = 1.0 if refused else 0.0
        return out
    unsupported = None
    if cited_texts is not None and not refused:
        unsupported = 1.0 if unsupported_numbers(answer, cited_texts, question) else 0.0
    return {
        "hit@1": hit_at_k(ranked, gold_sections, 1),
        "hit@3": hit_at_k(ranked, gold_sections, 3),
        "hit@5": hit_at_k(ranked, gold_sections, 5),
        "mrr": reciprocal_rank(ranked, gold_sections),
        "ndcg@10": ndcg_at_k(ranked, gold_sections, 10),
        "citation_precision": citation_precision(cited, gold_sections),
        "citation_recall": citation_recall(cited, gold_sections),
        "key_fact_accuracy": key_fact_accuracy(answer, key_facts),
        "unit_f1": unit_f1(answer, gold_units, known_units) if gold_units else None,
        "refusal_rate": None,
        "false_refusal_rate": 1.0 if refused else 0.0,
        "unsupported_number_rate": unsupported,
    }


def aggregate(rows: Sequence[dict]) -> dict[str, float | int | None]:
    """Means of the per-question metrics over rows (each row has a `metrics`
    dict and a `latency_ms`), latency percentiles, and the row count."""
    out: dict[str, float | int | None] = {"n": len(rows)}
    for name in QUESTION_METRICS:
        out[name] = mean_of(r["metrics"].get(name) for r in rows)
    latencies = [r["latency_ms"] for r in rows if r.get("latency_ms") is not None]
    out["latency_p50_ms"] = percentile(latencies, 50)
    out["latency_p95_ms"] = percentile(latencies, 95)
    return out


def by_group(rows: Sequence[dict], key: str = "type") -> dict[str, dict]:
    """`aggregate` per value of row[key], in first-seen order."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return {name: aggregate(group) for name, group in groups.items()}


def question_score(metrics: dict[str, float | None]) -> float:
    """One number per question for ranking the worst ones: the mean of the
    key-fact accuracy, citation recall, MRR and not-refusing for answerable
    questions; 1 for a correctly refused unanswerable one, else 0."""
    if metrics.get("refusal_rate") is not None:
        return metrics["refusal_rate"]
    parts = [metrics.get("key_fact_accuracy"), metrics.get("citation_recall"), metrics.get("mrr")]
    refused = metrics.get("false_refusal_rate")
    parts.append(None if refused is None else 1.0 - refused)
    return mean_of(parts) or 0.0
