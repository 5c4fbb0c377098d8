"""Ops: how the window runs a use case, off the GUI thread, and hears how it went (after Anki's
``CollectionOp``/``QueryOp``).

    from matchdesk.services import candidates

    run_op(self, lambda: candidates.open_candidate(self.app, klantnummer),
           on_success=self.show_record)                       # the frozen value, on the GUI thread

    run_op(self, lambda: candidates.save_candidate(self.app, changes),
           on_success=lambda saved: self.accept(),
           on_failure=self.show_problem)                      # else: a Dutch message box

    self.ops.run(lambda: matching.rank_for_vacancy(self.app, ref), self.show_ranking, key="rank")
                                                                # a newer "rank" supersedes an older one

Each widget has one lane (``ops_for(widget)``, or an ``Ops(self)`` of its own): its ops run one after the
other on a one-thread pool that never outlives the widget (the pool waits on deletion), so a save always
follows the load it was based on. A use case opens its own unit of work, so nothing from the database
crosses to the GUI thread except the plain values it returns.

Failures: ``on_failure(error)`` when given; otherwise a ``MatchDeskError`` (the core's Dutch message:
validation, conflict, not found, locked database) is shown in a message box on the widget, and anything
else goes to the exception hook (``ui/errors.py``: a dialog, a log without personal data).

Progress: ``run(fn, ..., on_progress=callback)`` calls ``fn(report)`` with ``report(done, total)`` that
may be called from the worker; ``callback(done, total)`` runs on the GUI thread.

Tests and shutdown: ``ops.wait()`` blocks until the lane is idle and delivers the outcomes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from matchdesk.errors import MatchDeskError
from matchdesk.ui.pyside_fix import install as _install_emit_fix

_install_emit_fix()  # PySide6 6.12.0 drops a reference to True on every emit(); see pyside_fix

Success = Callable[[Any], None]
Failure = Callable[[Exception], None]
Progress = Callable[[int, int], None]


class _Relay(QObject):
    """Carries a worker's outcome to the GUI thread (queued: the relay lives on the GUI thread)."""

    done = Signal(int)
    progress = Signal(int, int, int)


class Ops(QObject):
    """One widget's lane of ops. ``busy_changed(bool)`` drives a busy cursor or a disabled button."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._serial = 0
        self._pending = 0
        self._latest: dict[str, int] = {}  # key -> serial of the newest op with that key
        self._callbacks: dict[int, tuple[str | None, Success | None, Failure | None, Progress | None, object]] = {}
        self._outcomes: dict[int, tuple[bool, Any]] = {}  # written by the worker, taken on the GUI thread
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._relay.progress.connect(self._on_progress)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(self, fn: Callable[..., Any], on_success: Success | None = None, on_failure: Failure | None = None,
            *, key: str | None = None, on_progress: Progress | None = None) -> int:
        """Queue ``fn`` (a use-case call) on this lane; returns the op's serial number.

        With ``key``, only the newest op of that key reports back: an older one still runs (it may be a
        write) but its outcome is dropped, so a quick second search never shows the first one's rows."""
        self._serial += 1
        serial, relay, outcomes = self._serial, self._relay, self._outcomes
        if key is not None:
            self._latest[key] = serial
        # The GUI side keeps ``fn`` (and with it whatever widget it closes over) until the outcome is
        # delivered, and the worker drops every reference it holds BEFORE it signals: a widget's last
        # reference must never go away on the worker thread (Qt objects deleted there crash the process).
        self._callbacks[serial] = (key, on_success, on_failure, on_progress, fn)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        cell, with_progress = [fn], on_progress is not None

        def report(done: int, total: int) -> None:
            try:
                relay.progress.emit(serial, int(done), int(total))
            except RuntimeError:  # the owner was closed meanwhile
                pass

        def work() -> None:
            call = cell.pop()
            try:
                outcomes[serial] = (True, call(report) if with_progress else call())
            except Exception as error:  # delivered to the GUI thread, which decides what to show
                outcomes[serial] = (False, error)
            del call
            try:
                relay.done.emit(serial)
            except RuntimeError:  # the owner was closed meanwhile: nobody wants the answer any more
                outcomes.pop(serial, None)

        self._pool.start(work)
        return serial

    def wait(self, msecs: int = -1) -> bool:
        """Block until every queued op has run, then deliver their outcomes (tests, shutdown)."""
        done = self._pool.waitForDone(msecs)
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        return done

    # -- on the GUI thread ---------------------------------------------------------------------------------
    def _on_done(self, serial: int) -> None:
        succeeded, value = self._outcomes.pop(serial, (False, RuntimeError("op zonder uitkomst")))
        key, on_success, on_failure, _progress, _fn = self._callbacks.pop(serial, (None, None, None, None, None))
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        if key is not None and self._latest.get(key) != serial:
            return  # superseded by a newer op with the same key
        if succeeded:
            if on_success is not None:
                on_success(value)
        elif on_failure is not None:
            on_failure(value)
        else:
            show_failure(self.parent(), value)

    def _on_progress(self, serial: int, done: int, total: int) -> None:
        entry = self._callbacks.get(serial)
        if entry is not None and entry[3] is not None:
            entry[3](done, total)


def show_failure(parent: object, error: Exception) -> None:
    """The default for a failed op: the core's Dutch message, or the exception hook for a bug."""
    if isinstance(error, MatchDeskError):
        widget = parent if isinstance(parent, QWidget) else None
        QMessageBox.warning(widget, QCoreApplication.translate("Ops", "MatchDesk"), str(error))
    else:
        sys.excepthook(type(error), error, error.__traceback__)


def ops_for(widget: QObject) -> Ops:
    """The widget's own lane, made on first use."""
    lane = widget.findChild(Ops, "ops", Qt.FindChildOption.FindDirectChildrenOnly)
    if lane is None or lane.parent() is not widget:
        lane = Ops(widget)
        lane.setObjectName("ops")
    return lane


def run_op(widget: QObject, fn: Callable[[], Any], on_success: Success | None = None,
           on_failure: Failure | None = None, *, key: str | None = None) -> int:
    """``ops_for(widget).run(...)``: a use case off the GUI thread, the outcome back on it."""
    return ops_for(widget).run(fn, on_success, on_failure, key=key)
