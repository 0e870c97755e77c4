"""The evaluation stays independent of what it measures.

- No question of any gold set (evals/gold/*.jsonl) is in the tests, word for
  word or as a near copy: tests write their own questions, else a test tunes
  the product on the questions that score it.
- No held-out question is a near copy of a dev question (heldout vs dev, and
  any other `X_heldout` vs `X_dev`): else held-out measures what dev tuned.

A near copy is a character-bigram Jaccard similarity of at least 0.5 once width,
case, punctuation and spaces are folded. New sets are covered as they appear."""

from __future__ import annotations

import ast
import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "evals" / "gold"
TESTS = ROOT / "tests"
NEAR_COPY = 0.5
MIN_CHARS = 6  # shorter strings (a unit name, a label) are not questions


def folded(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).lower())


def bigrams(text: str) -> frozenset[str]:
    text = folded(text)
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def questions(path: Path) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row.get("id", ""), row["question"]) for row in rows if row.get("question")]


_ASKS = re.compile(r"[？?]|什么|哪|多少|几|吗|呢|谁|怎么|如何|是否|能否|有没有|"
                   r"\b(?:what|which|who|how|when|where|does|do|is|are|can)\b", re.I)
_PIECES = re.compile(r"\n|`|“|”|「|」|→|: |；")  # questions quoted inside a longer string


def strings_in(path: Path) -> list[str]:
    """Every question-like string a test module writes (f-string pieces and
    questions quoted in docstrings included); file names and titles are not questions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    texts = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    pieces = texts + [piece for text in texts for piece in _PIECES.split(text)]
    return [p for p in dict.fromkeys(pieces) if len(folded(p)) >= MIN_CHARS and _ASKS.search(p)]


def near_copies(strings: list[str], gold: list[tuple[str, str]]) -> list[tuple[str, str, float]]:
    """(gold id, string, similarity) for each string that copies a gold question or contains it."""
    found = []
    gold_grams = [(qid, folded(q), bigrams(q)) for qid, q in gold]
    for text in strings:
        grams, flat = bigrams(text), folded(text)
        for qid, question, q_grams in gold_grams:
            similarity = jaccard(grams, q_grams)
            if similarity >= NEAR_COPY or (len(question) >= 8 and question in flat):
                found.append((qid, text[:60], round(similarity, 2)))
    return found


GOLD_SETS = sorted(GOLD.glob("*.jsonl"))
TEST_MODULES = sorted(p for p in TESTS.rglob("*.py") if "data" not in p.relative_to(TESTS).parts)


def test_there_are_gold_sets_and_tests_to_check():
    assert {"dev", "heldout", "real"} <= {p.stem for p in GOLD_SETS}
    assert len(TEST_MODULES) >= 10


@pytest.mark.parametrize("gold", GOLD_SETS, ids=lambda p: p.stem)
def test_no_gold_question_is_in_the_tests(gold):
    questions_of_set = questions(gold)
    copies = [(module.name, *hit) for module in TEST_MODULES if module.name != Path(__file__).name
              for hit in near_copies(strings_in(module), questions_of_set)]
    assert not copies, f"{gold.name}: questions copied into tests (write the test's own): {copies}"


def _held_out_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for path in GOLD_SETS:
        dev = path.with_name(path.name.replace("heldout", "dev"))
        if "heldout" in path.stem and dev.exists():
            pairs.append((path, dev))
    return pairs


def test_every_held_out_set_has_its_dev_set():
    assert (GOLD / "heldout.jsonl", GOLD / "dev.jsonl") in _held_out_pairs()


@pytest.mark.parametrize("held_out,dev", _held_out_pairs(), ids=lambda p: p.stem)
def test_no_held_out_question_is_a_near_copy_of_a_dev_question(held_out, dev):
    copies = near_copies([q for _, q in questions(held_out)], questions(dev))
    assert not copies, f"{held_out.name} copies {dev.name}: {copies}"


def test_every_gold_set_says_what_it_was_used_for():
    import tomllib

    table = tomllib.loads((GOLD / "splits.toml").read_text(encoding="utf-8"))
    assert all(entry.get("use") for entry in table.values()), "give each split a use = \"...\""


def test_the_report_header_states_each_sets_use_not_a_fixed_claim(tmp_path):
    """The overview once said held-out and real were never used to choose a rule;
    real was used for error analysis. It now prints each set's own `use`."""
    import tomllib

    from assistant.evals.report import write_overview

    table = tomllib.loads((GOLD / "splits.toml").read_text(encoding="utf-8"))
    documents = {name: {"gold": str(ROOT / entry["gold"]), "configs": {}, "questions": 0}
                 for name, entry in table.items()}
    text = write_overview(tmp_path, documents).read_text(encoding="utf-8")
    for name, entry in table.items():
        assert f"**{name}**：{entry['use']}" in text
    assert "从不用来选择规则" not in text
