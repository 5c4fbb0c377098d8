"""Owner-only files (issue 14): real commands with the user's folders pointed into tmp_path; nothing they make
(folders, exports, import reports, PDFs, the index cache, the crash log) may be readable by group or others.

The database files (``*.db``, WAL, backups) are checked in a test of their own (created 0600 by the
storage layer since encryption at rest)."""

import csv
import os
import stat
from pathlib import Path

import pytest

from matchdesk.cli.main import main

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
TODAY = "2026-03-02"


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "MATCHDESK_DB",
                 "MATCHDESK_NO_CACHE", "MATCHDESK_FILE_JOURNAL", "MATCHDESK_DRAFTS", "MATCHDESK_USER"):
        monkeypatch.delenv(name, raising=False)
    old = os.umask(0o022)  # the usual umask: MatchDesk must not rely on a strict one
    yield home
    os.umask(old)


def _run(*args: str) -> int:
    return main(["--today", TODAY, *args])


def _readable_by_others(root: Path, skip_databases: bool = True) -> list[str]:
    wide = []
    for path in [root, *root.rglob("*")]:
        if skip_databases and ".db" in path.name and path.is_file():
            continue
        if stat.S_IMODE(path.lstat().st_mode) & 0o077:
            wide.append(f"{oct(stat.S_IMODE(path.lstat().st_mode))} {path.relative_to(root.parent)}")
    return wide


def _first(path: Path, column: str) -> str:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        return next(csv.DictReader(handle, dialect=csv.Sniffer().sniff(sample, delimiters=",;")))[column]


def test_commands_leave_nothing_readable_by_group_or_others(home, capsys):
    out = home / "uit"
    out.mkdir(mode=0o700)
    assert _run("demo", "--candidates", "30", "--employers", "4", "--vacancies", "6") == 0
    assert _run("export", "candidates", str(out / "kandidaten.csv")) == 0
    assert _run("export", "vacancies", str(out / "vacatures.xlsx")) == 0
    assert _run("export", "vacancies", str(out / "vacatures.csv")) == 0
    klantnummer = _first(out / "kandidaten.csv", "klantnummer")
    reference = _first(out / "vacatures.csv", "referentie")
    assert _run("rank", "--vacancy", reference) == 0  # leaves the index copy in the cache folder
    assert _run("profile", klantnummer, "-o", str(out / "profiel.pdf")) == 0
    assert _run("profile", klantnummer, "--anonymous", "-o", str(out / "anoniem.pdf")) == 0
    assert _run("report") == 0
    assert _run("import", "candidates", str(out / "kandidaten.csv"), "--dry-run",
                "--report", str(out / "rapport.csv")) in (0, 1)
    (out / "inzage").mkdir(mode=0o700)  # a folder inzage makes itself: see its own test below
    assert _run("inzage", klantnummer, "-o", str(out / "inzage")) == 0
    assert _run("backup", str(out / "kopie.db")) == 0
    from matchdesk.ui.errors import write_crash_log

    try:
        raise RuntimeError("bsn 111222333")
    except RuntimeError as error:
        log = write_crash_log(type(error), error.__traceback__)
    capsys.readouterr()
    made = {p.name for p in home.rglob("*")}
    assert {"MatchDesk", "kandidaten.csv", "vacatures.xlsx", "profiel.pdf", "anoniem.pdf", "rapport.csv",
            log.name} <= made
    assert any(p.name.startswith("index-") for p in home.rglob("*")), "no index copy was made"
    assert _readable_by_others(home) == []


def test_existing_folders_with_wide_modes_are_narrowed(home):
    from matchdesk.cli.context import default_database_path

    data = default_database_path().parent
    data.mkdir(parents=True)
    data.chmod(0o755)
    assert _run("demo", "--candidates", "5", "--employers", "2", "--vacancies", "2") == 0
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_the_folder_inzage_makes_is_owner_only(home, capsys):
    assert _run("demo", "--candidates", "5", "--employers", "2", "--vacancies", "2") == 0
    klantnummer = capsys.readouterr() and _klantnummer(home)
    assert _run("inzage", klantnummer, "-o", str(home / "inzage")) == 0
    assert stat.S_IMODE((home / "inzage").stat().st_mode) == 0o700


def _klantnummer(home: Path) -> str:
    out = home / "k.csv"
    assert _run("export", "candidates", str(out)) == 0
    return _first(out, "klantnummer")


def test_database_files_are_owner_only(home, capsys):
    assert _run("demo", "--candidates", "5", "--employers", "2", "--vacancies", "2") == 0
    assert _run("backup", str(home / "kopie.db")) == 0
    capsys.readouterr()
    assert _readable_by_others(home, skip_databases=False) == []
