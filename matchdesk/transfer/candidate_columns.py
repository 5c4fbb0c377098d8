"""The candidate column table of import and export, built on the candidate service's own field checks
(``candidate_spec``)."""

from __future__ import annotations

import datetime as dt
import re

from matchdesk.domain import LanguageSkill, SkillSource, TaaleisStatus
from matchdesk.errors import ValidationError
from matchdesk.services import fields as f
from matchdesk.services.candidates import candidate_spec
from matchdesk.transfer.columns import (
    NOT_APPLICABLE,
    Column,
    format_skills,
    none_words,
    same,
    skill_list,
    unknown_is_empty,
    yes_no,
)

LANGUAGE_FIELDS = {f"lang:{skill.value}": skill for skill in LanguageSkill}
_PROFILE = re.compile(r"^P\d{7}$")
# a skill of an import row: (vocabulary id or None, label or free text, level, source)
ResolvedSkill = tuple[str | None, str, str | None, SkillSource]


def _profile_number(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip().upper()
    if not _PROFILE.match(text):
        raise ValidationError("profielnummer", value, f"profielnummer {value!r} moet de vorm P1234567 hebben")
    return text


def candidate_columns(today: dt.date) -> tuple[Column, ...]:
    spec = candidate_spec(today)

    def c(header: str, name: str, fmt=same, required: bool = False, doc: str = "", parse=None,
          lenient: bool = False) -> Column:
        return Column(header, name, parse or spec[name], fmt, required, doc, lenient)

    languages = tuple(Column(f"nl_{skill.value}", f"lang:{skill.value}",
                             none_words(f.level(f"nl_{skill.value}"), NOT_APPLICABLE), same,
                             doc=f"Nederlands {skill.value}: A0 (geen), A1..C2 of 1F-4F; leeg, - of onbekend",
                             lenient=True)
                      for skill in LanguageSkill)
    return (
        c("klantnummer", "klantnummer", required=True, doc="sleutel; verplicht"),
        c("voornaam", "voornaam"),
        c("tussenvoegsel", "tussenvoegsel"),
        c("achternaam", "achternaam", required=True, doc="verplicht"),
        c("geboortedatum", "birth_date", required=True, doc="verplicht; niet in de toekomst"),
        c("bsn", "bsn", doc="9 cijfers met elfproef (8 cijfers krijgen hun voorloopnul terug)"),
        c("adres", "adres"),
        c("postcode", "postcode", doc="1234 AB, met of zonder spatie"),
        c("woonplaats", "woonplaats"),
        c("gemeente", "municipality", doc="bepaalt het regelboek"),
        c("telefoon", "telefoon"),
        c("email", "email"),
        c("doelgroep", "doelgroep", parse=none_words(unknown_is_empty(spec["doelgroep"])),
          doc="A, B, C; leeg, nee, - of onbekend: niet bekend", lenient=True),
        c("categorie", "categorie", parse=none_words(unknown_is_empty(spec["categorie"])),
          doc="1A..3B; leeg, nee, - of onbekend: niet bekend", lenient=True),
        c("uitkering", "benefit_type"),
        c("uren_per_week", "hours_per_week", doc="0..60"),
        c("beschikbaar_vanaf", "available_from"),
        c("rijbewijs", "driving_licences", fmt=lambda v: v or None,
          doc="bijv. B,CE,95 (95: code 95); geen, nee, -, n.v.t.: geen rijbewijs; leeg: onbekend", lenient=True),
        c("max_reisafstand_km", "max_travel_km", doc="0..300"),
        Column("vaardigheden", "skills", skill_list("vaardigheden"), format_skills,
               doc="gescheiden door `;`; elk eventueel met niveau en bron: `Heftruck rijden (gevorderd, getoetst)`"),
        *languages,
        c("banenafspraak", "banenafspraak", fmt=yes_no, doc="ja/nee"),
        c("beschut_indicatie", "beschut_indicatie", fmt=yes_no, doc="ja/nee"),
        c("wsw", "wsw", fmt=yes_no, doc="ja/nee"),
        c("statushouder", "statushouder", fmt=yes_no, doc="ja/nee"),
        c("taalachterstand", "taalachterstand", fmt=yes_no, doc="ja/nee"),
        c("taaleis_status", "taaleis_status", parse=none_words(spec["taaleis_status"]),
          doc=", ".join(s.value for s in TaaleisStatus) + "; leeg, nee of -: onbekend", lenient=True),
        c("taaleis_datum", "taaleis_date"),
        c("startkwalificatie", "startkwalificatie", fmt=yes_no, doc="ja/nee"),
        c("ontheffing_tot", "ontheffing_until"),
        c("wensen", "wishes"),
        c("gewenste_beroepen", "desired_occupations", doc="gescheiden door ;"),
        c("beperkingen", "work_limitations", doc="in functionele termen"),
        c("loonwaarde", "loonwaarde", doc="% van het minimumloon, 0..100"),
        c("notities", "notes"),
        Column("consulent", "owner", f.text("consulent", 100),
               doc="naam van een bestaande medewerker; een onbekende naam: waarschuwing, de consulent blijft"),
        Column("profielnummer", "profile_number", _profile_number,
               doc="P + 7 cijfers; leeg: MatchDesk kiest er een"),
    )
