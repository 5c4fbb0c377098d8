"""Helpers for the import/export tests: generated test BSNs and messy files written in the tests."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

import openpyxl

TODAY = dt.date(2026, 11, 23)


def generated_bsns(count: int, seed: int = 7) -> list[str]:
    """Generated nine-digit numbers that pass the elfproef: test data, never a real person's BSN."""
    rng, found = random.Random(seed), []
    while len(found) < count:
        digits = [rng.randint(0, 9) for _ in range(8)]
        last = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if last < 10:
            bsn = "".join(map(str, digits)) + str(last)
            if bsn not in found and bsn != "000000000":
                found.append(bsn)
    return found


def failing_bsn(valid: str) -> str:
    """The same digits with the last one changed: fails the elfproef."""
    return valid[:8] + str((int(valid[8]) + 1) % 10)


def write_text(path: Path, rows: list[list[str]], *, encoding: str = "utf-8", separator: str = ";",
               newline: str = "\r\n", bom: bool = False) -> Path:
    """A delimited text file as other programs write it (quotes only where needed)."""
    def cell(value: str) -> str:
        value = "" if value is None else str(value)
        if any(ch in value for ch in (separator, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    text = newline.join(separator.join(cell(v) for v in row) for row in rows) + newline
    data = text.encode(encoding)
    if bom and encoding == "utf-8":
        data = codecs.BOM_UTF8 + data
    path.write_bytes(data)
    return path


def read_report(path: Path) -> list[list[str]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def xlsx_with_formula_and_date(path):
    """An Excel-like workbook: a formula with its cached value and a date-formatted cell.

    openpyxl writes formulas without a cached value (Excel computes it on opening), so the cached value
    is put into the sheet XML afterwards, as Excel itself stores it."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Overzicht"
    workbook.active.append(["samenvatting"])
    sheet = workbook.create_sheet("Kandidaten")
    sheet.append(["Klantnummer", "Achternaam", "Geboortedatum", "uren_per_week"])
    sheet.append([1001, "Jansen", dt.date(1990, 5, 17), "=16+8"])
    sheet["C2"].number_format = "DD-MM-YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                text = data.decode()
                text, count = re.subn(r"<f>16\+8</f><v\s*/>|<f>16\+8</f><v></v>|<f>16\+8</f>",
                                      "<f>16+8</f><v>24</v>", text)
                assert count == 1
                data = text.encode()
            target.writestr(item, data)
    return path
