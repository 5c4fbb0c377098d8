"""Knock-outs for matching: may this candidate be put on this kind of vacancy at all?

Only ``block`` findings knock a candidate out; warnings are shown beside the result.
The same findings are used by ``evaluate`` so matching and recording never disagree.
"""

from __future__ import annotations

import datetime as dt

from matchdesk.dates import format_nl
from matchdesk.domain import Categorie, TrajectoryKind, VacancyKind
from matchdesk.rules.facts import CandidateFacts, Finding
from matchdesk.rules.rulebook import Rulebook


def eligibility(candidate: CandidateFacts, vacancy_kind: VacancyKind, on: dt.date, rulebook: Rulebook) -> list[Finding]:
    findings: list[Finding] = []
    findings += register_findings(candidate, vacancy_kind, None, rulebook, on)
    findings += ontheffing_findings(candidate, None, on, rulebook, on, placing=True)
    if vacancy_kind is VacancyKind.LEERWERKPLEK:
        findings += doelgroep_findings(candidate, rulebook, on, motivation=None)
    findings += categorie_findings(candidate, rulebook, on)
    return findings


def register_findings(candidate: CandidateFacts, vacancy_kind: VacancyKind | None, kind: TrajectoryKind | None,
                      rulebook: Rulebook, on: dt.date) -> list[Finding]:
    """Garantiebaan needs the Banenafspraak register, beschut werk an indicatie (Wsw staff excepted)."""
    findings = []
    if vacancy_kind is VacancyKind.GARANTIEBAAN and not candidate.banenafspraak \
            and rulebook.active("garantiebaan_register", on):
        findings.append(Finding("garantiebaan_register", "block",
                                "Een garantiebaan is alleen voor kandidaten in het doelgroepregister banenafspraak; "
                                "deze kandidaat staat er niet in"))
    wants_beschut = vacancy_kind is VacancyKind.BESCHUT or kind is TrajectoryKind.BESCHUT
    if wants_beschut and not candidate.beschut_indicatie and not candidate.wsw \
            and rulebook.active("beschut_indicatie", on):
        findings.append(Finding("beschut_indicatie", "block",
                                "Beschut werk vraagt een indicatie beschut werk; deze kandidaat heeft er geen"))
    return findings


def ontheffing_findings(candidate: CandidateFacts, kind: TrajectoryKind | None, start: dt.date, rulebook: Rulebook,
                        on: dt.date, placing: bool) -> list[Finding]:
    """A running ontheffing blocks active mediation; voluntary steps and extensions only warn."""
    rule = rulebook.active("ontheffing", on)
    if rule is None or not candidate.ontheffing_running(start):
        return []
    text = ("Kandidaat heeft ontheffing van de arbeidsverplichting tot en met "
            f"{format_nl(candidate.ontheffing_until)}; kandidaten met ontheffing worden niet actief bemiddeld")
    voluntary = kind is not None and kind in rule.kinds("warning_kinds")
    if placing and not voluntary:
        return [Finding("ontheffing", "block", text)]
    return [Finding("ontheffing", "warning", text + "; leg vast dat de kandidaat dit zelf wil")]


def doelgroep_findings(candidate: CandidateFacts, rulebook: Rulebook, on: dt.date,
                       motivation: str | None) -> list[Finding]:
    """Leerwerktrajecten are for doelgroep B; A only with just a language gap (with motivation); never C."""
    rule = rulebook.active("doelgroep_leerwerktraject", on)
    if rule is None:
        return []
    allowed, with_taal = rule.doelgroepen("allowed"), rule.doelgroepen("with_taalachterstand")
    allowed_text = " of ".join(sorted(str(d) for d in allowed))
    doelgroep = candidate.doelgroep
    if doelgroep in allowed:
        return []
    if doelgroep is None:
        return [Finding(rule.id, "block", f"Doelgroep onbekend: een leerwerktraject is voor doelgroep {allowed_text}; "
                                          "het werkplein stelt eerst de doelgroep vast")]
    if doelgroep in with_taal and candidate.taalachterstand:
        note = "" if motivation else " (motivatie ontbreekt nog)"
        return [Finding(rule.id, "warning", f"Doelgroep {doelgroep} met alleen een taalachterstand: een "
                                            f"leerwerktraject kan waar het past; leg de motivatie vast{note}")]
    if doelgroep in with_taal:
        return [Finding(rule.id, "block", f"Doelgroep {doelgroep} gaat direct naar bemiddeling door het WSP; "
                                          f"een leerwerktraject is voor doelgroep {allowed_text} "
                                          "(of bij alleen een taalachterstand)")]
    return [Finding(rule.id, "block", f"Doelgroep {doelgroep} krijgt geen leerwerktraject; "
                                      f"een leerwerktraject is voor doelgroep {allowed_text}")]


def categorie_findings(candidate: CandidateFacts, rulebook: Rulebook, on: dt.date) -> list[Finding]:
    if candidate.categorie is Categorie.C3B and rulebook.active("categorie_3b", on):
        return [Finding("categorie_3b", "warning", "Categorie 3B: maatwerk met ontheffing en passieve dienstverlening; "
                                                   "leg vast waarom de kandidaat toch actief wordt bemiddeld")]
    return []
