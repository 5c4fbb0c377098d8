"""`matchdesk profile` and `matchdesk shortlist`: files, default names, exit codes, audit entries."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from matchdesk.cli.main import main
from matchdesk.storage.database import Database
from matchdesk.storage.models import AuditEntry, Candidate, Proposal, Vacancy
from tests.profiles.conftest import TODAY


@pytest.fixture
def cli_db(demo_db_path, tmp_path):
    path = tmp_path / "cli.db"
    shutil.copy(demo_db_path, path)
    return path


def run(db, *args):
    return main(["--db", str(db), "--today", TODAY.isoformat(), "--user", "Eline", *args])


def first(db_path, model, *where):
    db = Database.open(db_path)
    try:
        with db.reading() as session:
            return session.scalars(select(model).where(*where).limit(1)).first()
    finally:
        db.dispose()


def audit(db_path):
    db = Database.open(db_path)
    try:
        with db.reading() as session:
            return session.scalars(select(AuditEntry).where(AuditEntry.record_type == "kandidaat",
                                                            AuditEntry.action == "geëxporteerd")).all()
    finally:
        db.dispose()


def test_anonymous_profile_default_file_name_and_audit(cli_db, tmp_path, monkeypatch, capsys, pdf_text):
    c = first(cli_db, Candidate, Candidate.klantnummer == "2000003")
    monkeypatch.chdir(tmp_path)
    assert run(cli_db, "profile", "2000003", "--anonymous") == 0
    out = tmp_path / f"profiel-{c.profile_number}.pdf"
    assert out.is_file() and capsys.readouterr().out.strip().endswith(out.name)
    pdf = pdf_text(out.read_bytes())
    assert f"Kandidaatprofiel {c.profile_number}" in pdf.text and c.achternaam not in pdf.text
    [entry] = audit(cli_db)
    assert entry.medewerker == "Eline" and entry.record_id == c.id
    assert entry.detail == "profiel; variant=geanonimiseerd" and entry.at is not None


def test_full_profile_to_a_named_file(cli_db, tmp_path, pdf_text):
    c = first(cli_db, Candidate, Candidate.klantnummer == "2000004")
    out = tmp_path / "map" / "kandidaat.pdf"
    out.parent.mkdir()
    assert run(cli_db, "profile", "2000004", "-o", str(out)) == 0
    assert c.display_name in pdf_text(out.read_bytes()).text
    assert [e.detail for e in audit(cli_db)] == ["profiel; variant=volledig"]


def test_full_profile_default_name_says_volledig(cli_db, tmp_path, monkeypatch):
    c = first(cli_db, Candidate, Candidate.klantnummer == "2000004")
    monkeypatch.chdir(tmp_path)
    assert run(cli_db, "profile", "2000004") == 0
    assert (tmp_path / f"profiel-{c.profile_number}-volledig.pdf").is_file()


@pytest.mark.parametrize("args, message", [
    (["profile", "9999999"], "Kandidaat met klantnummer 9999999 bestaat niet"),
    (["profile", "2000001", "--vacancy", "V1900-99999"], "Vacature met referentie V1900-99999 bestaat niet"),
    (["shortlist", "--vacancy", "V1900-99999", "--candidates", "2000001"], "Vacature met referentie V1900-99999"),
    (["shortlist", "--vacancy", "V2026-00001", "--candidates", "2000001,9999999"], "klantnummer 9999999 bestaat niet"),
    (["shortlist", "--vacancy", "V2026-00001", "--candidates", "2000001,2000001"], "twee keer"),
])
def test_unknown_references_exit_2_without_a_file(cli_db, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert run(cli_db, *args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf")) and audit(cli_db) == []


@pytest.mark.parametrize("target, message", [
    ("geen-map/profiel.pdf", "bestaat niet"),
    ("profiel.txt", "moet eindigen op .pdf"),
    (".", "is een map"),
])
def test_unwritable_output_is_a_dutch_message(cli_db, tmp_path, capsys, target, message):
    assert run(cli_db, "profile", "2000001", "-o", str(tmp_path / target)) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert audit(cli_db) == []  # nothing was exported, so nothing is logged


def test_read_only_folder_is_a_dutch_message(cli_db, tmp_path, capsys):
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # root may write anywhere; /proc refuses new files even to root
            folder = Path("/proc")
        assert run(cli_db, "profile", "2000001", "-o", str(folder / "profiel.pdf")) == 2
        err = capsys.readouterr().err
        assert "Geen schrijfrechten in de map" in err and "Traceback" not in err
    finally:
        (tmp_path / "alleen-lezen").chmod(0o700)
    assert audit(cli_db) == []


def test_profile_for_a_vacancy_prints_its_title_and_score(cli_db, tmp_path, pdf_text):
    vacancy = first(cli_db, Vacancy, Vacancy.reference == "V2026-00002")
    out = tmp_path / "p.pdf"
    assert run(cli_db, "profile", "2000001", "--anonymous", "--vacancy", "V2026-00002", "-o", str(out)) == 0
    text = pdf_text(out.read_bytes()).text
    assert f"{vacancy.title} (V2026-00002)" in text and "van 100" in text
    assert [e.detail for e in audit(cli_db)] == ["profiel; variant=geanonimiseerd; vacature=V2026-00002"]


def test_shortlist_cover_profiles_and_audit(cli_db, tmp_path, monkeypatch, capsys, pdf_text):
    monkeypatch.chdir(tmp_path)
    numbers = ["2000005", "2000006", "2000007"]
    assert run(cli_db, "shortlist", "--vacancy", "V2026-00001", "--candidates", ",".join(numbers)) == 0
    out = tmp_path / "shortlist-V2026-00001.pdf"
    pdf = pdf_text(out.read_bytes())
    assert "Shortlist" in pdf.pages[0] and "V2026-00001" in pdf.pages[0]
    for number in numbers:
        c = first(cli_db, Candidate, Candidate.klantnummer == number)
        assert f"Kandidaatprofiel {c.profile_number}" in pdf.text and c.achternaam not in pdf.text
    entries = audit(cli_db)
    assert len(entries) == 3
    assert {e.detail for e in entries} == {"shortlist; variant=geanonimiseerd; vacature=V2026-00001"}
    assert pdf.metadata["/Title"] == "Shortlist kandidaten"


def test_stored_proposal_score_is_the_fallback_explanation(cli_db):
    from matchdesk.services.profiles import profile_document

    proposal = first(cli_db, Proposal)
    db = Database.open(cli_db)
    try:
        with db.unit("Eline") as session:
            c = session.get(Candidate, proposal.candidate_id)
            v = session.get(Vacancy, proposal.vacancy_id)
            doc = profile_document(session, c.klantnummer, TODAY, anonymous=True, vacancy_reference=v.reference,
                                   action=None)
    finally:
        db.dispose()
    assert doc.score == proposal.score


def test_print_to_bytes_is_audited_as_printed(cli_db):
    from matchdesk.app import App
    from matchdesk.services.profiles import profile_pdf, shortlist_pdf

    app = App(Database.open(cli_db), user="Eline", today=TODAY)
    try:
        printed = profile_pdf(app, "2000001", anonymous=True)
        assert printed.path is None and printed.data.startswith(b"%PDF") and printed.file_name.startswith("profiel-P")
        listed = shortlist_pdf(app, "V2026-00001", ["2000001", "2000002"])
        assert listed.file_name == "shortlist-V2026-00001.pdf"
        with app.reading() as session:
            entries = session.execute(select(AuditEntry.detail, AuditEntry.medewerker)
                                      .where(AuditEntry.action == "afgedrukt")).all()
    finally:
        app.close()
    assert sorted(e.detail for e in entries) == (["profiel; variant=geanonimiseerd"]
                                                 + ["shortlist; variant=geanonimiseerd; vacature=V2026-00001"] * 2)
    assert {e.medewerker for e in entries} == {"Eline"}
