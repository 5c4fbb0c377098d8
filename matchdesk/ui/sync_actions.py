"""Synchroniseren in the window of a laptop (a database made by ``matchdesk sync`` from a team server):
File > Synchronise (F9) and a button in the status bar run the sync as an op with its progress in the status
bar; the time of the last sync stays there; refused changes are counted beside it and open the "Geweigerde
wijzigingen" dialog (also File > Refused changes…). On a plain desktop file none of it is shown.

``add_sync_actions(window, file_menu)`` is the main window's one hook; the use cases are ``matchdesk.sync.desk``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QProgressBar, QToolButton

from matchdesk.dates import format_nl
from matchdesk.sync import desk
from matchdesk.ui.ops import Ops

if TYPE_CHECKING:
    from matchdesk.sync.client import SyncReport

REFRESH_MS = 30_000


class SyncActions(QObject):
    """The sync action, the status bar's last-sync label, progress bar and refused-changes button."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.app = window.app  # type: ignore[attr-defined]
        self.ops = Ops(window)
        self.state: desk.SyncState | None = None
        self._stage = ""
        self.action = QAction(self.tr("S&ynchronise with the team server"), window, shortcut=QKeySequence("F9"))
        self.action.setObjectName("sync_action")
        self.action.triggered.connect(self.synchronise)
        self.refused_action = QAction(self.tr("&Refused changes…"), window)
        self.refused_action.setObjectName("refused_action")
        self.refused_action.triggered.connect(self.show_refused)
        self.menu = menu  # the actions join it once the database is known to be a laptop
        self._in_menu = False
        status = window.statusBar()
        self.button = QToolButton()
        self.button.setDefaultAction(self.action)
        self.button.setText(self.tr("Synchronise"))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.last_label = QLabel()
        self.last_label.setObjectName("last_sync_label")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.refused_button = QToolButton()
        self.refused_button.setObjectName("refused_button")
        self.refused_button.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.refused_button.clicked.connect(self.show_refused)
        for widget in (self.last_label, self.progress, self.refused_button, self.button):
            status.addPermanentWidget(widget)
        self._show(None)
        self.refresh()
        self.timer = QTimer(self)  # the changes still to send, counted again now and then (edits add to them)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._refresh_when_laptop)
        self.timer.start()

    def _refresh_when_laptop(self) -> None:
        if self.state is not None and self.state.laptop and self.action.isEnabled():
            self.refresh()

    # -- what the status bar shows ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.ops.run(lambda: desk.sync_state(self.app), self._show, key="sync_state")

    def _show(self, state: desk.SyncState | None) -> None:
        self.state = state
        laptop = bool(state and state.laptop)
        if laptop and not self._in_menu:
            first = self.menu.actions()[0] if self.menu.actions() else None
            self.menu.insertAction(first, self.action)
            self.menu.insertAction(first, self.refused_action)
            self._in_menu = True
        for action in (self.action, self.refused_action):
            action.setVisible(laptop)
        self.button.setVisible(laptop)
        self.last_label.setVisible(laptop)
        self.progress.setVisible(False)
        refused = state.refused if state else 0
        self.refused_button.setVisible(laptop and refused > 0)
        self.refused_button.setText(self.tr("%n refused change(s)", "", refused))
        self.refused_action.setEnabled(refused > 0)
        if state is not None:
            self.last_label.setText(self._last_text(state))

    def _last_text(self, state: desk.SyncState) -> str:
        if state.last_sync is None:
            text = self.tr("Not yet synchronised")
        else:
            local = state.last_sync.replace(tzinfo=dt.UTC).astimezone()
            when = local.strftime("%H:%M") if local.date() == dt.date.today() else \
                f"{format_nl(local.date())} {local.strftime('%H:%M')}"
            text = self.tr("Last synchronised: {when}").format(when=when)
        if state.pending:
            text += " · " + self.tr("%n change(s) to send", "", state.pending)
        return text

    # -- the sync ----------------------------------------------------------------------------------------------
    def synchronise(self) -> None:
        if not self.action.isEnabled():
            return  # one sync at a time
        app = self.app
        self.action.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.window.statusBar().showMessage(self.tr("Synchronising…"))

        def work(report):
            def progress(stage: str, done: int, total: int) -> None:
                self._stage = stage
                report(done, total)
            return desk.synchronise(app, progress)

        self.ops.run(work, self._done, self._failed, key="sync", on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        texts = {"snapshot": self.tr("Fetching the copy from the server…"),
                 "push": self.tr("Sending changes: {done} of {total}").format(done=done, total=total),
                 "pull": self.tr("Fetching changes: {done}").format(done=done)}
        self.progress.setRange(0, total if total else 0)
        self.progress.setValue(done)
        self.window.statusBar().showMessage(texts.get(self._stage, self.tr("Synchronising…")))

    def _done(self, report: SyncReport) -> None:
        self.action.setEnabled(True)
        message = self.tr("Synchronised: {sent} sent, {fetched} fetched").format(sent=report.pushed,
                                                                                fetched=report.pulled)
        if report.refused:
            message += " · " + self.tr("%n refused", "", len(report.refused))
        self.window.statusBar().clearMessage()
        self.last_label.setToolTip(message)  # the label itself shows the time; the counts of this sync here
        self.refresh()
        changed = getattr(self.window, "_database_changed", None)
        if changed is not None and (report.pulled or report.refused):
            changed()  # the lists and counts show what the server sent
        if report.refused:
            self.show_refused()

    def _failed(self, error: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.action.setEnabled(True)
        self.progress.setVisible(False)
        self.window.statusBar().clearMessage()
        QMessageBox.warning(self.window, self.tr("Synchronise"), str(error))
        self.refresh()

    def show_refused(self) -> None:
        from matchdesk.ui.sync_dialog import RefusedDialog

        dialog = self.window.findChild(RefusedDialog, "refused_dialog")
        if dialog is None:
            dialog = RefusedDialog(self.app, self.window)
            dialog.setObjectName("refused_dialog")
            dialog.changed.connect(self.refresh)
            dialog.changed.connect(lambda: getattr(self.window, "_database_changed", lambda: None)())
        else:
            dialog.load()
        dialog.show()
        dialog.raise_()


def add_sync_actions(window: QMainWindow, menu: QMenu) -> SyncActions:
    """The main window's hook: the sync action at the top of ``menu`` (File) on a laptop, and its status-bar
    widgets; a desktop file's menu stays as it is."""
    return SyncActions(window, menu)
