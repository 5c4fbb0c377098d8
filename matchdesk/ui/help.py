"""The handleiding (F1): Dutch HTML shipped in ``resources/handleiding``, shown in a QTextBrowser window at
the section of the page the user is on. Local text only: no network, no web engine."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTextBrowser, QVBoxLayout, QWidget

translate = QCoreApplication.translate

DOCUMENT = "handleiding.html"
SHORTCUTS = "sneltoetsen"


def handleiding_html() -> str:
    from matchdesk.resources import resource

    return resource("handleiding", DOCUMENT).read_text(encoding="utf-8")


class HelpWindow(QWidget):
    """One window per main window, raised again on the next F1; ``anchor`` is the section shown last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)  # its own window beside the main window, not modal
        self.setWindowTitle(self.tr("MatchDesk manual"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # the manual holds no outside links; none are followed
        self.browser.setAccessibleName(self.tr("MatchDesk manual"))
        self.browser.setHtml(handleiding_html())
        self.browser.anchorClicked.connect(self._follow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.anchor = ""
        self.resize(760, 640)

    def show_anchor(self, anchor: str) -> None:
        self.anchor = anchor or "inhoud"
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.scrollToAnchor(self.anchor)
        self.browser.setFocus()

    def _follow(self, url: QUrl) -> None:
        if url.fragment() and not url.path():
            self.anchor = url.fragment()
            self.browser.scrollToAnchor(url.fragment())


def open_help(window: QWidget, anchor: str = "") -> HelpWindow:
    """The handleiding at ``anchor`` (a page's ``anchor()``), in the window's one help window."""
    help_window = getattr(window, "help_window", None)
    if not isinstance(help_window, HelpWindow):
        help_window = HelpWindow(window)
        window.help_window = help_window  # type: ignore[attr-defined]
    help_window.show_anchor(anchor)
    return help_window


def build_help_menu(window: QMainWindow, current_anchor, about) -> list[QAction]:
    """Help: Handleiding (F1, at the current page's section), Sneltoetsen, Over MatchDesk."""
    menu = window.menuBar().addMenu(translate("MainWindow", "&Help"))
    manual = QAction(translate("MainWindow", "&Manual"), window, shortcut=QKeySequence("F1"))
    manual.triggered.connect(lambda: open_help(window, current_anchor()))
    shortcuts = QAction(translate("MainWindow", "&Keyboard shortcuts"), window)
    shortcuts.triggered.connect(lambda: open_help(window, SHORTCUTS))
    about_action = QAction(translate("MainWindow", "&About MatchDesk"), window)
    about_action.triggered.connect(about)
    for action in (manual, shortcuts, about_action):
        menu.addAction(action)
    return [manual, shortcuts, about_action]


__all__ = ["HelpWindow", "build_help_menu", "open_help"]
