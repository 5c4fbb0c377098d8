"""The main window's navigation: one entry per page with its icon, which folds to the icons alone (a
toggle under the list and in Beeld, remembered between sessions) to give a laptop's pages the room."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QToolButton, QVBoxLayout, QWidget

SETTING = "main/nav_collapsed"
WIDE, NARROW = 266, 52


class Navigation(QWidget):
    """``list`` holds the entries (the window's ``nav``); ``collapsed`` shows only their icons, with the
    page's name as tooltip and accessible text."""

    collapsed_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Navigation"))
        self.list.setIconSize(QSize(20, 20))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet("QListWidget { font-size: 10.5pt; } QListWidget::item { padding: 6px 6px; }")
        self.toggle = QToolButton()
        self.toggle.setAutoRaise(True)
        self.toggle.clicked.connect(lambda: self.set_collapsed(not self.collapsed))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.titles: list[str] = []
        self.counts: dict[int, int] = {}
        self.collapsed = False
        self._apply()

    def add_entry(self, title: str, tooltip: str, icon=None) -> QListWidgetItem:
        item = QListWidgetItem(title)
        if icon is not None:
            item.setIcon(icon)
        item.setToolTip(tooltip)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        self.list.addItem(item)
        self.titles.append(title)
        return item

    def set_count(self, row: int, count: int) -> None:
        """A number after the entry's name, e.g. "Signalen (12)"; 0 shows the name alone."""
        self.counts[row] = count
        self._label(row)

    def restore(self) -> None:
        self.set_collapsed(QSettings().value(SETTING, False, type=bool), remember=False)

    def set_collapsed(self, collapsed: bool, remember: bool = True) -> None:
        self.collapsed = bool(collapsed)
        if remember:
            QSettings().setValue(SETTING, self.collapsed)
        self._apply()
        self.collapsed_changed.emit(self.collapsed)

    def _apply(self) -> None:
        self.setFixedWidth(NARROW if self.collapsed else WIDE)
        for row in range(self.list.count()):
            self._label(row)
        self.toggle.setText("»" if self.collapsed else self.tr("« Collapse"))
        tip = self.tr("Show the names of the pages") if self.collapsed else self.tr("Show only the icons")
        self.toggle.setToolTip(tip)
        self.toggle.setAccessibleName(tip)

    def _label(self, row: int) -> None:
        item = self.list.item(row)
        if item is None:
            return
        count = self.counts.get(row, 0)
        title = self.titles[row]
        full = f"{title} ({count})" if count else title
        item.setText("" if self.collapsed else full)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, full)
