"""What every page of the main window shares: the session context and a way to open a record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget


@dataclass
class UiContext:
    """The open database, who works, which day it is, and the rulebooks: passed to every page/dialog."""

    db: object  # matchdesk.storage.database.Database
    user: str
    today: dt.date
    rulebooks: object  # matchdesk.rules.rulebook.Rulebooks


class Page(QWidget):
    """One entry of the navigation. ``open_record`` asks the window to show a record:
    (kind, key) with kind kandidaat|werkgever|vacature|traject and key klantnummer|kvk|referentie|id.

    ``title`` is the name in the navigation: a subclass declares its English source text as
    ``title = QT_TRANSLATE_NOOP("Page", "Matching")`` and the instance holds it translated (the main
    window reads ``page.title``). ``--view NAME`` does not use the title: see ``VIEWS`` in main_window.
    """

    title = ""
    open_record = Signal(str, str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = QCoreApplication.translate("Page", type(self).title)

    def refresh(self) -> None:
        """Reload from the database (called when the page is shown and after writes elsewhere)."""
