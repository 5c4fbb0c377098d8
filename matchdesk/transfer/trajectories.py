"""Trajectories in and out. The rules judge every imported row, as they judge every write:

- a trajectory that ended before the import date (today) is history: judged by the rules in force on its
  start, stored with that verdict; one the rules block is imported and flagged with a ``waarschuwing``;
- one that started but has not ended is judged the same way, and a block refuses the row (a ``fout``
  naming the rule) unless the importing medewerker is a teamleider and the row gives ``reden_afwijking``
  (stored with the trajectory and audited as "blokkade doorbroken", as in the window);
- one that starts after today is judged like a new one, on the import date: a block is refused as above,
  a warning needs a ``motivatie``.

A trajectory is known by klantnummer, soort and start; an update is judged the same way before anything
of it is written."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchdesk.domain import Location, Provider, Role, TrajectoryKind, VacancyKind
from matchdesk.errors import MatchDeskError, RuleViolation
from matchdesk.rules.rulebook import Rulebooks, load_rulebooks
from matchdesk.services import fields as f
from matchdesk.services.employers import medewerker_role
from matchdesk.services.trajectories import Enforcement, TrajectoryInput, enforce_verdict, judge, start_trajectory
from matchdesk.storage.audit import log_event
from matchdesk.storage.models import Candidate, Employer, Trajectory, Vacancy
from matchdesk.transfer.base import ImportOptions, RecordType
from matchdesk.transfer.columns import Column, RowInput, kvk, yes_no

_JUDGED = {"planned_end", "provider", "location", "vacancy_id"}  # what the rules read of a stored trajectory
_SIMPLE = ("planned_end", "actual_end", "aborted", "outcome", "provider", "location", "employment_agreed",
           "development_goals")


def import_judgement(start: dt.date, end: dt.date | None, today: dt.date) -> tuple[Enforcement, dt.date]:
    """How an imported trajectory is judged: (what the verdict may refuse, the decision date).

    Ended before today: history, judged on its start, never refused. Started, not ended: judged on its
    start, a block refused. Starts after today: a new trajectory, judged on today, everything enforced."""
    if start > today:
        return "all", today
    if end is not None and end < today:
        return "none", start
    return "blocks", start


def trajectory_columns() -> tuple[Column, ...]:
    provider = f.choice("aanbieder", Provider, aliases={"wvs": "leerwerkbedrijf"})
    return (
        Column("klantnummer", "klantnummer", f.required_text("klantnummer", 30), required=True,
               doc="de kandidaat; sleutel met soort en start"),
        Column("soort", "kind", f.choice("soort", TrajectoryKind), required=True,
               doc=", ".join(k.value for k in TrajectoryKind)),
        Column("start", "start", f.date("start"), required=True, doc="eerste dag"),
        Column("einde", "planned_end", f.date("einde"), doc="geplande laatste dag (inclusief)"),
        Column("werkelijk_einde", "actual_end", f.date("werkelijk_einde"), doc="werkelijke laatste dag"),
        Column("afgebroken", "aborted", f.boolean("afgebroken"), yes_no, doc="ja/nee: eerder beëindigd"),
        Column("aanbieder", "provider", provider, doc="leerwerkbedrijf (ook WVS), markt of werkgever"),
        Column("locatie", "location", f.choice("locatie", Location), doc="intern of werkgever"),
        Column("werkgever_kvk", "employer", kvk("werkgever_kvk"), doc="KvK-nummer van een bekende werkgever"),
        Column("vacature_referentie", "vacancy", f.text("vacature_referentie", 40),
               doc="referentie van een bekende vacature"),
        Column("beoogde_werkgever_kvk", "intended_employer", kvk("beoogde_werkgever_kvk"),
               doc="bij een leerwerktraject: de werkgever waar het naartoe leidt"),
        Column("dienstverband_afgesproken", "employment_agreed", f.boolean("dienstverband_afgesproken"), yes_no,
               doc="ja/nee"),
        Column("ontwikkeldoelen", "development_goals", f.text("ontwikkeldoelen", 4000)),
        Column("uitkomst", "outcome", f.text("uitkomst", 200)),
        Column("motivatie", "motivation", f.text("motivatie", 4000), doc="waarom, als de regels erom vragen"),
        Column("reden_afwijking", "override_reason", f.text("reden_afwijking", 4000),
               doc="alleen een teamleider: waarom een traject dat de regels blokkeren toch doorgaat"),
    )


class Trajectories(RecordType):
    name = "trajectories"
    label = "trajecten"
    audit_type = "traject"
    sheet_names = ("trajecten", "trajectories")
    key_fields = ("klantnummer", "kind", "start")
    personal = True

    def columns(self, today: dt.date) -> tuple[Column, ...]:
        return trajectory_columns()

    def start(self, session: Session, options: ImportOptions) -> None:
        if options.rulebooks is None:
            options.rulebooks = load_rulebooks()
        self.rulebooks: Rulebooks = options.rulebooks
        self.teamleider = medewerker_role(session, options.user) == Role.TEAMLEIDER
        self.candidates: dict[str, uuid.UUID] = {}
        self.municipalities: dict[str, str | None] = {}
        for klantnummer, candidate_id, municipality in session.execute(
                select(Candidate.klantnummer, Candidate.id, Candidate.municipality)
                .where(Candidate.deleted_at.is_(None))):
            self.candidates[klantnummer] = candidate_id
            self.municipalities[klantnummer] = municipality
        self.employers: dict[str, uuid.UUID] = {k: i for k, i in session.execute(
            select(Employer.kvk, Employer.id).where(Employer.deleted_at.is_(None)))}
        self.vacancies: dict[str, tuple[uuid.UUID, VacancyKind]] = {r: (i, kind) for r, i, kind in session.execute(
            select(Vacancy.reference, Vacancy.id, Vacancy.kind).where(Vacancy.deleted_at.is_(None)))}

    def process(self, session: Session, rows: list[RowInput], options: ImportOptions) -> None:
        for row in rows:
            if row.rejected:
                continue
            values = row.values
            data = self._references(row, values)
            if row.rejected:
                continue
            for name, header in (("planned_end", "einde"), ("actual_end", "werkelijk_einde")):
                if values.get(name) and values[name] < values["start"]:
                    row.error(header, f"{header} ligt vóór de start", field_name=name)
            if row.rejected:
                continue
            candidate_id = self.candidates[values["klantnummer"]]
            existing = session.scalar(select(Trajectory).where(
                Trajectory.candidate_id == candidate_id, Trajectory.kind == values["kind"],
                Trajectory.start == values["start"]).order_by(Trajectory.created_at))
            try:
                if existing is None:
                    trajectory = self._create(session, candidate_id, values, data, options)
                    row.outcome = "new"
                else:
                    trajectory = existing
                    row.outcome = "updated" if self._update(session, existing, values, data, options) else "unchanged"
                session.flush()
            except RuleViolation as error:
                row.error("soort", self._refusal(error, values, options), field_name="kind")
                continue
            except MatchDeskError as error:
                row.error("klantnummer", str(error), field_name="klantnummer")
                continue
            if row.outcome != "unchanged":
                self._flag(row, trajectory)

    def _references(self, row: RowInput, values: dict[str, Any]) -> dict[str, Any]:
        """The ids of the records the row names (``employer_id``, ``vacancy_id`` and the vacancy's kind)."""
        data: dict[str, Any] = {}
        if values["klantnummer"] not in self.candidates:
            row.error("klantnummer", f"kandidaat met klantnummer {values['klantnummer']} bestaat niet",
                      field_name="klantnummer")
        for name, header in (("employer", "werkgever_kvk"), ("intended_employer", "beoogde_werkgever_kvk")):
            if values.get(name):
                if values[name] not in self.employers:
                    row.error(header, f"werkgever met KvK-nummer {values[name]} bestaat niet", field_name=name)
                else:
                    data[f"{name}_id"] = self.employers[values[name]]
            elif name in values:
                data[f"{name}_id"] = None
        if values.get("vacancy"):
            if values["vacancy"] not in self.vacancies:
                row.error("vacature_referentie", f"vacature met referentie {values['vacancy']} bestaat niet",
                          field_name="vacancy")
            else:
                data["vacancy_id"], data["vacancy_kind"] = self.vacancies[values["vacancy"]]
        elif "vacancy" in values:
            data["vacancy_id"] = None
        return data

    def _create(self, session: Session, candidate_id: uuid.UUID, values: dict[str, Any], data: dict[str, Any],
                options: ImportOptions) -> Trajectory:
        simple = {k: values[k] for k in _SIMPLE if values.get(k) is not None}
        entry = TrajectoryInput(kind=values["kind"], start=values["start"], planned_end=simple.pop("planned_end", None),
                                motivation=values.get("motivation"), **simple, **data)
        mode, decision = import_judgement(values["start"], entry.actual_end or entry.planned_end, options.today)
        reason = values.get("override_reason")
        if mode == "none" and reason and not self.teamleider:
            reason = None  # history is imported anyway; only a teamleider's reason is recorded as an override
        return start_trajectory(session, self.rulebooks, candidate_id, entry, decision, imported=True, enforce=mode,
                                override_reason=reason)

    def _update(self, session: Session, trajectory: Trajectory, values: dict[str, Any], data: dict[str, Any],
                options: ImportOptions) -> bool:
        wanted = {k: values[k] for k in _SIMPLE if k in values}
        wanted.update({k: v for k, v in data.items() if k != "vacancy_kind"})
        if "motivation" in values:
            wanted["motivation"] = values["motivation"]
        changed = [k for k, v in wanted.items() if getattr(trajectory, k) != v]
        if not changed:
            return False
        after = {name: wanted.get(name, getattr(trajectory, name)) for name in (*_SIMPLE, "motivation")}
        candidate = session.get_one(Candidate, trajectory.candidate_id)
        entry = TrajectoryInput(kind=trajectory.kind, start=trajectory.start, planned_end=after["planned_end"],
                                provider=after["provider"], location=after["location"],
                                vacancy_kind=data.get("vacancy_kind"), motivation=after["motivation"])
        mode, decision = import_judgement(trajectory.start, after["actual_end"] or after["planned_end"], options.today)
        verdict = judge(session, self.rulebooks, candidate, entry, "start", decision, exclude=trajectory.id)
        if not set(changed) & _JUDGED:
            mode = "none"  # an outcome, a goal, an employer: nothing the rules judge changed
        reason = values.get("override_reason")
        enforce_verdict(session, verdict, after["motivation"], reason, mode)  # before anything is changed
        for name in changed:
            setattr(trajectory, name, wanted[name])
        trajectory.verdict = verdict.verdict
        trajectory.findings = json.dumps([{"rule": x.rule, "severity": x.severity, "message": x.message}
                                          for x in verdict.findings], ensure_ascii=False)
        if "motivation" in changed:
            trajectory.motivation_by = options.user
        if verdict.verdict == "blocked" and reason and reason != trajectory.override_reason \
                and (mode != "none" or self.teamleider):
            trajectory.override_reason, trajectory.override_by = reason, options.user
            log_event(session, "blokkade doorbroken", "traject", trajectory.id, detail="reden vastgelegd")
        return True

    def _refusal(self, error: RuleViolation, values: dict[str, Any], options: ImportOptions) -> str:
        """The row's ``fout``: the rules that block (by id and title) and the ways in."""
        blocks = [x for x in error.findings if x.severity == "block"]
        if not blocks:  # a warning without a motivation, on a trajectory that starts after today
            return f"niet ingelezen: {error}; een traject dat na vandaag begint wordt getoetst als een nieuw " \
                   "traject: vul motivatie in"
        titles = self._titles(values, options)
        named = "; ".join(f"regel {x.rule}{f' ({titles[x.rule]})' if x.rule in titles else ''}: {x.message}"
                          for x in blocks)
        if values.get("override_reason"):
            return f"niet ingelezen: {error} Geblokkeerd door {named}"
        return (f"niet ingelezen: geblokkeerd door {named}. Alleen een traject dat vóór vandaag is geëindigd "
                "wordt als historisch feit ingelezen; anders kan een teamleider een reden_afwijking opgeven")

    def _titles(self, values: dict[str, Any], options: ImportOptions) -> dict[str, str]:
        """Rule id -> Dutch title in the rulebook that judged the row (empty when it cannot be found)."""
        municipality = self.municipalities.get(values["klantnummer"])
        mode, decision = import_judgement(values["start"], values.get("actual_end") or values.get("planned_end"),
                                          options.today)
        try:
            rulebook = self.rulebooks.for_municipality(municipality or "", decision)
        except MatchDeskError:
            return {}
        return {rule.id: rule.title for rule in rulebook.rules if rule.in_force(decision)}

    @staticmethod
    def _flag(row: RowInput, trajectory: Trajectory) -> None:
        if trajectory.verdict == "blocked" and trajectory.override_reason:
            return  # a teamleider's override: recorded with the trajectory and in the audit log
        findings = json.loads(trajectory.findings or "[]")
        if trajectory.verdict == "blocked":
            reasons = "; ".join(x["message"] for x in findings if x["severity"] == "block")
            row.warn("soort", f"ingelezen als historisch feit, maar de regels zouden dit traject blokkeren: {reasons}",
                     field_name="kind")
        elif trajectory.verdict == "warning" and not trajectory.motivation:
            reasons = "; ".join(x["message"] for x in findings if x["severity"] == "warning")
            row.warn("motivatie", f"ingelezen; de regels vragen een motivatie: {reasons}", field_name="motivation")

    def export_values(self, session: Session) -> Iterator[dict[str, object]]:
        klant = dict(session.execute(select(Candidate.id, Candidate.klantnummer)
                                     .where(Candidate.deleted_at.is_(None))).all())
        kvk_by_id: dict[uuid.UUID | None, str] = dict(session.execute(select(Employer.id, Employer.kvk)).all())
        reference: dict[uuid.UUID | None, str] = dict(session.execute(select(Vacancy.id, Vacancy.reference)).all())
        rows = []
        for t in session.scalars(select(Trajectory)):
            if t.candidate_id not in klant:
                continue
            values = {k: getattr(t, k) for k in _SIMPLE}
            values.update(klantnummer=klant[t.candidate_id], kind=t.kind, start=t.start, motivation=t.motivation,
                          override_reason=t.override_reason,
                          employer=kvk_by_id.get(t.employer_id), vacancy=reference.get(t.vacancy_id),
                          intended_employer=kvk_by_id.get(t.intended_employer_id))
            rows.append(values)
        rows.sort(key=lambda v: (v["klantnummer"], v["start"], v["kind"].value))
        yield from rows
