"""Issue 17 item 3: owners by name. A consulent or accountmanager who is no medewerker is a warning naming the
closest names; the record keeps its owner; medewerkers come only from ``import medewerkers`` (or the window)."""

from sqlalchemy import func, select
from transfer_helpers import TODAY, write_text

from matchdesk.domain import Role
from matchdesk.services.employers import ensure_medewerker
from matchdesk.storage.models import Candidate, Employer, Medewerker
from matchdesk.transfer import import_file

HEADER = ["klantnummer", "achternaam", "geboortedatum", "consulent"]


def _staff(db, *names):
    with db.unit("systeem") as session:
        return {name: ensure_medewerker(session, name).id for name in names}


def _medewerkers(db):
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Medewerker))


def test_a_typod_consulent_leaves_a_warning_creates_no_medewerker_and_the_candidate_keeps_its_consulent(db, tmp_path):
    ids = _staff(db, "demo", "Anouk de Vries", "Bert Jansen")
    first = [HEADER, ["K1", "Jansen", "1980-01-01", "demo"], ["K2", "Visser", "1981-01-01", "DEMO"]]
    result = import_file(db, "candidates", write_text(tmp_path / "a.csv", first), user="a", today=TODAY)
    assert (result.new, result.problems) == (2, [])  # another case of one medewerker's name: that medewerker

    again = [HEADER, ["K1", "Jansen", "1980-01-01", "demoo"], ["K3", "Klaassen", "1982-01-01", "Anouk de Vris"]]
    result = import_file(db, "candidates", write_text(tmp_path / "b.csv", again), user="a", today=TODAY)
    assert (result.unchanged, result.new, result.rejected) == (1, 1, 0)
    assert [(p.row, p.column, p.value, p.severity) for p in result.problems] == [
        (2, "consulent", "demoo", "waarschuwing"), (3, "consulent", "Anouk de Vris", "waarschuwing")]
    assert "'demoo' is geen bekende medewerker (bedoelt u demo?)" in result.problems[0].message
    assert "bedoelt u Anouk de Vries" in result.problems[1].message
    assert _medewerkers(db) == 3
    with db.reading() as session:
        owners = dict(session.execute(select(Candidate.klantnummer, Candidate.owner_id)).all())
    assert owners == {"K1": ids["demo"], "K2": ids["demo"], "K3": None}  # K1 stays in demo's "Mijn kandidaten"


def test_an_unknown_accountmanager_is_a_warning_and_the_employer_keeps_its_own(db, tmp_path):
    ids = _staff(db, "Karin Bos")
    rows = [["kvk", "naam", "accountmanager"], ["12345678", "Bakkerij De Korf", "Karin Bos"]]
    assert import_file(db, "employers", write_text(tmp_path / "w.csv", rows), user="a", today=TODAY).new == 1
    rows = [["kvk", "naam", "accountmanager"], ["12345678", "Bakkerij De Korf", "Karin Bosch"],
            ["23456789", "Groen BV", "Niemand Bekend"]]
    result = import_file(db, "employers", write_text(tmp_path / "w2.csv", rows), user="a", today=TODAY)
    assert (result.unchanged, result.new, result.rejected) == (1, 1, 0)
    assert [p.severity for p in result.problems] == ["waarschuwing", "waarschuwing"]
    assert "bedoelt u Karin Bos" in result.problems[0].message
    with db.reading() as session:
        managers = dict(session.execute(select(Employer.kvk, Employer.accountmanager_id)).all())
    assert managers == {"12345678": ids["Karin Bos"], "23456789": None}
    assert _medewerkers(db) == 1


def test_import_medewerkers_adds_and_updates_and_only_a_teamleider_hands_out_roles(db, tmp_path):
    _staff(db, "importeur")
    rows = [["naam", "rol", "email", "telefoon", "regio"],
            ["Anouk de Vries", "", "Anouk@Gemeente.example", "0165-123456", "WVS"],
            ["Bert Jansen", "accountmanager", "", "", ""],
            ["Chef", "teamleider", "", "", ""]]
    result = import_file(db, "medewerkers", write_text(tmp_path / "m.csv", rows), user="importeur", today=TODAY)
    assert (result.new, result.rejected_rows) == (2, [4])
    assert "alleen een teamleider" in result.problems[0].message
    with db.reading() as session:
        stored = {m.name: (m.role, m.email, m.phone, m.region) for m in session.scalars(select(Medewerker))}
    assert stored["Anouk de Vries"] == (Role.MATCHMAKER, "Anouk@Gemeente.example", "0165-123456", "WVS")
    assert stored["Bert Jansen"] == (Role.ACCOUNTMANAGER, None, None, None)

    with db.unit("systeem") as session:
        ensure_medewerker(session, "Tessa", Role.TEAMLEIDER)
    rows = [["naam", "rol", "regio"], ["Bert Jansen", "teamleider", "WVS"], ["Chef", "teamleider", ""]]
    result = import_file(db, "medewerkers", write_text(tmp_path / "m2.csv", rows), user="Tessa", today=TODAY)
    assert (result.updated, result.new, result.rejected) == (1, 1, 0)
    candidates = [HEADER, ["K1", "Jansen", "1980-01-01", "Bert Jansen"]]
    result = import_file(db, "candidates", write_text(tmp_path / "k.csv", candidates), user="a", today=TODAY)
    assert (result.new, result.problems) == (1, [])
