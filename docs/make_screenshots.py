"""Screenshots of the real app for the README (`make screenshots`): docs/screenshots/*.png.

Runs MatchDesk's own window, pages and dialogs offscreen on a demo database (made with
`matchdesk demo --seed 1` if absent) and grabs them. Usage:
    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [--db .run/demo.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
TODAY = dt.date(2026, 11, 23)
LAPTOP = (1280, 720)


def wait_until(app, condition, timeout_s: float = 120) -> None:
    import time

    end = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("screenshot: the view did not become ready")
        app.processEvents()
        # a polling loop that never sleeps holds the GIL: the warm-up's index build on a worker (row by row
        # out of SQLite, the GIL taken per row) then crawled for minutes; Qt's own event loop sleeps
        time.sleep(0.005)


def idle(window) -> bool:
    """No op of the window or its pages is still running or waiting to be delivered."""
    from matchdesk.ui.ops import Ops

    return not any(lane.busy for lane in window.findChildren(Ops))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / ".run" / "demo.db"))
    args = parser.parse_args()
    db_path = Path(args.db)
    if not db_path.exists():
        db_path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "matchdesk", "--db", str(db_path), "--today", TODAY.isoformat(),
                        "demo", "--seed", "1"], check=True)
    os.environ["MATCHDESK_DRAFTS"] = str(ROOT / ".run" / "screenshot-drafts")
    import shutil

    shutil.rmtree(ROOT / ".run" / "screenshot-settings", ignore_errors=True)  # first-use column widths

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from matchdesk.app import App
    from matchdesk.storage.models import Candidate, Vacancy
    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.matching_page import MatchingPage
    from matchdesk.ui.style import apply_style

    qt = QApplication.instance() or QApplication(sys.argv[:1])
    qt.setOrganizationName("MatchDesk-screenshots")  # never the user's own settings
    qt.setApplicationName("MatchDesk-screenshots")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(ROOT / ".run" / "screenshot-settings"))
    apply_style(qt)
    OUT.mkdir(parents=True, exist_ok=True)
    app = App.open(db_path, user="demo", today=TODAY)
    window = MainWindow(app)
    window.resize(*LAPTOP)  # a laptop's screen, or 1920x1080 at 150%: what must fit (issue 15)
    window.show()
    qt.processEvents()

    def shot(widget, name: str) -> None:
        qt.processEvents()
        widget.grab().save(str(OUT / f"{name}.png"))
        print(f"docs/screenshots/{name}.png")

    window.show_view("kandidaten")
    wait_until(qt, lambda: window.candidates.loaded and window.facts is not None)  # read through ops
    shot(window, "hoofdvenster")
    for view, name in (("werkgevers", "werkgevers"), ("vacatures", "vacatures"), ("trajecten", "trajecten")):
        window.show_view(view)
        wait_until(qt, lambda: idle(window) and window.stack.currentWidget().loaded)
        shot(window, name)

    # The script picks its examples straight from the file (the window itself only goes through use cases).
    with app.reading() as session:
        reference = session.scalar(select(Vacancy.reference).where(Vacancy.title.like("Heftruck%"))) or \
            session.scalar(select(Vacancy.reference).order_by(Vacancy.reference))
        klantnummer = session.scalar(select(Candidate.klantnummer).where(
            Candidate.doelgroep == "B", Candidate.wsw.is_(False), Candidate.ontheffing_until.is_(None))
            .order_by(Candidate.klantnummer))
    matching = window.show_page(MatchingPage)
    done = []
    matching.ranked.connect(lambda: done.append(True))
    matching.rank_vacancy(reference)
    wait_until(qt, lambda: bool(done))
    shot(window, "matchen")

    for view, name in (("signalen", "signalen"), ("rapportage", "rapportage")):
        if window.show_view(view):
            wait_until(qt, lambda: idle(window))  # these pages compute through their ops
            shot(window, name)

    window.navigation.set_collapsed(True, remember=False)  # Beeld > Compacte navigatie
    window.show_page(MatchingPage)
    wait_until(qt, lambda: idle(window))
    shot(window, "compacte-navigatie")
    window.navigation.set_collapsed(False, remember=False)

    from matchdesk.ui.help import open_help

    manual = open_help(window, "MatchingPage")  # F1 on Matchen
    manual.resize(760, 640)
    shot(manual, "handleiding")
    manual.close()

    from matchdesk.dates import last_day_within
    from matchdesk.ui.trajectory_dialog import TrajectoryDialog, qdate

    dialog = TrajectoryDialog(app, klantnummer, window)
    dialog.show()
    dialog.ops.wait()  # the form's facts (candidate, history, rules) arrive through an op
    wait_until(qt, lambda: dialog.form_facts is not None)
    dialog.planned_end.setDate(qdate(last_day_within(TODAY, 9)))  # nine months: over the six-month limit
    wait_until(qt, lambda: dialog.verdict is not None and dialog.verdict.blocked)
    shot(dialog, "traject-geblokkeerd")
    dialog.close()

    from matchdesk.ui.print_preview import preview_profile

    matching.table.selectRow(0)
    best = matching.selected()
    preview = preview_profile(window, app, best["candidate"], vacancy=reference, explanation=best)
    shown = []
    preview.shown.connect(lambda: shown.append(True))
    preview.resize(900, 1000)
    preview.ops.wait()  # the PDF is built and rendered through an op
    wait_until(qt, lambda: bool(shown))
    shot(preview, "afdrukvoorbeeld")
    preview.close()
    window.close()
    app.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
