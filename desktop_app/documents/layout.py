"""Shared page furniture: styles, tables with repeated headers, "Halaman 1 dari 4" footers."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from desktop_app.documents.fonts import CONDENSED, CONDENSED_BOLD, SANS, SANS_BOLD, register_fonts

register_fonts()

PAGE = A4
MARGIN = 18 * mm
LINE_SPACING = 1.15  # leading as a multiple of the font size, for text drawn line by line
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


SAMPLE_MARK = "CONTOH"


def draw_sample_mark(c: Canvas, x: float, y: float, width: float, height: float) -> None:
    """A pale diagonal CONTOH across the box: a demo village's documents are not real ones."""
    size = min(width, height) / 4.2
    c.saveState()
    c.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.22))
    c.setFont(SANS_BOLD, size)
    c.translate(x + width / 2, y + height / 2)
    c.rotate(math.degrees(math.atan2(height, width)))
    c.drawCentredString(0, -size / 3, SAMPLE_MARK)
    c.restoreState()


class OnDraw(Flowable):
    """An invisible flowable that calls `callback(canvas)` when its page is laid out.

    For progress while reportlab lays pages out (the slow part, so the place to report and
    to cancel, by raising from the callback), and to learn which page something landed on.
    """

    def __init__(self, callback: Callable[[Canvas], None]):
        super().__init__()
        self._callback = callback

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self._callback(self.canv)


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

        def showPage(self) -> None:
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


def fit_font_size(text: str, font: str, size: float, width: float) -> float:
    """The largest size up to `size` at which `text` fits `width` on one line.

    There is no floor: a line that must stay whole gets smaller rather than cut off.
    Widths grow linearly with the size, so the answer is computed, not searched for.
    """
    natural = stringWidth(text, font, size)
    if natural <= width:
        return size
    exact = size * width / natural
    return math.floor(exact * 10) / 10 or exact  # tenths of a point, rounded down


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word wider than a whole line is broken between characters.

    Each word and each character is measured once, so the time grows linearly with the text
    (measuring every growing line and every shorter cut again made long names take minutes).
    """
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    line, line_width = "", 0.0
    for word in text.split():
        word_width = stringWidth(word, font, size)
        if line and line_width + space + word_width <= width:
            line, line_width = f"{line} {word}", line_width + space + word_width
            continue
        if line:
            lines.append(line)
        if word_width > width and len(word) > 1:
            *whole, word = _break_word(word, font, size, width)
            lines.extend(whole)
            word_width = stringWidth(word, font, size)
        line, line_width = word, word_width
    if line:
        lines.append(line)
    return lines or [""]


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Pieces of `word` each as wide as fits `width` (at least one character each)."""
    pieces, start, used = [], 0, 0.0
    for i, ch in enumerate(word):
        w = stringWidth(ch, font, size)
        if i > start and used + w > width:
            pieces.append(word[start:i])
            start, used = i, 0.0
        used += w
    pieces.append(word[start:])
    return pieces


def fit_lines(
    text: str, font: str, width: float, size: float, smallest: float, max_lines: int = 2
) -> tuple[list[str], float]:
    """Lines and a font size at which `text` fits a box `width` wide and `max_lines` high.

    In order of preference: one line shrunk down to `smallest`; wrapped into more lines at
    the largest size from `size` down to `smallest`; and when even that fails (a very long
    word), whatever smaller size fits — never a cut-off line.
    """
    one_line = fit_font_size(text, font, size, width)
    if one_line >= smallest or max_lines == 1:
        return [text], one_line
    step = 0.5
    current = size
    while current > one_line:
        lines = wrap_words(text, font, current, width)
        if len(lines) <= max_lines:
            return lines, current
        current -= step if current > smallest else step / 2
    return [text], one_line


def draw_lines(
    c: Canvas, lines: Sequence[str], font: str, size: float, x: float, top: float
) -> float:
    """Draw lines from baseline `top` downwards; returns the baseline below the last line."""
    c.setFont(font, size)
    for line in lines:
        c.drawString(x, top, line)
        top -= size * LINE_SPACING
    return top


def widths_to_fit(weights: Sequence[float], total: float) -> list[float]:
    """Column widths in the proportions of `weights` that add up to exactly `total`."""
    scale = total / sum(weights)
    return [w * scale for w in weights]
