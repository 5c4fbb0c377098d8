"""Creating candidates, employers and vacancies through the editors' use cases (the import's checks, Dutch
refusals, the audit), and archiving and restoring them: hidden from the lists by default, shown with the
filter, not ranked, audited as gearchiveerd and teruggezet."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from matchdesk.domain import CefrLevel, LanguageSkill
from matchdesk.errors import ConflictError, ValidationError
from matchdesk.storage.models import AuditEntry, Candidate, Medewerker

BSN = "111222333"  # generated test data (passes the elfproef)


@pytest.fixture
def app(db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    return App(db=db, user="anouk", today=today, rulebooks=load_rulebooks())


def _new_candidate(app, **overrides):
    from matchdesk.services.candidate_cases import save_candidate
    from matchdesk.services.candidates import SkillInput

    values = {"klantnummer": "2000001", "voornaam": "Sanne", "achternaam": "Verhoeven",
              "birth_date": "12-03-1991", "bsn": BSN, "bsn_test_data": True, "municipality": "Roosendaal",
              "doelgroep": "B"} | overrides
    return save_candidate(app, None, None, values, skills=[SkillInput("heftruck rijden", "gevorderd")],
                          languages={LanguageSkill.SPREKEN: CefrLevel.B1, LanguageSkill.LUISTEREN: CefrLevel.B1})


def _actions(db, record_id) -> list[str]:
    with db.reading() as session:
        return list(session.scalars(select(AuditEntry.action).where(AuditEntry.record_id == record_id)
                                    .order_by(AuditEntry.seq)))


def test_a_new_candidate_is_created_with_skills_levels_and_its_casushouder(app, db):
    from matchdesk.services.candidate_cases import open_candidate
    from matchdesk.services.search import quick_search

    saved = _new_candidate(app)
    assert saved.key == "2000001" and saved.version >= 1
    record = open_candidate(app, "2000001")
    assert record.values["bsn"] == BSN and record.values["bsn_test_data"] is True and record.archived is None
    assert [s.level for s in record.skills] == ["gevorderd"]
    assert record.languages[LanguageSkill.SPREKEN] == CefrLevel.B1
    with db.reading() as session:
        owner = session.scalar(select(Medewerker.name).join(Candidate, Candidate.owner_id == Medewerker.id))
    assert owner == "anouk"  # "Mijn kandidaten" shows it at once
    assert "aangemaakt" in _actions(db, saved.id)
    app.search.reload()
    assert [h.key for h in quick_search(app, "Sanne Verhoeven")][:1] == ["2000001"]


@pytest.mark.parametrize(("overrides", "message"), [
    ({"achternaam": ""}, "achternaam is verplicht"),
    ({"birth_date": ""}, "geboortedatum is verplicht"),
    ({"bsn": "123456789"}, "bsn: geen geldig BSN"),
    ({"birth_date": "01-01-2090"}, "ligt in de toekomst"),
    ({"email": "geen-adres"}, "geen geldig e-mailadres"),
])
def test_a_new_candidate_is_refused_as_the_import_refuses_it(app, db, overrides, message):
    with pytest.raises(ValidationError, match="(?i)" + message):
        _new_candidate(app, **overrides)
    with db.reading() as session:
        assert session.scalar(select(Candidate.id)) is None  # nothing half stored


def test_a_klantnummer_or_bsn_that_exists_is_refused(app):
    _new_candidate(app)
    with pytest.raises(ValidationError, match="(?i)klantnummer 2000001 bestaat al"):
        _new_candidate(app, bsn="")
    with pytest.raises(ValidationError, match="(?i)dit BSN is al bekend"):
        _new_candidate(app, klantnummer="2000002")


def test_employer_and_vacancy_are_created_from_it(app, db):
    from matchdesk.services.employers import employer_choices, save_employer
    from matchdesk.services.vacancies import open_vacancy, save_vacancy

    with pytest.raises(ValidationError, match="(?i)naam is verplicht"):
        save_employer(app, None, None, {"name": "", "kvk": "12345678"})
    with pytest.raises(ValidationError, match="(?i)KvK"):
        save_employer(app, None, None, {"name": "Groen BV", "kvk": "1234"})
    employer = save_employer(app, None, None, {"name": "Groen BV", "kvk": "12345678", "plaats": "Etten-Leur"})
    with pytest.raises(ValidationError, match="(?i)KvK-nummer 12345678 bestaat al"):
        save_employer(app, None, None, {"name": "Ander BV", "kvk": "12345678"})
    assert [c.kvk for c in employer_choices(app, "groen")] == ["12345678"]
    assert [c.name for c in employer_choices(app, "1234")] == ["Groen BV"]
    with pytest.raises(ValidationError, match="(?i)kies de werkgever"):
        save_vacancy(app, None, None, {"reference": "V9", "title": "Hovenier"})
    with pytest.raises(ValidationError, match="(?i)titel is verplicht"):
        save_vacancy(app, None, None, {"reference": "V9", "title": ""}, employer_id=employer.id)
    saved = save_vacancy(app, None, None, {"reference": "V9", "title": "Hovenier", "kind": "leerwerkplek",
                                           "hours_per_week": "32"}, employer_id=employer.id)
    record = open_vacancy(app, "V9")
    assert record.employer == "Groen BV" and record.values["hours_per_week"] == 32
    with pytest.raises(ValidationError, match="(?i)referentie V9 bestaat al"):
        save_vacancy(app, None, None, {"reference": "V9", "title": "Tweede"}, employer_id=employer.id)
    assert "aangemaakt" in _actions(db, saved.id) and "aangemaakt" in _actions(db, employer.id)


def test_archive_and_restore_a_candidate(app, db):
    from matchdesk.services import lists
    from matchdesk.services.candidate_cases import archive_candidate, open_candidate, restore_candidate
    from matchdesk.services.lists import ListFilter, ListQuery

    saved = _new_candidate(app)

    def keys(archived: bool) -> list[str]:
        query = ListQuery("kandidaat", ListFilter(archived=archived))
        return [r.key for r in lists.first_page(app, query, 50).rows]

    archived = archive_candidate(app, saved.id, saved.version)
    with pytest.raises(ConflictError):
        restore_candidate(app, saved.id, saved.version)  # a stale version is refused
    record = open_candidate(app, "2000001")
    assert record.archived is not None and record.archived.by == "anouk"
    assert keys(False) == [] and keys(True) == ["2000001"]
    assert lists.first_page(app, ListQuery("kandidaat", ListFilter(archived=True)), 5).rows[0].archived
    with pytest.raises(ValidationError, match="(?i)De kandidaat is al gearchiveerd"):
        archive_candidate(app, saved.id, archived.version)
    restored = restore_candidate(app, saved.id, archived.version)
    assert keys(False) == ["2000001"] and open_candidate(app, "2000001").archived is None
    with pytest.raises(ValidationError, match="(?i)De kandidaat is niet gearchiveerd"):
        restore_candidate(app, saved.id, restored.version)
    actions = _actions(db, saved.id)
    assert actions.index("gearchiveerd") < actions.index("teruggezet")


def test_an_archived_candidate_is_not_ranked(app, db):
    from matchdesk.services.candidate_cases import archive_candidate, restore_candidate
    from matchdesk.services.employers import save_employer
    from matchdesk.services.matching import rank_for_vacancy
    from matchdesk.services.vacancies import save_vacancy

    saved = _new_candidate(app)
    employer = save_employer(app, None, None, {"name": "Groen BV", "kvk": "12345678"})
    save_vacancy(app, None, None, {"reference": "V1", "title": "Magazijnmedewerker", "place": "Roosendaal"},
                 employer_id=employer.id)

    def ranked() -> list[str]:
        return [str(r["candidate"]) for r in rank_for_vacancy(app, "V1", top=0).results]

    assert ranked() == ["2000001"]
    archived = archive_candidate(app, saved.id, saved.version)
    assert ranked() == []
    restore_candidate(app, saved.id, archived.version)
    assert ranked() == ["2000001"]


def test_a_candidate_with_a_running_trajectory_is_not_archived(app, db, today):
    from matchdesk.domain import TrajectoryKind
    from matchdesk.services.candidate_cases import archive_candidate
    from matchdesk.storage.models import Trajectory

    saved = _new_candidate(app)
    with db.unit("anouk") as session:
        session.add(Trajectory(candidate_id=saved.id, kind=TrajectoryKind.REGULIER,
                               start=today - dt.timedelta(days=10), planned_end=today + dt.timedelta(days=30)))
    with db.reading() as session:
        version = session.get_one(Candidate, saved.id).version
    with pytest.raises(ValidationError, match="(?i)gepland of lopend traject"):
        archive_candidate(app, saved.id, version)


def test_archive_employer_and_vacancy(app, db):
    from matchdesk.services import lists
    from matchdesk.services.employers import (
        archive_employer,
        employer_choices,
        open_employer,
        restore_employer,
        save_employer,
    )
    from matchdesk.services.lists import ListFilter, ListQuery
    from matchdesk.services.vacancies import archive_vacancy, open_vacancy, restore_vacancy, save_vacancy

    employer = save_employer(app, None, None, {"name": "Groen BV", "kvk": "12345678"})
    vacancy = save_vacancy(app, None, None, {"reference": "V1", "title": "Hovenier"}, employer_id=employer.id)
    with pytest.raises(ValidationError, match="(?i)nog 1 open vacature"):
        archive_employer(app, employer.id, employer.version)
    _new_candidate(app)
    from matchdesk.services.matching import rank_for_candidate

    assert [r["vacancy"] for r in rank_for_candidate(app, "2000001", top=0).results] == ["V1"]
    archived_vacancy = archive_vacancy(app, vacancy.id, vacancy.version)
    assert open_vacancy(app, "V1").archived is not None
    assert rank_for_candidate(app, "2000001", top=0).results == []  # an archived vacancy is not offered
    app.search.reload()
    assert "gearchiveerd" in next(h.detail for h in app.search.search("V1") if h.key == "V1")
    assert lists.first_page(app, ListQuery("vacature", ListFilter()), 5).rows == ()
    assert [r.key for r in lists.first_page(app, ListQuery("vacature", ListFilter(archived=True)), 5).rows] == ["V1"]
    archived = archive_employer(app, employer.id, employer.version)
    assert open_employer(app, "12345678").archived is not None and employer_choices(app) == ()
    assert lists.first_page(app, ListQuery("werkgever", ListFilter()), 5).rows == ()
    with pytest.raises(ValidationError, match="(?i)werkgever Groen BV is gearchiveerd"):
        save_vacancy(app, None, None, {"reference": "V2", "title": "Hovenier"}, employer_id=employer.id)
    restore_employer(app, employer.id, archived.version)
    restore_vacancy(app, vacancy.id, archived_vacancy.version)
    assert [r.key for r in lists.first_page(app, ListQuery("vacature", ListFilter()), 5).rows] == ["V1"]
    assert _actions(db, employer.id).count("gearchiveerd") == 1 and "teruggezet" in _actions(db, vacancy.id)


def test_list_rows_carry_enum_values_and_the_export_keeps_codes(app, tmp_path):
    from matchdesk.domain import Doelgroep
    from matchdesk.services import lists
    from matchdesk.services.lists import ListFilter, ListQuery

    _new_candidate(app)
    query = ListQuery("kandidaat", ListFilter())
    row = lists.first_page(app, query, 5).rows[0]
    assert row.values[4] is Doelgroep.B
    assert [c.label for c in query.spec.columns][-1] == "Matchmaker"  # DOMAIN.md: the role is matchmaker
    path = tmp_path / "kandidaten.csv"
    lists.export_list(app, query, path)
    text = path.read_text(encoding="utf-8-sig")
    assert ";B;" in text or ",B," in text
    assert "Doelgroep B" not in text
