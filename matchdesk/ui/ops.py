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
other, so a save always follows the load it was based on. The worker threads belong to one process-wide
pool that no widget owns, and the jobs in flight are held by the GUI thread until their outcome arrives:
a widget closed (or garbage-collected) while its op runs never takes a running thread or a last reference
with it; its outcome is simply dropped. A use case opens its own unit of work, so nothing from the database
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
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

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


class _Job:
    """One op in flight. Held only by the GUI thread's registry until its outcome is delivered, so the
    function (and any widget it closes over) is released on the GUI thread, never on a worker."""

    __slots__ = ("lane", "key", "on_success", "on_failure", "on_progress", "fn")

    def __init__(self, lane: Ops, key: str | None, on_success: Success | None, on_failure: Failure | None,
                 on_progress: Progress | None, fn: Callable[..., Any]) -> None:
        self.lane, self.key, self.fn = lane, key, fn
        self.on_success, self.on_failure, self.on_progress = on_success, on_failure, on_progress


class _Shared:
    """What every lane shares, made once on the GUI thread and never deleted: a pool of worker threads
    that no widget owns (a widget closed or collected while its op runs cannot take the running thread
    with it: that crashed the process), the relay, the jobs in flight and their outcomes."""

    def __init__(self) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(4)
        self.relay = _Relay()
        self.relay.done.connect(self.deliver)
        self.relay.progress.connect(self.progress)
        self.jobs: dict[int, _Job] = {}  # GUI thread only
        self.outcomes: dict[int, tuple[bool, Any]] = {}  # written by a worker, taken on the GUI thread
        self.serial = 0

    def deliver(self, serial: int) -> None:
        job = self.jobs.pop(serial, None)
        outcome = self.outcomes.pop(serial, (False, RuntimeError("op zonder uitkomst")))
        if job is not None and isValid(job.lane):
            job.lane._complete(serial, job, outcome)
        # ``job`` (with its function and callbacks) goes here, on the GUI thread

    def progress(self, serial: int, done: int, total: int) -> None:
        job = self.jobs.get(serial)
        if job is not None and job.on_progress is not None and isValid(job.lane):
            job.on_progress(done, total)


_shared: _Shared | None = None


def _the_shared() -> _Shared:
    global _shared
    if _shared is None:
        _shared = _Shared()
    return _shared


class Ops(QObject):
    """One widget's lane of ops: they run one after the other (a save after the load it was based on).
    ``busy_changed(bool)`` drives a busy cursor or a disabled button."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[int] = deque()
        self._running: int | None = None
        self._pending = 0
        self._latest: dict[str, int] = {}  # key -> serial of the newest op with that key

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(self, fn: Callable[..., Any], on_success: Success | None = None, on_failure: Failure | None = None,
            *, key: str | None = None, on_progress: Progress | None = None) -> int:
        """Queue ``fn`` (a use-case call) on this lane; returns the op's serial number.

        With ``key``, only the newest op of that key reports back: an older one still runs (it may be a
        write) but its outcome is dropped, so a quick second search never shows the first one's rows."""
        shared = _the_shared()
        shared.serial += 1
        serial = shared.serial
        if key is not None:
            self._latest[key] = serial
        shared.jobs[serial] = _Job(self, key, on_success, on_failure, on_progress, fn)
        self._queue.append(serial)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._start_next()
        return serial

    def _start_next(self) -> None:
        if self._running is not None or not self._queue:
            return
        serial = self._running = self._queue.popleft()
        shared = _the_shared()
        job = shared.jobs[serial]
        relay, outcomes = shared.relay, shared.outcomes
        cell, with_progress = [job.fn], job.on_progress is not None
        del job

        def report(done: int, total: int) -> None:
            try:
                relay.progress.emit(serial, int(done), int(total))
            except RuntimeError:
                pass

        def work() -> None:
            call = cell.pop()
            try:
                outcomes[serial] = (True, call(report) if with_progress else call())
            except Exception as error:  # delivered to the GUI thread, which decides what to show
                outcomes[serial] = (False, error)
            del call  # the GUI thread's registry holds the function until the outcome is delivered
            try:
                relay.done.emit(serial)
            except RuntimeError:
                outcomes.pop(serial, None)

        shared.pool.start(work)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the lane is idle: every queued op has run and its outcome was delivered, including
        ops that those outcomes queued in turn (a load whose answer asks a question and then discards).
        ``msecs`` bounds the whole wait (-1: no bound); returns whether the lane is idle (tests, shutdown)."""
        deadline = None if msecs < 0 else time.monotonic() + msecs / 1000
        while self._pending:
            QCoreApplication.sendPostedEvents()
            QCoreApplication.processEvents()
            if not self._pending:
                break
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.002)  # lets the worker run (it needs the GIL)
        return True

    # -- on the GUI thread ---------------------------------------------------------------------------------
    def _complete(self, serial: int, job: _Job, outcome: tuple[bool, Any]) -> None:
        if self._running == serial:
            self._running = None
        self._pending -= 1
        self._start_next()
        if self._pending == 0:
            self.busy_changed.emit(False)
        if job.key is not None and self._latest.get(job.key) != serial:
            return  # superseded by a newer op with the same key
        succeeded, value = outcome
        if succeeded:
            if job.on_success is not None:
                job.on_success(value)
        elif job.on_failure is not None:
            job.on_failure(value)
        else:
            show_failure(self.parent(), value)


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
