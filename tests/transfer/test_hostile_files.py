"""Hostile files (tests/transfer/hostile_corpus.py, generated here): each is refused through `matchdesk import`
with a Dutch message naming the limit or the damage, exit code 2, no traceback, nothing stored; the whole
corpus read in one process stays under 500 MB (ru_maxrss; benchmarks/hostile_files.py has the figures)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hostile_corpus import build
from sqlalchemy import func, select

from matchdesk.cli.main import main
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build(tmp_path_factory.mktemp("vijandig"), big=True)


def test_the_corpus_covers_the_kinds_the_issue_names(corpus):
    names = {name for name, _, _ in corpus}
    assert {"malformed-xml", "billion-laughs", "damaged-member", "ref-ZZZZZZ2", "ref-ZZZZZZZZ2", "date-cell-1e20",
            "ref-lower-case", "huge-shared-string", "zip-bomb-declared", "deep-nesting", "ods-billion-laughs",
            "ods-malformed-xml", "ods-zip-bomb", "ods-deep-nesting", "ods-damaged-member", "ods-repeated-rows"} <= names
    assert len(corpus) >= 40


def test_every_hostile_file_exits_2_with_a_dutch_message_and_stores_nothing(corpus, db_target, tmp_path, capsys):
    failures = []
    for name, path, words in corpus:
        report = tmp_path / f"{name}-rapport.csv"
        code = main(["--db", str(db_target), "--today", "2026-11-23", "--user", "anouk", "import", "candidates",
                     str(path), "--report", str(report)])
        err = capsys.readouterr().err
        if code != 2 or words.lower() not in err.lower() or "Traceback" in err or "Error" in err:
            failures.append((name, code, err[-300:]))
        elif os.name == "posix" and (report.stat().st_mode & 0o777) != 0o600:
            failures.append((name, "report mode", oct(report.stat().st_mode)))
    assert failures == []
    db = Database.open(db_target)
    try:
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(Candidate)) == 0
    finally:
        db.dispose()


def test_a_file_that_breaks_a_limit_after_good_rows_stores_none_of_them(tmp_path, db_target, capsys):
    """Five good rows, then a cell beyond the limits (row 9): refused as a whole before the first batch."""
    from hostile_corpus import good_rows, write_zip, xlsx_parts

    path = write_zip(tmp_path / "laat.xlsx", xlsx_parts(good_rows(5) + '<row r="9"><c r="C9" s="1"><v>1e20</v></c>'
                                                                      "</row>"))
    code = main(["--db", str(db_target), "--today", "2026-11-23", "import", "candidates", str(path)])
    assert code == 2 and "datumcel" in capsys.readouterr().err
    clean = write_zip(tmp_path / "goed.xlsx", xlsx_parts(good_rows(5)))
    assert main(["--db", str(db_target), "--today", "2026-11-23", "import", "candidates", str(clean)]) == 0
    db = Database.open(db_target)
    try:
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(Candidate)) == 5  # only the clean file's rows
    finally:
        db.dispose()


def test_the_whole_corpus_stays_under_500_mb_of_memory(corpus, tmp_path):
    script = textwrap.dedent(f"""
        import resource, sys
        from pathlib import Path
        from matchdesk.transfer.reading import UnreadableFile, open_table
        for line in Path({str(tmp_path / 'files.txt')!r}).read_text().splitlines():
            try:
                list(open_table(line, ("kandidaten",)).rows)
            except UnreadableFile:
                pass
        # VmHWM: this process image's own peak (ru_maxrss survives exec and would report the forking pytest's)
        status = Path("/proc/self/status")
        peaks = [line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmHWM:")] \
            if status.exists() else []
        print(int(peaks[0]) // 1024 if peaks else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
        """)
    (tmp_path / "files.txt").write_text("\n".join(str(path) for _, path, _ in corpus))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600,
                          check=True)
    peak_mb = int(done.stdout.strip())
    assert peak_mb < 500, peak_mb
