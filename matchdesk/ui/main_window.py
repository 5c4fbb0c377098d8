"""The main window: navigation between the pages, quick search, status bar; opens records in editors.

What it says about the database (demo? region? empty?) comes from ``services.maintenance.database_facts``
through the window's ops; ``first_page_painted`` (the ready signal of ``--quit-when-ready``) fires at the
first paint after those facts and the first page of the first list have arrived."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.services import maintenance
from matchdesk.services.maintenance import DatabaseFacts
from matchdesk.ui.icons import icon
from matchdesk.ui.list_page import CandidatesPage, EmployersPage, ListPage, TrajectoriesPage, VacanciesPage
from matchdesk.ui.matching_page import MatchingPage
from matchdesk.ui.ops import Ops, show_failure
from matchdesk.ui.page import Page
from matchdesk.ui.report_page import ReportPage
from matchdesk.ui.retention_dialog import add_retention_action
from matchdesk.ui.signals_page import SignalsPage

if TYPE_CHECKING:
    from matchdesk.services.demo import DemoSize

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
        self.resize(1280, 800)

        self.candidates = CandidatesPage(app)
        self.pages: list[Page] = [self.candidates, EmployersPage(app), VacanciesPage(app), TrajectoriesPage(app),
                                  MatchingPage(app), SignalsPage(app), ReportPage(app)]
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(250)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet("QListWidget { font-size: 10.5pt; } QListWidget::item { padding: 6px 6px; }")
        self.stack = QStackedWidget()
        for number, page in enumerate(self.pages, start=1):
            item = QListWidgetItem(page.title)
            view = VIEWS.get(type(page).__name__)
            if view:
                item.setIcon(icon(view.split()[0]))  # resources/icons/<first word of the view name>.svg
            item.setToolTip(f"{page.title} (Ctrl+{number})")
            self.nav.addItem(item)
            self.stack.addWidget(page)
            page.open_record.connect(self.open_record)
        self.nav.currentRowChanged.connect(self._show_page)

        self.empty_panel = self._empty_database_panel()
        self.rules_panel = self._rulebook_errors_panel()
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.nav)
        right = QVBoxLayout()
        right.addWidget(self.rules_panel)
        right.addWidget(self.empty_panel)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(body)
        self._build_menus()
        add_retention_action(self)  # Bestand > Bewaartermijnen… (a teamleider's list of what is due)
        self._build_status_bar()

        self._painted = False
        for page in self.pages:  # the ready signal waits for the shown page's first data
            if isinstance(page, ListPage):
                page.first_page_shown.connect(self.update)
            elif isinstance(page, (SignalsPage, ReportPage)):
                page.loaded.connect(self.update)
        self._restore()
        self.nav.setCurrentRow(0)
        self.refresh_facts()

    # -- structure -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = QAction(icon("importeren"), self.tr("&Import…"), self, shortcut=QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_file)
        file_menu.addAction(self.import_action)
        quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go = self.menuBar().addMenu(self.tr("&Go to"))
        search = QAction(icon("zoeken"), self.tr("Quick &search…"), self, shortcut=QKeySequence("Ctrl+K"))
        search.triggered.connect(self.quick_search)
        go.addAction(search)
        go.addSeparator()
        for number, page in enumerate(self.pages, start=1):
            action = QAction(page.title.replace("&", "&&"), self, shortcut=QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, row=number - 1: self.nav.setCurrentRow(row))
            go.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About MatchDesk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.addWidget(QLabel(self.tr("Database: {label}").format(label=self.app.label)))
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
        layout.addWidget(QLabel(self.tr("This database is empty. Load demo data to explore MatchDesk, or import "
                                        "your region's files.")), 1)
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
            self.stack.setCurrentIndex(row)
            self.pages[row].refresh()

    def show_view(self, name: str) -> bool:
        """``--view NAME``: a page by its identifier (its Dutch name, see VIEWS) or the start of it,
        case-insensitive; not by the display text, which follows the translation."""
        wanted = name.strip().casefold()
        for row, page in enumerate(self.pages):
            if VIEWS.get(type(page).__name__, page.title).casefold().startswith(wanted):
                self.nav.setCurrentRow(row)
                return True
        return False

    def page(self, page_type: type[Page]) -> Page | None:
        return next((p for p in self.pages if isinstance(p, page_type)), None)

    def show_page(self, page_type: type[Page]) -> Page | None:
        page = self.page(page_type)
        if page is not None:
            self.nav.setCurrentRow(self.pages.index(page))
        return page

    def open_record(self, kind: str, key: str) -> None:
        """The record in its editor (loaded off the GUI thread); the page shown is read again after a save."""
        from matchdesk.ui.editors import open_editor

        open_editor(self, self.app, kind, key, on_saved=lambda _saved: self._current_page_changed())

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
        if isinstance(page, SignalsPage):
            return page.is_loaded
        if isinstance(page, ReportPage):
            return page.report is not None
        return True

    def paintEvent(self, event) -> None:  # first paint after the facts and the first page of the list arrived
        super().paintEvent(event)
        if not self._painted and self._ready():
            self._painted = True
            QTimer.singleShot(0, self.first_page_painted.emit)

    def _restore(self) -> None:
        geometry = QSettings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event) -> None:
        QSettings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
