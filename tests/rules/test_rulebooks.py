"""Rulebooks as data: rules that change over time, the one clock (off unless a rulebook switches it on),
`rules validate` and `rules show`, and what a broken rulebook in --rules DIR does."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from matchdesk.rules.rulebook import RulebookUnavailable, load_rulebooks
from matchdesk.rules.scenario import check_scenario

# --------------------------------------------------------------------------- a rule change over time

LWT_RULE_WVS = "valid_from = 2015-01-01\nenabled = true\nmonths = 6\n"
NINE_FROM_2027 = """valid_from = 2015-01-01
valid_until = 2026-12-31
enabled = true
months = 6

[[rule]]
id = "leerwerktraject_max_duur"
title = "Leerwerktraject hoogstens 9 maanden (testverordening)"
source = "Testverordening 2027"
valid_from = 2027-01-01
enabled = true
months = 9
"""

ROOSENDAAL_OVERLAY = """[rulebook]
id = "roosendaal"
title = "Roosendaal: eigen Participatieverordening (test)"
source = "Participatieverordening Roosendaal 2027 (test)"
extends = "wvs"
valid_from = 2015-01-01
municipalities = ["Roosendaal"]

[[rule]]
id = "leerwerktraject_max_duur"
title = "Leerwerktraject hoogstens 9 maanden"
source = "Participatieverordening Roosendaal 2027 (test)"
valid_from = 2027-01-01
months = 9
"""


def _lwt(scenario, date, end, municipality="Roosendaal"):
    return scenario(municipality=municipality, date=date, proposal={"start": "2026-12-01", "end": end})


def test_wvs_text_holds_the_snippets_these_tests_change(rules_dir):
    assert rules_dir.wvs_text.count(LWT_RULE_WVS) == 1
    assert rules_dir.wvs_text.count("enabled = false\nmonths = 24\n") == 1


@pytest.mark.parametrize(("date", "end", "expected"), [
    ("2026-12-31", "2027-05-31", "allowed"),  # 6 months, old rule
    ("2026-12-31", "2027-06-01", "blocked"),  # 6 months and a day, old rule
    ("2026-12-31", "2027-08-31", "blocked"),  # 9 months: not yet
    ("2027-01-01", "2027-08-31", "allowed"),  # the same 9 months, judged on the new rule's first day
    ("2027-01-01", "2027-09-01", "blocked"),  # 9 months and a day
])
def test_same_scenario_before_and_after_valid_from(scenario, rules_dir, date, end, expected):
    folder = rules_dir("wvs.toml", rules_dir.wvs_text.replace(LWT_RULE_WVS, NINE_FROM_2027))
    books = load_rulebooks(folder)
    assert books.errors == []
    verdict = check_scenario(json.dumps(_lwt(scenario, date, end)), books)
    assert verdict.verdict == expected, verdict.findings
    if expected == "blocked":
        months = 6 if date < "2027-01-01" else 9
        assert any(f"maximum is {months} maanden" in f.message for f in verdict.findings)


@pytest.mark.parametrize(("municipality", "date", "end", "expected"), [
    ("Roosendaal", "2026-12-31", "2027-06-01", "blocked"),  # before its own rule: the region's 6 months hold
    ("Roosendaal", "2026-12-31", "2027-05-31", "allowed"),
    ("Roosendaal", "2027-01-01", "2027-08-31", "allowed"),  # its own 9 months from 2027
    ("Roosendaal", "2027-01-01", "2027-09-01", "blocked"),
    ("Etten-Leur", "2027-01-01", "2027-06-01", "blocked"),  # the rest of the region keeps 6
])
def test_municipal_rule_from_a_date_overrides_the_region_only_from_then(scenario, rules_dir, municipality, date,
                                                                         end, expected):
    books = load_rulebooks(rules_dir("roosendaal.toml", ROOSENDAAL_OVERLAY))
    assert books.errors == []
    verdict = check_scenario(json.dumps(_lwt(scenario, date, end, municipality)), books)
    assert verdict.verdict == expected, verdict.findings


def test_rule_change_over_time_through_the_cli(cli, scenario, rules_dir, tmp_path):
    folder = rules_dir("roosendaal.toml", ROOSENDAAL_OVERLAY)
    verdicts = []
    for date in ("2026-12-31", "2027-01-01"):
        path = tmp_path / f"{date}.json"
        path.write_text(json.dumps(_lwt(scenario, date, "2027-08-31")), encoding="utf-8")
        code, out, err = cli("--rules", str(folder), "rules", "check", str(path))
        assert code == 0 and err == "", err
        verdicts.append(json.loads(out)["verdict"])
    assert verdicts == ["blocked", "allowed"]
    code, out, _ = cli("--rules", str(folder), "rules", "show", "Roosendaal", "--date", "2026-12-31", "--json")
    in_force = [r for r in json.loads(out)["rules"] if r["id"] == "leerwerktraject_max_duur" and r["in_force"]]
    assert [r["params"]["months"] for r in in_force] == [6]
    code, out, _ = cli("--rules", str(folder), "rules", "show", "Roosendaal", "--date", "2027-01-01", "--json")
    data = json.loads(out)
    in_force = [r for r in data["rules"] if r["id"] == "leerwerktraject_max_duur" and r["in_force"]]
    assert [r["params"]["months"] for r in in_force] == [9]
    assert [b["id"] for b in data["rulebooks"]] == ["wvs", "roosendaal"]


def test_a_rulebook_in_rules_dir_replaces_the_shipped_one_with_the_same_id(scenario, rules_dir):
    text = rules_dir.wvs_text.replace(LWT_RULE_WVS, LWT_RULE_WVS.replace("months = 6", "months = 7"))
    books = load_rulebooks(rules_dir("eigen-wvs.toml", text))
    assert books.errors == [] and [b.id for b in books.files].count("wvs") == 1
    data = scenario(proposal={"end": "2026-07-31"})  # 7 months
    assert check_scenario(json.dumps(data), books).verdict == "allowed"
    assert check_scenario(json.dumps(data), load_rulebooks()).verdict == "blocked"


# --------------------------------------------------------------------------- the one clock

ONE_CLOCK_HISTORY = [
    {"kind": "leerwerktraject", "start": "2024-01-01", "end": "2024-06-30"},  # 182 days
    {"kind": "participatie", "start": "2024-09-01", "end": "2025-08-31", "provider": "werkgever"},  # 365 days
]


def _participatie(scenario, end, municipality="Roosendaal"):
    # 24 months from 2024-01-01 allow 731 days; 547 are used, so 184 remain: up to 2026-03-03.
    return scenario(municipality=municipality, date="2025-09-01", history=ONE_CLOCK_HISTORY,
                    proposal={"kind": "participatie", "start": "2025-09-01", "end": end, "provider": "werkgever",
                              "vacancy_kind": None})


@pytest.mark.parametrize("municipality", ["Roosendaal", "Wassenaar"])
def test_one_clock_exists_but_is_off_in_both_shipped_rulebooks(shipped_rulebooks, municipality):
    rulebook = shipped_rulebooks.for_municipality(municipality, dt.date(2026, 1, 1))
    [rule] = [r for r in rulebook.rules if r.id == "een_klok"]
    assert rule.enabled is False and rulebook.active("een_klok") is None
    assert rule["months"] == 24 and "landelijk, te bevestigen" in rule.source


@pytest.mark.parametrize("end", ["2026-03-04", "2027-12-31"])
def test_one_clock_off_gives_no_finding(scenario, judge, rule_ids, end):
    assert "een_klok" not in rule_ids(judge(_participatie(scenario, end)))


ONE_CLOCK_ON = """[rulebook]
id = "roosendaal-een-klok"
title = "Roosendaal met één klok (test)"
source = "Testbron"
extends = "wvs"
valid_from = 2015-01-01
municipalities = ["Roosendaal"]

[[rule]]
id = "een_klok"
title = "Eén klok voor al het werk met behoud van uitkering"
source = "Testbron"
valid_from = 2015-01-01
enabled = true
months = 24
kinds = ["leerwerktraject", "proefplaatsing", "participatie"]
"""


@pytest.mark.parametrize(("end", "expected"), [("2026-03-03", "warning"), ("2026-03-04", "blocked")])
def test_one_clock_switched_on_in_a_test_rulebook(scenario, judge, rules_dir, rule_ids, end, expected):
    books = load_rulebooks(rules_dir("een-klok.toml", ONE_CLOCK_ON))
    assert books.errors == []
    verdict = judge(_participatie(scenario, end), books)
    assert verdict.verdict == expected, verdict.findings
    assert ("een_klok" in rule_ids(verdict, "block")) == (expected == "blocked")
    if expected == "blocked":
        message = next(f.message for f in verdict.findings if f.rule == "een_klok")
        assert "maximum is 24 maanden" in message and "731 dagen" in message
    # without it the same scenario is only the order-of-preference warning
    assert judge(_participatie(scenario, end)).verdict == "warning"
    # Bergen op Zoom is not covered by the test rulebook
    assert "een_klok" not in rule_ids(judge(_participatie(scenario, end, "Bergen op Zoom"), books))


def test_one_clock_switched_on_by_replacing_the_region_book(scenario, judge, rules_dir, rule_ids):
    text = rules_dir.wvs_text.replace("enabled = false\nmonths = 24\n", "enabled = true\nmonths = 24\n")
    books = load_rulebooks(rules_dir("wvs.toml", text))
    assert books.errors == []
    verdict = judge(_participatie(scenario, "2026-03-04", "Bergen op Zoom"), books)
    assert verdict.verdict == "blocked" and "een_klok" in rule_ids(verdict)


def test_one_clock_does_not_count_for_wsw(scenario, judge, rules_dir, rule_ids):
    books = load_rulebooks(rules_dir("een-klok.toml", ONE_CLOCK_ON))
    data = _participatie(scenario, "2027-12-31")
    data["candidate"]["wsw"] = True
    assert "een_klok" not in rule_ids(judge(data, books))


def test_numbers_without_a_regional_source_are_marked(shipped_rulebooks):
    for name in ("Roosendaal", "Wassenaar"):
        rulebook = shipped_rulebooks.for_municipality(name, dt.date(2026, 1, 1))
        sources = {r.id: r.source for r in rulebook.rules}
        for rule_id in ("garantiebaan_register", "beschut_indicatie", "een_klok", "signaal_taaleis"):
            assert "landelijk, te bevestigen" in sources[rule_id], (name, rule_id)
    assert "te bevestigen" in sources["bbz_max_duur"] or "Bbz" in sources["bbz_max_duur"]


# --------------------------------------------------------------------------- rules validate

def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_validate_accepts_the_shipped_rulebooks(cli):
    from matchdesk.resources import resource

    folder = resource("rules")
    code, out, err = cli("rules", "validate", str(folder))
    assert code == 0, err
    assert out.count(": geldig") == 2


def test_validate_reports_a_toml_syntax_error_with_file_and_line(cli, rules_dir):
    text = rules_dir.wvs_text.replace('id = "bbz_max_duur"', 'id = "bbz_max_duur\n')
    folder = rules_dir("kapot.toml", text)
    code, out, err = cli("rules", "validate", str(folder / "kapot.toml"))
    assert code == 2 and out == ""
    line = _line_of(text, 'id = "bbz_max_duur')
    assert f"kapot.toml:{line}: geen geldige TOML: regeleinde binnen tekst (aanhalingsteken vergeten?)" in err, err


@pytest.mark.parametrize(("old", "new", "needle", "reason"), [
    (LWT_RULE_WVS, LWT_RULE_WVS.replace("months = 6", "months = -6"), "months = -6", "-6 maanden is onmogelijk"),
    (LWT_RULE_WVS, LWT_RULE_WVS.replace("months = 6", "months = 0"), "months = 0", "0 maanden is onmogelijk"),
    (LWT_RULE_WVS, LWT_RULE_WVS.replace("months = 6", 'months = "zes"'), 'months = "zes"', "geheel aantal maanden"),
    ("min_percent = 70", "min_percent = 170", "min_percent = 170", "170% is onmogelijk"),
    ("max_gap_days = 31", "max_gap_days = -1", "max_gap_days = -1", "-1 dagen is onmogelijk"),
    ('id = "bbz_max_duur"', 'id = "bbz_maximum"', 'id = "bbz_maximum"', "onbekende regel 'bbz_maximum'"),
    ("months = 12\n", "months = 12\nmaanden = 12\n", "maanden = 12", "onbekende sleutel 'maanden'"),
    ('level = "1F"', 'level = "1G"', 'level = "1G"', "1G"),
    ('allowed = ["B"]', 'allowed = ["D"]', 'allowed = ["D"]', "onbekende doelgroep 'D'"),
    ("valid_from = 2016-01-01", 'valid_from = "2016-02-30"', '"2016-02-30"', "de datum '2016-02-30' bestaat niet"),
    ("valid_from = 2016-01-01", "valid_from = 2016-02-30", "2016-02-30", "geen geldige TOML: ongeldige of onbestaande"),
    ("enabled = true\nmonths = 12", 'enabled = "ja"\nmonths = 12', 'enabled = "ja"', "'enabled' moet true of false"),
])
def test_validate_reports_an_impossible_value_with_file_line_and_reason(cli, rules_dir, old, new, needle, reason):
    assert rules_dir.wvs_text.count(old) == 1
    text = rules_dir.wvs_text.replace(old, new)
    folder = rules_dir("wvs.toml", text)
    code, out, err = cli("rules", "validate", str(folder / "wvs.toml"))
    assert code == 2, out
    assert re.search(rf"wvs\.toml:{_line_of(text, needle)}: .*{re.escape(reason)}", err), err


def test_validate_reports_every_error_and_every_file(cli, rules_dir):
    text = rules_dir.wvs_text.replace("months = 23\n", "months = -23\n", 1).replace("days = 14", "days = -14")
    rules_dir("wvs.toml", text)
    folder = rules_dir("goed.toml", ONE_CLOCK_ON)
    code, out, err = cli("rules", "validate", str(folder))
    assert code == 2
    assert len([line for line in err.splitlines() if "wvs.toml:" in line]) == 2
    # the other file extends the broken book: named as such, not as an unknown book
    assert "goed.toml: extends: regelboek 'wvs' bevat fouten (wvs.toml)" in err
    (folder / "wvs.toml").unlink()
    code, out, err = cli("rules", "validate", str(folder))
    assert code == 0 and "goed.toml: geldig" in out, err
    (folder / "goed.toml").write_text(ONE_CLOCK_ON.replace('extends = "wvs"', 'extends = "wsv"'), encoding="utf-8")
    code, _, err = cli("rules", "validate", str(folder))
    assert code == 2 and "extends: onbekend regelboek 'wsv'" in err


def test_validate_reports_a_validity_period_ending_before_it_starts(cli, rules_dir):
    text = ROOSENDAAL_OVERLAY.replace("valid_from = 2027-01-01", "valid_from = 2027-01-01\nvalid_until = 2026-01-01")
    folder = rules_dir("roosendaal.toml", text)
    code, _, err = cli("rules", "validate", str(folder / "roosendaal.toml"))
    assert code == 2 and f"roosendaal.toml:{_line_of(text, 'valid_until')}: valid_until" in err


def test_validate_a_missing_file_is_exit_2(cli, tmp_path):
    code, _, err = cli("rules", "validate", str(tmp_path / "weg.toml"))
    assert code == 2 and "niet gevonden" in err


# --------------------------------------------------------------------------- rules show

def test_show_json(cli):
    code, out, err = cli("rules", "show", "roosendaal", "--date", "2026-01-01", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["municipality"], data["region"], data["werkplein"], data["date"]) == \
           ("Roosendaal", "WVS", "Hart van West-Brabant", "2026-01-01")
    assert [b["id"] for b in data["rulebooks"]] == ["wvs"]
    rules = {r["id"]: r for r in data["rules"]}
    assert rules["leerwerktraject_max_duur"]["params"] == {"months": 6}
    assert rules["leerwerktraject_max_duur"]["in_force"] is True
    assert rules["detachering_max_duur"]["params"] == {"months": 23}
    assert rules["keten"]["params"] == {"max_gap_days": 31,
                                        "kinds": ["detachering", "leerwerktraject", "proefplaatsing"]}
    assert rules["leerwerkbedrijf_aandeel"]["params"] == {"min_percent": 70}
    assert rules["een_klok"]["enabled"] is False and rules["een_klok"]["in_force"] is False
    for rule in data["rules"]:
        assert rule["title"] and rule["source"] and rule["valid_from"]


def test_show_json_is_deterministic_and_holds_no_paths(cli):
    _, first, _ = cli("rules", "show", "Bergen op Zoom", "--date", "2026-01-01", "--json")
    _, second, _ = cli("rules", "show", "Bergen op Zoom", "--date", "2026-01-01", "--json")
    assert first == second and "/" not in json.loads(first)["rulebooks"][0]["file"]
    assert json.loads(first)["werkplein"] == "Brabantse Wal"


def test_show_text(cli):
    code, out, err = cli("rules", "show", "Roosendaal", "--date", "2026-01-01")
    assert code == 0, err
    assert out.startswith("Roosendaal (regio WVS, werkplein Hart van West-Brabant), regels op 01-01-2026")
    assert "leerwerktraject_max_duur [geldt]" in out and "months = 6" in out
    assert "een_klok [uit]" in out
    assert "Herstructureringsplan WVS" in out


def test_show_wassenaar_and_dates(cli):
    code, out, _ = cli("rules", "show", "Wassenaar", "--date", "2025-01-01", "--json")
    data = json.loads(out)
    assert code == 0 and data["region"] == "Zuid-Holland Centraal" and data["werkplein"] is None
    ids = {r["id"] for r in data["rules"]}
    assert "categorie_3b" in ids and not ids & {"leerwerktraject_max_duur", "detachering_max_duur",
                                                 "doelgroep_leerwerktraject", "leerwerkbedrijf_aandeel"}
    code, _, err = cli("rules", "show", "Wassenaar", "--date", "2024-10-24")
    assert code == 2 and "Geen regelboek van kracht" in err
    code, _, err = cli("rules", "show", "Breda")
    assert code == 2 and "Onbekende gemeente 'Breda'" in err
    code, _, err = cli("rules", "show", "Roosendaal", "--date", "2026-02-30")
    assert code == 2 and "bestaat niet" in err


# --------------------------------------------------------------------------- a broken rulebook in --rules DIR

def _broken_wvs(rules_dir):
    return rules_dir("wvs.toml", rules_dir.wvs_text.replace(LWT_RULE_WVS, LWT_RULE_WVS.replace("6", "-6")))


def test_broken_region_book_blocks_its_municipalities_only(rules_dir):
    books = load_rulebooks(_broken_wvs(rules_dir))
    assert len(books.errors) == 1 and "wvs.toml" in str(books.errors[0])
    with pytest.raises(RulebookUnavailable, match="kon niet worden geladen"):
        books.for_municipality("roosendaal", dt.date(2026, 1, 1))
    with pytest.raises(RulebookUnavailable):
        books.for_municipality("Bergen op Zoom", dt.date(2026, 1, 1))
    assert books.for_municipality("Wassenaar", dt.date(2026, 1, 1)).region == "Zuid-Holland Centraal"


def test_broken_municipal_book_blocks_that_municipality_only(rules_dir):
    folder = rules_dir("roosendaal.toml", ROOSENDAAL_OVERLAY.replace("months = 9", "months = 9\n[[rule"))
    books = load_rulebooks(folder)
    assert books.errors and books.errors[0].line is not None
    with pytest.raises(RulebookUnavailable):
        books.for_municipality("Roosendaal", dt.date(2026, 1, 1))
    assert books.for_municipality("Etten-Leur", dt.date(2026, 1, 1)).region == "WVS"


def test_rules_check_with_a_broken_rulebook(cli, scenario, rules_dir, tmp_path):
    folder = _broken_wvs(rules_dir)
    covered, other = tmp_path / "roosendaal.json", tmp_path / "wassenaar.json"
    covered.write_text(json.dumps(scenario()), encoding="utf-8")
    other.write_text(json.dumps(scenario(municipality="Wassenaar")), encoding="utf-8")
    code, out, err = cli("--rules", str(folder), "rules", "check", str(covered))
    assert code == 2 and out == "" and "kon niet worden geladen" in err
    code, out, err = cli("--rules", str(folder), "rules", "check", str(other))
    assert code == 0 and json.loads(out)["verdict"] == "allowed"
    assert "waarschuwing: regelboek" in err and "wvs.toml" in err and "onmogelijk" in err
    code, _, err = cli("--rules", str(folder), "rules", "show", "Roosendaal")
    assert code == 2 and "kon niet worden geladen" in err


def test_a_missing_rules_dir_is_reported(cli, scenario, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(scenario()), encoding="utf-8")
    code, out, err = cli("--rules", str(tmp_path / "weg"), "rules", "check", str(path))
    assert code == 0 and json.loads(out)["verdict"] == "allowed"
    assert "niet gevonden" in err


def test_app_starts_with_a_broken_rulebook(db_target, rules_dir, capsys, monkeypatch):
    from matchdesk.cli.main import main

    monkeypatch.delenv("MATCHDESK_RULES", raising=False)
    folder = _broken_wvs(rules_dir)
    capsys.readouterr()
    assert main(["--rules", str(folder), "--db", str(db_target), "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["candidates"] == 0
    monkeypatch.setenv("MATCHDESK_RULES", str(folder))
    assert main(["--db", str(db_target), "stats"]) == 0


def test_the_window_opens_with_a_broken_rulebook(db_path, rules_dir):
    import os
    import subprocess
    import sys

    folder = _broken_wvs(rules_dir)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "matchdesk", "--rules", str(folder), "--db", str(db_path),
                           "--user", "demo", "--quit-when-ready"], capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "MATCHDESK_READY" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("old", "new", "needle", "reason"), [
    ("months = 12\n", "months = zes\n", "months = zes", "ongeldige waarde"),
    ("months = 12\n", "months 12\n", "months 12", "na een sleutel hoort '='"),
    ("months = 12\n", "months = 12\nmonths = 13\n", "months = 13", "deze sleutel staat er al"),
    ('allowed = ["B"]', 'allowed = ["B"', 'allowed = ["B"', "lijst niet afgesloten"),
    ("[werkpleinen]", "[werkpleinen", "[werkpleinen", "']' ontbreekt"),
])
def test_toml_syntax_errors_are_explained_in_dutch(cli, rules_dir, old, new, needle, reason):
    text = rules_dir.wvs_text.replace(old, new, 1)
    folder = rules_dir("wvs.toml", text)
    code, _, err = cli("rules", "validate", str(folder / "wvs.toml"))
    assert code == 2
    line = _line_of(text, needle)  # an unclosed list is noticed on the line after it
    assert re.search(rf"wvs\.toml:({line}|{line + 1}): geen geldige TOML: .*{re.escape(reason)}", err), err
