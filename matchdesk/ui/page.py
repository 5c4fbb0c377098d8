"""What every page of the main window shares: the application object and a way to open a record."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from matchdesk.app import App


class Page(QWidget):
    """One entry of the navigation. ``open_record`` asks the window to show a record:
    (kind, key) with kind kandidaat|werkgever|vacature|traject and key klantnummer|kvk|referentie|id.

    ``title`` is the name in the navigation: a subclass declares its English source text as
    ``title = QT_TRANSLATE_NOOP("Page", "Matching")`` and the instance holds it translated (the main
    window reads ``page.title``). ``--view NAME`` does not use the title: see ``VIEWS`` in main_window.
    """

    title = ""
    open_record = Signal(str, str)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.title = QCoreApplication.translate("Page", type(self).title)

    def refresh(self) -> None:
        """Reload from the database (called when the page is shown and after writes elsewhere)."""
