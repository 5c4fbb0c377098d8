"""Candidate profiles on paper: full and anonymised PDFs and an employer shortlist (no Qt here).

Content is built from the candidate record into plain blocks (``build_full``, ``build_anonymous``:
the latter from an explicit allow-list of structured, vocabulary-resolved facts: no free text except a
confirmed "tekst voor werkgever"; ``sensitive.find_sensitive`` marks what looks sensitive in it),
then drawn with reportlab (``render_profile``, ``render_shortlist``) and written with ``write_pdf``.
Loading from the database and the audit entry are in ``matchdesk.services.profiles``.
"""

from matchdesk.profiles.anonymous import CANDIDATE_FIELDS as ANONYMOUS_FIELDS
from matchdesk.profiles.anonymous import build_anonymous
from matchdesk.profiles.full import build_full
from matchdesk.profiles.model import (
    ANONYMOUS,
    FULL,
    Contact,
    Match,
    ProfileDocument,
    ProfileSettings,
    ShortlistDocument,
    VacancyInfo,
    as_match,
)
from matchdesk.profiles.output import OutputNotWritable, write_pdf
from matchdesk.profiles.render import render_profile, render_shortlist
from matchdesk.profiles.scrubber import Identity, scrub

__all__ = [
    "ANONYMOUS", "ANONYMOUS_FIELDS", "FULL", "Contact", "Identity", "Match", "OutputNotWritable", "ProfileDocument",
    "ProfileSettings", "ShortlistDocument", "VacancyInfo", "as_match", "build_anonymous", "build_full",
    "render_profile", "render_shortlist", "scrub", "write_pdf",
]
