"""Daftar peserta: the collective list for the village head's signature and for the district."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from desktop_app.documents.layout import (
    CENTER,
    MARGIN,
    PAGE,
    TITLE,
    OnDraw,
    escape,
    numbered_canvas,
    table,
    widths_to_fit,
)
from desktop_app.documents.letters import signature_block
from desktop_app.documents.models import Letterhead, Participant
from desktop_app.domain.formatting import rupiah, short_date, thousands

HEADER = (
    "No",
    "Nama",
    "NIK",
    "Tgl lahir",
    "L/P",
    "Dusun",
    "Pekerjaan",
    "No. KPJ",
    "Program",
    "Iuran/bulan",
    "Iuran setahun",
)
# Proportions; the table is scaled to the frame. NIK, KPJ number and money stay on one line.
COLUMN_WEIGHTS = (8, 44, 31, 19, 8, 26, 32, 25, 21, 22, 25)
TAIL_ROWS = 4  # three workers and the total go with the signature when it would stand alone


def write_register(
    participants: Sequence[Participant], head: Letterhead, year: int, issued, path: Path
) -> None:
    size = landscape(PAGE)
    widths = widths_to_fit(COLUMN_WEIGHTS, size[0] - 2 * MARGIN)
    title = f"Daftar peserta Satu Desa {head.village_name} {year}"

    def document(target) -> SimpleDocTemplate:
        return SimpleDocTemplate(
            target,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=14 * mm,
            bottomMargin=16 * mm,
            title=title,
        )

    rows = [
        (
            str(i),
            p.full_name,
            p.nik,
            short_date(p.birth_date),
            p.sex,
            p.dusun or "-",
            p.occupation,
            p.kpj_number or "-",
            "+".join(p.programs),
            rupiah(p.monthly_contribution),
            rupiah(p.total_contribution),
        )
        for i, p in enumerate(participants, start=1)
    ]
    total = sum(p.total_contribution for p in participants)
    rows.append(
        (
            "",
            f"Jumlah: {thousands(len(participants))} pekerja",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            rupiah(total),
        )
    )
    intro = [
        Paragraph(f"DAFTAR PESERTA PROGRAM SATU DESA, 100 PEKERJA RENTAN — TAHUN {year}", TITLE),
        Paragraph(
            f"{head.kind} {escape(head.village_name)}, Kecamatan {escape(head.kecamatan)}, "
            f"{escape(head.regency)} · iuran BPJS Ketenagakerjaan (BPU) dibayar dari "
            f"{head.budget_source}",
            CENTER,
        ),
        Spacer(1, 4 * mm),
    ]
    signature = [Spacer(1, 8 * mm), signature_block(head, issued, indent=170 * mm)]

    def build(target, tail: int) -> list[int]:
        """Lay the register out into `target`, the last `tail` rows kept with the signature;
        returns the pages on which the table ended and the signature stood."""
        pages: list[int] = []

        def mark() -> OnDraw:
            return OnDraw(lambda canvas: pages.append(canvas.getPageNumber()))

        body, closing = rows[: len(rows) - tail], rows[len(rows) - tail :]
        story = [*intro]
        if body:
            story += [table(HEADER, body, widths, right=(0, 9, 10)), mark()]
        kept = [table(HEADER, closing, widths, right=(0, 9, 10))] if closing else []
        story.append(KeepTogether([*kept, *signature, mark()]))
        document(target).build(story, canvasmaker=numbered_canvas(title))
        return pages

    # A signature on a page of its own could be stapled to any list: when the first layout
    # leaves it alone, the last rows move over to its page, under a repeated header.
    first = io.BytesIO()
    table_end, signed = build(first, 0)
    if signed == table_end:
        Path(path).write_bytes(first.getvalue())
    else:
        build(str(path), min(TAIL_ROWS, len(rows)))
