"""Issue 13 item 7: the rules judge every imported trajectory. History that ended before the import is
imported and flagged; a running or planned trajectory the rules block is a `fout` naming the rule, unless a
teamleider gives a reden_afwijking (stored and audited); one that starts after today is judged like a new
one (a warning needs a motivatie)."""

import pytest
from sqlalchemy import func, select
from transfer_helpers import TODAY, write_text

from matchdesk.cli.main import main
from matchdesk.domain import Role
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services.employers import ensure_medewerker
from matchdesk.storage.models import AuditEntry, Trajectory
from matchdesk.transfer import import_file
from matchdesk.transfer.trajectories import import_judgement

HEADER = ["klantnummer", "soort", "start", "einde", "aanbieder", "motivatie", "reden_afwijking"]
# TODAY is 2026-11-23. A leerwerktraject of 9 months is over the WVS limit of 6: the rules block it.
ENDED = ["K1", "leerwerktraject", "2025-01-06", "2025-10-05", "leerwerkbedrijf", "", ""]
RUNNING = ["K1", "leerwerktraject", "2026-06-01", "2027-02-28", "leerwerkbedrijf", "", ""]
FUTURE = ["K1", "leerwerktraject", "2027-03-01", "2029-12-31", "leerwerkbedrijf", "", ""]  # the 2027-2029


@pytest.fixture(scope="module")
def rulebooks():
    return load_rulebooks()


@pytest.fixture
def staff(db, make_candidate):
    make_candidate(klantnummer="K1")
    with db.unit("systeem") as session:
        ensure_medewerker(session, "ingrid", Role.TEAMLEIDER)
        ensure_medewerker(session, "anouk", Role.MATCHMAKER)


def _import(db, tmp_path, rulebooks, rows, user="anouk"):
    return import_file(db, "trajectories", write_text(tmp_path / "t.csv", [HEADER, *rows]), user=user, today=TODAY,
                       rulebooks=rulebooks)


def _stored(db):
    with db.reading() as session:
        return session.execute(select(Trajectory.start, Trajectory.verdict, Trajectory.imported,
                                      Trajectory.override_reason, Trajectory.override_by)
                               .order_by(Trajectory.start)).all()


def _overrides(db):
    with db.reading() as session:
        return session.execute(select(AuditEntry.medewerker, AuditEntry.detail)
                               .where(AuditEntry.action == "blokkade doorbroken")).all()


@pytest.mark.parametrize("start, end, expected", [
    ("2025-01-06", "2025-10-05", ("none", "2025-01-06")),    # ended before today: history
    ("2026-06-01", "2026-11-22", ("none", "2026-06-01")),    # ended yesterday
    ("2026-06-01", "2026-11-23", ("blocks", "2026-06-01")),  # ends today: still running
    ("2026-06-01", None, ("blocks", "2026-06-01")),
    ("2026-11-24", "2026-12-31", ("all", "2026-11-23")),     # starts after today: a new one, judged today
])
def test_how_an_imported_trajectory_is_judged(start, end, expected):
    import datetime as dt

    day = dt.date.fromisoformat
    mode, decision = import_judgement(day(start), day(end) if end else None, TODAY)
    assert (mode, decision.isoformat()) == expected


@pytest.mark.parametrize("user", ["anouk", "ingrid", "systeem"])
def test_ended_history_the_rules_block_is_imported_and_flagged_for_anyone(db, tmp_path, rulebooks, staff, user):
    result = _import(db, tmp_path, rulebooks, [ENDED], user=user)
    assert (result.new, result.rejected) == (1, 0)
    [problem] = result.problems
    assert problem.severity == "waarschuwing" and "historisch feit" in problem.message
    assert [tuple(r)[1:4] for r in _stored(db)] == [("blocked", True, None)]


@pytest.mark.parametrize("row", [RUNNING, FUTURE], ids=["running", "2027-2029"])
@pytest.mark.parametrize("user", ["anouk", "ingrid", "systeem"])
def test_a_running_or_planned_trajectory_the_rules_block_is_refused_naming_the_rule(
        db, tmp_path, rulebooks, staff, row, user):
    result = _import(db, tmp_path, rulebooks, [row], user=user)
    assert (result.new, result.rejected, result.rejected_rows) == (0, 1, [2])
    [problem] = result.problems
    assert problem.severity == "fout" and problem.column == "soort"
    assert "leerwerktraject_max_duur" in problem.message and "maximum is 6 maanden" in problem.message
    assert "Participatieverordening" in problem.message  # the rule's Dutch title
    assert "reden_afwijking" in problem.message
    assert _stored(db) == []


@pytest.mark.parametrize("row", [RUNNING, FUTURE], ids=["running", "2027-2029"])
def test_only_a_teamleider_with_a_reason_imports_a_blocked_trajectory(db, tmp_path, rulebooks, staff, row):
    with_reason = [*row[:-1], "maatwerk afgesproken met werkplein"]
    refused = _import(db, tmp_path, rulebooks, [with_reason], user="anouk")
    assert refused.rejected == 1 and "Alleen een teamleider" in refused.problems[0].message
    no_reason = _import(db, tmp_path, rulebooks, [row], user="ingrid")
    assert no_reason.rejected == 1
    assert _stored(db) == [] and _overrides(db) == []

    done = _import(db, tmp_path, rulebooks, [with_reason], user="ingrid")
    assert (done.new, done.rejected, done.problems) == (1, 0, [])
    [(_, verdict, imported, reason, by)] = _stored(db)
    assert (verdict, imported, reason, by) == ("blocked", True, "maatwerk afgesproken met werkplein", "ingrid")
    assert _overrides(db) == [("ingrid", "reden vastgelegd")]


def test_a_trajectory_starting_after_today_is_judged_like_a_new_one(db, tmp_path, rulebooks, staff):
    """A warning (leerwerktraject inside the leerwerkbedrijf's walls) needs a motivatie, as in the window."""
    header = [*HEADER, "locatie"]
    plan = ["K1", "leerwerktraject", "2027-01-04", "2027-06-30", "leerwerkbedrijf", "", "", "intern"]
    refused = import_file(db, "trajectories", write_text(tmp_path / "t.csv", [header, plan]), user="anouk",
                          today=TODAY, rulebooks=rulebooks)
    assert refused.rejected == 1 and "motivatie" in refused.problems[0].message
    plan[5] = "alleen binnen mogelijk"
    done = import_file(db, "trajectories", write_text(tmp_path / "t.csv", [header, plan]), user="anouk",
                       today=TODAY, rulebooks=rulebooks)
    assert (done.new, done.rejected) == (1, 0)
    [(_, verdict, imported, _, _)] = _stored(db)
    assert (verdict, imported) == ("warning", True)


def test_an_update_the_rules_block_is_refused_and_leaves_the_stored_trajectory_alone(db, tmp_path, rulebooks, staff):
    allowed = [*RUNNING[:3], "2026-11-30", *RUNNING[4:]]  # six months: allowed
    assert _import(db, tmp_path, rulebooks, [allowed]).new == 1
    longer = _import(db, tmp_path, rulebooks, [RUNNING])  # extend to nine months by import
    assert (longer.updated, longer.rejected) == (0, 1)
    assert "leerwerktraject_max_duur" in longer.problems[0].message
    with db.reading() as session:
        stored = session.scalar(select(Trajectory))
        assert (stored.planned_end.isoformat(), stored.verdict) == ("2026-11-30", "allowed")
    outcome = [["klantnummer", "soort", "start", "uitkomst"], ["K1", "leerwerktraject", "2026-06-01", "loopt goed"]]
    changed = import_file(db, "trajectories", write_text(tmp_path / "u.csv", outcome), user="anouk", today=TODAY,
                          rulebooks=rulebooks)
    assert (changed.updated, changed.rejected) == (1, 0)  # nothing the rules judge changed


def test_the_command_line_import_exits_1_for_a_refused_trajectory_and_0_for_a_teamleider(
        db_target, staff, tmp_path, capsys):
    file = write_text(tmp_path / "t.csv", [HEADER, FUTURE])
    argv = ["--today", TODAY.isoformat(), "--db", str(db_target), "import", "trajectories", str(file)]
    assert main(["--user", "anouk", *argv]) == 1
    err = capsys.readouterr().err
    assert "rij 2, soort: niet ingelezen: geblokkeerd door regel leerwerktraject_max_duur" in err
    assert "Traceback" not in err
    write_text(file, [HEADER, [*FUTURE[:-1], "maatwerk"]])
    assert main(["--user", "ingrid", *argv]) == 0, capsys.readouterr().err


def test_the_override_audit_holds_no_personal_data(db, tmp_path, rulebooks, staff):
    _import(db, tmp_path, rulebooks, [[*FUTURE[:-1], "maatwerk"]], user="ingrid")
    with db.reading() as session:
        details = session.scalars(select(AuditEntry.detail).where(AuditEntry.detail.is_not(None))).all()
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "blokkade doorbroken")) == 1
    assert all("K1" not in d and "Berg" not in d for d in details)
