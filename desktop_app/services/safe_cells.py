"""Cells written to CSV and XLSX files that a spreadsheet never reads as a formula."""

from __future__ import annotations

from typing import Any

# A cell beginning with one of these is a formula to Excel and LibreOffice (tab and carriage
# return too, through their import dialogs): "=HYPERLINK(...)" typed as a name must stay text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value` as written to a spreadsheet: text that would start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
