"""The candidate index built from plain columns (issue 16): kept up to date row by row it equals one built afresh,
its saved copy round-trips and is reused by a start, a stale-format or foreign copy is ignored, and it holds no
Python object per candidate."""

import numpy as np
import pytest
from sqlalchemy import delete, select

from matchdesk.matching.index import CandidateIndex
from matchdesk.matching.index_file import MAGIC, canonical, seal, unseal
from matchdesk.services.matching import CACHE_KEY
from matchdesk.storage.ids import utcnow
from matchdesk.storage.models import Candidate, CandidateLanguage, CandidateSkill


@pytest.fixture
def open_service(db, today, tmp_path):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.matching import MatchService

    made = []

    def open_one(cache=tmp_path / "cache"):
        service = MatchService(App(db, user="tester", today=today, rulebooks=load_rulebooks()), cache_dir=cache)
        made.append(service)
        return service

    yield open_one
    for service in made:
        service.engine.index.close()


@pytest.fixture
def region(add_vacancy, add_candidate, levels):
    """A dozen candidates with what the build derives: resolved, typo and free skills, licence fields and licence
    skills, places, occupations and wishes (some shared), languages, eligibility facts."""
    add_vacancy("V1", required=["heftruck", "eigen tekst zonder woordenboek"], desired=["magazijn"],
                driving_licence="C", description="Heftruckchauffeur in een magazijn")
    numbers = []
    for i in range(12):
        numbers.append(add_candidate(
            [["heftruck", "magazijnwerk"], ["heftruk"], ["eigen tekst zonder woordenboek", "rijbewijs C"], []][i % 4],
            language=levels(spreken=["A1", "B1", None][i % 3], lezen="A2"),
            driving_licences=["B", "C", "geen", ""][i % 4], wsw=i % 5 == 0, doelgroep=["A", "B"][i % 2],
            woonplaats=["Roosendaal", "Bergen op Zoom", "Etten-Leur"][i % 3],
            municipality=["Roosendaal", "Bergen op Zoom", "Etten-Leur"][i % 3],
            wishes=["Wil graag werken in een magazijn.", "Iets met zorg", ""][i % 3],
            desired_occupations=["heftruckchauffeur", "", "schoonmaker; inpakker"][i % 3]))
    return numbers


def _fresh(db, scorer):
    index = CandidateIndex(scorer)
    with db.reading() as session:
        index.refresh(session)
    return index


def _assert_same(left, right):
    arrays, document = canonical(left)
    expected, expected_document = canonical(right)
    assert document == expected_document
    assert sorted(arrays) == sorted(expected)
    for name in arrays:
        np.testing.assert_array_equal(arrays[name], expected[name], err_msg=name)


def _ranked(service, today):
    return [(r["candidate"], r["score"]) for r in service.rank_for_vacancy("V1", today, top=0).results]


def test_changes_update_only_their_rows_and_give_the_index_a_full_rebuild_gives(db, open_service, region,
                                                                                  add_candidate, today):
    service = open_service(cache=None)
    index = service.engine.index
    assert service.warm_up() == 12
    with db.unit("tester") as session:
        people = {c.klantnummer: c for c in session.scalars(select(Candidate))}
        people[region[0]].wishes = "Liever in de zorg"  # a changed row
        people[region[1]].archived_at = utcnow()  # archived: no longer ranked
        people[region[2]].deleted_at = utcnow()  # deleted
        skill = session.scalars(select(CandidateSkill).where(CandidateSkill.candidate_id == people[region[4]].id)
                                .order_by(CandidateSkill.position)).first()
        skill.text, skill.skill_id = "heftruck", None  # a changed skill row
    added = add_candidate(["schoonmaak"], klantnummer="9000001")
    with db.reading() as session:
        assert 5 <= index.refresh(session) < 12  # the 4 changed and the new one (and any at the old mark), not all
    _assert_same(index, _fresh(db, service.engine.scorer))
    assert len(index) == 11 and added in index.klantnummer

    with db.unit("tester") as session:  # rows removed (fewer than before): every candidate's rows compared
        session.execute(delete(CandidateSkill).where(CandidateSkill.candidate_id == people[region[8]].id))
        gone = people[region[9]].id  # erased outright, as the erasure use case does
        for model in (CandidateSkill, CandidateLanguage):
            session.execute(delete(model).where(model.candidate_id == gone))
        session.execute(delete(Candidate).where(Candidate.id == gone))
    with db.reading() as session:
        index.refresh(session)
    fresh = _fresh(db, service.engine.scorer)
    _assert_same(index, fresh)
    assert len(index) == 10
    index.compact()  # retired rows dropped, rows in id order: the arrays a full build has
    assert np.array_equal(index.id_bytes, fresh.id_bytes) and (index.S != fresh.S).nnz == 0
    assert np.array_equal(index.order_rank, fresh.order_rank)
    assert _ranked(service, today) == _ranked(open_service(cache=None), today)


def test_the_saved_copy_round_trips_and_a_start_rereads_only_what_changed(db, open_service, region, today,
                                                                         tmp_path):
    first = open_service()
    before = _ranked(first, today)
    first.close()
    again = open_service()
    assert again.from_cache
    _assert_same(again.engine.index, first.engine.index)
    with db.reading() as session:
        assert again.engine.index.refresh(session) == 0  # the copy is at the database's data version
    assert _ranked(again, today) == before
    again.close()

    with db.unit("tester") as session:  # another process changes one candidate after the copy was written
        session.scalars(select(Candidate).where(Candidate.klantnummer == region[3])).one().hours_per_week = 12
    third = open_service()
    assert third.from_cache
    with db.reading() as session:
        assert third.engine.index.refresh(session) in (1, 2)  # the changed one (and one at the saved mark)
    _assert_same(third.engine.index, _fresh(db, third.engine.scorer))


@pytest.mark.parametrize("copy", ["format_4", "other_fingerprint", "other_database"])
def test_a_stale_format_or_foreign_copy_is_ignored(copy, db, open_service, region, today, tmp_path, monkeypatch):
    first = open_service()
    before = _ranked(first, today)
    first.close()
    [path] = list((tmp_path / "cache").glob("index-*.idx"))
    key = bytes.fromhex(db.meta(CACHE_KEY))
    payload = unseal(key, path.read_bytes())
    assert payload is not None
    if copy == "format_4":  # the same arrays under the previous format's magic: not read
        from matchdesk.matching import index_file

        monkeypatch.setattr(index_file, "MAGIC", b"MatchDesk-index-4\n")
        path.write_bytes(index_file.seal(key, payload))
        monkeypatch.setattr(index_file, "MAGIC", MAGIC)
    elif copy == "other_fingerprint":  # made with other weights, vocabulary or places
        from matchdesk.matching.engine import MatchEngine

        monkeypatch.setattr(MatchEngine, "fingerprint", lambda self: "another vocabulary")
    else:
        path.write_bytes(seal(bytes(32), payload))
    again = open_service()
    assert not again.from_cache
    assert _ranked(again, today) == before  # built afresh


def test_the_index_holds_no_object_per_candidate(db, open_service, add_vacancy, add_candidate):
    add_vacancy("V1", required=["heftruck"])
    for _ in range(30):
        add_candidate(["heftruck", "eigen tekst"], wishes="Wil graag werken in een magazijn.")
    service = open_service(cache=None)
    service.warm_up()
    index = service.engine.index
    for name, value in vars(index).items():
        if isinstance(value, np.ndarray):
            assert value.dtype != object, name
        elif isinstance(value, dict | list | set | tuple):
            assert len(value) < 30 or name in ("skill_col", "group_col", "occupation_col"), name
    assert len(index.wish_texts) == 1 and index.wish_vectors.shape[0] == 1  # one text, hashed once
    assert len(index.ids) == 30 and len(set(index.ids)) == 30


def test_rows_tied_at_the_mark_are_not_read_again(db, open_service, region):
    """A demo or an import writes many rows with one timestamp: a later change re-reads the changed row only."""
    import datetime as dt

    from sqlalchemy import update

    with db.unit("tester") as session:
        session.execute(update(Candidate).values(updated_at=dt.datetime(2026, 11, 23, 8, 0)))
    service = open_service(cache=None)
    service.warm_up()
    with db.unit("tester") as session:
        session.scalars(select(Candidate).where(Candidate.klantnummer == region[5])).one().hours_per_week = 9
    with db.reading() as session:
        assert service.engine.index.refresh(session) == 1
    _assert_same(service.engine.index, _fresh(db, service.engine.scorer))


def test_a_build_read_in_chunks_gives_the_index_one_read_gives(db, open_service, region, monkeypatch):
    """The first build encodes skill and language rows a chunk at a time as they are read (bounded memory)."""
    from matchdesk.matching import index_store

    service = open_service(cache=None)
    whole = _fresh(db, service.engine.scorer)
    monkeypatch.setattr(index_store, "CHUNK_ROWS", 2)  # one candidate's rows then cross chunks
    in_windows = _fresh(db, service.engine.scorer)
    _assert_same(in_windows, whole)
    assert len(in_windows) == 12


def test_the_build_and_an_update_on_sqlite_and_postgresql(store, today, levels):
    """Ids, enums, dates and booleans come as each driver gives them (hex text or uuid.UUID, text or date)."""
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.services.candidates import SkillInput, create_candidate
    from matchdesk.services.matching import MatchService
    from matchdesk.storage.database import Database
    from matchdesk.vocabulary import load_vocabulary

    database = Database.open(store)
    try:
        for i in range(5):
            values = {"klantnummer": f"880000{i}", "achternaam": "Jansen", "woonplaats": "Roosendaal",
                      "municipality": "Roosendaal", "doelgroep": "A", "categorie": "1A", "available_from": today,
                      "ontheffing_until": today, "driving_licences": ["B", "C", ""][i % 3], "wishes": "Magazijn",
                      "desired_occupations": "heftruckchauffeur"}
            with database.unit("tester") as session:
                create_candidate(session, values, today, skills=[SkillInput("heftruck"), SkillInput("eigen tekst")],
                                 languages=levels(spreken="B1"), vocabulary=load_vocabulary())
        service = MatchService(App(database, user="tester", today=today, rulebooks=load_rulebooks()))
        assert service.warm_up() == 5
        index = service.engine.index
        assert set(index.klantnummer) == {f"880000{i}" for i in range(5)} and not np.isnan(index.avail).any()
        assert not np.isnan(index.ontheffing).any() and index.S.nnz >= 10 and (index.lang[:, 2] >= 0).all()
        with database.unit("tester") as session:
            session.scalars(select(Candidate).where(Candidate.klantnummer == "8800003")).one().hours_per_week = 9
        with database.reading() as session:
            assert 1 <= index.refresh(session) < 5
        _assert_same(index, _fresh(database, service.engine.scorer))
        index.close()
    finally:
        database.dispose()


def test_an_index_made_on_an_empty_database_takes_the_first_candidates(db, open_service, add_vacancy, add_candidate,
                                                                     today):
    add_vacancy("V1", required=["heftruck"])
    service = open_service(cache=None)
    assert service.warm_up() == 0
    first = add_candidate(["heftruck"])
    assert _ranked(service, today)[0][0] == first
    with db.unit("tester") as session:  # and back to none
        session.scalars(select(Candidate)).one().deleted_at = utcnow()
    assert _ranked(service, today) == []
    second = add_candidate(["heftruck"])
    assert [c for c, _ in _ranked(service, today)] == [second]
