"""Every file MatchDesk writes for people is there whole or not at all (issue 13, item 3).

Real processes: an export of a 3,000-candidate demo killed with SIGKILL at several moments leaves the
previous file byte for byte and, after the next start, no partial file with BSNs anywhere in the folder.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from matchdesk import files
from matchdesk.files import AtomicFile, remove_stray_temporaries
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate
from matchdesk.transfer import write_rows
from tests.conftest import TODAY

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes and SIGKILL")
HEADERS = ["klantnummer", "bsn"]


@pytest.fixture(autouse=True)
def journal(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "journal"
    monkeypatch.setenv(files.JOURNAL_ENV, str(folder))
    return folder


def _strays(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".matchdesk-tmp"))


@POSIX
def test_a_file_and_its_temporary_are_0600_before_any_data_and_the_journal_lists_it(tmp_path, journal):
    seen = []

    def rows():
        (temporary,) = [p for p in tmp_path.iterdir() if p.name.endswith(".matchdesk-tmp")]
        seen.append((temporary.stat().st_mode & 0o777, temporary.stat().st_size, len(list(journal.glob("*.json")))))
        yield ["1000001", "123456782"]

    write_rows(tmp_path / "uit.csv", HEADERS, rows())
    assert seen == [(0o600, 0, 1)]
    assert (tmp_path / "uit.csv").stat().st_mode & 0o777 == 0o600
    assert list(journal.iterdir()) == [] and _strays(tmp_path) == []


@POSIX
def test_a_file_without_personal_data_gets_the_usual_mode(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    write_rows(tmp_path / "sjabloon.csv", HEADERS, [], private=False)
    assert (tmp_path / "sjabloon.csv").stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_failed_write_leaves_the_previous_file_untouched_and_nothing_else(tmp_path, journal, suffix):
    target = tmp_path / f"uit.{suffix}"
    write_rows(target, HEADERS, [["1000001", "123456782"]])
    before = target.read_bytes()

    def broken():
        yield ["1000002", "111222333"]
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_rows(target, HEADERS, broken())
    with pytest.raises(RuntimeError):  # the audit entry cannot be written: the file is not put in place
        write_rows(target, HEADERS, [["1000003", "999999990"]],
                   before_publish=lambda _n: (_ for _ in ()).throw(RuntimeError("audit")))
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal", target.name]
    assert list(journal.iterdir()) == []


def test_a_pdf_is_written_through_the_same_door(tmp_path):
    from matchdesk.profiles import write_pdf

    target = write_pdf(b"%PDF-1.4 profiel", tmp_path / "profiel.pdf")
    assert target.read_bytes() == b"%PDF-1.4 profiel" and _strays(tmp_path) == []
    if sys.platform != "win32":
        assert target.stat().st_mode & 0o777 == 0o600


WRITER = textwrap.dedent("""
    import sys, time
    from matchdesk.files import AtomicFile
    with AtomicFile(sys.argv[1]) as out:
        out.file.write(b"klantnummer;bsn\\r\\n1000001;123456782\\r\\n")
        out.file.flush()
        print("bezig", flush=True)
        time.sleep(60)
""")


def _writer(target: Path) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True,
                             env=os.environ.copy())
    assert child.stdout is not None and child.stdout.readline().strip() == "bezig"
    return child


@POSIX
def test_only_the_temporaries_of_dead_writers_are_removed(tmp_path, journal):
    alive, killed = _writer(tmp_path / "levend.csv"), _writer(tmp_path / "gedood.csv")
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(10)
        assert len(_strays(tmp_path)) == 2
        assert remove_stray_temporaries() == 1
        (left,) = _strays(tmp_path)
        assert left.startswith(".levend.csv.")  # the live writer's file and journal entry stay
        assert len(list(journal.glob("*.json"))) == 1
    finally:
        alive.kill()
        alive.wait(10)
    assert remove_stray_temporaries() == 1
    assert _strays(tmp_path) == [] and list(journal.iterdir()) == []


def test_the_reaper_never_removes_a_file_the_journal_did_not_make(tmp_path, journal):
    journal.mkdir()
    precious = tmp_path / "rapport.csv"
    precious.write_text("van een collega")
    (journal / "vreemd.json").write_text(json.dumps({"tijdelijk": str(precious)}))
    (journal / "kapot.json").write_text("{")
    assert remove_stray_temporaries() == 0
    assert precious.read_text() == "van een collega" and list(journal.iterdir()) == []


def test_without_a_usable_journal_folder_the_write_still_happens(tmp_path, monkeypatch):
    blocker = tmp_path / "geen-map"
    blocker.write_text("")
    monkeypatch.setenv(files.JOURNAL_ENV, str(blocker / "journal"))
    with AtomicFile(tmp_path / "uit.pdf") as out:
        out.file.write(b"%PDF")
    assert (tmp_path / "uit.pdf").read_bytes() == b"%PDF"


# -- kill -9 during a real export ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("groot") / "groot.db"
    subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(path), "--today", TODAY.isoformat(), "demo",
                    "--candidates", "3000", "--employers", "20", "--vacancies", "40"], check=True,
                   capture_output=True, env=os.environ | {"MATCHDESK_NO_CACHE": "1"})
    return path


def _export(db: Path, target: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "matchdesk", "--db", str(db), "--today", TODAY.isoformat(),
                             "export", "candidates", str(target)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _wait_for(condition, child: subprocess.Popen, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        if condition():
            return True
        time.sleep(0.002)
    return False


@POSIX
def test_an_export_killed_at_any_moment_leaves_the_previous_file_and_no_partial_file(big_demo, tmp_path, journal):
    db = Database.open(big_demo)
    try:
        with db.reading() as session:
            bsns = session.scalars(select(Candidate.bsn).where(Candidate.bsn.is_not(None))).all()
    finally:
        db.dispose()
    assert len(bsns) > 1000
    env = os.environ | {"MATCHDESK_NO_CACHE": "1", files.JOURNAL_ENV: str(journal)}
    target = tmp_path / "big.csv"
    assert subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(big_demo), "--today", TODAY.isoformat(),
                           "export", "candidates", str(target)], env=env, capture_output=True).returncode == 0
    previous = target.read_bytes()
    assert previous.count(b"\r\n") == 3001

    def temporary(min_size: int = 0):
        return lambda: any(p.name.endswith(".matchdesk-tmp") and p.stat().st_size >= min_size
                           for p in tmp_path.iterdir())

    moments = {"bij de start": lambda: True, "tijdelijk bestand gemaakt": temporary(),
               "halverwege": temporary(600_000), "bijna klaar": temporary(1_500_000)}
    killed_mid_write = 0
    for name, moment in moments.items():
        child = _export(big_demo, target, env)
        reached = _wait_for(moment, child)
        killed_mid_write += reached and name != "bij de start"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        assert target.read_bytes() == previous, name  # the old file, or the new one complete (same rows)
    assert killed_mid_write >= 2  # the kills did land during the write
    left = [p.read_bytes() for p in tmp_path.iterdir() if p.name.endswith(".matchdesk-tmp")]
    assert any(bsn.encode() in data for data in left for bsn in bsns[:200])  # what a kill leaves behind

    # the next start: MatchDesk removes what the killed exports left
    assert subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(big_demo), "--today", TODAY.isoformat(),
                           "export", "candidates", str(tmp_path / "weer.csv")], env=env,
                          capture_output=True).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv", "journal", "weer.csv"]
    assert list(journal.iterdir()) == []
