"""Issue 15, journeys 2 and 5: an accountmanager's whole day from the main window, on a generated demo region,
with only what a user clicks or types. A new employer and from it a leerwerkplek; its candidates ranked; three
selected, proposed and printed as a shortlist PDF; one placed in a leerwerktraject (a 7-month one refused first,
with its reason in the dialog); a running trajectory extended from the Trajecten list; another ended with its
uitkomst from the candidate's Trajecten tab. Journey 5 is the same at 1280x720 with every button clicked
asserted visible inside its window (``click_visible``)."""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field

import pytest
from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QPushButton, QWidget

from matchdesk.domain import TrajectoryKind
from tests.conftest import TODAY, test_key
from tests.ui.test_matching_journeys import pdf_text
from tests.ui.test_trajectory_journeys import in_the_dialog, settle

CTRL = Qt.KeyboardModifier.ControlModifier
LAPTOP = QSize(1280, 720)
# the offscreen platform says this of every completion list it shows; it is not ours
pytestmark = pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")

EMPLOYER, KVK, PLACE = "Groenvoorziening De Linde", "87654321", "Zundert"
REFERENCE, TITLE = "V2026-90001", "Hovenier leerwerkplek"
# the journey's user steps (clicks + typed fields + shortcuts and keys) by part, as counted by ``User``
PARTS = {"employer and vacancy": 10, "rank": 4, "select three and propose": 5, "shortlist PDF": 5,
         "place (7 months refused first)": 7, "extend": 5, "end with an uitkomst": 9}


@dataclass
class User:
    """What the user does, counted: clicks (buttons, rows, tabs), typed fields (a click or Tab into a field
    and what is typed there count once), keys (shortcuts, Enter, arrows). Every button, row and field is
    first asserted visible and whole inside its window (``click_visible``); on a laptop that window inside
    1280x720 too."""

    qtbot: object
    laptop: bool
    clicks: int = 0
    typed: int = 0
    keys: int = 0
    log: list[str] = field(default_factory=list)
    parts: dict[str, int] = field(default_factory=dict)  # the steps of each part of the journey
    part: str = ""

    def begin(self, part: str) -> None:
        self.end_part()
        self.part, self.parts[part] = part, -self.steps

    def end_part(self) -> None:
        if self.part:
            self.parts[self.part] += self.steps

    @property
    def steps(self) -> int:
        return self.clicks + self.typed + self.keys

    def click(self, widget: QWidget, *, pos: QPoint | None = None, modifier=Qt.KeyboardModifier.NoModifier,
              what: str = "") -> None:
        click_visible(self.qtbot, widget.window(), widget, pos=pos, modifier=modifier, laptop=self.laptop)
        self.clicks += 1
        self.log.append(f"click {what or _name(widget)}")

    def click_cell(self, view: QAbstractItemView, row: int, column: int = 1,
                   modifier=Qt.KeyboardModifier.NoModifier) -> None:
        view.scrollTo(view.model().index(row, column))  # as the wheel would
        rect = view.visualRect(view.model().index(row, column))
        assert view.viewport().rect().contains(rect.center()), (row, column)
        self.click(view.viewport(), pos=rect.center(), modifier=modifier, what=f"row {row}")

    def type(self, widget: QWidget, text: str, *, replace: bool = False) -> None:
        """Click into the field and type (over what is there with ``replace``)."""
        click_visible(self.qtbot, widget.window(), widget, laptop=self.laptop)
        target = widget.focusProxy() or widget
        if replace:
            self.qtbot.keyClick(target, Qt.Key.Key_A, CTRL)
        self.qtbot.keyClicks(target, text)
        self.typed += 1
        self.log.append(f"type {text!r}")

    def did(self, kind: str, what: str) -> None:
        """A step taken in a widget the test does not drive itself (a message box, the file dialog)."""
        setattr(self, kind, getattr(self, kind) + 1)
        self.log.append(f"{kind} {what}")

    def key(self, widget: QWidget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(widget, key, modifier)
        self.keys += 1
        self.log.append(f"key {key!r}")


def _name(widget: QWidget) -> str:
    return (widget.text() if hasattr(widget, "text") else "") or widget.accessibleName() or type(widget).__name__


def inside(window: QWidget, widget: QWidget, laptop: bool) -> None:
    """Assert the widget is shown and its whole rectangle lies inside ``window`` and inside every parent that
    would clip it (a scroll area's viewport); on a laptop also that the window fits 1280x720."""
    assert widget.isVisible(), _name(widget)
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    assert window.rect().contains(rect), (_name(widget), rect, window.rect())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        within = QRect(widget.mapTo(parent, QPoint(0, 0)), widget.size())
        assert parent.rect().contains(within), (_name(widget), type(parent).__name__, within, parent.rect())
        parent = parent.parentWidget()
    if laptop:
        assert window.width() <= LAPTOP.width() and window.height() <= LAPTOP.height(), (window.windowTitle(),
                                                                                        window.size())


def click_visible(qtbot, window: QWidget, widget: QWidget, *, pos: QPoint | None = None,
                  modifier=Qt.KeyboardModifier.NoModifier, laptop: bool = True) -> None:
    """Assert the widget is visible, enabled and whole inside ``window`` (``inside``), then click it (at
    ``pos`` inside it, else its centre)."""
    inside(window, widget, laptop)
    assert widget.isEnabled(), _name(widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, modifier, pos or widget.rect().center())


@pytest.fixture
def window(qtbot, region, tmp_path, monkeypatch, trouble, request):
    from matchdesk.app import App
    from matchdesk.storage.migrate import sqlite_backup
    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.window_geometry import PREFERRED

    if request.param == "1280x720":  # the offscreen screen (800x800) answers as a laptop's to what asks for its room
        monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(QPoint(0, 0), LAPTOP))
    path = tmp_path / "region.db"
    sqlite_backup(region, path, test_key())
    monkeypatch.setenv("MATCHDESK_DRAFTS", str(tmp_path / "concepten"))
    app = App.open(path, user="demo", today=TODAY)
    window = MainWindow(app)
    qtbot.addWidget(window, before_close_func=settle)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    # "default": the size the window opens at on any screen with room for it (the offscreen test screen is
    # 800x800, where it would open smaller and scroll)
    window.resize(LAPTOP if request.param == "1280x720" else PREFERRED)
    settle(window)
    qtbot.waitUntil(lambda: window.facts is not None and window.candidates.loaded, timeout=10_000)
    yield window
    window.close()
    app.close()


def _shown(kind):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def _wait_shown(qtbot, kind):
    qtbot.waitUntil(lambda: _shown(kind) is not None, timeout=10_000)
    widget = _shown(kind)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=5000)
    return widget


def _page(user, window, number: int):
    if QApplication.activeWindow() is not window:  # a dialog just closed: the window has the focus again
        with user.qtbot.waitActive(window):
            window.activateWindow()
    user.key(window, Qt.Key(Qt.Key.Key_0 + number), CTRL)
    page = window.stack.currentWidget()
    assert page is window.pages[number - 1]
    settle(window)
    return page


def _button(parent: QWidget, text: str) -> QPushButton:
    return next(b for b in parent.findChildren(QPushButton) if b.text().replace("&", "") == text and b.isVisible())


@pytest.mark.parametrize("window", ["default", "1280x720"], indirect=True)
def test_journey_2_an_accountmanagers_day_from_a_new_employer_to_an_ended_trajectory(qtbot, window, trouble,
                                                                                    monkeypatch, tmp_path):
    """45 user steps at either size (before issue 15 the journey could not be done in the window at all: no
    employer or vacancy could be created, Matchen had no multi-select, shortlist or Plaatsen, nothing extended
    or ended a trajectory). Counted by ``User`` and asserted per part (``PARTS``):

    - new employer and its vacancy, 10: Ctrl+2, Nieuwe werkgever, name, KvK, plaats, Nieuwe vacature (saves
      the employer), reference, title, kind (typed in its box), Ctrl+S;
    - rank its candidates, 4: Ctrl+5, "De Linde" typed in the picker, Down, Enter;
    - select three and propose them, 5: a click and two Ctrl+clicks on rows, Voorstellen, Ja;
    - their shortlist as PDF, 5: Shortlist afdrukken, Opslaan als PDF, the file name, Opslaan, Sluiten;
    - place one in a leerwerktraject, 7: a row, Plaatsen, a 7-month planned end typed and Tab (refused, the
      reason in the dialog), a 3-month one typed and Tab, Plaatsen;
    - extend it from the Trajecten list, 5: Ctrl+4, the klantnummer in the search, the row, Verlengen,
      Verlengen (the proposed 3 more months);
    - end another with an uitkomst from the candidate's Trajecten tab, 9: the search emptied, a row, Enter
      (the candidate opens on Trajecten), its row, uitkomst, reden, Beëindigen, Beëindigen, Escape.

    Every result is read back through a use case; under 60 s."""
    from matchdesk.services import proposals, trajectory_cases, vacancies
    from matchdesk.ui.editors import CandidateEditor, EmployerEditor, VacancyEditor, editor_lane
    from matchdesk.ui.placement_dialog import PlacementDialog
    from matchdesk.ui.print_preview import PrintPreviewDialog

    began = time.monotonic()
    app = window.app
    laptop = window.size() == LAPTOP
    user = User(qtbot, laptop)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(  # the confirmation, answered Ja (one click)
        lambda *args, **kwargs: (asked.append(args[2]), user.did("clicks", "Ja")) and QMessageBox.StandardButton.Yes))

    # -- a new employer, and from it a new leerwerkplek -------------------------------------------------------
    user.begin("employer and vacancy")
    employers = _page(user, window, 2)
    user.click(employers.new_button)
    employer = _wait_shown(qtbot, EmployerEditor)
    user.type(employer.form.widgets["name"], EMPLOYER)
    user.type(employer.form.widgets["kvk"], KVK)
    user.type(employer.form.widgets["plaats"], PLACE)
    user.click(employer.vacancy_button)  # saves the employer first
    vacancy = _wait_shown(qtbot, VacancyEditor)
    assert _shown(EmployerEditor) is None and EMPLOYER in vacancy.windowTitle()
    user.type(vacancy.form.widgets["reference"], REFERENCE)
    user.type(vacancy.form.widgets["title"], TITLE)
    kind = vacancy.form.widgets["kind"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # from the title into the kind, where typing
    assert QApplication.focusWidget() is kind
    qtbot.keyClicks(kind, "Leerwerkplek")  # picks it (one typed field)
    user.did("typed", "Leerwerkplek")
    assert kind.currentText() == "Leerwerkplek"  # display names in the editor, not codes ("leerwerkplek")
    provider = vacancy.form.widgets["provider"]
    assert [provider.itemText(i) for i in range(provider.count())] == ["", "Leerwerkbedrijf", "Marktpartij",
                                                                         "Werkgever"]
    start, title = vacancy.form.widgets["start_date"], vacancy.form.widgets["title"]
    assert start.height() <= title.height() + 8  # one line, not a tall empty row in a form with room to spare
    with qtbot.waitSignal(vacancy.record_saved, timeout=10_000):
        user.key(vacancy, Qt.Key.Key_S, CTRL)
    assert trouble == []
    stored = vacancies.open_vacancy(app, REFERENCE)
    assert stored.employer == EMPLOYER and stored.values["title"] == TITLE
    assert str(stored.values["kind"]) == "leerwerkplek"

    # -- rank candidates for it: Matchen, typed in the picker, chosen from the completions ---------------------
    user.begin("rank")
    page = _page(user, window, 5)
    with qtbot.waitSignal(page.query.looked_up, timeout=30_000):
        user.type(page.query, "De Linde")
    popup = page.query.completer_.popup()
    qtbot.waitUntil(popup.isVisible, timeout=30_000)
    assert [c.key for c in page.query.choices] == [REFERENCE]
    user.key(popup, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.ranked, timeout=60_000):
        user.key(popup, Qt.Key.Key_Return)
    page.ops.wait()
    assert page.model.ranking.vacancy == REFERENCE and page.model.rowCount() >= 3
    assert TITLE in page.subject.text() and "Leerwerkplek" in page.subject.text()

    # -- select three, propose them -------------------------------------------------------------------------
    user.begin("select three and propose")
    user.click_cell(page.table, 0, 2)
    user.click_cell(page.table, 1, 2, CTRL)
    user.click_cell(page.table, 2, 2, CTRL)
    assert page.selected_rows() == [0, 1, 2] and page.selection_label.text() == "3 geselecteerd"
    three = [page.model.key(row) for row in range(3)]
    with qtbot.waitSignal(page.marked, timeout=60_000):
        user.click(page.propose_button)
    assert asked == [f"3 kandidaten voorstellen voor {TITLE} ({REFERENCE})?"]
    assert page.status.text() == "3 voorstellen vastgelegd."
    made = proposals.list_proposals(app, vacancy_id=stored.id)
    assert sorted(p.klantnummer for p in made) == sorted(three) and {p.status.value for p in made} == {"voorgesteld"}

    # -- their shortlist, through the print preview, saved as PDF -------------------------------------------
    user.begin("shortlist PDF")
    user.click(page.shortlist_button)
    preview = page.preview
    assert isinstance(preview, PrintPreviewDialog) and "shortlist" in preview.windowTitle()
    qtbot.waitUntil(lambda: preview.printed is not None, timeout=60_000)
    target = tmp_path / "shortlist.pdf"
    monkeypatch.setattr("matchdesk.ui.file_dialogs.get_save_file_name", lambda *a, **k: (str(target), ""))
    user.did("typed", "shortlist.pdf")  # the file name, typed in the (answered) save dialog, and its Opslaan
    user.did("clicks", "Opslaan")
    with qtbot.waitSignal(preview.saved, timeout=60_000):
        user.click(_button(preview, "Opslaan als PDF…"))
    user.click(_button(preview, "Sluiten"))
    text = pdf_text(target)
    assert "Aantal kandidaten 3" in text and len(re.findall(r"Kandidaatprofiel P\d+", text)) == 3
    assert not any(number in text for number in three)  # anonymised

    # -- place one in a leerwerktraject; 7 months is refused with its reason first --------------------------
    user.begin("place (7 months refused first)")
    # one without trajectories so far (a matchmaker knows her candidates; the rules count earlier ones too)
    placed_row = next(row for row in range(3) if not trajectory_cases.trajectory_form(app, three[row]).history)
    placed = three[placed_row]
    user.click_cell(page.table, placed_row, 2)
    assert page.selected_rows() == [placed_row]
    user.click(page.place_button)
    qtbot.waitUntil(lambda: isinstance(page.placement_dialog, PlacementDialog), timeout=30_000)
    dialog = page.placement_dialog
    dialog.ops.wait()
    qtbot.waitUntil(lambda: dialog.verdict is not None, timeout=30_000)
    assert dialog.kind.currentText() == "Leerwerktraject" and dialog.provider.currentText() == "Leerwerkbedrijf"
    seven = TODAY + relativedelta(months=7) - dt.timedelta(days=1)
    user.type(dialog.planned_end.edit, seven.strftime("%d-%m-%Y"), replace=True)
    user.key(dialog.planned_end.edit, Qt.Key.Key_Tab)
    assert dialog.verdict.blocked and not dialog.save_button.isEnabled()
    reason = dialog.verdict_label.text()
    inside(dialog, dialog.verdict_label, laptop)  # the reason, on screen
    assert "Geblokkeerd" in reason
    assert "Leerwerktraject zou 7 maanden duren; maximum is 6 maanden" in reason
    three_months = TODAY + relativedelta(months=3) - dt.timedelta(days=1)
    user.type(dialog.planned_end.edit, three_months.strftime("%d-%m-%Y"), replace=True)
    user.key(dialog.planned_end.edit, Qt.Key.Key_Tab)
    assert dialog.verdict.verdict == "allowed" and dialog.save_button.isEnabled()
    with qtbot.waitSignal(page.marked, timeout=60_000):
        user.click(dialog.save_button)
    assert page.model.index(placed_row, page.model.keys.index("proposal")).data() == "Geplaatst"
    trajectory = trajectory_cases.find_trajectory(app, placed, TrajectoryKind.LEERWERKTRAJECT, TODAY)
    assert trajectory.planned_end == three_months and trajectory.actual_end is None
    assert {p.klantnummer: p.status.value for p in proposals.list_proposals(app, vacancy_id=stored.id)}[placed] \
        == "geplaatst"

    # -- extend a running one from the Trajecten list: the one just started ----------------------------------
    user.begin("extend")
    trajecten = _page(user, window, 4)
    with qtbot.waitSignal(trajecten.first_page_shown, timeout=10_000):
        user.type(trajecten.search, placed)
    assert trajecten.model.rowCount() == 1 and trajecten.count_label.text() == "1 traject"
    user.click_cell(trajecten.table, 0)
    extended = TODAY + relativedelta(months=6) - dt.timedelta(days=1)

    def extend(dialog):
        assert dialog.windowTitle().startswith("Traject verlengen")
        assert dialog.planned_end.value() == extended and dialog.verdict.verdict == "allowed"  # 3 + 3 months
        user.click(dialog.save_button)

    check = in_the_dialog(extend)
    user.click(trajecten.actions.extend_button)  # returns when the dialog has closed
    check()
    assert trajectory_cases.find_trajectory(app, placed, TrajectoryKind.LEERWERKTRAJECT, TODAY).planned_end == extended
    settle(window)

    # -- end another running one with its uitkomst, from the candidate's Trajecten tab ----------------------
    user.begin("end with an uitkomst")
    with qtbot.waitSignal(trajecten.first_page_shown, timeout=10_000):
        user.type(trajecten.search, "\b", replace=True)  # the search emptied: every running trajectory
    settle(window)
    row = next(r for r in range(trajecten.model.rowCount()) if trajecten.model.row_at(r).values[0] != placed)
    other = trajecten.model.row_at(row)
    number, started = other.values[0], other.values[trajecten.START]
    user.click_cell(trajecten.table, row)
    user.key(trajecten.table, Qt.Key.Key_Return)  # opens the candidate on its Trajecten tab
    editor_lane(window).wait(10_000)
    editor = _wait_shown(qtbot, CandidateEditor)
    settle(editor)
    assert editor.key == number and editor.tabs.currentWidget() is editor.trajectory_tab
    line = next(i for i, t in enumerate(editor.trajectory_lines) if t.id == other.id)
    user.click_cell(editor.trajectories, line, 0)

    def end(dialog):
        assert dialog.windowTitle().startswith("Traject beëindigen")
        user.type(dialog.outcome.lineEdit(), "regulier werk")
        user.type(dialog.reason.lineEdit(), "werk gevonden bij de werkgever")
        assert dialog.save_button.isEnabled()
        user.click(dialog.save_button)

    check = in_the_dialog(end)
    user.click(editor.trajectory_actions.end_button)
    check()
    ended = trajectory_cases.trajectory_form(app, trajectory_id=other.id).trajectory
    assert ended.actual_end == min(TODAY, ended.planned_end or TODAY) and ended.start == started
    assert ended.outcome == "regulier werk; reden: werk gevonden bij de werkgever"
    user.key(editor, Qt.Key.Key_Escape)
    assert trouble == []
    user.end_part()
    assert user.parts == PARTS and user.steps == sum(PARTS.values()), (user.parts, user.log)
    assert time.monotonic() - began < 60

