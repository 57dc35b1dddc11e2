"""A clerk's own list of workers read from XLSX or CSV, and the error workbook written back.

Village lists start with title rows ("DAFTAR PEKERJA RENTAN DESA ..."), blank rows, a numbering
row under the headers, merged cells for a dusun that covers several rows; the reader finds the
header row by its known Indonesian headers and hands back the rows under it as cells.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from desktop_app.domain.errors import Refused
from desktop_app.domain.import_cells import Cell, text
from desktop_app.domain.import_mapping import known_headers
from desktop_app.services.safe_cells import append_row

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
REASON_HEADER = "Alasan"
HEADER_SEARCH_ROWS = 30  # the header row is among the first rows of the sheet
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


@dataclass(frozen=True, slots=True)
class SourceRow:
    number: int  # the row number the clerk sees in the spreadsheet (1-based)
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class ListFile:
    path: Path
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...] = field(repr=False)


def _blank(cells: Sequence[Cell]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _numbering(cells: Sequence[Cell]) -> bool:
    """The (1) (2) (3) … row government tables put under their headers."""
    values = [str(c).strip("() ") for c in cells if c not in (None, "")]
    return len(values) > 2 and values == [str(i) for i in range(1, len(values) + 1)]


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _merged_ranges(archive: zipfile.ZipFile, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range of a sheet.

    openpyxl's read-only mode (needed for speed on long lists) does not read merged cells, so
    they are taken straight from the sheet's XML, streaming.
    """
    ranges = []
    with archive.open(sheet_path) as xml:
        for _, element in ElementTree.iterparse(xml):
            if element.tag == f"{_MAIN_NS}mergeCell":
                first, _, last = element.get("ref", "").partition(":")
                a, b = _CELL_REF.fullmatch(first), _CELL_REF.fullmatch(last or first)
                if a and b:
                    ranges.append(
                        (int(a[2]), _column_number(a[1]), int(b[2]), _column_number(b[1]))
                    )
            elif element.tag == f"{_MAIN_NS}row":
                element.clear()  # keep memory flat on long sheets
    return ranges


def _header_row(rows: Sequence[Sequence[Cell]], remembered: Mapping[str, str] | None) -> int | None:
    """The first of the first rows with the most (at least two) known headers."""
    best, best_count = None, 1
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        count = known_headers(row, remembered)
        if count > best_count:
            best, best_count = i, count
    return best


def _read_xlsx(path: Path, remembered: Mapping[str, str] | None) -> list[list[Cell]]:
    """The first sheet that holds the list (a cover or notes sheet may come before it)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise Refused(
            "import.unreadable", f"Berkas {path.name} tidak dapat dibaca sebagai XLSX ({e})."
        ) from None
    try:
        sheet = next(
            (
                ws
                for ws in book.worksheets
                if _header_row(
                    list(ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)), remembered
                )
                is not None
            ),
            book.worksheets[0],
        )
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        merged = _merged_ranges(book._archive, sheet._worksheet_path)
    finally:
        book.close()
    for r1, c1, r2, c2 in merged:
        if r1 > len(rows) or c1 > len(rows[r1 - 1]):
            continue
        value = rows[r1 - 1][c1 - 1]
        for r in range(r1, min(r2, len(rows)) + 1):
            row = rows[r - 1]
            row.extend([None] * (c2 - len(row)))
            for c in range(c1, c2 + 1):
                row[c - 1] = value
    return rows


def _decode(data: bytes) -> str:
    # Excel in Indonesian saves "CSV (Comma delimited)" in the Windows code page, not UTF-8.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_csv(path: Path) -> list[list[Cell]]:
    try:
        text = _decode(path.read_bytes())
    except OSError as e:
        raise Refused("import.unreadable", f"Berkas {path.name} tidak dapat dibaca: {e}.") from None
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    delimiter = max(";,\t", key=sample.count)
    return [list(r) for r in csv.reader(text.splitlines(), delimiter=delimiter)]


def read_list(path: Path | str, remembered: Mapping[str, str] | None = None) -> ListFile:
    """The rows of a list under its header row: the first row with two known headers among
    the first rows (what the clerk chose before counts too), else the first filled row."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise Refused(
            "import.format", f"Berkas {path.name} bukan XLSX atau CSV; simpan daftar sebagai .xlsx."
        )
    if not path.is_file():
        raise Refused("import.missing", f"Berkas {path} tidak ditemukan.")
    rows = _read_csv(path) if suffix in (".csv", ".txt") else _read_xlsx(path, remembered)
    best = _header_row(rows, remembered)
    if best is None:
        # No header the app knows: take the first filled row, and let the clerk say which
        # column is which.
        best = next((i for i, row in enumerate(rows) if not _blank(row)), None)
        if best is None:
            raise Refused("import.empty", f"Berkas {path.name} kosong.")
    headers = tuple("" if c is None else " ".join(str(c).split()) for c in rows[best])
    body = tuple(
        SourceRow(number, tuple(cells))
        for number, cells in enumerate(rows[best + 1 :], start=best + 2)
        if not _blank(cells) and not _numbering(cells)
    )
    return ListFile(path, best + 1, headers, body)


def write_error_workbook(
    path: Path | str, headers: Sequence[str], rows: Sequence[tuple[SourceRow, str]]
) -> Path:
    """The refused rows with their original columns and a column "Alasan" with the reason.

    Number-looking columns are formatted as text, so a NIK the clerk types in again keeps its
    16 digits; the reason column is removed again when the file is imported.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = "Perlu diperbaiki"
    append_row(sheet, [*headers, REASON_HEADER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    reason_col = len(headers) + 1
    as_text = {i for i, h in enumerate(headers) if re.search(r"nik|kk|hp|telp", h.lower())}
    for source, reason in rows:
        cells = list(source.cells[: len(headers)]) + [None] * (len(headers) - len(source.cells))
        cells = [text(c) if i in as_text else c for i, c in enumerate(cells)]
        append_row(sheet, [*cells, reason])
        mark = sheet.cell(sheet.max_row, reason_col)
        mark.fill = PatternFill("solid", fgColor="FDE7E9")
        mark.alignment = Alignment(wrap_text=True, vertical="top")
    for col in as_text:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col + 1, max_col=col + 1):
            cell.number_format = "@"

    for col, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = max(10, min(30, len(header) + 6))
    sheet.column_dimensions[get_column_letter(reason_col)].width = 70
    sheet.freeze_panes = "A2"
    try:
        book.save(path)
    except OSError as e:
        raise Refused(
            "import.errors_write",
            f"Daftar yang perlu diperbaiki tidak dapat ditulis ke {path}: {e}.",
        ) from None
    return path
