"""A vacancy typed in on the spot at the employer's table (not stored): the vacancy import's fields, ranked
by the Matchen page."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from matchdesk.domain import LanguageSkill, VacancyKind


class TypedVacancyDialog(QDialog):
    """A vacancy typed in on the spot (not stored): the vacancy import's fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vacancy on the spot"))
        self.title = QLineEdit()
        self.kind = QComboBox()
        for kind in VacancyKind:
            self.kind.addItem(kind.value, kind.value)
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
