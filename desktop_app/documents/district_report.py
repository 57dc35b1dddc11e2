"""The district's reports as PDFs: per kecamatan, per village (landscape), Paritrana on one page.

Takes a services.district_board.DistrictReport (plain values); never touches the database.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from desktop_app.documents.layout import BODY, MARGIN, SMALL, TITLE, numbered_canvas, table
from desktop_app.domain.formatting import MONTHS_SHORT, rupiah, tanggal, thousands


def _share(funded: int, residents: int | None) -> str:
    return f"{funded / residents:.0%}" if residents else "-"


def _heading(report, what: str) -> list:
    return [
        Paragraph(f"{what} — {report.regency.name}", TITLE),
        Paragraph(
            f"Program Satu Desa, 100 Pekerja Rentan · Tahun anggaran {report.year} · "
            f"keadaan {tanggal(report.day)}",
            SMALL,
        ),
        Spacer(1, 4 * mm),
    ]


def _document(path: Path, title: str, wide: bool) -> SimpleDocTemplate:
    size = landscape(A4) if wide else A4
    return SimpleDocTemplate(
        str(path),
        pagesize=size,
        title=title,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=14 * mm,
        bottomMargin=18 * mm,
    )


def _totals_row(report) -> tuple:
    r = report.regency
    return (
        "Jumlah",
        f"{r.villages_reporting}/{r.villages}",
        thousands(r.report.registered),
        thousands(r.report.funded),
        thousands(r.report.active),
        str(r.villages_at_target),
        _share(r.report.funded, r.report.working_residents),
        rupiah(r.report.allocated),
        rupiah(r.report.committed),
    )


def write_kecamatan_pdf(report, path: Path) -> None:
    """One row per kecamatan with its villages reporting, workers and APBDes money."""
    doc = _document(path, f"Laporan per kecamatan {report.regency.name} {report.year}", False)
    rows = [
        (
            k.name,
            f"{k.villages_reporting}/{k.villages}",
            thousands(k.report.registered),
            thousands(k.report.funded),
            thousands(k.report.active),
            str(k.villages_at_target),
            _share(k.report.funded, k.report.working_residents),
            rupiah(k.report.allocated),
            rupiah(k.report.committed),
        )
        for k in report.kecamatan
    ] + [_totals_row(report)]
    widths = [30, 15, 17, 16, 13, 12, 16, 27, 27]
    story = [
        *_heading(report, "Laporan Kepesertaan per Kecamatan"),
        table(
            (
                "Kecamatan",
                "Desa melapor",
                "Terdaftar",
                "Dibiayai",
                "Aktif",
                "Desa 100",
                "Cakupan",
                "Anggaran APBDes",
                "Iuran APBDes",
            ),
            rows,
            [w * mm for w in widths],
            right=range(1, 9),
        ),
        Spacer(1, 3 * mm),
        Paragraph(
            "Desa melapor: desa yang sudah mengirim data / semua desa (kelurahan bila ikut). "
            "Desa 100: "
            "desa yang membiayai sedikitnya target pekerjanya. Cakupan: pekerja dibiayai "
            "dibagi penduduk bekerja, bagi desa yang mengisi jumlahnya.",
            BODY,
        ),
    ]
    doc.build(story, canvasmaker=numbered_canvas(doc.title))


def write_village_pdf(report, path: Path) -> None:
    """Every desa of the regency (landscape), including those that never sent anything."""
    doc = _document(path, f"Laporan per desa {report.regency.name} {report.year}", True)
    rows = [
        (
            b.name + (" (kel.)" if b.kelurahan else ""),
            b.kecamatan,
            _last_data(b),
            thousands(b.workers),
            thousands(b.funded),
            thousands(b.active),
            thousands(b.lapsing),
            str(b.target),
            _share(b.funded, b.working_residents),
            rupiah(b.allocated),
            rupiah(b.committed),
            f"{b.events}/{b.open_claims}",
        )
        for b in report.board
    ]
    widths = [40, 32, 26, 18, 18, 16, 18, 15, 18, 28, 28, 17]
    story = [
        *_heading(report, "Laporan Kepesertaan per Desa"),
        table(
            (
                "Desa",
                "Kecamatan",
                "Data terakhir",
                "Terdaftar",
                "Dibiayai",
                "Aktif",
                "Segera berakhir",
                "Target",
                "Cakupan",
                "Anggaran APBDes",
                "Iuran APBDes",
                "Kejadian / klaim",
            ),
            rows,
            [w * mm for w in widths],
            right=range(3, 12),
        ),
    ]
    doc.build(story, canvasmaker=numbered_canvas(doc.title))


def _last_data(row) -> str:
    """When the village last sent data, in days (the board gives the local time)."""
    if row.days_silent is None:
        return "belum pernah"
    return "hari ini" if row.days_silent == 0 else f"{row.days_silent} hari lalu"


def write_paritrana_pdf(report, lines: list[tuple[str, str]], path: Path) -> None:
    """The Paritrana summary on one page: the figures, then the kecamatan in short."""
    doc = _document(path, f"Ringkasan Paritrana {report.regency.name} {report.year}", False)
    kec_rows = [
        (
            k.name,
            f"{k.villages_reporting}/{k.villages}",
            thousands(k.report.active),
            str(k.villages_at_target),
            rupiah(k.report.committed),
        )
        for k in report.kecamatan
    ]
    months = getattr(report, "active_by_month", [])
    story = [
        *_heading(report, "Ringkasan Paritrana"),
        table(("Ukuran", "Nilai"), lines, (110 * mm, 64 * mm), right=(1,)),
        Spacer(1, 4 * mm),
        table(
            ("Kecamatan", "Desa melapor", "Peserta aktif", "Desa 100", "Iuran APBDes"),
            kec_rows,
            (58 * mm, 27 * mm, 27 * mm, 22 * mm, 40 * mm),
            right=(1, 2, 3, 4),
        ),
    ]
    if months:
        story += [
            Spacer(1, 3 * mm),
            Paragraph(
                "Peserta aktif per bulan: "
                + " · ".join(
                    f"{m} {thousands(n)}" for m, n in zip(MONTHS_SHORT, months, strict=True)
                ),
                SMALL,
            ),
        ]
    doc.build(story, canvasmaker=numbered_canvas(doc.title))
