"""Look and language of the app: Fusion style, Dutch Qt texts and Dutch locale whatever the OS says."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

_translators: list[QTranslator] = []  # kept alive for the application's lifetime


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    from matchdesk.resources import resource

    for name, folder in (("qtbase_nl", qt_dir), ("matchdesk_nl", str(resource("i18n")))):
        translator = QTranslator(app)
        if Path(folder, name + ".qm").exists() and translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
