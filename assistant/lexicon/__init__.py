"""Vocabularies as data: one TOML file per table in this folder, every
entry general domain knowledge with a note on why it is there.

A table file looks like this (each entry a name, its surface forms as
documents and users write them, and the reason the entry exists):

    [[entry]]
    name = "高新技术企业"
    forms = ["高新技术企业", "高新企业", "高企"]
    why = "the standard qualification (国科发火〔2016〕32号); 高企 is its common short form"

`load(name)` returns the entries in file order; `table(name)` the
name -> forms mapping the matchers use. Files are read once per process.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Entry:
    name: str
    forms: tuple[str, ...] = ()
    why: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@lru_cache(maxsize=None)
def load(name: str) -> tuple[Entry, ...]:
    data = tomllib.loads((HERE / f"{name}.toml").read_text(encoding="utf-8"))
    out = []
    for raw in data.get("entry", []):
        raw = dict(raw)
        if not raw.get("why"):
            raise ValueError(f"lexicon {name}: entry {raw.get('name')!r} has no 'why'")
        entry_name = raw.pop("name")
        forms = tuple(raw.pop("forms", ()))
        why = raw.pop("why")
        out.append(Entry(entry_name, forms, why, raw))
    return tuple(out)


def table(name: str) -> dict[str, tuple[str, ...]]:
    """name -> surface forms, in file order."""
    return {e.name: e.forms for e in load(name)}


def words(name: str) -> tuple[str, ...]:
    """A flat word list: every entry's forms (or its name when it has none)."""
    out: list[str] = []
    for e in load(name):
        out += list(e.forms or (e.name,))
    return tuple(out)


def available() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.toml"))
