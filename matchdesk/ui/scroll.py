"""Content that scrolls instead of being clipped or forcing its window larger than the screen.

``scrollable(widget)`` wraps a dialog's or page's contents in a frameless scroll area: as long as there is
room the contents get all of it (tables keep their own scroll bars); on a small screen (1280x720, or
1920x1080 at 150%) the area scrolls rather than cutting off buttons. ``PageStack`` is the main window's
stack of pages asking only for what the page shown needs, so one wide page does not widen the others."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QWidget


class FitScrollArea(QScrollArea):
    """A scroll area that gives its widget the whole viewport, or the widget's minimum size where that is
    larger (then, and only then, it scrolls). Unlike ``setWidgetResizable(True)`` it does not take a page's
    preferred height-for-width as its minimum, so a page that fits is never scrolled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes into the contents, not onto the area

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(80, 80)

    def sizeHint(self) -> QSize:  # noqa: N802
        widget = self.widget()
        return widget.sizeHint() if widget is not None else super().sizeHint()

    def fit(self) -> None:
        widget = self.widget()
        if widget is None:
            return
        wanted = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        room = self.maximumViewportSize()
        if self.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            wanted.setWidth(0)
        width = max(room.width(), wanted.width())
        height = max(room.height(), wanted.height())
        # a scroll bar one way takes room the other way
        if width > room.width():
            height = max(room.height() - self.horizontalScrollBar().sizeHint().height(), wanted.height())
        if height > room.height():
            width = max(room.width() - self.verticalScrollBar().sizeHint().width(), wanted.width())
        if widget.size() != QSize(width, height):
            widget.resize(width, height)


def scrollable(widget: QWidget, horizontal: bool = True) -> QScrollArea:
    """``widget`` inside a scroll area without a frame of its own; put the area where the widget was
    (``layout.addWidget(scrollable(contents))``). As long as there is room the contents get all of it (tables
    keep their own scroll bars); on a small screen the area scrolls instead of clipping buttons.
    ``horizontal=False`` for contents that should only ever scroll vertically."""
    area = FitScrollArea()
    if not horizontal:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    area.setAccessibleName(widget.accessibleName())
    return area


class PageStack(QStackedWidget):
    """A QStackedWidget whose size hints are those of the page shown (QStackedWidget asks for the largest
    of all its pages)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        return page.minimumSizeHint().expandedTo(page.minimumSize()) if page is not None else QSize(0, 0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        page = self.currentWidget()
        return page is not None and page.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        page = self.currentWidget()
        return page.heightForWidth(width) if page is not None else -1
