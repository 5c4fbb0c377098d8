"""Start the Qt client: application, error handler, database, main window; the ready signal for scripts."""

from __future__ import annotations

import os
import sys
import time

_IMPORTED = time.time()


def process_start() -> float:
    """When this process started (epoch seconds): from /proc on Linux, else when launch was imported."""
    try:
        with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as stat:
            ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/stat", encoding="ascii") as proc:
            boot = next(int(line.split()[1]) for line in proc if line.startswith("btime"))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration, AttributeError):
        return _IMPORTED


def run_gui(ctx, args) -> int:
    """``ctx``: the command line's context (it builds the one ``App`` and closes it after the window)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from matchdesk.errors import MatchDeskError
    from matchdesk.ui.errors import install_exception_handler
    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.pyside_fix import install as install_emit_fix
    from matchdesk.ui.style import apply_style

    install_emit_fix()  # a no-op unless the installed PySide6 has the emit() reference bug
    qt = QApplication.instance() or QApplication(sys.argv[:1])
    qt.setApplicationName("MatchDesk")
    qt.setOrganizationName("MatchDesk")
    apply_style(qt)
    from matchdesk.ui.icons import icon

    qt.setWindowIcon(icon("matchdesk"))
    scripted = bool(args.screenshot or args.quit_when_ready)
    try:
        app = ctx.app()
    except MatchDeskError as error:
        if scripted:
            raise
        QMessageBox.critical(None, "MatchDesk", str(error))
        return 2
    install_exception_handler()
    user = ctx.user
    if user is None:
        from matchdesk.ui.first_start import choose_medewerker

        user = choose_medewerker(app) if not scripted else "demo"
        if user is None:
            return 0
    window = MainWindow(app.with_user(user))
    window.show()  # before --view: a page built while the window is hidden crashed PySide6 once it was shown
    if args.view and not window.show_view(args.view):
        print(f"Onbekende weergave: {args.view}", file=sys.stderr)
        return 2
    if scripted:
        def painted() -> None:
            # The moment the first page is on the screen. Said at once unless a screenshot is asked for: a
            # deferred call would wait behind the matching warm-up's first import (numpy), queued by then.
            elapsed = int((time.time() - process_start()) * 1000)
            if not args.screenshot:
                print(f"MATCHDESK_READY {elapsed}", file=sys.stderr, flush=True)
            QTimer.singleShot(0, lambda: finish(elapsed))

        def finish(elapsed: int) -> None:
            if args.screenshot:  # READY only once the file is written: scripts read it then
                window.grab().save(args.screenshot)
                print(f"MATCHDESK_READY {elapsed}", file=sys.stderr, flush=True)
            if args.quit_when_ready:
                qt.quit()
        window.first_page_painted.connect(painted)
    return qt.exec()
