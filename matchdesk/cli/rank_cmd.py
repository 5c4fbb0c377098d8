"""`matchdesk rank --vacancy REF | --vacancy-file FILE.json | --candidate KLANTNUMMER [--top N] [filters] [--json]`."""

from __future__ import annotations

import json
from pathlib import Path

from matchdesk.domain import Categorie, Doelgroep, LanguageSkill, VacancyKind
from matchdesk.errors import UsageError
from matchdesk.labels import label
from matchdesk.matching.weights import COMPONENT_LABELS


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "rank", parents=[parent], help="rangschik kandidaten bij een vacature of vacatures bij een kandidaat",
        description="Rangschik kandidaten bij een vacature (opgeslagen of uit een JSON-bestand met de velden van de "
                    "vacature-import), of vacatures en leerwerkplekken bij een kandidaat. Met uitleg per resultaat.")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--vacancy", "--vacature", metavar="REF", help="referentie van een opgeslagen vacature")
    what.add_argument("--vacancy-file", "--vacaturebestand", metavar="BESTAND.json",
                      help="een niet-opgeslagen vacature als JSON-object met de velden van de vacature-import")
    what.add_argument("--candidate", "--kandidaat", metavar="KLANTNUMMER", help="klantnummer van een kandidaat")
    parser.add_argument("--top", type=int, default=20, metavar="N", help="aantal resultaten (standaard 20; 0 = alle)")
    parser.add_argument("--municipality", "--gemeente", metavar="GEMEENTE",
                        help="alleen kandidaten uit deze gemeente (bij --candidate: vacatures in deze plaats)")
    parser.add_argument("--doelgroep", choices=[d.value for d in Doelgroep],
                        help="alleen kandidaten van deze doelgroep")
    parser.add_argument("--categorie", choices=[c.value for c in Categorie],
                        help="alleen kandidaten van deze categorie")
    parser.add_argument("--kind", "--soort", choices=[k.value for k in VacancyKind],
                        help="alleen vacatures van deze soort (bij --candidate)")
    parser.add_argument("--max-distance", "--max-afstand", type=float, metavar="KM",
                        help="hoogstens zoveel km reisafstand (onbekende afstand blijft staan)")
    parser.add_argument("--min-score", type=int, metavar="N", help="alleen resultaten met minstens deze score")
    parser.add_argument("--available-now", "--nu-beschikbaar", action="store_true",
                        help="alleen wie nu (op --today) beschikbaar is, of vacatures die nu starten")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(handler=run)


def _read_vacancy_file(name: str) -> dict:
    path = Path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UsageError(f"vacaturebestand {name} bestaat niet") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"vacaturebestand {name} is geen leesbaar JSON ({error})") from None
    if isinstance(data, dict) and isinstance(data.get("vacancy"), dict):
        data = data["vacancy"]
    if not isinstance(data, dict):
        raise UsageError(f"vacaturebestand {name}: verwacht één JSON-object met vacaturevelden")
    return data


def run(ctx, args) -> int:
    from matchdesk.matching.engine import Filters
    from matchdesk.services import matching

    if args.top < 0:
        raise UsageError("--top moet 0 of groter zijn")
    filters = Filters(municipality=args.municipality, doelgroep=args.doelgroep, categorie=args.categorie,
                      kind=args.kind, max_distance_km=args.max_distance, min_score=args.min_score,
                      available_now=args.available_now)
    fields = _read_vacancy_file(args.vacancy_file) if args.vacancy_file else None
    app = ctx.app()
    if args.candidate:
        ranking = matching.rank_for_candidate(app, args.candidate, filters, args.top)
    elif fields is not None:
        ranking = matching.rank_for_vacancy_fields(app, fields, filters, args.top)
    else:
        ranking = matching.rank_for_vacancy(app, args.vacancy, filters, args.top)
    if args.json:
        print(json.dumps(ranking.to_json(), ensure_ascii=False, indent=2))
        return 0
    _print_table(ranking, bool(args.candidate))
    return 0


def _print_table(ranking, for_candidate: bool) -> None:
    subject = f"kandidaat {ranking.query['candidate']}" if for_candidate else f"vacature {ranking.query['vacancy']}"
    what = "vacatures" if for_candidate else "kandidaten"
    print(f"{what.capitalize()} voor {subject}: {ranking.total} beoordeeld, {len(ranking.results)} getoond.")
    if not ranking.results:
        return
    key = "vacancy" if for_candidate else "candidate"
    head = f"{'nr':>3}  {'vacature' if for_candidate else 'klantnummer':<14} {'score':>5}  {'afstand':>7}  toelichting"
    print(head)
    for number, result in enumerate(ranking.results, 1):
        distance = "?" if result["distance_km"] is None else f"{result['distance_km']:.0f} km"
        notes = []
        if not result["eligible"]:
            notes.append("knock-out: " + "; ".join(k["rule"] for k in result["knockouts"]))
        if for_candidate:
            notes.append(result["title"])
        if result["missing_skills"]:
            notes.append("mist " + ", ".join(result["missing_skills"]))
        if result["language_gaps"]:
            notes.append("taal " + ", ".join(f"{label(g['skill'], LanguageSkill).lower()} {g['level']}<{g['required']}"
                                             for g in result["language_gaps"]))
        if result["unknown"]:
            notes.append("onbekend: " + ", ".join(COMPONENT_LABELS.get(name, name) for name in result["unknown"]))
        print(f"{number:>3}  {result[key]:<14} {result['score']:>5}  {distance:>7}  {' | '.join(notes)}")
