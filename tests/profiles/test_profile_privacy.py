"""The anonymised profile holds none of the candidate's identifiers, for every candidate of a demo
sample (some with wishes and notes that name them); the full profile holds them all."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from matchdesk.dates import format_nl, format_nl_long
from matchdesk.occupations import load_occupations
from matchdesk.profiles import build_anonymous, build_full, render_profile
from matchdesk.profiles.scrubber import PARTICLES
from matchdesk.services.profiles import load_candidates, settings_for
from matchdesk.storage.models import Candidate, Medewerker
from matchdesk.vocabulary import load_vocabulary
from tests.profiles.conftest import SAMPLE, TODAY, normalize


@pytest.fixture(scope="module")
def rendered(demo_db, pdf_text):
    """klantnummer -> (candidate, full PdfText, anonymised PdfText), rendered once for the module."""
    with demo_db.reading() as session:
        numbers = session.scalars(select(Candidate.klantnummer).order_by(Candidate.klantnummer)).all()
        candidates = load_candidates(session, numbers)
        settings = settings_for(session)
        staff = [v for row in session.execute(select(Medewerker.name, Medewerker.email)) for v in row if v]
        out = {}
        for c in candidates:
            full = render_profile(build_full(c, TODAY, settings), TODAY, settings.organisation)
            anonymous = render_profile(build_anonymous(c, TODAY, settings), TODAY, settings.organisation)
            out[c.klantnummer] = (c, pdf_text(full), pdf_text(anonymous))
    return out, staff


def test_the_sample_is_large_enough_and_seeded(rendered):
    out, _ = rendered
    assert len(out) >= 200 == min(200, SAMPLE)
    seeded = [c for c, _, _ in out.values() if c.wishes and c.achternaam in c.wishes and c.postcode in c.wishes]
    assert len(seeded) >= 60


def _date_forms(birth) -> list[str]:
    return [birth.isoformat(), format_nl(birth), f"{birth.day}-{birth.month}-{birth.year}",
            f"{birth.day:02d}/{birth.month:02d}/{birth.year}", f"{birth.day}/{birth.month}/{birth.year}",
            format_nl_long(birth)]


def _public_text(staff) -> list[str]:
    """Strings that may legitimately appear on an anonymised profile and could contain a name word."""
    labels = [s.label for s in load_vocabulary().skills.values()] + [o.label for o in load_occupations().values()]
    return sorted(set(staff) | set(labels), key=len, reverse=True)


def _without_public(text: str, public: list[str]) -> str:
    lowered = text.lower()
    for item in public:
        lowered = lowered.replace(item.lower(), " ")
    return lowered


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", text.lower()) is not None


def test_anonymised_profiles_hold_no_personal_data(rendered):
    out, staff = rendered
    public = _public_text(staff)
    problems = []
    for number, (c, _, anon) in out.items():
        text = anon.text
        stripped = _without_public(text, public)
        forbidden = [c.display_name, c.klantnummer, c.bsn, c.adres, c.postcode, c.postcode.replace(" ", ""),
                     c.telefoon, c.email, c.woonplaats, *_date_forms(c.birth_date)]
        if c.notes:
            forbidden.append(normalize(c.notes))
        for value in filter(None, forbidden):
            if value.lower() in text.lower():
                problems.append((number, value))
        for word in filter(None, [c.voornaam, c.achternaam]):
            for part in [word, *re.split(r"[\s-]+", word)]:
                if len(part) >= 2 and part.lower() not in PARTICLES and _has_word(stripped, part):
                    problems.append((number, part))
        for value in anon.metadata.values():
            for secret in filter(None, [c.voornaam, c.achternaam, c.klantnummer, c.bsn, c.profile_number]):
                if _has_word(value, secret):
                    problems.append((number, "metadata", secret))
    assert not problems, problems[:20]


def test_full_profiles_hold_the_personal_data(rendered):
    out, _ = rendered
    problems = []
    for number, (c, full, _) in out.items():
        required = [c.display_name, c.klantnummer, c.bsn, c.adres, c.postcode, format_nl(c.birth_date),
                    c.woonplaats, c.telefoon, c.email, c.profile_number]
        if c.notes:
            required.append(normalize(c.notes))
        if c.wishes:
            required.append(normalize(c.wishes))
        problems += [(number, value) for value in filter(None, required) if value not in full.text]
        for value in full.metadata.values():  # metadata stays impersonal in the full variant too
            if _has_word(value, c.achternaam) or _has_word(value, c.klantnummer):
                problems.append((number, "metadata"))
    assert not problems, problems[:20]


def test_anonymised_profile_keeps_what_an_employer_needs(rendered):
    out, _ = rendered
    for c, _, anon in list(out.values())[:40]:
        assert f"Kandidaatprofiel {c.profile_number}" in anon.text
        assert "Vaardigheden per sector" in anon.text and "Nederlandse taal" in anon.text
        if c.hours_per_week:
            assert f"{c.hours_per_week} uur per week" in anon.text
        if c.owner is not None:
            assert c.owner.name in anon.text  # the contact person
        for skill in c.skills:
            if skill.skill_id:
                assert normalize(load_vocabulary().get(skill.skill_id).label) in anon.text


def test_names_outside_latin1_print(rendered):
    out, _ = rendered
    names = {c.display_name: full.text for c, full, _ in out.values()}
    assert "Çağrı Öztürk-Şahin" in names and "Çağrı Öztürk-Şahin" in names["Çağrı Öztürk-Şahin"]
    noel = next(n for n in names if n.startswith("Noël"))
    assert noel in names[noel]


def test_metadata_is_impersonal_and_complete(rendered):
    out, _ = rendered
    _, full, anon = next(iter(out.values()))
    for pdf in (full, anon):
        for key in ("/Title", "/Author", "/Subject", "/Keywords"):
            assert pdf.metadata.get(key)
    assert "geanonimiseerd" in anon.metadata["/Title"]
