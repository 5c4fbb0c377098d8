"""Migration 0009: a database made at 0006, with driving licences typed as skills, opens with those licences in
the licence fields (candidates: all of them; vacancies: the required ones) and without the licence skill rows."""

# SQLite only: old SQLite files of an earlier schema upgraded on opening.

from __future__ import annotations

import uuid

from sqlalchemy import select

from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate, CandidateSkill, Vacancy, VacancySkill
from tests.conftest import TODAY, raw_connect


def _at_0006(path):
    from alembic import command

    from matchdesk.services.candidates import create_candidate
    from matchdesk.services.employers import create_employer
    from matchdesk.services.vacancies import create_vacancy
    from matchdesk.storage.migrate import alembic_config

    db = Database.open(path, create=True)
    with db.unit("tester") as session:
        for number, licences in (("1", "B"), ("2", ""), ("3", "geen"), ("4", "C")):
            create_candidate(session, {"klantnummer": number, "achternaam": f"Kandidaat{number}",
                                       "driving_licences": licences}, TODAY)
        employer = create_employer(session, {"kvk": "12345678", "name": "Transport BV"})
        session.flush()
        create_vacancy(session, employer.id, {"reference": "V1", "title": "Chauffeur CE"})
        create_vacancy(session, employer.id, {"reference": "V2", "title": "Bezorger", "driving_licence": "B"})
        session.flush()
        ids = dict(session.execute(select(Candidate.klantnummer, Candidate.id)).all())
        vacancies = dict(session.execute(select(Vacancy.reference, Vacancy.id)).all())
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    db.dispose()
    return ids, vacancies


def _insert(connection, table, owner_column, owner, position, skill_id, text, required=None):
    stamp = "2026-11-01 08:00:00.000000"
    extra = {"source": "certificaat", "level": None} if required is None else {"required": 1 if required else 0}
    values = {"id": uuid.uuid4().hex, owner_column: owner.hex, "position": position, "skill_id": skill_id,
              "text": text, "created_at": stamp, "updated_at": stamp, "updated_by": "oud", "version": 1} | extra
    names = ", ".join(values)
    connection.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in values)})",
                       list(values.values()))


def test_licence_skills_of_a_0006_database_move_into_the_licence_fields(tmp_path):
    path = tmp_path / "oud.db"
    ids, vacancies = _at_0006(path)
    connection = raw_connect(path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0006"
    rows = [("candidate_skills", "candidate_id", ids["1"], 0, "rijbewijs_ce", "Rijbewijs CE (vrachtwagen)"),
            ("candidate_skills", "candidate_id", ids["1"], 1, "heftruck", "Heftruckcertificaat"),
            ("candidate_skills", "candidate_id", ids["1"], 2, "code95", "Code 95 (vakbekwaamheid chauffeur)"),
            ("candidate_skills", "candidate_id", ids["2"], 0, None, "C-rijbewijs"),  # free text, still a licence
            ("candidate_skills", "candidate_id", ids["3"], 0, "rijbewijs_b", "Rijbewijs B"),
            ("candidate_skills", "candidate_id", ids["4"], 0, "orderpicken", "Orderpicken")]
    for row in rows:
        _insert(connection, *row)
    for row in (("vacancy_skills", "vacancy_id", vacancies["V1"], 0, "rijbewijs_ce", "Rijbewijs CE", True),
                ("vacancy_skills", "vacancy_id", vacancies["V1"], 1, "code95", "Code 95", True),
                ("vacancy_skills", "vacancy_id", vacancies["V1"], 2, "tachograaf", "Tachograaf", True),
                ("vacancy_skills", "vacancy_id", vacancies["V2"], 0, "rijbewijs_be", "Rijbewijs BE", False)):
        _insert(connection, *row)
    connection.commit()
    connection.close()

    db = Database.open(path)  # migrates to the head
    try:
        with db.reading() as session:
            fields = dict(session.execute(select(Candidate.klantnummer, Candidate.driving_licences)).all())
            versions = dict(session.execute(select(Candidate.klantnummer, Candidate.version)).all())
            skills = session.execute(select(CandidateSkill.candidate_id, CandidateSkill.text)).all()
            required = dict(session.execute(select(Vacancy.reference, Vacancy.driving_licence)).all())
            vacancy_skills = session.execute(select(VacancySkill.text, VacancySkill.required)).all()
    finally:
        db.dispose()
    assert fields == {"1": "B,CE,95", "2": "C", "3": "B", "4": "C"}
    assert sorted(text for _, text in skills) == ["Heftruckcertificaat", "Orderpicken"]
    assert versions["1"] > versions["4"]  # a changed candidate gets a new version: the matching index re-reads it
    assert required == {"V1": "CE,95", "V2": "B"}
    assert sorted(vacancy_skills) == [("Rijbewijs BE", False), ("Tachograaf", True)]  # a desired licence stays


def test_migration_0009_runs_again_without_changing_anything(tmp_path):
    from alembic import command

    from matchdesk.storage.migrate import alembic_config

    path = tmp_path / "twee.db"
    _at_0006(path)
    Database.open(path).dispose()
    db = Database.open(path)
    try:
        with db.reading() as session:
            before = session.execute(select(Candidate.klantnummer, Candidate.driving_licences, Candidate.version)
                                     .order_by(Candidate.klantnummer)).all()
        config = alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0006")
            command.upgrade(config, "head")
        with db.reading() as session:
            after = session.execute(select(Candidate.klantnummer, Candidate.driving_licences, Candidate.version)
                                    .order_by(Candidate.klantnummer)).all()
    finally:
        db.dispose()
    assert before == after == [("1", "B", 1), ("2", "", 1), ("3", "geen", 1), ("4", "C", 1)]
