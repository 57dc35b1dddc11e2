"""Cells of the CSV and XLSX files the app writes, safe to open in a spreadsheet.

Free text typed in a village (a dusun, an occupation, a name) reaches files that officers open
in Excel or LibreOffice and send on to BPJS. Text that begins with `=`, `+`, `-` or `@` would be
taken as a formula there (OWASP "CSV injection"), so every writer of a CSV or XLSX file goes
through this module: `safe_cell` for CSV, `append_row` for an XLSX sheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe.

    Numbers are left as numbers (a negative amount is a number, not text).
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


def append_row(sheet, values: Iterable[Any]) -> None:
    """Append to an openpyxl sheet, every text written as text (openpyxl would store text
    beginning with `=` as a live formula)."""
    values = list(values)
    sheet.append(values)
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            sheet.cell(row=row, column=column).data_type = "s"
