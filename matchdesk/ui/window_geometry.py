"""The main window's size and place: a first size that fits the screen, and a saved geometry restored only
when it still fits a screen this computer has (a laptop undocked from a large monitor, or a display scaled
up to 150%, would otherwise open the window partly off-screen)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SETTING = "main/geometry"
FRAME = "main/frame"  # the frame as it was saved (Qt's restoreGeometry moves an off-screen window itself)
PREFERRED = QSize(1280, 800)
DECORATION = QSize(16, 48)  # room for a window manager's frame and title bar, unknown before the first show


def fits_a_screen(frame: QRect, margin: int = 8) -> bool:
    """Whether the whole rectangle (the window with its frame) lies within the available area of one screen,
    give or take ``margin`` pixels for a window manager's shadows."""
    for screen in QGuiApplication.screens():
        room = screen.availableGeometry().adjusted(-margin, -margin, margin, margin)
        if room.contains(frame):
            return True
    return False


def default_geometry(window: QWidget) -> None:
    """The preferred size, shrunk to the available area of the window's screen, centred on it."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(PREFERRED)
        return
    room = screen.availableGeometry()
    size = PREFERRED.boundedTo(room.size() - DECORATION).expandedTo(window.minimumSizeHint().boundedTo(room.size()))
    window.resize(size)
    frame = QRect(room.topLeft(), size + DECORATION)
    frame.moveCenter(room.center())
    window.move(frame.topLeft())


def restore_geometry(window: QWidget) -> bool:
    """The saved geometry if it fits a screen now; otherwise the default. True when the saved one was used."""
    settings = QSettings()
    saved, frame = settings.value(SETTING), settings.value(FRAME)
    if saved is not None and (not isinstance(frame, QRect) or fits_a_screen(frame)):
        if window.restoreGeometry(saved) and fits_a_screen(_frame(window)):
            return True
    window.setWindowState(window.windowState() & ~(Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen))
    default_geometry(window)
    return False


def save_geometry(window: QWidget) -> None:
    settings = QSettings()
    settings.setValue(SETTING, window.saveGeometry())
    settings.setValue(FRAME, window.frameGeometry())


def _frame(window: QWidget) -> QRect:
    """The frame before the window is shown: its geometry plus the frame the window manager will add."""
    frame = window.frameGeometry()
    return frame if frame.isValid() and frame.size() != QSize(0, 0) else window.geometry()

