"""What every record editor shares (candidates, employers, vacancies).

An editor is built with the frozen record value its use case returned (``open_editor`` loads it off the
GUI thread) or with None for a new record. Save sends the form, with the version that was read, to the
record's save use case through an op: on success the editor closes; on failure it stays open with the
user's input and shows the Dutch message (on the field for a validation error; for a conflict: who
changed the record, and the offer to load the latest version); the main window's status bar confirms a
save. An existing record has Archiveren (or Terugzetten when it is archived): after a confirmation that names
the record, its use case runs and the editor closes (``record_saved`` carries the new version). Cancel asks
first when there are unsaved changes; a draft is kept every 30 s and offered back after a crash. Drafts are
the medewerker's own, kept in the database through ``services.drafts`` (its use cases run on the editor's
lane, so a draft saved before the record is discarded after it).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.dates import format_nl
from matchdesk.errors import ConflictError, MatchDeskError, ValidationError
from matchdesk.plural import after_colon
from matchdesk.services import drafts
from matchdesk.services.records import Archived, Saved
from matchdesk.ui.forms import Field, RecordForm
from matchdesk.ui.ops import Ops, show_failure


class RecordValue(Protocol):
    """What the open use cases return (``CandidateRecord``, ``EmployerRecord``, ``VacancyRecord``)."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def archived(self) -> Archived | None: ...
    @property
    def version(self) -> int: ...
    @property
    def key(self) -> str: ...
    @property
    def values(self) -> Mapping[str, object]: ...


class EditorDialog(QDialog):
    """The shared flow; subclasses say which fields, how to show a record and which use case saves it."""

    kind = ""  # kandidaat | werkgever | vacature (also the draft's name)
    fields: list[Field] = []
    record_saved = Signal(object)  # the Saved value (id, new version, key), just before the editor closes
    # the use cases that archive and restore the record: (app, id, version) -> Saved; None: no such button
    archives: Callable[[App, uuid.UUID, int | None], Saved] | None = None
    restores: Callable[[App, uuid.UUID, int | None], Saved] | None = None

    @staticmethod
    def opens(app: App, key: str) -> Any:
        """The record's open use case (also used to load the latest version after a conflict)."""
        raise NotImplementedError

    def __init__(self, app: App, record: RecordValue | str | None = None, parent: QWidget | None = None) -> None:
        """``record``: the value ``opens`` returned, or None for a new record. A key (str) is opened at once
        on this thread: for tests and scripts only; the window opens records with ``open_editor``."""
        super().__init__(parent)
        if isinstance(record, str):
            record = self.opens(app, record)
        self.app = app
        self.record = record
        self.key: str | None = record.key if record is not None else None
        self.record_id: uuid.UUID | None = record.id if record is not None else None
        self.version: int | None = record.version if record is not None else None
        self.draft_name = self.key or drafts.NEW
        self._has_draft = False  # one was saved or offered: discard it after a save or a cancel
        self.dirty = False
        self.saved = False
        self.saving = False
        self.ops = Ops(self)
        self.form = RecordForm(self.fields, self, context="EditorDialog")
        self.tabs = QTabWidget()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.setVisible(False)
        self.archived_note = QLabel()  # "Gearchiveerd op ... door ...": above the tabs of an archived record
        self.archived_note.setStyleSheet("background: #eeeeee; color: #444; padding: 4px;")
        self.archived_note.setVisible(False)
        self.archived: Archived | None = getattr(record, "archived", None)
        self.archive_button: QPushButton | None = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.build_tabs()  # before the layout: the tab order then runs through the tabs' fields to the buttons
        if record is not None and self.archives is not None:
            self.archive_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ResetRole)
            self.archive_button.clicked.connect(self.archive_or_restore)
        layout = QVBoxLayout(self)
        layout.addWidget(self.archived_note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.form.changed.connect(self.mark_dirty)
        if record is not None:
            self.show_record(record)
        else:  # a new record: every field empty (a number "unknown", not 0); typing starts in the first one
            self.form.set_values({})
            self.form.widgets[self.fields[0].attr].setFocus()
        self._show_archived()
        self._offer_draft()
        self._draft_timer = QTimer(self, interval=drafts.INTERVAL_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._draft_timer.start()
        self._update_title()

    # -- subclass hooks --------------------------------------------------------------------------------
    def build_tabs(self) -> None:
        raise NotImplementedError

    def show_record(self, record: Any) -> None:
        """Fill the editor from a record value (when opened, and after loading the latest version)."""
        self.form.set_values(dict(record.values))

    def save_call(self, values: dict) -> Callable[[], Saved]:
        """The save use case to run for these form values (raise ValidationError to refuse at once)."""
        raise NotImplementedError

    def extra_values(self) -> dict:
        """Values outside the form (skills, levels) that belong in a draft."""
        return {}

    def set_extra_values(self, values: dict) -> None:
        pass

    def heading(self) -> str:
        return self.kind.capitalize()

    def record_name(self) -> str:
        """How the confirmations and the status bar name the record (e.g. "kandidaat 2000001, Sanne de Vries")."""
        return self.heading()

    # -- flow ------------------------------------------------------------------------------------------
    def mark_dirty(self) -> None:
        self.dirty = True
        self._update_title()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.heading()}{' *' if self.dirty else ''} — MatchDesk")

    def save(self) -> bool:
        """Start saving (True when the save was sent; its outcome arrives later: see the module's text)."""
        if self.saving:
            return False
        self.form.clear_errors()
        self.message.setVisible(False)
        try:
            call = self.save_call(self.form.values())
        except ValidationError as error:
            self._refused(error)
            return False
        self.saving = True
        self.save_button.setEnabled(False)
        self.ops.run(call, self._saved, self._save_failed)
        return True

    def _saved(self, saved: Saved) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.discard_draft()
        self.key, self.record_id, self.version = saved.key, saved.id, saved.version
        self.dirty = False
        self.saved = True
        self._draft_timer.stop()
        self.record_saved.emit(saved)
        self.tell_window(self.tr("{record} saved.").format(record=self.record_name()))
        self.accept()

    def tell_window(self, text: str) -> None:
        """A confirmation in the main window's status bar (the window this editor was opened from)."""
        window = self.parentWidget()
        while window is not None and not isinstance(window, QMainWindow):  # an editor opened over an editor
            window = window.parentWidget()
        if window is not None:
            window.statusBar().showMessage(text, 8000)

    # -- archiving -------------------------------------------------------------------------------------
    def _show_archived(self) -> None:
        archived = self.archived
        if archived is not None:
            self.archived_note.setText(self.tr("Archived on {date} by {name}. Restore it to use it again.").format(
                date=format_nl(archived.at.date()), name=archived.by))
        self.archived_note.setVisible(archived is not None)
        if self.archive_button is not None:
            # "Archiveren…" has no Alt-letter: every letter of it is taken on some tab of the editors
            self.archive_button.setText(self.tr("Re&store…") if archived else self.tr("Archive…"))
            self.archive_button.setToolTip(
                self.tr("Back into the lists and the matching") if archived
                else self.tr("Keep the record but hide it from the lists and the matching"))

    def archive_or_restore(self) -> None:
        """Archiveren or Terugzetten, after a confirmation naming the record; the editor closes when done."""
        if self.saving or self.record_id is None or self.archives is None or self.restores is None:
            return
        if self.dirty:
            self._show_message(self.tr("Save or cancel your changes first."))
            return
        restore = self.archived is not None
        question = (self.tr("Restore {record}? It is shown in the lists and matched again.") if restore else
                    self.tr("Archive {record}? It is kept with all its data, but hidden from the lists and no "
                            "longer matched. You can restore it later."))
        answer = QMessageBox.question(self, self.tr("Restore") if restore else self.tr("Archive"),
                                      question.format(record=self.record_name()),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        use_case = self.restores if restore else self.archives
        app, record_id, version = self.app, self.record_id, self.version
        self.saving = True
        self.save_button.setEnabled(False)
        self.ops.run(lambda: use_case(app, record_id, version), lambda saved: self._archived(saved, restore),
                     lambda error: self._archive_failed(error, restore))

    def _archive_failed(self, error: Exception, restore: bool) -> None:
        """A refusal (e.g. a running trajectory, open vacancies) or a conflict: said in the editor, which stays."""
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, MatchDeskError):
            text = self.tr("Not restored: {error}") if restore else self.tr("Not archived: {error}")
            self._show_message(text.format(error=after_colon(str(error))))
        else:
            show_failure(self, error)

    def _archived(self, saved: Saved, restored: bool) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.version = saved.version
        self.saved = True
        self.discard_draft()
        self._draft_timer.stop()
        self.record_saved.emit(saved)
        text = self.tr("{record} restored.") if restored else self.tr("{record} archived.")
        self.tell_window(text.format(record=self.record_name()))
        self.accept()

    def _save_failed(self, error: Exception) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self._refused(error)
        elif isinstance(error, ConflictError):
            self._show_message(str(error))
            answer = QMessageBox.warning(
                self, self.tr("Changed at the same time"),
                self.tr("{error}\n\nYour changes have not been saved. Do you want to load the latest version? Your "
                        "own changes will then be lost.").format(error=error),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes and self.key is not None:
                key, app = self.key, self.app
                self.ops.run(lambda: self.opens(app, key), self._reloaded)
        elif isinstance(error, MatchDeskError):
            self._show_message(self.tr("Not saved: {error}").format(error=after_colon(str(error))))
        else:
            show_failure(self, error)

    def _refused(self, error: ValidationError) -> None:
        widget = self.form.show_errors(error)
        self._show_message(self.tr("Not saved: {error}").format(error=after_colon(str(error))))
        if widget is not None:
            self.tabs.setCurrentWidget(self._tab_of(widget))
            widget.setFocus()

    def _reloaded(self, record: RecordValue) -> None:
        self.record = record
        self.record_id, self.version = record.id, record.version
        self.show_record(record)
        self.dirty = False
        self._update_title()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    def _tab_of(self, widget: QWidget) -> QWidget:
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).isAncestorOf(widget):
                return self.tabs.widget(i)
        return self.tabs.currentWidget()

    def reject(self) -> None:
        if self.dirty:
            buttons = QMessageBox.StandardButton
            answer = QMessageBox.question(
                self, self.tr("Changes not saved"), self.tr("You have changes that have not been saved yet. Save?"),
                buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
            if answer == buttons.Cancel:
                return
            if answer == buttons.Save:
                self.save()
                return
        self.discard_draft()
        self._draft_timer.stop()
        super().reject()

    def closeEvent(self, event) -> None:  # the window's close button asks the same question
        event.ignore()
        self.reject()

    # -- drafts ----------------------------------------------------------------------------------------
    def save_draft(self) -> None:
        """What the 30-second timer does: keep what was typed (an op on the editor's lane)."""
        if self.dirty:
            app, kind, key = self.app, self.kind, self.draft_name
            values = {"form": self.form.values(), **self.extra_values()}
            self._has_draft = True
            self.ops.run(lambda: drafts.save_draft(app, kind, key, values), None, self._draft_failed)

    def discard_draft(self) -> None:
        if not self._has_draft:
            return
        self._has_draft = False
        app, kind, key = self.app, self.kind, self.draft_name
        self.ops.run(lambda: drafts.discard_draft(app, kind, key), None, self._draft_failed)

    def _draft_failed(self, error: Exception) -> None:
        """A draft is a courtesy: a busy or unavailable database is not worth a message every 30 seconds."""
        if not isinstance(error, MatchDeskError):
            show_failure(self, error)

    def _offer_draft(self) -> None:
        app, kind, key = self.app, self.kind, self.draft_name
        self.ops.run(lambda: drafts.load_draft(app, kind, key), self._draft_found, self._draft_failed)

    def _draft_found(self, found: drafts.SavedDraft | None) -> None:
        if found is None or self.saved:
            return
        self._has_draft = True
        saved_at, values = found.saved_at, found.values
        answer = QMessageBox.question(
            self, self.tr("Draft found"),
            self.tr("There is an unsaved draft from {date} at {time}. Do you want to continue with it?").format(
                date=format_nl(saved_at.date()), time=f"{saved_at:%H:%M}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.form.set_values(values.get("form", {}))
            self.set_extra_values(values)
            self.mark_dirty()
        else:
            self.discard_draft()
