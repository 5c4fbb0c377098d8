"""The vacancy editor (vacancies and leerwerkplekken): the vacancy's fields, and its requirements. A new
vacancy is made from its employer (``employer``: the employer editor's Nieuwe vacature…, or the employer
picked on the Vacatures page)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from matchdesk.app import App
from matchdesk.domain import Provider, VacancyKind
from matchdesk.errors import ValidationError
from matchdesk.services.employers import EmployerChoice
from matchdesk.services.records import Saved
from matchdesk.services.vacancies import VacancyRecord, archive_vacancy, open_vacancy, restore_vacancy, save_vacancy
from matchdesk.ui.editor_base import EditorDialog
from matchdesk.ui.forms import Field

VACANCY_FIELDS = [
    Field("reference", QT_TRANSLATE_NOOP("EditorDialog", "&Reference:"), error_name="referentie"),
    Field("title", QT_TRANSLATE_NOOP("EditorDialog", "&Title:"), error_name="titel"),
    Field("kind", QT_TRANSLATE_NOOP("EditorDialog", "&Kind:"), "choice", "soort", choices=VacancyKind),
    Field("provider", QT_TRANSLATE_NOOP("EditorDialog", "Pro&vider:"), "choice", "aanbieder", choices=Provider),
    Field("place", QT_TRANSLATE_NOOP("EditorDialog", "Cit&y:"), error_name="plaats"),
    Field("postcode", QT_TRANSLATE_NOOP("EditorDialog", "&Postcode:")),
    Field("hours_per_week", QT_TRANSLATE_NOOP("EditorDialog", "&Hours per week:"), "int", "uren_per_week", maximum=60),
    Field("start_date", QT_TRANSLATE_NOOP("EditorDialog", "&Start date:"), "date", "startdatum"),
    Field("positions", QT_TRANSLATE_NOOP("EditorDialog", "Number of p&laces:"), "int", "plaatsen", maximum=500),
    Field("driving_licence", QT_TRANSLATE_NOOP("EditorDialog", "&Driving licence required:"),
          error_name="rijbewijs_vereist"),
    Field("taalondersteuning", QT_TRANSLATE_NOOP("EditorDialog", "Lan&guage support:"), "bool"),
    Field("description", QT_TRANSLATE_NOOP("EditorDialog", "D&escription:"), "multiline", "omschrijving"),
]


class VacancyEditor(EditorDialog):
    kind = "vacature"
    fields = VACANCY_FIELDS
    opens = staticmethod(open_vacancy)
    archives = staticmethod(archive_vacancy)
    restores = staticmethod(restore_vacancy)

    def __init__(self, app: App, record: VacancyRecord | str | None = None, parent: QWidget | None = None, *,
                 employer: EmployerChoice | None = None) -> None:
        self.employer = employer  # a new vacancy's employer
        self.employer_name = employer.name if employer is not None else ""
        super().__init__(app, record, parent)

    def build_tabs(self) -> None:
        self.resize(620, 560)
        page = QWidget()
        page.setLayout(self.form.layout_for([f.attr for f in self.fields]))
        self.employer_label = QLabel()
        self.employer_label.setAccessibleName(self.tr("Employer"))
        self.employer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.employer_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # no tall row
        page.layout().insertRow(0, self.tr("Employer:"), self.employer_label)
        self.employer_label.setText(self.employer.text if self.employer is not None else "")
        self.tabs.addTab(page, self.tr("Vacancy"))
        self.skills_label = QLabel()
        self.skills_label.setWordWrap(True)
        requirements = QWidget()
        requirements_layout = QVBoxLayout(requirements)
        requirements_layout.addWidget(self.skills_label)
        requirements_layout.addStretch(1)  # the text at the top of the tab, not floating in its middle
        self.tabs.addTab(requirements, self.tr("Requirements"))

    def heading(self) -> str:
        if self.key:
            return self.tr("Vacancy {key}").format(key=self.key)
        if self.employer_name:
            return self.tr("New vacancy at {employer}").format(employer=self.employer_name)
        return self.tr("New vacancy")

    def record_name(self) -> str:
        title = str(self.form.values().get("title") or "").strip()
        return f"{self.heading()} ({title})" if title else self.heading()

    def show_record(self, record: VacancyRecord) -> None:
        super().show_record(record)
        self.employer_name = record.employer
        self.employer_label.setText(record.employer)
        levels = [f"{skill.value} {level.value}" for skill, level in record.min_languages]
        text = self.tr("<b>Required:</b> {required}<br><b>Desired:</b> {desired}<br><b>Dutch at least:</b> {levels}")
        self.skills_label.setText(text.format(required=", ".join(record.required_skills) or "—",
                                              desired=", ".join(record.desired_skills) or "—",
                                              levels=", ".join(levels) or "—"))

    def save_call(self, values: dict) -> Callable[[], Saved]:
        if self.record_id is None and self.employer is None:
            raise ValidationError("werkgever", None, self.tr("you create a new vacancy from its employer"))
        app, record_id, version = self.app, self.record_id, self.version
        employer_id = self.employer.id if self.employer is not None else None
        return lambda: save_vacancy(app, record_id, version, values, employer_id=employer_id)
