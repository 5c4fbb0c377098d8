"""Editor drafts as use cases: kept in the database per medewerker, replaced, discarded, expired; no file."""

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from matchdesk.services import drafts
from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import AuditEntry, Draft

BSN = "111222333"


@pytest.fixture
def app(db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    return App(db=db, user="tester", today=today, rulebooks=load_rulebooks())


def _count(db, model) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_draft_is_saved_replaced_loaded_and_discarded(app, db, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    audit_before = _count(db, AuditEntry)
    drafts.save_draft(app, "kandidaat", "K1", {"form": {"bsn": BSN, "achternaam": "Eerst"}})
    drafts.save_draft(app, "kandidaat", "K1", {"form": {"bsn": BSN, "achternaam": "Daarna"}, "skills": ["heftruck"]})
    found = drafts.load_draft(app, "kandidaat", "K1")
    assert found is not None and found.values == {"form": {"bsn": BSN, "achternaam": "Daarna"}, "skills": ["heftruck"]}
    assert abs(found.saved_at - dt.datetime.now()) < dt.timedelta(minutes=1)  # local time, as the question shows
    assert _count(db, Draft) == 1
    assert _count(db, AuditEntry) == audit_before  # a draft is no record: nothing in the audit log
    assert drafts.load_draft(app, "werkgever", "K1") is None and drafts.load_draft(app, "kandidaat", "K2") is None
    drafts.discard_draft(app, "kandidaat", "K1")
    drafts.discard_draft(app, "kandidaat", "K1")  # nothing there: no error
    assert drafts.load_draft(app, "kandidaat", "K1") is None and _count(db, Draft) == 0
    others = [p for p in tmp_path.rglob("*") if p.is_file() and ".db" not in p.name]
    assert not any(BSN.encode() in p.read_bytes() for p in others)  # no draft file anywhere
    with db.engine.connect() as connection:  # secure_delete: once the WAL is folded in, the value is gone
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert BSN.encode() not in db.sqlite_path.read_bytes()


def test_drafts_are_per_medewerker_and_new_records_have_one_each(app, db):
    from matchdesk.app import App

    colleague = App(db=db, user="collega", today=app.today, rulebooks=app.rulebooks)
    drafts.save_draft(app, "vacature", None, {"form": {"title": "mijn"}})
    drafts.save_draft(colleague, "vacature", None, {"form": {"title": "van collega"}})
    assert drafts.load_draft(app, "vacature", None).values["form"]["title"] == "mijn"
    assert drafts.load_draft(colleague, "vacature", drafts.NEW).values["form"]["title"] == "van collega"
    drafts.discard_draft(app, "vacature", None)
    assert drafts.load_draft(colleague, "vacature", None) is not None


def test_old_drafts_expire(app, db):
    drafts.save_draft(app, "kandidaat", "K1", {"form": {}})
    with db.unit("tester") as session:
        session.execute(update(Draft).where(Draft.key == "K1")
                        .values(saved_at=utcnow() - dt.timedelta(days=drafts.EXPIRE_AFTER_DAYS + 1)))
    drafts.save_draft(app, "kandidaat", "K2", {"form": {}})
    assert drafts.load_draft(app, "kandidaat", "K1") is None  # too old to offer
    assert drafts.expire_drafts(app) == 1
    assert drafts.load_draft(app, "kandidaat", "K2") is not None and _count(db, Draft) == 1
