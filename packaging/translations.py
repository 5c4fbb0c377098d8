"""Build MatchDesk's Dutch interface texts with Qt's own tools (shipped in the PySide6 wheel).

The interface is written with English source texts in ``tr()`` / ``translate()``;
``matchdesk/resources/i18n/matchdesk_nl.ts`` holds their Dutch translations and
``matchdesk_nl.qm`` is that file compiled, loaded at start-up by ``matchdesk.ui.style``.

    python packaging/translations.py          # lupdate the .ts from the sources, lrelease the .qm
    python packaging/translations.py --check  # change nothing; exit 1 and say what is out of date

``--check`` (run by the test suite) fails when a source text has no Dutch translation, when the
.ts holds a text the sources no longer have, when a translation drops or adds a placeholder, or
when the .qm does not give the .ts's translations.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "matchdesk" / "ui"
I18N = ROOT / "matchdesk" / "resources" / "i18n"
TS = I18N / "matchdesk_nl.ts"
QM = I18N / "matchdesk_nl.qm"
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%n")


def tool(name: str) -> str:
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"{name} niet gevonden (hoort bij PySide6)")
    return found


def sources() -> list[str]:
    return [str(p) for p in sorted(SOURCES.glob("*.py"))]


def lupdate(ts: Path, files: list[str] | None = None) -> None:
    subprocess.run([tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete", "-source-language", "en",
                    "-target-language", "nl_NL", *(files or sources()), "-ts", str(ts)], check=True)


def fill(ts: Path, translations: dict[str, dict[str, str | list[str]]]) -> None:
    """Write translations ({context: {source: Dutch, or [singular, plural]}}) into the .ts."""
    tree = ET.parse(ts)
    for context in tree.getroot().iter("context"):
        known = translations.get(context.findtext("name"), {})
        for message in context.iter("message"):
            text = known.get(message.findtext("source") or "")
            if text is None:
                continue
            translation = message.find("translation")
            translation.attrib.pop("type", None)
            for form in list(translation):
                translation.remove(form)
            if isinstance(text, list):
                translation.text = None
                for value in text:
                    ET.SubElement(translation, "numerusform").text = value
            else:
                translation.text = text
    ET.indent(tree, space="    ")
    with open(ts, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", "-removeidentical", str(ts), "-qm", str(qm)], check=True)


def messages(ts: Path) -> dict[tuple[str, str, str], list[str]]:
    """(context, source, comment) -> translations (several for a plural), '' when unfinished."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                forms = [""]
            found[key] = forms
    return found


def problems() -> list[str]:
    if not TS.exists() or not QM.exists():
        return [f"{TS.name} of {QM.name} ontbreekt: draai python packaging/translations.py"]
    found: list[str] = []
    committed = messages(TS)
    with tempfile.TemporaryDirectory() as tmp:
        fresh_ts = Path(tmp) / TS.name
        shutil.copy(TS, fresh_ts)
        lupdate(fresh_ts)
        fresh = messages(fresh_ts)
        for key in sorted(fresh.keys() - committed.keys()):
            found.append(f"nieuwe brontekst zonder vertaling: [{key[0]}] {key[1]!r}")
        for key in sorted(committed.keys() - fresh.keys()):
            found.append(f"vertaling voor een tekst die niet meer in de bron staat: [{key[0]}] {key[1]!r}")
        for key, forms in sorted(committed.items()):
            if not all(forms):
                found.append(f"onvertaald: [{key[0]}] {key[1]!r}")
                continue
            want = sorted(set(PLACEHOLDER.findall(key[1])))
            for form in forms:
                if sorted(set(PLACEHOLDER.findall(form))) != want:
                    found.append(f"andere plaatshouders in de vertaling: [{key[0]}] {key[1]!r} -> {form!r}")
    found += _stale_qm(committed)
    return found


def _stale_qm(committed: dict[tuple[str, str, str], list[str]]) -> list[str]:
    """Every finished translation of the .ts comes out of the .qm as Qt loads it (compared by content,
    not bytes, so another PySide6 release's lrelease does not fail the check)."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    if not translator.load(str(QM)):
        return [f"{QM.name} laadt niet: draai python packaging/translations.py"]
    for (context, source, comment), forms in committed.items():
        if not all(forms):
            continue
        counts = (1, 2) if len(forms) > 1 else (-1,)
        got = [translator.translate(context, source, comment or None, n) for n in counts]
        want = forms if len(forms) > 1 else forms[:1]
        want = [w if w != source else "" for w in want]  # -removeidentical leaves these to the source
        if [g if g != source else "" for g in got] != want:
            return [f"{QM.name} is niet {TS.name} gecompileerd: draai python packaging/translations.py"]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Nederlandse interfaceteksten bijwerken en compileren")
    parser.add_argument("--check", action="store_true", help="niets wijzigen; melden wat verouderd is")
    parser.add_argument("--fill", nargs="+", type=Path, default=[], metavar="JSON",
                        help="vertalingen {context: {bron: vertaling}} in de .ts zetten")
    parser.add_argument("--part", metavar="NAAM", help="alleen --files, naar parts/NAAM.ts en matchdesk_nl-NAAM.qm")
    parser.add_argument("--files", nargs="*", default=None)
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    import json

    ts, qm = TS, QM
    if args.part:
        ts, qm = I18N / "parts" / f"{args.part}.ts", I18N / f"matchdesk_nl-{args.part}.qm"
    ts.parent.mkdir(parents=True, exist_ok=True)
    lupdate(ts, args.files)
    for file in args.fill:
        fill(ts, json.loads(file.read_text(encoding="utf-8")))
    if args.fill:
        lupdate(ts, args.files)  # back to lupdate's own layout, so the next run changes nothing
    lrelease(ts, qm)
    unfinished = [key for key, forms in messages(ts).items() if not all(forms)]
    for context, source, _ in unfinished:
        print(f"onvertaald: [{context}] {source!r}")
    return 1 if unfinished else 0


if __name__ == "__main__":
    sys.exit(main())
