"""`matchdesk trajectory start|extend|end`: the window's use cases from the command line, judged by the same
rules; exit 0 done, 1 refused or changed meanwhile, 2 bad usage or an unknown reference (CONTRACTS.md)."""

from __future__ import annotations

import datetime as dt
import json

from matchdesk.cli.main import main


def _run(db_path, capsys, *args):
    code = main(["--db", str(db_path), "--today", "2026-11-23", "--user", "Mila", "trajectory", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _stored(db):
    from sqlalchemy import select

    from matchdesk.storage.models import Trajectory

    with db.reading() as session:
        return session.scalars(select(Trajectory)).all()


def test_start_extend_and_end_through_the_use_cases(db, db_path, make_candidate, capsys):
    make_candidate()
    named = ["1000001", "--kind", "leerwerktraject", "--start", "2026-11-23"]
    code, out, err = _run(db_path, capsys, "start", *named, "--end", "2027-06-22", "--provider", "leerwerkbedrijf",
                          "--location", "werkgever", "--json")
    assert code == 1 and _stored(db) == []  # seven months: refused, with the rule's finding
    answer = json.loads(out)
    assert answer["ok"] is False and answer["verdict"] == "blocked"
    assert [f["rule"] for f in answer["findings"]] == ["leerwerktraject_max_duur"]
    assert "Leerwerktraject zou 7 maanden duren" in err

    code, out, _err = _run(db_path, capsys, "start", *named, "--end", "2027-02-22", "--provider", "leerwerkbedrijf",
                           "--location", "werkgever")
    assert code == 0
    assert out.startswith("Leerwerktraject gestart op 23-11-2026 (kandidaat 1000001); oordeel regels: toegestaan")

    code, out, _err = _run(db_path, capsys, "extend", *named, "--end", "2027-05-22", "--json")
    assert code == 0 and json.loads(out)["ok"] and json.loads(out)["verdict"] == "allowed"
    [row] = _stored(db)
    assert row.planned_end == dt.date(2027, 5, 22) and row.version == 2 and row.updated_by == "Mila"
    code, _out, err = _run(db_path, capsys, "extend", *named, "--end", "2027-06-22")
    assert code == 1 and "maximum is 6 maanden" in err

    code, out, _err = _run(db_path, capsys, "end", *named, "--on", "2027-01-31", "--outcome", "regulier werk",
                           "--reason", "werk gevonden", "--aborted")
    assert code == 0 and "Leerwerktraject beëindigd op 31-01-2027" in out
    [row] = _stored(db)
    assert row.actual_end == dt.date(2027, 1, 31) and row.aborted
    assert row.outcome == "regulier werk; reden: werk gevonden"


def test_unknown_references_are_usage_errors(db, db_path, make_candidate, capsys):
    make_candidate()
    code, _out, err = _run(db_path, capsys, "end", "9999999", "--kind", "leerwerktraject", "--start", "2026-11-23",
                           "--on", "2026-12-01")
    assert code == 2 and "Kandidaat met klantnummer 9999999 bestaat niet" in err
    code, _out, err = _run(db_path, capsys, "extend", "1000001", "--kind", "detachering", "--start", "2026-11-23",
                           "--end", "2027-01-01")
    assert code == 2 and "heeft geen detachering dat begint op 2026-11-23" in err
    code, _out, err = _run(db_path, capsys, "start", "1000001", "--kind", "regulier", "--start", "2026-11-23",
                           "--vacancy", "V-WEG")
    assert code == 2 and "Vacature met referentie V-WEG bestaat niet" in err


def test_the_command_line_and_the_window_share_the_use_cases(db, db_path, make_candidate, capsys, monkeypatch):
    from matchdesk.services import trajectory_cases
    from matchdesk.ui import trajectory_dialog

    assert trajectory_dialog.trajectory_cases is trajectory_cases  # the dialog writes through these too
    make_candidate()
    calls = []
    for name in ("start", "extend", "end"):
        real = getattr(trajectory_cases, name)
        monkeypatch.setattr(trajectory_cases, name,
                            lambda *a, _real=real, _name=name, **k: calls.append(_name) or _real(*a, **k))
    named = ["1000001", "--kind", "proefplaatsing", "--start", "2026-11-23"]
    assert _run(db_path, capsys, "start", *named, "--end", "2027-01-22", "--motivation", "eerst proberen")[0] == 0
    assert _run(db_path, capsys, "extend", *named, "--end", "2027-02-22", "--motivation", "nog even")[0] == 0
    assert _run(db_path, capsys, "end", *named, "--on", "2027-02-01", "--outcome", "regulier werk")[0] == 0
    assert calls == ["start", "extend", "end"]


def test_start_takes_a_client_made_id(db, db_path, make_candidate, capsys):
    import uuid

    make_candidate()
    wanted = uuid.uuid4()
    named = ["1000001", "--kind", "proefplaatsing", "--start", "2026-11-23", "--end", "2027-01-22",
             "--motivation", "eerst proberen"]
    code, out, _err = _run(db_path, capsys, "start", *named, "--id", str(wanted), "--json")
    assert code == 0 and json.loads(out)["id"] == str(wanted)
    assert [row.id for row in _stored(db)] == [wanted]
    code, _out, err = _run(db_path, capsys, "start", "1000001", "--kind", "scholing", "--start", "2026-12-01",
                           "--id", str(wanted))
    assert code == 2 and f"Er bestaat al een record met id {wanted}" in err and len(_stored(db)) == 1
