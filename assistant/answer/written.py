"""What the documents write, for telling what a question takes as given from what they say: a name it
quotes (专精特新“小巨人”), the thing it asks a figure of (公示期, 仲裁费). A word counts as written as is,
as the documents' word for it (synonyms), as the full form it abbreviates (公租房: 公共租赁住房) or spelled
out with words between (工商部门: 工商行政管理部门)."""

from __future__ import annotations

import re
import unicodedata

from assistant.answer.evidence import ABBREVIATION_GAP, Evidence
from assistant.answer.intents import BODY_ENDINGS
from assistant.answer.thing_asked import NOUN_SUFFIXES
from assistant.index.lexical import tokenize
from assistant.lexicon.tags import word_frequency
from assistant.models import Section
from assistant.settings import Settings

_GAP_BREAKS = "。；;！？!?\n"  # (a compound's words stand in one sentence)
_FIGURE_AFTER = r"[\u4e00-\u9fff]{0,2}?[0-9一二三四五六七八九十两]"  # (公示10个工作日, 公示期为三十日)


def plain(text: str) -> str:
    """Text as written whatever its width, case, spacing or punctuation (“6+4”政策, 推进科技成果转化): for
    telling whether the documents write a name."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())


class Written:
    """The documents' text, read once per index, for telling whether they write a name or a thing."""

    def __init__(self, sections: list[Section], evidence: Evidence, settings: Settings):
        self.evidence = evidence
        self.settings = settings
        self.plain = plain(" ".join([*(s.doc for s in sections), *(s.text for s in sections)]))
        self.text = unicodedata.normalize("NFKC", "\n".join(s.text for s in sections))

    def names(self, name: str) -> bool:
        """Whether the documents write a name, however punctuated (“６＋４”政策)."""
        return plain(name) in self.plain

    def unwritten_thing(self, thing: str) -> list[str]:
        """The thing a figure or existence is asked of (QueryPlan.thing_asked) when no document writes it
        (公示期, 仲裁费, 保护价): what the documents never speak of has no figure in them."""
        return [thing] if self.is_thing(thing) and not self.writes(thing) else []

    def is_thing(self, word: str) -> bool:
        """Whether a word the parser took for the thing asked names one a figure can be of: not an everyday
        word (事情, 层面: Settings.everyday_word_frequency), which is the asker's wording, nor a body (税务局 of
        税务局多少天内要退), which acts rather than is measured."""
        return bool(word) and word_frequency(word) < self.settings.everyday_word_frequency \
            and not word.endswith(BODY_ENDINGS)

    def writes(self, word: str) -> bool:
        """Whether the documents write a word (see the module doc); not by a one-character part (期 of
        公示期), which a document writes for anything. Words spelled out stand in one sentence, at most
        Settings.compound_gap_chars apart."""
        if word in self.evidence.idf or self.evidence.occurs(word, self.plain):
            return True
        # its characters a few apart in one sentence, as an abbreviation keeps them (公租房: 公共租赁住房)
        short = f"[\u4e00-\u9fff]{{0,{ABBREVIATION_GAP}}}".join(map(re.escape, word))
        if len(word) > 2 and re.search(short, self.text):
            return True
        parts = _parts(word)
        gap = f"[^{_GAP_BREAKS}]{{0,{self.settings.compound_gap_chars}}}"
        return len(parts) > 1 and re.search(gap.join(map(re.escape, parts)), self.text) is not None \
            or self._figure_of(word)

    def _figure_of(self, word: str) -> bool:
        """Whether the documents write a noun-suffix compound as its stem and the figure it names (公示期 as
        公示10个工作日, 认定费 as 认定…元 right after): the period or fee of the act, stated with it. A figure
        before the act (20个工作日内予以公示) sets a deadline for it, not its period."""
        if len(word) < 3 or word[-1] not in NOUN_SUFFIXES:
            return False
        return re.search(re.escape(word[:-1]) + _FIGURE_AFTER, self.text) is not None


def _parts(word: str) -> list[str]:
    """A compound's words of two characters or more that spell it out in order (工商部门: 工商, 部门); none
    when a one-character part is left (公示期: 公示 + 期)."""
    tokens = {t for t in tokenize(word) if len(t) > 1 and t != word}

    def spelled(at: int) -> list[str] | None:
        if at == len(word):
            return []
        for t in sorted((t for t in tokens if word.startswith(t, at)), key=len):
            if (rest := spelled(at + len(t))) is not None:
                return [t, *rest]
        return None
    return spelled(0) or []
