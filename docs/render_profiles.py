"""Render the first page of a full and an anonymised demo profile to PNG for the README.

    .venv/bin/python docs/render_profiles.py

Makes a demo database in a temporary folder (seed 1, today 2026-11-23), picks a candidate with
skills, trajectories and notes, and writes docs/images/profiel-volledig.png and
docs/images/profiel-geanonimiseerd.png (first pages, 80 dpi, with pdftoppm from poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select

from matchdesk.app import App
from matchdesk.profiles import render_profile
from matchdesk.rules.rulebook import load_rulebooks
from matchdesk.services.demo import DemoSize, generate
from matchdesk.services.profiles import load_candidates, matching_explainer, profile_document
from matchdesk.storage.database import Database
from matchdesk.storage.models import Candidate, Proposal, Vacancy

TODAY = dt.date(2026, 11, 23)
OUT = Path(__file__).resolve().parent / "images"


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm ontbreekt (Debian/Ubuntu: apt install poppler-utils)", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(Path(folder) / "demo.db", create=True)
        rulebooks = load_rulebooks()
        generate(db, rulebooks, 1, TODAY, DemoSize(300, 30, 60))
        with db.reading() as session:
            numbers = session.scalars(select(Candidate.klantnummer).order_by(Candidate.klantnummer)).all()
            candidate = next(c for c in load_candidates(session, numbers)
                             if c.notes and c.trajectories and len(c.skills) >= 6)
            proposal = session.scalar(select(Vacancy.reference).join(Proposal, Proposal.vacancy_id == Vacancy.id)
                                      .where(Proposal.candidate_id == candidate.id).limit(1))
            reference = proposal or session.scalar(select(Vacancy.reference).order_by(Vacancy.reference).limit(1))
        app = App(db, user="demo", today=TODAY, rulebooks=rulebooks)
        with matching_explainer(app) as explainer, app.unit() as session:
            for anonymous, name in ((False, "profiel-volledig"), (True, "profiel-geanonimiseerd")):
                document = profile_document(session, candidate.klantnummer, TODAY, anonymous=anonymous,
                                            vacancy_reference=reference, explainer=explainer, action=None)
                pdf = Path(folder) / f"{name}.pdf"
                pdf.write_bytes(render_profile(document, TODAY, document.info.author))
                subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                                str(OUT / name)], check=True)
                print(OUT / f"{name}.png")
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
