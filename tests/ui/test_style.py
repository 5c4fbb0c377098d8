def test_qt_own_texts_and_numbers_are_dutch_whatever_the_os_locale(qapp):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QDialogButtonBox

    from matchdesk.ui.style import apply_style

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    apply_style(qapp)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text().replace("&", "") for b in buttons.buttons()) == ["Annuleren", "Opslaan"]
    assert QLocale().toString(1234.5, "f", 1) == "1.234,5"
