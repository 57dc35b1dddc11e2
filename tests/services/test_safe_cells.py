"""Cells written to CSV and XLSX never start a formula."""

from __future__ import annotations

import pytest

from desktop_app.services.safe_cells import safe_cell


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x")', "+62812", "-Bukit Aru", "@SUM(A1)", "\tx", "\r=1"]
)
def test_text_that_a_spreadsheet_would_read_as_a_formula_is_kept_as_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Siti Aminah", "Ma'ruf", "", 1_500_000, None, -5])
def test_other_cells_and_numbers_are_written_as_they_are(value):
    assert safe_cell(value) == value
