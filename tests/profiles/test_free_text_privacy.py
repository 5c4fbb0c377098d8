"""Anonymised means no free text (issue 14 item 3): a corpus of candidates whose wensen, gewenste beroepen,
free-text skills, notes and limitations hold health, addiction, justice, religion, debts, relatives, handles,
obfuscated e-mails and addresses (``sensitive_free_text_corpus.toml``, invented). None of it reaches their
anonymised PDFs or a shortlist; only the "tekst voor werkgever", once confirmed, and the confirmation is audited."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from sqlalchemy import select

from matchdesk.app import App
from matchdesk.cli.main import main
from matchdesk.domain import SkillSource
from matchdesk.errors import ConflictError
from matchdesk.profiles.common import OTHER_SKILL
from matchdesk.profiles.sensitive import find_sensitive
from matchdesk.services.employer_text import CONFIRMED, confirm_employer_text, employer_text_review
from matchdesk.services.profiles import profile_pdf, shortlist_pdf
from matchdesk.storage.database import Database
from matchdesk.storage.models import AuditEntry, Candidate, CandidateSkill, Vacancy
from tests.profiles.conftest import TODAY

CORPUS = tomllib.loads((Path(__file__).with_name("sensitive_free_text_corpus.toml")).read_text(encoding="utf-8"))
PEOPLE = CORPUS["person"]


@pytest.fixture(scope="module")
def corpus_db(demo_db_path, tmp_path_factory):
    """A copy of the demo with the corpus written over the free text of eight candidates; klantnummers."""
    from sqlalchemy.orm import selectinload

    path = tmp_path_factory.mktemp("free-text") / "corpus.db"
    shutil.copy(demo_db_path, path)
    db = Database.open(path)
    numbers = []
    with db.unit("tester") as session:
        candidates = session.scalars(select(Candidate).where(Candidate.deleted_at.is_(None))
                                     .order_by(Candidate.klantnummer).offset(10).limit(len(PEOPLE))
                                     .options(selectinload(Candidate.skills))).all()
        for c, person in zip(candidates, PEOPLE, strict=True):
            c.wishes, c.desired_occupations = person["wensen"], person["gewenste_beroepen"]
            c.notes, c.work_limitations = person["notes"], person["work_limitations"]
            c.employer_text = person.get("employer_text")
            c.skills.clear()
            session.flush()
            skills = [CandidateSkill(skill_id=None, text=t, source=SkillSource.ZELF) for t in person["skills"]]
            if "resolved_skill" in person:  # typed text that did resolve: only the vocabulary's label may show
                skill_id, typed = person["resolved_skill"]
                skills.append(CandidateSkill(skill_id=skill_id, text=typed, level="basis",
                                             source=SkillSource.ZELF))
            for position, skill in enumerate(skills):
                skill.position = position
                c.skills.append(skill)
            numbers.append(c.klantnummer)
    db.dispose()
    return path, numbers


@pytest.fixture
def app(corpus_db):
    application = App(Database.open(corpus_db[0]), user="Eline", today=TODAY)
    yield application
    application.close()


def leaks(text: str, secrets) -> list[str]:
    return [s for s in secrets if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text, re.IGNORECASE)]


def test_the_corpus_is_in_the_file_and_in_the_full_profile(app, corpus_db, pdf_text):
    _, numbers = corpus_db
    full = pdf_text(profile_pdf(app, numbers[0], anonymous=False).data)
    assert leaks(full.text, PEOPLE[0]["secrets"])  # the full, internal profile holds the free text
    assert sum(len(p["secrets"]) for p in PEOPLE) >= 100


@pytest.mark.parametrize("index", range(len(PEOPLE)))
def test_no_free_text_reaches_the_anonymised_profile(app, corpus_db, pdf_text, index):
    person, number = PEOPLE[index], corpus_db[1][index]
    pdf = pdf_text(profile_pdf(app, number, anonymous=True).data)
    assert leaks(pdf.text, person["secrets"]) == []
    for typed in (*person["skills"], person["wensen"], person["notes"], person["work_limitations"]):
        assert typed[:25] not in pdf.text
    if person.get("employer_text"):  # written, but not confirmed: not on the profile
        assert person["employer_text"][:30] not in pdf.text
    assert f"Gewenst werk: {', '.join(person['occupations_resolved'])}" in pdf.text  # labels of the list only
    assert pdf.text.count(OTHER_SKILL) == len(person["skills"])  # unresolved skills without their text


def test_no_free_text_reaches_a_shortlist_with_the_matching_explanation(app, corpus_db, pdf_text):
    with app.reading() as session:
        reference = session.scalar(select(Vacancy.reference).order_by(Vacancy.reference).limit(1))
    pdf = pdf_text(shortlist_pdf(app, reference, corpus_db[1]).data)
    assert "Match met de vacature" in pdf.text
    assert leaks(pdf.text, [s for p in PEOPLE for s in p["secrets"]]) == []


def _entries(app, action):
    with app.reading() as session:
        return session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                               .order_by(AuditEntry.at)).all()


def test_the_confirmed_text_for_the_employer_goes_in_and_the_confirmation_is_audited(app, corpus_db, pdf_text):
    index = 6
    person, number = PEOPLE[index], corpus_db[1][index]
    review = employer_text_review(app, number)
    assert review.text == person["employer_text"] and review.hits == ()  # nothing sensitive in this one
    before = len(_entries(app, CONFIRMED))
    confirm_employer_text(app, number, review.text)
    entries = _entries(app, CONFIRMED)
    assert len(entries) == before + 1
    entry = entries[-1]
    assert entry.medewerker == "Eline" and entry.record_type == "kandidaat" and entry.record_id == review.candidate_id
    assert entry.detail == "afdrukvoorbeeld"  # no values in the audit log
    pdf = pdf_text(profile_pdf(app, number, anonymous=True, employer_text=review.text).data)
    assert person["employer_text"] in pdf.text and "Toelichting voor de werkgever" in pdf.text
    assert leaks(pdf.text, person["secrets"]) == []
    printed = _entries(app, "afgedrukt")[-1]
    assert printed.detail == "profiel; variant=geanonimiseerd; met tekst voor werkgever"


def test_a_text_changed_after_the_confirmation_is_not_printed(app, corpus_db):
    number = corpus_db[1][7]
    review = employer_text_review(app, number)
    assert [review.text[h.start:h.end] for h in review.hits] == ["epilepsie", "aanval"]  # highlighted for the reader
    with app.unit() as session:
        session.scalar(select(Candidate).where(Candidate.klantnummer == number)).employer_text = "Iets anders."
    with pytest.raises(ConflictError, match="gewijzigd"):
        profile_pdf(app, number, anonymous=True, employer_text=review.text)
    with pytest.raises(ConflictError):
        confirm_employer_text(app, number, review.text)
    with app.unit() as session:  # back as the corpus has it, for the other tests
        session.scalar(select(Candidate).where(Candidate.klantnummer == number)).employer_text = review.text


def test_command_line_includes_the_text_only_with_met_werkgeverstekst(corpus_db, tmp_path, pdf_text, capsys):
    path, numbers = corpus_db
    db_copy = tmp_path / "cli.db"
    shutil.copy(path, db_copy)
    number, person = numbers[6], PEOPLE[6]

    def run(*args):
        return main(["--db", str(db_copy), "--today", TODAY.isoformat(), "--user", "Eline", "profile", number,
                     *args])

    assert run("--anonymous", "-o", str(tmp_path / "zonder.pdf")) == 0
    assert person["employer_text"][:30] not in pdf_text((tmp_path / "zonder.pdf").read_bytes()).text
    assert run("--anonymous", "--met-werkgeverstekst", "-o", str(tmp_path / "met.pdf")) == 0
    text = pdf_text((tmp_path / "met.pdf").read_bytes()).text
    assert person["employer_text"] in text and leaks(text, person["secrets"]) == []
    assert run("--met-werkgeverstekst", "-o", str(tmp_path / "vol.pdf")) == 2
    assert "--met-werkgeverstekst hoort bij --anonymous" in capsys.readouterr().err
    db = Database.open(db_copy)
    try:
        with db.reading() as session:
            rows = session.execute(select(AuditEntry.action, AuditEntry.detail, AuditEntry.medewerker).where(
                AuditEntry.action.in_([CONFIRMED, "geëxporteerd"])).order_by(AuditEntry.at)).all()
    finally:
        db.dispose()
    assert [tuple(r) for r in rows if r[1] == "opdrachtregel"] == [(CONFIRMED, "opdrachtregel", "Eline")]
    assert [r[1] for r in rows if r[0] == "geëxporteerd"] == [
        "profiel; variant=geanonimiseerd", "profiel; variant=geanonimiseerd; met tekst voor werkgever"]


def test_a_candidate_without_a_text_for_the_employer_cannot_confirm_one(corpus_db, tmp_path, capsys):
    db_copy = tmp_path / "cli.db"
    shutil.copy(corpus_db[0], db_copy)
    assert main(["--db", str(db_copy), "--today", TODAY.isoformat(), "profile", corpus_db[1][0], "--anonymous",
                 "--met-werkgeverstekst", "-o", str(tmp_path / "p.pdf")]) == 2
    assert "geen tekst voor werkgever" in capsys.readouterr().err and not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize("field", ["wensen", "notes", "work_limitations"])
def test_every_corpus_text_has_a_highlight(field):
    for person in PEOPLE:
        assert find_sensitive(person[field]), person[field]


@pytest.mark.parametrize("text, marked", [
    ("Mail lisa punt vdberg at gmail dot com", "vdberg at gmail dot com"),
    ("bereikbaar via jan.de.boer@hotmail.com", "jan.de.boer@hotmail.com"),
    ("volg @sanne_dejong88 op insta", "@sanne_dejong88"),
    ("woont bij haar zus aan de Lindelaan 7b", "Lindelaan 7b"),
    ("Heeft PTSS en gebruikt methadon", "PTSS"),
    ("zat in detentie", "detentie"),
    ("schuldsanering loopt", "schuldsanering"),
    ("naar de moskee", "moskee"),
    ("via zijn oom", "oom"),
])
def test_sensitive_words_are_found(text, marked):
    assert marked in [text[h.start:h.end] for h in find_sensitive(text)]


def test_ordinary_work_text_has_no_highlights():
    assert find_sensitive("Werkt nauwkeurig, rijdt heftruck en werkt graag in een vast team buiten.") == ()
