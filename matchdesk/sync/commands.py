"""The commands a laptop records and the server replays: each name of docs/sync.md mapped to the app-level
use case that does it.

    execute(app, "trajectory.start", {"candidate_id": cid, "fields": fields})   # runs the use case
    replay(server_app, command)      # the server's side of one pushed command -> its result (a dict)

``args`` are the use case's arguments by parameter name (Python values; ``codec`` turns them into JSON and
back). ``signal.state`` is one command for the four signal use cases: ``args["action"]`` says which
(handle, snooze, hand_over, reopen). ``replay`` judges a command as the laptop's medewerker did, on the
laptop's decision date: ``app.as_of(decided_on)``; the ids the laptop created are handed out again in order
(``storage.ids.handing_out``); ``expects`` is checked against the current versions first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.errors import ConflictError, MatchDeskError, RuleViolation, StorageUnavailable, ValidationError
from matchdesk.storage.ids import handing_out
from matchdesk.sync.codec import SYNCED_TABLES, CodecError, decode_args, rows_named, split_key, table_of
from matchdesk.sync.outbox import quiet, while_committing

if TYPE_CHECKING:
    from matchdesk.app import App

@dataclass(frozen=True)
class Command:
    """A registered command: the use case (module and function) and, for a command that sends back the version
    it read, the table of that record and the arguments holding its id and version."""

    name: str
    module: str
    function: str
    table: str | None = None
    id_arg: str | None = None
    version_arg: str = "version"

    def use_case(self) -> Callable[..., Any]:
        return getattr(importlib.import_module(self.module), self.function)

    def expects(self, args: Mapping[str, Any]) -> dict[str, int]:
        """``table/uuid`` -> the version the arguments say was read."""
        if self.name == "placement.place":  # the open proposal of the row, unless proposed and placed at once
            row = args.get("row")
            row_id = getattr(row, "id", None)
            if row_id is None or row_id == uuid.UUID(int=0):  # proposals.NO_PROPOSAL
                return {}
            return {f"proposals/{row_id}": int(row.version)}  # type: ignore[union-attr]
        if self.table is None or self.id_arg is None:
            return {}
        record_id, version = args.get(self.id_arg), args.get(self.version_arg)
        return {f"{self.table}/{record_id}": int(version)} if record_id is not None and version is not None else {}

    def with_versions(self, args: Mapping[str, Any], versions: Mapping[str, int]) -> dict[str, Any]:
        """``args`` with the versions read replaced by ``versions`` (``table/uuid`` -> version): a redo."""
        out = dict(args)
        for key, version in versions.items():
            row = out.get("row")
            if self.name == "placement.place" and row is not None and f"proposals/{getattr(row, 'id', None)}" == key:
                out["row"] = dataclasses.replace(row, version=version)
            elif self.table and self.id_arg and f"{self.table}/{out.get(self.id_arg)}" == key:
                out[self.version_arg] = version
        return out


_S = "matchdesk.services."
COMMANDS: dict[str, Command] = {c.name: c for c in (
    Command("candidate.save", _S + "candidate_cases", "save_candidate", table="candidates", id_arg="candidate_id"),
    Command("candidate.archive", _S + "candidate_cases", "archive_candidate",
            table="candidates", id_arg="candidate_id"),
    Command("candidate.restore", _S + "candidate_cases", "restore_candidate",
            table="candidates", id_arg="candidate_id"),
    Command("candidate.employer_text", _S + "employer_text", "confirm_employer_text"),
    Command("employer.save", _S + "employers", "save_employer", table="employers", id_arg="employer_id"),
    Command("employer.archive", _S + "employers", "archive_employer", table="employers", id_arg="employer_id"),
    Command("employer.restore", _S + "employers", "restore_employer", table="employers", id_arg="employer_id"),
    Command("vacancy.save", _S + "vacancies", "save_vacancy", table="vacancies", id_arg="vacancy_id"),
    Command("vacancy.archive", _S + "vacancies", "archive_vacancy", table="vacancies", id_arg="vacancy_id"),
    Command("vacancy.restore", _S + "vacancies", "restore_vacancy", table="vacancies", id_arg="vacancy_id"),
    Command("vacancy.create_for", _S + "vacancy_create", "create_vacancy_for"),
    Command("proposal.propose", _S + "proposals", "propose_from_ranking"),
    Command("proposal.move", _S + "proposals", "move_proposal", table="proposals", id_arg="proposal_id"),
    Command("placement.place", _S + "proposals", "place_pair"),
    Command("trajectory.start", _S + "trajectory_cases", "start"),
    Command("trajectory.extend", _S + "trajectory_cases", "extend", table="trajectories", id_arg="trajectory_id"),
    Command("trajectory.end", _S + "trajectory_cases", "end", table="trajectories", id_arg="trajectory_id"),
    Command("contact.add", _S + "contacts", "record_contact"),
    Command("signal.state", _S + "signal_states", ""),  # by args["action"]: SIGNAL_ACTIONS
)}
COMMAND_LABELS = {  # what a user reads (Dutch); files and JSON keep the names
    "candidate.save": "kandidaat opslaan", "candidate.archive": "kandidaat archiveren",
    "candidate.restore": "kandidaat terugzetten", "candidate.employer_text": "tekst voor werkgevers bevestigen",
    "employer.save": "werkgever opslaan", "employer.archive": "werkgever archiveren",
    "employer.restore": "werkgever terugzetten", "vacancy.save": "vacature opslaan",
    "vacancy.archive": "vacature archiveren", "vacancy.restore": "vacature terugzetten",
    "vacancy.create_for": "vacature ter plekke vastleggen", "proposal.propose": "kandidaat voorstellen",
    "proposal.move": "voorstel verplaatsen", "placement.place": "kandidaat plaatsen",
    "trajectory.start": "traject starten", "trajectory.extend": "traject verlengen",
    "trajectory.end": "traject beëindigen", "contact.add": "contactmoment vastleggen",
    "signal.state": "signaal afhandelen",
}
SIGNAL_ACTIONS = {"handle": "handle_signals", "snooze": "snooze_signals", "hand_over": "hand_over_signals",
                  "reopen": "reopen_signals"}


def command(name: str) -> Command:
    """The registered command (``ValidationError`` for an unknown name)."""
    found = COMMANDS.get(name)
    if found is None:
        raise ValidationError("opdracht", name, f"onbekende opdracht {name!r}")
    return found


def use_case_of(name: str, args: Mapping[str, Any]) -> tuple[Callable[..., Any], dict[str, Any]]:
    """The function that runs command ``name`` and the keyword arguments it takes from ``args``."""
    spec = command(name)
    kwargs = dict(args)
    if spec.name == "signal.state":
        action = kwargs.pop("action", None)
        if action not in SIGNAL_ACTIONS:
            raise ValidationError("action", action, f"onbekende signaalactie {action!r}")
        function = getattr(importlib.import_module(spec.module), SIGNAL_ACTIONS[str(action)])
    else:
        function = spec.use_case()
    try:
        inspect.signature(inspect.unwrap(function)).bind(None, **kwargs)
    except TypeError as error:
        raise CodecError(f"{name}: {error}") from None
    return function, kwargs


def execute(app: App, name: str, args: Mapping[str, Any]) -> Any:
    """Run command ``name`` with ``args`` (Python values by parameter name) as ``app``'s medewerker;
    returns what the use case returns. On a laptop the use case records itself in the outbox."""
    function, kwargs = use_case_of(name, args)
    return function(app, **kwargs)


def expected_versions(name: str, args: Mapping[str, Any]) -> dict[str, int]:
    """``expects`` of a command: the versions its arguments say were read (``table/uuid`` -> version)."""
    return command(name).expects(args)


# -- the server's side ------------------------------------------------------------------------------------------
_LABELS = {"candidates": "De kandidaat", "employers": "De werkgever", "vacancies": "De vacature",
           "proposals": "Het voorstel", "trajectories": "Het traject"}


def replay(app: App, command: Mapping[str, Any], *, user: str | None = None,
           on_applied: Callable[[Session], None] | None = None) -> dict[str, Any]:
    """Replay one pushed command on this database: the result docs/sync.md gives per command,
    ``{"id", "status", "message", "findings", "changed_by", "changed_at", "current"}`` with status
    applied | rules | conflict | invalid. Runs as ``user`` (default ``app.user``: the signed-in
    medewerker), on the command's decision date, with the laptop's ids. ``StorageUnavailable`` (a busy or
    broken database) is raised, not answered: the command was not judged and may be sent again.
    ``on_applied(session)`` runs inside the command's own transaction just before it commits (only when it
    is applied): the server stores its answer there, with the effect."""
    result: dict[str, Any] = {"id": command.get("id") if isinstance(command, Mapping) else None,
                              "status": "applied", "message": "", "findings": [], "changed_by": None,
                              "changed_at": None, "current": {}}
    try:
        name, args, decided, ids, expects, touched = _parse(command)
    except MatchDeskError as error:
        return result | {"status": "invalid", "message": str(error)}
    keys = list(dict.fromkeys([*touched, *expects]))
    try:
        stale = _stale(app, expects)
    except StorageUnavailable:
        raise
    except MatchDeskError as error:
        return result | {"status": "invalid", "message": str(error), "current": _current(app, keys)}
    if stale is not None:
        key, by, at = stale
        when = at.strftime("%d-%m-%Y %H:%M") if at else "onbekend"
        label = _LABELS.get(key.partition("/")[0], "Het gegeven")
        return result | {"status": "conflict", "changed_by": by, "changed_at": _iso(at),
                         "message": f"{label} is intussen gewijzigd door {by} ({when}); er is niets overschreven.",
                         "current": _current(app, keys)}
    actor = app.as_of(decided, user=user)
    try:
        with handing_out(ids, SYNCED_TABLES), quiet(), while_committing(on_applied or _nothing_more):
            execute(actor, name, args)
        return result
    except StorageUnavailable:
        raise
    except RuleViolation as error:
        findings = [f.to_json() if hasattr(f, "to_json") else dict(f) for f in error.findings]
        result |= {"status": "rules", "message": str(error), "findings": findings}
    except ConflictError as error:
        at = _changed_at(app, expects)
        result |= {"status": "conflict", "message": str(error), "changed_by": error.changed_by,
                   "changed_at": _iso(at)}
    except MatchDeskError as error:  # ValidationError, NotFound, UsageError, a bad argument
        result |= {"status": "invalid", "message": str(error)}
    result["current"] = _current(app, keys)
    return result


def id_to_wire(table: str | None, made: uuid.UUID) -> str:
    """An id the laptop created as ``ids`` carries it: ``table/uuid``, or the bare uuid when the code that
    made it named no table."""
    return f"{table}/{made}" if table else str(made)


def id_from_wire(text: str) -> tuple[str | None, uuid.UUID]:
    table, _, made = text.rpartition("/")
    return table or None, uuid.UUID(made)


def _nothing_more(_session: Session) -> None:
    pass


def _parse(command: Mapping[str, Any]) -> tuple[str, dict[str, Any], dt.date, list[tuple[str | None, uuid.UUID]],
                                                dict[str, int], list[str]]:
    if not isinstance(command, Mapping):
        raise CodecError("een opdracht is geen object")
    name = command.get("name")
    if not isinstance(name, str):
        raise CodecError("de opdracht heeft geen naam")
    args = decode_args(command.get("args") or {})
    try:
        decided = dt.date.fromisoformat(str(command.get("decided_on")))
        ids = [id_from_wire(str(i)) for i in command.get("ids") or []]
        expects = {str(k): int(v) for k, v in (command.get("expects") or {}).items()}
        touched = [str(k) for k in command.get("touched") or []]
    except (TypeError, ValueError, AttributeError) as error:
        raise CodecError(f"ongeldige opdracht: {error}") from None
    for key in [*expects, *touched]:
        table_of(split_key(key)[0])
    use_case_of(name, args)  # an unknown name or arguments the use case does not take: invalid
    return name, args, decided, ids, expects, touched


def _stale(app: App, expects: Mapping[str, int]) -> tuple[str, str, dt.datetime | None] | None:
    """The first expected row with another version here: its key, who changed it and when."""
    if not expects:
        return None
    with app.reading() as session:
        for key, version in expects.items():
            table_name, row_id = split_key(key)
            table = table_of(table_name)
            row = session.execute(select(table.c.version, table.c.updated_by, table.c.updated_at)
                                  .where(table.c.id == row_id)).first()
            if row is None:
                raise ValidationError("record", key, f"{_LABELS.get(table_name, 'Het gegeven')} bestaat niet "
                                                     "(meer) op de server")
            if row.version != version:
                return key, row.updated_by, row.updated_at
    return None


def _changed_at(app: App, expects: Mapping[str, int]) -> dt.datetime | None:
    try:
        stale = _stale(app, expects)
    except MatchDeskError:
        return None
    return stale[2] if stale else None


def _current(app: App, keys: list[str]) -> dict[str, dict[str, Any] | None]:
    """The rows named by ``keys`` as this database holds them now (None: no such row)."""
    with app.reading() as session:
        return rows_named(session, keys)


def _iso(at: dt.datetime | None) -> str | None:
    return at.isoformat() + "Z" if at is not None else None


__all__ = ["COMMANDS", "COMMAND_LABELS", "SIGNAL_ACTIONS", "Command", "command", "execute", "expected_versions",
           "replay", "use_case_of"]
