"""Empty import templates (``resources/templates/<label>.csv|.xlsx``) and the README column tables,
both generated from the column tables so they cannot drift from what import accepts.

    python -m matchdesk.transfer.templates        # rewrite the shipped templates
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from matchdesk.resources import resource
from matchdesk.transfer.registry import RECORD_TYPES, record_type
from matchdesk.transfer.writers import write_rows

SUFFIXES = ("csv", "xlsx")


def template(name: str, suffix: str = "xlsx"):
    """The shipped template of a record type (a Traversable: open it with ``.open('rb')``)."""
    return resource("templates", f"{record_type(name).label}.{suffix}")


def write_template(name: str, path: str | Path) -> None:
    kind = record_type(name)
    write_rows(path, [c.header for c in kind.columns(dt.date.today())], [], sheet_name=kind.label)


def markdown_tables() -> str:
    """The README section's tables: one per record type, every column in the documented order."""
    parts = []
    for name in RECORD_TYPES:
        kind = record_type(name)
        keys = ", ".join(f"`{h}`" for h in kind.key_headers())
        parts.append(f"#### {kind.label} (`{name}`, sleutel {keys})\n\n| kolom | betekenis |\n|---|---|")
        for column in kind.columns(dt.date.today()):
            parts.append(f"| `{column.header}` | {column.doc} |")
        parts.append("")
    return "\n".join(parts)


def main() -> None:
    folder = Path(__file__).resolve().parents[1] / "resources" / "templates"
    folder.mkdir(exist_ok=True)
    for name in RECORD_TYPES:
        for suffix in SUFFIXES:
            write_template(name, folder / f"{record_type(name).label}.{suffix}")


if __name__ == "__main__":
    main()
