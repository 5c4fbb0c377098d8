"""The writer of CONTRACTS.md, the shipped templates and the README column tables."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from matchdesk.errors import UsageError
from matchdesk.transfer import RECORD_TYPES, record_type, write_rows
from matchdesk.transfer.templates import markdown_tables, template

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(autouse=True)
def _journal(tmp_path_factory, monkeypatch):
    """The journal of temporaries in progress (matchdesk.files) outside the user's data folder."""
    from matchdesk.files import JOURNAL_ENV

    monkeypatch.setenv(JOURNAL_ENV, str(tmp_path_factory.mktemp("journal")))
ROWS = [["=SOM(A1)", -5, 2.5, dt.date(2026, 2, 28), "@x", "+31 6", "regel\neen", None, True]]
HEADERS = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]


def test_csv_follows_the_contract(tmp_path):
    path = tmp_path / "uit.csv"
    assert write_rows(path, HEADERS, ROWS) == 1
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfa;b;c;d;e;f;g;h;i\r\n")
    assert data.decode("utf-8-sig").split("\r\n")[1:] == [
        "'=SOM(A1);-5;2,5;2026-02-28;'@x;'+31 6;\"regel\neen\";;ja", ""]


def test_xlsx_has_real_number_and_date_cells(tmp_path):
    path = tmp_path / "uit.xlsx"
    write_rows(path, HEADERS, ROWS, sheet_name="werklijst")
    sheet = openpyxl.load_workbook(path)["werklijst"]
    values = [c.value for c in sheet[2]]
    assert values[:4] == ["=SOM(A1)", -5, 2.5, dt.datetime(2026, 2, 28)]  # a string, never a formula
    assert sheet["A2"].data_type == "s" and sheet["D2"].is_date
    assert values[6:] == ["regel\neen", None, True]


def test_bad_extension_is_a_usage_error_and_nothing_is_left_behind(tmp_path):
    with pytest.raises(UsageError, match=r"\.csv, \.xlsx of \.ods"):
        write_rows(tmp_path / "uit.pdf", HEADERS, ROWS)

    def broken():
        yield ROWS[0]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_rows(tmp_path / "half.csv", HEADERS, broken())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_shipped_templates_hold_exactly_the_import_headers(name, suffix, tmp_path):
    from matchdesk.transfer.reading import open_table

    copy = tmp_path / f"t.{suffix}"
    copy.write_bytes(template(name, suffix).read_bytes())
    kind = record_type(name)
    assert open_table(copy, kind.sheet_names).headers == [c.header for c in kind.columns(dt.date.today())]


def test_readme_lists_every_column_of_every_record_type():
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- import-columns:begin")
    block = text[text.index("\n", start) + 1:text.index("<!-- import-columns:end -->")]
    assert block == markdown_tables(), "run: python -c 'from matchdesk.transfer.templates import markdown_tables'"


def test_transfer_imports_no_qt():
    code = ("import sys; sys.modules['PySide6'] = None; import matchdesk.transfer, matchdesk.cli.import_cmd, "
            "matchdesk.cli.export_cmd; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
