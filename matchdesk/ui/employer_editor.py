"""The employer editor."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from matchdesk.services.employers import open_employer, save_employer
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

    def build_tabs(self) -> None:
        self.resize(560, 440)
        page = QWidget()
        page.setLayout(self.form.layout_for([f.attr for f in self.fields]))
        self.tabs.addTab(page, self.tr("Employer"))

    def heading(self) -> str:
        return self.tr("Employer {key}").format(key=self.key) if self.key else self.tr("New employer")

    def save_call(self, values: dict) -> Callable[[], Saved]:
        app, record_id, version = self.app, self.record_id, self.version
        return lambda: save_employer(app, record_id, version, values)
