"""Reading what a user names as a rulebook or a scenario without hanging, exhausting memory or recursing.

A name in ``--rules DIR`` or on the command line may be a FIFO (``open`` waits for a writer for ever), a
device or a symlink to one (``/dev/zero`` never ends), a file of gigabytes, or text nested so deeply that
the parsers recurse out of the stack (``[[[[...``) or take quadratic time (a table header of 100,000 dotted
parts). So: ``stat`` before opening and accept only a regular file of at most ``MAX_BYTES``; open with
``O_NONBLOCK`` so even a FIFO swapped in after the ``stat`` cannot block, check the opened file again,
and read at most ``MAX_BYTES + 1`` bytes. Before parsing, ``nesting_problem`` scans the text once
(outside strings and comments) for more than ``MAX_DEPTH`` open brackets or more than ``MAX_KEY_PARTS``
dotted key parts on one line. Every refusal is an ``UnsafeInput`` with a Dutch reason (no file name: the
caller puts it in front, as ``file:line: reason``).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from pathlib import Path
from typing import TextIO

MAX_BYTES = 1_000_000  # the shipped rulebooks are 6 KB, a scenario a few hundred bytes
MAX_DEPTH = 32  # a rulebook needs 2 levels ([[rule]], a list), a scenario 3
MAX_KEY_PARTS = 32  # dots outside strings on one line: a.b.c = 1, [a.b.c]

# Dates a rulebook or scenario may name: wide enough for any decision, narrow enough that adding the
# longest allowed period (``spec.MAX_MONTHS``) can never leave Python's date range.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)


class UnsafeInput(ValueError):
    """The file or text is refused before parsing; ``line`` is 1-based where known."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def date_in_range(value: dt.date) -> str | None:
    """None, or the Dutch reason why ``value`` lies outside the dates MatchDesk can judge."""
    if FIRST_DATE <= value <= LAST_DATE:
        return None
    return f"datum {value.isoformat()} ligt buiten {FIRST_DATE.isoformat()} tot en met {LAST_DATE.isoformat()}"


def read_text(path: Path | str, *, limit: int = MAX_BYTES, encoding: str = "utf-8") -> str:
    """The text of a regular file of at most ``limit`` bytes; else ``UnsafeInput`` (never blocks)."""
    try:
        info = os.stat(path)  # follows a symlink: a link to /dev/zero is judged as the device
    except OSError as error:
        raise UnsafeInput(_os_reason(error)) from None
    _check_kind(info, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise UnsafeInput(_os_reason(error)) from None
    try:
        _check_kind(os.fstat(fd), limit)  # the file opened is the file checked (no swap since the stat)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise UnsafeInput(_os_reason(error)) from None
    finally:
        os.close(fd)
    if size > limit:
        raise UnsafeInput(_too_big(limit))
    return _decode(b"".join(chunks), encoding)


def read_stream(stream: TextIO, *, limit: int = MAX_BYTES) -> str:
    """At most ``limit`` characters of an open text stream (standard input); more is ``UnsafeInput``."""
    try:
        text = stream.read(limit + 1)
    except UnicodeDecodeError:
        raise UnsafeInput("geen UTF-8-tekst") from None
    if len(text) > limit:
        raise UnsafeInput(_too_big(limit, "invoer"))
    return text


def _check_kind(info: os.stat_result, limit: int) -> None:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise UnsafeInput("is een map, geen bestand")
    if stat.S_ISFIFO(mode):
        raise UnsafeInput("is een pijp (FIFO), geen gewoon bestand")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise UnsafeInput("is een apparaat, geen gewoon bestand")
    if not stat.S_ISREG(mode):
        raise UnsafeInput("is geen gewoon bestand")
    if info.st_size > limit:
        raise UnsafeInput(_too_big(limit))


def _too_big(limit: int, what: str = "bestand") -> str:
    return f"{what} is te groot (meer dan {limit // 1000:,} kB)".replace(",", ".")


_OS_REASONS = {errno.ENOENT: "bestand niet gevonden", errno.EACCES: "geen leesrechten voor dit bestand",
               errno.EPERM: "geen leesrechten voor dit bestand", errno.EISDIR: "is een map, geen bestand",
               errno.ELOOP: "symbolische koppeling wijst naar zichzelf", errno.ENOTDIR: "bestand niet gevonden",
               errno.ENAMETOOLONG: "bestandsnaam te lang"}


def _os_reason(error: OSError) -> str:
    reason = _OS_REASONS.get(error.errno or 0)
    return reason or f"onleesbaar ({error.strerror or type(error).__name__})"


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnsafeInput("geen UTF-8-tekst", line) from None


# -- nesting, scanned once before a recursive parser sees the text -----------------------------------------
_TOML_SPECIAL = re.compile(r"[\"'#\[\]{}.\n]")
_JSON_SPECIAL = re.compile(r"[\"\[\]{}\n]")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"?')
_LITERAL = re.compile(r"'[^'\n]*'?")


def nesting_problem(text: str, *, toml: bool, max_depth: int = MAX_DEPTH,
                    max_key_parts: int = MAX_KEY_PARTS) -> UnsafeInput | None:
    """An ``UnsafeInput`` with the line where ``text`` nests deeper than ``max_depth`` brackets (or, in TOML,
    has more than ``max_key_parts`` dots outside strings on one line), else None. An unclosed string ends
    the scan: the parser reports it."""
    special = _TOML_SPECIAL if toml else _JSON_SPECIAL
    depth = dots = 0
    line, pos = 1, 0
    while (found := special.search(text, pos)) is not None:
        char, at = found.group(), found.start()
        pos = at + 1
        if char == "\n":
            line, dots = line + 1, 0
        elif char == "#":
            end = text.find("\n", at)
            if end < 0:
                return None
            pos = end
        elif char in "\"'":
            triple = char * 3
            if toml and text.startswith(triple, at):
                end = _close_multiline(text, at + 3, triple, escapes=char == '"')
                if end < 0:
                    return None
                line += text.count("\n", at, end)
                pos = end
            else:
                pos = (_BASIC if char == '"' else _LITERAL).match(text, at).end()  # type: ignore[union-attr]
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return UnsafeInput(f"te diep genest (meer dan {max_depth} niveaus lijsten of tabellen)", line)
        elif char in "]}":
            depth = max(depth - 1, 0)
        else:  # a dot outside a string: a part of a dotted key (or a decimal point)
            dots += 1
            if dots > max_key_parts:
                return UnsafeInput(f"te veel delen in een sleutel (meer dan {max_key_parts} punten op één regel)",
                                   line)
    return None


def _close_multiline(text: str, start: int, triple: str, *, escapes: bool) -> int:
    """The index after the closing ``triple`` (up to two more quotes belong to the string), or -1."""
    pos = start
    while (end := text.find(triple, pos)) >= 0:
        backslashes = 0
        while escapes and end - backslashes - 1 >= start and text[end - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            end += 3
            extra = 0
            while extra < 2 and end < len(text) and text[end] == triple[0]:  # """a"""" ends with a quote
                end, extra = end + 1, extra + 1
            return end
        pos = end + 1
    return -1
