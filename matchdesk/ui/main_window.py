"""The main window: assembles the pages; here the candidate list (the Qt client issue adds the rest)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QTableView, QVBoxLayout, QWidget,
)

from matchdesk.services.lists import CandidateFilter
from matchdesk.ui.candidate_model import CandidateTableModel

TEST_ONLY = "Alleen voor test- en demogegevens (nog geen versleuteling)"


class MainWindow(QMainWindow):
    first_page_painted = Signal()

    def __init__(self, db, user: str, today: dt.date) -> None:
        super().__init__()
        self._db, self._user, self._today = db, user, today
        is_demo = db.meta("demo") is not None
        self.setWindowTitle("MatchDesk — DEMO" if is_demo else "MatchDesk")
        self.resize(1100, 700)

        self.search = QLineEdit(placeholderText="Zoek op naam of klantnummer…")
        self.search.setAccessibleName("Zoeken in kandidaten")
        self.mine = QCheckBox("Mijn kandidaten")
        self.count_label = QLabel()
        self.model = CandidateTableModel(db, self)
        self.table = QTableView()
        self.table.setAccessibleName("Kandidatenlijst")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("<b>Kandidaten</b>"))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.mine)
        bar.addWidget(self.count_label)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.setCentralWidget(page)

        status = self.statusBar()
        status.addWidget(QLabel(f"Database: {db.label}"))
        status.addWidget(QLabel(f"Medewerker: {user}"))
        region = db.meta("region")
        if region:
            status.addWidget(QLabel(f"Regio: {region}"))
        warning = QLabel(TEST_ONLY)
        warning.setStyleSheet("color: #a33;")
        status.addPermanentWidget(warning)

        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.mine.toggled.connect(self._apply_filter)
        self._painted = False
        self._restore()
        self._apply_filter()
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)

    def _apply_filter(self) -> None:
        self.model.set_filter(CandidateFilter(text=self.search.text(), owner=self._user if self.mine.isChecked() else None))
        self.count_label.setText(f"{self.model.total} kandidaten")

    def paintEvent(self, event) -> None:  # the ready signal: the first page of the list is on screen
        super().paintEvent(event)
        if not self._painted and self.model.rowCount() >= 0:
            self._painted = True
            self.first_page_painted.emit()

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event) -> None:
        QSettings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
