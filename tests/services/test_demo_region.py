"""The demo region: deterministic, realistic, and its deliberate over-limit trajectories are signalled."""

import json

from sqlalchemy import func, select

from matchdesk.cli.main import main
from matchdesk.domain import Doelgroep
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate, CandidateLanguage, Trajectory
from matchdesk.validators import elfproef
from tests.conftest import TODAY


def _fill(path, seed):
    assert main(["--db", str(path), "--today", TODAY.isoformat(), "demo", "--candidates", "60",
                 "--employers", "8", "--vacancies", "16", "--seed", str(seed)]) == 0


def _fingerprint(path, capsys):
    capsys.readouterr()
    assert main(["--db", str(path), "--today", TODAY.isoformat(), "stats", "--json"]) == 0
    stats = capsys.readouterr().out
    db = Database.open(path)
    try:
        with db.reading() as session:
            rows = session.execute(select(Candidate.id, Candidate.profile_number, Candidate.achternaam)
                                   .order_by(Candidate.klantnummer)).all()
            trajectories = session.execute(select(Trajectory.id, Trajectory.start).order_by(Trajectory.id)).all()
    finally:
        db.dispose()
    return stats, rows, trajectories


def test_same_seed_and_today_give_identical_data_ids_included(tmp_path, capsys):
    _fill(tmp_path / "a.db", 7)
    _fill(tmp_path / "b.db", 7)
    _fill(tmp_path / "c.db", 8)
    a, b, c = (_fingerprint(tmp_path / name, capsys) for name in ("a.db", "b.db", "c.db"))
    assert a == b
    assert a[1] != c[1]


def test_signals_list_exactly_the_trajectories_the_demo_made_overdue(demo_db_path):
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.signals import collect_signals

    db = Database.open(demo_db_path)
    try:
        with db.reading() as session:
            expected = set(json.loads(db.meta("demo_over_limit")))
            overrides = session.execute(select(Trajectory.id, Trajectory.override_reason, Trajectory.override_by)
                                        .where(Trajectory.override_reason.is_not(None))).all()
            signals = collect_signals(session, load_rulebooks(), TODAY, 30)
    finally:
        db.dispose()
    assert expected, "the demo must make some trajectories run over their limit"
    assert {s.trajectory for s in signals if s.kind == "over_limiet"} == expected
    assert {str(row.id) for row in overrides} == expected
    assert {(row.override_reason, row.override_by) for row in overrides} == {("demo", "teamleider")}


def test_demo_distributions_look_like_a_region(demo_db_path):
    db = Database.open(demo_db_path)
    try:
        with db.reading() as session:
            total = session.scalar(select(func.count()).select_from(Candidate))
            by_doelgroep = dict(session.execute(
                select(Candidate.doelgroep, func.count()).group_by(Candidate.doelgroep)).all())
            wsw = session.scalar(select(func.count()).where(Candidate.wsw))
            bsns = session.scalars(select(Candidate.bsn).where(Candidate.bsn.is_not(None))).all()
            unknown_language = session.scalar(select(func.count(func.distinct(CandidateLanguage.candidate_id)))
                                              .where(CandidateLanguage.level.is_(None)))
            below_b1 = session.scalar(select(func.count(func.distinct(CandidateLanguage.candidate_id)))
                                      .where(CandidateLanguage.level.in_(["A0", "A1", "A2"])))
            is_demo = db.meta("demo")
    finally:
        db.dispose()
    assert total == 400 and is_demo
    assert by_doelgroep[Doelgroep.B] == max(by_doelgroep.values())
    assert 0 < wsw < total * 0.08
    assert bsns and all(elfproef(bsn) for bsn in bsns)
    assert total * 0.04 < unknown_language < total * 0.2
    assert below_b1 > total * 0.2
