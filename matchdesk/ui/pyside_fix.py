"""Work around a reference-count bug in PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True``
without taking a reference, so every ``signal.emit(...)`` from Python drops one reference to ``True``.
After a few thousand emits CPython aborts ("Fatal Python error: bool_dealloc"), usually at exit or
in the garbage collector, far from the cause.

``install()`` probes whether the running PySide6 has the bug and, only then, wraps
``SignalInstance.emit`` so it gives the missing reference back. It is idempotent and cheap; with a
fixed PySide6 the probe finds no leak and nothing is changed.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_installed = False


class _Probe(QObject):
    ping = Signal()


def emit_leaks() -> bool:
    """True when ``emit()`` drops a reference to the bool it returns (measured, not assumed)."""
    probe = _Probe()
    emits = 16
    before = sys.getrefcount(True)
    for _ in range(emits):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    probe.deleteLater()
    if lost >= emits:  # give back what the probe itself took
        for _ in range(lost):
            _incref()(True)
    return lost >= emits


def _incref():
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    return incref


def install() -> bool:
    """Patch ``SignalInstance.emit`` when needed; returns whether the patch is active."""
    global _installed
    if _installed:
        return True
    if not emit_leaks():
        return False
    original = SignalInstance.emit
    incref = _incref()

    def emit(self, *args):
        result = original(self, *args)
        if result is True or result is False:
            incref(result)  # the reference emit() should have returned
        return result

    emit.__doc__ = original.__doc__
    SignalInstance.emit = emit
    _installed = True
    return True


__all__ = ["emit_leaks", "install"]
