"""The worker list as shown (its filters and sort) written to XLSX or CSV."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop_app.domain.errors import InvalidInput, Refused
from desktop_app.domain.formatting import tanggal
from desktop_app.services.installation import Installation
from desktop_app.services.safe_cells import safe_row, text_stays_text
from desktop_app.services.worker_list import Filters, Row, count, fetch_page

FORMATS = ("xlsx", "csv")
PAGE = 1000
# The list's own columns first, then what a spreadsheet of workers is usually asked for.
COLUMNS: tuple[tuple[str, Callable[[Row], object]], ...] = (
    ("Nama", lambda r: r.full_name),
    ("NIK", lambda r: r.nik),
    ("Pekerjaan", lambda r: r.occupation_label),
    ("Dusun", lambda r: r.dusun or ""),
    ("HP", lambda r: r.phone or ""),
    ("Status", lambda r: r.status_label),
    ("Kepesertaan", lambda r: r.coverage_label),
    ("Nomor KK", lambda r: r.kk_number or ""),
    ("Tempat lahir", lambda r: r.birth_place or ""),
    ("Tanggal lahir", lambda r: tanggal(dt.date.fromisoformat(r.birth_date))),
    ("L/P", lambda r: r.sex),
    ("RT", lambda r: r.rt or ""),
    ("RW", lambda r: r.rw or ""),
    ("Penghasilan sebulan", lambda r: r.monthly_income),
    ("Nomor KPJ", lambda r: r.kpj_number or ""),
)
# Numbers that are not amounts: formatted as text, so Excel keeps all 16 digits of a NIK the
# clerk edits, and a leading 0.
_TEXT_COLUMNS = {"NIK", "Nomor KK", "HP", "Nomor KPJ"}
Progress = Callable[[int, int], None]


def _rows(
    inst: Installation, filters: Filters, total: int, progress: Progress | None
) -> Iterator[list[object]]:
    page = fetch_page(inst, filters, None, PAGE)
    done = 0
    while True:
        for row in page.rows:
            yield [value(row) for _, value in COLUMNS]
        done += len(page.rows)
        if progress:
            progress(done, total)
        if page.next is None:
            return
        page = fetch_page(inst, filters, page.next, PAGE)


def export_workers(
    inst: Installation,
    filters: Filters,
    path: Path | str,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the workers the list shows under `filters`, in its order; returns how many.

    `progress(done, total)` is called after each page of rows.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InvalidInput("export.format", "Format daftar harus xlsx atau csv.", "format")
    total = count(inst, filters)
    headers = [name for name, _ in COLUMNS]
    try:
        if fmt == "csv":
            # Semicolons: Excel set to Indonesian splits a CSV at semicolons, not commas.
            with open(path, "w", newline="", encoding="utf-8-sig") as f:
                out = csv.writer(f, delimiter=";")
                out.writerow(headers)
                out.writerows(safe_row(row) for row in _rows(inst, filters, total, progress))
        else:
            _write_xlsx(path, headers, _rows(inst, filters, total, progress))
    except OSError as e:
        raise Refused(
            "export.write", f"Daftar pekerja tidak dapat ditulis ke {path}: {e.strerror}."
        ) from None
    return total


def _write_xlsx(path: Path, headers: list[str], rows: Iterator[list[object]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Pekerja")
    for col, header in enumerate(headers, start=1):
        width = 32 if header == "Nama" else 20 if header in _TEXT_COLUMNS else 16
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    bold = []
    for header in headers:
        cell = WriteOnlyCell(sheet, header)
        cell.font = Font(bold=True)
        bold.append(cell)
    sheet.append(bold)
    text_columns = [h in _TEXT_COLUMNS for h in headers]
    for values in rows:
        cells = []
        for value, as_text in zip(values, text_columns, strict=True):
            cell = text_stays_text(WriteOnlyCell(sheet, value))
            if as_text:
                cell.number_format = "@"  # a NIK stays 16 digits when the clerk edits it
            cells.append(cell)
        sheet.append(cells)
    book.save(path)
