"""The employer editor; its Nieuwe vacature… button opens a new vacancy of this employer (a new or changed
employer is saved first)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from matchdesk.services.employers import (
    EmployerChoice,
    archive_employer,
    open_employer,
    restore_employer,
    save_employer,
)
from matchdesk.services.records import Saved
from matchdesk.ui.editor_base import EditorDialog
from matchdesk.ui.forms import Field

EMPLOYER_FIELDS = [
    Field("name", QT_TRANSLATE_NOOP("EditorDialog", "&Name:"), error_name="naam"),
    Field("kvk", QT_TRANSLATE_NOOP("EditorDialog", "&KvK number:")),
    Field("sector", QT_TRANSLATE_NOOP("EditorDialog", "&Sector:")),
    Field("adres", QT_TRANSLATE_NOOP("EditorDialog", "&Address:")),
    Field("postcode", QT_TRANSLATE_NOOP("EditorDialog", "&Postcode:")),
    Field("plaats", QT_TRANSLATE_NOOP("EditorDialog", "Cit&y:")),
    Field("contactpersoon", QT_TRANSLATE_NOOP("EditorDialog", "&Contact person:")),
    Field("email", QT_TRANSLATE_NOOP("EditorDialog", "&E-mail:")),
    Field("telefoon", QT_TRANSLATE_NOOP("EditorDialog", "&Telephone:")),
]


class EmployerEditor(EditorDialog):
    kind = "werkgever"
    fields = EMPLOYER_FIELDS
    opens = staticmethod(open_employer)
    archives = staticmethod(archive_employer)
    restores = staticmethod(restore_employer)

    def build_tabs(self) -> None:
        self.resize(560, 440)
        page = QWidget()
        page.setLayout(self.form.layout_for([f.attr for f in self.fields]))
        self.tabs.addTab(page, self.tr("Employer"))
        self.vacancy_button = self.buttons.addButton(self.tr("New &vacancy…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.vacancy_button.setToolTip(self.tr("A new vacancy or leerwerkplek of this employer (a new or changed "
                                               "employer is saved first)"))
        self.vacancy_button.clicked.connect(self.new_vacancy)
        self._vacancy_after_save = False
        self.record_saved.connect(self._open_vacancy_after_save)

    def heading(self) -> str:
        return self.tr("Employer {key}").format(key=self.key) if self.key else self.tr("New employer")

    def record_name(self) -> str:
        name = str(self.form.values().get("name") or "").strip()
        return f"{self.heading()} ({name})" if name else self.heading()

    def show_record(self, record) -> None:
        super().show_record(record)
        self.vacancy_button.setEnabled(getattr(record, "archived", None) is None)  # restore it first

    def save_call(self, values: dict) -> Callable[[], Saved]:
        app, record_id, version = self.app, self.record_id, self.version
        return lambda: save_employer(app, record_id, version, values)

    # -- a new vacancy of this employer ----------------------------------------------------------------
    def new_vacancy(self) -> None:
        """Saved and unchanged: the vacancy editor opens over this editor. New or changed: save first; the
        vacancy editor opens when the save is through (over the window, as this editor closes)."""
        if self.record_id is not None and not self.dirty:
            self._open_vacancy_editor(self, self.record_id)
            return
        self._vacancy_after_save = self.save()

    def _open_vacancy_after_save(self, saved: Saved) -> None:
        if not self._vacancy_after_save:
            return
        self._vacancy_after_save = False
        parent = self.parentWidget()
        QTimer.singleShot(0, lambda: self._open_vacancy_editor(parent, saved.id, saved.key))

    def _open_vacancy_editor(self, parent: QWidget | None, employer_id, kvk: str | None = None) -> None:
        from matchdesk.ui.editors import new_record

        values = self.form.values()
        employer = EmployerChoice(employer_id, kvk or self.key or "", str(values.get("name") or ""),
                                  str(values.get("plaats") or "") or None)
        new_record(parent, self.app, "vacature", employer=employer)
