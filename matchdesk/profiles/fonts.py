"""The embedded open font (DejaVu Sans, see resources/fonts/LICENSE-DejaVu.txt), registered once.

Wide Latin coverage: é, ö, ç, ğ, ş, ı and the rest print as they are; reportlab embeds a subset.
"""

from __future__ import annotations

import io
import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from matchdesk.resources import resource

REGULAR = "MatchDeskSans"
BOLD = "MatchDeskSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_lock = threading.Lock()
_done = False


def register_fonts() -> None:
    """Idempotent and thread-safe (the Qt client renders off the GUI thread)."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        for name, file_name in _FILES.items():
            data = resource("fonts", file_name).read_bytes()
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
            addMapping(REGULAR, bold, italic, name)
        _done = True
