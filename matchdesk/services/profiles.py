"""Printing and exporting candidate profiles and shortlists: load, build, audit, render, write.

The use cases (first parameter the application object; the window runs them as ops):

    profile_pdf(app, klantnummer, anonymous=True, vacancy_reference="V2026-00001") -> Printed  # bytes
    shortlist_pdf(app, "V2026-00001", ["2000003", "2000011"]) -> Printed
    export_profile(app, klantnummer, "profiel.pdf", anonymous=False) -> Printed                 # and the file
    export_shortlist(app, "V2026-00001", ["2000003", "2000011"], "shortlist.pdf") -> Printed

Each opens its own unit of work as ``app.user``, writes one audit entry per candidate and returns a frozen
``Printed`` (path, bytes, file name); an export commits its audit entries only when the file was written.
An anonymised profile holds no free text unless ``employer_text`` is the candidate's "tekst voor werkgever"
as the matchmaker confirmed it (``services.employer_text``) or ``include_employer_text`` confirms the
stored one (the command line's ``--met-werkgeverstekst``, audited as a confirmation).
``profile_document`` / ``shortlist_document`` are the session-level building blocks (benchmarks, docs).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matchdesk.errors import MatchDeskError, NotFound, UsageError
from matchdesk.profiles import ProfileSettings, build_anonymous, build_full, render_profile, render_shortlist
from matchdesk.profiles.common import LANGUAGE_LABELS
from matchdesk.profiles.model import (
    ANONYMOUS,
    FULL,
    Contact,
    Match,
    PdfInfo,
    ProfileDocument,
    ShortlistDocument,
    VacancyInfo,
    as_match,
)
from matchdesk.profiles.output import discard_pdf, publish_pdf, stage_pdf
from matchdesk.services.employer_text import confirmed_text
from matchdesk.storage.audit import log_event
from matchdesk.storage.models import Candidate, Employer, Meta, Proposal, Trajectory, Vacancy

if TYPE_CHECKING:
    from matchdesk.app import App

# (session, candidate, vacancy, today) -> a Match, text, list of sentences or rank result; None if unknown
Explainer = Callable[[Session, Candidate, Vacancy, dt.date], object]


@dataclass(frozen=True)
class Printed:
    path: Path | None
    data: bytes
    file_name: str


def load_candidates(session: Session, klantnummers: Sequence[str]) -> list[Candidate]:
    """Live candidates with everything a profile shows, in the order asked; NotFound names the first unknown."""
    rows = session.scalars(select(Candidate).where(
        Candidate.klantnummer.in_(list(klantnummers)), Candidate.deleted_at.is_(None)).options(
        selectinload(Candidate.skills), selectinload(Candidate.languages), selectinload(Candidate.educations),
        selectinload(Candidate.experiences), selectinload(Candidate.owner),
        selectinload(Candidate.trajectories).selectinload(Trajectory.employer))).all()
    by_number = {c.klantnummer: c for c in rows}
    for number in klantnummers:
        if number not in by_number:
            raise NotFound(f"Kandidaat met klantnummer {number} bestaat niet")
    return [by_number[n] for n in klantnummers]


def load_vacancy(session: Session, reference: str) -> Vacancy:
    vacancy = session.scalar(select(Vacancy).where(Vacancy.reference == reference, Vacancy.deleted_at.is_(None))
                             .options(selectinload(Vacancy.languages), selectinload(Vacancy.skills),
                                      selectinload(Vacancy.employer).selectinload(Employer.accountmanager)))
    if vacancy is None:
        raise NotFound(f"Vacature met referentie {reference} bestaat niet")
    return vacancy


def vacancy_info(vacancy: Vacancy) -> VacancyInfo:
    return VacancyInfo(vacancy.reference, vacancy.title, vacancy.employer.name, vacancy.place or "",
                       tuple((LANGUAGE_LABELS[row.skill], row.min_level.value) for row in vacancy.languages))


def vacancy_contact(vacancy: Vacancy) -> Contact | None:
    manager = vacancy.employer.accountmanager
    return Contact(manager.name, manager.email, manager.phone) if manager is not None else None


def settings_for(session: Session, **overrides) -> ProfileSettings:
    """The organisation's name from the database (meta ``organisation``, else the region)."""
    meta = dict(session.execute(select(Meta.key, Meta.value).where(Meta.key.in_(["organisation", "region"]))).all())
    region = meta.get("region")
    name = meta.get("organisation") or (
        "Werkgeversservicepunt West-Brabant" if region == "WVS" else f"Werkgeversservicepunt {region or ''}".strip())
    return ProfileSettings(**({"organisation": name} | overrides))


def stored_match(session: Session, candidate: Candidate, vacancy: Vacancy, _today: dt.date) -> Match | None:
    """The latest proposal's score and explanation for this pair: the fallback explainer."""
    proposal = session.scalar(select(Proposal).where(Proposal.candidate_id == candidate.id,
                                                     Proposal.vacancy_id == vacancy.id)
                              .order_by(Proposal.proposed_on.desc()).limit(1))
    if proposal is None:
        return None
    stored = as_match(proposal.explanation)
    return Match(proposal.score, stored.sentences if stored is not None else ())


@contextlib.contextmanager
def matching_explainer(app: App) -> Iterator[Explainer]:
    """The matching engine's score and explanation for a pair (``app.matcher.explain``); the stored
    proposal's when the engine cannot judge the pair. The engine is asked for only when a pair is explained,
    so a profile without a vacancy never builds the candidate index."""

    def explain(session: Session, candidate: Candidate, vacancy: Vacancy, today: dt.date) -> object:
        try:
            return app.matcher.explain(candidate.klantnummer, vacancy.reference, today)
        except MatchDeskError:
            return stored_match(session, candidate, vacancy, today)

    yield explain


def profile_document(session: Session, klantnummer: str, today: dt.date, *, anonymous: bool,
                     vacancy_reference: str | None = None, explanation: object = None,
                     explainer: Explainer | None = stored_match, settings: ProfileSettings | None = None,
                     action: str | None = "afgedrukt", employer_text: str | None = None,
                     include_employer_text: bool = False) -> ProfileDocument:
    """Build one profile and (unless ``action`` is None) write its audit entry in this session.

    ``explanation`` (text, sentences, a Match or a rank result) wins over ``explainer``. On an anonymised
    profile, ``employer_text`` (the text as confirmed; ConflictError when the stored one differs) or
    ``include_employer_text`` (confirm the stored text now, audited) adds the "tekst voor werkgever".
    """
    candidate = load_candidates(session, [klantnummer])[0]
    vacancy = load_vacancy(session, vacancy_reference) if vacancy_reference else None
    settings = settings or settings_for(session)
    match = _match(session, candidate, vacancy, today, explanation, explainer)
    info = vacancy_info(vacancy) if vacancy else None
    text = None
    if anonymous:
        contact = vacancy_contact(vacancy) if vacancy else None
        if include_employer_text or employer_text is not None:
            text = confirmed_text(session, candidate.id, None if include_employer_text else employer_text,
                                  how="opdrachtregel" if include_employer_text else None)
        document = build_anonymous(candidate, today, settings, vacancy=info, match=match, contact=contact,
                                   employer_text=text)
    else:
        document = build_full(candidate, today, settings, vacancy=info, match=match)
    if action:
        _audit(session, action, candidate.id, document.variant, "profiel", vacancy_reference,
               "met tekst voor werkgever" if text else None)
    return document


def shortlist_document(session: Session, vacancy_reference: str, klantnummers: Sequence[str], today: dt.date, *,
                       explanations: dict[str, object] | None = None, explainer: Explainer | None = stored_match,
                       settings: ProfileSettings | None = None, action: str | None = "afgedrukt") -> ShortlistDocument:
    if not klantnummers:
        raise UsageError("Geef minstens één klantnummer voor de shortlist.")
    if len(set(klantnummers)) != len(klantnummers):
        raise UsageError("Een klantnummer staat twee keer in de shortlist.")
    vacancy = load_vacancy(session, vacancy_reference)
    candidates = load_candidates(session, klantnummers)
    settings = settings or settings_for(session)
    info, contact = vacancy_info(vacancy), vacancy_contact(vacancy)
    profiles = []
    for candidate in candidates:
        match = _match(session, candidate, vacancy, today, (explanations or {}).get(candidate.klantnummer), explainer)
        profiles.append(build_anonymous(candidate, today, settings, vacancy=info, match=match, contact=contact,
                                        with_contact=contact is None))
        if action:
            _audit(session, action, candidate.id, ANONYMOUS, "shortlist", vacancy_reference)
    # best score first; unknown scores last, in the order given
    order = sorted(range(len(profiles)), key=lambda i: (profiles[i].score is None, -(profiles[i].score or 0), i))
    return ShortlistDocument(
        vacancy=info, contact=contact, printed_on=today, profiles=tuple(profiles[i] for i in order),
        organisation=settings.organisation, file_name=f"shortlist-{vacancy.reference}.pdf",
        info=PdfInfo(title="Shortlist kandidaten", author=settings.organisation,
                     subject="Geanonimiseerde kandidaatprofielen voor een vacature",
                     keywords="shortlist, geanonimiseerd"))


# -- use cases: one unit of work each, as the application object's medewerker, "today" from it -------------
def profile_pdf(app: App, klantnummer: str, *, anonymous: bool, vacancy_reference: str | None = None,
                explanation: object = None, explainer: Explainer | None = None,
                action: str = "afgedrukt", employer_text: str | None = None,
                include_employer_text: bool = False) -> Printed:
    """PDF bytes for a print preview or printer (no file); audited as ``action`` in the same unit.

    With a vacancy and no ``explanation``, the score and explanation are the matching engine's (the
    stored proposal's when the engine cannot judge the pair), unless ``explainer`` says otherwise."""
    with app.unit() as session, _explaining(app, explainer) as explain:
        document = profile_document(session, klantnummer, app.today, anonymous=anonymous,
                                    vacancy_reference=vacancy_reference, explanation=explanation,
                                    explainer=explain, action=action, employer_text=employer_text,
                                    include_employer_text=include_employer_text)
        data = render_profile(document, app.today, document.info.author)
    return Printed(None, data, document.file_name)


def shortlist_pdf(app: App, vacancy_reference: str, klantnummers: Sequence[str], *,
                  explanations: dict[str, object] | None = None, explainer: Explainer | None = None,
                  action: str = "afgedrukt") -> Printed:
    """The shortlist's PDF bytes (no file); one audit entry per candidate as ``action``."""
    with app.unit() as session, _explaining(app, explainer) as explain:
        shortlist = shortlist_document(session, vacancy_reference, klantnummers, app.today,
                                       explanations=explanations, explainer=explain, action=action)
        data = render_shortlist(shortlist)
    return Printed(None, data, shortlist.file_name)


def export_profile(app: App, klantnummer: str, output: Path | str | None = None, *, anonymous: bool,
                   vacancy_reference: str | None = None, explanation: object = None,
                   explainer: Explainer | None = None, action: str = "geëxporteerd",
                   employer_text: str | None = None, include_employer_text: bool = False) -> Printed:
    """Build, render and write one profile (default file name ``document.file_name`` in the working
    folder). The file is complete on disk before the audit entry is committed, and renamed into place only
    after that commit: no profile on disk without its entry."""
    def build(session: Session, explain: Explainer) -> tuple[bytes, str]:
        document = profile_document(session, klantnummer, app.today, anonymous=anonymous,
                                    vacancy_reference=vacancy_reference, explanation=explanation,
                                    explainer=explain, action=action, employer_text=employer_text,
                                    include_employer_text=include_employer_text)
        return render_profile(document, app.today, document.info.author), document.file_name

    return _export(app, explainer, output, build)


def export_shortlist(app: App, vacancy_reference: str, klantnummers: Sequence[str],
                     output: Path | str | None = None, *, explanations: dict[str, object] | None = None,
                     explainer: Explainer | None = None, action: str = "geëxporteerd") -> Printed:
    """Build, render and write a shortlist; the audit entries are committed before the complete file is renamed
    into place (as ``export_profile``)."""
    def build(session: Session, explain: Explainer) -> tuple[bytes, str]:
        shortlist = shortlist_document(session, vacancy_reference, klantnummers, app.today,
                                       explanations=explanations, explainer=explain, action=action)
        return render_shortlist(shortlist), shortlist.file_name

    return _export(app, explainer, output, build)


def _export(app: App, explainer: Explainer | None, output: Path | str | None,
            build: Callable[[Session, Explainer], tuple[bytes, str]]) -> Printed:
    """Build and render in one unit of work (which writes the audit entries), stage the PDF beside its target
    before that unit commits, and rename it into place after: a failed commit leaves no file."""
    staged = None
    try:
        with app.unit() as session, _explaining(app, explainer) as explain:
            data, file_name = build(session, explain)
            staged = stage_pdf(data, Path(output) if output else Path(file_name))
    except BaseException:
        discard_pdf(staged)
        raise
    return Printed(publish_pdf(staged), data, file_name)


def _explaining(app: App, explainer: Explainer | None) -> contextlib.AbstractContextManager[Explainer]:
    """The explainer given, else the matching engine's (built only when a pair is actually explained)."""
    return contextlib.nullcontext(explainer) if explainer is not None else matching_explainer(app)


def _match(session, candidate, vacancy, today, explanation, explainer) -> Match | None:
    if vacancy is None:
        return None
    if explanation is not None:
        return as_match(explanation)
    return as_match(explainer(session, candidate, vacancy, today)) if explainer else None


def _audit(session: Session, action: str, candidate_id: uuid.UUID, variant: str, what: str,
           vacancy_reference: str | None, extra: str | None = None) -> None:
    detail = f"{what}; variant={variant}" + (f"; vacature={vacancy_reference}" if vacancy_reference else "") \
        + (f"; {extra}" if extra else "")
    log_event(session, action, "kandidaat", candidate_id, detail)


__all__ = ["FULL", "ANONYMOUS", "Printed", "profile_document", "shortlist_document", "profile_pdf", "shortlist_pdf",
           "export_profile", "export_shortlist", "stored_match", "matching_explainer", "settings_for"]
