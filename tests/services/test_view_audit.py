"""Issue 14 item 4: every view leaves exactly one audit entry (who, when, what kind, which records; no values):
opening a candidate, a ranking, the signals, the report, printing and exporting."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchdesk.storage.models import AuditEntry, Candidate
from tests.conftest import TODAY


@pytest.fixture
def app(demo_db_path):
    from matchdesk.app import App

    with App.open(demo_db_path, user="anouk", today=TODAY) as opened:
        yield opened


def _entries_after(app, work):
    with app.reading() as session:
        before = set(session.scalars(select(AuditEntry.id)))
    result = work()
    with app.reading() as session:
        new = [e for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)) if e.id not in before]
    return result, new


def _some(app, model, column):
    with app.reading() as session:
        return session.scalar(select(column).where(model.deleted_at.is_(None)).order_by(column).limit(1))


def _names(app) -> list[str]:
    with app.reading() as session:
        return [n for row in session.execute(select(Candidate.voornaam, Candidate.achternaam)) for n in row if n]


def test_opening_a_candidate(app):
    from matchdesk.services.candidate_cases import open_candidate

    klantnummer = _some(app, Candidate, Candidate.klantnummer)
    record, (entry,) = _entries_after(app, lambda: open_candidate(app, klantnummer))
    assert (entry.action, entry.record_type, entry.record_id, entry.medewerker) == (
        "bekeken", "kandidaat", record.id, "anouk")


def test_a_ranking_for_a_vacancy_lists_the_ids_shown_and_no_name(app):
    from matchdesk.services.matching import rank_named
    from matchdesk.storage.models import Vacancy

    reference = _some(app, Vacancy, Vacancy.reference)
    ranking, (entry,) = _entries_after(app, lambda: rank_named(app, vacancy=reference, top=10))
    assert (entry.action, entry.record_type) == ("gerangschikt", "vacature") and entry.record_id is not None
    with app.reading() as session:
        ids = {str(i) for i in session.scalars(select(Candidate.id).where(
            Candidate.klantnummer.in_([r["candidate"] for r in ranking.results])))}
    assert ids and all(i in entry.detail for i in ids)
    assert f"{len(ranking.results)} van {ranking.total} kandidaten" in entry.detail
    assert not any(name in entry.detail for name in _names(app))


def test_a_ranking_for_a_candidate_and_for_a_vacancy_typed_in(app):
    from matchdesk.services.matching import rank_for_candidate, rank_for_vacancy_fields

    klantnummer = _some(app, Candidate, Candidate.klantnummer)
    _, (entry,) = _entries_after(app, lambda: rank_for_candidate(app, klantnummer, top=5))
    assert (entry.action, entry.record_type) == ("gerangschikt", "kandidaat") and entry.record_id is not None
    _, (typed,) = _entries_after(app, lambda: rank_for_vacancy_fields(
        app, {"titel": "Magazijnmedewerker", "plaats": "Roosendaal", "vaardigheden": "heftruck"}, top=5))
    assert (typed.action, typed.record_type, typed.record_id) == ("gerangschikt", "vacature", None)


def test_the_signals(app):
    from matchdesk.services.signals import signals_for

    worklist, (entry,) = _entries_after(app, lambda: signals_for(app, 30))
    assert (entry.action, entry.record_type) == ("bekeken", "signalen")
    assert entry.detail.startswith(f"{len(worklist.signals)} signalen")


def test_the_report(app):
    import datetime as dt

    from matchdesk.services.report import portfolio_report

    _, (entry,) = _entries_after(app, lambda: portfolio_report(app, dt.date(2026, 1, 1), None))
    assert (entry.action, entry.record_type, entry.detail) == ("bekeken", "rapportage",
                                                               "portefeuillemonitor 2026-01-01 t/m ...")


def test_printing_a_profile(app, tmp_path):
    from matchdesk.services.profiles import export_profile

    klantnummer = _some(app, Candidate, Candidate.klantnummer)
    _, entries = _entries_after(app, lambda: export_profile(app, klantnummer, tmp_path / "p.pdf", anonymous=True,
                                                            action="afgedrukt"))
    assert [(e.action, e.record_type) for e in entries] == [("afgedrukt", "kandidaat")]


@pytest.mark.parametrize("what", ["profile", "shortlist"])
def test_a_pdf_whose_audit_entry_is_not_committed_never_appears(app, tmp_path, monkeypatch, what):
    """The PDF is complete on disk before the commit and renamed into place only after it: a failed commit
    leaves neither a file nor a temporary beside it."""
    from sqlalchemy import event

    from matchdesk.services import profiles
    from matchdesk.storage.models import Vacancy

    klantnummer = _some(app, Candidate, Candidate.klantnummer)
    reference = _some(app, Vacancy, Vacancy.reference)
    for name in ("profile_document", "shortlist_document"):
        original = getattr(profiles, name)

        def failing_commit(session, *args, _original=original, **kwargs):
            def refuse(_session):
                raise RuntimeError("de schijf is vol")
            event.listen(session, "before_commit", refuse)
            return _original(session, *args, **kwargs)

        monkeypatch.setattr(profiles, name, failing_commit)
    folder = tmp_path / "uit"
    folder.mkdir()
    target = folder / "uit.pdf"
    with pytest.raises(RuntimeError):
        if what == "profile":
            profiles.export_profile(app, klantnummer, target, anonymous=True, action="afgedrukt")
        else:
            profiles.export_shortlist(app, reference, [klantnummer], target)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("kind", ["list", "transfer"])
def test_exporting(app, tmp_path, kind):
    import datetime as dt

    from matchdesk.services.exports import export_rows
    from matchdesk.transfer.exporter import export_file

    target = tmp_path / "uit.csv"
    if kind == "list":
        work = lambda: export_rows(app, target, ["a"], [[dt.date(2026, 1, 1)]], record_type="kandidaten")  # noqa: E731
    else:
        work = lambda: export_file(app.db, "candidates", target, user=app.user)  # noqa: E731
    _, entries = _entries_after(app, work)
    assert [(e.action, e.medewerker) for e in entries] == [("geëxporteerd", "anouk")] and target.exists()


def test_every_view_left_the_chain_intact(app):
    from matchdesk.services.audit import verify_audit
    from matchdesk.services.signals import signals_for

    signals_for(app, 30)
    check = verify_audit(app)
    assert check.ok and check.checked > 0 and "in orde" in check.message()
