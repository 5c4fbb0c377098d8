"""The write commands' help and usage errors are Dutch, and --help opens no database (CONTRACTS.md)."""

from __future__ import annotations

import pytest

from matchdesk.cli.main import main

COMMANDS = (["propose"], ["place"], ["candidate", "set"], ["candidate", "archive"], ["candidate", "restore"],
            ["vacancy", "add"], ["trajectory", "start"])


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_is_dutch_and_opens_no_database(command, tmp_path, capsys):
    missing = tmp_path / "nergens.db"
    with pytest.raises(SystemExit) as done:
        main(["--db", str(missing), *command, "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and out.startswith(f"gebruik: matchdesk {' '.join(command)}")
    assert "opties:" in out and "usage" not in out and "--json" in out
    assert not missing.exists()


def test_usage_errors_are_dutch(capsys):
    with pytest.raises(SystemExit) as done:
        main(["place", "2000001", "V2026-00001", "--start", "1-12-2026", "--kind", "stage"])
    err = capsys.readouterr().err
    assert done.value.code == 2 and "matchdesk place: fout:" in err
    with pytest.raises(SystemExit) as done:
        main(["vacancy", "add", "--employer", "70000000", "--title", "X", "--id", "niet-een-id"])
    assert done.value.code == 2 and "'niet-een-id' is geen geldige id (UUID)" in capsys.readouterr().err
