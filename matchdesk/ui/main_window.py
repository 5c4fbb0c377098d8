"""The main window: navigation between the pages, quick search, status bar; opens records in editors.

What it says about the database (demo? region? empty?) comes from ``services.maintenance.database_facts``
through the window's ops; ``first_page_painted`` (the ready signal of ``--quit-when-ready``) fires at the
first paint after those facts and the first page of the first list have arrived.

A start builds only the page shown: the others are imported and built when first shown (``LazyPages``), and
right after the first paint the matching index is loaded (or built) in the background so that the first
ranking does not wait for it (``services.matching.warm_up``)."""

from __future__ import annotations

import threading
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.services import maintenance, signals
from matchdesk.services.maintenance import DatabaseFacts
from matchdesk.ui.help import build_help_menu
from matchdesk.ui.icons import icon
from matchdesk.ui.keyboard import focus_into
from matchdesk.ui.lazy_pages import FIRST_DATA, PAGES, LazyPages, build_page, retention_action, warm_up_matching
from matchdesk.ui.list_page import ListPage
from matchdesk.ui.navigation import Navigation
from matchdesk.ui.ops import Ops, show_failure
from matchdesk.ui.page import Page
from matchdesk.ui.scroll import PageStack, scrollable
from matchdesk.ui.sync_actions import add_sync_actions
from matchdesk.ui.window_geometry import restore_geometry, save_geometry

if TYPE_CHECKING:
    from matchdesk.services.demo import DemoSize
    from matchdesk.ui.record_pages import CandidatesPage

translate = QCoreApplication.translate

# ``--view NAME`` identifiers (the Dutch page names as they always were), independent of the display texts
VIEWS = {"CandidatesPage": "kandidaten", "EmployersPage": "werkgevers", "VacanciesPage": "vacatures & leerwerkplekken",
         "TrajectoriesPage": "trajecten", "MatchingPage": "matchen", "SignalsPage": "signalen",
         "ReportPage": "rapportage"}


class MainWindow(QMainWindow):
    first_page_painted = Signal()

    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app
        self.ops = Ops(self)
        self.facts: DatabaseFacts | None = None  # what the database is, once read
        self.is_demo = False
        self.setWindowTitle("MatchDesk")
        self.help_window: QWidget | None = None  # the handleiding (F1), made on first use

        self.pages = LazyPages(PAGES, lambda row, cls: build_page(self, row, cls))  # a placeholder until shown
        self.navigation = Navigation()  # folds to icons (Beeld > Compacte navigatie), remembered
        self.nav = self.navigation.list
        self.stack = PageStack()  # asks for the room of the page shown, not of the widest page
        self.warm_ops = Ops(self)  # the matching index, loaded in the background after the first paint
        for number, slot in enumerate(PAGES, start=1):
            view = VIEWS.get(slot.name)  # icon: resources/icons/<first word of the view name>.svg
            title = self.pages.title(number - 1)
            self.navigation.add_entry(title, f"{title} (Ctrl+{number})", icon(view.split()[0]) if view else None)
            self.stack.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self._show_page)

        self.empty_panel = self._empty_database_panel()
        self.rules_panel = self._rulebook_errors_panel()
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.navigation)
        right = QVBoxLayout()
        right.addWidget(self.rules_panel)
        right.addWidget(self.empty_panel)
        # a page wider or taller than a small screen scrolls instead of widening the window off the screen
        self.page_area = scrollable(self.stack)
        right.addWidget(self.page_area, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(body)
        self._build_menus()
        self._build_status_bar()

        self._painted = False
        self._first_paint = threading.Event()  # set at the first paint of the first page with its data
        self._closing = threading.Event()  # the window closes or the application quits: no more warming up
        QCoreApplication.instance().aboutToQuit.connect(self._stop_background)
        self.navigation.restore()
        self._restore()
        self.nav.setCurrentRow(0)
        focus_into(self.pages[0].focus_widget(), Qt.FocusReason.OtherFocusReason)
        self.refresh_facts()

    # -- structure -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = QAction(icon("importeren"), self.tr("&Import…"), self, shortcut=QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_file)
        file_menu.addAction(self.import_action)
        file_menu.addAction(retention_action(self))  # Bestand > Bewaartermijnen… (a teamleider's list)
        self.sync_actions = add_sync_actions(self, file_menu)  # Bestand > Synchroniseren (a team server's laptop)
        quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go = self.menuBar().addMenu(self.tr("&Go to"))
        search = QAction(icon("zoeken"), self.tr("Quick &search…"), self, shortcut=QKeySequence("Ctrl+K"))
        search.triggered.connect(self.quick_search)
        go.addAction(search)
        go.addSeparator()
        for number in range(1, len(self.pages) + 1):
            title = self.pages.title(number - 1)
            action = QAction(title.replace("&", "&&"), self, shortcut=QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, row=number - 1: self.go_to(row))
            go.addAction(action)
        go.addSeparator()
        self.find_action = QAction(icon("zoeken"), self.tr("&Find on this page"), self,
                                   shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self.find_on_page)
        go.addAction(self.find_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.compact_action = QAction(self.tr("&Compact navigation"), self, checkable=True)
        self.compact_action.toggled.connect(lambda on: self.navigation.set_collapsed(on)
                                            if on != self.navigation.collapsed else None)
        self.navigation.collapsed_changed.connect(self.compact_action.setChecked)
        view_menu.addAction(self.compact_action)
        self.help_actions = build_help_menu(self, self.current_help_anchor, self._about)

    def _wire_confirmations(self, row: int, page: Page) -> None:
        """A page's exports confirmed in the status bar; its count of open items after its name in the navigation
        (Signalen's ``open_count_changed(int)``, where the page has it). Once, when the page is built."""
        if isinstance(page, ListPage):
            page.exported.connect(lambda rows: self.confirm(self.tr("%n row(s) exported", "", rows)))
        counted = getattr(page, "open_count_changed", None)
        if counted is not None:
            counted.connect(lambda count: self.navigation.set_count(row, count))

    @property
    def candidates(self) -> CandidatesPage:
        """The Kandidaten page (built when asked for)."""
        return self.pages[0]  # type: ignore[return-value]  # the first slot is CandidatesPage

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        database = QLabel(self.tr("Database: {label}").format(label=self.app.label))
        database.setToolTip(database.text())
        database.setMinimumWidth(80)  # a long path gives way on a small screen instead of widening the window
        status.addWidget(database)
        status.addWidget(QLabel(self.tr("Staff member: {name}").format(name=self.app.user)))
        self.region_label = QLabel()
        self.region_label.hide()  # shown when the database has a region (read with the other facts)
        status.addWidget(self.region_label)
        self.rulebook_override_label = self._rulebook_override_label()
        status.addWidget(self.rulebook_override_label)

    def _rulebook_override_label(self) -> QLabel:
        """A rulebook from --rules that replaces a shipped one or switches rules off: never silent."""
        overrides = self.app.rulebooks.overrides
        label = QLabel(self.tr("Own rulebook in use: {books}").format(
            books=", ".join(sorted({o.book_id for o in overrides}))))
        label.setAccessibleName(self.tr("Own rulebook"))
        label.setToolTip("\n".join(o.describe() for o in overrides))  # the core's Dutch lines
        label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        label.setVisible(bool(overrides))
        return label

    def _empty_database_panel(self) -> QWidget:
        panel = QWidget()
        layout = QHBoxLayout(panel)
        message = QLabel(self.tr("This database is empty. Load demo data to explore MatchDesk, or import "
                                 "your region's files."))
        message.setWordWrap(True)  # wraps on a small screen rather than widening the window
        layout.addWidget(message, 1)
        self.demo_button = QPushButton(self.tr("Load demo data"))
        self.demo_button.clicked.connect(lambda: self.load_demo())
        importing = QPushButton(self.tr("Import file…"))
        importing.clicked.connect(self.import_file)
        layout.addWidget(self.demo_button)
        layout.addWidget(importing)
        panel.setStyleSheet("background: #fff7e0;")
        panel.hide()  # until the facts say the database is empty
        return panel

    def _rulebook_errors_panel(self) -> QLabel:
        """A rulebook that failed to load: the app works on, but says so and which writes it refuses."""
        rulebooks = self.app.rulebooks
        panel = QLabel()
        panel.setWordWrap(True)
        panel.setAccessibleName(self.tr("Rulebook errors"))
        panel.setStyleSheet("background: #fdecea; color: #7f1d1d; padding: 6px; border: 1px solid #f5c2c0;")
        errors = list(getattr(rulebooks, "errors", []))
        broken = sorted(getattr(rulebooks, "broken", {}))
        if errors:
            lines = "<br>".join(escape(str(error)) for error in errors[:5])
            refused = (self.tr("Trajectories cannot be recorded for: {rulebooks}.").format(
                rulebooks=escape(", ".join(b.title() for b in broken))) if broken else "")
            heading = self.tr("A rulebook could not be loaded.")
            panel.setText(f"<b>{heading}</b> {refused}<br>{lines}")
        panel.setVisible(bool(errors))
        return panel

    def refresh_facts(self) -> None:
        """Read again what the database is (after an import or the demo): title, region, empty panel."""
        app = self.app
        self.ops.run(lambda: maintenance.database_facts(app), self._show_facts, key="facts")
        row = self.pages.row_of("SignalsPage")
        assert row is not None
        # the navigation's count of my open signals, before the page is ever opened (the page updates it later);
        # at the start it waits for the first paint (at most 2 s) instead of competing with the first page
        painted, closing = self._first_paint, self._closing

        def count() -> int | None:
            painted.wait(2.0)
            return None if closing.is_set() else signals.open_signal_count(app)

        self.ops.run(count, lambda count: count is None or self.navigation.set_count(row, count),
                     lambda _error: None, key="signal count")

    def _show_facts(self, facts: DatabaseFacts) -> None:
        self.facts, self.is_demo = facts, facts.demo
        self.setWindowTitle("MatchDesk — DEMO" if facts.demo else "MatchDesk")
        if facts.region:
            self.region_label.setText(self.tr("Region: {region}").format(region=facts.region))
        self.region_label.setVisible(bool(facts.region))
        self.empty_panel.setVisible(not facts.holds_records)
        self.update()  # the ready signal waits for this

    # -- navigation ------------------------------------------------------------------------------------
    def _show_page(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            page = self.pages[row]  # imported and built the first time
            self.stack.setCurrentIndex(row)
            page.refresh()

    def go_to(self, row: int) -> None:
        """Ctrl+1..7: the page, with the keyboard in its search or reference field."""
        self.nav.setCurrentRow(row)
        focus_into(self.pages[row].focus_widget())

    def find_on_page(self) -> None:
        """Ctrl+F: the keyboard in the shown page's search or filter field, its text selected."""
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            focus_into(page.search_widget())

    def current_help_anchor(self) -> str:
        page = self.stack.currentWidget()
        return page.anchor() if isinstance(page, Page) else ""

    def confirm(self, text: str) -> None:
        """A short confirmation in the status bar (five seconds), e.g. after a save or an export."""
        self.statusBar().showMessage(text, 5000)

    def show_view(self, name: str) -> bool:
        """``--view NAME``: a page by its identifier (its Dutch name, see VIEWS) or the start of it,
        case-insensitive; not by the display text, which follows the translation."""
        wanted = name.strip().casefold()
        for row, slot in enumerate(PAGES):
            if VIEWS.get(slot.name, slot.title).casefold().startswith(wanted):
                self.nav.setCurrentRow(row)
                return True
        return False

    def page(self, page_type: type[Page]) -> Page | None:
        """The page of that class (built when it was not yet)."""
        row = self.pages.row_of(page_type.__name__)
        if row is not None:
            return self.pages[row]
        return next((p for p in self.pages if isinstance(p, page_type)), None)

    def show_page(self, page_type: type[Page]) -> Page | None:
        page = self.page(page_type)
        if page is not None:
            self.nav.setCurrentRow(self.pages.index(page))
        return page

    def open_record(self, kind: str, key: str) -> None:
        """The record in its editor (loaded off the GUI thread); the page shown is read again after a save."""
        from matchdesk.ui.editors import open_editor

        open_editor(self, self.app, kind, key, on_saved=lambda saved: self._record_saved(kind, key, saved))

    def _record_saved(self, kind: str, key: str, saved: object) -> None:
        self._current_page_changed()  # the editor itself confirms the save in the status bar (editor_base)

    def _current_page_changed(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            page.refresh()

    def quick_search(self) -> None:
        from matchdesk.ui.quick_search import QuickSearchDialog

        dialog = QuickSearchDialog(self.app, self)
        dialog.chosen.connect(self.open_record)
        dialog.open()

    def import_file(self) -> None:
        from matchdesk.ui.import_dialog import ImportDialog  # loaded on first use: keeps the start quick

        dialog = ImportDialog(self.app, self)
        dialog.finished.connect(lambda _result: self._database_changed())
        dialog.open()

    def _database_changed(self) -> None:
        self.refresh_facts()
        self._current_page_changed()

    def load_demo(self, size: DemoSize | None = None) -> None:
        """Only on an explicit click, and only into an empty database: the app never fills one by itself.
        Runs off the GUI thread under a busy cursor; ``size`` only for tests (the default region)."""
        answer = QMessageBox.question(self, self.tr("Demo data"), self.tr("Load an invented region with 9,000 "
                                      "candidates? This takes about half a minute."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        app = self.app
        self.setCursor(Qt.CursorShape.WaitCursor)
        self.demo_button.setEnabled(False)
        self.import_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Loading demo data…"))
        self.ops.run(lambda: maintenance.load_demo(app, size), lambda _summary: self._demo_done(),
                     lambda error: self._demo_done(error), key="demo")

    def _demo_done(self, error: Exception | None = None) -> None:
        self.unsetCursor()
        self.demo_button.setEnabled(True)
        self.import_action.setEnabled(True)
        self.statusBar().clearMessage()
        if error is not None:
            show_failure(self, error)
        self._database_changed()

    def _about(self) -> None:
        from matchdesk import __version__

        text = self.tr("Matching, trajectories and signals for werkgeversservicepunten.")
        QMessageBox.about(self, self.tr("About MatchDesk"), f"<b>MatchDesk {__version__}</b><p>{text}</p>")

    # -- the ready signal and window state -------------------------------------------------------------
    def _ready(self) -> bool:
        """The facts are read, and the page shown has its first data (a list its first page, Signalen its
        worklist, Rapportage its figures), so ``--view NAME --screenshot`` never catches a half page."""
        page = self.stack.currentWidget()
        if self.facts is None:
            return False
        if isinstance(page, ListPage):
            return page.loaded
        first_data = FIRST_DATA.get(type(page).__name__)
        return first_data(page) if first_data is not None else isinstance(page, Page)

    def paintEvent(self, event) -> None:  # first paint after the facts and the first page of the list arrived
        super().paintEvent(event)
        if not self._painted and self._ready():
            self._painted = True
            self._first_paint.set()
            QTimer.singleShot(0, self.first_page_painted.emit)
            warm_up_matching(self.warm_ops, self.app, self._closing)

    def _restore(self) -> None:
        """The saved size and place only when they fit a screen this computer has now; else a size that fits."""
        restore_geometry(self)

    def _stop_background(self) -> None:
        """No interpreter ends under a worker still building: the warm-up stops at its next step, waited for."""
        self._closing.set()
        self._first_paint.set()
        self.warm_ops.wait()

    def closeEvent(self, event) -> None:
        save_geometry(self)
        self._stop_background()
        super().closeEvent(event)
