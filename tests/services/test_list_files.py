"""Reading a clerk's list file: whatever the cells hold, they come back as written."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop_app.services.list_files import read_list

HEADERS = ["NIK", "Nama", "Tgl Lahir", "Dusun"]
cell_text = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"
        ),
        min_size=1,
        max_size=12,
    )
    .map(lambda t: " ".join(t.split()))
    .filter(bool)
)
rows = st.lists(st.lists(cell_text, min_size=4, max_size=4), min_size=1, max_size=8).filter(
    lambda rs: all(r != [str(i) for i in range(1, 5)] for r in rs)
)


@settings(max_examples=40, deadline=None)
@given(rows, st.sampled_from([";", ","]))
def test_csv_cells_come_back_as_written_with_either_separator(rows, delimiter):
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows([["DAFTAR PEKERJA"], [], HEADERS, *rows])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "daftar.csv"
        path.write_text(text.getvalue(), encoding="utf-8")
        listed = read_list(path)
    assert list(listed.headers) == HEADERS and listed.header_row == 3
    assert [list(r.cells) for r in listed.rows] == rows


@settings(max_examples=25, deadline=None)
@given(rows.filter(lambda rs: not any(c.startswith("=") for r in rs for c in r)))
def test_xlsx_cells_come_back_as_written_under_title_rows(rows):
    # (openpyxl writes "=…" as a formula without the value Excel would have saved with it)
    book = Workbook()
    sheet = book.active
    sheet.append(["DAFTAR PEKERJA"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "daftar.xlsx"
        book.save(path)
        listed = read_list(path)
    assert [list(r.cells) for r in listed.rows] == rows
    assert [r.number for r in listed.rows] == list(range(4, 4 + len(rows)))
