"""PySide6 6.12.0 drops a reference to True on every Python emit(); after install() emits are neutral."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    plain = Signal()
    flag = Signal(bool)
    payload = Signal(int, object)


def test_emits_leave_the_refcount_of_true_alone(qapp):
    from matchdesk.ui.pyside_fix import emit_leaks, install

    install()
    assert not emit_leaks()
    sender = _Sender()
    received = []
    sender.flag.connect(received.append)
    sender.payload.connect(lambda n, obj: received.append(obj))
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        sender.plain.emit()
        sender.flag.emit(False)
        sender.payload.emit(1, True)
    received.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
