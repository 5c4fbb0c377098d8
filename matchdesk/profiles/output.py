"""Writing a rendered PDF to disk; every failure becomes a Dutch message, never a traceback."""

from __future__ import annotations

from pathlib import Path

from matchdesk.errors import UsageError
from matchdesk.files import AtomicFile


class OutputNotWritable(UsageError):
    """The PDF cannot be written where asked (exit code 2 on the command line)."""


def write_pdf(data: bytes, path: Path | str) -> Path:
    """Write ``data`` to ``path`` atomically (a 0600 temporary file next to it, ``fsync``, a rename)."""
    return publish_pdf(stage_pdf(data, path))


def stage_pdf(data: bytes, path: Path | str) -> AtomicFile:
    """Check ``path`` and write ``data`` to a 0600 temporary file beside it, not yet renamed: a caller whose audit
    entry must be committed before the file appears calls ``publish_pdf`` after the commit (or ``discard_pdf``)."""
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
        atomic.file.write(data)
    except OSError as error:
        discard_pdf(atomic)
        raise _not_written(target, error) from None
    return atomic


def publish_pdf(atomic: AtomicFile) -> Path:
    """Rename a staged PDF into place (``fsync`` first); a failure removes the temporary file."""
    try:
        atomic.__exit__(None, None, None)
    except OSError as error:
        raise _not_written(atomic.target, error) from None
    return atomic.target


def discard_pdf(atomic: AtomicFile | None) -> None:
    """Remove a staged PDF that will not be published (its audit entry was not committed)."""
    if atomic is not None and not atomic.published:
        atomic.__exit__(RuntimeError, None, None)


def _not_written(target: Path, error: OSError) -> OutputNotWritable:
    return OutputNotWritable(f"Het bestand {target} kan niet worden geschreven: {error.strerror or error}."
                             " Het profiel is niet opgeslagen.")
