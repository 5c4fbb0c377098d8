"""Candidate import: a deliberately messy file, strict checks, counts, report lines, re-import."""

import datetime as dt

import pytest
from sqlalchemy import func, select
from transfer_helpers import TODAY, failing_bsn, generated_bsns, write_text

from matchdesk.domain import CefrLevel, Doelgroep, LanguageSkill
from matchdesk.services.candidates import delete_candidate
from matchdesk.storage.models import AuditEntry, Candidate, CandidateLanguage, CandidateSkill
from matchdesk.transfer import import_file

HEADER = ["Klantnummer", "voornaam", "ACHTERNAAM", "geboortedatum", "bsn", "postcode", "doelgroep", "categorie",
          "vaardigheden", "nl_spreken", "statushouder", "kleur_ogen"]


@pytest.fixture(scope="module")
def bsns():
    numbers = generated_bsns(40)
    with_zero = next(b for b in numbers if b.startswith("0"))
    others = [b for b in numbers if b != with_zero]
    return with_zero, others


def messy_rows(bsns):
    zero, (b1, b2, b3, b4, *_) = bsns
    return [
        HEADER,
        ["K001", "Anna", "Jansen", "1990-05-17", zero[1:], "4701 AB", "B", "1C", "kooiaap; Onbekende hobby", "B1",
         "ja", "blauw"],
        ["K002", "Zoë", "Müller", "17-05-1985", b1, "4701ab", "a", "1a", "", "2F", "x", ""],
        ["K003", "Noël", "Bakker", "01/02/1970", b2, "", "onbekend", "", "", "onbekend", "", ""],
        ["K004", "Piet", "Fout", "1980-01-01", failing_bsn(b3), "", "B", "", "", "", "", ""],
        ["K005", "Els", "Vreemd", "1980-01-01", "", "", "D", "", "", "", "", ""],
        ["K006", "Jan", "", "1980-01-01", "", "", "B", "", "", "", "", ""],
        ["K001", "Anna", "Jansen", "1990-05-17", "", "", "B", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "", "", "", ""],
        ["K007", "Toekomst", "Later", "01-01-2030", "", "", "B", "", "", "", "", ""],
        ["K008", "Feb", "Ruari", "31-02-1990", "", "", "B", "", "", "", "", ""],
        ["K009", "Dubbel", "Bsn", "1980-01-01", b1, "", "B", "", "", "", "", ""],
        ["K010", "anna", "JANSEN", "17-05-1990", b4, "", "C", "3B", "", "", "nee", ""],
        ["K011", "Taal", "Niveau", "1980-01-01", "", "", "B", "", "", "Z9", "", ""],
    ]


def _report(result):
    return [(p.row, p.column, p.value, p.message, p.severity) for p in result.problems]


@pytest.mark.parametrize("encoding, separator, bom", [("cp1252", ";", False), ("utf-16", "\t", False),
                                                      ("utf-8", ";", True)])
def test_messy_file_every_row_imported_or_rejected_with_its_row_number(db, tmp_path, bsns, encoding, separator, bom):
    path = write_text(tmp_path / "kandidaten.csv", messy_rows(bsns), encoding=encoding, separator=separator, bom=bom)
    result = import_file(db, "candidates", path, user="anouk", today=TODAY)

    assert result.read == 12  # 13 rows below the header, one of them empty
    assert result.imported + result.rejected == result.read
    assert (result.new, result.rejected) == (6, 6)
    assert result.rejected_rows == [5, 7, 8, 10, 11, 12]
    errors = {(p.row, p.column): p for p in result.problems if p.severity == "fout"}
    assert "elfproef" in errors[(5, "bsn")].message
    assert errors[(7, "achternaam")].message == "achternaam is verplicht"
    assert "rij 2" in errors[(8, "klantnummer")].message
    assert "toekomst" in errors[(10, "geboortedatum")].message
    assert "bestaat niet" in errors[(11, "geboortedatum")].message
    assert errors[(12, "bsn")].message == "dit BSN is al bekend bij een andere kandidaat"  # not which one holds it
    assert errors[(5, "bsn")].value == errors[(12, "bsn")].value == ""  # the report never repeats a BSN
    warnings = {(p.row, p.column): p for p in result.problems if p.severity == "waarschuwing"}
    # an unknown value in an optional category column keeps the row, without that value (issue 17 item 2)
    assert "onbekende waarde 'D'" in warnings[(6, "doelgroep")].message
    assert "Z9" in warnings[(14, "nl_spreken")].message
    assert (1, "kleur_ogen") in warnings  # the ignored column: one notice
    assert (2, "vaardigheden") in warnings and result.unresolved_skills == 1
    assert (13, "klantnummer") in warnings  # same name and birth date as K001

    with db.reading() as session:
        stored = {c.klantnummer: c for c in session.scalars(select(Candidate))}
        assert sorted(stored) == ["K001", "K002", "K003", "K005", "K010", "K011"]
        assert stored["K005"].doelgroep is None
        assert stored["K001"].bsn == bsns[0]  # 8 digits got their leading 0
        assert stored["K002"].postcode == "4701 AB" and stored["K002"].doelgroep == Doelgroep.A
        assert stored["K002"].birth_date == dt.date(1985, 5, 17) and stored["K002"].voornaam == "Zoë"
        assert stored["K002"].statushouder is True and stored["K003"].doelgroep is None
        assert stored["K003"].birth_date == dt.date(1970, 2, 1)
        levels = dict(session.execute(select(CandidateLanguage.skill, CandidateLanguage.level)
                                      .where(CandidateLanguage.candidate_id == stored["K002"].id)).all())
        assert levels[LanguageSkill.SPREKEN] == CefrLevel.B1 and levels[LanguageSkill.LEZEN] is None
        skills = session.scalars(select(CandidateSkill).where(CandidateSkill.candidate_id == stored["K001"].id)
                                 .order_by(CandidateSkill.position)).all()
        assert [(s.skill_id, s.text) for s in skills] == [("meeneemheftruck", "Meeneemheftruck (kooiaap)"),
                                                          (None, "Onbekende hobby")]
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "aangemaakt", AuditEntry.record_type == "kandidaat")) == 6


def test_dry_run_reports_the_same_and_writes_nothing(db, tmp_path, bsns):
    path = write_text(tmp_path / "k.csv", messy_rows(bsns))
    dry = import_file(db, "candidates", path, user="anouk", today=TODAY, dry_run=True)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Candidate)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.record_type == "kandidaat")) == 0
    real = import_file(db, "candidates", path, user="anouk", today=TODAY)
    assert _report(dry) == _report(real)
    assert (dry.new, dry.rejected) == (real.new, real.rejected)


def test_reimport_updates_and_empty_cells_keep_values_unless_leeg_wist(db, tmp_path, bsns):
    first = [["klantnummer", "achternaam", "geboortedatum", "telefoon", "doelgroep", "nl_lezen"],
             ["K1", "Jansen", "1990-05-17", "0612345678", "B", "A2"],
             ["K2", "Visser", "1991-05-17", "0687654321", "C", "B1"]]
    import_file(db, "candidates", write_text(tmp_path / "a.csv", first), user="anouk", today=TODAY)
    second = [["klantnummer", "achternaam", "geboortedatum", "telefoon", "doelgroep"],
              ["K1", "Jansen", "1990-05-17", "", "A"],
              ["K2", "Visser", "1991-05-17", "0687654321", "C"]]
    result = import_file(db, "candidates", write_text(tmp_path / "b.csv", second), user="anouk", today=TODAY)
    assert (result.new, result.updated, result.unchanged) == (0, 1, 1)
    with db.reading() as session:
        k1 = session.scalar(select(Candidate).where(Candidate.klantnummer == "K1"))
        assert k1.doelgroep == Doelgroep.A and k1.telefoon == "0612345678"  # empty cell: value kept
        lezen = session.scalar(select(CandidateLanguage.level).where(
            CandidateLanguage.candidate_id == k1.id, CandidateLanguage.skill == LanguageSkill.LEZEN))
        assert lezen == CefrLevel.A2  # absent column: value kept
        assert session.scalar(select(func.count()).select_from(Candidate)) == 2
    result = import_file(db, "candidates", write_text(tmp_path / "c.csv", second), user="anouk", today=TODAY,
                         clear_empty=True)
    assert result.updated == 1
    with db.reading() as session:
        k1 = session.scalar(select(Candidate).where(Candidate.klantnummer == "K1"))
        assert k1.telefoon is None  # --leeg-wist
        changed = session.scalars(select(AuditEntry.fields).where(AuditEntry.record_id == k1.id,
                                                                  AuditEntry.action == "gewijzigd")).all()
        assert changed == ["doelgroep", "telefoon"]  # field names, never values


def test_reimport_restores_a_deleted_candidate(db, tmp_path):
    rows = [["klantnummer", "voornaam", "achternaam", "geboortedatum", "nl_spreken"],
            ["K1", "Anna", "Jansen", "1990-05-17", "B1"]]
    path = write_text(tmp_path / "a.csv", rows)
    import_file(db, "candidates", path, user="anouk", today=TODAY)
    with db.unit("anouk") as session:
        candidate = session.scalar(select(Candidate).where(Candidate.klantnummer == "K1"))
        profile = candidate.profile_number
        delete_candidate(session, candidate.id, None)
    result = import_file(db, "candidates", path, user="anouk", today=TODAY)
    assert (result.restored, result.new) == (1, 0)
    with db.reading() as session:
        [candidate] = session.scalars(select(Candidate)).all()
        assert candidate.deleted_at is None and candidate.achternaam == "Jansen"
        assert candidate.profile_number == profile
        levels = session.scalars(select(CandidateLanguage.level).where(
            CandidateLanguage.candidate_id == candidate.id)).all()
        assert sorted(str(level) for level in levels) == ["B1", "None", "None", "None", "None"]


def test_a_new_candidate_needs_the_required_columns_an_update_does_not(db, tmp_path, make_candidate):
    make_candidate(klantnummer="K1")
    rows = [["klantnummer", "telefoon"], ["K1", "0612345678"], ["K2", "0612345679"]]
    result = import_file(db, "candidates", write_text(tmp_path / "a.csv", rows), user="anouk", today=TODAY)
    assert (result.updated, result.rejected) == (1, 1)
    assert {p.column for p in result.problems if p.row == 3} == {"achternaam", "geboortedatum"}


def test_bsn_of_another_stored_candidate_is_refused(db, tmp_path, make_candidate, bsns):
    bsn = bsns[1][0]
    make_candidate(klantnummer="K1", bsn=bsn)
    rows = [["klantnummer", "achternaam", "geboortedatum", "bsn"], ["K2", "Visser", "1990-01-01", bsn]]
    result = import_file(db, "candidates", write_text(tmp_path / "a.csv", rows), user="anouk", today=TODAY)
    assert result.rejected == 1 and result.problems[0].message == "dit BSN is al bekend bij een andere kandidaat"
    assert "K1" not in result.problems[0].message and result.problems[0].value == ""  # no BSN oracle


def test_missing_key_column_makes_the_file_unusable(db, tmp_path):
    from matchdesk.transfer import UnreadableFile

    with pytest.raises(UnreadableFile, match="klantnummer ontbreekt"):
        import_file(db, "candidates", write_text(tmp_path / "a.csv", [["naam"], ["x"]]), user="a", today=TODAY)


def test_interrupted_import_keeps_finished_batches_and_leaves_no_half_rows(db, tmp_path):
    rows = [["klantnummer", "achternaam", "geboortedatum", "vaardigheden"]]
    rows += [[f"K{i:03}", "Jansen", "1990-01-01", "kooiaap"] for i in range(25)]
    calls = []

    def progress(done, total):
        calls.append(done)
        if done == 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_file(db, "candidates", write_text(tmp_path / "a.csv", rows), user="a", today=TODAY,
                    progress=progress, batch_size=10)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Candidate)) == 10
        assert session.scalar(select(func.count()).select_from(CandidateLanguage)) == 50
        assert session.scalar(select(func.count()).select_from(CandidateSkill)) == 10
    result = import_file(db, "candidates", write_text(tmp_path / "a.csv", rows), user="a", today=TODAY)
    assert (result.unchanged, result.new) == (10, 15)


def test_ten_thousand_rows_are_all_accounted_for(db, tmp_path):
    bsns = generated_bsns(10_000, seed=3)
    rows = [["klantnummer", "achternaam", "geboortedatum", "bsn", "doelgroep", "nl_spreken"]]  # doelgroep X: a warning
    for i, bsn in enumerate(bsns):
        birth = f"{1 + i % 28:02}-{1 + i % 12:02}-{1960 + i % 40}" if i % 2 else f"{1960 + i % 40}-{1 + i % 12:02}-01"
        rows.append([f"{100000 + i}", f"Naam{i}", birth, bsn if i % 500 else failing_bsn(bsn),
                     "X" if i % 777 == 0 else "B", "B1"])
    result = import_file(db, "candidates", write_text(tmp_path / "groot.csv", rows), user="a", today=TODAY)
    rejected = {i for i in range(10_000) if i % 500 == 0}
    assert result.read == 10_000
    assert result.rejected == len(rejected) and result.new == 10_000 - len(rejected)
    assert result.rejected_rows == sorted(i + 2 for i in rejected)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Candidate)) == result.new


def test_xlsx_formula_value_and_date_cell_are_imported(db, tmp_path):
    from transfer_helpers import xlsx_with_formula_and_date

    path = xlsx_with_formula_and_date(tmp_path / "k.xlsx")
    seen = []
    result = import_file(db, "candidates", path, user="a", today=TODAY, progress=lambda d, t: seen.append((d, t)))
    assert (result.new, result.rejected) == (1, 0)
    assert seen[0] == (0, 1) and seen[-1] == (1, 1)
    with db.reading() as session:
        stored = session.scalar(select(Candidate))
        assert (stored.klantnummer, stored.birth_date, stored.hours_per_week) == ("1001", dt.date(1990, 5, 17), 24)


def test_skill_labels_that_end_in_parentheses_survive_a_round_trip(db, tmp_path):
    from matchdesk.transfer import export_file

    rows = [["klantnummer", "achternaam", "geboortedatum", "vaardigheden"],
            ["K1", "Jansen", "1990-05-17", "Pneumatiek en hydrauliek (basis); Autolaadkraan bedienen (certificaat) "
                                           "(gevorderd); Koken (ervaren, getoetst); hiab (basis)"]]
    result = import_file(db, "candidates", write_text(tmp_path / "a.csv", rows), user="a", today=TODAY)
    assert result.unresolved_skills == 1  # only "Koken"
    with db.reading() as session:
        skills = session.execute(select(CandidateSkill.skill_id, CandidateSkill.level, CandidateSkill.source)
                                 .order_by(CandidateSkill.position)).all()
    assert [(s, lv, src.value) for s, lv, src in skills] == [
        ("pneumatiek_hydrauliek", None, "zelf_opgegeven"), ("autolaadkraan", "gevorderd", "zelf_opgegeven"),
        (None, "ervaren", "getoetst")]  # "hiab" is the autolaadkraan again: once
    export_file(db, "candidates", tmp_path / "uit.csv", user="a")
    again = import_file(db, "candidates", tmp_path / "uit.csv", user="a", today=TODAY)
    assert again.unchanged == 1
