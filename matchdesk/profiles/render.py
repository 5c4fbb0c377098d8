"""Drawing profiles and shortlists as A4 PDFs with reportlab platypus.

Every page: the organisation's name and the document kind in the header; "Vertrouwelijk", the print
date and "pagina x van y" in the footer (one pass: the canvas keeps its pages until it knows y).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import (
    Table as RLTable,
)

from matchdesk.dates import format_nl, format_nl_long
from matchdesk.profiles.chart import language_chart
from matchdesk.profiles.common import level_text
from matchdesk.profiles.fonts import BOLD, REGULAR, register_fonts
from matchdesk.profiles.model import (
    ANONYMOUS,
    Fields,
    Languages,
    MatchBlock,
    PdfInfo,
    ProfileDocument,
    ShortlistDocument,
    Skills,
    Table,
    Text,
)

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
FRAME_W = PAGE_W - 2 * MARGIN
ACCENT = colors.HexColor("#1f4e79")
LINE = colors.HexColor("#b7c4d1")
LABEL = colors.HexColor("#555555")
SHADE = colors.HexColor("#eef2f6")
PAD = 4


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=10),
        "label": ParagraphStyle("label", base, fontSize=8.5, textColor=LABEL),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "head": ParagraphStyle("head", base, fontName=BOLD, fontSize=8, leading=10, textColor=colors.white),
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=17, leading=21, textColor=ACCENT),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=9.5, textColor=LABEL, spaceAfter=4),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, fontSize=11, leading=14, textColor=ACCENT, spaceBefore=8,
                             spaceAfter=4),
        "sector": ParagraphStyle("sector", base, fontName=BOLD, fontSize=8, leading=10),
        "empty": ParagraphStyle("empty", base, textColor=LABEL),
        "bullet": ParagraphStyle("bullet", base, leftIndent=10, bulletIndent=2),
        "score": ParagraphStyle("score", base, fontName=BOLD, fontSize=10, alignment=TA_RIGHT, textColor=ACCENT),
        "cover": ParagraphStyle("cover", base, fontName=BOLD, fontSize=24, leading=30, textColor=ACCENT),
    }


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), _styles()[style])


# ----------------------------------------------------------------------------------------------- pages

def _canvas_class(organisation: str, kind: str, printed_on: dt.date):
    footer = f"Vertrouwelijk  ·  afgedrukt op {format_nl(printed_on)}"

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                canvas.Canvas.showPage(self)
            canvas.Canvas.save(self)

        def _decorate(self, number: int, total: int) -> None:
            self.saveState()
            self.setStrokeColor(LINE)
            self.setLineWidth(0.6)
            top = PAGE_H - MARGIN + 4 * mm
            self.setFont(BOLD, 9)
            self.setFillColor(ACCENT)
            self.drawString(MARGIN, top + 2, organisation)
            self.setFont(REGULAR, 8)
            self.setFillColor(LABEL)
            self.drawRightString(PAGE_W - MARGIN, top + 2, kind)
            self.line(MARGIN, top - 2, PAGE_W - MARGIN, top - 2)
            bottom = MARGIN - 8 * mm
            self.line(MARGIN, bottom + 10, PAGE_W - MARGIN, bottom + 10)
            self.drawString(MARGIN, bottom, footer)
            self.drawRightString(PAGE_W - MARGIN, bottom, f"pagina {number} van {total}")
            self.restoreState()

    return NumberedCanvas


def _build(story: list, info: PdfInfo, organisation: str, kind: str, printed_on: dt.date) -> bytes:
    _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 4 * mm,
                            bottomMargin=MARGIN, title=info.title, author=info.author, subject=info.subject,
                            keywords=info.keywords, creator="MatchDesk", producer="MatchDesk (reportlab)",
                            lang="nl-NL")
    doc.build(story, canvasmaker=_canvas_class(organisation, kind, printed_on))
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------- blocks

def _cell(text: str, width: float, style: str = "cell"):
    """A plain string when it fits on one line (much cheaper to lay out), else a wrapping Paragraph."""
    st = _styles()[style]
    text = str(text)
    if "\n" not in text and stringWidth(text, st.fontName, st.fontSize) <= width - 2 * PAD - 1:
        return text
    return _p(text, style)


def _grid(rows: list[list], widths: list[float], *, header: bool = True, extra: list | None = None,
          label_column: bool = False) -> RLTable:
    table = RLTable(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8, 10),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("FONT", (0, 0), (-1, 0), BOLD, 8, 10),
                  ("TEXTCOLOR", (0, 0), (-1, 0), colors.white)]
    if label_column:
        style += [("FONT", (0, 0), (0, -1), REGULAR, 9, 12), ("TEXTCOLOR", (0, 0), (0, -1), LABEL),
                  ("FONT", (1, 0), (-1, -1), REGULAR, 9, 12)]
    table.setStyle(TableStyle(style + (extra or [])))
    return table


def _pairs(rows, width: float = FRAME_W) -> RLTable:
    widths = [48 * mm, width - 48 * mm]
    return _grid([[label, _cell(value, widths[1], "body")] for label, value in rows], widths, header=False,
                 label_column=True)


def _fields(block: Fields) -> list:
    return [_p(block.title, "h2"), _pairs(block.rows)]


def _skills(block: Skills) -> list:
    head = ["Vaardigheid", "Niveau"] + (["Bron"] if block.show_source else [])
    widths = [FRAME_W - 60 * mm, 28 * mm, 32 * mm] if block.show_source else [FRAME_W - 28 * mm, 28 * mm]
    if not any(g.skills for g in block.groups):
        return [_p(block.title, "h2"), _p("Geen vaardigheden vastgelegd.", "empty")]
    rows: list[list] = [head]
    extra = []
    for group in block.groups:
        n = len(rows)
        extra += [("SPAN", (0, n), (-1, n)), ("BACKGROUND", (0, n), (-1, n), SHADE),
                  ("FONT", (0, n), (-1, n), BOLD, 8, 10)]
        rows.append([group.sector] + [""] * (len(head) - 1))
        for skill in group.skills:
            cells = [_cell(skill.label, widths[0]), skill.level or "-"]
            if block.show_source:
                cells.append(skill.source or "-")
            rows.append(cells)
    return [_p(block.title, "h2"), _grid(rows, widths, extra=extra)]


def _languages(block: Languages) -> list:
    required = dict(block.required)
    head = ["Vaardigheid", "Niveau"] + (["Vereist"] if required else [])
    rows = [head]
    for label, level in block.levels:
        rows.append([label, level_text(level)] + ([required.get(label, "-")] if required else []))
    row_h = 15
    widths = [34 * mm, 24 * mm] + ([18 * mm] if required else [])
    table = RLTable(rows, colWidths=widths, rowHeights=[row_h] * len(rows), hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), REGULAR, 8, 10), ("FONT", (0, 0), (-1, 0), BOLD, 8, 10),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE), ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]))
    chart_w = FRAME_W - sum(widths) - 12 * mm
    chart = language_chart(list(block.levels), required, width=min(chart_w, 90 * mm), row=row_h)
    side = RLTable([[table, chart]], colWidths=[sum(widths) + 8 * mm, None], hAlign="LEFT")
    side.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    parts = [_p(block.title, "h2"), side]
    if required:
        parts.append(_p("Balk: niveau van de kandidaat (rood: onder het vereiste niveau); streep: vereist niveau.",
                        "small"))
    if block.rows:
        parts += [Spacer(1, 3), _pairs(block.rows)]
    return parts


def _table(block: Table) -> list:
    if not block.rows:
        return [_p(block.title, "h2"), _p(block.empty, "empty")]
    scale = FRAME_W / sum(block.widths)
    widths = [w * scale for w in block.widths]
    rows = [[_cell(h, w, "head") for h, w in zip(block.header, widths, strict=False)]]
    rows += [[_cell(cell, w) for cell, w in zip(row, widths, strict=False)] for row in block.rows]
    return [_p(block.title, "h2"), _grid(rows, widths)]


def _text(block: Text) -> list:
    parts = [_p(block.title, "h2")]
    parts += [_p(p) for p in block.paragraphs] or [_p(block.empty, "empty")]
    return parts


def _match(block: MatchBlock) -> list:
    score = f"score {block.score} van 100" if block.score is not None else "score niet berekend"
    head = RLTable([[_p(f"Vacature: {block.vacancy}"), _p(score, "score")]],
                   colWidths=[FRAME_W - 45 * mm, 45 * mm], hAlign="LEFT")
    head.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    parts = [_p(block.title, "h2"), head]
    if block.sentences:
        parts += [Paragraph(escape(s), _styles()["bullet"], bulletText="•") for s in block.sentences]
    else:
        parts.append(_p("Nog geen uitleg van de matching beschikbaar.", "empty"))
    return parts


_RENDERERS: dict[type, Callable[[Any], list]] = {
    Fields: _fields, Skills: _skills, Languages: _languages, Table: _table, Text: _text, MatchBlock: _match}


def profile_story(document: ProfileDocument) -> list:
    story = [_p(document.heading, "title"), _p(document.subheading, "subtitle")]
    for block in document.blocks:
        parts = _RENDERERS[type(block)](block)
        # keep a section's title with its first lines; long tables and texts still split over pages
        story.append(CondPageBreak(25 * mm))
        story.extend(parts)
    return story


def _kind(document: ProfileDocument) -> str:
    return "Kandidaatprofiel · geanonimiseerd" if document.variant == ANONYMOUS else "Kandidaatprofiel · intern"


# ------------------------------------------------------------------------------------------ public

def render_profile(document: ProfileDocument, printed_on: dt.date, organisation: str) -> bytes:
    """One profile as PDF bytes. Pure: safe to call off the GUI thread."""
    return _build(profile_story(document), document.info, organisation, _kind(document), printed_on)


def render_shortlist(shortlist: ShortlistDocument) -> bytes:
    """A cover page (vacancy, employer, date, accountmanager, overview) and one anonymised profile per page."""
    v = shortlist.vacancy
    story: list = [Spacer(1, 20 * mm), _p("Shortlist", "cover"), Spacer(1, 4 * mm),
                   _p(f"{v.title}", "title"), Spacer(1, 6 * mm)]
    rows = [("Vacature", f"{v.title} ({v.reference})"), ("Werkgever", v.employer or "-"),
            ("Datum", format_nl_long(shortlist.printed_on)),
            ("Aantal kandidaten", str(len(shortlist.profiles)))]
    if shortlist.contact is not None:
        c = shortlist.contact
        rows += [("Accountmanager", c.name), ("E-mail", c.email or "-"), ("Telefoon", c.phone or "-")]
    story.append(_pairs(rows))
    story += [_p("Kandidaten", "h2")]
    overview = [["Volgorde", "Profielnummer", "Score"]]
    for index, profile in enumerate(shortlist.profiles, start=1):
        overview.append([str(index), profile.profile_number,
                         f"{profile.score} van 100" if profile.score is not None else "niet berekend"])
    story.append(_grid(overview, [25 * mm, 50 * mm, FRAME_W - 75 * mm]))
    story.append(Spacer(1, 6 * mm))
    story.append(_p("De profielen zijn geanonimiseerd: naam, adres, geboortedatum en andere persoonsgegevens "
                    "staan er niet in. Neem voor een kennismaking contact op met de accountmanager.", "small"))
    for profile in shortlist.profiles:
        story.append(PageBreak())
        story.extend(profile_story(profile))
    return _build(story, shortlist.info, shortlist.organisation, f"Shortlist {v.reference}", shortlist.printed_on)
