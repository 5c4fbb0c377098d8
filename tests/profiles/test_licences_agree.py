"""Licences are one thing: over the whole generated demo, for every candidate and every vacancy that requires a
driving licence, the anonymised profile (what the employer reads), the match explanation and the knock-out
say the same about the licence; and no licence hides among the skills."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from matchdesk import licences
from matchdesk.profiles import build_anonymous
from matchdesk.profiles.model import Fields, MatchBlock, Skills, as_match
from tests.conftest import TODAY


def _profile_licences(shown: str) -> tuple[set[str], bool]:
    """What the profile's "Rijbewijzen" line tells an employer: (codes held, known)."""
    if shown == "onbekend":
        return set(), False
    if shown == "geen":
        return set(), True
    named, _, implied = shown.partition(" (omvat ook ")
    codes = [c.strip() for c in (named + "," + implied.rstrip(")")).split(",") if c.strip()]
    return {"95" if c == "code 95" else c for c in codes}, True


def _line(text: str, start: str) -> str:
    return next((line for line in text.splitlines() if line.startswith(start)), "")


@pytest.fixture(scope="module")
def app(demo_db_path, monkeypatch_module):
    from matchdesk.app import App
    from matchdesk.storage.database import Database

    monkeypatch_module.setenv("MATCHDESK_NO_CACHE", "1")
    app = App(Database.open(demo_db_path), user="tester", today=TODAY)
    yield app
    app.close()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_profile_explanation_and_knockout_agree_on_licences_for_every_demo_pair(app):
    from matchdesk.matching.engine import Filters
    from matchdesk.services.profiles import load_candidates, load_vacancy, vacancy_info
    from matchdesk.storage.models import Candidate, CandidateSkill, Vacancy

    vocabulary = app.vocabulary
    with app.reading() as session:
        references = session.scalars(select(Vacancy.reference).where(
            Vacancy.driving_licence.is_not(None), Vacancy.deleted_at.is_(None)).order_by(Vacancy.reference)).all()
        numbers = session.scalars(select(Candidate.klantnummer).where(Candidate.deleted_at.is_(None))
                                  .order_by(Candidate.klantnummer)).all()
        candidates = load_candidates(session, numbers)
        vacancies = [load_vacancy(session, reference) for reference in references]
        stored_skills = session.execute(select(CandidateSkill.skill_id, CandidateSkill.text)).all()
    assert references, "the demo must have vacancies that require a driving licence"
    assert not [t for sid, t in stored_skills if licences.skill_code(t, vocabulary, sid)], "licences are no skills"
    licence_labels = {s.label for s in vocabulary.skills.values() if s.licence}

    seen: Counter[str] = Counter()
    for vacancy in vacancies:
        required = licences.minimal(licences.parse(vacancy.driving_licence)[0])
        assert not [s for s in vacancy.skills if s.required and licences.skill_code(s.text, vocabulary, s.skill_id)]
        ranking = app.matcher.rank_for_vacancy(vacancy.reference, TODAY, Filters(), top=0)
        results = {r["candidate"]: r for r in ranking.results}
        eligible = [r["eligible"] for r in ranking.results]
        # the vectorised knock-out (the order: eligible first) is the explanation's knock-out
        assert eligible == sorted(eligible, reverse=True), vacancy.reference
        info = vacancy_info(vacancy)
        for candidate in candidates:
            result = results[candidate.klantnummer]
            document = build_anonymous(candidate, TODAY, vacancy=info, match=as_match(result))
            rows = dict(row for block in document.blocks if isinstance(block, Fields) for row in block.rows)
            held, known = _profile_licences(rows["Rijbewijzen"])
            skills = next(b for b in document.blocks if isinstance(b, Skills))
            assert not {line.label for g in skills.groups for line in g.skills} & licence_labels
            employer = next(b for b in document.blocks if isinstance(b, MatchBlock)).sentences
            text = result["explanation"]
            missing_line = _line(text, "Ontbreekt (vereist):")
            knockout = [k for k in result["knockouts"] if k["rule"] == "rijbewijs"]
            lacking = []
            for code in required:
                name = licences.name(code)
                status = "aanwezig" if code in held else "ontbreekt" if known else "onbekend"
                seen[status] += 1
                said = f"{name}: {status}"
                where = f"{candidate.klantnummer} × {vacancy.reference} ({rows['Rijbewijzen']}): "
                if status == "ontbreekt":
                    lacking.append(code)
                    assert name in missing_line, where + text
                    assert f"{name}: aanwezig" not in text.lower() and f"{name}: onbekend" not in text.lower(), \
                        where + text
                else:
                    assert said.lower() in text.lower(), where + text
                    assert name not in missing_line, where + text
                    assert any(said.lower() in s.lower() for s in employer), where + str(employer)
                if status == "onbekend":
                    assert "driving_licence" in result["unknown"], where + text
            assert bool(knockout) == bool(lacking), candidate.klantnummer
            if lacking:
                assert not result["eligible"] and f"Knock-out: {knockout[0]['message']}." in text
                assert any(licences.name(code) in s for s in employer for code in lacking)  # "Ontbreekt (vereist)"
    assert seen["aanwezig"] and seen["ontbreekt"] and seen["onbekend"], seen


def test_vacancies_for_a_candidate_put_a_missing_licence_after_the_eligible_ones(app):
    from matchdesk.matching.engine import Filters
    from matchdesk.storage.models import Candidate

    with app.reading() as session:
        numbers = session.scalars(select(Candidate.klantnummer).where(Candidate.deleted_at.is_(None))
                                  .order_by(Candidate.klantnummer).limit(60)).all()
    knocked = 0
    for number in numbers:
        results = app.matcher.rank_for_candidate(number, TODAY, Filters(), top=0).results
        eligible = [r["eligible"] for r in results]
        assert eligible == sorted(eligible, reverse=True), number
        for r in results:
            by_licence = [k for k in r["knockouts"] if k["rule"] == "rijbewijs"]
            assert bool(by_licence) == ("Ontbreekt (vereist): rijbewijs" in r["explanation"]
                                        or ", rijbewijs " in _line(r["explanation"], "Ontbreekt (vereist):")
                                        or "code 95" in _line(r["explanation"], "Ontbreekt (vereist):")), number
            knocked += bool(by_licence)
    assert knocked
