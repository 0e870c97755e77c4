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
