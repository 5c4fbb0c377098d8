"""Writing a rendered PDF to disk; every failure becomes a Dutch message, never a traceback."""

from __future__ import annotations

from pathlib import Path

from matchdesk.errors import UsageError
from matchdesk.files import AtomicFile


class OutputNotWritable(UsageError):
    """The PDF cannot be written where asked (exit code 2 on the command line)."""


def write_pdf(data: bytes, path: Path | str) -> Path:
    """Write ``data`` to ``path`` atomically (a 0600 temporary file next to it, ``fsync``, a rename)."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise OutputNotWritable(f"{target} is een map; geef een bestandsnaam die eindigt op .pdf.")
    if target.suffix.lower() != ".pdf":
        raise OutputNotWritable(f"Het uitvoerbestand {target.name} moet eindigen op .pdf.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputNotWritable(f"De map {folder} bestaat niet; het profiel is niet opgeslagen.")
    atomic = AtomicFile(target)  # 0600, fsync, rename; a killed write is cleaned up at the next start
    try:
        atomic.open()
    except OSError as error:
        raise OutputNotWritable(f"Geen schrijfrechten in de map {folder}; het profiel is niet opgeslagen."
                                f" ({error.strerror or error})") from None
    try:
        with atomic:
            atomic.file.write(data)
    except OSError as error:
        raise OutputNotWritable(f"Het bestand {target} kan niet worden geschreven: {error.strerror or error}."
                                " Het profiel is niet opgeslagen.") from None
    return target
