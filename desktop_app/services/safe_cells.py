"""Cells written to CSV and XLSX files that a spreadsheet never reads as a formula.

A name typed as "=HYPERLINK(...)" must stay text. In XLSX every cell has a type, so text is
stored as text (openpyxl would otherwise store "=…" as a formula) and shows exactly as typed.
A CSV cell has no type: one that begins like a formula gets a leading apostrophe.
"""

from __future__ import annotations

from typing import Any, TypeVar

# A cell beginning with one of these is a formula to Excel and LibreOffice (tab and carriage
# return too, through their import dialogs).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

C = TypeVar("C")


def safe_cell(value: Any) -> Any:
    """`value` as written to CSV: text that would start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def text_stays_text(cell: C) -> C:
    """An openpyxl cell whose text is stored as text, never as a formula."""
    if isinstance(cell.value, str):  # type: ignore[attr-defined]
        cell.data_type = "s"  # type: ignore[attr-defined]
    return cell
