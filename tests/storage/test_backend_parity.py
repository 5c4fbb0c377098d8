"""What a user meets in the lists and the search boxes is the same on SQLite and PostgreSQL: SQLite's LIKE
ignores the case of ASCII letters and puts NULL first in an ascending sort, PostgreSQL's LIKE is
case-sensitive and puts NULL last. Found running the suite on PostgreSQL (issue 18 item 5)."""

from __future__ import annotations

from matchdesk.app import App
from matchdesk.services.lists import ListFilter, ListQuery, first_page
from matchdesk.services.match_desk import find_candidates


def _app(db, today) -> App:
    return App(db, user="tester", today=today)


def test_a_klantnummer_is_found_whatever_case_is_typed(db, make_candidate, today):
    make_candidate(klantnummer="KN-101", achternaam="Jansen")
    make_candidate(klantnummer="kn-202", achternaam="Visser")
    app = _app(db, today)
    for typed in ("kn-1", "KN-1", "Kn-101"):
        assert [c.key for c in find_candidates(app, typed)] == ["KN-101"], typed
        found = first_page(app, ListQuery("kandidaat", ListFilter(text=typed)), 50)
        assert [r.values[0] for r in found.rows] == ["KN-101"], typed
    assert [c.key for c in find_candidates(app, "KN-2")] == ["kn-202"]


def test_empty_values_sort_at_the_same_end_on_both_backends(db, make_candidate, today):
    make_candidate(klantnummer="K1", woonplaats="Wouw")
    make_candidate(klantnummer="K2", woonplaats=None)
    make_candidate(klantnummer="K3", woonplaats="Breda")
    app = _app(db, today)

    def order(descending: bool) -> list[str]:
        found = first_page(app, ListQuery("kandidaat", sort="woonplaats", descending=descending), 50)
        return [r.values[0] for r in found.rows]

    assert order(False) == ["K2", "K3", "K1"]  # as SQLite always had it: no place first, then A to Z
    assert order(True) == ["K1", "K3", "K2"]


def test_a_unit_that_waits_for_a_colleagues_lock_ends_in_the_in_use_message_not_a_hang(db_target, today):
    """SQLite waits its busy timeout at BEGIN and then says IN_USE. PostgreSQL waited for ever (an audited write
    waits for the chain's advisory lock, which the colleague's transaction holds to its end): the window hung.
    Now the busy timeout is PostgreSQL's lock_timeout as well, and the wait ends in the same message."""
    import threading

    from matchdesk.errors import StorageUnavailable
    from matchdesk.services.candidates import create_candidate
    from matchdesk.storage.database import Database
    from tests.conftest import candidate_values

    colleague, mine = Database.open(db_target), Database.open(db_target, busy_timeout_ms=250)
    outcome: list[object] = []

    def write() -> None:
        try:
            with mine.unit("bram") as session:
                create_candidate(session, candidate_values(klantnummer="2"), today)
            outcome.append("stored")
        except StorageUnavailable as error:
            outcome.append(error)

    try:
        with colleague.unit("anouk") as session:  # holds the write lock (SQLite) / the chain's lock (PostgreSQL)
            create_candidate(session, candidate_values(klantnummer="1"), today)
            session.flush()
            writer = threading.Thread(target=write)
            writer.start()
            writer.join(timeout=15)
        writer.join(timeout=15)
        assert len(outcome) == 1 and isinstance(outcome[0], StorageUnavailable), outcome
        assert outcome[0].kind == "busy" and "in gebruik" in str(outcome[0])
    finally:
        colleague.dispose()
        mine.dispose()
