"""Vocabulary lookups for the policy calculator (eligibility).

The tables are data (assistant/lexicon/*.toml, each entry with its reason);
this module loads them and finds their terms in text. Matching is
longest-surface-first with masking, so `科技型中小企业` is not also read as
`中小企业`, and `科技企业孵化器` is an incubator, not a tech company. A form
of who is meant that has two characters (高企) counts only where a word starts, so
`提高企业` does not contain 高企.
"""

from __future__ import annotations

from functools import lru_cache

import jieba

from assistant import lexicon

jieba.setLogLevel(60)


def _extra(name: str, key: str) -> dict[str, object]:
    return {e.name: e.extra.get(key) for e in lexicon.load(name)}


SUPPORT_CUES = lexicon.words("support_cues")
BENEFICIARIES = lexicon.table("beneficiaries")
MULTI = lexicon.table("beneficiary_multi")  # surfaces naming several beneficiaries
IMPLIES = lexicon.table("beneficiary_implies")
INTERMEDIARIES = tuple(e.name for e in lexicon.load("intermediaries"))
SIZES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _extra("sizes", "includes").items()}
SIZE_ALIASES = {form: e.name for e in lexicon.load("sizes") for form in e.forms}
SUPPORT_TYPES = lexicon.table("support_types")
NEEDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    e.name: (tuple(e.extra.get("types", ())), e.forms) for e in lexicon.load("needs")}
NEED_WORDS = lexicon.table("need_words")
QUALIFICATION_WORDS = lexicon.table("qualification_words")
INDUSTRIES = lexicon.table("industries")
INDUSTRY_PARENTS = lexicon.table("industry_parents")
PLACES = lexicon.table("places")  # kinds of place; proper names are discovered (eligibility.places)
NEGATED = lexicon.words("negations")
MONEY_QUESTIONS = {form: e.extra.get("need") for e in lexicon.load("money_questions") for form in e.forms}

MASK = "\x00"


def _surfaces(table: dict[str, tuple[str, ...]], multi: dict[str, tuple[str, ...]] | None = None):
    pairs = [(s, (name,)) for name, forms in table.items() for s in forms]
    pairs += list((multi or {}).items())
    return sorted(pairs, key=lambda p: -len(p[0]))


_BENEFICIARY = _surfaces(BENEFICIARIES, MULTI)
QUALIFICATION_SURFACES = _surfaces(
    {k: BENEFICIARIES.get(k, ()) + QUALIFICATION_WORDS.get(k, ()) for k in BENEFICIARIES}, MULTI
)
_SUPPORT = _surfaces(SUPPORT_TYPES)
_INDUSTRY = _surfaces(INDUSTRIES)
_PLACE = _surfaces(PLACES)
NEED_SURFACES = _surfaces(NEED_WORDS)


@lru_cache(maxsize=4096)
def word_starts(text: str) -> frozenset[int]:
    """Offsets where jieba starts a word (short forms must start at one)."""
    starts, position = set(), 0
    for token in jieba.lcut(text):
        starts.add(position)
        position += len(token)
    return frozenset(starts)


def _occurs(surface: str, text: str, word_start: bool) -> list[int]:
    out, start = [], text.find(surface)
    while start >= 0:
        out.append(start)
        start = text.find(surface, start + 1)
    if word_start and len(surface) == 2 and out:
        starts = word_starts(text)
        out = [p for p in out if p in starts]
    return out


def find(text: str, surfaces, order, word_start: bool = False) -> tuple[list[str], str]:
    """Canonical names found in text (in table order), and the text with the
    matched surfaces masked so shorter surfaces inside them do not match.
    `word_start`: two-character forms (abbreviations such as 高企) count only
    where a word starts."""
    found: set[str] = set()
    for negated in NEGATED:
        text = text.replace(negated, MASK)
    for surface, names in surfaces:
        if surface not in text:
            continue
        positions = _occurs(surface, text, word_start)
        if not positions:
            continue
        found.update(names)
        for p in reversed(positions):  # mask only where it counted, keeping offsets
            text = text[:p] + MASK * len(surface) + text[p + len(surface):]
    return [name for name in order if name in found], text


def find_beneficiaries(text: str) -> list[str]:
    return find(text, _BENEFICIARY, BENEFICIARIES, word_start=True)[0]


def _main_type(text: str) -> str | None:
    found, _ = find(text, _SUPPORT, SUPPORT_TYPES)
    last = {name: max(text.rfind(f) for f in SUPPORT_TYPES[name]) for name in found}
    return max(found, key=lambda name: last[name], default=None)


def offered_types(text: str) -> list[str]:
    return list(_offered_types(text))  # a copy: the cached tuple stays as read


@lru_cache(maxsize=8192)
def _offered_types(text: str) -> tuple[str, ...]:
    """The support a measure grants: the type named last, since a measure
    ends with what it grants (`…创业投资企业…企业所得税优惠` is a tax measure,
    though it names investment); in a list of policies (A、B、C、D) the type
    each item ends with."""
    pieces = text.split("、") if text.count("、") >= 3 else [text]
    return tuple(dict.fromkeys(t for t in map(_main_type, pieces) if t))


def find_support_types(text: str) -> list[str]:
    """Support types named in a text, those it offers first."""
    found, _ = find(text, _SUPPORT, SUPPORT_TYPES)
    offered = offered_types(text)
    return offered + [name for name in found if name not in offered]


def find_industries(text: str) -> list[str]:
    return find(text, _INDUSTRY, INDUSTRIES)[0]


def find_place_kinds(text: str) -> tuple[list[str], str]:
    """Kinds of place (高新区, 专业镇, 园区) and the text with them masked."""
    return find(text, _PLACE, PLACES)

