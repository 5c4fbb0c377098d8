"""Start the Qt client: application, error handler, database, main window; the ready signal for scripts."""

from __future__ import annotations

import sys
import time

_STARTED = time.monotonic()


def run_gui(ctx, args) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from matchdesk.errors import MatchDeskError
    from matchdesk.ui.errors import install_exception_handler
    from matchdesk.ui.main_window import MainWindow
    from matchdesk.ui.page import UiContext
    from matchdesk.ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("MatchDesk")
    app.setOrganizationName("MatchDesk")
    apply_style(app)
    scripted = bool(args.screenshot or args.quit_when_ready)
    try:
        db = ctx.database()
    except MatchDeskError as error:
        if scripted:
            raise
        QMessageBox.critical(None, "MatchDesk", str(error))
        return 2
    install_exception_handler()
    user = ctx.user
    if user is None:
        from matchdesk.ui.first_start import choose_medewerker

        user = choose_medewerker(db) if not scripted else "demo"
        if user is None:
            return 0
    window = MainWindow(UiContext(db=db, user=user, today=ctx.today, rulebooks=ctx.rulebooks()))
    if args.view and not window.show_view(args.view):
        print(f"onbekende weergave: {args.view}", file=sys.stderr)
        return 2
    window.show()
    if scripted:
        def ready() -> None:
            if args.screenshot:
                window.grab().save(args.screenshot)
            elapsed = int((time.monotonic() - _STARTED) * 1000)
            print(f"MATCHDESK_READY {elapsed}", file=sys.stderr, flush=True)
            if args.quit_when_ready:
                app.quit()
        window.first_page_painted.connect(lambda: QTimer.singleShot(0, ready))
    return app.exec()
