"""At the moment an export is renamed into place its audit entry is already committed: a kill at the rename
can leave an entry without a file (the safe side), never a file with personal data and no entry
(benchmarks/kill_test.py found 8 of 8 kills at the rename leaving one when the commit came after it)."""

from __future__ import annotations

import os

import pytest

import matchdesk.files
from tests.conftest import raw_connect

COUNT = "select count(*) from audit_log where action = 'geëxporteerd'"


def _committed_exports(target) -> int:
    """Counted on another connection: it sees only what is committed."""
    if "://" not in str(target):
        with raw_connect(target) as connection:
            return connection.execute(COUNT).fetchone()[0]
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    engine = create_engine(str(target), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql(COUNT).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture
def seen_at_rename(monkeypatch, demo_target):
    seen: list[int] = []
    real = os.replace

    def replace(source, target):
        if str(target).endswith((".csv", ".xlsx")):
            seen.append(_committed_exports(demo_target))
        return real(source, target)

    monkeypatch.setattr(matchdesk.files.os, "replace", replace)
    return seen


def test_a_record_export_is_audited_before_it_is_in_place(seen_at_rename, demo_target, tmp_path):
    from matchdesk.cli.main import main

    assert main(["--db", str(demo_target), "export", "candidates", str(tmp_path / "k.csv")]) == 0
    assert seen_at_rename == [1]


def test_a_list_export_is_audited_before_it_is_in_place(seen_at_rename, demo_target, tmp_path, today):
    from matchdesk.app import App
    from matchdesk.services.exports import export_rows
    from matchdesk.storage.database import Database

    with App(Database.open(demo_target), user="anouk", today=today) as app:
        export_rows(app, tmp_path / "lijst.csv", ["a"], [["x"]], record_type="kandidaten")
    assert seen_at_rename == [1]
