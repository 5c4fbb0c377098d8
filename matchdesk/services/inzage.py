"""Inzage (AVG art. 15): everything MatchDesk holds about one person, as a JSON file and a PDF.

    written = write_inzage(app, "K0001234", Path("inzage"))   # ``matchdesk inzage K0001234 -o inzage``

The record, skills, languages, education, work experience, contact moments, proposals (with the vacancy's
reference and title), trajectories and the audit trail of the candidate and of those child records. Both files
are 0600, written whole or not at all (``matchdesk.files.AtomicFile``); the audit entry (``inzage``, no value)
is flushed before the files are renamed into place, and the files are removed again when the commit fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import io
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from matchdesk.errors import NotFound
from matchdesk.files import AtomicFile
from matchdesk.storage.audit import log_event
from matchdesk.storage.models import (
    AuditEntry,
    Candidate,
    CandidateLanguage,
    CandidateSkill,
    ContactMoment,
    Education,
    Proposal,
    Record,
    Trajectory,
    Vacancy,
    WorkExperience,
)

if TYPE_CHECKING:
    from matchdesk.app import App

SECTIONS = (("vaardigheden", CandidateSkill), ("talen", CandidateLanguage), ("opleidingen", Education),
            ("werkervaring", WorkExperience), ("contactmomenten", ContactMoment), ("voorstellen", Proposal),
            ("trajecten", Trajectory))
_SKIP = {"id", "candidate_id", "version", "name_key", "prev_hash", "entry_hash"}


@dataclass(frozen=True)
class Inzage:
    json_path: Path
    pdf_path: Path
    sections: tuple[tuple[str, int], ...]  # (section, number of rows)
    audit_entries: int


def write_inzage(app: App, klantnummer: str, folder: str | Path) -> Inzage:
    """Write ``inzage-<klantnummer>.json`` and ``.pdf`` into ``folder`` (made when missing)."""
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # what it writes is all about one person
    safe = "".join(ch for ch in klantnummer if ch.isalnum() or ch in "-_") or "kandidaat"
    json_path, pdf_path = folder / f"inzage-{safe}.json", folder / f"inzage-{safe}.pdf"
    published: list[Path] = []
    try:
        with app.unit() as session:
            data = collect(session, klantnummer)
            candidate_id = uuid.UUID(data["kandidaat"]["id"])
            json_bytes = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")
            pdf_bytes = render_pdf(data, app.today)
            with AtomicFile(json_path) as json_file, AtomicFile(pdf_path) as pdf_file:
                json_file.file.write(json_bytes)
                pdf_file.file.write(pdf_bytes)
                log_event(session, "inzage", "kandidaat", candidate_id, detail="AVG art. 15: JSON en PDF")
                session.flush()  # no file without its entry
                json_file.publish()
                published.append(json_path)
                pdf_file.publish()
                published.append(pdf_path)
    except BaseException:
        for path in published:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    counts = tuple((name, len(data[name])) for name, _ in SECTIONS)
    return Inzage(json_path, pdf_path, counts, len(data["audittrail"]))


def collect(session: Session, klantnummer: str) -> dict[str, Any]:
    """Every stored fact about the live candidate with this klantnummer, JSON-ready."""
    candidate = session.scalar(select(Candidate).where(Candidate.klantnummer == klantnummer,
                                                       Candidate.deleted_at.is_(None)))
    if candidate is None:
        raise NotFound(f"Kandidaat met klantnummer {klantnummer} bestaat niet")
    data: dict[str, Any] = {"kandidaat": _row(candidate) | {"id": str(candidate.id)}}
    ids: list[uuid.UUID] = [candidate.id]
    for name, model in SECTIONS:
        rows = list(session.scalars(select(model).where(model.candidate_id == candidate.id)
                                    .order_by(model.created_at)))
        ids += [row.id for row in rows]
        data[name] = [_row(row) for row in rows]
    wanted = [uuid.UUID(p["vacancy_id"]) for p in data["voorstellen"] if p.get("vacancy_id")]
    vacancies = {v.id: v for v in session.scalars(select(Vacancy).where(Vacancy.id.in_(wanted)))} if wanted else {}
    for proposal in data["voorstellen"]:
        vacancy = vacancies.get(uuid.UUID(proposal["vacancy_id"])) if proposal.get("vacancy_id") else None
        proposal["vacature"] = f"{vacancy.reference} {vacancy.title}" if vacancy else None
    entries = session.scalars(select(AuditEntry).where(AuditEntry.record_id.in_(ids))
                              .order_by(AuditEntry.at))
    data["audittrail"] = [{"moment": e.at.isoformat(timespec="seconds"), "medewerker": e.medewerker,
                           "actie": e.action, "soort": e.record_type, "velden": e.fields, "toelichting": e.detail}
                          for e in entries]
    return data


def _row(record: Record) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in inspect(type(record)).columns:
        if column.key in _SKIP:
            continue
        values[column.key] = _plain(getattr(record, column.key))
    return values


def _plain(value: object) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def render_pdf(data: dict[str, Any], today: dt.date) -> bytes:
    """A plain, readable PDF of ``data``: a table per section (reportlab, the embedded font)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from matchdesk.profiles.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    title = ParagraphStyle("titel", fontName=BOLD, fontSize=15, leading=19, spaceAfter=6)
    heading = ParagraphStyle("kop", fontName=BOLD, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)
    body = ParagraphStyle("tekst", fontName=REGULAR, fontSize=8.5, leading=11)

    def p(text: object, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), style)

    def pairs(values: dict[str, Any]) -> Table:
        table = Table([[p(k), p(v)] for k, v in values.items()], colWidths=[45 * mm, 125 * mm])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return table

    klant = data["kandidaat"].get("klantnummer")
    story: list[Any] = [p("Inzage persoonsgegevens (AVG art. 15)", title),
                        p(f"Klantnummer {klant}; opgesteld op {today.isoformat()} door MatchDesk."),
                        p("Kandidaat", heading), pairs(data["kandidaat"])]
    for name, _ in (*SECTIONS, ("audittrail", None)):
        story.append(p(name.capitalize(), heading))
        if not data[name]:
            story.append(p("geen"))
        for row in data[name]:
            story += [pairs(row), Spacer(1, 2 * mm)]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                 bottomMargin=18 * mm, title=f"Inzage {klant}", author="MatchDesk")
    document.build(story)
    return buffer.getvalue()
