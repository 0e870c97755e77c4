"""The thing a question asks a figure or the existence of, as the question writes it: 公示期 of
公示期是多久, 保护价 of 有没有最低保护价, 仲裁费 of 要交多少仲裁费. Read once by the parser, from the
words and part-of-speech tags jieba gives the asking clause.

The answerer checks that the documents write that thing (`Answerer._unwritten_thing`): a figure for
公示期 cannot come from documents that never speak of one, however much of the rest of the question
they share; they are then said not to mention it, and the nearest provision is shown as such.
"""

from __future__ import annotations

import re
from typing import Callable

from assistant import lexicon
from assistant.answer.cues import cue
from assistant.answer.intents import FUNCTION_CHARACTERS
from assistant.lexicon.tags import dictionary_tag, has_chinese, tagged

THING_ASKED = cue("thing_asked")
EXISTENCE = ("有没有", "有无", "是否有")  # (asked after the word: 有没有最低保护价)
CLAUSE_END = re.compile(r"[，,。；;？?！!：:]")
NOUN_SUFFIXES = frozenset(lexicon.words("noun_suffixes"))

Words = tuple[tuple[str, str], ...]

# Tags of words that carry no thing between an asking word and what it asks of: adverbs (大概, 至少),
# pronouns (每月), conjunctions (可以), prepositions, particles, numerals, adjectives (具体, 最低),
# localisers (上), time words (税前). A one-character verb (是, 交, 贷) is a light verb there too.
_LIGHT_TAGS = ("d", "r", "c", "p", "u", "y", "m", "a", "f", "e", "o", "t", "z")
# Tags of words that name things: nouns (n, nr, nz…), verbal nouns, abbreviations, set phrases and the
# corpus's own terms jieba was taught (x)
_NOMINAL_TAGS = ("n", "vn", "j", "l", "i", "x")


def thing_asked(asking: str, names_kind: Callable[[str], bool]) -> str:
    """The thing the clause asking a figure or existence asks of; "" when none is written there.
    `names_kind` tells a word naming the kind of answer (比例, 上限), which says what is asked of the
    thing, not what the thing is."""
    m = THING_ASKED.search(asking)
    if m is None:
        return ""
    start = max((e.end() for e in CLAUSE_END.finditer(asking, 0, m.start())), default=0)
    end = next((e.start() for e in CLAUSE_END.finditer(asking, m.end())), len(asking))
    after = _after(_unglued(asking[m.end():end]), names_kind)
    if after or m.group() in EXISTENCE:
        return after
    return _before(_unglued(asking[start:m.start()]), names_kind)


def _unglued(text: str) -> Words:
    """The text's tagged Chinese words, a word jieba guessed across a word boundary (能扣, 费要: a word
    its dictionary lacks, starting or ending with a function character) cut back into its words."""
    out: list[tuple[str, str]] = []
    for word, tag in tagged(text):
        if not has_chinese(word):
            out.append(("", "w"))  # (a figure blanked out, a bracket: no part of a word)
            continue
        if out and out[-1][0].endswith("个") and word.startswith("月") and len(word) > 2:
            out.append(("月", "q"))  # (几个 月工资: 个月 counts months, the thing is 工资)
            word, tag = word[1:], dictionary_tag(word[1:]) or tag
        if len(word) > 1 and word[0] in FUNCTION_CHARACTERS and dictionary_tag(word) is None:
            out.append((word[0], "d"))
            word, tag = word[1:], dictionary_tag(word[1:]) or tag
        if len(word) > 1 and word[-1] in FUNCTION_CHARACTERS and dictionary_tag(word) is None:
            out += [(word[:-1], dictionary_tag(word[:-1]) or tag), (word[-1], "d")]
        else:
            out.append((word, tag))
    return tuple(out)


def _light(word: str, tag: str) -> bool:
    return tag.startswith(_LIGHT_TAGS) or _verb(tag) and len(word) == 1


def _verb(tag: str) -> bool:
    return tag.startswith("v") and tag != "vn"


def _nominal(tag: str) -> bool:
    return tag.startswith(_NOMINAL_TAGS)


def _after(words: Words, names_kind: Callable[[str], bool]) -> str:
    """The noun ending the words right after the asking word, past a measure word (有没有最低保护价 -> 保护价,
    多少仲裁费 -> 仲裁费, 多少认定费 -> 认定费, 多少家科技型企业 -> 企业, 多少使用补偿费 -> 补偿费); a one-character word there is the unit asked in (多少钱), a word
    naming the kind of answer (多长时间) no thing."""
    run: list[tuple[str, str]] = []
    for word, tag in words:
        if not run and (_light(word, tag) or tag.startswith("q")):
            continue  # (多少家科技型企业: 家 counts them)
        if run and word in NOUN_SUFFIXES:
            run[-1] = (run[-1][0] + word, "n")  # (认定/v 费/v: 认定费, a noun)
            continue
        if not (_nominal(tag) or _verb(tag)) or len(word) < 2 or names_kind(word):
            break
        run.append((word, tag))  # (使用/v 补偿费: a verb in the compound before its noun)
    return run[-1][0] if run and _nominal(run[-1][1]) and not names_kind(run[-1][0]) else ""


def _before(words: Words, names_kind: Callable[[str], bool]) -> str:
    """The thing written before the asking word (公示期是多久, 案件受理费大概得交多少): the first noun
    from the right past light words, verbs (得交, 达到: what is done with the thing), lone characters (交,
    收) and words naming the kind of answer, joined with a word a noun suffix follows (公示 + 期) or a
    one-character word of content before it (陪 + 产假: one compound)."""
    n = len(words)
    while n and not _suffixed(words, n - 1) and (
            len(words[n - 1][0]) < 2 or not _nominal(words[n - 1][1]) or names_kind(words[n - 1][0])):
        if not words[n - 1][0]:
            return ""  # (a figure or bracket between: the thing asked is no word before it)
        n -= 1
    if not n:
        return ""
    head, n = words[n - 1][0], n - 1
    prev = words[n - 1] if n else ("", "w")
    # (two lone characters before the head, 人 社 of 人社部门, are an abbreviation jieba could not read:
    # the head stands alone)
    split = len(prev[0]) == 1 and n > 1 and len(words[n - 2][0]) == 1
    if (len(head) == 1 or len(prev[0]) == 1) and prev[0] and prev[0] not in FUNCTION_CHARACTERS \
            and not prev[1].startswith(_LIGHT_TAGS) and not split:
        head = prev[0] + head  # (期 of 公示期, 陪 of 陪产假: bound morphemes)
    # (加计扣除 + 率 names the kind of figure asked, 扣除率, of a thing the question writes before it)
    return head if len(head) > 1 and not names_kind(head) else ""


def _suffixed(words: Words, n: int) -> bool:
    """Whether word n is a noun suffix after a word of content (认定 + 费, 公示 + 期)."""
    return words[n][0] in NOUN_SUFFIXES and n > 0 and len(words[n - 1][0]) > 1 \
        and not words[n - 1][1].startswith(_LIGHT_TAGS)
