"""`matchdesk audit verify [--json]`: check the audit log's hash chain (exit 0 "in orde", exit 1 naming the first
broken entry); `matchdesk audit spoor KLANTNUMMER`: a candidate's audit trail, for a teamleider."""

from __future__ import annotations

import json

from matchdesk.plural import plural


def register(subparsers, parent) -> None:
    parser = subparsers.add_parser("audit", parents=[parent], help="het auditlog controleren of lezen",
                                   description="Controleer de hashketen van het auditlog, of lees het auditspoor "
                                               "van een kandidaat (alleen een teamleider).")
    actions = parser.add_subparsers(dest="audit_action", metavar="ACTIE", required=True)
    verify = actions.add_parser("verify", parents=[parent], help="controleer de hashketen van het auditlog",
                                description="Controleert of elke regel van het auditlog nog is zoals hij is "
                                            "geschreven en of er geen regels zijn verwijderd of ingevoegd. "
                                            "Exitcode 0: in orde; 1: de eerste gebroken regel wordt genoemd.")
    verify.add_argument("--json", action="store_true", help="uitvoer als JSON")
    verify.set_defaults(handler=run_verify)
    trail = actions.add_parser("spoor", aliases=["trail"], parents=[parent],
                               help="het auditspoor van een kandidaat (alleen een teamleider)",
                               description="Wanneer, wie en wat bij één kandidaat: de kandidaat, zijn trajecten, "
                                           "voorstellen en contactmomenten en de rangschikkingen waarin hij stond.")
    trail.add_argument("klantnummer", metavar="KLANTNUMMER")
    trail.set_defaults(handler=run_trail)


def run_verify(ctx, args) -> int:
    from matchdesk.services.audit import verify_audit

    check = verify_audit(ctx.app())
    if args.json:
        print(json.dumps({"ok": check.ok, "checked": check.checked, "unchained": check.unchained,
                          "first_seq": check.first_seq,
                          "broken": None if check.ok else {"kind": check.broken_kind, "id": str(check.broken_id),
                                                           "seq": check.broken_seq},
                          "message": check.message()}, ensure_ascii=False, indent=2))
    else:
        print(check.message())
    return 0 if check.ok else 1


def run_trail(ctx, args) -> int:
    from matchdesk.services.audit import audit_trail

    trail = audit_trail(ctx.app(), args.klantnummer)
    for line in trail.lines:
        what = f" ({line.fields})" if line.fields else ""
        detail = f" - {line.detail}" if line.detail else ""
        print(f"{line.at:%Y-%m-%d %H:%M:%S}  {line.medewerker:<20} {line.action} {line.record_type}{what}{detail}")
    print(f"{plural(len(trail.lines), 'regel', 'regels')} in het auditspoor van kandidaat {trail.klantnummer}.")
    return 0
