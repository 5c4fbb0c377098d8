"""Look and language of the app: Fusion style, Dutch texts and Dutch locale whatever the OS says."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

_translators: list[QTranslator] = []  # kept alive for the application's lifetime


def apply_style(app: QApplication) -> None:
    """Fusion, the Dutch locale, Qt's own Dutch texts (qtbase_nl) and ours (matchdesk_nl.qm)."""
    app.setStyle("Fusion")
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    if _translators:  # once per application
        return
    from matchdesk.resources import resource

    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for file in (qt_dir / "qtbase_nl.qm", Path(str(resource("i18n", "matchdesk_nl.qm")))):
        translator = QTranslator(app)
        if file.exists() and translator.load(file.name, str(file.parent)):
            app.installTranslator(translator)
            _translators.append(translator)
