"""A list page: search, caseload filters, a lazily paged table; column choices and sort order persist.

The rows come from ``services.lists`` through the page's ops (``self.ops``): a new filter or sort shows
its first page when it arrives (``first_page_shown``); the export runs there too. The record lists
(candidates, employers, vacancies) have a Nieuw… button and Ctrl+N on the page (``new_record``), and hide
archived records unless "Ook gearchiveerd" is ticked (``archived_box``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.dates import format_number_nl
from matchdesk.domain import (
    TrajectoryKind,
    TrajectoryStatus,
)
from matchdesk.errors import MatchDeskError
from matchdesk.labels import label as display_name
from matchdesk.services import lists
from matchdesk.services.lists import TRAJECTORIES, ListFilter, ListSpec
from matchdesk.ui import file_dialogs
from matchdesk.ui.flow_layout import FlowLayout
from matchdesk.ui.icons import icon
from matchdesk.ui.list_model import PagedTableModel
from matchdesk.ui.ops import Ops, show_failure
from matchdesk.ui.page import Page
from matchdesk.ui.record_model import RecordTableModel
from matchdesk.ui.trajectory_actions import Selected, TrajectoryActions

translate = QCoreApplication.translate


def choice_box(name: str, values: list[tuple[str, str | None]]) -> QComboBox:
    """A filter combo: (label, value) pairs, the first being 'all' (no filter); ``name`` and the labels come
    translated."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.setToolTip(name)
    for text, value in values:
        box.addItem(text, value)
    return box


class ListPage(Page):
    """Subclasses add their filters in ``build_filters`` and say how they read in ``current_filter``."""

    spec: ListSpec
    # ``placeholder`` of the subclasses is marked with QT_TRANSLATE_NOOP("ListPage", ...)
    placeholder = QT_TRANSLATE_NOOP("ListPage", "Search…")
    first_page_shown = Signal()  # the first page of a new filter or sort is in the table
    exported = Signal(int)  # rows written by an export
    new_text = ""  # the Nieuw… button's text (QT_TRANSLATE_NOOP("ListPage", ...)); empty: none
    rank_text = ""  # the button that ranks for the selected record on Matchen (QT_TRANSLATE_NOOP); empty: none

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.ops = Ops(self)
        self.loaded = False  # a first page has been shown
        self.search = QLineEdit(placeholderText=translate("ListPage", self.placeholder), clearButtonEnabled=True)
        self.search.setAccessibleName(self.tr("Search in {list}").format(list=self.title.lower()))
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Count"))
        self.model = RecordTableModel(app, self.spec, self.ops, self)
        self.model.loaded.connect(self._first_page_loaded)
        self.table = QTableView()
        self.table.setAccessibleName(self.title)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._column_menu)
        self.table.activated.connect(self._open_index)  # double-click or Enter
        self.export_button = QPushButton(icon("exporteren"), self.tr("Export…"))
        self.export_button.setToolTip(self.tr("The list as filtered, to .csv, .xlsx or .ods"))
        self.export_button.clicked.connect(self.export_list)

        top = QHBoxLayout()
        heading = QLabel(f"<b>{self.title}</b>")
        top.addWidget(heading)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        self._add_new_button(top)
        top.addWidget(self.export_button)
        self.filter_bar = FlowLayout()  # wraps onto more rows on a narrow window (a laptop at 1280 or at 150%)
        self.build_filters(self.filter_bar)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.table)

        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self._restore_columns()
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._save_columns)
        self.table.horizontalHeader().sectionResized.connect(self._save_columns)

    # -- new records -----------------------------------------------------------------------------------
    def _add_new_button(self, top: QHBoxLayout) -> None:
        """Nieuwe kandidaat / werkgever / vacature: a button before Exporteren, and Ctrl+N while the page is shown."""
        self.new_button: QPushButton | None = None
        if not self.new_text:
            return
        text = translate("ListPage", self.new_text)
        self.new_button = QPushButton(icon("nieuw"), text)
        self.new_button.setToolTip(self.tr("{action} (Ctrl+N)").format(action=text.replace("&", "")))
        self.new_button.clicked.connect(self.new_record)
        top.addWidget(self.new_button)
        shortcut = QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_record)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # only while this page is the one shown
        self.rank_button: QPushButton | None = None
        if self.rank_text:
            self.rank_button = QPushButton(icon("matchen"), translate("ListPage", self.rank_text))
            self.rank_button.setToolTip(self.tr("Rank on the Matchen page for the selected row"))
            self.rank_button.clicked.connect(self.rank_selected)
            top.addWidget(self.rank_button)

    def rank_selected(self) -> None:
        """Matchen, ranked for the selected vacancy (candidates for it) or candidate (vacancies for them)."""
        key = self.selected_key()
        window = self.window()
        if key is None or not hasattr(window, "show_page"):
            return
        from matchdesk.ui.matching_page import MatchingPage

        page = window.show_page(MatchingPage)
        if isinstance(page, MatchingPage):
            (page.rank_vacancy if self.spec.name == "vacature" else page.rank_candidate)(key)

    def new_record(self) -> None:
        """The editor of a new record of this list; the list is read again after it is saved."""
        from matchdesk.ui.editors import new_record

        new_record(self.window(), self.app, self.spec.name, self._record_saved)

    def _record_saved(self, _saved) -> None:
        self.refresh()

    def archived_filter(self, bar: QHBoxLayout) -> None:
        """The "Ook gearchiveerd" box: archived records shown (marked) too."""
        self.archived_box = QCheckBox(self.tr("Also a&rchived"))
        self.archived_box.setToolTip(self.tr("Show archived records too (greyed, marked “archived”)"))
        bar.addWidget(self.archived_box)
        self.connect_filter(self.archived_box)

    def show_archived(self) -> bool:
        box = getattr(self, "archived_box", None)
        return box is not None and box.isChecked()

    # -- filters ---------------------------------------------------------------------------------------
    def build_filters(self, bar: QHBoxLayout) -> None:
        """Add filter widgets to ``bar`` and connect them to ``apply_filter``."""

    def current_filter(self) -> ListFilter:
        return ListFilter(text=self.search.text())

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def _first_page_loaded(self) -> None:
        self.loaded = True
        self.count_label.setText(self.count_text(format_number_nl(self.model.total)))
        if getattr(self, "_size_columns", False) and self.isVisible() and self.model.rowCount():
            self._size_columns = False
            self.table.resizeColumnsToContents()
        self.first_page_shown.emit()

    def count_text(self, count: str) -> str:
        """The count label, e.g. "12 candidates"; ``count`` is the number already formatted."""
        return self.tr("{count} rows").format(count=count)

    def refresh(self) -> None:
        self.apply_filter()

    def connect_filter(self, widget) -> None:
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.apply_filter)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self.apply_filter)

    # -- opening and export ----------------------------------------------------------------------------
    def selected_key(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.data(index, PagedTableModel.KeyRole) if index.isValid() else None

    def _open_index(self, index) -> None:
        key = self.model.data(index, PagedTableModel.KeyRole)
        if key:
            self.open_record.emit(self.spec.name, key)

    def export_list(self) -> None:
        suggested = f"{self.title.lower().replace(' ', '-')}.csv"
        path, _ = file_dialogs.get_save_file_name(self, self.tr("Export list"), suggested,
                                              self.tr("CSV (*.csv);;Excel (*.xlsx);;OpenDocument (*.ods)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """The list as filtered and sorted now, written off the GUI thread; ``exported(rows)`` when done."""
        app, query = self.app, self.model.query
        self.ops.run(lambda: lists.export_list(app, query, path), self.exported.emit, self._export_failed)

    def _export_failed(self, error: Exception) -> None:
        if isinstance(error, (OSError, MatchDeskError)):
            QMessageBox.warning(self, self.tr("Export"), self.tr("The export failed: {error}").format(error=error))
        else:
            show_failure(self, error)

    # -- columns ---------------------------------------------------------------------------------------
    def _settings_key(self) -> str:
        return f"lists/{self.spec.name}/header"

    def _restore_columns(self) -> None:
        state = QSettings().value(self._settings_key())
        header = self.table.horizontalHeader()
        if state is not None and header.restoreState(state):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        else:
            header.setSortIndicator(0 if self.spec.name != "kandidaat" else 1, Qt.SortOrder.AscendingOrder)
            self._size_columns = True  # first use: fit the columns to the first page once

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_size_columns", False) and self.model.rowCount():
            self._size_columns = False
            self.table.resizeColumnsToContents()

    def _save_columns(self, *_args) -> None:
        QSettings().setValue(self._settings_key(), self.table.horizontalHeader().saveState())

    def _column_menu(self, pos) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for section, column in enumerate(self.spec.columns):
            action = QAction(column.label, menu, checkable=True, checked=not header.isSectionHidden(section))
            action.toggled.connect(lambda shown, s=section: self._show_column(s, shown))
            menu.addAction(action)
        menu.popup(header.mapToGlobal(pos))

    def _show_column(self, section: int, shown: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(section, not shown)
        self._save_columns()


class TrajectoriesPage(ListPage):
    """The trajectories, with Verlengen… and Beëindigen… for the selected one (buttons under the list and
    the context menu), each through the trajectory dialog with the rules' verdict live."""

    title = QT_TRANSLATE_NOOP("Page", "Trajectories")
    spec = TRAJECTORIES
    placeholder = QT_TRANSLATE_NOOP("ListPage", "Search by name or client number…")
    START, END = 5, 6  # the columns of the start and the end (actual, else planned)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.actions = TrajectoryActions(self.table, app, self.selected_trajectory)
        self.table.selectionModel().currentRowChanged.connect(self.actions.update)
        self.model.modelReset.connect(self.actions.update)
        self.actions.changed.connect(lambda _id: self.refresh())
        row = QHBoxLayout()
        row.addWidget(self.actions.extend_button)
        row.addWidget(self.actions.end_button)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(row)

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.mine = QCheckBox(self.tr("&My candidates"))
        self.kind = choice_box(self.tr("Type"), [(self.tr("Type: all"), None)]
                               + [(display_name(k, TrajectoryKind), k.value) for k in TrajectoryKind])
        self.status = choice_box(self.tr("Status"), [(self.tr("Status: all"), None)]
                                 + [(display_name(s, TrajectoryStatus), s.value) for s in TrajectoryStatus])
        self.status.setCurrentIndex(2)  # lopend
        for widget in (self.mine, self.kind, self.status):
            bar.addWidget(widget)
            self.connect_filter(widget)

    def selected_trajectory(self) -> Selected | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None or not isinstance(row.values[self.START], dt.date):
            return None
        end = row.values[self.END]
        return Selected(row.id, row.values[self.START], end if isinstance(end, dt.date) else None)

    def current_filter(self) -> ListFilter:
        return ListFilter(text=self.search.text(), owner=self.app.user if self.mine.isChecked() else None,
                          kind=self.kind.currentData(), status=self.status.currentData())

    def count_text(self, count: str) -> str:
        return self.tr("{count} trajectories", "", self.model.total).format(count=count)  # 1 traject


# the record lists live in record_pages (this module stays under 400 lines); importable from here as before
from matchdesk.ui.record_pages import CandidatesPage, EmployersPage, VacanciesPage  # noqa: E402

__all__ = ["CandidatesPage", "EmployersPage", "ListPage", "TrajectoriesPage", "VacanciesPage", "choice_box"]
