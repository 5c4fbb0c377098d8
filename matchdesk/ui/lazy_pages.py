"""What the main window loads late, so that a start shows its first page quickly: the pages (each imported
and built the first time it is asked for: shown, or reached by code), the modules behind its menus, and the
matching engine with its index (loaded in the background once the first page is painted).

``PAGES`` names each page by module, class and title (the English source text the class declares as its own
``title``, repeated so the navigation and the Ga naar menu need no import; ``tests/ui/test_lazy_start.py``
holds the two equal)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from matchdesk.app import App
    from matchdesk.ui.ops import Ops
    from matchdesk.ui.page import Page


class PageSlot(NamedTuple):
    module: str
    name: str
    title: str


PAGES = (
    PageSlot("matchdesk.ui.record_pages", "CandidatesPage", QT_TRANSLATE_NOOP("Page", "Candidates")),
    PageSlot("matchdesk.ui.record_pages", "EmployersPage", QT_TRANSLATE_NOOP("Page", "Employers")),
    PageSlot("matchdesk.ui.record_pages", "VacanciesPage", QT_TRANSLATE_NOOP("Page", "Vacancies & leerwerkplekken")),
    PageSlot("matchdesk.ui.list_page", "TrajectoriesPage", QT_TRANSLATE_NOOP("Page", "Trajectories")),
    PageSlot("matchdesk.ui.matching_page", "MatchingPage", QT_TRANSLATE_NOOP("Page", "Matching")),
    PageSlot("matchdesk.ui.signals_page", "SignalsPage", QT_TRANSLATE_NOOP("Page", "Signals")),
    PageSlot("matchdesk.ui.report_page", "ReportPage", QT_TRANSLATE_NOOP("Page", "Reports")),
)
# what the ready signal waits for on a page that is no list (a list: its first page of rows), by class name
FIRST_DATA: dict[str, Callable[[Any], bool]] = {
    "SignalsPage": lambda page: page.is_loaded, "ReportPage": lambda page: page.report is not None}


class LazyPages(Sequence["Page"]):
    """The window's pages in navigation order. ``pages[row]`` imports the page's module and builds the page
    the first time (``build(row, page_class)`` makes it and hooks it into the window). Iterating builds every
    page; ``index(page)`` looks only among the built ones (a page someone holds has been built)."""

    def __init__(self, slots: Sequence[PageSlot], build: Callable[[int, type[Page]], Page]) -> None:
        self.slots = tuple(slots)
        self._build = build
        self._built: dict[int, Page] = {}

    def __len__(self) -> int:
        return len(self.slots)

    @overload
    def __getitem__(self, row: int) -> Page: ...

    @overload
    def __getitem__(self, row: slice) -> list[Page]: ...

    def __getitem__(self, row: int | slice) -> Page | list[Page]:
        if isinstance(row, slice):
            return [self[i] for i in range(len(self))[row]]
        row = range(len(self))[row]  # a negative row counts from the end; IndexError past it
        page = self._built.get(row)
        if page is None:
            slot = self.slots[row]
            page = self._built[row] = self._build(row, getattr(importlib.import_module(slot.module), slot.name))
        return page

    def __iter__(self) -> Iterator[Page]:
        return (self[row] for row in range(len(self)))

    def index(self, page: object, start: int = 0, stop: int | None = None) -> int:
        end = len(self) if stop is None else stop
        for row, built in self._built.items():
            if built is page and start <= row < end:
                return row
        raise ValueError("not a page of this window")

    def built(self) -> list[tuple[int, Page]]:
        """The pages made so far, by row."""
        return sorted(self._built.items())

    def row_of(self, name: str) -> int | None:
        """The row of the page class called ``name`` (e.g. "SignalsPage"), without building the page."""
        return next((row for row, slot in enumerate(self.slots) if slot.name == name), None)

    def title(self, row: int) -> str:
        return QCoreApplication.translate("Page", self.slots[row].title)


def retention_action(window: QMainWindow) -> QAction:
    """Bestand > Bewaartermijnen…: the action as ``retention_dialog.add_retention_action`` makes it, with the
    dialog's module (and the retention use cases behind it) loaded when it is first opened."""
    action = QAction(QCoreApplication.translate("RetentionDialog", "&Retention periods…"), window)
    action.setObjectName("retention_action")

    def open_dialog() -> None:
        from matchdesk.ui.retention_dialog import RetentionDialog

        dialog = RetentionDialog(window.app, window)  # type: ignore[attr-defined]
        dialog.setObjectName("retention_dialog")
        dialog.open()

    action.triggered.connect(open_dialog)
    return action


def warm_up_matching(ops: Ops, app: App) -> None:
    """Load the saved matching index (or build it) on ``ops``, off the GUI thread, now that the first page is on
    the screen, so the first ranking does not wait for it. Quietly nothing when it fails: a ranking builds the
    index itself and says what went wrong."""

    def warm() -> int:
        from matchdesk.services.matching import warm_up  # numpy, scipy, scikit-learn: loaded here, not at the start

        return warm_up(app)

    ops.run(warm, lambda _count: None, lambda _error: None, key="warm-up")
