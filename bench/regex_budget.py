"""How many regular-expression alternatives the answer layer holds: the patterns written in
`assistant/answer/` (each `re.*` call on a literal, its alternatives counted by top-level and nested
`|`), and the question-wording table the parser compiles (`lexicon/question_cues.toml`). The
query-plan issue asked for at most half of the ~540 alternatives `answer/` held when it was filed;
words moved into a data table are still alternatives, so both are printed.

    python bench/regex_budget.py

Saves bench/results/regex_budget.json.
"""

from __future__ import annotations

import ast
from pathlib import Path

from common import ROOT, save

RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}


def alternatives(pattern: str) -> int:
    return pattern.count("|") - pattern.count("\\|") + 1


def in_code(folder: Path) -> dict[str, tuple[int, int]]:
    """file -> (patterns, alternatives) of the literal patterns passed to `re` in that file."""
    found = {}
    for path in sorted(folder.rglob("*.py")):
        patterns = alts = 0
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_CALLS \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args:
                text = "".join(c.value for c in ast.walk(node.args[0])
                               if isinstance(c, ast.Constant) and isinstance(c.value, str))
                patterns += 1
                alts += alternatives(text)
        if patterns:
            found[str(path.relative_to(ROOT))] = (patterns, alts)
    return found


def in_cue_table() -> tuple[int, int, int]:
    """(cues, forms, alternatives) of the question-wording table."""
    from assistant import lexicon

    table = lexicon.table("question_cues")
    forms = [form for cue in table.values() for form in cue]
    return len(table), len(forms), sum(alternatives(f) for f in forms)


def main() -> None:
    code = in_code(ROOT / "assistant" / "answer")
    cues, forms, cue_alts = in_cue_table()
    for name, (patterns, alts) in sorted(code.items(), key=lambda kv: -kv[1][1]):
        print(f"{alts:5d} alternatives in {patterns:3d} patterns  {name}")
    total = sum(a for _, a in code.values())
    print(f"assistant/answer/: {sum(p for p, _ in code.values())} patterns, {total} alternatives")
    print(f"lexicon/question_cues.toml: {cues} cues, {forms} forms, {cue_alts} alternatives")
    save("regex_budget", {"answer_code": {"patterns": sum(p for p, _ in code.values()), "alternatives": total,
                                          "by_file": code},
                          "question_cues": {"cues": cues, "forms": forms, "alternatives": cue_alts}})


if __name__ == "__main__":
    main()
