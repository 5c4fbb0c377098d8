"""A layout that places its items left to right and wraps them onto the next row when the width runs out
(Qt's flow layout example), so a filter bar never forces the window wider than a laptop screen and never
squeezes a combo box to "Doelgroe".

It also answers the few QBoxLayout calls a filter bar uses (``addStretch``, ``addSpacing``, ``addLayout``), so
``build_filters(bar)`` of a list page works unchanged on it."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        if parent is None:
            self.setContentsMargins(QMargins(0, 0, 0, 0))

    # -- QBoxLayout's calls that a filter bar may make -------------------------------------------------
    def addStretch(self, _stretch: int = 0) -> None:  # noqa: N802 - Qt's name
        """Nothing to stretch in a flow: items keep their size hint and start at the left."""

    def addSpacing(self, _size: int) -> None:  # noqa: N802 - Qt's name
        """The flow's own spacing separates the items."""

    def addLayout(self, layout: QLayout, _stretch: int = 0) -> None:  # noqa: N802 - Qt's name
        """A sub-layout moves as one item (e.g. a label with its combo box)."""
        holder = QWidget()
        holder.setLayout(layout)
        layout.setContentsMargins(QMargins(0, 0, 0, 0))
        self.addWidget(holder)

    # -- QLayout ---------------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """One row of everything: what the bar would like when there is room."""
        width = sum(item.sizeHint().width() for item in self._visible()) + self._gap(True) * max(
            0, len(self._visible()) - 1)
        height = max((item.sizeHint().height() for item in self._visible()), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        """The widest single item: the bar may be as narrow as that."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize().expandedTo(item.sizeHint().boundedTo(item.maximumSize())))
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- placing ---------------------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self, horizontal: bool) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        metric = QStyle.PixelMetric.PM_LayoutHorizontalSpacing if horizontal else \
            QStyle.PixelMetric.PM_LayoutVerticalSpacing
        gap = parent.style().pixelMetric(metric, None, parent)
        return gap if gap >= 0 else 6

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place the items row by row within ``rect``, each row's items centred on the row; the height the
        rows take."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        h_gap, v_gap = self._gap(True), self._gap(False)
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._visible():
            hint = item.sizeHint().boundedTo(item.maximumSize()).expandedTo(item.minimumSize())
            hint.setWidth(min(hint.width(), max(area.width(), item.minimumSize().width())))
            if rows[-1] and x + hint.width() > area.width():
                rows.append([])
                x = 0
            rows[-1].append((item, hint))
            x += hint.width() + h_gap
        y = area.y()
        for row in rows:
            height = max((hint.height() for _item, hint in row), default=0)
            x = area.x()
            for item, hint in row:
                if apply:
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                x += hint.width() + h_gap
            y += height + v_gap
        used = y - v_gap if any(rows) else y
        return used - rect.y() + margins.bottom()


__all__ = ["FlowLayout"]
