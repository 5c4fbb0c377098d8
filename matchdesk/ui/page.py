"""What every page of the main window shares: the session context and a way to open a record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal
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
    (kind, key) with kind kandidaat|werkgever|vacature|traject and key klantnummer|kvk|referentie|id."""

    title = ""
    open_record = Signal(str, str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def refresh(self) -> None:
        """Reload from the database (called when the page is shown and after writes elsewhere)."""
