"""Look and language of the app: Fusion style with a clearly visible focus ring, Dutch texts and Dutch locale
whatever the OS says."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QRect, Qt, QTranslator
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QProxyStyle,
    QStyle,
    QWidget,
)

_translators: list[QTranslator] = []  # kept alive for the application's lifetime

FOCUS_COLOUR = QColor("#0b57d0")  # 7:1 against white, 3:1 against the window grey (WCAG 2.2 focus appearance)
FOCUS_WIDTH = 2
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus

# what gets the ring when it has the keyboard
_RING_PRIMITIVES = {QStyle.PrimitiveElement.PE_FrameLineEdit}
_RING_CONTROLS = {QStyle.ControlElement.CE_PushButton, QStyle.ControlElement.CE_ShapedFrame}
_RING_COMPLEX = {QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox,
                 QStyle.ComplexControl.CC_ToolButton}


class FocusRingStyle(QProxyStyle):
    """Fusion, plus a 2-pixel ring in a strong blue around the field, button, list or table that has the
    keyboard (Fusion's own hint is a thin light-blue line that is hard to see), and a 2-pixel frame for the
    focus rectangle of check boxes, radio buttons and the current cell of a table."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            _ring(painter, option.rect, inset=0)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _RING_PRIMITIVES and option.state & _HAS_FOCUS:
            _ring(painter, option.rect)

    def drawControl(self, element, option, painter, widget=None) -> None:  # noqa: N802
        super().drawControl(element, option, painter, widget)
        if element in _RING_CONTROLS and option.state & _HAS_FOCUS and _framed_view(element, widget):
            _ring(painter, option.rect)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:  # noqa: N802
        super().drawComplexControl(control, option, painter, widget)
        if control in _RING_COMPLEX and option.state & _HAS_FOCUS:
            _ring(painter, option.rect)

    def pixelMetric(self, metric, option=None, widget=None) -> int:  # noqa: N802
        """Lists, tables and text boxes get a 2-pixel frame, so the ring is not hidden under their contents."""
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth and isinstance(widget, QAbstractScrollArea):
            return max(value, FOCUS_WIDTH)
        return value


def _framed_view(element, widget: QWidget | None) -> bool:
    """The frame of a scroll area gets the ring only for views the user types or moves in (not e.g. the
    scroll area around a page)."""
    if element != QStyle.ControlElement.CE_ShapedFrame:
        return True
    return isinstance(widget, QAbstractItemView) or (
        isinstance(widget, QAbstractScrollArea) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus)


def _ring(painter: QPainter, rect: QRect, inset: int = 1) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(FOCUS_COLOUR, FOCUS_WIDTH)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), 2.5, 2.5)
    painter.restore()


def apply_style(app: QApplication) -> None:
    """Fusion with the focus ring, the Dutch locale, Qt's own Dutch texts (qtbase_nl) and ours
    (matchdesk_nl.qm)."""
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle("Fusion"))
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    if _translators:  # once per application
        return
    from matchdesk.resources import resource

    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for file in (qt_dir / "qtbase_nl.qm", Path(str(resource("i18n", "matchdesk_nl.qm")))):
        translator = QTranslator(app)
        if file.exists() and translator.load(file.name, str(file.parent)):
            app.installTranslator(translator)
            _translators.append(translator)


__all__ = ["FOCUS_COLOUR", "FocusRingStyle", "apply_style"]
