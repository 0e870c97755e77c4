"""Sections to the units that are embedded and searched: chunks (one per
section, long ones split at item boundaries, each prefixed with its path)
and single sentences (so the answerer can find the sentence that answers).

Each piece of text is embedded once when chunk vectors are pooled: a
chunk's vector is then made from the vectors of its pieces (its path line
and its sentences, `chunk_pieces`), the texts the sentence vectors are made of."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

from assistant.eligibility.roles import sentence_role
from assistant.ingest.definitions import Definition, read_definition
from assistant.ingest.exclusions import Exclusion, read_exclusions
from assistant.ingest.figures import item_number, item_numbering, split_sentences, strip_item_prefix
from assistant.ingest.outline import body_text
from assistant.ingest.short_names import listed_names
from assistant.ingest.quantities import Quantity, read as read_quantities
from assistant.ingest.rulings import Ruling, read_rulings
from assistant.ingest.sanctions import enforced_articles
from assistant.ingest.statements import StatedKind, stated_kinds
from assistant.index.lexical import tokenize
from assistant.models import Section

CHUNK_CHARS = 420  # e5-small reads 512 tokens; Chinese runs near one token a character
CAPTION_CHARS = 40  # longest line read as a table's title (a title line, as a part's title is)


@dataclass
class Chunk:
    id: str
    section_key: str
    doc: str
    label: str
    text: str  # path prefix + body text: what is embedded and shown
    hash: str
    tokens: list[str] = field(default_factory=list)


def chunk_sections(sections: list[Section]) -> list[Chunk]:
    """One chunk per section; a long one splits at paragraph (item)
    boundaries into children that keep the parent's label and path."""
    chunks: list[Chunk] = []
    for section in sections:
        prefix = section.breadcrumb + "\n"
        for n, part in enumerate(_split_body(body_text(section) or section.title)):
            text = prefix + part
            chunks.append(
                Chunk(
                    id=f"{section.key}#{n}",
                    section_key=section.key,
                    doc=section.doc,
                    label=section.label,
                    text=text,
                    hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:24],
                    # (with the full names of provinces it lists by short name: 港、澳、台 names 香港)
                    tokens=tokenize(section.breadcrumb + " " + part) + listed_names(part),
                )
            )
    return chunks


def _split_body(body: str) -> list[str]:
    parts: list[str] = []
    current = ""
    for paragraph in body.split("\n"):
        for piece in _pieces(paragraph):
            if current and len(current) + len(piece) + 1 > CHUNK_CHARS:
                parts.append(current)
                current = ""
            current = f"{current}\n{piece}" if current else piece
    if current:
        parts.append(current)
    return parts or [""]


def _pieces(paragraph: str) -> list[str]:
    """A paragraph, or its sentences grouped under the limit when too long."""
    if len(paragraph) <= CHUNK_CHARS:
        return [paragraph]
    pieces, current = [], ""
    for sentence in paragraph.replace("。", "。\n").split("\n"):
        if current and len(current) + len(sentence) > CHUNK_CHARS:
            pieces.append(current)
            current = ""
        current += sentence
    return pieces + ([current] if current else [])


@dataclass
class Sentence:
    """One sentence of a section, embedded on its own so the answerer can
    pick the sentence that answers a paraphrased question."""

    section_key: str
    text: str
    hash: str
    # its figures, read once here by the one quantity grammar (later stages never re-read the text)
    quantities: list[Quantity] = field(default_factory=list)
    # the other kinds of answer it states (a time, a website, a contact, materials), read once here
    states: list[str] = field(default_factory=list)
    # the term it defines and the article that term belongs to (…法第十条所称X，是指…), read once here
    definition: Definition | None = None
    # what it allows, denies or requires (准予扣除, 不得随意变更, 应当报送), read once here
    rulings: list[Ruling] = field(default_factory=list)
    # the numbering of the item of a list it opens, its number stripped: "（一）" for (三)一次性工亡补助金标准为…,
    # "1." for 2．…; "" when it opens none (lists nest: 1. items inside a （五） item)
    opens_item: str = ""
    first_item: bool = False  # the item it opens is numbered one: a list starts here, under the sentence before
    # the articles of its own document whose breach it punishes (违反本条例第十八条规定…罚款), read once here
    enforces: list[str] = field(default_factory=list)
    # what it carves out of its rule (不包括港、澳、台地区, 不含…二手房), read once here
    exclusions: list[Exclusion] = field(default_factory=list)

    @property
    def asks(self) -> bool:
        """Whether it is a question (a Q&A's heading, 临近退休…怎么办？): it states nothing, its answer follows."""
        return is_question(self.text)

    @classmethod
    def from_dict(cls, data: dict) -> "Sentence":
        defined = data.get("definition")
        return cls(**{**data, "quantities": [Quantity.from_dict(q) for q in data.get("quantities", [])],
                      "definition": Definition(**defined) if defined else None,
                      "rulings": [Ruling(**r) for r in data.get("rulings", [])],
                      "exclusions": [Exclusion(**{**e, "items": tuple(e["items"])}) for e in data.get("exclusions", [])]})


def is_question(text: str) -> bool:
    """Whether a sentence or heading asks (ends on a question mark), as a 政策问答's headings do."""
    return text.rstrip().endswith(("？", "?"))


def piece_hash(text: str) -> str:
    """Key of a short text's vector: a sentence and the same text inside a
    chunk share it, so it is embedded once."""
    return hashlib.sha256(("s:" + text).encode("utf-8")).hexdigest()[:24]


# a heading or sentence announcing the list that follows (下列活动不适用税前加计扣除政策。, …如下：)
_ANNOUNCES = re.compile(r"下列|如下|[：:]$")


def announces_list(text: str) -> bool:
    """Whether a heading or sentence is the lead-in of the items after it."""
    return bool(_ANNOUNCES.search(text))


def heads_items(section: Section) -> bool:
    """Whether a section's heading is the lead-in of its items: it announces them (（二）下列活动不适用…。), or
    it names the kind of thing a rule is for and its items are those things (四、不适用税前加计扣除政策的行业: each
    item is an industry excluded; not a heading that is a rule of its own, 企业应当…报送《备案表》)."""
    title = section.title
    return bool(section.items) and (announces_list(title) or bool(_NAMES_KIND.search(title) and read_rulings(title)))


_NAMES_KIND = re.compile(r"的[\u4e00-\u9fff]{1,4}$")  # …的行业, …的情形, …的项目: a heading naming a kind of thing


def _header_row(line: str, following: str) -> bool:
    """Whether a line is a table's header row: cells naming the columns of the row below it (as many
    cells, the header with no figure). It names what the rows state and states nothing itself, so it
    is no sentence an answer may quote; the chunk keeps it for its words."""
    cells = line.split("\t")
    return len(cells) >= 2 and len(following.split("\t")) == len(cells) \
        and not any(ch.isdigit() for ch in line)


def _caption(line: str, following: str) -> bool:
    """Whether a line is a table's title (`表1 ××补贴价格` above its header row): a short line, no
    sentence, over the table's first row. Like the header it names the table and states nothing."""
    return "\t" not in line and "\t" in following and len(line) <= CAPTION_CHARS \
        and not re.search(r"[。；，：;,:]", line)


def sentence_units(sections: list[Section]) -> list[Sentence]:
    out = []
    for section in sections:
        # a heading announcing its items (（二）下列活动不适用税前加计扣除政策。) is their lead-in: a sentence
        lead = [section.title] if heads_items(section) or states_in_heading(section) else []
        pieces = lead + split_sentences(body_text(section))
        for at, written in enumerate(pieces):
            following = pieces[at + 1] if at + 1 < len(pieces) else ""
            if _header_row(written, following) or _caption(written, following):
                continue
            sentence = strip_item_prefix(written)
            if _says_something(sentence, listed=sentence != written):
                defined = read_definition(sentence)
                # a definition says what a term means, not what is allowed (不适用…政策行业的企业，是指…)
                out.append(Sentence(section.key, sentence, piece_hash(sentence), read_quantities(sentence),
                                    _states(sentence), defined, [] if defined else read_rulings(sentence),
                                    opens_item=item_numbering(written), first_item=item_number(written) == 1,
                                    enforces=enforced_articles(sentence), exclusions=read_exclusions(sentence)))
    return out


def _states(sentence: str) -> list[StatedKind]:
    """The kinds of answer a sentence states: those its words show (ingest.statements), and a penalty when
    it is one (eligibility.roles: 处…罚款, 取消资格, 追缴): what a question asking what befalls a breach needs."""
    return stated_kinds(sentence) + (["penalty"] if sentence_role(sentence) == "penalty" else [])


MIN_SENTENCE_CHARS = 6  # a shorter piece standing alone is a fragment (】, 特此公告。), not a statement


def states_in_heading(section: Section) -> bool:
    """Whether a section's title is a sentence stating a figure, run into its body on one line (（三）…奖补自2023年1月1日
    起试行3年。运营单位应…): the section's first sentence, which a question asking the figure must find, not a heading
    naming a topic (（十六）加快培育高新技术企业。, no figure)."""
    # (an article's first sentence is its body's already: 第五十条 本条例自…起施行。)
    first = section.text.split("\n", 1)[0]
    return section.kind == "section" and bool(section.title) and f"{section.title}。" in first \
        and any(q.kind != "count" for q in read_quantities(section.title))  # (统筹两个市场: a topic's count)


def _says_something(sentence: str, listed: bool) -> bool:
    """Whether a piece is a sentence of its own: long enough, or however short a part of a list —
    an item (（一）财政拨款；, its number stripped) or the lead-in it completes (包括：). Dropped, a
    list quoted with its lead-in would silently lose the item."""
    if len(sentence) >= MIN_SENTENCE_CHARS:
        return True
    return (listed or sentence.endswith(("；", ";", "：", ":"))) and sum("\u4e00" <= c <= "\u9fff" for c in sentence) >= 2


def chunk_pieces(chunk: Chunk) -> list[str]:
    """The texts a chunk's vector is pooled from: its path line, then its
    sentences as `sentence_units` cuts them (short ones kept: they are part
    of what the chunk says)."""
    head, _, body = chunk.text.partition("\n")
    pieces = [strip_item_prefix(s) for s in split_sentences(body)]
    return [head.strip()] + [p for p in pieces if p]


def pooled_vector(vectors: list, pieces: list[str]) -> np.ndarray:
    """A chunk's vector from its pieces' vectors: their mean weighted by
    length (a long sentence carries more of the chunk than a short one, as
    in an encoder's mean pooling over tokens), L2-normalised."""
    weights = np.array([max(len(p), 1) for p in pieces], dtype=np.float32)
    mean = (np.asarray(vectors, dtype=np.float32) * weights[:, None]).sum(axis=0) / weights.sum()
    return mean / (float(np.linalg.norm(mean)) or 1.0)
