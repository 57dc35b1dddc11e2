"""A messy village list, as clerks keep them, written as XLSX and as a semicolon CSV twin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HEADERS = [
    "No",
    "NIK",
    "Nama Lengkap",
    "Tempat Lahir",
    "Tgl Lahir",
    "L/P",
    "Pekerjaan",
    "Dusun",
    "RT/RW",
    "No HP",
    "Penghasilan",
]
# (NIK cell, name, place, birth date cell, sex, occupation, dusun, RT/RW, phone, income)
ROWS = [
    # NIK as text, capitals, date as text DD-MM-YYYY, dusun merged over the next row
    (
        "6503104508900001",
        "SITI AMINAH",
        "Nunukan",
        "05-08-1990",
        "P",
        "Pekebun",
        "Aji Kuning",
        "002/001",
        "081234567890",
        1500000,
    ),
    # NIK behind an apostrophe, a curly apostrophe in the name, Excel day number for the date
    (
        "'6503101203850002",
        "MA’RUF AMIN",
        "Tawau",
        31118,
        "L",
        "Motoris",
        None,
        "003/001",
        81234567891,
        "Rp2.000.000",
    ),
    # a date written out in Indonesian
    (
        "6503105701950003",
        "NUR'AINI",
        "Sebatik",
        "17 Januari 1995",
        "Perempuan",
        "Petani",
        "Sungai Pancang",
        "001/002",
        "",
        "1.250.000",
    ),
    # a real date cell
    (
        "6503100106800004",
        "Budi Santoso",
        "Nunukan",
        dt.datetime(1980, 6, 1),
        "L",
        "Nelayan",
        "Bukit Aru",
        "004/002",
        "",
        1800000,
    ),
    # NIK typed as a number: Excel kept 15 digits, the 16th became 0
    (
        6503102208920000.0,
        "Andi Saputra",
        "Tarakan",
        "22-08-1992",
        "L",
        "Supir",
        "Bukit Aru",
        "",
        "",
        2500000,
    ),
    # a NIK one digit short
    (
        "650310450890001",
        "Rina Wati",
        "Nunukan",
        "05-08-1990",
        "P",
        "Petani",
        "Aji Kuning",
        "",
        "",
        1200000,
    ),
    # the first worker's NIK again
    (
        "6503104508900001",
        "Siti Aminah",
        "Nunukan",
        "05-08-1990",
        "P",
        "Pekebun",
        "Aji Kuning",
        "",
        "",
        1500000,
    ),
    # likely the first worker again under another NIK: same name and birth date
    (
        "6503104508900005",
        "Siti Aminah",
        "Nunukan",
        "5 Agustus 1990",
        "P",
        "Pekebun",
        "Aji Kuning",
        "",
        "",
        1500000,
    ),
    # a whole number NIK that Excel never touched (written by a program, all 16 digits)
    (
        6503106607000006,
        "WATI",
        "Nunukan",
        "26-07-2000",
        "P",
        "Pedagang",
        "Bukit Aru",
        "",
        "",
        1100000,
    ),
]
TITLE = "DAFTAR PEKERJA RENTAN DESA TANJUNG ARU TAHUN 2026"
HEADER_ROW = 4  # title, subtitle, blank, headers
ADDED = 6
REFUSED = {
    "Andi Saputra": "angka terakhirnya hilang",
    "Rina Wati": "16 angka",
    "Siti Aminah": "sudah ada di baris 6",
}


def messy_xlsx(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.append(["Kecamatan Sebatik Timur"])
    sheet.append([])
    sheet.append(HEADERS)
    sheet.append(list(range(1, len(HEADERS) + 1)))  # the (1) (2) (3) row under the headers
    for n, row in enumerate(ROWS, start=1):
        sheet.append([n, *row])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.merge_cells("H6:H7")  # Aji Kuning covers the first two workers
    sheet.append([])
    book.save(path)
    return path


def _csv_cell(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return "6,50310E+15"  # how Excel writes a 16-digit number to CSV
    return "" if value is None else str(value)


def messy_csv(path: Path) -> Path:
    """The same list saved by Excel in Indonesian: semicolons, place and date in one column."""
    lines = [TITLE, ""]
    headers = [h for h in HEADERS if h not in ("Tempat Lahir", "Tgl Lahir")]
    headers.insert(3, "Tempat/Tgl Lahir")
    lines.append(";".join(headers))
    for n, (nik, name, place, born, *rest) in enumerate(ROWS, start=1):
        if isinstance(born, int):
            born = "12-03-1985"
        rest[2] = rest[2] or ("Aji Kuning" if n == 2 else "")
        cells = [str(n), _csv_cell(nik), name, f"{place}, {_csv_cell(born)}"]
        cells += [_csv_cell(v) for v in rest]
        lines.append(";".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="cp1252", errors="replace")
    return path
