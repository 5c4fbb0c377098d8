import json

from matchdesk.cli.main import main
from matchdesk.rules.signals import KINDS
from tests.conftest import TODAY


def _run(capsys, *argv):
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_signals_json_has_the_contract_shape_and_order(demo_db_path, capsys):
    code, out, _ = _run(capsys, "--db", str(demo_db_path), "--today", TODAY.isoformat(), "signals", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["today"] == "2026-11-23"
    assert data["signals"], "the demo region has signals"
    for signal in data["signals"]:
        assert {"kind", "due", "candidate", "trajectory", "message"} <= set(signal)  # the contract; added: state
        assert signal["status"] == "open" and "owner" in signal
        assert signal["kind"] in KINDS
    order = [(s["due"], s["candidate"]) for s in data["signals"]]
    assert order == sorted(order)


def test_signals_within_narrows_the_horizon(demo_db_path, capsys):
    counts = []
    for days in ("0", "30", "365"):
        _, out, _ = _run(capsys, "--db", str(demo_db_path), "--today", TODAY.isoformat(), "signals", "--within", days,
                         "--json")
        signals = json.loads(out)["signals"]
        assert all(s["due"] <= "2026-11-23" for s in signals) or days != "0"
        counts.append(len(signals))
    assert counts[0] <= counts[1] <= counts[2] and counts[0] < counts[2]


def test_signals_text_and_bad_within(demo_db_path, capsys):
    code, out, _ = _run(capsys, "--db", str(demo_db_path), "--today", TODAY.isoformat(), "signals")
    assert code == 0 and "signalen binnen 30 dagen" in out
    code, _, err = _run(capsys, "--db", str(demo_db_path), "signals", "--within", "-1")
    assert code == 2 and "--within" in err


def test_report_json_and_text(demo_db_path, capsys):
    code, out, _ = _run(capsys, "--db", str(demo_db_path), "--today", TODAY.isoformat(), "report", "--json",
                        "--from", "2025-01-01", "--to", "2026-11-23")
    assert code == 0
    data = json.loads(out)
    wvs = data["leerwerkbedrijf_share"]["regions"]["WVS"]
    assert wvs["norm_percent"] == 70 and wvs["leerwerktrajecten"] > 0
    assert data["period"] == {"from": "2025-01-01", "to": "2026-11-23"}
    assert "Roosendaal" in data["uitstroom"]
    code, out, _ = _run(capsys, "--db", str(demo_db_path), "report")
    assert code == 0 and "norm 70%" in out and "Uitstroom per gemeente" in out


def test_report_refuses_a_reversed_period(demo_db_path, capsys):
    code, _, err = _run(capsys, "--db", str(demo_db_path), "report", "--from", "2026-02-01", "--to", "2026-01-01")
    assert code == 2 and "--from ligt na --to" in err


def _broken_rules(tmp_path):
    from matchdesk.resources import resource

    folder = tmp_path / "regels"
    folder.mkdir()
    text = resource("rules", "wvs.toml").read_text(encoding="utf-8")
    (folder / "wvs.toml").write_text(text.replace("months = 23\n", "months = -23\n", 1), encoding="utf-8")
    return str(folder)


def test_signals_and_report_warn_about_a_broken_rulebook_and_still_run(demo_db_path, tmp_path, capsys):
    rules = _broken_rules(tmp_path)
    code, out, err = _run(capsys, "--db", str(demo_db_path), "--today", TODAY.isoformat(), "--rules", rules,
                          "signals", "--json")
    assert code == 0 and json.loads(out)["today"] == "2026-11-23"
    assert "waarschuwing: regelboek" in err and "wvs.toml" in err and "signalen die een regel nodig hebben" in err
    kinds = {s["kind"] for s in json.loads(out)["signals"]}
    assert "over_limiet" not in kinds  # the WVS limits are unknown while its rulebook is broken
    code, out, err = _run(capsys, "--db", str(demo_db_path), "--rules", rules, "report", "--json")
    assert code == 0 and "wvs.toml" in err
    regions = json.loads(out)["leerwerkbedrijf_share"]["regions"]
    assert "WVS" not in regions  # its region is unknown while the book is broken; still counted, without a norm
    assert regions["onbekend"]["leerwerktrajecten"] > 0 and regions["onbekend"]["norm_percent"] is None
    code, _, err = _run(capsys, "--db", str(demo_db_path), "--today", TODAY.isoformat(), "signals", "--json")
    assert code == 0 and err == ""


def test_signals_export_writes_iso_dates_and_is_audited(demo_db_path, tmp_path, capsys):
    """CONTRACTS.md: ISO dates in every file MatchDesk writes; the worklist names candidates, so it is audited."""
    import csv
    import datetime as dt

    from sqlalchemy import select

    from matchdesk.services.signals import HEADERS
    from matchdesk.storage.database import Database
    from matchdesk.storage.models import AuditEntry

    target = tmp_path / "werklijst.csv"
    code, out, _ = _run(capsys, "--db", str(demo_db_path), "--today", TODAY.isoformat(), "--user", "anouk", "signals",
                        "--export", str(target), "--json")
    assert code == 0
    signals = json.loads(out[out.index("{"):])["signals"]
    assert out.startswith(f"{len(signals)} signalen geschreven naar {target}.")
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == list(HEADERS)
    assert [row[0] for row in rows[1:]] == [s["due"] for s in signals]
    assert all(dt.date.fromisoformat(row[0]) for row in rows[1:])
    database = Database.open(demo_db_path)
    try:
        with database.reading() as session:
            entry = session.scalars(select(AuditEntry).where(AuditEntry.record_type == "signalen",
                                                          AuditEntry.action == "geëxporteerd")).one()
    finally:
        database.dispose()
    assert entry.medewerker == "anouk" and entry.detail == f"{len(signals)} rijen naar werklijst.csv"
