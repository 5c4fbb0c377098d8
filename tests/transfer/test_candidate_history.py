"""Issue 17 item 4: education, work experience and contact moments as record types of their own, keyed to the
klantnummer (the round trip of all three is in test_transfer_roundtrip.py)."""

import datetime as dt

import pytest
from sqlalchemy import select
from transfer_helpers import TODAY, write_text

from matchdesk.storage.models import AuditEntry, Candidate, ContactMoment, Education, WorkExperience
from matchdesk.transfer import import_file


@pytest.fixture
def candidates(db, tmp_path):
    rows = [["klantnummer", "achternaam", "geboortedatum"], ["K1", "Jansen", "1980-01-01"],
            ["K2", "Visser", "1981-01-01"]]
    assert import_file(db, "candidates", write_text(tmp_path / "k.csv", rows), user="a", today=TODAY).new == 2


def test_educations_by_klantnummer_and_name_update_their_record_and_bump_the_candidate(db, tmp_path, candidates):
    rows = [["klantnummer", "opleiding", "niveau", "jaar_einde", "diploma"],
            ["K1", "Mbo Logistiek", "mbo 2", "2019", "ja"], ["K1", "Havo", "", "", ""],
            ["K9", "Havo", "", "", ""], ["K2", "", "mbo 1", "", ""]]
    result = import_file(db, "opleidingen", write_text(tmp_path / "o.csv", rows), user="a", today=TODAY)
    assert (result.new, result.rejected_rows) == (2, [4, 5])
    assert "kandidaat met klantnummer K9 bestaat niet" in result.problems[0].message
    again = [["klantnummer", "opleiding", "diploma"], ["K1", "havo", "ja"], ["K1", "Mbo Logistiek", "ja"]]
    result = import_file(db, "educations", write_text(tmp_path / "o2.csv", again), user="a", today=TODAY)
    assert (result.new, result.unchanged) == (1, 1)  # the key compares exactly: "havo" is another education
    with db.reading() as session:
        stored = session.execute(select(Education.name, Education.level, Education.year_end, Education.diploma)
                                 .order_by(Education.name)).all()
        assert stored == [("Havo", None, None, False), ("Mbo Logistiek", "mbo 2", 2019, True),
                          ("havo", None, None, True)]
        version = session.scalar(select(Candidate.version).where(Candidate.klantnummer == "K1"))
        assert version > 1  # a child of the candidate: its version moves, a stale editor save is a conflict


def test_work_experience_keyed_on_function_and_start_refuses_an_end_before_the_start(db, tmp_path, candidates):
    rows = [["klantnummer", "functie", "werkgever", "start", "einde"],
            ["K1", "Orderpicker", "Groen BV", "01-09-2019", "31-03-2021"],
            ["K1", "Orderpicker", "Groen BV", "2022-01-01", ""],
            ["K2", "Kok", "", "2020-01-01", "2019-01-01"],
            ["K2", "Kok", "", "", ""]]
    result = import_file(db, "werkervaring", write_text(tmp_path / "w.csv", rows), user="a", today=TODAY)
    assert (result.new, result.rejected_rows) == (3, [4])
    assert result.problems[0].column == "einde"
    update = [["klantnummer", "functie", "start", "einde"], ["K1", "Orderpicker", "2022-01-01", "2023-06-30"]]
    result = import_file(db, "work_experiences", write_text(tmp_path / "w2.csv", update), user="a", today=TODAY)
    assert result.updated == 1
    with db.reading() as session:
        ends = dict(session.execute(select(WorkExperience.start, WorkExperience.end)
                                    .where(WorkExperience.function == "Orderpicker")).all())
    assert ends == {dt.date(2019, 9, 1): dt.date(2021, 3, 31), dt.date(2022, 1, 1): dt.date(2023, 6, 30)}


def test_contact_moments_take_the_importer_as_medewerker_and_are_audited(db, tmp_path, candidates):
    rows = [["klantnummer", "datum", "soort", "medewerker", "samenvatting", "volgend_contact"],
            ["K1", "2026-10-01", "Gesprek", "demo", "Wil buiten werken", "2026-11-01"],
            ["K2", "2026-10-02", "email", "", "", ""],
            ["K2", "2026-10-03", "brief", "", "", ""],
            ["K2", "2030-01-01", "gesprek", "", "", ""],
            ["K2", "2026-10-05", "telefoon", "", "", "2026-10-04"]]
    result = import_file(db, "contactmomenten", write_text(tmp_path / "c.csv", rows), user="anouk", today=TODAY)
    assert (result.new, result.rejected_rows) == (2, [4, 5, 6])
    with db.reading() as session:
        stored = session.execute(select(ContactMoment.kind, ContactMoment.medewerker, ContactMoment.next_contact)
                                 .order_by(ContactMoment.date)).all()
        assert stored == [("gesprek", "demo", dt.date(2026, 11, 1)), ("e-mail", "anouk", None)]
        assert session.scalar(select(AuditEntry.medewerker).where(
            AuditEntry.record_type == "contactmoment", AuditEntry.action == "aangemaakt").limit(1)) == "anouk"


def test_the_contact_kinds_are_those_of_the_window():
    from matchdesk.services.contacts import CONTACT_KINDS
    from matchdesk.transfer.candidate_history import CONTACT_KINDS as IMPORTED

    assert IMPORTED == CONTACT_KINDS
