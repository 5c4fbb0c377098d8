"""argparse with Dutch usage, help and error messages (CONTRACTS.md: usage errors are Dutch, exit 2)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import NoReturn

from matchdesk.dates import parse_iso_date

# argparse looks its messages up through its module-level ``_`` at call time.
_DUTCH = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "optional arguments": "opties",
    "positional arguments": "argumenten",
    "show this help message and exit": "toon deze hulptekst en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "deze argumenten zijn verplicht: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "argument %(argument_name)s: %(message)s": "optie %(argument_name)s: %(message)s",
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "one of the arguments %s is required": "één van deze opties is verplicht: %s",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "unexpected option string: %s": "onverwachte optie: %s",
    "commands": "opdrachten",
    "default: %(default)s": "standaard: %(default)s",
}


def _translate(message: str) -> str:
    return _DUTCH.get(message, message)


argparse._ = _translate  # type: ignore[attr-defined]


class DutchArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="toon deze hulptekst en stop")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\n")


def iso_date(text: str) -> dt.date:
    """argparse type for JJJJ-MM-DD options (CONTRACTS.md), with the Dutch reason on error."""
    try:
        return parse_iso_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
