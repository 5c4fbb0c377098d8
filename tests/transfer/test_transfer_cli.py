"""`matchdesk import` and `matchdesk export`: exit codes, summary, report file, audit entries."""

from sqlalchemy import select
from transfer_helpers import failing_bsn, generated_bsns, read_report, write_text

from matchdesk.cli.main import main
from matchdesk.storage.database import Database
from matchdesk.storage.models import AuditEntry

GOOD = [["klantnummer", "achternaam", "geboortedatum"], ["K1", "Jansen", "1990-05-17"]]


def _run(capsys, *argv):
    code = main(["--today", "2026-11-23", "--user", "anouk", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _audit(db_path):
    db = Database.open(db_path)
    try:
        with db.reading() as session:
            return session.execute(select(AuditEntry.medewerker, AuditEntry.action, AuditEntry.record_type,
                                          AuditEntry.detail).where(AuditEntry.record_id.is_(None))).all()
    finally:
        db.dispose()


def test_clean_import_exits_0_creates_the_database_and_writes_a_header_only_report(tmp_path, capsys):
    db, report = tmp_path / "nieuw.db", tmp_path / "rapport.csv"
    code, out, err = _run(capsys, "--db", db, "import", "candidates", write_text(tmp_path / "k.csv", GOOD),
                          "--report", report)
    assert code == 0, err
    assert "1 rij gelezen, 1 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 hersteld, 0 geweigerd, 0 waarschuwingen" in out
    assert report.read_bytes() == b"\xef\xbb\xbfrij;kolom;waarde;melding;ernst\r\n"
    assert _audit(db) == []  # a report without values holds no personal data


def test_rejected_rows_exit_1_and_are_in_the_report_which_is_audited(db_target, tmp_path, capsys):
    db, report = db_target, tmp_path / "rapport.xlsx"
    bad = failing_bsn(generated_bsns(1)[0])
    rows = GOOD + [["K2", "Visser", "1990-01-01", bad]]
    rows[0] = rows[0] + ["bsn"]
    code, out, err = _run(capsys, "--db", db, "import", "candidates", write_text(tmp_path / "k.csv", rows),
                          "--report", report)
    assert code == 1
    assert "1 geweigerd" in out and "rij 3, bsn:" in err
    import openpyxl

    sheet = openpyxl.load_workbook(report).active
    assert [c.value for c in sheet[1]] == ["rij", "kolom", "waarde", "melding", "ernst"]
    assert [c.value for c in sheet[2]][:3] == [3, "bsn", None] and sheet[2][4].value == "fout"  # never the BSN
    assert bad not in err and bad not in str([c.value for c in sheet[2]])
    assert _audit(db) == []  # the report repeats no value from the file, so it holds nothing personal


def test_unreadable_file_exits_2_with_the_dutch_message_and_still_writes_the_report(tmp_path, capsys):
    (tmp_path / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    report = tmp_path / "r.csv"
    code, out, err = _run(capsys, "--db", tmp_path / "a.db", "import", "candidates", tmp_path / "oud.xls",
                          "--report", report)
    assert code == 2 and "Sla het bestand op als .xlsx" in err and "Traceback" not in err
    assert read_report(report)[1][3].startswith("oud.xls is geen werkmap")  # .xls is read now: this one is damaged


def test_dry_run_via_the_command_line(db_target, tmp_path, capsys):
    db = db_target
    code, out, _ = _run(capsys, "--db", db, "import", "candidates", write_text(tmp_path / "k.csv", GOOD), "--dry-run")
    assert code == 0 and out.startswith("Proefrun, niets opgeslagen.")
    code, out, _ = _run(capsys, "--db", db, "stats", "--json")
    assert '"candidates": 0' in out


def test_export_is_audited_without_the_folder_and_bad_extensions_are_refused(db_target, tmp_path, capsys):
    db = db_target
    _run(capsys, "--db", db, "import", "candidates", write_text(tmp_path / "k.csv", GOOD))
    code, out, _ = _run(capsys, "--db", db, "export", "candidates", tmp_path / "uit.xlsx")
    assert code == 0 and "1 kandidaat geëxporteerd naar uit.xlsx" in out
    code, _, _ = _run(capsys, "--db", db, "export", "employers", tmp_path / "w.csv")
    assert code == 0
    assert _audit(db) == [("anouk", "geëxporteerd", "kandidaat", "1 rij naar uit.xlsx")]  # employers: no audit
    code, _, err = _run(capsys, "--db", db, "export", "candidates", tmp_path / "uit.pdf")
    assert code == 2 and ".csv, .xlsx of .ods" in err


def test_medewerkers_then_candidates_then_their_contact_moments_through_the_command_line(db_target, tmp_path, capsys):
    db = db_target
    staff = write_text(tmp_path / "m.csv", [["naam", "rol"], ["Anouk de Vries", "matchmaker"]])
    assert _run(capsys, "--db", db, "import", "medewerkers", staff)[0] == 0
    people = [["klantnummer", "achternaam", "geboortedatum", "consulent"], ["K1", "Jansen", "1990-05-17", "Anouk"]]
    code, out, err = _run(capsys, "--db", db, "import", "candidates", write_text(tmp_path / "k.csv", people))
    assert code == 0 and "1 nieuw" in out and "1 waarschuwing" in out, err  # "Anouk": no medewerker, kept apart
    moments = [["klantnummer", "datum", "soort"], ["K1", "2026-11-02", "gesprek"]]
    code, out, err = _run(capsys, "--db", db, "import", "contact_moments", write_text(tmp_path / "c.csv", moments))
    assert code == 0, err
    code, out, err = _run(capsys, "--db", db, "export", "contact_moments", tmp_path / "uit.ods")
    assert (code, out.strip()) == (0, "1 contactmoment geëxporteerd naar uit.ods."), err
    assert [(action, kind) for _who, action, kind, _detail in _audit(db)] == [("geëxporteerd", "contactmoment")]
