"""Participant cards: ID-1 (85.6 × 54 mm), ten to an A4 sheet with cut marks, backs for duplex."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import segno
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop_app.documents.fonts import CONDENSED, CONDENSED_BOLD, SANS_BOLD, register_fonts
from desktop_app.documents.layout import PAGE, fit_font_size
from desktop_app.documents.models import Card, Letterhead
from desktop_app.domain.formatting import month_year

CARD_W, CARD_H = 85.6 * mm, 54 * mm
COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS
X0 = (PAGE[0] - COLUMNS * CARD_W) / 2
Y0 = (PAGE[1] - ROWS * CARD_H) / 2
PAD = 3 * mm
BAND = colors.HexColor("#0b6e4f")
QR_SIZE = 21 * mm


def card_origin(slot: int, back: bool = False) -> tuple[float, float]:
    """Lower-left corner of a slot; backs are mirrored left-right for long-edge duplex."""
    row, col = divmod(slot, COLUMNS)
    if back:
        col = COLUMNS - 1 - col
    return X0 + col * CARD_W, PAGE[1] - Y0 - (row + 1) * CARD_H


def _cut_marks(c: Canvas) -> None:
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.3)
    length = 4 * mm
    xs = [X0 + i * CARD_W for i in range(COLUMNS + 1)]
    ys = [Y0 + i * CARD_H for i in range(ROWS + 1)]
    for x in xs:
        c.line(x, PAGE[1] - Y0 + 1 * mm, x, PAGE[1] - Y0 + 1 * mm + length)
        c.line(x, Y0 - 1 * mm, x, Y0 - 1 * mm - length)
    for y in ys:
        c.line(X0 - 1 * mm, y, X0 - 1 * mm - length, y)
        c.line(PAGE[0] - X0 + 1 * mm, y, PAGE[0] - X0 + 1 * mm + length, y)


def _text_lines(
    text: str, font: str, size: float, width: float, smallest: float
) -> tuple[list[str], float]:
    """One line shrunk to fit, or two lines when even the smallest size is too wide."""
    fitted = fit_font_size(text, font, size, width, smallest)
    if stringWidth(text, font, fitted) <= width:
        return [text], fitted
    words = text.split()
    best = ([text], smallest)
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        widest = max(lines, key=lambda line: stringWidth(line, font, size))
        fitted = fit_font_size(widest, font, size, width, 5)
        if fitted > best[1] or best[0] == [text]:
            best = (lines, fitted)
    return best


def _qr(c: Canvas, payload: str, x: float, y: float) -> None:
    """The QR code as one filled path, a rectangle per run of dark modules.

    segno encodes it; the mask is fixed because choosing the best of eight masks is a
    readability nicety that costs 5 ms a card, and any mask is valid for every reader.
    """
    matrix = segno.make_qr(payload, error="m", mask=2).matrix
    module = QR_SIZE / len(matrix)
    path = c.beginPath()
    for r, row in enumerate(matrix):
        top = y + QR_SIZE - (r + 1) * module
        col = 0
        while col < len(row):
            if row[col]:
                start = col
                while col < len(row) and row[col]:
                    col += 1
                path.rect(x + start * module, top, (col - start) * module, module)
            col += 1
    c.setFillColor(colors.black)
    c.drawPath(path, stroke=0, fill=1)


def _outline(c: Canvas, x: float, y: float) -> None:
    c.setStrokeColor(colors.HexColor("#9aa5a0"))
    c.setLineWidth(0.4)
    c.roundRect(x, y, CARD_W, CARD_H, 3 * mm, stroke=1, fill=0)


def draw_front(c: Canvas, card: Card, x: float, y: float) -> None:
    p = card.participant
    band = 11 * mm
    c.saveState()
    outline = c.beginPath()
    outline.roundRect(x, y, CARD_W, CARD_H, 3 * mm)
    c.clipPath(outline, stroke=0, fill=0)  # the band follows the rounded corners
    c.setFillColor(BAND)
    c.rect(x, y + CARD_H - band, CARD_W, band, stroke=0, fill=1)
    c.restoreState()
    _outline(c, x, y)
    c.setFillColor(colors.white)
    c.setFont(SANS_BOLD, 8.5)
    c.drawString(x + PAD, y + CARD_H - 5 * mm, "SATU DESA, 100 PEKERJA RENTAN")
    village = f"Kartu Peserta BPJS Ketenagakerjaan · Desa {card.village_name}"
    c.setFont(CONDENSED, fit_font_size(village, CONDENSED, 7, CARD_W - 2 * PAD))
    c.drawString(x + PAD, y + CARD_H - 9 * mm, village)

    text_w = CARD_W - 2 * PAD - QR_SIZE - 2 * mm
    c.setFillColor(colors.black)
    lines, size = _text_lines(p.full_name, SANS_BOLD, 11, text_w, 7.5)
    top = y + CARD_H - band - 5 * mm
    for line in lines:
        c.setFont(SANS_BOLD, size)
        c.drawString(x + PAD, top, line)
        top -= size * 1.15
    rows = [
        ("NIK", p.nik),
        ("Pekerjaan", p.occupation),
        ("No. KPJ", p.kpj_number or "menunggu BPJS"),
        ("Berlaku", f"{month_year(p.coverage_start)} – {month_year(p.coverage_end)}"),
    ]
    top -= 1.5 * mm
    for label, value in rows:
        c.setFont(CONDENSED, 6.5)
        c.setFillColor(colors.HexColor("#55605b"))
        c.drawString(x + PAD, top, label)
        c.setFillColor(colors.black)
        c.setFont(CONDENSED_BOLD, fit_font_size(value, CONDENSED_BOLD, 8, text_w - 15 * mm))
        c.drawString(x + PAD + 15 * mm, top, value)
        top -= 3.9 * mm
    _qr(c, card.qr_payload, x + CARD_W - PAD - QR_SIZE, y + PAD)


def draw_back(c: Canvas, card: Card, head: Letterhead, x: float, y: float) -> None:
    _outline(c, x, y)
    c.setFillColor(BAND)
    c.setFont(SANS_BOLD, 8)
    c.drawString(x + PAD, y + CARD_H - 6 * mm, "BILA TERJADI KECELAKAAN KERJA")
    c.setFillColor(colors.black)
    steps = [
        "1. Segera ke puskesmas atau rumah sakit terdekat; tunjukkan kartu ini.",
        f"2. Laporkan ke Kantor Desa {head.village_name} paling lambat 2 × 24 jam.",
        "3. Simpan kuitansi dan surat keterangan dokter untuk klaim.",
        "4. Bila peserta meninggal dunia, ahli waris melapor ke kantor desa.",
    ]
    top = y + CARD_H - 11 * mm
    width = CARD_W - 2 * PAD
    for step in steps:
        lines, size = _text_lines(step, CONDENSED, 7.2, width, 6.2)
        for line in lines:
            c.setFont(CONDENSED, size)
            c.drawString(x + PAD, top, line)
            top -= size * 1.2
        top -= 0.6 * mm
    contact = f"Kantor desa: {head.contact}"
    c.setFont(CONDENSED_BOLD, fit_font_size(contact, CONDENSED_BOLD, 7.2, width))
    c.drawString(x + PAD, y + 8 * mm, contact)
    found = f"Bila menemukan kartu ini, kembalikan ke Kantor Desa {head.village_name}."
    c.setFont(CONDENSED, fit_font_size(found, CONDENSED, 6.5, width))
    c.drawString(x + PAD, y + 4 * mm, found)


def write_cards(
    cards: Sequence[Card],
    head: Letterhead,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Fronts and backs alternate sheet by sheet, so a duplex printer lines them up."""
    register_fonts()
    c = Canvas(str(path), pagesize=PAGE)
    c.setTitle("Kartu peserta Satu Desa")
    for start in range(0, len(cards), PER_SHEET):
        sheet = cards[start : start + PER_SHEET]
        for side in ("front", "back"):
            _cut_marks(c)
            for slot, card in enumerate(sheet):
                x, y = card_origin(slot, back=side == "back")
                if side == "front":
                    draw_front(c, card, x, y)
                else:
                    draw_back(c, card, head, x, y)
            c.showPage()
        if progress:
            progress(start + len(sheet), len(cards))
    c.save()
