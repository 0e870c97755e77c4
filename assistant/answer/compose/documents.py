"""Answers about a document itself: an article asked by number, its basis, when it takes effect."""

from __future__ import annotations



from assistant.answer.compose.draft import (Context, Draft, cite, mark, unique_sections)
from assistant.answer.compose.library import Library
from assistant.ingest import labels
from assistant.answer.messages import say
from assistant.ingest.figures import split_sentences, strip_item_prefix
from assistant.ingest.outline import body_text
from assistant.models import Section


def article(lib: Library, ctx: Context) -> Draft | None:
    """The whole article asked for (lead-in, items and paragraphs), from
    the document the question names, else the best-ranked document that
    has it; a document without it is said to have none."""
    asked = ctx.query.article
    # 第十条 asked finds a document's 第10条 too: labels compared by the number they count
    having = [s for s in lib.index.sections if s.kind == "article" and labels.key(s.label) == labels.key(asked)
              and (not ctx.docs or s.doc in ctx.docs)]
    if not having:
        if ctx.docs:
            counts = {d: sum(1 for s in lib.of_doc.get(d, []) if s.kind == "article")
                      for d in ctx.docs}
            told = "；".join(f"《{d}》共{n}条" if n else f"《{d}》不是按条编排的文件" for d, n in counts.items())
            return Draft(say("no_article", ctx.query.english, article=asked, told=told), [], [], answerable=False)
        return None
    ranked_docs = [h.section.doc for h in ctx.hits]
    having.sort(key=lambda s: ranked_docs.index(s.doc) if s.doc in ranked_docs else len(ranked_docs))
    section = having[0]
    body = body_text(section)
    english = ctx.query.english
    text = f"《{section.doc}》{section.label}{' reads:' if english else '规定：'}\n{body}\n{mark(section)}"
    others = [s.doc for s in having[1:]]
    if others and not ctx.docs:
        named = ("、" if not english else ", ").join(f"《{d}》" for d in others[:3])
        text += (f"\n({named} also have a {asked}; name the document in the question.)" if english
                 else f"\n（{named}也有{asked}，可在问题中写明文件名。）")
    return Draft(text, [cite(section, body)], [section])


def reference(lib: Library, ctx: Context) -> Draft | None:
    """The documents a task or the whole plan is based on: the retrieved
    sections' references, and the preamble, where plans name their basis."""
    tokens = ctx.query.topic_tokens
    rank_of = {h.section.key: r for r, h in enumerate(ctx.hits[:5])}
    sections = [h.section for h in ctx.hits[:5]] + [s for s in lib.index.sections if s.kind == "preamble"]
    best: tuple[float, Section, str, list[str]] | None = None
    for section in unique_sections(sections):
        for sentence in split_sentences(body_text(section)):
            refs = [r for r in section.references if r in sentence]
            if not refs:
                continue
            score = lib.evidence.sentence_score(tokens, sentence) + 1.0 / (1 + rank_of.get(section.key, 5))
            if best is None or score > best[0]:
                best = (score, section, strip_item_prefix(sentence), refs)
    if best is None:
        return None
    _, section, sentence, refs = best
    text = (f"Based on {', '.join(refs)}: {sentence}{mark(section)}" if ctx.query.english
            else f"依据的文件为{'、'.join(refs)}：{sentence}{mark(section)}")
    return Draft(text, [cite(section, sentence)], [section])


def asked_documents(ctx: Context) -> list[str]:
    """The documents a question asks about, the likeliest first: those it names, else those it found. A
    question naming a place searches that place's documents and those of no place: the place's own first,
    then as the question found them."""
    ranked = list(dict.fromkeys(h.section.doc for h in ctx.hits))
    return sorted(dict.fromkeys(ctx.docs or ranked), key=lambda d: (
        d not in ctx.query.placed_named, ranked.index(d) if d in ranked else len(ranked)))


def in_force(lib: Library, ctx: Context) -> Draft | None:
    """When the document asked about takes effect: its own `自…起施行`
    sentence, from the document the question names, else the best-ranked
    document that has one."""
    for doc in asked_documents(ctx):
        if stated := lib.stating("effect").get(doc):
            sentence = lib.index.sentences[stated[-1]]  # (the last: the document's own closing provision)
            section = lib.by_key[sentence.section_key]
            return Draft(f"{sentence.text}{mark(section)}", [cite(section, sentence.text)], [section])
    return None


def purpose(lib: Library, ctx: Context) -> Draft | None:
    """Why a document was made (制定这部条例是为了什么？): its own purpose clause (为了…，制定本条例), from
    the document the question names, else the best-ranked one (another document's purpose is none of
    its: a document stating none is answered from its sentences)."""
    docs = asked_documents(ctx)
    clauses = lib.stating("purpose").get(docs[0], []) if docs else []
    if not clauses:
        return None
    sentence = lib.index.sentences[clauses[0]]
    section = lib.by_key[sentence.section_key]
    return Draft(f"{sentence.text}{mark(section)}", [cite(section, sentence.text)], [section])
