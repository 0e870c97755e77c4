"""Yes or no first, for an applicant who gives its own figures."""

from __future__ import annotations

from assistant.answer.check import verdict
from assistant.answer.compose.draft import Context, Draft, cite, mark
from assistant.answer.compose.library import Library
from assistant.answer.messages import say


def yes_no(lib: Library, ctx: Context) -> Draft | None:
    """Yes or no first, for an applicant who gives its figures (注册满两年了，够条件吗？):
    the best-ranked condition that bounds one of them (注册成立一年以上), quoted with
    its verdict; a condition list's other conditions are said to apply too."""
    for _, sentence, section in lib.rank_sentences(ctx):
        # a condition on what the figure measures (注册成立一年以上 for 注册才6个月), not any bound
        facts = [f for f, words in zip(ctx.query.facts, ctx.query.fact_words)
                 if not words or any(lib.evidence.occurs(w, sentence) for w in words)]
        met = verdict(facts, lib.sentence_quantities(sentence, section))
        if met is None:
            continue
        english = ctx.query.english
        head = say("yes" if met else "no", english)
        rest = ("" if english else "（该条其他条件也须同时满足，见引文。）") if len(section.items) > 1 else ""
        text = f"{head}\n{sentence}{mark(section)}{rest}"
        return Draft(text, [cite(section, sentence)], [section])
    return None
