"""`matchdesk audit verify`: exit 0 and "in orde", or exit 1 naming the first broken entry (issue 14 item 4)."""

from __future__ import annotations

import json

from matchdesk.cli.main import main
from tests.conftest import raw_connect


def _verify(path, capsys, *extra) -> tuple[int, str]:
    code = main(["--db", str(path), "audit", "verify", *extra])
    return code, capsys.readouterr().out


def _tamper(path, statement: str) -> str:
    """Drop the triggers as someone with the file would, change the log; the entry's id."""
    connection = raw_connect(path)
    connection.execute("drop trigger if exists audit_log_no_update")
    connection.execute("drop trigger if exists audit_log_no_delete")
    target = connection.execute("select id, seq from audit_log where seq = 10").fetchone()
    connection.execute(statement, (target[0],))
    connection.commit()
    connection.close()
    return target


def test_an_intact_log_is_in_order(demo_db_path, capsys):
    code, out = _verify(demo_db_path, capsys)
    assert code == 0 and out.startswith("Het auditlog is in orde:") and "vanaf regel 1" in out
    code, out = _verify(demo_db_path, capsys, "--json")
    assert code == 0 and json.loads(out)["ok"] is True


def test_an_edited_entry_is_named(demo_db_path, capsys):
    _tamper(demo_db_path, "update audit_log set action = 'niets' where id = ?")
    code, out = _verify(demo_db_path, capsys)
    assert code == 1 and "regel 10 " in out and "is gewijzigd" in out


def test_a_deleted_entry_is_named(demo_db_path, capsys):
    _tamper(demo_db_path, "delete from audit_log where id = ?")
    code, out = _verify(demo_db_path, capsys, "--json")
    report = json.loads(out)
    assert code == 1 and report["broken"]["kind"] == "verwijderd" and report["broken"]["seq"] == 11


def test_the_trail_is_for_a_teamleider(demo_db_path, capsys):
    connection = raw_connect(demo_db_path)
    klantnummer = connection.execute("select klantnummer from candidates limit 1").fetchone()[0]
    connection.close()
    assert main(["--db", str(demo_db_path), "--user", "demo", "audit", "spoor", klantnummer]) == 1
    assert "teamleider" in capsys.readouterr().err
    assert main(["--db", str(demo_db_path), "--user", "teamleider", "audit", "spoor", klantnummer]) == 0
    out = capsys.readouterr().out
    assert "aangemaakt kandidaat" in out and f"auditspoor van kandidaat {klantnummer}" in out
