"""Issue 13 item 7: a rulebook in --rules that replaces a shipped one, or switches off rules the shipped book
has on, is never silent: `rules show`, `rules validate`, the window's status bar and the audit log say so."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from matchdesk.resources import resource
from matchdesk.rules.rulebook import check_rulebook_file, load_rulebooks
from matchdesk.storage.database import Database
from matchdesk.storage.models import AuditEntry

WVS = resource("rules", "wvs.toml").read_text(encoding="utf-8")
OVERLAY = """[rulebook]
id = "roosendaal"
title = "Roosendaal"
source = "Participatieverordening Roosendaal"
extends = "wvs"
valid_from = 2015-01-01
municipalities = ["Roosendaal"]
"""
RULE = """
[[rule]]
id = "{id}"
title = "eigen"
source = "eigen"
valid_from = 2015-01-01
enabled = {enabled}
months = 9
"""


def _folder(tmp_path, **files):
    folder = tmp_path / "regels"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def _all_off(text: str = WVS) -> str:
    return text.replace("enabled = true", "enabled = false")


def test_a_book_that_replaces_the_shipped_one_and_switches_every_rule_off(tmp_path):
    books = load_rulebooks(_folder(tmp_path, wvs=_all_off()))
    assert books.errors == []
    [override] = books.overrides
    assert (override.book_id, override.file, override.replaces) == ("wvs", "wvs.toml", ("wvs",))
    assert "leerwerktraject_max_duur" in override.disabled and "keten" in override.disabled
    assert "signaal_maatwerk" in override.disabled and "een_klok" not in override.disabled  # off when shipped
    line = override.describe()
    assert "vervangt het meegeleverde regelboek wvs" in line and "zet uit:" in line and str(tmp_path) not in line


def test_a_replacing_book_under_another_id_and_rules_left_out(tmp_path):
    text = WVS.replace('id = "wvs"', 'id = "west"', 1)
    head, _, _rules = text.partition("\n[[rule]]")
    books = load_rulebooks(_folder(tmp_path, west=head))  # the municipalities, no rule at all
    assert books.errors == []
    [override] = books.overrides
    assert override.replaces == ("wvs",) and override.disabled == ()
    assert "leerwerktraject_max_duur" in override.left_out and "laat weg" in override.describe()


def test_a_municipality_book_that_switches_a_region_rule_off(tmp_path):
    books = load_rulebooks(_folder(tmp_path, roosendaal=OVERLAY + RULE.format(id="leerwerktraject_max_duur",
                                                                                enabled="false")))
    [override] = books.overrides
    assert (override.book_id, override.replaces, override.disabled) == ("roosendaal", (), ("leerwerktraject_max_duur",))
    assert "wijkt af van het meegeleverde regelboek" in override.describe()


@pytest.mark.parametrize("enabled", ["true"])
def test_a_municipality_book_with_its_own_numbers_is_no_override(tmp_path, enabled):
    books = load_rulebooks(_folder(tmp_path, roosendaal=OVERLAY + RULE.format(id="leerwerktraject_max_duur",
                                                                                enabled=enabled)))
    assert books.errors == [] and books.overrides == []
    assert load_rulebooks().overrides == []


def test_rules_show_names_the_override_in_a_clear_dutch_line(cli, tmp_path):
    folder = _folder(tmp_path, wvs=_all_off())
    code, out, err = cli("--rules", str(folder), "rules", "show", "Roosendaal", "--date", "2026-01-01")
    assert code == 0, err
    [line] = [line for line in out.splitlines() if "LET OP" in line]
    assert "vervangt het meegeleverde regelboek wvs" in line and "leerwerktraject_max_duur" in line
    code, out, _ = cli("--rules", str(folder), "rules", "show", "Roosendaal", "--date", "2026-01-01", "--json")
    [override] = json.loads(out)["overrides"]
    assert override["replaces"] == ["wvs"] and "keten" in override["disabled"]
    _, shipped, _ = cli("rules", "show", "Roosendaal", "--date", "2026-01-01", "--json")
    assert json.loads(shipped)["overrides"] == []
    _, wassenaar, _ = cli("--rules", str(folder), "rules", "show", "Wassenaar", "--date", "2026-01-01")
    assert "LET OP" not in wassenaar  # the override does not touch Wassenaar's rules


def test_rules_validate_says_geldig_and_warns(cli, tmp_path):
    folder = _folder(tmp_path, wvs=_all_off(), roosendaal=OVERLAY)
    code, out, err = cli("rules", "validate", str(folder))
    assert code == 0
    assert out.count("geldig") == 2
    [warning] = err.splitlines()
    assert "wvs.toml: waarschuwing:" in warning and "vervangt het meegeleverde regelboek wvs" in warning
    errors, override = check_rulebook_file(folder / "roosendaal.toml")
    assert (errors, override) == ([], None)


def test_the_audit_has_one_entry_per_distinct_override_without_personal_data(db, today, tmp_path):
    from matchdesk.app import App
    from matchdesk.services.rulebook_audit import ACTION, record_rulebook_overrides
    from matchdesk.storage.models import AuditEntry

    folder = _folder(tmp_path, wvs=_all_off())
    assert record_rulebook_overrides(App(db, user="anouk", today=today, rulebooks=load_rulebooks())) == 0
    app = App(db, user="anouk", today=today, rulebooks=load_rulebooks(folder))
    assert record_rulebook_overrides(app) == 1
    assert record_rulebook_overrides(App(db, user="bert", today=today, rulebooks=load_rulebooks(folder))) == 0
    (folder / "wvs.toml").write_text(_all_off() + "\n# bewerkt\n", encoding="utf-8")
    assert record_rulebook_overrides(App(db, user="bert", today=today, rulebooks=load_rulebooks(folder))) == 1
    with db.reading() as session:
        entries = session.execute(select(AuditEntry.medewerker, AuditEntry.record_type, AuditEntry.record_id,
                                         AuditEntry.detail).where(AuditEntry.action == ACTION)
                                  .order_by(AuditEntry.at)).all()
    assert [(e.medewerker, e.record_type, e.record_id) for e in entries] == [("anouk", "regelboek", None),
                                                                             ("bert", "regelboek", None)]
    assert all("wvs.toml" in e.detail and "leerwerktraject_max_duur" in e.detail and str(tmp_path) not in e.detail
               for e in entries)


def test_a_command_with_an_overriding_book_leaves_its_audit_entry(db_target, tmp_path):
    """The application object of any command (and of the window) records the override when it opens."""
    from matchdesk.cli.main import main
    from matchdesk.services.rulebook_audit import ACTION

    folder = _folder(tmp_path, wvs=_all_off())
    for _ in range(2):  # the same book twice: one entry
        assert main(["--db", str(db_target), "--rules", str(folder), "--user", "bert", "stats", "--json"]) == 0
    db = Database.open(db_target)
    try:
        with db.reading() as session:
            rows = session.execute(select(AuditEntry.medewerker, AuditEntry.record_type)
                                   .where(AuditEntry.action == ACTION)).all()
    finally:
        db.dispose()
    assert [tuple(r) for r in rows] == [("bert", "regelboek")]
