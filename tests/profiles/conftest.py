"""A demo database for the profile tests, made once per session, with some wishes and notes seeded
with the candidate's own identifiers (the scrubber must take them out), and a PDF text helper."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from matchdesk.dates import format_nl, format_nl_long

TODAY = dt.date(2026, 11, 23)
SAMPLE = 220  # candidates in the demo sample (the issue asks for at least 200)


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory):
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.demo import DemoSize, generate
    from matchdesk.storage.database import Database
    from matchdesk.storage.models import Candidate, WorkExperience

    path = tmp_path_factory.mktemp("profiles") / "demo.db"
    db = Database.open(path, create=True)
    generate(db, load_rulebooks(), 7, TODAY, DemoSize(SAMPLE, 12, 24))
    with db.unit("tester") as session:
        candidates = session.scalars(select(Candidate).order_by(Candidate.klantnummer)
                                     .options(selectinload(Candidate.experiences))).all()
        for index, c in enumerate(candidates):
            if index % 3 == 0:  # wishes that name the candidate: the scrubber's work
                c.wishes = seeded_wish(c)
            if index % 4 == 0:
                c.notes = (f"Notitie {c.klantnummer}: kandidaat {c.achternaam} belde over de uitkering; "
                           f"eigen woning aan de {c.adres}. Vervolggesprek gepland.")
            if index % 10 == 0:
                c.experiences.append(WorkExperience(function="Medewerker magazijn", employer_name="Demo BV",
                                                    start=dt.date(2019, 3, 1), end=dt.date(2021, 6, 30),
                                                    description="Orderpicken en laden."))
        # names with characters outside Latin-1 must print (and come back out of the PDF)
        candidates[1].voornaam, candidates[1].tussenvoegsel, candidates[1].achternaam = "Çağrı", None, "Öztürk-Şahin"
        candidates[2].voornaam, candidates[2].achternaam = "Noël", "Brontë-Işık"
    db.dispose()
    return path


def seeded_wish(c) -> str:
    birth = c.birth_date
    return (f"Ik ben {c.voornaam} {c.achternaam}, geboren {format_nl_long(birth)} ({birth.isoformat()}, "
            f"{birth.day:02d}/{birth.month:02d}/{birth.year}). Wil werken dicht bij {c.postcode} "
            f"({c.postcode.replace(' ', '')}), bel {c.telefoon} of mail {c.email}; klantnummer {c.klantnummer}"
            + (f", BSN {c.bsn}" if c.bsn else "") + f". Graag in {c.woonplaats}, meneer {c.achternaam} dankt u."
            + f" Beschikbaar vanaf {format_nl(TODAY)}.")


@pytest.fixture(scope="session")
def demo_db(demo_db_path):
    from matchdesk.storage.database import Database

    db = Database.open(demo_db_path)
    yield db
    db.dispose()


class PdfText:
    """Text (whitespace collapsed) and metadata of a PDF, read back with pypdf."""

    def __init__(self, data: bytes) -> None:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        self.pages = [page.extract_text() or "" for page in reader.pages]
        self.text = normalize(" ".join(self.pages))
        meta = reader.metadata or {}
        self.metadata = {key: str(value) for key, value in meta.items()}


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def pdf_text():
    return PdfText
