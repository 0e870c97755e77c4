"""Yes or no from the rule that decides: asked whether an act is allowed (可以在税前扣除吗) or required
(需要缴纳吗), the answer says 可以 / 不可以 (需要 / 不需要) first when one of the best sentences rules on
that act — 准予扣除, or a list item under 下列无形资产不得计算摊销费用扣除： — and quotes it. The rulings
were read from each sentence at index time (`ingest/rulings.py`); nothing here reads text again."""

from __future__ import annotations

from assistant.answer.compose.draft import Context
from assistant.answer.compose.library import Library
from assistant.ingest.rulings import Polarity
from assistant.models import Section

Scored = list[tuple[float, str, Section]]


def decided_first(lib: Library, ctx: Context, scored: Scored) -> tuple[Scored, Polarity | None]:
    """`scored` with the best sentence that decides the act asked (within `ruling_band` of the best)
    first, and its verdict, None when no sentence near the best decides; the message table says each
    verdict under its polarity's name (可以, 不可以, 需要, 不需要)."""
    asked = ctx.query.act_asked
    if asked is None or ctx.query.answer != "yes_no" or not scored:
        return scored, None

    def deciding(sentence: str, section: Section) -> bool:
        return lib.ruling_on(asked, sentence, section, ctx.query) is not None

    scored = lib.preferred_first(scored, deciding, band=lib.settings.ruling_band)
    polarity = lib.ruling_on(asked, scored[0][1], scored[0][2], ctx.query)
    if polarity is None and not ctx.query.follow_up:
        # the article answering best decides, wherever its deciding sentence ranks, read as part of it (its
        # exception, 承包建设…的项目，不得享受本条规定的…优惠, after the grant the question's words match better);
        # not for a follow-up, whose best article may be another case's (超出的部分能结转吗？ after 工会经费)
        best = scored[0][2].key
        scored = lib.preferred_first(scored, lambda sentence, section: section.key == best and lib.ruling_on(
            asked, sentence, section, ctx.query, whole_article=True) is not None, band=float("inf"))
        polarity = lib.ruling_on(asked, scored[0][1], scored[0][2], ctx.query, whole_article=True)
    if polarity is None or not _states_figures_of(asked, ctx, lib, scored[0]):
        return scored, None
    # the general rule the verdict is an exception to (准予扣除 after 自创商誉 不得…扣除) is not quoted under it
    rest = [c for c in scored[1:] if not lib.rulings_against(asked, polarity, c[1], c[2])]
    return scored[:1] + rest, polarity


def _states_figures_of(asked, ctx: Context, lib: Library, best: tuple[float, str, Section]) -> bool:
    """Whether the deciding sentence (or its article) states the figures the act asked of carries (能按15%的税率
    计算抵免限额吗: 15%): a rule on the act without them says nothing of that figure, so it gives no verdict."""
    figures = [f for f in ctx.query.facts if f.text in asked.act]
    if not figures:
        return True
    stated = lib.values_stated([best[2]])
    return all((f.unit, f.value) in stated for f in figures)
