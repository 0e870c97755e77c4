"""The one message table: every refusal, partial-answer note and frame the
answer layer writes, in Chinese and English, keyed by reason.

`say(reason, english, **slots)` fills a template. A refusal's reason is also
what `ask --json` reports as `missing` for a partial answer.
"""

from __future__ import annotations

from typing import Literal

Reason = Literal[
    "not_covered", "needs_context", "other_place", "not_indexed", "not_indexed_note", "no_owner",
    "no_article", "no_target_year", "no_amount", "no_support",
    "nearest", "partial", "partial_subject", "unnamed", "premise", "yes", "no", "part_unstated",
    "allowed", "denied", "required", "not_required", "steps", "claim_right", "claim_wrong", "case_departs",
    "by_kind", "if_kind", "kind_industrial", "kind_other", "met", "unmet", "excluded", "not_excluded",
]

MESSAGES: dict[str, tuple[str, str]] = {
    "not_covered": ("现有文件未涉及这一问题，无法依据文件作答。以下章节可能相关，仅供参考。",
                    "The indexed documents do not cover this question, so it cannot be answered from them. "
                    "Related sections are listed for reference."),
    "needs_context": ("这个问题需要结合上文。请说明具体是哪一项工作或政策，例如“新型研发机构建设的责任单位有哪些？”。",
                      "This question refers to an earlier one. Please say which task or policy you mean."),
    "other_place": ("现有文件没有关于{place}的这一内容，无法依据文件作答。",
                    "The documents say nothing of this for {place}, so it cannot be answered from them."),
    "not_indexed": ("现有文件中没有{name}，无法依据文件作答。",
                    "{name} is not among the indexed documents, so this cannot be answered from them."),
    "not_indexed_note": ("（现有文件中没有{name}；以下是现有文件中的相关内容。）",
                         "({name} is not among the indexed documents; what they say on this follows.)"),
    "no_owner": ("现有文件没有写明由哪个单位负责这项工作，无法依据文件作答。",
                 "The documents do not say which body is responsible for this, so it cannot be answered from them."),
    "no_article": ("文件中没有{article}（{told}）。", "The documents have no {article} ({told})."),
    "no_target_year": ("现有文件未设定{years}年的目标，无法依据文件作答。",
                       "The documents set no target for {years}, so this cannot be answered from them."),
    "no_amount": ("现有文件没有写明这项支持的具体金额，无法依据文件作答。以下措施可能相关（均未写明金额），仅供参考：",
                  "The documents state no amount for this; related measures (none states a sum):"),
    "no_support": ("现有文件中没有适用于{who}的支持措施，无法依据文件作答。",
                   "The documents list no support measure for {who}, so this cannot be answered from them."),
    "nearest": ("文件中与此最接近的规定如下（未必回答所问，仅供参考）：",
                "The nearest provision in the documents follows (it may not answer the question; for reference only):"),
    "partial": ("现有文件没有写明{missing}。以下是最相关的规定，仅供参考：",
                "The documents do not state {missing}. The nearest provisions follow, for reference only:"),
    "partial_subject": ("现有文件没有写明关于“{subject}”的{missing}。以下规定说的是相近的其他情形，仅供参考：",
                        "The documents do not state {missing} for {subject}. The nearest provisions, on other "
                        "cases, follow for reference only:"),
    "unnamed": ("现有文件没有提及“{what}”。以下规定说的是相近的其他事项，仅供参考：",
                "The documents do not mention “{what}”. The nearest provisions, on other matters, follow for "
                "reference only:"),
    "premise": ("现有文件没有写明“{what}”的规定。以下是最相关的规定，仅供参考：",
                "The documents state no rule of “{what}”. The nearest provisions follow, for reference only:"),
    "part_unstated": ("关于“{part}”，现有文件没有写明。", "On \"{part}\", the documents state nothing."),
    "yes": ("符合。文件规定的相关条件如下，您的情况符合：", "Yes. The condition the documents set, which you meet:"),
    "no": ("不符合。文件规定的相关条件如下：", "No. The condition the documents set, which you do not meet:"),
    # an applicant's figures judged against alternatives for two kinds of applicant (工业企业，…；其他企业，…)
    # when the question does not say which it is: the verdict for each
    "by_kind": ("是否符合取决于贵单位是否属于工业企业：", "It depends on whether yours is an industrial enterprise:"),
    "if_kind": ("若为{kind}：{verdict}", "If {kind}: {verdict}"),
    "kind_industrial": ("工业企业", "an industrial enterprise"),
    "kind_other": ("其他企业", "any other enterprise"),
    "met": ("符合", "yes, you meet them"),
    "unmet": ("不符合", "no, you do not meet them"),
    # a yes/no question decided by a rule on the act it asks of (准予扣除, 不得…扣除, 应当…, 无须…)
    "allowed": ("可以。", "Yes."),
    "denied": ("不可以。", "No."),
    "required": ("需要。", "Yes, it is required."),
    "not_required": ("不需要。", "No, it is not required."),
    # a figure the question states as what the documents say (结转五年，对吧？), confirmed or corrected
    "claim_right": ("对。文件的规定如下：", "Yes, that is right. The documents say:"),
    "claim_wrong": ("不对。文件的规定如下：", "No. The documents say otherwise:"),
    # a rule decided for the figure asked, and the case the question states has a rule of its own after it
    "case_departs": ("文件对您所说的情形另有规定，见下文第二句：",
                     "The documents make a rule of its own for the case you describe (the second sentence):"),
    # the case asked is one the rule carves out (不包括港、澳、台地区, 不含…二手房, 不包括…不足12个月的), or the asker's
    # figure keeps it out of the carve-out (持有满18个月 against 不包括…不足12个月): the rule's other conditions still apply
    "excluded": ("不符合。文件明确把这种情形排除在外：", "No. The documents expressly leave this case out:"),
    "not_excluded": ("您的情况不在文件排除的情形之内（该规定的其他条件仍须满足）：",
                     "Your case is not one the documents leave out (the rule's other conditions still apply):"),
    # a procedure answer names the steps a section's numbered heads give, before quoting them
    "steps": ("步骤依次为：{steps}。", "The steps, in order: {steps}."),
}

# What a partial answer says is missing, by the kind of figure or answer asked.
MISSING: dict[str, tuple[str, str]] = {
    "rate": ("具体比例", "the rate"), "share": ("具体比例", "the share"), "amount": ("具体金额", "the amount"),
    "count": ("具体数量", "the number"), "area": ("具体面积", "the area"),
    "length": ("具体长度或距离", "the length or distance"), "duration": ("具体期限", "the period"),
    "date": ("具体时间", "the date"), "month": ("具体时间", "the date"), "year": ("具体年份", "the year"),
    "contact": ("联系方式", "contact details"), "website": ("网址或网站", "the website"),
    "materials": ("需要提交的材料", "the materials to submit"), "purpose": ("制定目的", "the purpose"),
    "penalty": ("相应罚则", "the penalty"),
}


def say(reason: Reason, english: bool, **slots: str) -> str:
    zh, en = MESSAGES[reason]
    return (en if english else zh).format(**slots)


def missing_words(kinds, english: bool) -> str:
    """What a partial answer says the documents do not state (具体比例, the rate)."""
    # in the table's order, whatever order the kinds came in (a set's order differs between processes)
    names = list(dict.fromkeys(words[1 if english else 0] for k, words in MISSING.items() if k in kinds))
    return ("、" if not english else ", ").join(names) or ("这一内容" if not english else "this")
