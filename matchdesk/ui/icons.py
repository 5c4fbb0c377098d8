"""The app's icons: SVG files in resources/icons, drawn at whatever scale the screen asks (High-DPI)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from matchdesk.resources import resource

_cache: dict[str, QIcon] = {}


def icon(name: str) -> QIcon:
    """The icon resources/icons/NAME.svg (Qt's SVG icon engine renders it sharp at any pixel ratio)."""
    if name not in _cache:
        path = resource("icons", f"{name}.svg")
        if not path.is_file():
            raise KeyError(f"geen pictogram {name!r}")
        _cache[name] = QIcon(str(path))
    return _cache[name]


__all__ = ["icon"]
