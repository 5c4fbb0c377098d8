import datetime as dt

import pytest

from matchdesk.services.candidates import create_candidate
from matchdesk.services.employers import ensure_medewerker
from tests.conftest import candidate_values


@pytest.fixture
def filled_db(db, today):
    with db.unit("tester") as session:
        me = ensure_medewerker(session, "demo")
        session.flush()
        for i, (first, prefix, last) in enumerate([("Noël", "van den", "Berg"), ("Ayşe", None, "Yılmaz"),
                                                    ("Jan", "de", "Vries"), ("Fatma", None, "Akın")]):
            create_candidate(session, candidate_values(klantnummer=f"100000{i}", voornaam=first,
                                                       tussenvoegsel=prefix, achternaam=last),
                             today, owner_id=me.id if i % 2 == 0 else None)
        db.set_meta(session, "demo", "{}")
    return db


def test_main_window_lists_candidates_sorted_on_achternaam(qtbot, filled_db, today):
    from matchdesk.ui.main_window import MainWindow

    window = MainWindow(filled_db, user="demo", today=today)
    qtbot.addWidget(window)
    assert "DEMO" in window.windowTitle()
    model = window.model
    names = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert names == ["Akın, Fatma", "Berg, Noël van den", "Vries, Jan de", "Yılmaz, Ayşe"]


def test_mijn_kandidaten_and_search_filter(qtbot, filled_db, today):
    from matchdesk.ui.main_window import MainWindow

    window = MainWindow(filled_db, user="demo", today=today)
    qtbot.addWidget(window)
    window.mine.setChecked(True)
    assert window.model.rowCount() == 2
    window.mine.setChecked(False)
    window.search.setText("vries")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.data(window.model.index(0, 0)) == "1000002"


def test_candidate_model_passes_qtmodeltester(qtmodeltester, filled_db):
    from matchdesk.ui.candidate_model import CandidateTableModel

    model = CandidateTableModel(filled_db)
    model.reload()
    qtmodeltester.check(model)


def test_ready_signal_fires_after_first_paint(qtbot, filled_db, today):
    from matchdesk.ui.main_window import MainWindow

    window = MainWindow(filled_db, user="demo", today=today)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_page_painted, timeout=5000):
        window.show()
