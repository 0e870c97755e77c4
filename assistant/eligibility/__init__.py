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
from assistant.errors import ProfileError

__all__ = ["GENERAL", "MONEY_QUESTIONS", "OTHER_SUPPORT", "MatchResult", "Matched", "Offices", "Profile", "ProfileError",
           "amounts", "cards_of", "citation_of", "render_card_zh",
           "extract_measures", "load_profile", "match", "parse_profile", "profile_from_flags", "profile_from_text",
           "same_measure", "summary"]
