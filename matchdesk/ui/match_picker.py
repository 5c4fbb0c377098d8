"""A line to type part of a vacancy (reference, title, employer, place), candidate (klantnummer, name) or
employer (name, KvK, place) in, with a completion list that a use case fills off the GUI thread.

    picker = MatchPicker(lambda text: find_vacancies(app, text))
    picker.chosen.connect(lambda key: ...)      # a completion was chosen: its reference/klantnummer/KvK

The lookup runs on the picker's own lane of ops after a pause in typing (``key="lookup"``: a newer text
supersedes an older one); only what the user types asks (text set by the program does not). A key typed
in full without choosing still works: ``picker.key()`` is the text before the first " — ".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from matchdesk.services.match_desk import Choice, key_of
from matchdesk.ui.ops import Ops

Lookup = Callable[[str], list[Choice]]


class MatchPicker(QLineEdit):
    chosen = Signal(str)  # the key of the completion chosen
    looked_up = Signal()  # the completions of the current text are in the list (tests)

    def __init__(self, lookup: Lookup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lookup = lookup
        self.choices: list[Choice] = []
        self._wanted: str | None = None  # the text whose completions are awaited
        self.ops = Ops(self)
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.activated.connect(self._activated)
        self.setCompleter(self.completer_)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.look_up)
        self.textEdited.connect(self._edited)
        self.setClearButtonEnabled(True)

    def set_lookup(self, lookup: Lookup) -> None:
        """Look up something else from now on (the matching view's direction changed)."""
        self._lookup = lookup
        self.hide_completions()

    def choosing(self) -> bool:
        """A completion is highlighted in the open list: Return chooses it (Qt first hands the key to the line,
        as ``returnPressed``, then reports the choice)."""
        popup = self.completer_.popup()
        return popup.isVisible() and popup.currentIndex().isValid()

    def key(self) -> str:
        return key_of(self.text())

    def hide_completions(self) -> None:
        self._debounce.stop()
        self._wanted = None  # a lookup still running is not shown
        self._model.setStringList([])
        self.completer_.popup().hide()

    def _edited(self, text: str) -> None:
        if any(choice.text == text for choice in self.choices):
            return
        self._debounce.start()

    def look_up(self) -> None:
        text, lookup = self.text(), self._lookup
        self._wanted = text
        if len(text.strip()) < 2:
            self._show(text, [])
            return
        self.ops.run(lambda: lookup(text), lambda choices: self._show(text, choices), key="lookup")

    def _show(self, text: str, choices: list[Choice]) -> None:
        if text != self.text() or text != self._wanted:  # typed on meanwhile, or ranked already
            return
        self.choices = list(choices)
        self._model.setStringList([c.text for c in self.choices])
        if self.choices and self.isVisible():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()
        self.looked_up.emit()

    def _activated(self, text: str) -> None:
        self._debounce.stop()
        self.setText(text)
        self.setCursorPosition(0)  # the key and the start of the title in view
        self.chosen.emit(key_of(text))
