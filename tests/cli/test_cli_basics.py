import json
import subprocess
import sys

import pytest

from matchdesk.cli.main import main


def test_help_is_dutch(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "gebruik:" in out and "opdrachten" in out


def test_unknown_option_is_a_dutch_usage_error_with_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["stats", "--onzin"])
    assert exit_info.value.code == 2
    assert "onbekende argumenten" in capsys.readouterr().err


def test_global_options_accepted_after_the_command(tmp_path, capsys):
    db = tmp_path / "a.db"
    assert main(["demo", "--db", str(db), "--candidates", "20", "--employers", "5", "--vacancies", "10",
                 "--today", "2026-11-23"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["counts"]["candidates"] == 20


def test_missing_database_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "weg.db"), "stats"]) == 2
    err = capsys.readouterr().err
    assert "bestaat niet" in err and "Traceback" not in err
    assert not (tmp_path / "weg.db").exists()


def test_bad_today_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--today", "2026-02-30", "stats"])
    assert exit_info.value.code == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_python_dash_m_and_version():
    done = subprocess.run([sys.executable, "-m", "matchdesk", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("MatchDesk ")


def test_backup_copies_a_database(tmp_path, capsys):
    db = tmp_path / "a.db"
    main(["--db", str(db), "demo", "--candidates", "5", "--employers", "2", "--vacancies", "2"])
    assert main(["--db", str(db), "backup", str(tmp_path / "kopie.db")]) == 0
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "kopie.db"), "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["candidates"] == 5


def test_a_damaged_database_is_a_dutch_sentence_in_a_real_process(demo_db_path):
    """Issue 13 item 8: no read path ends in a traceback; the file is checked and the backup named."""
    size = demo_db_path.stat().st_size
    with demo_db_path.open("r+b") as handle:
        for page in range(size // 4096 // 3, size // 4096 // 3 + 60, 2):
            handle.seek(page * 4096)
            handle.write(bytes(range(256)) * 16)
    done = subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(demo_db_path), "rank", "--vacancy",
                           "V2026-00001"], capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("matchdesk: Het bestand demo.db is beschadigd"), done.stderr
