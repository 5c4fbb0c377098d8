"""File dialogs that never open a file behind SQLite's back.

Qt's own file dialog (used where the desktop offers no native one) asks its icon provider for every
file's icon and type, and the default provider opens each file to guess its type from the contents.
On POSIX, closing ANY descriptor of a file drops every lock the process holds on it: a dialog showing the
database's folder silently released the window's SQLite locks on ``demo.db``, ``-wal`` and ``-shm``, after
which another process could delete the WAL the window was still writing to (issue 13). The provider
below decides icon and type from the file NAME only, so the dialog reads directory entries, never files.

    path = save_file_name(self, self.tr("Export list"), "kandidaten.csv", self.tr("CSV (*.csv)"))
    path = open_file_name(self, self.tr("Import"), "", self.tr("Spreadsheets (*.csv *.xlsx)"))
    path, chosen_filter = get_save_file_name(...)   # the same as QFileDialog.getSaveFileName's answer

They return the chosen path as text, or "" when cancelled. Every file dialog of the window goes through
this module (a test in tests/test_layers.py keeps it so).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QFileInfo, QMimeDatabase
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

_MIME = QMimeDatabase()

# Qt's own dialog texts that the Dutch translation shipped with Qt (qtbase_nl.qm, loaded by ui/style.py) lacks:
# Qt 6 added mnemonics to these labels after qtbase_nl was last translated, so the dialog showed "Look in:" and
# "Files of type:". Qt asks the translator installed last (matchdesk_nl) first: its .ts holds their Dutch.
QT_TEXTS = (
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
)


def untranslated_qt_texts() -> list[tuple[str, str]]:
    """The texts above that no installed translator turns into Dutch (empty once ui/style.py has run)."""
    return [(context, text) for context, text in QT_TEXTS if QCoreApplication.translate(context, text) == text]


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from the file name's extension; the file itself is never opened."""

    def icon(self, which):  # type: ignore[override]
        if isinstance(which, QFileInfo):
            if which.isDir():
                return super().icon(QAbstractFileIconProvider.IconType.Folder)
            mime = _MIME.mimeTypeForFile(which.fileName(), QMimeDatabase.MatchMode.MatchExtension)
            themed = QIcon.fromTheme(mime.iconName())
            return themed if not themed.isNull() else super().icon(QAbstractFileIconProvider.IconType.File)
        return super().icon(which)

    def type(self, info: QFileInfo) -> str:  # type: ignore[override]
        if info.isDir():  # from stat, not from reading anything; Qt's own "Folder" has no Dutch in qtbase_nl
            return QCoreApplication.translate("QFileDialog", "Folder")
        mime = _MIME.mimeTypeForFile(info.fileName(), QMimeDatabase.MatchMode.MatchExtension)
        return mime.comment() or (info.suffix().upper() or "Bestand")


def _dialog(parent: QWidget | None, caption: str, directory: str, name_filter: str) -> QFileDialog:
    dialog = QFileDialog(parent, caption, directory, name_filter)
    if sys.platform != "win32":
        # Qt's own dialog with the provider above: a desktop's in-process dialog (GTK) guesses types from
        # contents as well. Windows locks are not POSIX locks: its native dialog is safe.
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(NameOnlyIconProvider())
    return dialog


def get_save_file_name(parent: QWidget | None, caption: str, suggested: str = "",
                       name_filter: str = "") -> tuple[str, str]:
    """(path to save to, the chosen filter), ("", "") when cancelled; asks before overwriting."""
    dialog = _dialog(parent, caption, suggested, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()


def get_open_file_name(parent: QWidget | None, caption: str, directory: str = "",
                       name_filter: str = "") -> tuple[str, str]:
    """(an existing file to open, the chosen filter), ("", "") when cancelled."""
    dialog = _dialog(parent, caption, directory, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()


def save_file_name(parent: QWidget | None, caption: str, suggested: str = "", name_filter: str = "") -> str:
    """The path to save to ("" when cancelled)."""
    return get_save_file_name(parent, caption, suggested, name_filter)[0]


def open_file_name(parent: QWidget | None, caption: str, directory: str = "", name_filter: str = "") -> str:
    """An existing file to open ("" when cancelled)."""
    return get_open_file_name(parent, caption, directory, name_filter)[0]
