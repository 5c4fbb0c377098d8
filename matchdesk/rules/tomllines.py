"""Line numbers for TOML keys: tomllib reports lines only for syntax errors, so semantic errors
(an impossible number, an unknown key) look the key up in the text themselves."""

from __future__ import annotations

import re

# No two neighbouring parts may match the same characters (a header of 8,000 spaces took minutes): the
# name is taken greedily up to the first ']' and stripped afterwards.
_HEADER = re.compile(r"^\s*(\[\[?)([A-Za-z0-9_.\-\"' ]+)\]\]?[ \t]*(#.*)?$")
_KEY = re.compile(r"^\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)\s*=")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


class KeyLines:
    """Maps (section, index, key) to a 1-based line. ``index`` counts ``[[array]]`` entries from 0."""

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[str, int, str | None], int] = {}
        counts: dict[str, int] = {}
        section, index = "", 0
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                section = header.group(2).strip().strip("\"'")
                if header.group(1) == "[[":
                    index = counts.get(section, -1) + 1
                    counts[section] = index
                else:
                    index = 0
                self._lines.setdefault((section, index, None), number)
                continue
            key = _KEY.match(line)
            if key:
                self._lines.setdefault((section, index, key.group(1).strip("\"'")), number)

    def line(self, section: str, index: int = 0, key: str | None = None) -> int | None:
        """The key's line, else its section header's line, else None."""
        return self._lines.get((section, index, key)) or self._lines.get((section, index, None))


def syntax_error_line(message: str) -> int | None:
    match = _TOML_LINE.search(message)
    return int(match.group(1)) if match else None


_DUTCH = {
    "Cannot overwrite a value": "deze sleutel staat er al",
    "Expected '=' after a key in a key/value pair": "na een sleutel hoort '='",
    "Expected ']' at the end of a table declaration": "']' ontbreekt aan het eind van de tabelkop",
    "Expected ']]' at the end of an array declaration": "']]' ontbreekt aan het eind van de kop",
    "Invalid date or datetime": "ongeldige of onbestaande datum",
    "Invalid value": "ongeldige waarde (tekst hoort tussen aanhalingstekens)",
    "Invalid statement": "ongeldige regel",
    "Invalid initial character for a key part": "ongeldig teken aan het begin van een sleutel",
    "Unclosed array": "lijst niet afgesloten met ']'",
    "Unclosed inline table": "tabel niet afgesloten met '}'",
    "Unterminated string": "tekst niet afgesloten met een aanhalingsteken",
}


def syntax_error_reason(message: str) -> str:
    """tomllib's reason in Dutch where known (else as given), without the position (the caller reports the line)."""
    reason = _TOML_LINE.sub("", message).strip()
    if reason.startswith(("Illegal character", "Found invalid character")):
        char = reason.rsplit(" ", 1)[-1]
        dutch = "regeleinde binnen tekst (aanhalingsteken vergeten?)" if char == "'\\n'" else f"ongeldig teken {char}"
        return f"geen geldige TOML: {dutch}"
    return f"geen geldige TOML: {_DUTCH.get(reason, reason)}"
