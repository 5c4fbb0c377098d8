"""`matchdesk propose` and `matchdesk place` on a generated demo region: the window's use cases from the command
line, judged by the same rules; exit 0 done, 1 refused (rules, already proposed, changed meanwhile), 2 bad
usage or an unknown reference (CONTRACTS.md), and the audit written as the medewerker who acts."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import func, select

from matchdesk.domain import Doelgroep, ProposalStatus, Provider, TrajectoryKind, VacancyKind, VacancyStatus
from matchdesk.storage.models import Candidate, Proposal, Trajectory, Vacancy
from tests.cli.conftest import audit_of


def _free_candidates(db, doelgroep: Doelgroep, count: int = 1) -> list[str]:
    """Klantnummers of live candidates of the doelgroep with no trajectory and no proposal at all."""
    with db.reading() as session:
        busy = select(Trajectory.candidate_id).union(select(Proposal.candidate_id))
        return list(session.scalars(select(Candidate.klantnummer).where(
            Candidate.doelgroep == doelgroep, Candidate.deleted_at.is_(None), Candidate.archived_at.is_(None),
            Candidate.id.not_in(busy)).order_by(Candidate.klantnummer).limit(count)))


def _leerwerkplek(db) -> str:
    with db.reading() as session:
        return session.scalars(select(Vacancy.reference).where(
            Vacancy.kind == VacancyKind.LEERWERKPLEK, Vacancy.provider == Provider.LEERWERKBEDRIJF,
            Vacancy.status == VacancyStatus.OPEN, Vacancy.deleted_at.is_(None), Vacancy.positions >= 2)
            .order_by(Vacancy.reference)).first()


def _proposals(db, klantnummer: str, reference: str) -> list[Proposal]:
    with db.reading() as session:
        return list(session.scalars(select(Proposal).join(Candidate, Candidate.id == Proposal.candidate_id)
                                    .join(Vacancy, Vacancy.id == Proposal.vacancy_id)
                                    .where(Candidate.klantnummer == klantnummer, Vacancy.reference == reference)))


def _trajectories(db, klantnummer: str) -> list[Trajectory]:
    with db.reading() as session:
        return list(session.scalars(select(Trajectory).join(Candidate, Candidate.id == Trajectory.candidate_id)
                                    .where(Candidate.klantnummer == klantnummer)))


def test_propose_then_place_a_leerwerktraject_judged_by_the_rules(cli, demo_db, today):
    [klant] = _free_candidates(demo_db, Doelgroep.B)
    ref = _leerwerkplek(demo_db)
    ran = cli("propose", klant, ref, "--note", "past goed bij de wensen")
    assert ran.code == 0, ran.err
    assert ran.out == f"Kandidaat {klant} voorgesteld voor vacature {ref}\n"
    [proposal] = _proposals(demo_db, klant, ref)
    assert proposal.status == ProposalStatus.VOORGESTELD and proposal.proposed_by == "Mila"
    assert proposal.explanation == "past goed bij de wensen" and proposal.proposed_on == today
    assert audit_of(demo_db, proposal.id) == [("aangemaakt", "Mila", None)]

    ran = cli("propose", klant, ref, "--json")  # an open proposal for the pair already: refused
    assert ran.code == 1 and ran.json["ok"] is False and ran.json["proposed"] == []
    assert ran.json["refused"] == [{"candidate": klant,
                                    "message": "Deze kandidaat is al voorgesteld voor deze vacature"}]
    assert "al voorgesteld" in ran.err and len(_proposals(demo_db, klant, ref)) == 1

    start = today + dt.timedelta(days=8)
    ran = cli("place", klant, ref, "--start", start.isoformat(), "--end", "2027-08-31", "--json")
    assert ran.code == 1  # nine months: the rule's block, nothing stored, the proposal still open
    assert ran.json["ok"] is False and ran.json["id"] is None and ran.json["verdict"] == "blocked"
    assert [f["rule"] for f in ran.json["findings"]] == ["leerwerktraject_max_duur"]
    assert ran.err.startswith("matchdesk: Niet toegestaan: Leerwerktraject zou 9 maanden duren")
    assert _trajectories(demo_db, klant) == []
    assert _proposals(demo_db, klant, ref)[0].status == ProposalStatus.VOORGESTELD

    ran = cli("place", klant, ref, "--start", start.isoformat(), "--end", "2027-05-31")
    assert ran.code == 0, ran.err
    assert ran.out.startswith(f"Kandidaat {klant} geplaatst op vacature {ref}: Leerwerktraject vanaf 01-12-2026 "
                              "tot en met 31-05-2027; oordeel regels: toegestaan")
    [trajectory] = _trajectories(demo_db, klant)  # kind and provider as the placement dialog chooses them
    assert trajectory.kind == TrajectoryKind.LEERWERKTRAJECT and trajectory.provider == Provider.LEERWERKBEDRIJF
    assert trajectory.proposal_id == proposal.id and trajectory.verdict == "allowed"
    assert trajectory.updated_by == "Mila"
    assert _proposals(demo_db, klant, ref)[0].status == ProposalStatus.GEPLAATST
    assert audit_of(demo_db, trajectory.id)[0][:2] == ("aangemaakt", "Mila")
    assert ("gewijzigd", "Mila") in [entry[:2] for entry in audit_of(demo_db, proposal.id)]


def test_the_contract_form_places_without_a_proposal_under_client_made_ids(cli, demo_db, today):
    [klant] = _free_candidates(demo_db, Doelgroep.B)
    ref = _leerwerkplek(demo_db)
    trajectory_id, proposal_id = uuid.uuid4(), uuid.uuid4()
    ran = cli("place", "--candidate", klant, "--vacancy", ref, "--kind", "leerwerktraject", "--start",
              "2026-12-01", "--end", "2027-05-31", "--id", str(trajectory_id), "--proposal-id", str(proposal_id),
              "--json")
    assert ran.code == 0, ran.err
    assert ran.json == {"ok": True, "id": str(trajectory_id), "verdict": "allowed", "findings": [],
                        "proposal": str(proposal_id)}
    [proposal] = _proposals(demo_db, klant, ref)  # proposed and placed in one go, as from the matching view
    assert proposal.id == proposal_id and proposal.status == ProposalStatus.GEPLAATST
    [trajectory] = _trajectories(demo_db, klant)
    assert trajectory.id == trajectory_id and trajectory.proposal_id == proposal_id

    [other] = _free_candidates(demo_db, Doelgroep.B)
    ran = cli("propose", other, ref, "--id", str(proposal_id))  # an id in use: refused as bad input
    assert ran.code == 2 and f"Er bestaat al een record met id {proposal_id}" in ran.err
    assert _proposals(demo_db, other, ref) == []


def test_a_doelgroep_c_candidate_is_blocked_and_nothing_is_stored(cli, demo_db):
    [klant] = _free_candidates(demo_db, Doelgroep.C)
    ref = _leerwerkplek(demo_db)
    ran = cli("place", klant, ref, "--start", "2026-12-01", "--end", "2027-02-28", "--json")
    assert ran.code == 1
    assert ran.json["verdict"] == "blocked" and "doelgroep_leerwerktraject" in [f["rule"] for f in ran.json["findings"]]
    assert ran.json["message"].startswith("Niet toegestaan: Doelgroep C krijgt geen leerwerktraject")
    assert _proposals(demo_db, klant, ref) == [] and _trajectories(demo_db, klant) == []  # one unit: all undone


def test_only_a_teamleider_overrides_a_block_with_a_reason(cli, demo_db):
    [klant] = _free_candidates(demo_db, Doelgroep.C)
    ref = _leerwerkplek(demo_db)
    args = ["place", klant, ref, "--start", "2026-12-01", "--end", "2027-02-28", "--override-reason",
            "afspraak met de gemeente", "--json"]
    ran = cli(*args)  # Mila is no teamleider
    assert ran.code == 1 and ran.err == "matchdesk: Alleen een teamleider kan een blokkade doorbreken.\n"
    assert _trajectories(demo_db, klant) == []
    ran = cli(*args, user="teamleider")  # the demo's teamleider
    assert ran.code == 0, ran.err
    assert ran.json["ok"] is True and ran.json["verdict"] == "blocked"
    [trajectory] = _trajectories(demo_db, klant)
    assert (trajectory.override_reason, trajectory.override_by) == ("afspraak met de gemeente", "teamleider")
    assert ("blokkade doorbroken", "teamleider") in [e[:2] for e in audit_of(demo_db, trajectory.id)]


def test_a_placement_on_a_proposal_changed_meanwhile_is_a_conflict(cli, demo_db, demo_app, monkeypatch):
    from matchdesk.services import proposals

    [klant] = _free_candidates(demo_db, Doelgroep.B)
    ref = _leerwerkplek(demo_db)
    assert cli("propose", klant, ref).code == 0
    read = proposals.placement_row

    def read_then_someone_invites(app, *args):
        row = read(app, *args)  # the command read the proposal; Sanne moves it before the command saves
        proposals.move_proposal(demo_app, row.id, row.version, ProposalStatus.UITGENODIGD)
        return row

    monkeypatch.setattr(proposals, "placement_row", read_then_someone_invites)
    ran = cli("place", klant, ref, "--start", "2026-12-01", "--end", "2027-05-31", "--json")
    assert ran.code == 1 and ran.json["ok"] is False and ran.json["verdict"] is None
    assert "Het voorstel is intussen gewijzigd door Sanne" in ran.err
    assert _trajectories(demo_db, klant) == []
    assert _proposals(demo_db, klant, ref)[0].status == ProposalStatus.UITGENODIGD


def test_several_candidates_at_once_each_in_its_own_unit(cli, demo_db):
    first, second = _free_candidates(demo_db, Doelgroep.B, 2)
    ref = _leerwerkplek(demo_db)
    assert cli("propose", first, ref).code == 0
    ran = cli("propose", "--vacancy", ref, "--candidates", f"{first},{second}", "--json")
    assert ran.code == 1 and ran.json["ok"] is False  # the first was proposed already; the second goes ahead
    assert [p["candidate"] for p in ran.json["proposed"]] == [second]
    assert [p["candidate"] for p in ran.json["refused"]] == [first]
    assert len(_proposals(demo_db, second, ref)) == 1


def test_unknown_references_and_bad_usage_are_exit_2_with_nothing_written(cli, demo_db):
    [klant] = _free_candidates(demo_db, Doelgroep.B)
    ref = _leerwerkplek(demo_db)

    def count() -> int:
        with demo_db.reading() as session:
            return session.scalar(select(func.count()).select_from(Proposal))

    before = count()
    ran = cli("propose", klant, "V-WEG")
    assert ran.code == 2 and ran.err == "matchdesk: Vacature met referentie V-WEG bestaat niet\n"
    ran = cli("propose", "--vacancy", ref, "--candidates", f"{klant},9999999")
    assert ran.code == 2 and "Kandidaat met klantnummer 9999999 bestaat niet" in ran.err
    ran = cli("place", "9999999", ref, "--start", "2026-12-01")
    assert ran.code == 2 and "Kandidaat met klantnummer 9999999 bestaat niet" in ran.err
    for args in (["propose", klant], ["propose", klant, ref, "--vacancy", ref], ["place", klant, "--start",
                 "2026-12-01"], ["place", klant, ref, "--candidate", klant, "--start", "2026-12-01"]):
        ran = cli(*args)
        assert ran.code == 2 and ran.err.startswith("matchdesk: Geef KLANTNUMMER en REFERENTIE"), args
    ran = cli("propose", "--vacancy", ref, "--candidates", f"{klant},1234567", "--id", str(uuid.uuid4()))
    assert ran.code == 2 and "--id kan alleen bij één kandidaat" in ran.err
    with pytest.raises(SystemExit) as exit_:
        cli("propose", klant, ref, "--id", "geen-uuid")
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        cli("place", klant, ref)  # --start is required
    assert exit_.value.code == 2
    assert count() == before


def test_the_command_line_places_through_the_placement_dialogs_use_case(cli, demo_db, monkeypatch):
    from matchdesk.services import proposals
    from matchdesk.ui import placement_dialog

    assert placement_dialog.place_pair is proposals.place_pair  # the dialog places through this too
    calls = []
    real = proposals.place_pair
    monkeypatch.setattr(proposals, "place_pair", lambda *a, **k: calls.append(a[1].klantnummer) or real(*a, **k))
    [klant] = _free_candidates(demo_db, Doelgroep.B)
    assert cli("place", klant, _leerwerkplek(demo_db), "--start", "2026-12-01", "--end", "2027-05-31").code == 0
    assert calls == [klant]


def test_a_blocked_placement_in_a_real_process(demo_db_path, demo_db, today):
    [klant] = _free_candidates(demo_db, Doelgroep.C)
    done = subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(demo_db_path), "--today",
                           today.isoformat(), "place", klant, _leerwerkplek(demo_db), "--start", "2026-12-01",
                           "--end", "2027-02-28", "--json"], capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("matchdesk: Niet toegestaan: Doelgroep C krijgt geen leerwerktraject")
    assert '"verdict": "blocked"' in done.stdout
