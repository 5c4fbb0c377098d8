"""Run a slow read off the GUI thread: the window keeps painting, a newer request supersedes an older one.

    task = BackgroundTask(self)
    task.finished.connect(self.show_result)      # the function's return value, on the GUI thread
    task.failed.connect(self.show_error)         # the exception it raised, on the GUI thread
    task.start(lambda: slow_query(...))

Only the result of the latest ``start`` is delivered. Each task has its own one-thread pool, so its
reads run one after the other and never outlive the widget that owns it (the pool waits on deletion).
The function must open its own database session (``db.reading()``); ORM objects stay in the worker.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from matchdesk.ui.pyside_fix import install as _install_emit_fix

_install_emit_fix()  # PySide6 6.12.0 drops a reference to True on every emit(); see pyside_fix


class _Relay(QObject):
    """Carries a worker's outcome to the GUI thread (queued: the relay lives on the GUI thread)."""

    done = Signal(int, object)
    failed = Signal(int, object)


class BackgroundTask(QObject):
    finished = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = 0
        self._pending = 0
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def start(self, function: Callable[[], object]) -> None:
        self._generation += 1
        generation, relay = self._generation, self._relay
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        def run() -> None:
            try:
                result = function()
            except Exception as error:  # delivered to the GUI thread, which decides what to show
                outcome = (relay.failed, error)
            else:
                outcome = (relay.done, result)
            try:
                outcome[0].emit(generation, outcome[1])
            except RuntimeError:  # the owner was closed meanwhile: nobody wants the answer any more
                pass

        self._pool.start(run)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the queued work is done (tests, shutdown)."""
        return self._pool.waitForDone(msecs)

    def _settle(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)

    def _on_done(self, generation: int, result: object) -> None:
        self._settle()
        if generation == self._generation:
            self.finished.emit(result)

    def _on_failed(self, generation: int, error: object) -> None:
        self._settle()
        if generation == self._generation:
            self.failed.emit(error)
