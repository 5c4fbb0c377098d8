"""`matchdesk rules check`: exit 0 with the verdict JSON whatever it is, exit 2 with a Dutch message that
names the field for input it cannot judge; never a traceback, never a database."""

from __future__ import annotations

import json

import pytest


def _write(tmp_path, data, name="scenario.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("proposal", [
    {},  # allowed
    {"location": "intern"},  # warning
    {"end": "2026-07-01"},  # blocked
])
def test_exit_0_whatever_the_verdict(cli, scenario, tmp_path, proposal):
    code, out, err = cli("rules", "check", _write(tmp_path, scenario(proposal=proposal)))
    assert code == 0, err
    assert json.loads(out)["verdict"] in {"allowed", "warning", "blocked"}


def test_reads_stdin(cli, scenario, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(scenario(proposal={"end": "2026-07-01"}))))
    code, out, _ = cli("rules", "check", "-")
    assert code == 0 and json.loads(out)["verdict"] == "blocked"


def _drop(section, key):
    def change(data):
        del (data if section is None else data[section])[key]
    return change


def _set(section, key, value):
    def change(data):
        target = data if section is None else data[section]
        target[key] = value
    return change


def _history(**entry):
    def change(data):
        data["history"] = [{"kind": "leerwerktraject", "start": "2025-06-01", "end": "2025-08-31",
                            "provider": "leerwerkbedrijf", **entry}]
    return change


BAD_INPUT = [
    # (label, change of the base scenario, words the Dutch message must hold)
    ("missing top field", _drop(None, "candidate"), ["candidate", "ontbreekt"]),
    ("missing candidate field", _drop("candidate", "doelgroep"), ["candidate", "doelgroep", "ontbreekt"]),
    ("missing proposal field", _drop("proposal", "motivation"), ["proposal", "motivation", "ontbreekt"]),
    ("missing history field", lambda d: (_history()(d), d["history"][0].pop("end")),
     ["history[0]", "end", "ontbreekt"]),
    ("unknown top field", _set(None, "region", "WVS"), ["onbekend veld", "region"]),
    ("unknown candidate field", _set("candidate", "leeftijd", 35), ["candidate", "onbekend veld", "leeftijd"]),
    ("unknown proposal field", _set("proposal", "hours", 32), ["proposal", "onbekend veld", "hours"]),
    ("unknown kind", _set("proposal", "kind", "stage"), ["proposal.kind", "onbekende waarde", "stage"]),
    ("unknown history kind", _history(kind="werkervaringsplaats"), ["history[0].kind", "werkervaringsplaats"]),
    ("unknown provider", _set("proposal", "provider", "uwv"), ["proposal.provider", "onbekende waarde", "uwv"]),
    ("unknown vacancy kind", _set("proposal", "vacancy_kind", "stageplek"), ["proposal.vacancy_kind", "stageplek"]),
    ("unknown action", _set("proposal", "action", "verleng"), ["proposal.action", "onbekende actie", "verleng"]),
    ("unknown doelgroep", _set("candidate", "doelgroep", "D"), ["candidate.doelgroep", "onbekende waarde"]),
    ("unknown categorie", _set("candidate", "categorie", "4A"), ["candidate.categorie", "onbekende waarde"]),
    ("unknown location", _set("proposal", "location", "thuis"), ["proposal.location", "thuis"]),
    ("unknown municipality", _set(None, "municipality", "Breda"), ["municipality", "Onbekende gemeente", "Breda"]),
    ("empty municipality", _set(None, "municipality", " "), ["municipality"]),
    ("nonexistent decision date", _set(None, "date", "2026-02-30"), ["date", "2026-02-30", "bestaat niet"]),
    ("nonexistent start", _set("proposal", "start", "2026-02-29"), ["proposal.start", "bestaat niet"]),
    ("nonexistent end", _set("proposal", "end", "2026-04-31"), ["proposal.end", "bestaat niet"]),
    ("nonexistent month", _set(None, "date", "2026-13-01"), ["date", "2026-13-01"]),
    ("nonexistent ontheffing date", _set("candidate", "ontheffing_until", "2025-02-29"),
     ["candidate.ontheffing_until", "bestaat niet"]),
    ("date not a date", _set(None, "date", "1 januari 2026"), ["date", "jjjj-mm-dd"]),
    ("date a number", _set(None, "date", 20260101), ["date", "jjjj-mm-dd"]),
    ("null decision date", _set(None, "date", None), ["date"]),
    ("boolean as text", _set("candidate", "banenafspraak", "nee"), ["candidate.banenafspraak", "true of false"]),
    ("history not a list", _set(None, "history", {}), ["history", "lijst"]),
    ("candidate not an object", _set(None, "candidate", []), ["candidate", "JSON-object"]),
    ("no rulebook in force", lambda d: d.update(municipality="Wassenaar", date="2024-10-24"),
     ["Geen regelboek van kracht", "Wassenaar", "2024-10-24"]),
    ("no rulebook in force in WVS", _set(None, "date", "2014-12-31"), ["Geen regelboek van kracht", "Roosendaal"]),
    ("extend naming no history entry", lambda d: (_history(start="2025-12-01", end="2025-12-31")(d),
                                                   d["proposal"].update(action="extend")),
     ["verlenging", "geen traject", "2026-01-01"]),
    ("extend without history", _set("proposal", "action", "extend"), ["verlenging", "geen traject"]),
]


@pytest.mark.parametrize(("label", "change", "words"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_exit_2_with_a_dutch_message_naming_the_field(cli, scenario, tmp_path, label, change, words):
    data = scenario()
    change(data)
    code, out, err = cli("rules", "check", _write(tmp_path, data))
    assert code == 2, (label, out, err)
    assert out == ""
    assert err.startswith("matchdesk: ") and "Traceback" not in err
    for word in words:
        assert word in err, (label, err)


@pytest.mark.parametrize(("text", "words"), [
    ('{"municipality": ', ["geen geldige JSON", "regel 1"]),
    ("", ["geen geldige JSON"]),
    ("[]", ["scenario", "JSON-object"]),
    ("municipality: Roosendaal", ["geen geldige JSON"]),
])
def test_invalid_json_is_exit_2(cli, tmp_path, text, words):
    code, out, err = cli("rules", "check", _write(tmp_path, text))
    assert code == 2 and out == ""
    for word in words:
        assert word in err, err


def test_unreadable_or_missing_file_is_exit_2(cli, tmp_path):
    code, _, err = cli("rules", "check", str(tmp_path / "weg.json"))
    assert code == 2 and "niet gevonden" in err
    binary = tmp_path / "plaatje.json"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    code, _, err = cli("rules", "check", str(binary))
    assert code == 2 and "UTF-8" in err


@pytest.mark.parametrize(("change", "expected"), [
    (_set(None, "municipality", "rOOSENDAAL"), "allowed"),
    (_set(None, "municipality", "  bergen op zoom "), "allowed"),
    (_set(None, "municipality", "WASSENAAR"), "allowed"),
    (_set("proposal", "kind", "LeerWerkTraject"), "allowed"),
    (_set("proposal", "provider", "LEERWERKBEDRIJF"), "allowed"),
    (_set("proposal", "vacancy_kind", "Leerwerkplek"), "allowed"),
    (_set("proposal", "action", "Start"), "allowed"),
    (_set("candidate", "doelgroep", "c"), "blocked"),
    (_set("proposal", "location", "INTERN"), "warning"),
])
def test_enumerations_and_municipality_match_case_insensitively(cli, scenario, tmp_path, change, expected):
    data = scenario()
    change(data)
    code, out, err = cli("rules", "check", _write(tmp_path, data))
    assert code == 0, err
    assert json.loads(out)["verdict"] == expected


def test_bom_is_accepted(cli, scenario, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(scenario()).encode())
    code, out, err = cli("rules", "check", str(path))
    assert code == 0 and json.loads(out)["verdict"] == "allowed", err


def test_doelgroep_and_categorie_may_both_be_null_and_are_never_cross_checked(cli, scenario, tmp_path):
    regulier = {"kind": "regulier", "provider": "werkgever", "vacancy_kind": "regulier", "end": None}
    for candidate in ({"doelgroep": None, "categorie": None}, {"doelgroep": "B", "categorie": "3B"},
                      {"doelgroep": "A", "categorie": "2B"}):
        code, out, err = cli("rules", "check", _write(tmp_path, scenario(candidate=candidate, proposal=regulier)))
        assert code == 0, err
        assert json.loads(out) == {"verdict": "allowed", "findings": []}, candidate


@pytest.mark.parametrize("provider", ["leerwerkbedrijf", "markt", "werkgever", None])
def test_rules_check_gives_no_70_percent_finding(cli, scenario, tmp_path, provider):
    # a region with no leerwerktraject through the leerwerkbedrijf at all still gets no share finding
    history = [{"kind": "leerwerktraject", "start": "2025-01-01", "end": "2025-03-31", "provider": "markt"}]
    data = scenario(history=history, proposal={"provider": provider})
    code, out, err = cli("rules", "check", _write(tmp_path, data))
    assert code == 0, err
    result = json.loads(out)
    assert result == {"verdict": "allowed", "findings": []}
    assert "70" not in out and "leerwerkbedrijf_aandeel" not in out


def test_the_installed_command_judges_without_a_database(tmp_path):
    """The real entry point, in its own process: verdict on stdout, exit 0, no database file appears."""
    import subprocess
    import sys
    from pathlib import Path

    scenario_file = Path(__file__).parent / "scenarios" / "leerwerktraject-verlengd-dag-te-lang.json"
    database = tmp_path / "nooit.db"
    done = subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(database), "rules", "check",
                           str(scenario_file)], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "blocked"
    assert not database.exists()
    bad = tmp_path / "kapot.json"
    bad.write_text("{", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(database), "rules", "check", str(bad)],
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 2 and "geen geldige JSON" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == "" and not database.exists()
