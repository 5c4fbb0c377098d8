"""A synthetic but realistic demo region (WVS, West-Brabant), written through the services.

Same seed and today give identical data, ids included (storage.ids.deterministic). No real person's
data (``demo_people``: Faker's nl_NL names, generated BSNs marked as test data). Trajectories the
generator deliberately puts over their limits are recorded as teamleider overrides with reason "demo",
and their ids are kept in the meta table (``demo_over_limit``) so the signals can be checked against them.

The meta key ``demo_state`` is ``bezig`` from before the first record until the last unit of work, which
sets ``klaar``: a run killed half-way is recognised (``services.maintenance``) and replaced by the next
run. Every demo record is created at the demo's fixed clock (``demo_clock``), so a record made later by
someone is told apart from demo data. The audit entries of a run get random ids (the records keep their
deterministic ones), so a rerun after a replace adds its entries beside those of the run before: the
audit log is never wiped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from matchdesk.dates import last_day_within
from matchdesk.domain import (
    CefrLevel,
    Doelgroep,
    LanguageSkill,
    Location,
    ProposalStatus,
    Provider,
    Role,
    TrajectoryKind,
    VacancyKind,
)
from matchdesk.errors import MatchDeskError
from matchdesk.rules.facts import TrajectoryFacts
from matchdesk.rules.rulebook import Rulebooks
from matchdesk.services import candidates as candidate_service
from matchdesk.services import employers as employer_service
from matchdesk.services import proposals as proposal_service
from matchdesk.services import vacancies as vacancy_service
from matchdesk.services.demo_people import DemoRegion, new_candidate
from matchdesk.services.trajectories import TrajectoryInput, start_trajectory
from matchdesk.storage.ids import deterministic
from matchdesk.storage.models import AuditEntry, Candidate, Employer, Medewerker, Vacancy

if TYPE_CHECKING:
    from matchdesk.storage.database import Database

BATCH = 2000
MOTIVATION = "Regulier werk is nu nog niet haalbaar; afgestemd met kandidaat en werkgever (demo)."
STATE = "demo_state"  # meta key: BUSY while a run writes, DONE once it is complete
BUSY, DONE = "bezig", "klaar"
DEMO_META_KEYS = ("demo", STATE, "demo_over_limit", "region")  # what a run writes to the meta table
_FRESH_AUDIT_IDS: ContextVar[bool] = ContextVar("matchdesk_demo_audit_ids", default=False)


@dataclass
class DemoSize:
    candidates: int = 9000
    employers: int = 400
    vacancies: int = 800


@dataclass(frozen=True)
class DemoSummary:
    candidates: int = 0
    employers: int = 0
    vacancies: int = 0
    proposals: int = 0
    trajectories: int = 0
    over_limit: tuple[str, ...] = ()


@dataclass
class _Tally:
    candidates: int = 0
    employers: int = 0
    vacancies: int = 0
    proposals: int = 0
    trajectories: int = 0
    over_limit: list[str] = field(default_factory=list)


def demo_clock(today: dt.date) -> dt.datetime:
    """The fixed moment every record of a demo for ``today`` is created and stamped at."""
    return dt.datetime.combine(today, dt.time(8, 0))


def generate(db: Database, rulebooks: Rulebooks, seed: int, today: dt.date, size: DemoSize, user: str = "demo",
             progress: Callable[[int, int], object] | None = None) -> DemoSummary:
    """Fill an empty database. ``progress(done, total)`` is called between batches."""
    region = DemoRegion(seed, today)
    summary = _Tally()
    with db.unit(user) as session:  # before any record, outside the seeded ids: a kill leaves a known half demo
        db.set_meta(session, STATE, BUSY)
    with deterministic(seed, demo_clock(today)), _fresh_audit_ids():
        with db.unit(user) as session:
            staff = _medewerkers(session, region)
            employers = [_employer(session, region, i, staff) for i in range(size.employers)]
            session.flush()
            employer_ids = [e.id for e in employers]
            vacancies = [_vacancy(session, region, i, employers) for i in range(size.vacancies)]
            session.flush()
            vacancy_refs = [(v.id, v.kind, v.employer_id) for v in vacancies]
            db.set_meta(session, "demo", json.dumps({"seed": seed, "today": today.isoformat()}))
            db.set_meta(session, "region", "WVS")
        summary.employers, summary.vacancies = len(employer_ids), len(vacancy_refs)
        owners = [m.id for m, role in staff.items() if role != Role.TEAMLEIDER]
        for start in range(0, size.candidates, BATCH):
            with db.unit(user) as session:
                batch = [new_candidate(region, i, owners) for i in range(start, min(start + BATCH, size.candidates))]
                session.flush()  # nothing pending: insert_candidates draws one id per candidate, for its audit
                with _unseeded_ids(len(batch)):
                    candidate_service.insert_candidates(session, batch)
                ids = [c.values["id"] for c in batch]
                loaded: dict[object, Candidate] = {
                    c.id: c for c in session.scalars(select(Candidate).where(Candidate.id.in_(ids)))}
                with session.no_autoflush:  # histories are passed in; one flush per batch
                    for candidate_id in ids:
                        summary.trajectories += _trajectories(session, rulebooks, region, loaded[candidate_id],
                                                              employer_ids, summary.over_limit)
                summary.candidates = min(start + BATCH, size.candidates)
            if progress:
                progress(summary.candidates, size.candidates)
        with db.unit(user) as session:
            summary.proposals, placed = _proposals(session, rulebooks, region, vacancy_refs, summary.candidates)
            summary.trajectories += placed
            db.set_meta(session, "demo_over_limit", json.dumps(sorted(summary.over_limit)))
            db.set_meta(session, STATE, DONE)
    return DemoSummary(summary.candidates, summary.employers, summary.vacancies, summary.proposals,
                       summary.trajectories, tuple(summary.over_limit))


@contextlib.contextmanager
def _fresh_audit_ids() -> Iterator[None]:
    token = _FRESH_AUDIT_IDS.set(True)
    try:
        yield
    finally:
        _FRESH_AUDIT_IDS.reset(token)


@contextlib.contextmanager
def _unseeded_ids(draws: int) -> Iterator[None]:
    """Random ids inside the block (``insert_candidates`` gives its audit entries ids by ``new_id``), after
    taking the ``draws`` seeded ids the block would have taken, so the ids after it stay those of the seed."""
    from matchdesk.storage import ids

    seeded = ids._rng.get()
    if seeded is not None:
        for _ in range(draws):
            seeded.getrandbits(128)  # what new_id() takes
    token = ids._rng.set(None)
    try:
        yield
    finally:
        ids._rng.reset(token)


@event.listens_for(AuditEntry, "init")
def _random_audit_id(_target: AuditEntry, _args: tuple, kwargs: dict[str, Any]) -> None:
    """During a demo run an audit entry gets a random id. Its seeded id is still drawn (``Record``'s
    constructor asks for one), so the records' ids stay those of the seed."""
    if _FRESH_AUDIT_IDS.get():
        kwargs["id"] = uuid.uuid4()


def _medewerkers(session: Session, region: DemoRegion) -> dict[Medewerker, Role]:
    staff = {}
    roles = [Role.MATCHMAKER] * 6 + [Role.ACCOUNTMANAGER] * 5 + [Role.TEAMLEIDER]
    people = [("demo", Role.MATCHMAKER), ("teamleider", Role.TEAMLEIDER)]
    people += [(" ".join(p for p in region.name() if p), role) for role in roles]
    for name, role in people:
        first = name.split()[0].lower()
        phone = f"0165-{region.rng.randint(100000, 999999)}"
        medewerker = employer_service.ensure_medewerker(session, name, role, email=f"{first}@wsp-demo.example",
                                                        phone=phone, region="WVS")
        staff[medewerker] = role
    return staff


def _employer(session: Session, region: DemoRegion, index: int, staff: dict[Medewerker, Role]) -> Employer:
    place = region.place()
    occupation = region.rng.choice(region.occupations)
    managers = [m for m, role in staff.items() if role == Role.ACCOUNTMANAGER]
    first, prefix, last = region.name()
    return employer_service.create_employer(session, {
        "kvk": f"{70000000 + index * 7919 % 9999999:08d}",
        "name": f"{region.fake.company()} {place.woonplaats}" if region.rng.random() < 0.5 else region.fake.company(),
        "sector": occupation.sector,
        "adres": f"{region.fake.street_name()} {region.rng.randint(1, 250)}",
        "postcode": region.postcode(place),
        "plaats": place.woonplaats,
        "contactpersoon": " ".join(p for p in (first, prefix, last) if p),
        "email": f"info{index}@werkgever-demo.example",
        "telefoon": f"0{region.rng.randint(100000000, 999999999)}",
    }, accountmanager_id=region.rng.choice(managers).id)


def _vacancy(session: Session, region: DemoRegion, index: int, employers: list[Employer]) -> Vacancy:
    rng = region.rng
    occupation = rng.choice(region.occupations)
    kinds = [VacancyKind(k) for k in occupation.vacancy_kinds] or [VacancyKind.REGULIER]
    roll = rng.random()
    kind = VacancyKind.LEERWERKPLEK if roll < 0.25 else rng.choice(kinds)
    employer = rng.choice(employers)
    provider = None
    if kind == VacancyKind.LEERWERKPLEK:
        provider = Provider.LEERWERKBEDRIJF if rng.random() < 0.75 else Provider.MARKT
    skills = [vacancy_service.VacancySkillInput(region.label(s), True) for s in occupation.required]
    skills += [vacancy_service.VacancySkillInput(region.label(s), False) for s in occupation.desired]
    language = {LanguageSkill(k): CefrLevel(v) for k, v in occupation.language.items()}
    return vacancy_service.create_vacancy(session, employer.id, {
        "reference": f"V{region.today.year}-{index + 1:05d}",
        "title": occupation.label if kind != VacancyKind.LEERWERKPLEK
        else f"Leerwerkplek {occupation.label.lower()}",
        "kind": kind,
        "description": f"{occupation.label} bij {employer.name}.",
        "postcode": employer.postcode,
        "place": employer.plaats,
        "hours_per_week": occupation.hours,
        "driving_licence": occupation.driving_licence,
        "start_date": region.today + dt.timedelta(days=rng.randint(-30, 90)),
        "positions": rng.choice((1, 1, 1, 2, 3)),
        "provider": provider,
        "taalondersteuning": kind == VacancyKind.LEERWERKPLEK and rng.random() < 0.5,
    }, skills=skills, min_language=language, vocabulary=region.vocabulary)



def _trajectories(session: Session, rulebooks: Rulebooks, region: DemoRegion, candidate: Candidate,
                  employer_ids: list[uuid.UUID], over_limit: list[str]) -> int:
    """A plausible history for some candidates; every write goes through the rules."""
    rng, today = region.rng, region.today
    if candidate.wsw or (candidate.ontheffing_until and candidate.ontheffing_until >= today - dt.timedelta(days=900)):
        return 0
    roll = rng.random()
    made = 0
    history: list[TrajectoryFacts] = []  # a new candidate's history is what this function adds

    def add(kind: TrajectoryKind, start: dt.date, end: dt.date | None, provider: Provider, **extra: Any) -> bool:
        nonlocal made
        data = TrajectoryInput(kind=kind, start=start, planned_end=end, provider=provider,
                               employer_id=rng.choice(employer_ids), **extra)
        try:
            start_trajectory(session, rulebooks, candidate.id, data, start, history=list(history))
        except MatchDeskError:
            return False  # a refusal writes nothing
        history.append(TrajectoryFacts(kind=kind, start=start, end=data.actual_end or end, provider=provider,
                                       location=data.location))
        made += 1
        return True

    if candidate.doelgroep == Doelgroep.B and roll < 0.35:
        start = today - dt.timedelta(days=rng.randint(-60, 800))
        end = last_day_within(start, rng.choice((3, 4, 6, 6)))
        aborted = end < today and rng.random() < 0.15
        actual = start + (end - start) * 2 // 3 if aborted else None
        location = rng.choice((Location.WERKGEVER, Location.WERKGEVER, None))
        ok = add(TrajectoryKind.LEERWERKTRAJECT, start, end,
                 Provider.LEERWERKBEDRIJF if rng.random() < 0.75 else Provider.MARKT,
                 location=location, actual_end=actual, aborted=aborted,
                 outcome="afgebroken" if aborted else None, vacancy_kind=VacancyKind.LEERWERKPLEK)
        last_end = actual or end
        if ok and not aborted and last_end < today and rng.random() < 0.5:
            follow = rng.random()
            nxt = last_end + dt.timedelta(days=rng.randint(1, 20))
            if follow < 0.5:
                add(TrajectoryKind.REGULIER, nxt, None, Provider.WERKGEVER, vacancy_kind=VacancyKind.REGULIER)
            elif follow < 0.8:
                until = last_day_within(start, 23) - dt.timedelta(days=rng.randint(0, 200))
                add(TrajectoryKind.DETACHERING, nxt, until, Provider.LEERWERKBEDRIJF, motivation=MOTIVATION,
                    vacancy_kind=VacancyKind.REGULIER)
            else:
                add(TrajectoryKind.PROEFPLAATSING, nxt, last_day_within(nxt, 2), Provider.WERKGEVER,
                    motivation=MOTIVATION, vacancy_kind=VacancyKind.PROEFPLAATS)
    elif candidate.doelgroep == Doelgroep.B and roll < 0.37:
        # Deliberately over the 6-month limit and still running: a teamleider override, reason "demo".
        start = today - dt.timedelta(days=rng.randint(190, 230))
        data = TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start,
                               planned_end=last_day_within(start, 9),
                               provider=Provider.LEERWERKBEDRIJF, location=Location.WERKGEVER,
                               vacancy_kind=VacancyKind.LEERWERKPLEK, employer_id=rng.choice(employer_ids))
        session.info["user"], user = "teamleider", session.info.get("user")
        try:
            trajectory = start_trajectory(session, rulebooks, candidate.id, data, start, override_reason="demo",
                                          history=[])
            over_limit.append(str(trajectory.id))
            made += 1
        except MatchDeskError:
            pass
        finally:
            session.info["user"] = user
    elif candidate.doelgroep == Doelgroep.A and roll < 0.25:
        start = today - dt.timedelta(days=rng.randint(-30, 600))
        kind = rng.choice((TrajectoryKind.REGULIER, TrajectoryKind.REGULIER_LKS))
        add(kind, start, last_day_within(start, 12) if rng.random() < 0.5 else None, Provider.WERKGEVER,
            vacancy_kind=VacancyKind.GARANTIEBAAN if candidate.banenafspraak and kind == TrajectoryKind.REGULIER_LKS
            else VacancyKind.REGULIER)
    elif candidate.statushouder and roll < 0.5:
        start = today - dt.timedelta(days=rng.randint(0, 300))
        add(TrajectoryKind.TAALTRAJECT, start, last_day_within(start, 12), Provider.MARKT)
    elif candidate.doelgroep == Doelgroep.C and roll < 0.2:
        start = today - dt.timedelta(days=rng.randint(0, 500))
        add(TrajectoryKind.PARTICIPATIE, start, last_day_within(start, 12), Provider.MARKT, motivation=MOTIVATION)
    return made


def _proposals(session: Session, rulebooks: Rulebooks, region: DemoRegion,
               vacancies: list[tuple[uuid.UUID, VacancyKind, uuid.UUID]], candidate_count: int) -> tuple[int, int]:
    """About two proposals per vacancy, some moved on (invited, declined, withdrawn, placed)."""
    rng, today = region.rng, region.today
    ids = session.scalars(select(Candidate.id).where(Candidate.doelgroep.in_([Doelgroep.A, Doelgroep.B]),
                                                     Candidate.ontheffing_until.is_(None))
                          .order_by(Candidate.klantnummer)).all()
    made = placed = 0
    # About two proposals per vacancy: what a real region has in flight, whatever its caseload.
    for _ in range(min(len(ids), max(10, candidate_count // 6), 2 * len(vacancies))):
        vacancy_id, kind, employer_id = rng.choice(vacancies)
        if kind in (VacancyKind.GARANTIEBAAN, VacancyKind.BESCHUT, VacancyKind.LEERWERKPLEK):
            continue
        candidate_id = rng.choice(ids)
        proposed = today - dt.timedelta(days=rng.randint(0, 60))
        try:
            proposal = proposal_service.propose(session, candidate_id, vacancy_id, proposed, score=rng.randint(40, 95))
            session.flush()
        except MatchDeskError:
            continue
        made += 1
        status = rng.choices([None, ProposalStatus.UITGENODIGD, ProposalStatus.AFGEWEZEN,
                              ProposalStatus.TERUGGETROKKEN, ProposalStatus.GEPLAATST], [50, 20, 15, 5, 10])[0]
        if status is None:
            continue
        moved_on = min(today, proposed + dt.timedelta(days=rng.randint(1, 14)))
        placement = None
        if status == ProposalStatus.GEPLAATST:
            placement = TrajectoryInput(kind=TrajectoryKind.REGULIER, start=moved_on + dt.timedelta(days=7),
                                        planned_end=None, provider=Provider.WERKGEVER, employer_id=employer_id)
        try:
            with session.begin_nested():
                proposal_service.move(session, rulebooks, proposal.id, None, status, moved_on, placement)
            placed += status == ProposalStatus.GEPLAATST
        except MatchDeskError:
            pass
    return made, placed
