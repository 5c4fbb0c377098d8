"""Smoke test of the frozen bundle (dist/matchdesk/, packaging/matchdesk.spec), beside the source app.

    python packaging/smoke_bundle.py [dist/matchdesk] [--seed 7] [--candidates 300] [--runs 5]

On a fresh temporary folder (its own data, cache and log folders, its own key file, no credential store) the
frozen ``matchdesk-cli`` creates a small demo region, prints ``stats --json``, ranks a vacancy, writes an
anonymised profile PDF and a backup (which it opens again); the frozen windowed ``matchdesk`` opens the window
offscreen and saves a picture of it. The source app (``python -m matchdesk`` from this checkout) does the same on
its own demo of the same seed: ``stats --json`` and the ranking must be identical. Printed: the bundle's size
(MB, files) and the start time to the first painted page (MATCHDESK_READY, median of ``--runs``) of the frozen
window beside the source window in the same run. Exit 0 when every check passes, 1 otherwise (each failure said).

Runs on Linux and Windows (.github/workflows/windows-msi.yml). A windowed program on Windows has no stderr, so
there the start time is read from ``matchdesk-cli`` without a command (the same window) and the windowed
``matchdesk.exe`` proves itself by its picture.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOWS = sys.platform.startswith("win")
EXE = ".exe" if WINDOWS else ""
TODAY = "2026-01-05"  # a fixed 'today': the demo's dates are relative to it, so both runs make the same region
READY = "MATCHDESK_READY"


class Smoke:
    def __init__(self, bundle: Path, work: Path, timeout: float) -> None:
        self.bundle = bundle
        self.work = work
        self.timeout = timeout
        self.failures: list[str] = []
        key = work / "smoke.sleutel"
        descriptor = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        home = work / "home"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("MATCHDESK_", "PYTHON", "XDG_", "WIN_PD_OVERRIDE_"))}
        env.update({
            "MATCHDESK_KEY_FILE": str(key),
            "MATCHDESK_FILE_JOURNAL": str(home / "journal"),
            "MATCHDESK_DRAFTS": str(home / "concepten"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # never the machine's credential store
            "QT_QPA_PLATFORM": "offscreen",
            # platformdirs: data, cache and logs of this run stay in its folder
            "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_STATE_HOME": str(home / "state"), "XDG_CONFIG_HOME": str(home / "config"),
            "WIN_PD_OVERRIDE_CSIDL_LOCAL_APPDATA": str(home / "LocalAppData"),
            "WIN_PD_OVERRIDE_CSIDL_APPDATA": str(home / "AppData"),
        })
        # no PYTHONPATH/PYTHONHOME (the bundle must stand on its own), no PYTHONUTF8 (frozen and source print in
        # the platform's default encoding alike; the outputs are compared as text)
        self.frozen_env = env
        self.source_env = dict(env, PYTHONPATH=str(ROOT))

    # -- running ---------------------------------------------------------------------------------------------
    def frozen(self, name: str) -> list[str]:
        return [str(self.bundle / f"{name}{EXE}")]

    def source(self) -> list[str]:
        return [sys.executable, "-m", "matchdesk"]

    def run(self, program: list[str], env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run([*program, *args], env=env, cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=self.timeout)

    def check(self, label: str, result: subprocess.CompletedProcess) -> str:
        if result.returncode != 0:
            self.failures.append(f"{label}: exit {result.returncode}: {result.stderr.strip()[-600:]}")
        return result.stdout

    def app_flow(self, label: str, program: list[str], env: dict[str, str], seed: int, size: int) -> dict[str, str]:
        """demo, stats --json, rank, anonymised profile, backup (reopened) on a fresh folder; the outputs."""
        folder = self.work / label
        folder.mkdir()
        db = folder / "matchdesk.db"
        common = ["--db", str(db), "--user", "smoke", "--today", TODAY]

        def cli(step: str, *args: str) -> str:
            started = time.perf_counter()
            out = self.check(f"{label} {step}", self.run(program, env, *common, *args, cwd=folder))
            print(f"  {label:<7} {step:<8} {time.perf_counter() - started:6.2f} s", flush=True)
            return out

        out: dict[str, str] = {"version": self.check(f"{label} --version", self.run(program, env, "--version",
                                                                                      cwd=folder)).strip()}
        # every command module (imported by name) is in, with its help
        out["help"] = self.check(f"{label} --help", self.run(program, env, "--help", cwd=folder))
        cli("demo", "demo", "--seed", str(seed), "--candidates", str(size), "--employers", str(max(size // 10, 5)),
            "--vacancies", str(max(size // 8, 5)))
        out["stats"] = cli("stats", "stats", "--json")
        cli("export", "export", "vacancies", "vacatures.csv")
        cli("export", "export", "candidates", "kandidaten.csv")
        vacancy = _first(folder / "vacatures.csv", "referentie")
        candidate = _first(folder / "kandidaten.csv", "klantnummer")
        surname = _first(folder / "kandidaten.csv", "achternaam")
        out["vacancy"] = vacancy
        out["rank"] = cli("rank", "rank", "--vacancy", vacancy, "--top", "10", "--json") if vacancy else ""
        out["rank_text"] = cli("rank", "rank", "--vacancy", vacancy, "--top", "5") if vacancy else ""
        pdf = folder / "profiel.pdf"
        if candidate:
            cli("profile", "profile", "--anonymous", candidate, "-o", str(pdf))
            self.check_pdf(label, pdf, [candidate, surname])
        backup = folder / "reservekopie.db"
        cli("backup", "backup", str(backup))
        if not backup.is_file():
            self.failures.append(f"{label}: no backup at {backup}")
        else:
            again = self.run(program, env, "--db", str(backup), "--today", TODAY, "stats", "--json", cwd=folder)
            if self.check(f"{label} stats of the backup", again) != out["stats"]:
                self.failures.append(f"{label}: the backup's stats --json differ from the database's")
        out["db"] = str(db)
        return out

    def check_pdf(self, label: str, pdf: Path, hidden: list[str]) -> None:
        if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF-") or pdf.stat().st_size < 1000:
            self.failures.append(f"{label}: the anonymised profile {pdf} is not a PDF")
            return
        try:
            from pypdf import PdfReader  # the test extra; without it only the header is checked
        except ImportError:
            return
        text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
        leaked = [word for word in hidden if word and word in text]
        if leaked:
            self.failures.append(f"{label}: the anonymised profile shows the candidate's number or name")

    # -- the window ------------------------------------------------------------------------------------------
    def window(self, program: list[str], env: dict[str, str], db: str, screenshot: Path | None = None,
               view: str | None = None) -> tuple[int | None, float]:
        """One start of the window up to its first painted page: (MATCHDESK_READY ms or None, wall seconds)."""
        args = ["--db", db, "--user", "smoke", "--today", TODAY, "--quit-when-ready"]
        if screenshot is not None:
            args += ["--screenshot", str(screenshot)]
        if view is not None:
            args += ["--view", view]
        started = time.perf_counter()
        result = self.run(program, env, *args, cwd=self.work)
        wall = time.perf_counter() - started
        ready = [line.split()[1] for line in result.stderr.splitlines() if line.startswith(READY)]
        if result.returncode != 0:
            self.failures.append(f"window {' '.join(program)}: exit {result.returncode}: {result.stderr[-600:]}")
        return (int(ready[0]) if ready else None), wall

    def bundle_checks(self) -> None:
        """Files the frozen app reads by path: Qt's Dutch texts, ours, Alembic's scripts."""
        internal = self.bundle / "_internal"
        qt = internal / "PySide6" / ("translations" if WINDOWS else "Qt/translations")
        wanted = [qt / "qtbase_nl.qm", internal / "matchdesk/resources/i18n/matchdesk_nl.qm",
                  internal / "matchdesk/storage/migrations/env.py",
                  internal / "matchdesk/resources/fonts/DejaVuSans.ttf"]
        for path in wanted:
            if not path.is_file():
                self.failures.append(f"bundle: {path.relative_to(self.bundle)} is missing")
        if not list((internal / "matchdesk/storage/migrations/versions").glob("0001*.py")):
            self.failures.append("bundle: the migration scripts (versions/*.py) are missing")


def _first(path: Path, column: str) -> str:
    if not path.is_file():
        return ""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return next(csv.DictReader(handle, delimiter=";"), {}).get(column, "") or ""


def bundle_size(folder: Path) -> tuple[float, int]:
    """MiB and number of files, symbolic links (PyInstaller's on Linux) not counted: what the folder takes."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 2**20, len(files)


def compare(smoke: Smoke, what: str, frozen: str, source: str) -> None:
    if frozen == source and frozen.strip():
        print(f"  {what}: identical ({len(frozen.splitlines())} lines)")
        return
    smoke.failures.append(f"{what}: frozen and source differ")
    diff = difflib.unified_diff(source.splitlines(), frozen.splitlines(), "source", "frozen", lineterm="", n=1)
    print("\n".join(list(diff)[:40]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "matchdesk"), type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--candidates", type=int, default=300, help="size of the demo region (300)")
    parser.add_argument("--runs", type=int, default=5, help="window starts timed per program (5)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per program run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    cli_exe = args.bundle / f"matchdesk-cli{EXE}"
    if not cli_exe.is_file():
        print(f"smoke: no bundle at {args.bundle} (make bundle)", file=sys.stderr)
        return 1
    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="matchdesk-smoke-"))
    smoke = Smoke(args.bundle.resolve(), work, args.timeout)
    try:
        smoke.bundle_checks()
        print(f"Smoke test of {smoke.bundle} in {work} (seed {args.seed}, {args.candidates} candidates)")
        frozen = smoke.app_flow("frozen", smoke.frozen("matchdesk-cli"), smoke.frozen_env, args.seed,
                                args.candidates)
        source = smoke.app_flow("source", smoke.source(), smoke.source_env, args.seed, args.candidates)
        compare(smoke, "--version", frozen["version"], source["version"])
        compare(smoke, "--help", frozen["help"], source["help"])
        compare(smoke, "stats --json", frozen["stats"], source["stats"])
        compare(smoke, f"rank --vacancy {frozen['vacancy']} --json", frozen["rank"], source["rank"])
        compare(smoke, "rank (text)", frozen["rank_text"], source["rank_text"])
        print(frozen["stats"].strip() and f"  stats: {' '.join(frozen['stats'].split())[:160]}...")

        # the window: the windowed program with a picture of its first page and of the pages that need the most
        # (the report draws with QtCharts, matching ranks), then timed starts of frozen and source in turns
        for view in (None, "rapportage", "matchen"):
            shot = work / f"venster-{view or 'start'}.png"
            ready, _ = smoke.window(smoke.frozen("matchdesk"), smoke.frozen_env, frozen["db"], shot, view)
            if not shot.is_file() or shot.stat().st_size < 5000:
                smoke.failures.append(f"window: the windowed matchdesk saved no picture of {shot.stem}")
            if ready is None and not WINDOWS:
                smoke.failures.append(f"window: the windowed matchdesk printed no {READY} ({shot.stem})")
        timed = smoke.frozen("matchdesk-cli" if WINDOWS else "matchdesk")
        smoke.window(smoke.source(), smoke.source_env, source["db"])  # warm-up, as the picture run was
        starts: dict[str, list[tuple[int | None, float]]] = {"frozen": [], "source": []}
        for _ in range(args.runs):
            starts["frozen"].append(smoke.window(timed, smoke.frozen_env, frozen["db"]))
            starts["source"].append(smoke.window(smoke.source(), smoke.source_env, source["db"]))
        size, count = bundle_size(smoke.bundle)
        print(f"Bundle: {size:,.0f} MiB in {count:,} files ({smoke.bundle})")
        medians = {}
        for label, runs in starts.items():
            readies = [r for r, _ in runs if r is not None]
            if len(readies) < len(runs):
                smoke.failures.append(f"window ({label}): {len(runs) - len(readies)} of {len(runs)} starts "
                                      f"printed no {READY}")
            if readies:
                medians[label] = statistics.median(readies)
                walls = sorted(round(w, 2) for _, w in runs)
                print(f"Start to first page, {label}: median {medians[label]:.0f} ms of {len(readies)} "
                      f"({sorted(readies)} ms; process wall {walls} s)")
        if len(medians) == 2:
            print(f"Frozen/source start: {medians['frozen'] / medians['source']:.2f}")
    finally:
        if args.keep:
            print(f"(kept {work})")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Smoke test took {time.perf_counter() - began:.0f} s")
    if smoke.failures:
        print(f"SMOKE FAILED ({len(smoke.failures)}):", *smoke.failures, sep="\n  ", file=sys.stderr)
        return 1
    print("SMOKE OK: the frozen bundle gives the same stats --json and ranking as the source")
    return 0


if __name__ == "__main__":
    sys.exit(main())
