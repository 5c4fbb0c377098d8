"""The import dialog's widgets, laid out and connected (as Qt Designer's ``setupUi`` would): the file and
its type, the tabs Voorbeeld / Kolommen / Rapport, the progress bar with Afbreken, and the buttons.

The texts keep the dialog's translation context ("ImportDialog").
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from matchdesk.ui.import_models import (
    GREY,
    RECORD_TYPE_LABELS,
    RED,
    MappingModel,
    PreviewModel,
    ReportModel,
    TargetDelegate,
)

if TYPE_CHECKING:
    from matchdesk.ui.import_dialog import ImportDialog

translate = QCoreApplication.translate


def build_import_dialog(dialog: ImportDialog) -> None:
    """Make the dialog's widgets (as attributes of ``dialog``), lay them out and connect them."""
    dialog.kind = QComboBox()
    dialog.kind.setAccessibleName(translate("ImportDialog", "Type of data"))
    for name, label in RECORD_TYPE_LABELS.items():
        dialog.kind.addItem(translate("ImportDialog", label), name)
    dialog.path_edit = QLineEdit()
    dialog.path_edit.setAccessibleName(translate("ImportDialog", "File"))
    dialog.path_edit.setPlaceholderText(translate("ImportDialog", "Choose a .csv or .xlsx file"))
    dialog.path_edit.setClearButtonEnabled(True)
    dialog.browse_button = QPushButton(translate("ImportDialog", "&Browse…"))
    dialog.browse_button.setAccessibleName(translate("ImportDialog", "Choose file"))
    dialog.description = QLabel()
    dialog.description.setAccessibleName(translate("ImportDialog", "About the file"))
    dialog.description.setStyleSheet(f"color: {GREY}")
    dialog.description.setWordWrap(True)
    dialog.message = QLabel()
    dialog.message.setObjectName("importMessage")
    dialog.message.setAccessibleName(translate("ImportDialog", "Error message"))
    dialog.message.setWordWrap(True)
    dialog.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    dialog.message.setStyleSheet(f"color: {RED}; font-weight: bold")
    dialog.message.hide()

    file_row = QHBoxLayout()
    file_row.addWidget(dialog.path_edit, 1)
    file_row.addWidget(dialog.browse_button)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    kind_label = QLabel(translate("ImportDialog", "&Type of data:"))
    kind_label.setBuddy(dialog.kind)
    kind_row = QHBoxLayout()
    kind_row.addWidget(dialog.kind)
    kind_row.addStretch(1)
    form.addRow(kind_label, kind_row)
    file_label = QLabel(translate("ImportDialog", "&File:"))
    file_label.setBuddy(dialog.path_edit)
    form.addRow(file_label, file_row)

    dialog.preview_model = PreviewModel(dialog)
    dialog.preview_view = _table(dialog.preview_model, translate("ImportDialog", "Preview of the first rows"))
    dialog.preview_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    dialog.preview_view.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    dialog.mapping_model = MappingModel(dialog)
    dialog.mapping_view = _table(dialog.mapping_model, translate("ImportDialog", "Columns of the file"))
    dialog.mapping_view.setItemDelegateForColumn(MappingModel.TARGET, TargetDelegate(dialog.mapping_view))
    dialog.mapping_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
    header = dialog.mapping_view.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(1, 220)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    dialog.mapping_hint = QLabel()
    dialog.mapping_hint.setWordWrap(True)
    dialog.mapping_hint.setAccessibleName(translate("ImportDialog", "Explanation of the columns"))
    mapping_tab = QWidget()
    mapping_layout = QVBoxLayout(mapping_tab)
    mapping_layout.addWidget(dialog.mapping_hint)
    mapping_layout.addWidget(dialog.mapping_view, 1)

    dialog.summary = QLabel()
    dialog.summary.setWordWrap(True)
    dialog.summary.setAccessibleName(translate("ImportDialog", "Summary"))
    dialog.summary.setTextFormat(Qt.TextFormat.RichText)
    dialog.report_model = ReportModel(dialog)
    dialog.report_view = _table(dialog.report_model, translate("ImportDialog", "Report"))
    header = dialog.report_view.horizontalHeader()
    for column in (0, 1, 2, 4):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    dialog.report_view.setWordWrap(False)
    dialog.report_detail = QLabel()
    dialog.report_detail.setAccessibleName(translate("ImportDialog", "Message in full"))
    dialog.report_detail.setWordWrap(True)
    dialog.report_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    dialog.report_detail.hide()
    dialog.report_view.selectionModel().currentRowChanged.connect(dialog._show_report_line)
    dialog.report_model.modelReset.connect(dialog.report_detail.hide)
    report_tab = QWidget()
    report_layout = QVBoxLayout(report_tab)
    report_layout.addWidget(dialog.summary)
    report_layout.addWidget(dialog.report_view, 1)
    report_layout.addWidget(dialog.report_detail)

    dialog.tabs = QTabWidget()
    dialog.tabs.addTab(dialog.preview_view, translate("ImportDialog", "&Preview"))
    dialog.tabs.addTab(mapping_tab, translate("ImportDialog", "&Columns"))
    dialog.tabs.addTab(report_tab, translate("ImportDialog", "&Report"))
    dialog.tabs.setTabEnabled(2, False)

    dialog.clear_empty = QCheckBox(translate("ImportDialog", "An &empty cell clears the stored value"))
    dialog.clear_empty.setAccessibleName(translate("ImportDialog", "Empty cell clears the stored value"))
    dialog.clear_empty.setToolTip(translate("ImportDialog", "Unchecked, an existing record keeps its stored value "
                                            "when the cell is empty"))

    dialog.progress = QProgressBar()
    dialog.progress.setAccessibleName(translate("ImportDialog", "Progress"))
    dialog.progress.setRange(0, 1)
    dialog.progress.setValue(0)
    dialog.progress.setFormat("")
    dialog.progress.setTextVisible(True)
    dialog.cancel_button = QPushButton(translate("ImportDialog", "Ca&ncel"))
    dialog.cancel_button.setAccessibleName(translate("ImportDialog", "Cancel import"))
    dialog.cancel_button.setToolTip(translate("ImportDialog",
                                              "Stop after the rows being processed now; what has been saved stays"))
    dialog.cancel_button.setEnabled(False)
    dialog.status = QLabel()
    dialog.status.setAccessibleName(translate("ImportDialog", "Status"))
    dialog.status.setWordWrap(True)
    progress_row = QHBoxLayout()
    progress_row.addWidget(dialog.progress, 1)
    progress_row.addWidget(dialog.cancel_button)

    dialog.buttons = QDialogButtonBox()
    action, reject = QDialogButtonBox.ButtonRole.ActionRole, QDialogButtonBox.ButtonRole.RejectRole
    dialog.save_report_button = dialog.buttons.addButton(translate("ImportDialog", "&Save report…"), action)
    dialog.save_report_button.setAccessibleName(translate("ImportDialog", "Save report"))
    dialog.dry_run_button = dialog.buttons.addButton(translate("ImportDialog", "&Dry run"), action)
    dialog.dry_run_button.setAccessibleName(translate("ImportDialog", "Dry run"))
    dialog.dry_run_button.setToolTip(translate("ImportDialog",
                                               "Check everything and make the report without saving anything"))
    dialog.import_button = dialog.buttons.addButton(translate("ImportDialog", "&Import"), action)
    dialog.import_button.setAccessibleName(translate("ImportDialog", "Import"))
    dialog.close_button = dialog.buttons.addButton(translate("ImportDialog", "C&lose"), reject)
    dialog.close_button.setAccessibleName(translate("ImportDialog", "Close"))
    for button in (dialog.save_report_button, dialog.dry_run_button, dialog.import_button, dialog.close_button):
        button.setAutoDefault(False)

    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(dialog.description)
    layout.addWidget(dialog.message)
    layout.addWidget(dialog.tabs, 1)
    layout.addWidget(dialog.clear_empty)
    layout.addLayout(progress_row)
    layout.addWidget(dialog.status)
    layout.addWidget(dialog.buttons)
    dialog.resize(900, 620)

    chain = [dialog.kind, dialog.path_edit, dialog.browse_button, dialog.tabs, dialog.preview_view,
             dialog.mapping_view, dialog.report_view, dialog.clear_empty, dialog.cancel_button,
             dialog.save_report_button, dialog.dry_run_button, dialog.import_button, dialog.close_button]
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)

    dialog.kind.currentIndexChanged.connect(dialog._load_preview)
    dialog.path_edit.editingFinished.connect(dialog._path_edited)
    dialog.browse_button.clicked.connect(dialog.browse)
    dialog.mapping_model.mapping_changed.connect(dialog._mapping_changed)
    dialog.mapping_model.modelReset.connect(dialog._open_editors)
    dialog.cancel_button.clicked.connect(dialog.cancel)
    dialog.dry_run_button.clicked.connect(lambda: dialog.run(dry_run=True))
    dialog.import_button.clicked.connect(lambda: dialog.run(dry_run=False))
    dialog.save_report_button.clicked.connect(dialog.save_report)
    dialog.buttons.rejected.connect(dialog.reject)
    QShortcut(QKeySequence("Ctrl+O"), dialog, dialog.browse)


def _table(model, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


__all__ = ["build_import_dialog"]
