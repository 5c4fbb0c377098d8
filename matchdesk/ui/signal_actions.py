"""What a medewerker does with the selected signals on the Signalen page: Afhandelen (with a note), Uitstellen
tot a date, Overdragen to a colleague; and for a trajectory's signal Verlengen… and Beëindigen… (the trajectory
dialog). Buttons and the table's context menu share the actions; each write runs its use case
(``services.signal_states``) as an op, and the page reloads after it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton

from matchdesk.errors import MatchDeskError
from matchdesk.services import signal_states
from matchdesk.services.signals import WorkItem
from matchdesk.ui.signal_dialogs import HandleDialog, HandOverDialog, SnoozeDialog

if TYPE_CHECKING:
    from matchdesk.ui.signals_page import SignalsPage


class SignalActions(QObject):
    """The action buttons of the Signalen page and their context menu. ``acted(action, count)`` follows a
    stored action (afgehandeld, uitgesteld, overgedragen, heropend) once the write is done."""

    acted = QtSignal(str, int)

    def __init__(self, page: SignalsPage) -> None:
        super().__init__(page)
        self.page = page
        self.dialog = None  # the dialog asking right now (tests and the screenshot script reach it here)
        self.handle_button = self._button(self.tr("&Handle…"), self.tr("Handle signal"),
                                          self.tr("Mark the selected signals as handled, with a short note"),
                                          self.handle)
        self.snooze_button = self._button(self.tr("&Snooze until…"), self.tr("Snooze signal"),
                                          self.tr("Leave the selected signals out of the list until a date"),
                                          self.snooze)
        self.hand_over_button = self._button(self.tr("Hand &over…"), self.tr("Hand over signal"),
                                             self.tr("Hand the selected signals over to a colleague"),
                                             self.hand_over)
        self.reopen_button = self._button(self.tr("&Reopen"), self.tr("Reopen signal"),
                                          self.tr("Put handled or snoozed signals back in the list"), self.reopen)
        self.extend_button = self._button(self.tr("E&xtend…"), self.tr("Extend trajectory"),
                                          self.tr("Extend the trajectory of the selected signal"),
                                          lambda: self.trajectory("extend"))
        self.end_button = self._button(self.tr("&End…"), self.tr("End trajectory"),
                                       self.tr("End the trajectory of the selected signal"),
                                       lambda: self.trajectory("end"))
        page.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        page.table.customContextMenuRequested.connect(self._context_menu)

    @property
    def buttons(self) -> list[QPushButton]:
        return [self.handle_button, self.snooze_button, self.hand_over_button, self.reopen_button, self.extend_button,
                self.end_button]

    def _button(self, text: str, name: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def selected(self) -> list[WorkItem]:
        """The work items of the selected rows, in the order shown (header rows are never selected)."""
        rows = sorted(index.row() for index in self.page.table.selectionModel().selectedRows())
        return [item for item in (self.page.model.item_at(row) for row in rows) if item is not None]

    def update(self) -> None:
        items = self.selected()
        for button in (self.handle_button, self.snooze_button, self.hand_over_button):
            button.setEnabled(bool(items))
        self.reopen_button.setEnabled(any(item.status != signal_states.OPEN for item in items))
        self.reopen_button.setVisible(self.page.closed.isChecked())
        one_trajectory = len(items) == 1 and bool(items[0].signal.trajectory)
        self.extend_button.setEnabled(one_trajectory)
        self.end_button.setEnabled(one_trajectory)

    def _context_menu(self, position: QPoint) -> None:
        if not self.selected():
            return
        menu = QMenu(self.page.table)
        open_action = QAction(self.page.open_button.text(), menu)
        open_action.triggered.connect(self.page.open_current)
        menu.addAction(open_action)
        menu.addSeparator()
        for button in self.buttons:
            if button.isHidden():
                continue
            action = QAction(button.text(), menu)
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
            menu.addAction(action)
        menu.popup(self.page.table.viewport().mapToGlobal(position))

    # -- the actions ---------------------------------------------------------------------------------------
    def handle(self) -> None:
        items = self.selected()
        if not items:
            return
        dialog = self.dialog = HandleDialog(self.page, len(items))
        refs = [item.ref for item in items]
        app = self.page.app
        dialog.accepted.connect(lambda: self._write(
            "afgehandeld", partial(signal_states.handle_signals, app, refs, dialog.note.text())))
        dialog.open()

    def snooze(self) -> None:
        items = self.selected()
        if not items:
            return
        app = self.page.app
        dialog = self.dialog = SnoozeDialog(self.page, len(items), app.today)
        refs = [item.ref for item in items]
        dialog.accepted.connect(lambda: self._write(
            "uitgesteld", partial(signal_states.snooze_signals, app, refs, dialog.chosen())))
        dialog.open()

    def hand_over(self) -> None:
        items = self.selected()
        if not items:
            return
        app = self.page.app
        refs = [item.ref for item in items]

        def ask(names: tuple[str, ...]) -> None:
            dialog = self.dialog = HandOverDialog(self.page, len(refs), names)
            dialog.accepted.connect(lambda: self._write(
                "overgedragen", partial(signal_states.hand_over_signals, app, refs, dialog.chosen())))
            dialog.open()

        self.page.ops.run(lambda: signal_states.colleagues(app), ask, self._failed)

    def reopen(self) -> None:
        app = self.page.app
        refs = [item.ref for item in self.selected() if item.status != signal_states.OPEN]
        if refs:
            self._write("heropend", partial(signal_states.reopen_signals, app, refs))

    def trajectory(self, mode: str) -> None:
        """Verlengen… or Beëindigen… the selected signal's trajectory in the trajectory dialog; reload after."""
        from matchdesk.ui.trajectory_dialog import open_trajectory_dialog

        items = self.selected()
        if len(items) != 1 or not items[0].signal.trajectory:
            return
        item = items[0]
        written = open_trajectory_dialog(self.page, self.page.app, item.ref.candidate_id, mode=mode,
                                         trajectory_id=str(item.signal.trajectory))
        if written is not None:
            self.page.refresh()

    def _write(self, action: str, write: Callable[[], int]) -> None:
        """Run the write (its values read from the dialog on the GUI thread already), then reload."""
        self.dialog = None

        def done(count: int) -> None:
            self.page.refresh()
            self.acted.emit(action, count)

        self.page.ops.run(write, done, self._failed)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, MatchDeskError):
            QMessageBox.warning(self.page, self.page.title, str(error))
        else:
            sys.excepthook(type(error), error, error.__traceback__)
