"""Keyboard habits of the whole window: Tab leaves a table instead of walking its cells, and calling up a
page puts the keyboard in its field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget


def no_tab_traps(root: QWidget) -> None:
    """Tab and Shift+Tab move from every table, tree and list under ``root`` to the next field (the arrow
    keys still move inside it): a 719-row table is one stop in the Tab order, not 719 x 8."""
    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)


def focus_into(widget: QWidget | None, reason: Qt.FocusReason = Qt.FocusReason.ShortcutFocusReason) -> bool:
    """The keyboard in ``widget`` (its text selected, so typing replaces it); False when there is none."""
    if widget is None or not widget.isEnabled():
        return False
    widget.setFocus(reason)
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    return True
