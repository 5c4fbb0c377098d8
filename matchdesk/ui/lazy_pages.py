"""What the main window loads late, so that a start shows its first page quickly: the pages (each imported
and built the first time it is asked for: shown, or reached by code), the modules behind its menus, and the
matching engine with its index (loaded in the background once the first page is painted).

``PAGES`` names each page by module, class and title (the English source text the class declares as its own
``title``, repeated so the navigation and the Ga naar menu need no import; ``tests/ui/test_lazy_start.py``
holds the two equal)."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, SignalInstance
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


def build_page(window: Any, row: int, page_class: type[Page]) -> Page:
    """The main window's page of ``row``, made when first asked for: it takes its placeholder's place in the
    window's stack and is hooked into the window (opening records, confirmations, its count in the
    navigation, the ready signal)."""
    from matchdesk.ui.keyboard import no_tab_traps

    page = page_class(window.app)
    stack = window.stack
    placeholder, current = stack.widget(row), stack.currentIndex()
    stack.insertWidget(row, page)
    stack.removeWidget(placeholder)
    placeholder.deleteLater()
    if current == row:
        stack.setCurrentIndex(row)
    page.open_record.connect(window.open_record)
    no_tab_traps(page)  # Tab leaves a table instead of walking its cells
    window._wire_confirmations(row, page)
    for name in ("first_page_shown", "loaded"):  # the ready signal waits for the shown page's first data
        signal = getattr(page, name, None)
        if isinstance(signal, SignalInstance):
            signal.connect(window.update)
    return page


def retention_action(window: QMainWindow) -> QAction:
    """Bestand > Bewaartermijnen…: the action that opens ``retention_dialog.RetentionDialog``, with the
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


# what the matching engine imports (about a second), one step per turn of the event loop on the GUI thread: an
# import on a worker while the GUI thread paints can crash PySide6 (its import hook is not thread-safe)
WARM_IMPORTS = ("numpy", "scipy.sparse", "mmh3", "rapidfuzz",
                "matchdesk.services.matching", "matchdesk.services.match_desk")


def warm_up_matching(ops: Ops, app: App, closing: threading.Event) -> None:
    """Once the first page is on the screen: import the matching engine a module at a time on the GUI thread,
    then load the saved matching index (or build it) on ``ops``, off the GUI thread, so the first ranking does
    not wait for either. Each step first looks at ``closing`` (set when the window closes or the application
    quits, which then waits for this lane). Quietly nothing when it fails: a ranking builds the index itself
    and says what went wrong."""
    steps = list(WARM_IMPORTS)

    def step() -> None:
        if closing.is_set():
            return
        if steps:
            importlib.import_module(steps.pop(0))
            QTimer.singleShot(0, step)
            return
        from matchdesk.services.matching import warm_up

        ops.run(lambda: 0 if closing.is_set() else warm_up(app), lambda _count: None, lambda _error: None,
                key="warm-up")

    QTimer.singleShot(0, step)
