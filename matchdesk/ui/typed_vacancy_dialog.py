"""A vacancy typed in on the spot at the employer's table (not stored): the vacancy import's fields, ranked
by the Matchen page. Once worth keeping, ``SaveTypedVacancyDialog`` stores it as a vacancy of an employer
picked by name, KvK number or place (``services.vacancy_create.create_vacancy_for`` through an op)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from matchdesk.domain import LanguageSkill, VacancyKind
from matchdesk.errors import MatchDeskError
from matchdesk.labels import label as display_name
from matchdesk.services.match_desk import find_employers
from matchdesk.services.records import Saved
from matchdesk.services.vacancy_create import create_vacancy_for
from matchdesk.ui.match_picker import MatchPicker
from matchdesk.ui.ops import Ops, show_failure

if TYPE_CHECKING:
    from matchdesk.app import App


class TypedVacancyDialog(QDialog):
    """A vacancy typed in on the spot (not stored): the vacancy import's fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vacancy on the spot"))
        self.title = QLineEdit()
        self.kind = QComboBox()
        for kind in VacancyKind:
            self.kind.addItem(display_name(kind), kind.value)
        self.place = QLineEdit()
        self.hours = QSpinBox()
        self.hours.setRange(0, 60)
        self.hours.setSpecialValueText(self.tr("unknown"))
        self.required = QLineEdit(placeholderText=self.tr("e.g. heftruckcertificaat; orderpicken"))
        self.desired = QLineEdit(placeholderText=self.tr("separated by ;"))
        self.licence = QLineEdit(placeholderText=self.tr("e.g. B or C"))
        self.levels: dict[LanguageSkill, QComboBox] = {}
        form = QFormLayout(self)
        for label, widget in ((self.tr("&Title:"), self.title), (self.tr("&Kind:"), self.kind),
                              (self.tr("&Place:"), self.place), (self.tr("&Hours per week:"), self.hours),
                              (self.tr("Re&quired skills:"), self.required),
                              (self.tr("&Desired skills:"), self.desired),
                              (self.tr("Driving &licence required:"), self.licence)):
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(label, widget)
        for skill, label, name in (
                (LanguageSkill.SPREKEN, self.tr("Minimum &speaking:"), self.tr("Minimum Dutch speaking")),
                (LanguageSkill.LUISTEREN, self.tr("Minimum liste&ning:"), self.tr("Minimum Dutch listening")),
                (LanguageSkill.LEZEN, self.tr("Minimum r&eading:"), self.tr("Minimum Dutch reading")),
                (LanguageSkill.SCHRIJVEN, self.tr("Minimum &writing:"), self.tr("Minimum Dutch writing"))):
            box = QComboBox()
            box.setAccessibleName(name)
            box.addItems([self.tr("no requirement"), "A1", "A2 (1F)", "B1 (2F)", "B2 (3F)", "C1 (4F)"])
            self.levels[skill] = box
            form.addRow(label, box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Rank"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def fields(self) -> dict:
        fields = {"titel": self.title.text(), "soort": self.kind.currentData(), "plaats": self.place.text(),
                  "uren_per_week": self.hours.value() or None, "vereiste_vaardigheden": self.required.text(),
                  "gewenste_vaardigheden": self.desired.text(), "rijbewijs_vereist": self.licence.text()}
        for skill, box in self.levels.items():
            if box.currentIndex() > 0:
                fields[f"min_nl_{skill.value}"] = box.currentText().split()[0]
        return fields

    def set_fields(self, fields: dict) -> None:
        """Fill the dialog with a vacancy typed in before (to adjust it and rank again)."""
        self.title.setText(str(fields.get("titel") or ""))
        index = self.kind.findData(fields.get("soort"))
        self.kind.setCurrentIndex(max(index, 0))
        self.place.setText(str(fields.get("plaats") or ""))
        self.hours.setValue(int(fields.get("uren_per_week") or 0))
        self.required.setText(str(fields.get("vereiste_vaardigheden") or ""))
        self.desired.setText(str(fields.get("gewenste_vaardigheden") or ""))
        self.licence.setText(str(fields.get("rijbewijs_vereist") or ""))
        for skill, box in self.levels.items():
            level = fields.get(f"min_nl_{skill.value}")
            box.setCurrentIndex(0)
            for i in range(1, box.count()):
                if level and box.itemText(i).split()[0] == level:
                    box.setCurrentIndex(i)


class SaveTypedVacancyDialog(QDialog):
    """Keep a vacancy typed in as a vacancy of an employer: pick the employer, Save. ``saved(reference)``
    when it is stored (the dialog then closes); a Dutch message when it cannot be."""

    saved = Signal(str)

    def __init__(self, app: App, fields: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.typed = app, dict(fields)
        self.ops = Ops(self)
        self.setWindowTitle(self.tr("Save as vacancy"))
        summary = QLabel(self.tr("<b>{title}</b> becomes a vacancy of the employer you pick; it gets the next "
                                 "free reference and can then be proposed for.").format(
            title=escape(str(fields.get("titel") or ""))))
        summary.setWordWrap(True)
        self.employer = MatchPicker(lambda text: find_employers(app, text))
        self.employer.setPlaceholderText(self.tr("Name, KvK number or place of the employer"))
        self.employer.setAccessibleName(self.tr("Employer"))
        self.employer.chosen.connect(lambda _key: self._update())
        self.employer.textChanged.connect(lambda _text: self._update())
        form = QFormLayout()
        employer_label = QLabel(self.tr("&Employer:"))
        employer_label.setBuddy(self.employer)
        form.addRow(employer_label, self.employer)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(520, 160)

    def _update(self) -> None:
        self.save_button.setEnabled(self.employer.key().isdigit())

    def save(self) -> None:
        kvk, app, typed = self.employer.key(), self.app, self.typed
        if not kvk:
            return
        self.save_button.setEnabled(False)
        self.ops.run(lambda: create_vacancy_for(app, kvk, typed), self._saved, self._failed)

    def _saved(self, saved: Saved) -> None:
        self.accept()
        self.saved.emit(saved.key)

    def _failed(self, error: Exception) -> None:
        self._update()
        if isinstance(error, MatchDeskError):
            QMessageBox.warning(self, self.tr("Save as vacancy"), str(error))
        else:
            show_failure(self, error)
