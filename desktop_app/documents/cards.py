"""Participant cards: ID-1 (85.6 × 54 mm), ten to an A4 sheet with cut marks, backs for duplex."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop_app.documents.fonts import CONDENSED, CONDENSED_BOLD, SANS_BOLD, register_fonts
from desktop_app.documents.layout import (
    LINE_SPACING,
    PAGE,
    draw_lines,
    draw_sample_mark,
    fit_font_size,
    fit_lines,
)
from desktop_app.documents.models import Card, Letterhead
from desktop_app.documents.qr import qr_mask
from desktop_app.domain.formatting import month_year

CARD_W, CARD_H = 85.6 * mm, 54 * mm
COLUMNS, ROWS = 2, 5
PER_SHEET = COLUMNS * ROWS
X0 = (PAGE[0] - COLUMNS * CARD_W) / 2
Y0 = (PAGE[1] - ROWS * CARD_H) / 2
PAD = 3 * mm
BAND = colors.HexColor("#0b6e4f")
QR_SIZE = 21 * mm
QR_GAP = 2 * mm  # light margin left of the code: more than the 4 modules readers want
LABEL_W = 15 * mm
BAND_H = 11 * mm  # the green band across the top of the front
ROW_GAP = 0.65 * mm  # between the rows of the front, on top of the line spacing


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


def _qr(c: Canvas, payload: str, x: float, y: float) -> None:
    """The QR code as a one-bit image mask, one sample per module, `QR_SIZE` square.

    An image mask (about 300 bytes) instead of a rectangle per run of dark modules keeps the
    page small and fast to write and to print; PDF viewers and printers scale it without
    smoothing, so the edges stay sharp. reportlab has no call for an inline image mask, hence
    the raw operators.
    """
    size, data = qr_mask(payload)
    # Black fill, the image scaled to the code's square, all inside q ... Q so the page's state
    # is untouched. /D [1 0]: a 1 bit paints (dark module); the first row is the top one.
    c._code.append(
        f"q 0 g {fp_str(QR_SIZE, 0, 0, QR_SIZE, x, y)} cm "
        f"BI /W {size} /H {size} /IM true /BPC 1 /D [1 0] /F /AHx ID {data.hex()}> EI Q"
    )


def _outline(c: Canvas, x: float, y: float) -> None:
    c.setStrokeColor(colors.HexColor("#9aa5a0"))
    c.setLineWidth(0.4)
    c.roundRect(x, y, CARD_W, CARD_H, 3 * mm, stroke=1, fill=0)


@dataclass(frozen=True, slots=True)
class FrontText:
    """Where a card's own words go, as lines and sizes that fit; heights are baselines
    measured from the card's bottom edge, so the same layout serves any slot."""

    name: list[str]
    name_size: float
    rows: tuple[tuple[str, list[str], float, float], ...]  # label, value lines, size, top

    @property
    def label_tops(self) -> tuple[float, ...]:
        return tuple(top for *_, top in self.rows)


LABELS = ("NIK", "Pekerjaan", "No. KPJ", "Berlaku")
LABEL_COLOR = colors.HexColor("#55605b")


def lay_out_front(card: Card) -> FrontText:
    p = card.participant
    # The name sits above the QR code, so it may use the card's whole width (two lines at
    # most); the rows below stay left of the code.
    name, name_size = fit_lines(p.full_name, SANS_BOLD, CARD_W - 2 * PAD, 11, 7.5)
    values = (
        p.nik,
        p.occupation,
        p.kpj_number or "menunggu BPJS",
        f"{month_year(p.coverage_start)} – {month_year(p.coverage_end)}",
    )
    value_w = CARD_W - 2 * PAD - QR_SIZE - QR_GAP - LABEL_W
    top = CARD_H - BAND_H - 5 * mm - len(name) * name_size * LINE_SPACING - 1 * mm
    rows = []
    for label, value in zip(LABELS, values, strict=True):
        lines, size = fit_lines(value, CONDENSED_BOLD, value_w, 8, 6.5)
        rows.append((label, lines, size, top))
        top -= len(lines) * size * LINE_SPACING + ROW_GAP
    return FrontText(name, name_size, tuple(rows))


def draw_front(c: Canvas, card: Card, x: float, y: float) -> None:
    text = lay_out_front(card)
    draw_front_frame(c, card.village_name, x, y)
    draw_front_labels(c, text.label_tops, x, y)
    draw_front_fields(c, card, text, x, y)


def draw_front_frame(c: Canvas, village_name: str, x: float, y: float) -> None:
    """What every front of the village shows: the band with its titles and the outline."""
    c.saveState()
    outline = c.beginPath()
    outline.roundRect(x, y, CARD_W, CARD_H, 3 * mm)
    c.clipPath(outline, stroke=0, fill=0)  # the band follows the rounded corners
    c.setFillColor(BAND)
    c.rect(x, y + CARD_H - BAND_H, CARD_W, BAND_H, stroke=0, fill=1)
    c.restoreState()
    _outline(c, x, y)
    c.setFillColor(colors.white)
    c.setFont(SANS_BOLD, 8.5)
    c.drawString(x + PAD, y + CARD_H - 5 * mm, "SATU DESA, 100 PEKERJA RENTAN")
    village = f"Kartu Peserta BPJS Ketenagakerjaan · {village_name}"
    c.setFont(CONDENSED, fit_font_size(village, CONDENSED, 7, CARD_W - 2 * PAD))
    c.drawString(x + PAD, y + CARD_H - 9 * mm, village)


def draw_front_labels(c: Canvas, tops: tuple[float, ...], x: float, y: float) -> None:
    """The labels of the rows, which many cards share (a form each way they fall)."""
    c.setFont(CONDENSED, 6.5)
    c.setFillColor(LABEL_COLOR)
    for label, top in zip(LABELS, tops, strict=True):
        c.drawString(x + PAD, y + top, label)


def draw_front_fields(c: Canvas, card: Card, text: FrontText, x: float, y: float) -> None:
    """What is the worker's own: name, NIK, occupation, KPJ number, cover and the QR code."""
    c.setFillColor(colors.black)
    name_top = y + CARD_H - BAND_H - 5 * mm
    draw_lines(c, text.name, SANS_BOLD, text.name_size, x + PAD, name_top)
    for _label, lines, size, top in text.rows:
        draw_lines(c, lines, CONDENSED_BOLD, size, x + PAD + LABEL_W, y + top)
    _qr(c, card.qr_payload, x + CARD_W - PAD - QR_SIZE, y + PAD)


def draw_back(c: Canvas, head: Letterhead, x: float, y: float) -> None:
    """The back is the same on every card of the village: what to do after an accident."""
    _outline(c, x, y)
    c.setFillColor(BAND)
    c.setFont(SANS_BOLD, 8)
    c.drawString(x + PAD, y + CARD_H - 6 * mm, "BILA TERJADI KECELAKAAN KERJA")
    c.setFillColor(colors.black)
    steps = [
        "1. Segera ke puskesmas atau rumah sakit terdekat; tunjukkan kartu ini.",
        f"2. Laporkan ke Kantor {head.kind} {head.village_name} paling lambat 2 × 24 jam.",
        "3. Simpan kuitansi dan surat keterangan dokter untuk klaim.",
        "4. Bila peserta meninggal dunia, ahli waris melapor ke kantor desa.",
    ]
    top = y + CARD_H - 11 * mm
    width = CARD_W - 2 * PAD
    for step in steps:
        lines, size = fit_lines(step, CONDENSED, width, 7.2, 6.2)
        top = draw_lines(c, lines, CONDENSED, size, x + PAD, top) - 0.6 * mm
    # The foot is laid out from the bottom edge up, so a long contact line pushes upwards.
    found = f"Bila menemukan kartu ini, kembalikan ke Kantor {head.kind} {head.village_name}."
    lines, size = fit_lines(found, CONDENSED, width, 6.5, 5.5)
    bottom = y + PAD + (len(lines) - 1) * size * LINE_SPACING
    draw_lines(c, lines, CONDENSED, size, x + PAD, bottom)
    if head.contact:
        contact = f"Kantor desa: {head.contact}"
        lines, size = fit_lines(contact, CONDENSED_BOLD, width, 7.2, 6)
        bottom += 1 * mm + len(lines) * size * LINE_SPACING
        draw_lines(c, lines, CONDENSED_BOLD, size, x + PAD, bottom)


def _form(c: Canvas, name: str, draw: Callable[[], None], width: float, height: float) -> str:
    """Draw once into a form XObject that pages then show by name (a few bytes each time)."""
    margin = 1 * mm  # the outline's stroke reaches past the card's edge
    c.beginForm(name, -margin, -margin, width + margin, height + margin)
    draw()
    c.endForm()
    return name


def _show(c: Canvas, form: str, x: float, y: float) -> None:
    """Show a card-sized form with its lower-left corner at (x, y)."""
    c._code.append(f"q 1 0 0 1 {fp_str(x, y)} cm")
    c.doForm(form)
    c._code.append("Q")


def write_cards(
    cards: Sequence[Card],
    head: Letterhead,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Fronts and backs alternate sheet by sheet, so a duplex printer lines them up.

    What cards share (the front's band and titles, the labels of its rows wherever they fall,
    the whole back, the cut marks) is drawn once as a form; each card adds its own words and
    QR code.
    """
    register_fonts()
    c = Canvas(str(path), pagesize=PAGE)
    c.setTitle("Kartu peserta Satu Desa")
    cut_marks = _form(c, "CutMarks", lambda: _cut_marks(c), *PAGE)
    back = _form(c, "Back", lambda: draw_back(c, head, 0, 0), CARD_W, CARD_H)
    fronts: dict[str, str] = {}
    for village in dict.fromkeys(card.village_name for card in cards):
        draw = functools.partial(draw_front_frame, c, village, 0, 0)
        fronts[village] = _form(c, f"Front{len(fronts)}", draw, CARD_W, CARD_H)
    texts = [lay_out_front(card) for card in cards]
    labels: dict[tuple[float, ...], str] = {}
    for tops in dict.fromkeys(text.label_tops for text in texts):
        draw = functools.partial(draw_front_labels, c, tops, 0, 0)
        labels[tops] = _form(c, f"Labels{len(labels)}", draw, CARD_W, CARD_H)
    for start in range(0, len(cards), PER_SHEET):
        sheet = cards[start : start + PER_SHEET]
        for side in ("front", "back"):
            c.doForm(cut_marks)
            for slot, card in enumerate(sheet):
                x, y = card_origin(slot, back=side == "back")
                if side == "front":
                    text = texts[start + slot]
                    _show(c, fronts[card.village_name], x, y)
                    _show(c, labels[text.label_tops], x, y)
                    draw_front_fields(c, card, text, x, y)
                else:
                    _show(c, back, x, y)
                if head.sample:  # not a form: reportlab gives forms no transparency
                    draw_sample_mark(c, x, y, CARD_W, CARD_H)
            c.showPage()
        if progress:
            progress(start + len(sheet), len(cards))
    c.save()
