"""The district's reports written as files: XLSX for spreadsheets, PDF to print, CSV for anyone.

Kinds: `kecamatan` (one row per kecamatan), `village` (every desa of the regency) and
`paritrana` (the award's figures on one page).
"""

from __future__ import annotations

import csv
from pathlib import Path

from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.services.district_board import DistrictReport, paritrana_lines

KINDS = ("kecamatan", "village", "paritrana")
FORMATS = ("xlsx", "pdf", "csv")
FIGURES = (
    "registered",
    "funded",
    "active",
    "lapsed",
    "target",
    "working_residents",
    "allocated",
    "committed",
    "realised",
)
HEADERS = {
    "kecamatan": ["kode", "kecamatan", "desa", "desa_melapor", "desa_mencapai_target"],
    "village": ["kode", "desa", "kecamatan", "kelurahan", "data_terakhir_utc", "hari_sejak"],
}
FIGURE_HEADERS = [
    "terdaftar",
    "dibiayai",
    "aktif",
    "menunggak_berakhir",
    "target",
    "penduduk_bekerja",
    "anggaran",
    "dianggarkan",
    "terealisasi",
]


def table_rows(report: DistrictReport, kind: str) -> list[list]:
    """The header and one row per kecamatan or village, money as integer rupiah."""
    if kind == "kecamatan":
        rows = [
            [k.code, k.name, k.villages, k.villages_reporting, k.villages_at_target]
            + [getattr(k.report, f) for f in FIGURES]
            for k in report.kecamatan
        ]
    else:
        rows = [
            [
                b.code,
                b.name,
                b.kecamatan,
                "ya" if b.kelurahan else "",
                b.last_batch_at or "",
                "" if b.days_silent is None else b.days_silent,
                b.workers,
                b.funded,
                b.active,
                b.lapsed,
                b.target,
                b.working_residents,
                b.allocated,
                b.committed,
                b.realised,
            ]
            for b in report.board
        ]
    return [HEADERS[kind] + FIGURE_HEADERS, *rows]


def write_district_report(
    report: DistrictReport, kind: str, path: Path, fmt: str | None = None
) -> Path:
    """Write one of the district's reports by `fmt` or the file's extension."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InvalidInput("report.format", "Format laporan harus xlsx, pdf atau csv.", "format")
    if kind not in KINDS:
        raise InvalidInput("report.kind", "Laporan kabupaten: kecamatan, village atau paritrana.")
    try:
        if fmt == "pdf":
            from desktop_app.documents import district_report as pdf

            if kind == "paritrana":
                pdf.write_paritrana_pdf(report, paritrana_lines(report.paritrana), path)
            elif kind == "kecamatan":
                pdf.write_kecamatan_pdf(report, path)
            else:
                pdf.write_village_pdf(report, path)
        elif fmt == "csv":
            rows = (
                [list(line) for line in paritrana_lines(report.paritrana)]
                if kind == "paritrana"
                else table_rows(report, kind)
            )
            with open(path, "w", newline="", encoding="utf-8-sig") as f:
                csv.writer(f).writerows(rows)
        else:
            _write_xlsx(report, path)
    except OSError as e:
        raise Refused(
            "report.write", f"Laporan tidak dapat ditulis ke {path}: {e.strerror}."
        ) from None
    return path


def _write_xlsx(report: DistrictReport, path: Path) -> None:
    """One workbook with every view: Paritrana, per kecamatan, per desa."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Paritrana"
    sheet.append([f"{report.regency.name}, tahun anggaran {report.year}"])
    for label, value in paritrana_lines(report.paritrana):
        sheet.append([label, value])
    for kind, title in (("kecamatan", "Per kecamatan"), ("village", "Per desa")):
        detail = book.create_sheet(title)
        for row in table_rows(report, kind):
            detail.append(row)
    book.save(path)
