"""Issue 13 item 7: the rulebook and scenario readers refuse FIFOs, devices and files over the size limit,
bound nesting and numbers, and never hang or raise a traceback: `rules validate` reports `file:line: reason`
in Dutch (exit 2), `rules check` exits 2 with a Dutch message, `--rules DIR` keeps working for the rest.

What could hang (a FIFO, /dev/zero, quadratic parsing) runs in a child process with a timeout, so a hang
fails the test instead of blocking the suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from matchdesk.resources import resource
from matchdesk.rules.rulebook import load_rulebooks, validate_rulebook_file
from matchdesk.rules.rulebook_file import parse_rulebook
from matchdesk.rules.safe_input import MAX_BYTES, nesting_problem

WVS = resource("rules", "wvs.toml").read_text(encoding="utf-8")
TIMEOUT = 30
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFO's en /dev/zero alleen op POSIX")


def run_cli(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHDESK_")}
    try:
        return subprocess.run([sys.executable, "-m", "matchdesk", *argv], capture_output=True, text=True, env=env,
                              timeout=TIMEOUT, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"matchdesk {' '.join(argv)} hing langer dan {TIMEOUT} s")


def _fifo(path):
    os.mkfifo(path)
    return path


def _zero(path):
    path.symlink_to("/dev/zero")
    return path


def _big(path):
    path.write_bytes(b"# " + b"x" * (10 * 1024 * 1024) + b"\n")
    return path


def _deep_table(path):  # tomllib takes quadratic time on the dotted parts of one header
    path.write_text("[" + ".".join(["a"] * 100_000) + "]\nx = 1\n", encoding="utf-8")
    return path


def _spaced_header(path):  # a header of spaces made the line-number regex backtrack for minutes
    path.write_text("[" + " " * 20_000 + "x\n", encoding="utf-8")
    return path


HANGS_OR_EXHAUSTS = [
    pytest.param(_fifo, "pijp (FIFO)", marks=posix_only, id="fifo"),
    pytest.param(_zero, "apparaat", marks=posix_only, id="symlink-to-dev-zero"),
    pytest.param(_big, "te groot", id="10-MB"),
    pytest.param(_deep_table, "te veel delen in een sleutel", id="100000-dotted-parts"),
    pytest.param(_spaced_header, "geen geldige TOML", id="header-of-spaces"),
]


@pytest.mark.parametrize("make, reason", HANGS_OR_EXHAUSTS)
def test_validate_refuses_without_hanging(tmp_path, make, reason):
    path = make(tmp_path / "regels.toml")
    done = run_cli("rules", "validate", str(path))
    assert done.returncode == 2, done.stderr
    assert f"{path}" in done.stderr and reason in done.stderr
    assert "Traceback" not in done.stderr


@posix_only
def test_rules_dir_with_a_fifo_and_a_device_keeps_the_other_books(tmp_path):
    folder = tmp_path / "regels"
    folder.mkdir()
    _fifo(folder / "wvs.toml")
    _zero(folder / "wassenaar.toml")
    done = run_cli("--rules", str(folder), "rules", "show", "Roosendaal", "--date", "2026-01-01")
    assert done.returncode == 0 and "leerwerktraject_max_duur [geldt]" in done.stdout, done.stderr
    assert "wvs.toml: is een pijp (FIFO), geen gewoon bestand" in done.stderr
    assert "wassenaar.toml: is een apparaat, geen gewoon bestand" in done.stderr
    assert "Traceback" not in done.stderr
    books = load_rulebooks(folder)
    assert {e.message for e in books.errors} == {"is een pijp (FIFO), geen gewoon bestand",
                                                 "is een apparaat, geen gewoon bestand"}


@pytest.mark.parametrize("make, reason", HANGS_OR_EXHAUSTS[:3])
def test_check_refuses_a_scenario_that_is_no_regular_file(tmp_path, make, reason):
    path = make(tmp_path / "scenario.json")
    done = run_cli("rules", "check", str(path))
    assert done.returncode == 2 and reason in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_check_reads_at_most_the_limit_from_standard_input():
    done = run_cli("rules", "check", "-", stdin=" " * (MAX_BYTES + 10))
    assert done.returncode == 2 and "invoer is te groot" in done.stderr and "Traceback" not in done.stderr


# -- nesting and numbers (these gave tracebacks; no hang, so in-process) ---------------------------------
def _rule_value(key: str, value: str) -> str:
    return WVS.replace("months = 6", f"{key} = {value}", 1)


@pytest.mark.parametrize("text, line, words", [
    ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", 1, "te diep genest"),
    ("a = " + "{b = " * 5_000 + "1" + "}" * 5_000 + "\n", 1, "te diep genest"),
    ("x = 1\ny = [\n" + "[" * 40 + "\n", 3, "te diep genest"),
    (_rule_value("months", "99999999999999"), 33, "hoogstens 1200"),
    (_rule_value("months", "9" * 5000), None, "getal is te lang"),
    (_rule_value("months", "1201"), 33, "1201 maanden is onmogelijk"),
    (WVS.replace("valid_from = 2015-01-01", "valid_from = 9999-12-31", 1), 12, "ligt buiten"),
    (WVS.replace('valid_from = 2015-01-01\nenabled = true\nmax_gap_days = 31',
                 'valid_from = 2015-01-01\nvalid_until = 9999-12-31\nenabled = true\nmax_gap_days = 31', 1),
     None, "9999-12-31 ligt buiten"),
    (WVS.replace("max_gap_days = 31", "max_gap_days = 123456789", 1), None, "hoogstens 36600"),
    ("rule = [1, 2]\n[rulebook]\nid = 'x'\n", None, "[[rule]]-tabellen"),
])
def test_nesting_and_numbers_are_errors_with_file_and_line(text, line, words):
    book, errors = parse_rulebook(text, "regels.toml")
    assert book is None
    assert any(words in e.message for e in errors), errors
    if line is not None:
        assert any(e.line == line and words in e.message for e in errors), errors
    assert all(str(e).startswith("regels.toml") for e in errors)


def test_validate_of_a_deeply_nested_file_names_file_and_line(tmp_path):
    path = tmp_path / "diep.toml"
    path.write_text("# diep\n" + "a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    [error] = validate_rulebook_file(path)
    assert str(error) == f"{path}:2: te diep genest (meer dan 32 niveaus lijsten of tabellen)"


def test_strings_and_comments_do_not_count_as_nesting():
    text = ('a = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n'
            "b = '''\n" + "[" * 100 + "\n'''\n" + 'c = """\\"""' + "[" * 50 + '"""\n'
            + "d = 'a.b.c." + "." * 80 + "'\n")
    assert nesting_problem(text, toml=True) is None
    assert nesting_problem('{"a": "' + "[" * 100 + '"}', toml=False) is None
    assert nesting_problem("[" * 33, toml=False).line == 1


def test_the_shipped_rulebooks_still_load():
    books = load_rulebooks()
    assert books.errors == [] and {b.id for b in books.files} == {"wvs", "wassenaar"}


@pytest.fixture
def base_scenario():
    from tests.rules.conftest import BASE_SCENARIO

    return json.loads(json.dumps(BASE_SCENARIO))


def _write(tmp_path, text):
    path = tmp_path / "scenario.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(date="9999-12-31"), "date: datum 9999-12-31 ligt buiten"),
    (lambda d: d["proposal"].update(end="9999-12-31"), "proposal.end: datum 9999-12-31 ligt buiten"),
    (lambda d: d["proposal"].update(start="0001-01-01", end="0001-06-30"), "proposal.start: datum 0001-01-01"),
    (lambda d: d["candidate"].update(birth_date="9999-12-31"), "candidate.birth_date"),
    (lambda d: d.update(history=[{"kind": "detachering", "start": "2025-01-01", "end": "9999-12-31",
                                  "provider": None}]), "history[0].end"),
])
def test_check_refuses_dates_out_of_range(cli, tmp_path, base_scenario, change, words):
    change(base_scenario)
    code, out, err = cli("rules", "check", _write(tmp_path, json.dumps(base_scenario)))
    assert code == 2 and words in err and out == "", err


@pytest.mark.parametrize("text, words", [
    ("[" * 100_000 + "]" * 100_000, "te diep genest"),
    ('{"date": ' + "[" * 40 + "]" * 40 + "}", "te diep genest"),
    ('{"date": ' + "1" * 5000 + "}", "getal is te lang"),
    ('{"date": 1e999999}', "date: moet een datum"),
])
def test_check_refuses_deep_json_and_huge_numbers(cli, tmp_path, base_scenario, text, words):
    if text.startswith('{"date"'):  # the rest of a valid scenario around it
        text = json.dumps(base_scenario).replace('"date": "2026-01-01"', text[1:-1])
    code, out, err = cli("rules", "check", _write(tmp_path, text))
    assert code == 2 and words in err and out == "", err
