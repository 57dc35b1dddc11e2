"""The coverage report as a PDF (A4 portrait), from a services.reports.CoverageReport."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from desktop_app.documents.layout import (
    BODY,
    HEADING,
    MARGIN,
    TITLE,
    a4_document,
    numbered_canvas,
    table,
)
from desktop_app.domain.formatting import rupiah, tanggal, thousands

DIMENSION_TITLES = {
    "occupation": "Menurut pekerjaan",
    "sex": "Menurut jenis kelamin",
    "age": "Menurut kelompok umur",
    "dusun": "Menurut dusun",
    "kecamatan": "Menurut kecamatan",
    "desa": "Menurut desa",
}


def write_coverage_pdf(report, path: Path) -> None:
    doc = a4_document(
        path,
        f"Laporan kepesertaan {report.village} {report.year}",
        topMargin=MARGIN,
        bottomMargin=18 * mm,
    )
    share = (
        f"{report.share_covered:.0%}".replace(".", ",")
        if report.share_covered is not None
        else "jumlah penduduk bekerja belum diisi"
    )
    summary = [
        ("Pekerja terdaftar", thousands(report.registered)),
        (
            f"Dibiayai {report.budget_source} {report.year}",
            f"{thousands(report.funded)} dari target {thousands(report.target)}",
        ),
        (
            "Kepesertaan aktif / menunggak atau berakhir",
            f"{thousands(report.active)} / {thousands(report.lapsed)}",
        ),
        ("Bagian pekerja desa yang terlindungi", share),
        ("Anggaran dialokasikan", rupiah(report.allocated)),
        ("Iuran yang sudah dianggarkan", rupiah(report.committed)),
        (f"Terealisasi sampai {tanggal(report.day)}", rupiah(report.realised)),
    ]
    story = [
        Paragraph(
            f"Laporan Kepesertaan BPJS Ketenagakerjaan — {report.kind} {report.village}", TITLE
        ),
        Paragraph(
            f"Program Satu Desa, 100 Pekerja Rentan · Tahun anggaran {report.year} · "
            f"keadaan {tanggal(report.day)}",
            BODY,
        ),
        Spacer(1, 4 * mm),
        table(("Ukuran", "Nilai"), summary, (95 * mm, 79 * mm), right=(1,)),
        Spacer(1, 2 * mm),
        Paragraph(report.policy, BODY),
    ]
    for dimension, lines in report.breakdowns.items():
        story.append(Paragraph(DIMENSION_TITLES[dimension], HEADING))
        rows = [
            (line.label, thousands(line.registered), thousands(line.funded), thousands(line.active))
            for line in lines
        ]
        story.append(
            table(
                ("", "Terdaftar", "Dibiayai", "Aktif"),
                rows,
                (86 * mm, 30 * mm, 30 * mm, 28 * mm),
                right=(1, 2, 3),
            )
        )
    doc.build(story, canvasmaker=numbered_canvas(doc.title))
