"""Cells written to CSV and XLSX files that a spreadsheet never reads as a formula.

Every writer of a CSV or XLSX file goes through here (OWASP "CSV injection"): `safe_cell` or
`safe_row` for CSV cells, `append_row` for an XLSX sheet whose text must stay text, and
`text_stays_text` for a cell of a write-only sheet. In XLSX every cell has a type, so text is
stored as text and shows exactly as typed; a CSV cell has no type, so one that begins like a
formula gets a leading apostrophe.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

# A cell beginning with one of these is a formula to Excel and LibreOffice (tab and carriage
# return too, through their import dialogs): "=HYPERLINK(...)" typed as a name must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

C = TypeVar("C")


def safe_cell(value: Any) -> Any:
    """`value` as written to a spreadsheet: text that would start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A CSV row of `safe_cell`s."""
    return [safe_cell(v) for v in values]


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """Append to an openpyxl sheet with every text stored as text: openpyxl itself stores text
    beginning with `=` as a live formula, whatever a spreadsheet would do on opening."""
    values = list(values)
    sheet.append(values)
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            sheet.cell(row=row, column=column).data_type = "s"


def text_stays_text(cell: C) -> C:
    """A cell of a write-only sheet (which has no `cell()` to reach back) with its text stored
    as text, never as a formula."""
    if isinstance(cell.value, str):  # type: ignore[attr-defined]
        cell.data_type = "s"  # type: ignore[attr-defined]
    return cell
