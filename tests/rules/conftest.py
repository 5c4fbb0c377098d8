"""Fixtures for the rules engine: shipped rulebooks, scenario builders, a CLI runner, test rulebooks."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from matchdesk.resources import resource
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.rules.scenario import check_scenario

BASE_SCENARIO = {
    "municipality": "Roosendaal",
    "date": "2026-01-01",
    "candidate": {"doelgroep": "B", "categorie": "1C", "birth_date": "1990-05-01", "banenafspraak": False,
                  "beschut_indicatie": False, "ontheffing_until": None},
    "history": [],
    "proposal": {"action": "start", "kind": "leerwerktraject", "start": "2026-01-01", "end": "2026-06-30",
                 "provider": "leerwerkbedrijf", "vacancy_kind": "leerwerkplek", "motivation": None},
}


@pytest.fixture(scope="session")
def shipped_rulebooks():
    books = load_rulebooks()
    assert books.errors == []
    return books


@pytest.fixture
def scenario():
    """scenario(candidate={...}, proposal={...}, history=[...], **top): the base scenario with changes."""
    def build(candidate=None, proposal=None, history=None, **top) -> dict:
        data = copy.deepcopy(BASE_SCENARIO)
        data["candidate"].update(candidate or {})
        data["proposal"].update(proposal or {})
        if history is not None:
            data["history"] = [{"provider": "leerwerkbedrijf", **h} for h in history]
        data.update(top)
        return data
    return build


@pytest.fixture
def judge(shipped_rulebooks):
    """judge(scenario_dict, rulebooks=None) -> Verdict."""
    def run(data: dict, rulebooks=None):
        return check_scenario(json.dumps(data), rulebooks or shipped_rulebooks)
    return run


@pytest.fixture
def rule_ids():
    def ids(verdict, severity=None) -> set[str]:
        return {f.rule for f in verdict.findings if severity is None or f.severity == severity}
    return ids


@pytest.fixture
def cli(capsys, monkeypatch):
    """cli(*argv) -> (exit code, stdout, stderr) through matchdesk.cli.main.main.

    Only the rules commands are registered, so a half-finished command of another issue cannot
    break these tests; no database may be opened.
    """
    import matchdesk.cli.main as cli_main
    from matchdesk.cli.context import Context

    monkeypatch.setattr(cli_main, "COMMAND_MODULES", ["matchdesk.cli.rules_cmd"])
    for name in ("MATCHDESK_RULES", "MATCHDESK_DB", "MATCHDESK_TODAY", "MATCHDESK_USER"):
        monkeypatch.delenv(name, raising=False)

    def no_database(self, create=False):
        raise AssertionError("rules commands must not open a database")

    monkeypatch.setattr(Context, "database", no_database)

    def run(*argv: str):
        capsys.readouterr()
        try:
            code = cli_main.main(list(argv))
        except SystemExit as exit_:  # argparse usage errors and --help
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err
    return run


WVS_TEXT = resource("rules", "wvs.toml").read_text(encoding="utf-8")


@pytest.fixture
def rules_dir(tmp_path):
    """write(name, text) puts a rulebook in a --rules directory; returns the directory."""
    folder = tmp_path / "regels"
    folder.mkdir()

    def write(name: str, text: str) -> Path:
        (folder / name).write_text(text, encoding="utf-8")
        return folder
    write.path = folder
    write.wvs_text = WVS_TEXT
    return write
