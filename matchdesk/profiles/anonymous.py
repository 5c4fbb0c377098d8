"""The anonymised profile for employers: structured, vocabulary-resolved facts only, from an allow-list.

The builder sees the candidate only through ``AllowListView``: reading a field that is not on the
list raises, so a field added to the model later cannot reach an employer unless someone adds it
here on purpose. No free text the candidate or the matchmaker typed goes in by default: skills and
desired occupations appear only as the vocabulary's labels (an unresolved skill as "Overige
vaardigheid", without its text; an unresolved occupation not at all), never wishes, notes or
limitations. The one exception is the ``employer_text`` the caller passes after the matchmaker saw and
confirmed it (``services.profiles``); it and the match explanation still pass the scrubber.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from matchdesk.dates import age_on
from matchdesk.profiles import common
from matchdesk.profiles.model import (
    ANONYMOUS,
    Block,
    Contact,
    Fields,
    Match,
    MatchBlock,
    PdfInfo,
    ProfileDocument,
    ProfileSettings,
    Text,
    VacancyInfo,
)
from matchdesk.profiles.scrubber import Identity, scrub, scrub_lines
from matchdesk.vocabulary import normalize_term

# The only candidate fields an anonymised profile may read. Never: names, klantnummer, BSN, birth date,
# address, postcode, woonplaats, telephone, e-mail, benefit type, doelgroep/categorie, health or
# work-limitation details, loonwaarde, taaleis status, notes, trajectories.
CANDIDATE_FIELDS = frozenset({
    "profile_number", "municipality",  # municipality only to name the region, never printed itself
    "available_from", "hours_per_week", "max_travel_km", "driving_licences",
    "desired_occupations",  # read only to resolve to the occupation list; the typed text is never printed
    "skills", "languages", "owner",
})
# Lines of the matching engine's explanation an employer may read, by their opening words. Not: knock-outs
# and warnings (rules about doelgroep, ontheffing, age), unknowns and questions, functional limitations,
# improvement hints, travel distance (it tells where the candidate lives): internal matters. The status of a
# required licence ("Rijbewijs CE: aanwezig") is shown: it agrees with the profile's Rijbewijzen line. The score
# line and the points per component are left out too: the block shows the score itself.
EXPLANATION_LINES = ("Gevonden:", "Ontbreekt (vereist):", "Ontbreekt (gewenst):", "Taal:",
                     "Leerwerkplek met taalondersteuning", "Rijbewijs ", "Code 95:")
SKILL_FIELDS = frozenset({"skill_id", "level", "source"})  # never the typed text
LANGUAGE_FIELDS = frozenset({"language", "skill", "level"})
CONTACT_FIELDS = frozenset({"name", "email", "phone"})


class NotAllowed(AttributeError):
    """A field outside the allow-list was read for an anonymised profile: a programming error."""


class AllowListView:
    """Read-only access to the allowed attributes of one record (lists of records wrapped too)."""

    __slots__ = ("_record", "_allowed", "_children")

    def __init__(self, record, allowed: frozenset[str], children: dict[str, frozenset[str]] | None = None):
        object.__setattr__(self, "_record", record)
        object.__setattr__(self, "_allowed", allowed)
        object.__setattr__(self, "_children", children or {})

    def __getattr__(self, name: str):
        if name not in self._allowed:
            raise NotAllowed(f"het veld {name!r} staat niet op de lijst voor geanonimiseerde profielen")
        value = getattr(self._record, name)
        child = self._children.get(name)
        if child is None or value is None:
            return value
        if isinstance(value, (list, tuple)):
            return [AllowListView(v, child) for v in value]
        return AllowListView(value, child)

    def __setattr__(self, name, value):
        raise AttributeError("alleen lezen")


def allowed_view(candidate) -> AllowListView:
    return AllowListView(candidate, CANDIDATE_FIELDS,
                         {"skills": SKILL_FIELDS, "languages": LANGUAGE_FIELDS, "owner": CONTACT_FIELDS})


def identity_of(candidate, extra_names=()) -> Identity:
    """What the scrubber removes: read from the full record, used only to take things out."""
    return Identity.of(voornaam=candidate.voornaam, tussenvoegsel=candidate.tussenvoegsel,
                       achternaam=candidate.achternaam, klantnummer=candidate.klantnummer, bsn=candidate.bsn,
                       postcode=candidate.postcode, woonplaats=candidate.woonplaats,
                       municipality=candidate.municipality, adres=candidate.adres,
                       birth_date=candidate.birth_date, extra_names=extra_names)


def age_band(birth_date: dt.date | None, today: dt.date) -> str:
    if birth_date is None:
        return "onbekend"
    age = age_on(birth_date, today)
    for low, high in ((15, 26), (27, 34), (35, 44), (45, 54)):
        if age <= high:
            return f"{max(low, 15)}-{high} jaar"
    return "55 jaar of ouder"


def build_anonymous(candidate, today: dt.date, settings: ProfileSettings = ProfileSettings(), *,
                    vacancy: VacancyInfo | None = None, match: Match | None = None,
                    contact: Contact | None = None, with_contact: bool = True,
                    employer_text: str | None = None) -> ProfileDocument:
    """``contact`` overrides the candidate's own medewerker (e.g. the employer's accountmanager);
    ``with_contact=False`` leaves the contact block out (a shortlist names the contact on its cover).
    ``employer_text``: the "tekst voor werkgever" the matchmaker confirmed for this print; None leaves
    every free text out."""
    identity = identity_of(candidate)
    view = allowed_view(candidate)
    number = view.profile_number

    region = settings.region_of(view.municipality) or "onbekend"
    profile_rows = [("Profielnummer", number), ("Regio", region)]
    if settings.age_band:
        profile_rows.append(("Leeftijdscategorie", age_band(candidate.birth_date, today)))
    blocks: list[Block] = [
        Fields("Profiel", tuple(profile_rows)),
        Fields("Beschikbaarheid en mobiliteit", (
            ("Beschikbaar", common.availability(view.available_from, today)),
            ("Uren", common.hours(view.hours_per_week)),
            ("Reisafstand", common.travel(view.max_travel_km)),
            ("Rijbewijzen", common.licences(view.driving_licences)),
        )),
        common.skill_groups(view.skills, other_label=common.OTHER_SKILL),
        common.language_block(view.languages, vacancy.required_languages if vacancy else ()),
    ]
    wanted = resolved_occupations(view.desired_occupations)
    blocks.append(Text("Wat de kandidaat zoekt", (f"Gewenst werk: {', '.join(wanted)}",) if wanted else ()))
    confirmed = scrub(employer_text, identity) if employer_text else ""
    if confirmed:
        blocks.append(Text("Toelichting voor de werkgever", tuple(
            p.strip() for p in confirmed.split("\n\n") if p.strip())))
    if vacancy is not None:
        sentences = scrub_lines(explanation_for_employer(match.sentences), identity, strict=True) if match else ()
        blocks.append(MatchBlock("Match met de vacature", f"{vacancy.title} ({vacancy.reference})",
                                 match.score if match else None, sentences))
    person = contact or (_contact(view.owner) if view.owner is not None else None)
    if person is not None and with_contact:
        blocks.append(Fields("Contact", (("Naam", person.name), ("E-mail", person.email or "-"),
                                         ("Telefoon", person.phone or "-"))))
    return ProfileDocument(
        variant=ANONYMOUS, heading=f"Kandidaatprofiel {number}", subheading="Geanonimiseerd profiel",
        profile_number=number, blocks=tuple(blocks), file_name=f"profiel-{number}.pdf",
        info=PdfInfo(title="Kandidaatprofiel (geanonimiseerd)", author=settings.organisation,
                     subject="Geanonimiseerd kandidaatprofiel", keywords="kandidaatprofiel, geanonimiseerd"),
        score=match.score if match else None)


def explanation_for_employer(sentences) -> list[str]:
    """Only the allowed kinds of explanation lines (free prose is left out), without what the candidate typed:
    "Gevonden: Snoeien (synoniem: \"snoeien bij ...\")" keeps only the vocabulary's label."""
    return [_QUOTED.sub("", s) for s in sentences if s.startswith(EXPLANATION_LINES)]


_QUOTED = re.compile(r'\s*\([^()]*["“”„][^()]*\)|\s*["“”„][^"“”„]*["“”„]')


@lru_cache(maxsize=1)
def _occupation_names() -> dict[str, str]:
    """Normalised label or synonym -> the occupation's label (the shipped occupation list)."""
    from matchdesk.occupations import load_occupations

    return {normalize_term(name): o.label for o in load_occupations().values() for name in (o.label, *o.synonyms)}


def resolved_occupations(value: str | None) -> tuple[str, ...]:
    """The labels of the desired occupations that name an occupation of the list (exactly or with a typo);
    the typed text itself never: an entry that does not resolve is left out."""
    from rapidfuzz import fuzz, process

    names = _occupation_names()
    labels: list[str] = []
    for typed in common.occupations(value):
        key = normalize_term(typed)
        label = names.get(key)
        if label is None and len(key) >= 6:
            best = process.extractOne(key, list(names), scorer=fuzz.ratio, score_cutoff=90)
            label = names[best[0]] if best else None
        if label is not None and label not in labels:
            labels.append(label)
    return tuple(labels)


def _contact(owner) -> Contact:
    return Contact(owner.name, owner.email, owner.phone)


