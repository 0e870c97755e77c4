"""Stage 2, sections -> support measures, and enterprise profiles matched
against them (政策匹配). The chat's eligibility answers use the same records,
so chat and form agree."""

from assistant.eligibility.measures import (
    GENERAL,
    OTHER_SUPPORT,
    Matched,
    MatchResult,
    Profile,
    citation_of,
    extract_measures,
    load_profile,
    match,
    parse_profile,
    profile_from_flags,
    profile_from_text,
)
from assistant.errors import ProfileError

__all__ = ["GENERAL", "OTHER_SUPPORT", "MatchResult", "Matched", "Profile", "ProfileError", "citation_of",
           "extract_measures", "load_profile", "match", "parse_profile", "profile_from_flags", "profile_from_text"]
