"""The import dialog offers the record types of issue 17 (education, work experience, contact moments,
medewerkers) by their Dutch names, and imports a work-experience list chosen there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from matchdesk.storage.models import WorkExperience
from matchdesk.transfer import import_file
from tests.conftest import TODAY
from tests.ui.test_import_dialog import load, write_csv


@pytest.fixture
def app(db, today):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks

    return App(db=db, user="Anouk", today=today, rulebooks=load_rulebooks())


def test_a_work_experience_list_chosen_in_the_dialog_is_imported(qtbot, app, db, tmp_path):
    from matchdesk.ui.import_dialog import ImportDialog

    people = write_csv(tmp_path / "k.csv", [["K1", "Jansen", "1980-01-01"]], ["klantnummer", "achternaam",
                                                                              "geboortedatum"])
    assert import_file(db, "candidates", people, user="a", today=TODAY).new == 1
    dialog = ImportDialog(app)
    qtbot.addWidget(dialog, before_close_func=lambda d: (d.cancel(), d.ops.wait(10000)))
    dialog.show()
    qtbot.waitExposed(dialog)

    kinds = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
    assert kinds[4:] == ["Opleidingen", "Werkervaring", "Contactmomenten", "Medewerkers"]
    dialog.kind.setFocus()
    for _ in range(5):  # as a user does: arrow down through the list to Werkervaring
        QTest.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.kind.currentText() == "Werkervaring"

    path = write_csv(tmp_path / "werk.csv", [["K1", "Orderpicker", "Groen BV", "01-09-2019", "31-03-2021"],
                                             ["K2", "Kok", "", "", ""]],
                     ["klantnummer", "functie", "werkgever", "start", "einde"])
    load(qtbot, dialog, path)  # as the dialog tests do: the path as the file chooser gives it
    with qtbot.waitSignal(dialog.run_finished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    result = finished.args[0]
    assert (result.new, result.rejected_rows) == (1, [3])
    with db.reading() as session:
        assert session.scalars(select(WorkExperience.function)).all() == ["Orderpicker"]
