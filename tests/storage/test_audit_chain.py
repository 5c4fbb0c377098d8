"""Issue 14 item 4: the audit log is append-only (triggers) and hash-chained; only a transaction that called
``allow_audit_rewrite`` may change it, and the chain is computed again before it commits."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import delete, func, select, update

from matchdesk.errors import StorageUnavailable
from matchdesk.storage.audit import allow_audit_rewrite, log_event
from matchdesk.storage.audit_chain import chain_rows, check_chain
from matchdesk.storage.database import Database
from matchdesk.storage.models import AuditEntry, audit_permission
from tests.conftest import candidate_values, raw_connect


def _state(db: Database):
    with db.reading() as session:
        return check_chain(chain_rows(session.connection()))


def test_every_writer_chains_its_entries_in_order(db, make_candidate, today):
    from matchdesk.services.candidates import insert_candidates, prepare_candidate  # the batch path (demo, import)

    make_candidate(klantnummer="1000001")
    with db.unit("anouk") as session:
        log_event(session, "bekeken", "kandidaat", None)
        log_event(session, "afgedrukt", "kandidaat", None)
    with db.unit("anouk") as session:
        insert_candidates(session, [prepare_candidate(candidate_values(klantnummer=f"20000{i:02d}"), today,
                                                      profile_number=f"P-{i}") for i in range(3)])
        log_event(session, "bekeken", "kandidaat", None)  # after the batch, in the same transaction
    state = _state(db)
    assert state.broken is None and state.unchained == 0 and state.first_seq == 1
    with db.reading() as session:
        rows = session.execute(select(AuditEntry.seq, AuditEntry.prev_hash, AuditEntry.entry_hash)
                               .order_by(AuditEntry.seq)).all()
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1)) and len(rows) == state.checked == 7
    assert rows[0].prev_hash is None
    assert all(later.prev_hash == earlier.entry_hash for earlier, later in zip(rows, rows[1:], strict=False))


def test_the_log_refuses_update_and_delete(store):
    db = Database.open(store)
    try:
        with db.unit("anouk") as session:
            log_event(session, "bekeken", "kandidaat", None)
        for statement in (update(AuditEntry).values(detail="x"), delete(AuditEntry)):
            with pytest.raises(StorageUnavailable):
                with db.unit("mallory") as session:
                    session.execute(statement)
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1
            assert session.scalar(select(AuditEntry.detail)) is None
    finally:
        db.dispose()


def test_the_rewrite_permission_is_for_one_transaction_and_the_chain_is_computed_again(store):
    db = Database.open(store)
    try:
        with db.unit("anouk") as session:
            for n in range(5):
                log_event(session, "bekeken", "kandidaat", None, detail=f"n{n}")
        with db.unit("avg") as session:  # as the erasure and retention use cases do
            allow_audit_rewrite(session)
            session.execute(delete(AuditEntry).where(AuditEntry.detail == "n1"))
            session.execute(update(AuditEntry).where(AuditEntry.detail == "n3").values(detail=None))
        state = _state(db)
        assert state.broken is None and state.checked == 4
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(audit_permission)) == 0
        with pytest.raises(StorageUnavailable):  # the next one is refused again
            with db.unit("mallory") as session:
                session.execute(delete(AuditEntry))
    finally:
        db.dispose()


def test_a_rolled_back_rewrite_leaves_nothing_behind(db):
    with db.unit("anouk") as session:
        log_event(session, "bekeken", "kandidaat", None)
    with pytest.raises(RuntimeError):
        with db.unit("avg") as session:
            allow_audit_rewrite(session)
            session.execute(delete(AuditEntry))
            raise RuntimeError("halverwege")
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1
        assert session.scalar(select(func.count()).select_from(audit_permission)) == 0


def _tamper(path, *statements: str) -> None:
    """What someone with the file but without MatchDesk does: drop the triggers, then change the log."""
    connection = raw_connect(path)
    connection.execute("drop trigger audit_log_no_update")
    connection.execute("drop trigger audit_log_no_delete")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


@pytest.fixture
def logged(db, db_path):
    with db.unit("anouk") as session:
        for n in range(6):
            log_event(session, "bekeken", "kandidaat", None, detail=f"n{n}")
    with db.reading() as session:
        seqs = dict(session.execute(select(AuditEntry.detail, AuditEntry.seq)).all())
    return seqs


def test_an_edited_entry_breaks_the_chain_there(db, db_path, logged):
    _tamper(db_path, "update audit_log set medewerker = 'iemand anders' where detail = 'n2'")
    broken = _state(db).broken
    assert broken is not None and broken.kind == "gewijzigd" and broken.seq == logged["n2"]


def test_a_deleted_entry_is_found_at_the_entry_after_it(db, db_path, logged):
    _tamper(db_path, "delete from audit_log where detail = 'n3'")
    broken = _state(db).broken
    assert broken is not None and broken.kind == "verwijderd" and broken.seq == logged["n4"]


def test_an_entry_slipped_in_is_found(db, db_path, logged):
    _tamper(db_path, "insert into audit_log (id, at, medewerker, action, record_type, created_at, updated_at, "
                     "updated_by, version) values ('00000000000040008000000000000001', '2026-01-01 00:00:00.000000', "
                     "'x', 'bekeken', 'kandidaat', '2026-01-01', '2026-01-01', 'x', 1)")
    broken = _state(db).broken
    assert broken is not None and broken.kind == "ingevoegd"


def test_entries_from_before_the_chain_are_its_start(db, db_path):
    connection = raw_connect(db_path)  # an older database's entries: no hash, no place
    connection.execute("insert into audit_log (id, at, medewerker, action, record_type, created_at, updated_at, "
                       "updated_by, version) values ('00000000000040008000000000000002', '2025-01-01 00:00:00.000000', "
                       "'x', 'bekeken', 'kandidaat', '2025-01-01', '2025-01-01', 'x', 1)")
    connection.commit()
    connection.close()
    with db.unit("anouk") as session:
        log_event(session, "bekeken", "kandidaat", None)
    state = _state(db)
    assert state.broken is None and state.unchained == 1 and state.checked == 1 and state.first_seq == 1


WRITER = textwrap.dedent("""
    import sys
    from matchdesk.storage.audit import log_event
    from matchdesk.storage.database import Database
    db = Database.open(sys.argv[1])
    for n in range(40):
        db.run(sys.argv[2], lambda session: log_event(session, "bekeken", "kandidaat", None, detail=str(n)))
    db.dispose()
""")


def test_two_processes_writing_at_once_make_one_chain(store):
    Database.open(store).dispose()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, store, name]) for name in ("anouk", "bram")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    db = Database.open(store)
    try:
        state = _state(db)
        assert state.broken is None and state.checked == 80
    finally:
        db.dispose()
