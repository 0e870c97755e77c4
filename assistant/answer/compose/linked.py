"""A rule and what its terms mean, quoted together.

A law states a rule with a term (…下列支出不得扣除：（六）赞助支出), its implementing rules say what the
term means (企业所得税法第十条第(六)项所称赞助支出，是指…), read at index time as a `Definition` naming
the article. Asked whether something is allowed, the rule decides: a definition found first brings the
rule before it. Asked anything else of a rule, the meaning spells it out (who qualifies, how much): the
definition follows the rule."""

from __future__ import annotations

from assistant.answer.compose.draft import Context
from assistant.answer.compose.library import Library
from assistant.models import Section

Scored = list[tuple[float, str, Section]]


def rule_and_meaning(lib: Library, ctx: Context, scored: Scored) -> Scored:
    """`scored` with the best sentence's linked provision beside it: for a yes/no question, the rule a
    defining sentence explains goes first, the definition after it; else the definition of the rule's term
    the question asks of follows the rule (国债利息收入 exempt, then 所称国债利息收入，是指…: 地方政府债 is not)."""
    if not scored:
        return scored
    best, sentence, section = scored[0]
    definition = lib.definition_of.get((section.key, sentence)) if ctx.query.answer == "yes_no" else None
    if definition is not None:
        rule = lib.rule_section(definition, section) if lib.asks_of(definition, ctx.query) else None
        if rule is None or (ctx.docs and rule.doc not in ctx.docs):
            return scored
        linked = [(best, quote, rule) for quote in lib.rule_quotes(definition, rule)] + scored[:1]
    else:
        linked = [(best, text, where) for text, where in lib.explained_by.get(section.key, [])
                  if lib.asks_of(lib.definition_of[(where.key, text)], ctx.query) and not (ctx.docs and where.doc not in ctx.docs)][:1]
        linked = scored[:1] + linked
    said = {text for _, text, _ in linked}
    return linked + [c for c in scored if c[1] not in said]


def penalty_first(lib: Library, ctx: Context, scored: Scored) -> Scored:
    """Asked what befalls a breach (开业一个多月还没去备案，会罚吗？), the penalty the rule book names for
    breaching the duty the best sentences state (违反本条例第十八条规定…处…罚款, however far its own words are
    from the question's) first, then the duty; a penalty already best stays as it is."""
    if not ctx.query.penalty_asked or not scored or (scored[0][2].key, scored[0][1]) in lib.penalty_sentences:
        return scored
    best = scored[0][0]
    duties = dict.fromkeys(section.key for score, _, section in scored if score >= best - lib.settings.preferred_band)
    found = [(text, where) for key in duties for text, where in lib.penalties_of.get(key, [])
             if not (ctx.docs and where.doc not in ctx.docs)]
    if not found:
        return scored
    # of an article's penalties (one per paragraph: 未经许可…, 未备案…), the one saying most of the question
    text, where = max(found, key=lambda f: lib.evidence.sentence_score(ctx.query.topic_tokens, f[0]))
    return [(best, text, where)] + [c for c in scored if c[1] != text]
