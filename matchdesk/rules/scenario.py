"""What-if scenarios (``matchdesk rules check FILE.json``), format in resources/schemas/scenario.schema.json.

Every mistake is a UsageError naming the field, so the command exits 2 with a Dutch message.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from typing import Any, TypeVar

from matchdesk.dates import parse_iso_date
from matchdesk.domain import Categorie, Doelgroep, Location, Provider, TrajectoryKind, VacancyKind
from matchdesk.errors import NotFound, UsageError
from matchdesk.rules.evaluate import evaluate, replace_extended
from matchdesk.rules.facts import ACTIONS, CandidateFacts, ProposedAction, TrajectoryFacts, Verdict
from matchdesk.rules.rulebook import Rulebooks, load_rulebooks
from matchdesk.rules.safe_input import MAX_DEPTH, date_in_range, nesting_problem

_TOP = {"municipality": True, "date": True, "candidate": True, "history": True, "proposal": True}
_CANDIDATE = {"doelgroep": True, "categorie": True, "birth_date": True, "banenafspraak": True,
              "beschut_indicatie": True, "ontheffing_until": True, "wsw": False, "taalachterstand": False}
_HISTORY = {"kind": True, "start": True, "end": True, "provider": True, "location": False}
_PROPOSAL = {"action": True, "kind": True, "start": True, "end": True, "provider": True, "vacancy_kind": True,
             "motivation": True, "location": False}

Scenario = tuple[CandidateFacts, list[TrajectoryFacts], ProposedAction, str, dt.date]
E = TypeVar("E", bound=Enum)


def load_scenario(text: str, rulebooks: Rulebooks | None = None) -> Scenario:
    """(candidate, history, proposal, municipality, date); the municipality in the rulebooks' spelling."""
    problem = nesting_problem(text, toml=False)
    if problem is not None:
        raise UsageError(f"scenario (regel {problem.line}): {problem.reason}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(f"scenario is geen geldige JSON (fout op regel {error.lineno}, kolom {error.colno})") from None
    except RecursionError:  # the scan above should have caught it; never a traceback
        raise UsageError(f"scenario: te diep genest (meer dan {MAX_DEPTH} niveaus)") from None
    except ValueError:  # an integer of more than 4,300 digits
        raise UsageError("scenario: een getal is te lang") from None
    data = _fields(data, _TOP, "scenario")
    rulebooks = rulebooks if rulebooks is not None else load_rulebooks()
    decision = _required_date(data["date"], "date")
    municipality = _municipality(data["municipality"], decision, rulebooks)
    candidate = _candidate(data["candidate"], municipality)
    if not isinstance(data["history"], list):
        raise UsageError("history: moet een lijst van trajecten zijn")
    history = [_history(item, f"history[{i}]") for i, item in enumerate(data["history"])]
    proposal = _proposal(data["proposal"])
    replace_extended(history, proposal)  # an extend naming no history entry is a usage error
    return candidate, history, proposal, municipality, decision


def check_scenario(text: str, rulebooks: Rulebooks) -> Verdict:
    candidate, history, proposal, municipality, decision = load_scenario(text, rulebooks)
    return evaluate(candidate, history, proposal, rulebooks.for_municipality(municipality, decision), decision)


def _fields(data: object, spec: dict[str, bool], where: str) -> dict[str, Any]:
    """``data`` as a JSON object with only the fields of ``spec`` and every required one."""
    if not isinstance(data, dict):
        raise UsageError(f"{where}: moet een JSON-object zijn")
    for key in data:
        if key not in spec:
            raise UsageError(f"{where}: onbekend veld '{key}'; toegestaan: {', '.join(spec)}")
    for key, required in spec.items():
        if required and key not in data:
            raise UsageError(f"{where}: veld '{key}' ontbreekt")
    return data


def _municipality(value: object, on: dt.date, rulebooks: Rulebooks) -> str:
    if not isinstance(value, str) or not value.strip():
        raise UsageError("municipality: moet de naam van een gemeente zijn")
    try:
        return rulebooks.for_municipality(value, on).municipality
    except NotFound as error:
        raise UsageError(f"municipality: {error}") from None


def _date(value: object, field: str) -> dt.date | None:
    return None if value is None else _required_date(value, field, nullable=True)


def _required_date(value: object, field: str, nullable: bool = False) -> dt.date:
    """``nullable``: only for the message (the caller took care of null)."""
    if not isinstance(value, str):
        raise UsageError(f"{field}: moet een datum jjjj-mm-dd zijn{' of null' if nullable else ''}, niet {value!r}")
    try:
        day = parse_iso_date(value)
    except ValueError as error:
        raise UsageError(f"{field}: {error}") from None
    reason = date_in_range(day)
    if reason:
        raise UsageError(f"{field}: {reason}")
    return day


def _enum(enum: type[E], value: object, field: str) -> E | None:
    return None if value is None else _required_enum(enum, value, field)


def _required_enum(enum: type[E], value: object, field: str) -> E:
    choices = ", ".join(e.value for e in enum)
    if isinstance(value, str):
        for member in enum:
            if member.value.casefold() == value.strip().casefold():
                return member
    raise UsageError(f"{field}: onbekende waarde {value!r}; kies uit {choices}")


def _bool(data: dict[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise UsageError(f"{where}.{key}: moet true of false zijn, niet {value!r}")
    return value


def _candidate(data: object, municipality: str) -> CandidateFacts:
    data = _fields(data, _CANDIDATE, "candidate")
    return CandidateFacts(
        municipality=municipality,
        doelgroep=_enum(Doelgroep, data["doelgroep"], "candidate.doelgroep"),
        categorie=_enum(Categorie, data["categorie"], "candidate.categorie"),
        birth_date=_date(data["birth_date"], "candidate.birth_date"),
        banenafspraak=_bool(data, "banenafspraak", "candidate"),
        beschut_indicatie=_bool(data, "beschut_indicatie", "candidate"),
        ontheffing_until=_date(data["ontheffing_until"], "candidate.ontheffing_until"),
        wsw=_bool(data, "wsw", "candidate"),
        taalachterstand=_bool(data, "taalachterstand", "candidate"),
    )


def _history(data: object, where: str) -> TrajectoryFacts:
    data = _fields(data, _HISTORY, where)
    return TrajectoryFacts(
        kind=_required_enum(TrajectoryKind, data["kind"], f"{where}.kind"),
        start=_required_date(data["start"], f"{where}.start"),
        end=_date(data["end"], f"{where}.end"),
        provider=_enum(Provider, data["provider"], f"{where}.provider"),
        location=_enum(Location, data.get("location"), f"{where}.location"),
    )


def _proposal(data: object) -> ProposedAction:
    data = _fields(data, _PROPOSAL, "proposal")
    action = data["action"]
    if not isinstance(action, str) or action.strip().casefold() not in ACTIONS:
        raise UsageError(f"proposal.action: onbekende actie {action!r}; kies uit {', '.join(ACTIONS)}")
    motivation = data["motivation"]
    if motivation is not None and not isinstance(motivation, str):
        raise UsageError("proposal.motivation: moet tekst of null zijn")
    return ProposedAction(
        action=action.strip().casefold(),
        kind=_required_enum(TrajectoryKind, data["kind"], "proposal.kind"),
        start=_required_date(data["start"], "proposal.start"),
        end=_date(data["end"], "proposal.end"),
        provider=_enum(Provider, data["provider"], "proposal.provider"),
        vacancy_kind=_enum(VacancyKind, data["vacancy_kind"], "proposal.vacancy_kind"),
        motivation=motivation.strip() or None if motivation else None,
        location=_enum(Location, data.get("location"), "proposal.location"),
    )
