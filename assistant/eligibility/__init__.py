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
    load_profile_with_facts,
    split_profile,
    match,
    parse_profile,
    profile_from_flags,
    profile_from_text,
    why_english,
)
from assistant.eligibility.cards import Offices, amounts, same_measure, summary
from assistant.eligibility.terms import MONEY_QUESTIONS
from assistant.eligibility.conditions import (FACTS_ZH, NOTES as CHECK_NOTES, CheckResult, ConditionList, Facts,
                                              applies, condition_lists, facts_from_text, parse_facts, self_check)
from assistant.eligibility.roles import sentence_role
from assistant.eligibility.validity import DocumentStatus, document_status
from assistant.errors import ProfileError

__all__ = ["CHECK_NOTES", "FACTS_ZH", "CheckResult", "ConditionList", "DocumentStatus", "Facts", "GENERAL", "MONEY_QUESTIONS", "OTHER_SUPPORT",
           "MatchResult", "Matched", "Offices", "Profile", "ProfileError",
           "amounts", "applies", "cards_of", "citation_of", "condition_lists", "document_status", "extract_measures",
           "facts_from_text", "load_profile", "load_profile_with_facts", "match", "parse_facts", "parse_profile",
           "profile_from_flags", "profile_from_text", "render_card_zh", "same_measure", "self_check", "sentence_role",
           "split_profile", "summary", "why_english"]
