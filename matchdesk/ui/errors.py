"""The last line of defence: an unexpected exception shows a dialog, is logged without personal
data, and the app keeps running (every write is one transaction, so nothing is half-saved)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication

from matchdesk.errors import MatchDeskError
from matchdesk.files import private_dir

translate = QCoreApplication.translate  # context "ExceptionHandler": this module has no class of its own


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir("MatchDesk", appauthor=False))


def write_crash_log(error_type: type, tb) -> Path:
    """The exception type and the code locations only: messages and values may hold personal data. The log
    folder is owner-only (0700), the log 0600."""
    folder = private_dir(log_dir())
    path = folder / "matchdesk-fouten.log"
    frames = "".join(f"  {f.filename}:{f.lineno} in {f.name}\n" for f in traceback.extract_tb(tb))
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "a", encoding="utf-8") as log:
        if os.name == "posix" and os.fstat(log.fileno()).st_mode & 0o077:
            os.fchmod(log.fileno(), 0o600)  # a log an earlier version made readable by others
        log.write(f"{dt.datetime.now().isoformat(timespec='seconds')} {error_type.__module__}.{error_type.__name__}\n"
                  f"{frames}")
    return path


def show_error(parent, error: BaseException) -> None:
    """Expected errors (validation, conflict, locked database, full disk) as their own message."""
    from PySide6.QtWidgets import QMessageBox

    if isinstance(error, MatchDeskError):
        QMessageBox.warning(parent, "MatchDesk", str(error))
    elif isinstance(error, PermissionError):
        QMessageBox.warning(parent, "MatchDesk", translate(
            "ExceptionHandler", "No access to the file. Close it in Excel or another program and try again."))
    elif isinstance(error, OSError):
        QMessageBox.warning(parent, "MatchDesk", translate(
            "ExceptionHandler", "The file could not be read or written ({reason}).").format(
                reason=error.strerror or type(error).__name__))
    else:
        raise error


def _handle(error_type, error, tb) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if isinstance(error, (MatchDeskError, OSError)):
        show_error(QApplication.activeWindow(), error)
        return
    path = write_crash_log(error_type, tb)
    QMessageBox.critical(QApplication.activeWindow(), translate("ExceptionHandler", "Unexpected error"),
                         translate("ExceptionHandler", "Something went wrong that MatchDesk did not expect. Nothing "
                                   "has been half saved; you can continue working.\n\nThe technical details "
                                   "(without personal data) are in:\n{path}").format(path=path))


def install_exception_handler() -> None:
    sys.excepthook = _handle
