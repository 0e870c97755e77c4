"""Yes or no first, for an applicant who gives its own figures."""

from __future__ import annotations

from dataclasses import replace

from assistant import eligibility
from assistant.answer.check import confirms, measured_verdict
from assistant.answer.compose.draft import UNIT_WORDS, Context, Draft, cite, mark
from assistant.answer.compose.exclusions import excluded_figures
from assistant.answer.compose.library import Library
from assistant.answer.messages import say
from assistant.ingest.quantities import SELF_NAMING_UNITS


def yes_no(lib: Library, ctx: Context) -> Draft | None:
    """Yes or no first, for an applicant who gives its figures (注册满两年了，够条件吗？):
    the best-ranked condition that bounds one of them (注册成立一年以上), quoted with
    its verdict; a condition list's other conditions are said to apply too. A sentence ranked
    above it that rules on the act asked (合同约定了使用年限的，可以按照约定的年限摊销, the case
    the question states, over 摊销年限不得低于10年) decides instead: the rulings composer answers."""
    asked = ctx.query.act_asked
    ranked = lib.rank_sentences(ctx)
    for score, sentence, section in ranked:
        if score < ranked[0][0] - lib.settings.verdict_band and not ctx.query.claimed:
            break  # (an applicant's figure against a like bound far down, in another measure, decides nothing)
        if asked is not None and lib.rules_on(asked, sentence, section):
            return None
        if not ctx.query.claimed and any(sentence in t.sentence for t in section.targets):
            continue  # a plan's target (产业超5000亿元) bounds no applicant: no verdict on its figures
        if not _for_what_is_asked(lib, ctx, section):
            continue  # (销售收入5000万 meets a tier of 认定为高新技术企业's conditions: asked of another benefit, no verdict)
        if not _the_applicants(lib, ctx, sentence, section):
            continue  # (其他企业，…不超过80人: the bounds of another kind of applicant, or of one the question leaves open)
        # a condition on what the figure measures (注册成立一年以上 for 注册才6个月), not any bound; an age is
        # what its unit says (34岁 against 未满35周岁)
        kept = [(f, words) for f, words in zip(ctx.query.facts, ctx.query.fact_words)
                if words and lib.evidence.coverage(words, sentence) >= lib.settings.fact_subject_coverage
                or f.unit in SELF_NAMING_UNITS]
        facts = [f for f, _ in kept]
        # (a figure naming nothing matches nothing; one word of a long clause, 认定, is no subject)
        quantities = lib.sentence_quantities(sentence, section)
        met = confirms(facts, quantities, len(ctx.query.facts)) if ctx.query.claimed else \
            measured_verdict(facts, [words for _, words in kept], quantities)
        if met is None:
            continue
        english = ctx.query.english
        quote = lib.with_next(sentence, section)  # (…15%的部分，准予扣除；超过部分，准予…结转扣除)
        if (departing := lib.case_departing(sentence, section, ctx.query)) and departing not in quote:
            # (the case the question states has a rule of its own: the rule and that case, no verdict on the rule)
            text = f"{say('case_departs', english)}\n{quote}{departing}{mark(section)}"
            return Draft(text, [cite(section, quote), cite(section, departing)], [section])
        head = say(_HEADS[ctx.query.claimed][met], english)
        if not ctx.query.claimed and excluded_figures(lib, sentence, section, facts, quantities):
            # (8个月 against 不包括…不足12个月取得的投资收益: meeting the bound puts the case out of the rule)
            head = say("excluded" if met else "not_excluded", english)
        rest = ("" if english else "（该条其他条件也须同时满足，见引文。）") if len(section.items) > 1 else ""
        text = f"{head}\n{quote}{mark(section)}{rest}"
        return Draft(text, [cite(section, quote)], [section])
    return None


def _for_what_is_asked(lib: Library, ctx: Context, section) -> bool:
    """Whether the question names what the section's condition lists qualify for (高新技术企业, 高企 for short),
    when they name it; a verdict on one list's condition answers only a question about that status."""
    named = _statuses_asked(ctx)
    return all(not c.qualifies_for or c.qualifies_for & named for c in lib.condition_lists_of(section))


def _the_applicants(lib: Library, ctx: Context, sentence: str, section) -> bool:
    """Whether a sentence's conditions are the applicant's own: not an alternative for another kind of
    applicant (工业企业，…；其他企业，…), nor one the question leaves open which kind it is."""
    facts = ctx.query.applicant_facts or eligibility.Facts()
    return all(eligibility.applies(c, facts) for cl in lib.condition_lists_of(section) for c in cl.conditions
               if c.text in sentence)


def _statuses_asked(ctx: Context) -> set[str]:
    """The statuses the question names the applicant as having or seeking (高新技术企业, 高企 for short)."""
    return set(ctx.query.applicant.qualifications) if ctx.query.applicant else set()


# the verdict's frame: an applicant's figures meet the condition or not; a claim about the documents is right or not
_HEADS = {False: {True: "yes", False: "no"}, True: {True: "claim_right", False: "claim_wrong"}}
_MARKS = {"met": "✅", "unmet": "❌"}
_UNKNOWN = "❔"  # a condition the question's facts do not decide


def checklist(lib: Library, ctx: Context) -> Draft | None:
    """Yes or no for an applicant who gives several of its own facts (职工150人，科技人员12人，
    能达到要求吗？): the condition list of the best-ranked sections (须同时满足以下条件) checked
    as the 政策匹配 self-check checks it, each condition the facts decide shown met or not met
    with its threshold, the others said to apply too. None when no list there is decided by them."""
    facts = ctx.query.applicant_facts
    if facts is None or ctx.query.claimed:  # (a claim's figure is no applicant's)
        return None
    asked = _statuses_asked(ctx)
    for section in _checklist_sections(lib, ctx, asked):
        lists = [c for c in lib.condition_lists_of(section)
                 if not asked or asked & c.qualifies_for]  # 高企吗: 高企's list
        for result in eligibility.self_check(facts, lists):
            decided = [v for v in result.verdicts if v.status in _MARKS]
            if decided:
                return _with_rule_as_written(lib, _checked(result, decided, section, ctx.query.english), decided,
                                             section, ctx.query.english)
            if facts.industrial is None and (by_kind := _by_kind(facts, result, section, ctx.query.english)):
                return by_kind
    return None


def _checklist_sections(lib: Library, ctx: Context, asked: set[str]) -> list:
    """The best-ranked sections, then those stating a condition list for the status the question names
    (小型微利企业 asked: 第九十二条's list), wherever the search ranked them."""
    ranked = [h.section for h in ctx.hits[:lib.settings.checklist_sections]]
    seen = {s.label_key for s in ranked}
    qualifying = [f"{cl.doc}#{cl.section}" for cl in lib.condition_lists if asked & cl.qualifies_for]
    return ranked + [lib.by_label[key] for key in dict.fromkeys(qualifying) if key not in seen and key in lib.by_label]


def _by_kind(facts: "eligibility.Facts", result: "eligibility.CheckResult", section, english: bool) -> Draft | None:
    """A list whose conditions differ for industrial and other enterprises (小型微利企业), the question not
    saying which the applicant is: the verdict for each kind, each with the conditions deciding it."""
    drafts, verdicts = [], set()
    for industrial, kind in ((True, "kind_industrial"), (False, "kind_other")):
        checked = eligibility.self_check(facts.model_copy(update={"industrial": industrial}), [result.conditions])[0]
        decided = [v for v in checked.verdicts if v.status in _MARKS]
        if not decided:
            return None
        met = all(v.status == "met" for v in decided)
        verdicts.add(met)
        head = say("if_kind", english, kind=say(kind, english), verdict=say("met" if met else "unmet", english))
        drafts.append(_checked(checked, decided, section, english, head))
    # (the same verdict for both kinds is a plain yes or no)
    head = say("by_kind", english) if len(verdicts) > 1 else say("yes" if verdicts.pop() else "no", english)
    return Draft("\n".join([head, *(d.text for d in drafts)]), [q for d in drafts for q in d.citations], [section])


def _checked(result: "eligibility.CheckResult", decided: list, section, english: bool, head: str = "") -> Draft:
    met = all(v.status == "met" for v in decided)
    lines = [head or say("yes" if met else "no", english)]
    for v in decided:
        tier = v.note.rstrip("；;。") if v.condition.tiers else ""  # 按档次：最近一年销售收入在5,000万元至2亿元…
        detail = "；".join(x for x in (tier, f"门槛 {v.threshold}" if v.threshold else "",
                                      f"贵单位 {v.value}" if v.value else "") if x)
        # (in English, the tier the figures fall in as the documents write it: the bound the verdict applied)
        fitting = "；".join(_tiers_applied(v)) if english else ""
        lines.append(f"{_MARKS[v.status]} {v.condition.text}" + (f"（{detail}）" if detail and not english else "")
                     + (f"（{fitting}）" if fitting else ""))
    # the conditions the question says nothing of apply too: each shown, as the self-check shows it (a tier for
    # others, n/a, is not one)
    others = [v for v in result.verdicts if v.status == "unknown"]
    if others and not english:
        lines.append(f"（其余 {len(others)} 项条件问题中未提及，也须同时满足：）")
    lines += [f"{_UNKNOWN} {v.condition.text}" for v in others]
    lines[-1] += mark(section)
    # each condition quoted as shown: with the tier the applicant's figures fall in (…2亿元以上的企业，比例不低于3%)
    quotes = [cite(section, text) for v in [*decided, *others] for text in [v.condition.text, *_tiers_applied(v)]]
    return Draft("\n".join(lines), quotes, [section])


def _with_rule_as_written(lib: Library, draft: Draft, decided: list, section, english: bool) -> Draft:
    """The checklist, then the sentence stating several of the conditions it decided together, as written
    (工业企业，年度应纳税所得额不超过30万元，从业人数不超过100人，资产总额不超过3000万元): the rule for the
    applicant's kind in its own words, which the split conditions only show in pieces."""
    written = [t for t in lib.texts_of(section) if sum(v.condition.text in t for v in decided) >= 2]
    if not written:
        return draft
    quoted = UNIT_WORDS["en" if english else "zh"]["quoted"]
    text = "\n".join([draft.text, *(quoted.format(note=t) for t in written)])
    return replace(draft, text=text, citations=draft.citations + [cite(section, t) for t in written])


def _tiers_applied(v) -> list[str]:
    """The tier of a tiered condition that the applicant's figures fall in, as written."""
    return [t.text for t in v.condition.tiers if t.text in v.note]
