"""Shared page furniture: styles, tables with repeated headers, "Halaman 1 dari 4" footers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from desktop_app.documents.fonts import CONDENSED, CONDENSED_BOLD, SANS, SANS_BOLD, register_fonts

register_fonts()

PAGE = A4
MARGIN = 18 * mm
BODY = ParagraphStyle("body", fontName=SANS, fontSize=10, leading=13.5)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11, alignment=1)
CENTER = ParagraphStyle("center", parent=BODY, alignment=1)
CELL = ParagraphStyle("cell", fontName=CONDENSED, fontSize=8.5, leading=10.5)
CELL_BOLD = ParagraphStyle("cell_bold", parent=CELL, fontName=CONDENSED_BOLD)
TITLE = ParagraphStyle("title", fontName=SANS_BOLD, fontSize=13, leading=17, alignment=1)
HEADING = ParagraphStyle(
    "heading", fontName=SANS_BOLD, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3
)


def a4_document(path, title: str, **margins: float) -> SimpleDocTemplate:
    """An A4 portrait document with the house margins (override any by keyword)."""
    options = {
        "leftMargin": MARGIN,
        "rightMargin": MARGIN,
        "topMargin": 14 * mm,
        "bottomMargin": 14 * mm,
        **margins,
    }
    return SimpleDocTemplate(str(path), pagesize=PAGE, title=title, **options)


def escape(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    right: Sequence[int] = (),
) -> Table:
    """A table whose cells wrap (nothing is clipped) and whose header repeats on every page."""

    def cell(value: Any, style: ParagraphStyle, col: int) -> Paragraph:
        aligned = (
            ParagraphStyle(f"{style.name}_r", parent=style, alignment=2) if col in right else style
        )
        return Paragraph(escape(value), aligned)

    data = [[cell(h, CELL_BOLD, i) for i, h in enumerate(header)]]
    data += [[cell(v, CELL, i) for i, v in enumerate(row)] for row in rows]
    t = Table(data, colWidths=list(widths), repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def numbered_canvas(footer: str) -> type[Canvas]:
    """A canvas class that writes `footer` and "Halaman N dari M" on every page.

    Pages are kept until the end so the total is known (reportlab's usual recipe).
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's naming)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(SANS, 8)
                self.drawString(MARGIN, 10 * mm, footer)
                self.drawRightString(
                    self._pagesize[0] - MARGIN, 10 * mm, f"Halaman {self._pageNumber} dari {total}"
                )
                super().showPage()
            super().save()

    return NumberedCanvas


def fit_font_size(text: str, font: str, size: float, width: float, smallest: float = 5) -> float:
    """The largest size up to `size` at which `text` fits `width` on one line."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.25
    return size
