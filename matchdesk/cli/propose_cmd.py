"""`matchdesk propose KLANTNUMMER REFERENCE` (or ``--vacancy REF --candidates KN[,KN...]``): put candidates
forward for a vacancy through the same use case as the window (``services.proposals.propose_from_ranking``,
one unit of work per candidate). Exit 0 done, 1 refused (already proposed), 2 bad usage or an unknown
klantnummer or reference (nothing proposed then); ``--json`` prints ``{"ok", "id", "verdict", "findings"}``
(CONTRACTS.md) with ``"proposed"`` and ``"refused"`` per candidate."""

from __future__ import annotations

import json
import sys

from matchdesk.cli.write_output import add_id, add_json
from matchdesk.errors import UsageError, ValidationError


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser(
        "propose", parents=[parent], help="kandidaten voorstellen voor een vacature",
        description="Stelt een kandidaat voor voor een vacature, zoals het venster dat doet: "
        "'matchdesk propose KLANTNUMMER REFERENTIE', of meer kandidaten tegelijk met "
        "'--vacancy REFERENTIE --candidates KN,KN'. Een kandidaat met een open voorstel voor deze vacature "
        "wordt geweigerd (uitgang 1).")
    parser.add_argument("klantnummer", nargs="?", metavar="KLANTNUMMER")
    parser.add_argument("reference", nargs="?", metavar="REFERENTIE", help="referentie van de vacature")
    parser.add_argument("--vacancy", metavar="REFERENTIE", help="referentie van de vacature")
    parser.add_argument("--candidates", metavar="KN[,KN...]", help="klantnummers, gescheiden door komma's")
    parser.add_argument("--note", metavar="TEKST", help="toelichting bij het voorstel")
    add_id(parser, "het voorstel (alleen bij één kandidaat)")
    add_json(parser)
    parser.set_defaults(handler=run)


def _pairs(args) -> tuple[str, list[str]]:
    if args.vacancy or args.candidates:
        if args.reference is not None or not (args.vacancy and args.candidates):
            raise UsageError("geef KLANTNUMMER en REFERENTIE, of --vacancy REFERENTIE met --candidates KN[,KN...]")
        candidates = list(dict.fromkeys(k.strip() for k in args.candidates.split(",") if k.strip()))
        if args.klantnummer is not None:
            candidates.insert(0, args.klantnummer)
        if not candidates:
            raise UsageError("--candidates: geen klantnummer gegeven")
        return args.vacancy, candidates
    if args.klantnummer is None or args.reference is None:
        raise UsageError("geef KLANTNUMMER en REFERENTIE, of --vacancy REFERENTIE met --candidates KN[,KN...]")
    return args.reference, [args.klantnummer]


def run(ctx, args) -> int:
    from matchdesk.services.proposals import propose_from_ranking
    from matchdesk.services.trajectory_cases import placement_ids

    reference, candidates = _pairs(args)
    if args.id is not None and len(candidates) > 1:
        raise UsageError("--id kan alleen bij één kandidaat")
    app = ctx.app()
    for klantnummer in candidates:  # every name known before anything is written (else exit 2, nothing done)
        placement_ids(app, klantnummer, reference)
    proposed, refused = [], []
    for klantnummer in candidates:
        try:
            made = propose_from_ranking(app, klantnummer, reference, explanation=args.note, record_id=args.id)
        except ValidationError as error:  # an open proposal for this pair already: refused, the others go on
            if error.field == "id":  # the given --id is taken: bad input
                raise
            refused.append((klantnummer, str(error)))
            print(f"matchdesk: {error} (kandidaat {klantnummer})", file=sys.stderr)
            continue
        proposed.append((klantnummer, made.id))
    if args.json:
        print(json.dumps({"ok": not refused, "id": str(proposed[0][1]) if len(proposed) == 1 else None,
                          "verdict": None, "findings": [],
                          "proposed": [{"candidate": k, "id": str(i)} for k, i in proposed],
                          "refused": [{"candidate": k, "message": m} for k, m in refused]}, ensure_ascii=False))
    else:
        for klantnummer, _id in proposed:
            print(f"Kandidaat {klantnummer} voorgesteld voor vacature {reference}")
    return 1 if refused else 0
