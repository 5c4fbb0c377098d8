"""The last-resort error dialogs speak Dutch through the translator."""

from PySide6.QtWidgets import QMessageBox


def _capture(monkeypatch, method: str):
    shown = []
    monkeypatch.setattr(QMessageBox, method, staticmethod(lambda *args, **kwargs: shown.append(args)))
    return shown


def test_file_errors_are_explained_in_dutch(monkeypatch):
    from matchdesk.ui.errors import show_error

    shown = _capture(monkeypatch, "warning")
    show_error(None, PermissionError(13, "Permission denied"))
    show_error(None, OSError(28, "No space left on device"))
    assert shown[0][2].startswith("Geen toegang tot het bestand.")
    assert shown[1][2] == "Het bestand kon niet worden gelezen of geschreven (No space left on device)."


def test_an_unexpected_error_says_nothing_was_half_saved(monkeypatch, tmp_path):
    from matchdesk.ui import errors

    monkeypatch.setattr(errors, "log_dir", lambda: tmp_path)
    shown = _capture(monkeypatch, "critical")
    try:
        raise RuntimeError("geheim")
    except RuntimeError as error:
        errors._handle(type(error), error, error.__traceback__)
    title, text = shown[0][1], shown[0][2]
    assert title == "Onverwachte fout"
    assert "Er is niets half opgeslagen" in text and str(tmp_path / "matchdesk-fouten.log") in text
