"""packaging/matchdesk.ico (the Windows programs' and the MSI's icon) from resources/icons/matchdesk.svg.

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py

Run by hand when the SVG changes (the .ico is kept in the repository: the Windows build needs no Qt drawing).
Qt renders the SVG at 256 px; Pillow (installed with reportlab) writes the sizes Windows asks for into one .ico.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "matchdesk" / "resources" / "icons" / "matchdesk.svg"
ICO = ROOT / "packaging" / "matchdesk.ico"
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def main() -> None:
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QPainter needs the application
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    Image.open(io.BytesIO(bytes(buffer.data()))).save(ICO, sizes=SIZES)
    print(f"{ICO}: {ICO.stat().st_size} bytes")


if __name__ == "__main__":
    main()
