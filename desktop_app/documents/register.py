"""Daftar peserta: the collective list for the village head's signature and for the district."""

from __future__ import annotations

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
    escape,
    numbered_canvas,
    table,
    widths_to_fit,
)
from desktop_app.documents.letters import signature_block
from desktop_app.documents.models import Letterhead, Participant
from desktop_app.domain.formatting import rupiah, thousands

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
COLUMN_WEIGHTS = (8, 46, 31, 19, 8, 26, 32, 25, 21, 22, 23)


def write_register(
    participants: Sequence[Participant], head: Letterhead, year: int, issued, path: Path
) -> None:
    size = landscape(PAGE)
    widths = widths_to_fit(COLUMN_WEIGHTS, size[0] - 2 * MARGIN)
    title = f"Daftar peserta Satu Desa {head.village_name} {year}"
    doc = SimpleDocTemplate(
        str(path),
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=title,
    )
    rows = [
        (
            i,
            p.full_name,
            p.nik,
            p.birth_date.strftime("%d-%m-%Y"),
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
    story = [
        Paragraph(f"DAFTAR PESERTA PROGRAM SATU DESA, 100 PEKERJA RENTAN — TAHUN {year}", TITLE),
        Paragraph(
            f"Desa {escape(head.village_name)}, Kecamatan {escape(head.kecamatan)}, "
            f"{escape(head.regency)} · iuran BPJS Ketenagakerjaan (BPU) dibayar dari "
            "APBDes",
            CENTER,
        ),
        Spacer(1, 4 * mm),
        table(HEADER, rows, widths, right=(0, 9, 10)),
        Spacer(1, 8 * mm),
        KeepTogether(signature_block(head, issued, indent=170 * mm)),
    ]
    doc.build(story, canvasmaker=numbered_canvas(title))
