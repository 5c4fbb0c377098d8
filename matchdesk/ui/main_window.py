"""The main window: navigation between the pages, quick search, status bar; opens records in editors."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, QSize, Qt, QTimer, Signal
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
from matchdesk.ui.icons import icon
from matchdesk.ui.list_page import CandidatesPage, EmployersPage, TrajectoriesPage, VacanciesPage
from matchdesk.ui.page import Page

translate = QCoreApplication.translate

TEST_ONLY = QT_TRANSLATE_NOOP("MainWindow", "For test and demo data only (no encryption yet)")

# ``--view NAME`` identifiers (the Dutch page names as they always were), independent of the display texts
VIEWS = {"CandidatesPage": "kandidaten", "EmployersPage": "werkgevers", "VacanciesPage": "vacatures & leerwerkplekken",
         "TrajectoriesPage": "trajecten", "MatchingPage": "matchen", "SignalsPage": "signalen",
         "ReportPage": "rapportage"}


def _optional_pages() -> list[type[Page]]:
    """Pages that live in their own modules (matching, signals, report), in navigation order."""
    pages = []
    for module, name in (("matchdesk.ui.matching_page", "MatchingPage"), ("matchdesk.ui.signals_page", "SignalsPage"),
                         ("matchdesk.ui.report_page", "ReportPage")):
        try:
            pages.append(getattr(__import__(module, fromlist=[name]), name))
        except ImportError:
            continue
    return pages


class MainWindow(QMainWindow):
    first_page_painted = Signal()

    def __init__(self, ctx: App) -> None:
        super().__init__()
        self.ctx = ctx
        self.is_demo = ctx.db.meta("demo") is not None
        self.setWindowTitle("MatchDesk — DEMO" if self.is_demo else "MatchDesk")
        self.resize(1280, 800)

        self.candidates = CandidatesPage(ctx)
        self.pages: list[Page] = [self.candidates, EmployersPage(ctx), VacanciesPage(ctx), TrajectoriesPage(ctx)]
        self.pages += [page_type(ctx) for page_type in _optional_pages()]
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
        self._build_status_bar()

        self._painted = False
        self._restore()
        self.nav.setCurrentRow(0)
        self._update_empty_panel()

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
        status.addWidget(QLabel(self.tr("Database: {label}").format(label=self.ctx.db.label)))
        status.addWidget(QLabel(self.tr("Staff member: {name}").format(name=self.ctx.user)))
        region = self.ctx.db.meta("region")
        if region:
            status.addWidget(QLabel(self.tr("Region: {region}").format(region=region)))
        warning = QLabel(translate("MainWindow", TEST_ONLY))
        warning.setStyleSheet("color: #a61b1b;")
        status.addPermanentWidget(warning)

    def _empty_database_panel(self) -> QWidget:
        panel = QWidget()
        layout = QHBoxLayout(panel)
        layout.addWidget(QLabel(self.tr("This database is empty. Load demo data to explore MatchDesk, or import "
                                        "your region's files.")), 1)
        demo = QPushButton(self.tr("Load demo data"))
        demo.clicked.connect(self.load_demo)
        importing = QPushButton(self.tr("Import file…"))
        importing.clicked.connect(self.import_file)
        layout.addWidget(demo)
        layout.addWidget(importing)
        panel.setStyleSheet("background: #fff7e0;")
        return panel

    def _rulebook_errors_panel(self) -> QLabel:
        """A rulebook that failed to load: the app works on, but says so and which writes it refuses."""
        rulebooks = self.ctx.rulebooks
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

    def _update_empty_panel(self) -> None:
        from matchdesk.services.maintenance import holds_records

        self.empty_panel.setVisible(not holds_records(self.ctx.db))

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
        from matchdesk.ui.editors import open_editor

        if open_editor(self, self.ctx, kind, key):
            self.stack.currentWidget().refresh()

    def quick_search(self) -> None:
        from matchdesk.ui.quick_search import QuickSearchDialog

        dialog = QuickSearchDialog(self.ctx, self)
        dialog.chosen.connect(self.open_record)
        dialog.open()

    def import_file(self) -> None:
        try:
            from matchdesk.ui.import_dialog import ImportDialog
        except ImportError:
            QMessageBox.information(self, self.tr("Import"),
                                    self.tr("Importing is still possible from the command line: matchdesk import."))
            return
        dialog = ImportDialog(self.ctx, self)
        dialog.finished.connect(lambda _result: (self._update_empty_panel(), self.stack.currentWidget().refresh()))
        dialog.open()

    def load_demo(self) -> None:
        """Only on an explicit click, and only into an empty database: the app never fills one by itself."""
        from matchdesk.services.demo import DemoSize, generate

        answer = QMessageBox.question(self, self.tr("Demo data"), self.tr("Load an invented region with 9,000 "
                                      "candidates? This takes about half a minute."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            generate(self.ctx.db, self.ctx.rulebooks, 1, self.ctx.today, DemoSize(), user=self.ctx.user)
        finally:
            self.unsetCursor()
        self.is_demo = True
        self.setWindowTitle("MatchDesk — DEMO")
        self._update_empty_panel()
        self.stack.currentWidget().refresh()

    def _about(self) -> None:
        from matchdesk import __version__

        text = self.tr("Matching, trajectories and signals for werkgeversservicepunten.")
        test_only = translate("MainWindow", TEST_ONLY)
        QMessageBox.about(self, self.tr("About MatchDesk"),
                          f"<b>MatchDesk {__version__}</b><p>{text}</p><p>{test_only}.</p>")

    # -- the ready signal and window state -------------------------------------------------------------
    def paintEvent(self, event) -> None:  # first paint after the first page of the list was loaded
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_page_painted.emit)

    def _restore(self) -> None:
        geometry = QSettings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event) -> None:
        QSettings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
