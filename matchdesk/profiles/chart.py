"""The small language chart: one bar per Dutch language skill on the A0..C2 scale.

Drawn with reportlab graphics shapes (cheap: no chart engine per profile). Rows line up with the
levels table next to it: the first row holds the scale, then one row per skill. A vacancy's minimum
shows as a dark tick; an unknown level as a dashed outline with "?".
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from matchdesk.domain import CefrLevel
from matchdesk.profiles.fonts import REGULAR

SCALE = [level.value for level in CefrLevel]
BAR = colors.HexColor("#2f6f9f")
SHORT = colors.HexColor("#c0504d")
TRACK = colors.HexColor("#e8edf2")
REQUIRED = colors.HexColor("#1a1a1a")


def language_chart(levels: list[tuple[str, str | None]], required: dict[str, str] | None = None, *,
                   width: float = 170, row: float = 14) -> Drawing:
    required = required or {}
    height = row * (len(levels) + 1)
    drawing = Drawing(width, height)
    step = width / len(SCALE)
    top = height - row
    for i, name in enumerate(SCALE):
        drawing.add(String(step * i + step / 2, top + 4, name, fontName=REGULAR, fontSize=6.5,
                           fillColor=colors.HexColor("#555555"), textAnchor="middle"))
    for index, (label, level) in enumerate(levels):
        y = top - row * (index + 1) + 3
        bar_h = row - 6
        drawing.add(Rect(0, y, width, bar_h, fillColor=TRACK, strokeColor=None))
        need = required.get(label)
        if level is None:
            drawing.add(Rect(0, y, width, bar_h, fillColor=None, strokeColor=colors.grey, strokeWidth=0.5,
                             strokeDashArray=[2, 2]))
            drawing.add(String(4, y + 1.5, "?", fontName=REGULAR, fontSize=7, fillColor=colors.grey))
        else:
            rank = SCALE.index(level)
            short = need is not None and rank < SCALE.index(need)
            drawing.add(Rect(0, y, step * (rank + 1), bar_h, fillColor=SHORT if short else BAR, strokeColor=None))
        if need is not None:
            x = step * (SCALE.index(need) + 1)
            drawing.add(Line(x, y - 2, x, y + bar_h + 2, strokeColor=REQUIRED, strokeWidth=1.4))
    return drawing
