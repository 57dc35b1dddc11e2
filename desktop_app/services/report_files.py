"""Reports written as files: CSV for anyone, XLSX for the district's spreadsheets, PDF to print."""

from __future__ import annotations

import csv
from pathlib import Path

from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.services.reports import PLACE_DIMENSIONS, CoverageReport
from desktop_app.services.safe_cells import append_row, safe_row

FORMATS = ("csv", "xlsx", "pdf")


def summary_rows(report: CoverageReport) -> list[tuple[str, object]]:
    return [
        ("desa", report.village),
        ("tahun", report.year),
        ("tanggal", report.day.isoformat()),
        ("terdaftar", report.registered),
        ("dibiayai", report.funded),
        ("target", report.target),
        ("aktif", report.active),
        ("menunggak_berakhir", report.lapsed),
        ("penduduk_bekerja", report.working_residents or ""),
        (
            "bagian_terlindungi",
            "" if report.share_covered is None else round(report.share_covered, 4),
        ),
        ("anggaran", report.allocated),
        ("dianggarkan", report.committed),
        ("terealisasi", report.realised),
        ("kebijakan", report.policy),
    ]


def breakdown_rows(report: CoverageReport) -> list[tuple]:
    return [
        (PLACE_DIMENSIONS[d], line.label, line.registered, line.funded, line.active)
        for d, lines in report.breakdowns.items()
        for line in lines
    ]


def write_report(report: CoverageReport, path: Path, fmt: str | None = None) -> Path:
    """Write `report` as CSV, XLSX or PDF (by `fmt` or the file's extension)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InvalidInput("report.format", "Format laporan harus csv, xlsx atau pdf.", "format")
    try:
        if fmt == "csv":
            with open(path, "w", newline="", encoding="utf-8-sig") as f:
                out = csv.writer(f)
                out.writerows(safe_row(r) for r in summary_rows(report))
                out.writerow(())
                out.writerow(("rincian", "kelompok", "terdaftar", "dibiayai", "aktif"))
                out.writerows(safe_row(r) for r in breakdown_rows(report))
        elif fmt == "xlsx":
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            sheet.title = "Ringkasan"
            for row in summary_rows(report):
                append_row(sheet, row)
            detail = book.create_sheet("Rincian")
            append_row(detail, ["rincian", "kelompok", "terdaftar", "dibiayai", "aktif"])
            for row in breakdown_rows(report):
                append_row(detail, row)
            book.save(path)
        else:
            from desktop_app.documents.coverage_report import write_coverage_pdf

            write_coverage_pdf(report, path)
    except OSError as e:
        raise Refused(
            "report.write", f"Laporan tidak dapat ditulis ke {path}: {e.strerror}."
        ) from None
    return path
