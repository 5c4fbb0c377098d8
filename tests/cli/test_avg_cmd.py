"""`matchdesk inzage`, `wis` and `bewaartermijn` (CONTRACTS.md: exit 0 done, 2 bad usage or unknown reference)."""

from __future__ import annotations

import json

from sqlalchemy import select

from matchdesk.cli.main import main
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate
from tests.conftest import TODAY


def _run(capsys, *argv):
    capsys.readouterr()
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _some_klantnummer(path) -> str:
    db = Database.open(path)
    try:
        with db.reading() as session:
            return session.scalars(select(Candidate.klantnummer).order_by(Candidate.klantnummer)).first()
    finally:
        db.dispose()


def test_inzage_writes_json_and_pdf(demo_db_path, tmp_path, capsys):
    klant = _some_klantnummer(demo_db_path)
    code, out, err = _run(capsys, "--db", demo_db_path, "inzage", klant, "-o", tmp_path / "uit")
    assert code == 0, err
    json_path, pdf_path = out.split()
    assert json.loads(open(json_path, encoding="utf-8").read())["kandidaat"]["klantnummer"] == klant
    assert open(pdf_path, "rb").read(4) == b"%PDF"
    code, _, err = _run(capsys, "--db", demo_db_path, "inzage", "BESTAATNIET", "-o", tmp_path / "uit")
    assert code == 2 and "bestaat niet" in err


def test_wis_needs_ja_then_erases(demo_db_path, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))
    monkeypatch.setenv("MATCHDESK_NO_CACHE", "1")
    klant = _some_klantnummer(demo_db_path)
    code, _, err = _run(capsys, "--db", demo_db_path, "wis", klant)
    assert code == 2 and "--ja" in err
    assert _some_klantnummer(demo_db_path) == klant  # nothing happened
    code, out, err = _run(capsys, "--db", demo_db_path, "--user", "teamleider", "wis", klant, "--ja")
    assert code == 0, err
    assert "gewist" in out
    assert _some_klantnummer(demo_db_path) != klant
    code, _, err = _run(capsys, "--db", demo_db_path, "wis", klant, "--ja")
    assert code == 2 and "bestaat niet" in err


def test_bewaartermijn_dry_run_lists_then_erases(demo_db_path, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))
    monkeypatch.setenv("MATCHDESK_NO_CACHE", "1")
    later = TODAY.replace(year=TODAY.year + 8).isoformat()
    code, out, err = _run(capsys, "--db", demo_db_path, "--today", later, "bewaartermijn", "--dry-run")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) > 1 and "verlopen" in lines[-1] and all("termijn" in line for line in lines[:-1])
    code, out, err = _run(capsys, "--db", demo_db_path, "--today", later, "bewaartermijn")
    assert code == 0 and "gewist" in out.splitlines()[-1]
    code, out, _ = _run(capsys, "--db", demo_db_path, "--today", later, "bewaartermijn", "--dry-run")
    assert out.strip() == "0 records verlopen."
