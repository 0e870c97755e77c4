"""Stage 2, sections -> support measures, and enterprise profiles matched
against them (政策匹配). The chat's eligibility answers use the same records,
so chat and form agree."""

from assistant.eligibility.measures import (
    GENERAL,
    OTHER_SUPPORT,
    Matched,
    MatchResult,
    Profile,
    cards_of,
    citation_of,
    render_card_zh,
    extract_measures,
    load_profile,
    match,
    parse_profile,
    profile_from_flags,
    profile_from_text,
)
from assistant.eligibility.cards import Offices, amounts, same_measure, summary
from assistant.eligibility.terms import MONEY_QUESTIONS
from assistant.eligibility.conditions import CheckResult, ConditionList, Facts, condition_lists, facts_from_text, parse_facts, self_check
from assistant.eligibility.roles import sentence_role
from assistant.eligibility.validity import DocumentStatus, document_status
from assistant.errors import ProfileError

__all__ = ["CheckResult", "ConditionList", "DocumentStatus", "Facts", "condition_lists", "document_status",
           "facts_from_text", "parse_facts", "self_check", "sentence_role", "split_profile", "GENERAL", "MONEY_QUESTIONS", "OTHER_SUPPORT", "MatchResult", "Matched", "Offices", "Profile", "ProfileError",
           "amounts", "cards_of", "citation_of", "render_card_zh",
           "extract_measures", "load_profile", "match", "parse_profile", "profile_from_flags", "profile_from_text",
           "same_measure", "summary"]


def split_profile(data: dict) -> tuple[Profile, Facts | None]:
    """A profile file's two parts: who the applicant is (资质, 行业, …) and, when
    given, the facts the self-check reads (years_registered, revenue, …),
    either at the top level or under "facts"."""
    if not isinstance(data, dict):
        return parse_profile(data), None
    data = dict(data)
    facts = dict(data.pop("facts", None) or data.pop("企业情况", None) or {})
    for key in list(data):
        if key in Facts.model_fields:
            facts[key] = data.pop(key)
    return parse_profile(data), (parse_facts(facts) if facts else None)
