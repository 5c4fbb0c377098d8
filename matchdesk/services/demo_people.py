"""The people of a demo region: its places, names, BSNs, ages, language levels and new candidates.

Every choice is drawn from one seeded generator (``DemoRegion``), so the same seed and today give the same
people. No real person's data: names come from Faker's nl_NL lists, BSNs are generated to pass the elfproef
(and are marked as test data when stored). ``demo.generate`` writes them through the services.
"""

from __future__ import annotations

import datetime as dt
import random
import tomllib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from faker import Faker

from matchdesk.domain import Categorie, CefrLevel, Doelgroep, LanguageSkill, SkillSource, TaaleisStatus
from matchdesk.occupations import Occupation, load_occupations
from matchdesk.resources import resource
from matchdesk.services import candidates as candidate_service
from matchdesk.vocabulary import load_vocabulary

TUSSENVOEGSELS = ("van der", "van den", "van de", "van 't", "in 't", "de", "den", "der", "van", "ter", "te", "het",
                  "'t")
LEVELS = list(CefrLevel)


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
        # choices added after the labelled benchmark set was graded (benchmarks/labels) draw from this one, so
        # the main sequence, and with it every person of a seed, stays as it was
        self.side = random.Random(f"matchdesk-side-{seed}")
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
        number = self.rng.randint(place.postcode_low, place.postcode_high)
        return f"{number} {self.rng.choice(letters)}{self.rng.choice(letters)}"

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
            check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
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


    def label(self, skill_id: str) -> str:
        """The vocabulary's label of a skill the occupations name (checked when they were loaded)."""
        return self.vocabulary.skills[skill_id].label


def birth_date(region: DemoRegion) -> dt.date:
    roll = region.rng.random()
    rng = region.rng
    age = rng.randint(18, 26) if roll < 0.22 else rng.randint(50, 66) if roll < 0.55 else rng.randint(27, 49)
    return region.today - dt.timedelta(days=age * 365 + region.rng.randint(0, 364))


def language_levels(region: DemoRegion, statushouder: bool) -> dict[LanguageSkill, CefrLevel | None]:
    rng = region.rng
    if rng.random() < 0.10:
        return {skill: None for skill in LanguageSkill}
    if statushouder:
        base = rng.choices([1, 2, 3], [40, 45, 15])[0]
    else:
        base = rng.choices([2, 3, 4, 5], [15, 35, 35, 15])[0]
    levels: dict[LanguageSkill, CefrLevel | None] = {}
    for skill in LanguageSkill:
        shift = rng.choice((-1, 0, 0, 1)) - (1 if skill == LanguageSkill.SCHRIJVEN and rng.random() < 0.5 else 0)
        levels[skill] = LEVELS[min(6, max(0, base + shift))]
    return levels


def new_candidate(region: DemoRegion, index: int, owner_ids: Sequence[uuid.UUID]) -> candidate_service.NewCandidate:
    """Candidate ``index`` of the region (klantnummer 2000000 + index), ready for ``insert_candidates``."""
    rng = region.rng
    place = region.place()
    first, prefix, last = region.name()
    birth = birth_date(region)
    young = (region.today - birth).days < 27 * 365
    statushouder = rng.random() < 0.08
    doelgroep = rng.choices([Doelgroep.B, Doelgroep.A, Doelgroep.C, None], [58, 20, 17, 5])[0]
    categories = {Doelgroep.A: rng.choice([Categorie.C1A, Categorie.C1B]),
                  Doelgroep.B: rng.choice([Categorie.C1B, Categorie.C1C, Categorie.C2A]),
                  Doelgroep.C: rng.choice([Categorie.C2B, Categorie.C3A, Categorie.C3B])}
    categorie = categories.get(doelgroep) if doelgroep is not None else None
    if rng.random() < 0.05:
        categorie = None
    language = language_levels(region, statushouder)
    known = [lv for lv in language.values() if lv is not None]
    below_1f = bool(known) and min(lv.rank for lv in known) < CefrLevel.A2.rank
    taaleis = TaaleisStatus.VOLDAAN if known and not below_1f else rng.choice(
        [TaaleisStatus.ONBEKEND, TaaleisStatus.NIET_VOLDAAN, TaaleisStatus.TAALTRAJECT, TaaleisStatus.INBURGERING,
         TaaleisStatus.TAALTOETS_GEPLAND])
    wanted = rng.sample(region.occupations, rng.choice((1, 1, 2)))
    skill_ids = {s for o in wanted for s in o.required + o.desired if rng.random() < 0.6}
    skill_ids |= set(rng.sample(region.skill_ids, rng.randint(0, 3)))
    skills = [candidate_service.SkillInput(region.label(s), rng.choice(("basis", "gevorderd", "ervaren")),
                                           rng.choice(list(SkillSource))) for s in sorted(skill_ids)]
    if rng.random() < 0.15:
        skills.append(candidate_service.SkillInput(rng.choice(("ervaring met klanten", "tweedehands fietsen opknappen",
                                                               "koken voor groepen", "mantelzorg"))))
    # The licence field: B for about half, some C too; "geen" (known: none) for a third of the rest (drawn
    # from the side generator, so the people of a seed stay who they were), the others not recorded. A
    # licence among the skills (a chauffeur's "Rijbewijs CE", "Code 95") joins this field when the candidate
    # is prepared (``matchdesk.licences``): licences are never skill rows.
    licences = "B" if rng.random() < 0.45 else ""
    if licences and rng.random() < 0.1:
        licences += ",C"
    if not licences and region.side.random() < 0.35:
        licences = "geen"
    ontheffing = None
    if rng.random() < 0.05:
        ontheffing = region.today + dt.timedelta(days=rng.randint(-60, 365))
    limitations = ("Niet zwaar tillen", "Kan niet lang achter elkaar staan", "Vaste structuur en begeleiding nodig",
                   "Geen nachtdiensten")
    values: dict[str, object] = {
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
        "work_limitations": rng.choice(limitations) if rng.random() < 0.12 else None,
        "loonwaarde": rng.randint(40, 90) if rng.random() < 0.15 else None,
        "notes": "Gesprek gevoerd; kandidaat is gemotiveerd. (demo)" if rng.random() < 0.3 else None,
    }
    # Klantnummers, BSNs and profile numbers are unique by construction (DemoRegion keeps the sets).
    return candidate_service.prepare_candidate(values, region.today, skills=skills, languages=language,
                                               vocabulary=region.vocabulary, owner_id=rng.choice(owner_ids),
                                               profile_number=region.profile_number())

