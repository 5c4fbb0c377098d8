"""Forms built from a table of fields: one widget kind per value type, translated labels, inline errors.

Values go in and come out as the text a user would type (dates dd-mm-jjjj: a date field reads 4-7-27 and
hands on 04-07-2027), so the services' own normalisers do every check and the form and an import reject the
same things with the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from matchdesk.dates import format_nl
from matchdesk.errors import ValidationError
from matchdesk.labels import label as display_name
from matchdesk.ui.date_field import DateField

translate = QCoreApplication.translate

ERROR_STYLE = "border: 1px solid #c62828; background: #fff3f3;"


@dataclass(frozen=True)
class Field:
    attr: str  # the model attribute and the services' value key
    label: str  # English source text marked with QT_TRANSLATE_NOOP(the form's context, ...), & for the shortcut
    kind: str = "text"  # text | multiline | date | bool | choice | int
    error_name: str = ""  # the field name the services use in ValidationError, if not attr
    choices: type[StrEnum] | None = None
    maximum: int = 100000

    @property
    def names(self) -> set[str]:
        return {self.attr, self.error_name or self.attr}


class RecordForm(QObject):
    """Widgets for a list of fields on a QFormLayout; ``changed`` fires on every edit by the user.

    ``context`` is the translation context the fields' labels were marked in (QT_TRANSLATE_NOOP).
    """

    changed = Signal()

    def __init__(self, fields: list[Field], parent: QWidget | None = None, context: str = "RecordForm") -> None:
        super().__init__(parent)
        self.fields = fields
        self.context = context
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._loading = False

    def layout_for(self, attrs: list[str]) -> QFormLayout:
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for field in self.fields:
            if field.attr not in attrs:
                continue
            text = translate(self.context, field.label)
            widget = self._make(field, text.replace("&", "").rstrip(":"))
            error = QLabel()
            error.setStyleSheet("color: #c62828;")
            error.setVisible(False)
            error.setWordWrap(True)
            self.widgets[field.attr] = widget
            self.errors[field.attr] = error
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addRow(label, widget)
            layout.addRow("", error)
        return layout

    def _make(self, field: Field, plain_label: str) -> QWidget:
        if field.kind == "multiline":
            widget = QPlainTextEdit()
            widget.setTabChangesFocus(True)
            widget.setFixedHeight(70)
            widget.textChanged.connect(self._edited)
        elif field.kind == "bool":
            widget = QCheckBox()
            widget.toggled.connect(self._edited)
        elif field.kind == "choice":
            widget = QComboBox()
            widget.addItem("", None)
            for member in field.choices:  # the Dutch display name; the code is the item's data
                widget.addItem(display_name(member), member.value)
            widget.currentIndexChanged.connect(self._edited)
        elif field.kind == "int":
            widget = QSpinBox()
            widget.setRange(-1, field.maximum)
            widget.setSpecialValueText(self.tr("unknown"))  # -1 shows as "unknown": no value
            widget.valueChanged.connect(self._edited)
        elif field.kind == "date":
            widget = DateField()  # typed as dd-mm-jjjj or d-m-jj, or chosen from its calendar
            widget.textChanged.connect(self._edited)
        else:
            widget = QLineEdit()
            widget.textChanged.connect(self._edited)
        widget.setAccessibleName(plain_label)
        return widget

    def _edited(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()

    # -- values ----------------------------------------------------------------------------------------
    def set_values(self, values: dict[str, object]) -> None:
        self._loading = True
        try:
            for field in self.fields:
                widget = self.widgets.get(field.attr)
                if widget is not None:
                    _set(widget, field, values.get(field.attr))
        finally:
            self._loading = False

    def values(self) -> dict[str, object]:
        return {field.attr: _get(self.widgets[field.attr], field)
                for field in self.fields if field.attr in self.widgets}

    # -- errors ----------------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for attr, label in self.errors.items():
            label.setVisible(False)
            self.widgets[attr].setStyleSheet("")

    def show_errors(self, error: ValidationError) -> QWidget | None:
        """Mark every field the error (and the ones attached to it) names; return the first widget."""
        first = None
        for problem in [error] + list(getattr(error, "others", [])):
            field = next((f for f in self.fields if problem.field in f.names and f.attr in self.widgets), None)
            if field is None:
                continue
            self.errors[field.attr].setText(str(problem))
            self.errors[field.attr].setVisible(True)
            self.widgets[field.attr].setStyleSheet(ERROR_STYLE)
            first = first or self.widgets[field.attr]
        return first


def _set(widget: QWidget, field: Field, value: object) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText("" if value is None else str(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(value.value if isinstance(value, StrEnum) else value)
        widget.setCurrentIndex(max(index, 0))
    elif isinstance(widget, QSpinBox):
        widget.setValue(-1 if value is None else int(value))
    elif isinstance(value, dt.date):
        widget.setText(format_nl(value))
    else:
        widget.setText("" if value is None else str(value))


def _get(widget: QWidget, field: Field) -> object:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QSpinBox):
        return None if widget.value() < 0 else widget.value()
    if isinstance(widget, DateField):  # a readable date goes as dd-mm-jjjj; anything else as typed, for the
        day = widget.value()           # services to refuse in their own words
        return format_nl(day) if day is not None else widget.text().strip()
    return widget.text()
