"""A synthetic but realistic demo region (WVS, West-Brabant), written through the services.

Same seed and today give identical data, ids included (storage.ids.deterministic). No real person's
data: names come from Faker's nl_NL lists, BSNs are generated to pass the elfproef and are marked as
test data. Trajectories the generator deliberately puts over their limits are recorded as teamleider
overrides with reason "demo", and their ids are kept in the meta table (``demo_over_limit``) so the
signals can be checked against them.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import tomllib
from dataclasses import dataclass, field

from faker import Faker
from sqlalchemy import select

from matchdesk.dates import last_day_within
from matchdesk.domain import (
    Categorie,
    CefrLevel,
    Doelgroep,
    LanguageSkill,
    Location,
    ProposalStatus,
    Provider,
    Role,
    SkillSource,
    TaaleisStatus,
    TrajectoryKind,
    VacancyKind,
)
from matchdesk.errors import MatchDeskError
from matchdesk.occupations import Occupation, load_occupations
from matchdesk.resources import resource
from matchdesk.rules.facts import TrajectoryFacts
from matchdesk.rules.rulebook import Rulebooks
from matchdesk.services import candidates as candidate_service
from matchdesk.services import employers as employer_service
from matchdesk.services import proposals as proposal_service
from matchdesk.services import vacancies as vacancy_service
from matchdesk.services.trajectories import TrajectoryInput, start_trajectory
from matchdesk.storage.ids import deterministic
from matchdesk.storage.models import Candidate
from matchdesk.vocabulary import load_vocabulary

BATCH = 2000
TUSSENVOEGSELS = ("van der", "van den", "van de", "van 't", "in 't", "de", "den", "der", "van", "ter", "te", "het", "'t")
LEVELS = list(CefrLevel)
WEEK = dt.timedelta(days=7)
MOTIVATION = "Regulier werk is nu nog niet haalbaar; afgestemd met kandidaat en werkgever (demo)."


@dataclass
class DemoSize:
    candidates: int = 9000
    employers: int = 400
    vacancies: int = 800


@dataclass
class DemoSummary:
    candidates: int = 0
    employers: int = 0
    vacancies: int = 0
    proposals: int = 0
    trajectories: int = 0
    over_limit: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Place:
    municipality: str
    woonplaats: str
    postcode_low: int
    postcode_high: int


class DemoRegion:
    """The random choices of one demo run, all drawn from one seeded generator."""

    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        data = tomllib.loads(resource("demo", "wvs_region.toml").read_text(encoding="utf-8"))
        self.places = [Place(m["name"], p, *m["postcodes"]) for m in data["municipality"] for p in m["places"]]
        self.place_weights = [m["weight"] / len(m["places"]) for m in data["municipality"] for _ in m["places"]]
        self.occupations: list[Occupation] = sorted(load_occupations().values(), key=lambda o: o.id)
        self.vocabulary = load_vocabulary()
        self.skill_ids = sorted(self.vocabulary.skills)
        self.bsns: set[str] = set()
        self.profile_numbers: set[str] = set()

    def place(self) -> Place:
        return self.rng.choices(self.places, self.place_weights)[0]

    def postcode(self, place: Place) -> str:
        letters = "ABCDEGHJKLMNPRSTVWXZ"
        return f"{self.rng.randint(place.postcode_low, place.postcode_high)} {self.rng.choice(letters)}{self.rng.choice(letters)}"

    def profile_number(self) -> str:
        # Random (not derived from klantnummer or BSN) but reproducible for the same seed.
        while True:
            number = "P" + "".join(self.rng.choice("0123456789") for _ in range(7))
            if number not in self.profile_numbers:
                self.profile_numbers.add(number)
                return number

    def bsn(self) -> str:
        while True:
            digits = [self.rng.randint(0, 9) for _ in range(8)]
            check = sum(d * w for d, w in zip(digits, range(9, 1, -1))) % 11
            if check == 10:
                continue
            value = "".join(map(str, digits)) + str(check)
            if value != "000000000" and value not in self.bsns:
                self.bsns.add(value)
                return value

    def name(self) -> tuple[str, str | None, str]:
        first = self.fake.first_name()
        last = self.fake.last_name()
        for prefix in TUSSENVOEGSELS:
            if last.lower().startswith(prefix + " "):
                return first, last[: len(prefix)], last[len(prefix) + 1:]
        return first, None, last

    def date_between(self, low: dt.date, high: dt.date) -> dt.date:
        return low + dt.timedelta(days=self.rng.randint(0, max(0, (high - low).days)))


def generate(db, rulebooks: Rulebooks, seed: int, today: dt.date, size: DemoSize, user: str = "demo",
             progress=None) -> DemoSummary:
    """Fill an empty database. ``progress(done, total)`` is called between batches."""
    region = DemoRegion(seed, today)
    summary = DemoSummary()
    with deterministic(seed, dt.datetime.combine(today, dt.time(8, 0))):
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
        owners = [m for m, role in staff.items() if role != Role.TEAMLEIDER]
        for start in range(0, size.candidates, BATCH):
            with db.unit(user) as session:
                batch = [_candidate(region, i, owners) for i in range(start, min(start + BATCH, size.candidates))]
                candidate_service.insert_candidates(session, batch)
                ids = [c.values["id"] for c in batch]
                loaded = {c.id: c for c in session.scalars(select(Candidate).where(Candidate.id.in_(ids)))}
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
    return summary


def _medewerkers(session, region: DemoRegion) -> dict:
    staff = {}
    roles = [Role.MATCHMAKER] * 6 + [Role.ACCOUNTMANAGER] * 5 + [Role.TEAMLEIDER]
    people = [("demo", Role.MATCHMAKER), ("teamleider", Role.TEAMLEIDER)]
    people += [(" ".join(p for p in region.name() if p), role) for role in roles]
    for name, role in people:
        first = name.split()[0].lower()
        medewerker = employer_service.ensure_medewerker(
            session, name, role, email=f"{first}@wsp-demo.example", phone=f"0165-{region.rng.randint(100000, 999999)}",
            region="WVS")
        staff[medewerker] = role
    return staff


def _employer(session, region: DemoRegion, index: int, staff: dict):
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


def _vacancy(session, region: DemoRegion, index: int, employers: list):
    rng = region.rng
    occupation = rng.choice(region.occupations)
    kinds = [VacancyKind(k) for k in occupation.vacancy_kinds] or [VacancyKind.REGULIER]
    roll = rng.random()
    kind = VacancyKind.LEERWERKPLEK if roll < 0.25 else rng.choice(kinds)
    employer = rng.choice(employers)
    provider = None
    if kind == VacancyKind.LEERWERKPLEK:
        provider = Provider.LEERWERKBEDRIJF if rng.random() < 0.75 else Provider.MARKT
    skills = [vacancy_service.VacancySkillInput(region.vocabulary.get(s).label, True) for s in occupation.required]
    skills += [vacancy_service.VacancySkillInput(region.vocabulary.get(s).label, False) for s in occupation.desired]
    language = {LanguageSkill(k): CefrLevel(v) for k, v in occupation.language.items()}
    return vacancy_service.create_vacancy(session, employer.id, {
        "reference": f"V{region.today.year}-{index + 1:05d}",
        "title": occupation.label if kind != VacancyKind.LEERWERKPLEK else f"Leerwerkplek {occupation.label.lower()}",
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


def _birth_date(region: DemoRegion) -> dt.date:
    roll = region.rng.random()
    age = region.rng.randint(18, 26) if roll < 0.22 else region.rng.randint(50, 66) if roll < 0.55 else region.rng.randint(27, 49)
    return region.today - dt.timedelta(days=age * 365 + region.rng.randint(0, 364))


def _language(region: DemoRegion, statushouder: bool) -> dict[LanguageSkill, CefrLevel | None]:
    rng = region.rng
    if rng.random() < 0.10:
        return {skill: None for skill in LanguageSkill}
    if statushouder:
        base = rng.choices([1, 2, 3], [40, 45, 15])[0]
    else:
        base = rng.choices([2, 3, 4, 5], [15, 35, 35, 15])[0]
    levels = {}
    for skill in LanguageSkill:
        shift = rng.choice((-1, 0, 0, 1)) - (1 if skill == LanguageSkill.SCHRIJVEN and rng.random() < 0.5 else 0)
        levels[skill] = LEVELS[min(6, max(0, base + shift))]
    return levels


def _candidate(region: DemoRegion, index: int, owners: list) -> candidate_service.NewCandidate:
    rng = region.rng
    place = region.place()
    first, prefix, last = region.name()
    birth = _birth_date(region)
    young = (region.today - birth).days < 27 * 365
    statushouder = rng.random() < 0.08
    doelgroep = rng.choices([Doelgroep.B, Doelgroep.A, Doelgroep.C, None], [58, 20, 17, 5])[0]
    categorie = {Doelgroep.A: rng.choice([Categorie.C1A, Categorie.C1B]),
                 Doelgroep.B: rng.choice([Categorie.C1B, Categorie.C1C, Categorie.C2A]),
                 Doelgroep.C: rng.choice([Categorie.C2B, Categorie.C3A, Categorie.C3B])}.get(doelgroep)
    if rng.random() < 0.05:
        categorie = None
    language = _language(region, statushouder)
    known = [lv for lv in language.values() if lv is not None]
    below_1f = bool(known) and min(lv.rank for lv in known) < CefrLevel.A2.rank
    taaleis = TaaleisStatus.VOLDAAN if known and not below_1f else rng.choice(
        [TaaleisStatus.ONBEKEND, TaaleisStatus.NIET_VOLDAAN, TaaleisStatus.TAALTRAJECT, TaaleisStatus.INBURGERING,
         TaaleisStatus.TAALTOETS_GEPLAND])
    wanted = rng.sample(region.occupations, rng.choice((1, 1, 2)))
    skill_ids = {s for o in wanted for s in o.required + o.desired if rng.random() < 0.6}
    skill_ids |= set(rng.sample(region.skill_ids, rng.randint(0, 3)))
    skills = [candidate_service.SkillInput(region.vocabulary.get(s).label, rng.choice(("basis", "gevorderd", "ervaren")),
                                           rng.choice(list(SkillSource))) for s in sorted(skill_ids)]
    if rng.random() < 0.15:
        skills.append(candidate_service.SkillInput(rng.choice(("ervaring met klanten", "tweedehands fietsen opknappen",
                                                               "koken voor groepen", "mantelzorg"))))
    licences = "B" if rng.random() < 0.45 else ""
    if licences and rng.random() < 0.1:
        licences += ",C"
    ontheffing = None
    if rng.random() < 0.05:
        ontheffing = region.today + dt.timedelta(days=rng.randint(-60, 365))
    values = {
        "klantnummer": f"{2000000 + index}",
        "voornaam": first, "tussenvoegsel": prefix, "achternaam": last,
        "birth_date": birth,
        "bsn": region.bsn() if rng.random() < 0.7 else None,
        "adres": f"{region.fake.street_name()} {rng.randint(1, 180)}",
        "postcode": region.postcode(place),
        "woonplaats": place.woonplaats,
        "municipality": place.municipality,
        "telefoon": f"06{rng.randint(10000000, 99999999)}",
        "email": f"kandidaat{index}@demo.example",
        "doelgroep": doelgroep, "categorie": categorie,
        "benefit_type": rng.choice(("Participatiewet", "Participatiewet", "Participatiewet", "Wajong", "geen")),
        "banenafspraak": rng.random() < 0.08,
        "beschut_indicatie": rng.random() < 0.02,
        "wsw": rng.random() < 0.03,
        "statushouder": statushouder,
        "taalachterstand": statushouder and rng.random() < 0.8,
        "taaleis_status": taaleis,
        "taaleis_date": region.today - dt.timedelta(days=rng.randint(0, 400)),
        "startkwalificatie": rng.random() < (0.55 if young else 0.65),
        "ontheffing_until": ontheffing,
        "hours_per_week": rng.choice((16, 20, 24, 24, 32, 32, 36, 38, 40)) if rng.random() > 0.05 else None,
        "available_from": region.today + dt.timedelta(days=rng.randint(-200, 60)),
        "driving_licences": licences,
        "max_travel_km": rng.choice((5, 10, 15, 20, 25, 30, 40)) if rng.random() > 0.1 else None,
        "wishes": f"Wil graag werken als {' of '.join(o.label.lower() for o in wanted)}.",
        "desired_occupations": ";".join(o.label for o in wanted),
        "work_limitations": rng.choice(("Niet zwaar tillen", "Kan niet lang achter elkaar staan",
                                        "Vaste structuur en begeleiding nodig", "Geen nachtdiensten")) if rng.random() < 0.12 else None,
        "loonwaarde": rng.randint(40, 90) if rng.random() < 0.15 else None,
        "notes": "Gesprek gevoerd; kandidaat is gemotiveerd. (demo)" if rng.random() < 0.3 else None,
    }
    # Klantnummers, BSNs and profile numbers are unique by construction (DemoRegion keeps the sets).
    return candidate_service.prepare_candidate(values, region.today, skills=skills, languages=language,
                                               vocabulary=region.vocabulary, owner_id=rng.choice(owners).id,
                                               profile_number=region.profile_number())


def _trajectories(session, rulebooks, region: DemoRegion, candidate, employer_ids, over_limit: list[str]) -> int:
    """A plausible history for some candidates; every write goes through the rules."""
    rng, today = region.rng, region.today
    if candidate.wsw or (candidate.ontheffing_until and candidate.ontheffing_until >= today - dt.timedelta(days=900)):
        return 0
    roll = rng.random()
    made = 0
    history: list[TrajectoryFacts] = []  # a new candidate's history is what this function adds

    def add(kind, start, end, provider, **extra) -> bool:
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
                add(TrajectoryKind.DETACHERING, nxt, last_day_within(start, 23) - dt.timedelta(days=rng.randint(0, 200)),
                    Provider.LEERWERKBEDRIJF, motivation=MOTIVATION, vacancy_kind=VacancyKind.REGULIER)
            else:
                add(TrajectoryKind.PROEFPLAATSING, nxt, last_day_within(nxt, 2), Provider.WERKGEVER,
                    motivation=MOTIVATION, vacancy_kind=VacancyKind.PROEFPLAATS)
    elif candidate.doelgroep == Doelgroep.B and roll < 0.37:
        # Deliberately over the 6-month limit and still running: a teamleider override, reason "demo".
        start = today - dt.timedelta(days=rng.randint(190, 230))
        data = TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=start, planned_end=last_day_within(start, 9),
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


def _proposals(session, rulebooks, region: DemoRegion, vacancies, candidate_count: int) -> tuple[int, int]:


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
