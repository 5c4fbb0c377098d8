"""Writing a rendered PDF to disk; every failure becomes a Dutch message, never a traceback."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from matchdesk.errors import UsageError


class OutputNotWritable(UsageError):
    """The PDF cannot be written where asked (exit code 2 on the command line)."""


def write_pdf(data: bytes, path: Path | str) -> Path:
    """Write ``data`` to ``path`` atomically (a temporary file next to it, then a rename)."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise OutputNotWritable(f"{target} is een map; geef een bestandsnaam die eindigt op .pdf.")
    if target.suffix.lower() != ".pdf":
        raise OutputNotWritable(f"Het uitvoerbestand {target.name} moet eindigen op .pdf.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputNotWritable(f"De map {folder} bestaat niet; het profiel is niet opgeslagen.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".matchdesk-", suffix=".pdf", dir=folder)
    except OSError as error:
        raise OutputNotWritable(f"Geen schrijfrechten in de map {folder}; het profiel is niet opgeslagen."
                                f" ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except OSError as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise OutputNotWritable(f"Het bestand {target} kan niet worden geschreven: {error.strerror or error}."
                                " Het profiel is niet opgeslagen.") from None
    return target
