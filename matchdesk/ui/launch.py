"""Start the Qt client: application, database, main window; the ready signal for scripts."""

from __future__ import annotations

import sys
import time

_STARTED = time.monotonic()


def run_gui(ctx, args) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from matchdesk.errors import MatchDeskError
    from matchdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("MatchDesk")
    app.setOrganizationName("MatchDesk")
    try:
        db = ctx.database()
    except MatchDeskError as error:
        if args.screenshot or args.quit_when_ready:
            raise
        QMessageBox.critical(None, "MatchDesk", str(error))
        return 2
    window = MainWindow(db, user=ctx.user or "demo", today=ctx.today)
    window.show()
    if args.screenshot or args.quit_when_ready:
        def ready() -> None:
            if args.screenshot:
                window.grab().save(args.screenshot)
            elapsed = int((time.monotonic() - _STARTED) * 1000)
            print(f"MATCHDESK_READY {elapsed}", file=sys.stderr, flush=True)
            if args.quit_when_ready:
                app.quit()
        window.first_page_painted.connect(lambda: QTimer.singleShot(0, ready))
    return app.exec()
