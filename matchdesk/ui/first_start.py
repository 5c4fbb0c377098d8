"""Who is working? Asked only when neither --user nor MATCHDESK_USER says it."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from matchdesk.app import App
from matchdesk.domain import Role
from matchdesk.labels import choices
from matchdesk.services.medewerkers import REGIONS, medewerker_names, register_medewerker


class FirstStartDialog(QDialog):
    def __init__(self, names: list[str] | tuple[str, ...], regions: list[str] | tuple[str, ...], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to MatchDesk"))
        self.name = QComboBox(editable=True)
        self.name.setAccessibleName(self.tr("Staff member"))
        self.name.addItems(names)
        last = QSettings().value("user/last")
        if last:
            self.name.setCurrentText(str(last))
        self.region = QComboBox()
        self.region.setAccessibleName(self.tr("Region"))
        self.region.addItems(regions)
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Role"))
        for shown, role in choices(Role):
            self.role.addItem(shown, role)
        form = QFormLayout()
        form.addRow(self.tr("&Staff member:"), self.name)
        self.first = not names
        if self.first:  # a new database: who and which region
            form.addRow(self.tr("&Role:"), self.role)
            form.addRow(self.tr("Re&gion:"), self.region)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setStyleSheet("color: #a61b1b;")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Under which name are you working in MatchDesk today?")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.name.currentText().strip():
            self.message.setText(self.tr("Please enter your name."))
            return
        self.accept()


def choose_medewerker(app: App) -> str | None:
    """Ask who works (before the main window and its event loop: the two reads and the one write are run
    in place, the dialog is the only thing on screen). A new name is registered with its role and region;
    the first medewerker of a new database also sets the database's region."""
    names = medewerker_names(app)
    dialog = FirstStartDialog(names, REGIONS)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name = dialog.name.currentText().strip()
    if name not in names:
        register_medewerker(app, name, dialog.role.currentData(), dialog.region.currentText(),
                            database_region=dialog.first)
    QSettings().setValue("user/last", name)
    return name


__all__ = ["FirstStartDialog", "choose_medewerker"]
