"""The full internal profile: everything a matchmaker's file holds about one candidate."""

from __future__ import annotations

import datetime as dt

from matchdesk.dates import age_on, format_nl
from matchdesk.domain import Provider, TaaleisStatus, TrajectoryKind, TrajectoryStatus
from matchdesk.labels import label
from matchdesk.profiles import common
from matchdesk.profiles.model import (
    FULL,
    Block,
    Fields,
    Match,
    MatchBlock,
    PdfInfo,
    ProfileDocument,
    ProfileSettings,
    Table,
    Text,
    VacancyInfo,
)


def trajectory_status(trajectory, today: dt.date) -> TrajectoryStatus:
    # the same rule as services.trajectories.trajectory_status, kept here so profiles need no services
    if trajectory.start > today:
        return TrajectoryStatus.GEPLAND
    end = trajectory.actual_end or trajectory.planned_end
    if end is not None and end < today:
        return TrajectoryStatus.AFGEBROKEN if trajectory.aborted else TrajectoryStatus.BEEINDIGD
    return TrajectoryStatus.LOPEND


def build_full(candidate, today: dt.date, settings: ProfileSettings = ProfileSettings(), *,
               vacancy: VacancyInfo | None = None, match: Match | None = None) -> ProfileDocument:
    c = candidate
    birth = f"{format_nl(c.birth_date)} ({age_on(c.birth_date, today)} jaar)" if c.birth_date else "onbekend"
    bsn = (c.bsn + (" (testgegeven)" if c.bsn_test_data else "")) if c.bsn else "onbekend"
    address = " ".join(p for p in (c.postcode, c.woonplaats) if p)
    blocks: list[Block] = [
        Fields("Persoonsgegevens", (
            ("Naam", c.display_name or "onbekend"), ("Klantnummer", c.klantnummer),
            ("Profielnummer", c.profile_number), ("BSN", bsn), ("Geboortedatum", birth),
            ("Adres", c.adres or "onbekend"), ("Postcode en woonplaats", address or "onbekend"),
            ("Gemeente", c.municipality or "onbekend"), ("Telefoon", c.telefoon or "-"), ("E-mail", c.email or "-"),
            ("Matchmaker", c.owner.name if c.owner else "-"),
        )),
        Fields("Doelgroep en regelingen", (
            ("Doelgroep", str(c.doelgroep or "onbekend")), ("Categorie", str(c.categorie or "onbekend")),
            ("Uitkering", c.benefit_type or "onbekend"), ("Banenafspraak", common.yes_no(c.banenafspraak)),
            ("Indicatie beschut werk", common.yes_no(c.beschut_indicatie)), ("Wsw", common.yes_no(c.wsw)),
            ("Statushouder", common.yes_no(c.statushouder)), ("Taalachterstand", common.yes_no(c.taalachterstand)),
            ("Startkwalificatie", common.yes_no(c.startkwalificatie)),
            ("Ontheffing tot", format_nl(c.ontheffing_until) or "geen"),
            ("Loonwaarde", f"{c.loonwaarde}%" if c.loonwaarde is not None else "niet gemeten"),
            ("Beperkingen", c.work_limitations or "geen vastgelegd"),
        )),
        Fields("Beschikbaarheid en mobiliteit", (
            ("Beschikbaar", common.availability(c.available_from, today)), ("Uren", common.hours(c.hours_per_week)),
            ("Reisafstand", common.travel(c.max_travel_km)), ("Rijbewijzen", common.licences(c.driving_licences)),
        )),
        common.skill_groups(c.skills),
        common.language_block(c.languages, vacancy.required_languages if vacancy else (), rows=(
            ("Taaleis", label(c.taaleis_status, TaaleisStatus, empty="Onbekend")
             + (f" (per {format_nl(c.taaleis_date)})" if c.taaleis_date else "")),)),
        Table("Werkervaring", ("Functie", "Werkgever", "Van", "Tot", "Omschrijving"), tuple(
            (e.function, e.employer_name or "", format_nl(e.start), format_nl(e.end) or "heden", e.description or "")
            for e in sorted(c.experiences, key=lambda e: e.start or dt.date.min, reverse=True)),
            (3, 3, 1.6, 1.6, 4)),
        Table("Opleiding", ("Opleiding", "Niveau", "Instelling", "Einde", "Diploma"), tuple(
            (e.name, e.level or "", e.institution or "", str(e.year_end or ""), common.yes_no(e.diploma))
            for e in sorted(c.educations, key=lambda e: e.year_end or 0, reverse=True)),
            (4, 1.5, 3.5, 1.2, 1.2)),
        Text("Wensen", tuple(p for p in (
            f"Gewenst werk: {', '.join(common.occupations(c.desired_occupations))}" if c.desired_occupations else "",
            c.wishes or "") if p)),
        Text("Tekst voor werkgever", _paragraphs(c.employer_text),
             "Niets vastgelegd (een geanonimiseerd profiel heeft dan geen vrije tekst)."),
    ]
    blocks += _trajectories(c.trajectories, today)
    blocks.append(Text("Notities", _paragraphs(c.notes)))
    if vacancy is not None:
        blocks.append(MatchBlock("Match met de vacature", f"{vacancy.title} ({vacancy.reference})",
                                 match.score if match else None,
                                 tuple(s for s in match.sentences if not s.startswith("Score ")) if match else ()))
    return ProfileDocument(
        variant=FULL, heading=c.display_name or c.klantnummer, subheading="Intern profiel: bevat persoonsgegevens",
        profile_number=c.profile_number, blocks=tuple(blocks),
        file_name=f"profiel-{c.profile_number}-volledig.pdf",
        info=PdfInfo(title="Kandidaatprofiel (intern)", author=settings.organisation,
                     subject="Intern kandidaatprofiel", keywords="kandidaatprofiel, intern, vertrouwelijk"),
        score=match.score if match else None)


def _trajectories(trajectories, today: dt.date) -> list[Table]:
    running: list[tuple[str, ...]] = []
    past: list[tuple[str, ...]] = []
    for t in sorted(trajectories, key=lambda t: t.start, reverse=True):
        status = trajectory_status(t, today)
        end = t.actual_end or t.planned_end
        row = (label(t.kind, TrajectoryKind), label(t.provider, Provider),
               t.employer.name if t.employer is not None else "", format_nl(t.start),
               format_nl(end) or "open", label(status), t.outcome or "")
        (past if status in (TrajectoryStatus.BEEINDIGD, TrajectoryStatus.AFGEBROKEN) else running).append(row)
    header = ("Soort", "Aanbieder", "Werkgever", "Start", "Einde", "Status", "Uitkomst")
    widths = (2.4, 2.2, 3.0, 1.7, 1.7, 2.0, 2.2)
    return [Table("Lopende en geplande trajecten", header, tuple(running), widths, "Geen lopende trajecten."),
            Table("Eerdere trajecten", header, tuple(past), widths, "Geen eerdere trajecten.")]


def _paragraphs(text: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (text or "").split("\n\n") if p.strip())
