"""The AVG duties as use cases: erasure (values gone from the file, the 70% figures unchanged), inzage
(JSON and PDF, 0600, audited), bewaartermijnen (due with a reason, then erased); storage errors without values."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matchdesk.app import App
from matchdesk.cli.main import main
from matchdesk.errors import NotFound
from matchdesk.services import erasure, inzage, retention
from matchdesk.storage.database import Database, storage_error
from matchdesk.storage.models import AuditEntry, Candidate, ContactMoment, Education, Trajectory
from tests.conftest import TODAY, raw_connect

SURNAME, PHRASE, SCHOOL = "Zwartvlinderhoek", "ontslagen wegens verzuim kwartelkoning", "Opleiding Kwikstaartacademie"
BSN = "111222333"  # generated test data (passes the elfproef)


@pytest.fixture
def marked(demo_db_path, monkeypatch, tmp_path):
    """The demo with one candidate who has trajectories given unique values to look for in the file."""
    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))
    monkeypatch.setenv("MATCHDESK_NO_CACHE", "1")
    db = Database.open(demo_db_path)
    try:
        with db.unit("tester") as session:
            trajectory = session.scalars(select(Trajectory).order_by(Trajectory.start)).first()
            candidate = session.get(Candidate, trajectory.candidate_id)
            candidate.achternaam, candidate.bsn, candidate.notes = SURNAME, BSN, PHRASE
            session.add(Education(candidate_id=candidate.id, name=SCHOOL, diploma=True))
            session.add(ContactMoment(candidate_id=candidate.id, date=TODAY, medewerker="tester", kind="gesprek",
                                      summary=PHRASE))
            trajectory.motivation = PHRASE
            klantnummer = candidate.klantnummer
    finally:
        db.dispose()
    return demo_db_path, klantnummer


def _report(capsys, path) -> dict:
    capsys.readouterr()
    assert main(["--db", str(path), "--today", TODAY.isoformat(), "report", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _file_bytes(path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_erasure_leaves_no_value_in_the_file_and_the_same_70_percent_figures(marked, capsys, tmp_path):
    path, klantnummer = marked
    before = _report(capsys, path)
    drafts = tmp_path / "concepten"
    drafts.mkdir()
    (drafts / f"kandidaat-{klantnummer}.json").write_text(json.dumps({"achternaam": SURNAME}))
    (drafts / "kandidaat-K0000000.json").write_text("{}")  # another candidate's: stays
    with App.open(path, user="tester", today=TODAY) as app:
        from matchdesk.services.drafts import load_draft, save_draft

        save_draft(app, "kandidaat", klantnummer, {"form": {"achternaam": SURNAME, "bsn": BSN}})
        colleague = App(app.db, user="collega", today=TODAY, rulebooks=app.rulebooks)
        save_draft(colleague, "kandidaat", None, {"form": {"klantnummer": klantnummer, "wishes": PHRASE}})
        save_draft(colleague, "kandidaat", "K0000000", {"form": {"wishes": "blijft"}})
        erased = erasure.erase_candidate(app, klantnummer)
        assert erased.records == 1 and erased.child_rows > 0 and erased.trajectories > 0 and erased.drafts == 3
        assert load_draft(app, "kandidaat", klantnummer) is None and load_draft(colleague, "kandidaat", None) is None
        assert load_draft(colleague, "kandidaat", "K0000000") is not None
        with pytest.raises(NotFound):
            erasure.erase_candidate(app, klantnummer)
    assert [p.name for p in drafts.iterdir()] == ["kandidaat-K0000000.json"]
    connection = raw_connect(path)
    connection.execute("VACUUM")
    connection.close()
    data = _file_bytes(path)
    for value in (SURNAME, BSN, PHRASE, SCHOOL, klantnummer):
        assert value.encode() not in data, value
    assert _report(capsys, path) == before
    db = Database.open(path)
    with db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == erasure.ACTION)).one()
        assert entry.detail == "verzoek betrokkene" and entry.fields is None
        shell = session.get(Candidate, entry.record_id)
        assert shell.klantnummer.startswith("gewist-") and shell.bsn is None and not shell.wsw
        assert shell.municipality  # an anonymous fact the report needs
    db.dispose()


def test_inzage_writes_everything_as_private_json_and_pdf_and_audits_it(marked, tmp_path):
    path, klantnummer = marked
    with App.open(path, user="tester", today=TODAY) as app:
        written = inzage.write_inzage(app, klantnummer, tmp_path / "inzage")
    data = json.loads(written.json_path.read_text(encoding="utf-8"))
    assert data["kandidaat"]["achternaam"] == SURNAME and data["kandidaat"]["bsn"] == BSN
    assert [e["name"] for e in data["opleidingen"]] == [SCHOOL]
    assert any(c["summary"] == PHRASE for c in data["contactmomenten"])
    assert data["trajecten"] and data["audittrail"]
    assert written.pdf_path.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(written.pdf_path).pages)
    assert SURNAME in text and SCHOOL in text
    if sys.platform != "win32":
        assert {os.stat(p).st_mode & 0o777 for p in (written.json_path, written.pdf_path)} == {0o600}
    db = Database.open(path)
    with db.reading() as session:
        assert session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "inzage")) is not None
    db.dispose()


def test_bewaartermijn_lists_what_is_due_with_a_reason_and_erases_it(demo_db_path, monkeypatch, tmp_path):
    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))
    monkeypatch.setenv("MATCHDESK_NO_CACHE", "1")
    terms = (retention.Term("kandidaat", 60), retention.Term("verwijderde_kandidaat", 3),
             retention.Term("contactmoment", 24))
    later = TODAY + dt.timedelta(days=365 * 7)  # seven years on, most of the demo is past its term
    with App.open(demo_db_path, user="teamleider", today=later) as app:
        due = retention.retention_due(app, terms)
        assert due and {d.record for d in due} <= set(retention.RECORD_TYPES)
        assert all("termijn" in d.reason and d.since <= later for d in due)
        done = retention.apply_retention(app, terms)
        assert done.due == due
        assert retention.retention_due(app, terms) == ()
    with App.open(demo_db_path, user="teamleider", today=TODAY) as app:
        assert retention.retention_due(app, terms) == ()  # what was due then included what is due now
    assert retention.load_terms("wvs")


def test_storage_errors_name_no_key_values():
    postgres = IntegrityError("INSERT INTO medewerkers ...", {"name": "Anouk"}, Exception(
        'duplicate key value violates unique constraint "medewerkers_name_key"\n'
        "DETAIL:  Key (name)=(Anouk) already exists."))
    assert "Anouk" not in str(storage_error(postgres, None))
    other = Exception("invalid input value for enum 'Anouk'\nDETAIL: Key (name)=(Anouk)")
    assert "Anouk" not in str(storage_error(other, None))
