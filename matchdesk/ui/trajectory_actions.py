"""Verlengen… and Beëindigen… for a view that lists trajectories (the Trajecten page, a candidate's Trajecten
tab): two buttons that follow the selection, the same two in the view's context menu, and the trajectory
dialog (``open_trajectory_dialog``, with the rules' verdict live) behind them.

A trajectory that has not ended yet (running or planned) and has an end can be extended; one that has started
can be ended (also after its planned end passed: that is when its outcome is recorded).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QMenu, QPushButton, QWidget

if TYPE_CHECKING:
    from matchdesk.app import App


@dataclass(frozen=True)
class Selected:
    """The trajectory a view has selected: its id, start and end (actual, else planned; inclusive)."""

    id: uuid.UUID
    start: dt.date
    end: dt.date | None


def can_extend(trajectory: Selected | None, today: dt.date) -> bool:
    """Not ended yet, and with an end to move (an open-ended one can only be ended)."""
    return trajectory is not None and trajectory.end is not None and trajectory.end >= today


def can_end(trajectory: Selected | None, today: dt.date) -> bool:
    return trajectory is not None and trajectory.start <= today


class TrajectoryActions(QObject):
    """``TrajectoryActions(view, app, selected)``: ``selected()`` answers the view's current trajectory (or
    None). Put ``extend_button`` and ``end_button`` where they belong; ``changed`` fires after a save."""

    changed = Signal(object)  # the trajectory id extended or ended

    def __init__(self, view: QAbstractItemView, app: App, selected: Callable[[], Selected | None]) -> None:
        super().__init__(view)
        self.view, self.app, self.selected = view, app, selected
        self.extend_button = QPushButton(self.tr("E&xtend…"))
        self.extend_button.setToolTip(self.tr("Extend the selected trajectory: a new planned end, judged by the rules"))
        self.extend_button.clicked.connect(self.extend)
        self.end_button = QPushButton(self.tr("E&nd…"))
        self.end_button.setToolTip(self.tr("End the selected trajectory: its last day, outcome and reason"))
        self.end_button.clicked.connect(self.end)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.context_menu)
        self.update()

    def update(self, *_args: object) -> None:
        """Enable the buttons for the selection now (connect the view's selection changes here)."""
        current, today = self.selected(), self.app.today
        self.extend_button.setEnabled(can_extend(current, today))
        self.end_button.setEnabled(can_end(current, today))

    def context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        self.update()
        menu = QMenu(self.view)
        extend = menu.addAction(self.tr("Extend…"), self.extend)
        extend.setEnabled(self.extend_button.isEnabled())
        end = menu.addAction(self.tr("End…"), self.end)
        end.setEnabled(self.end_button.isEnabled())
        self.menu = menu  # tests find it here
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def extend(self) -> None:
        self._open("extend", can_extend)

    def end(self) -> None:
        self._open("end", can_end)

    def _open(self, mode: str, allowed: Callable[[Selected | None, dt.date], bool]) -> None:
        from matchdesk.ui.trajectory_dialog import open_trajectory_dialog

        current = self.selected()
        if current is None or not allowed(current, self.app.today):
            return
        parent = self.view.window() if isinstance(self.view.window(), QWidget) else None
        written = open_trajectory_dialog(parent, self.app, mode=mode, trajectory_id=current.id)
        if written is not None:
            self.changed.emit(written)


__all__ = ["Selected", "TrajectoryActions", "can_end", "can_extend"]
