"""The renewal list: workers whose cover for the coming month is not paid yet, to print."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from desktop_app.documents.layout import CENTER, TITLE, a4_document, numbered_canvas, table
from desktop_app.documents.models import Letterhead
from desktop_app.domain.formatting import month_year, short_date, tanggal

# No NIK: the list is for phoning and visiting people, and paper travels.
HEADER = ("No", "Nama", "Dusun", "HP", "Pekerjaan", "Dibayar sampai")
WIDTHS_MM = (9, 52, 30, 32, 28, 23)


def write_renewals(
    rows: Sequence[tuple[str, str, str, str, dt.date | None]],
    head: Letterhead,
    month: dt.date,
    issued: dt.date,
    path: Path,
) -> None:
    """`rows`: (name, dusun, phone, occupation, last day paid) per worker."""
    title = f"Daftar perpanjangan {head.village_name} {month_year(month)}"
    doc = a4_document(path, title, bottomMargin=18 * mm)
    lines = [
        (i, name, dusun or "-", phone or "-", job, short_date(paid) if paid else "-")
        for i, (name, dusun, phone, job, paid) in enumerate(rows, start=1)
    ]
    story = [
        Paragraph(f"DAFTAR PERPANJANGAN KEPESERTAAN — {month_year(month).upper()}", TITLE),
        Paragraph(
            f"{head.kind} {head.village_name}: {len(rows)} pekerja yang iuran bulan "
            f"{month_year(month)} belum dibayar (keadaan {tanggal(issued)}). Iuran yang "
            "terlambat lebih dari tiga bulan mengakhiri kepesertaan.",
            CENTER,
        ),
        Spacer(1, 4 * mm),
        table(HEADER, lines, [w * mm for w in WIDTHS_MM], right=(0,)),
    ]
    doc.build(story, canvasmaker=numbered_canvas(title))
