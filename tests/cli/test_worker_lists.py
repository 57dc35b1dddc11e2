"""Whole lists on the command line: import, export, likely duplicates, sort and search."""

from __future__ import annotations

import csv

from cli_helpers import add_worker, run, run_json
from list_files import ADDED, messy_csv, messy_xlsx
from openpyxl import load_workbook

from desktop_app.services.installation import init_village


def village_dir(tmp_path):
    data = tmp_path / "desa"
    init_village(data, "65.03.10.2004", user="operator").close()
    return data


def test_worker_import_reports_counts_and_writes_the_error_workbook(capsys, tmp_path):
    data = village_dir(tmp_path)
    errors = tmp_path / "perbaiki.xlsx"
    answer = run_json(
        capsys,
        data,
        "worker",
        "import",
        str(messy_xlsx(tmp_path / "daftar.xlsx")),
        "--errors",
        str(errors),
    )
    assert (answer["added"], len(answer["refused"])) == (ADDED, 3)
    assert answer["errors_file"] == str(errors)
    sheet = load_workbook(errors).active
    assert sheet.max_row == 4 and sheet.cell(1, sheet.max_column).value == "Alasan"
    code, out, _ = run(capsys, data, "worker", "import", str(tmp_path / "daftar.xlsx"))
    assert code == 0
    assert "Masuk: 0" in out and f"Sudah terdaftar (dilewati): {ADDED}" in out
    assert "daftar - perlu diperbaiki.xlsx" in out


def test_worker_import_of_a_semicolon_csv(capsys, tmp_path):
    data = village_dir(tmp_path)
    answer = run_json(capsys, data, "worker", "import", str(messy_csv(tmp_path / "d.csv")))
    assert answer["added"] == ADDED
    assert answer["mapping"]["Tempat/Tgl Lahir"] == "birth_place_date"


def test_worker_import_maps_unknown_headers_as_told_and_remembers_them(capsys, tmp_path):
    data = village_dir(tmp_path)
    path = tmp_path / "catatan.csv"
    path.write_text(
        "Nomor Identitas,Nama Warga,Tgl Lahir,L/P,Pekerjaan,Penghasilan\n"
        "6503104508900001,Siti Aminah,05-08-1990,P,nelayan,1.500.000\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, data, "worker", "import", str(path))
    assert code == 1 and "Pilih kolom untuk NIK dan Nama lengkap" in err
    code, _, err = run(capsys, data, "worker", "import", str(path), "--map", "Nomor KTP=nik")
    assert code == 1 and "Kolom 'Nomor KTP' tidak ada" in err
    answer = run_json(
        capsys, data, "worker", "import", str(path),
        "--map", "nomor identitas=nik", "--map", "Nama Warga=full_name",
    )  # fmt: skip
    assert answer["added"] == 1
    path.write_text(path.read_text().replace("6503104508900001", "6503101203850002")
                    .replace("Siti Aminah", "Budi Santoso").replace(",P,", ",L,")
                    .replace("05-08-1990", "12-03-1985"))  # fmt: skip
    assert run_json(capsys, data, "worker", "import", str(path))["added"] == 1


def test_worker_import_of_a_file_that_is_not_a_list_is_refused_without_a_traceback(
    capsys, tmp_path
):
    data = village_dir(tmp_path)
    path = tmp_path / "foto.xlsx"
    path.write_bytes(b"not a workbook")
    code, _, err = run(capsys, data, "worker", "import", str(path))
    assert code == 1 and "tidak dapat dibaca sebagai XLSX" in err


def test_registration_warns_of_a_likely_duplicate_and_the_pair_can_be_dismissed(capsys, tmp_path):
    data = village_dir(tmp_path)
    add_worker(capsys, data, "6503104508900001", "Siti Aminah", "05-08-1990", "P", "pekebun")
    code, out, _ = run(
        capsys,
        data,
        "worker",
        "add",
        "--nik",
        "6503104508900005",
        "--name",
        "SITI AMINAH",
        "--birth-date",
        "05-08-1990",
        "--sex",
        "P",
        "--occupation",
        "pekebun",
        "--monthly-income",
        "1.500.000",
    )
    assert code == 0
    assert "Peringatan: Mungkin orang yang sama dengan Siti Aminah (NIK 6503104508900001" in out
    (pair,) = run_json(capsys, data, "worker", "duplicates")
    code, _, _ = run(
        capsys, data, "worker", "dismiss-duplicate", str(pair["id"]), "--reason", "kembar"
    )
    assert code == 0
    assert run_json(capsys, data, "worker", "duplicates") == []


def test_export_writes_the_list_as_filtered_and_sorted_with_formulas_defused(capsys, tmp_path):
    data = village_dir(tmp_path)
    add_worker(capsys, data, "6503104508900001", "Siti Aminah", "05-08-1990", "P", "pekebun")
    add_worker(capsys, data, "6503101203850002", "Budi Santoso", "12-03-1985", "L", "motoris")
    add_worker(capsys, data, "6503100106800004", "Andi Baso", "01-06-1980", "L", "motoris")
    code, _, err = run(
        capsys,
        data,
        "worker",
        "edit",
        "6503100106800004",
        "--occupation",
        "lainnya",
        "--occupation-other",
        '=HYPERLINK("http://x")',
        "--dusun",
        "-Bukit Aru",
    )
    assert code == 0, err  # the form takes any text here; the file must keep it text
    out = tmp_path / "pekerja.xlsx"
    run_json(capsys, data, "worker", "export", "--out", str(out), "--sort", "nik", "--desc")
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["6503104508900001", "6503101203850002", "6503100106800004"]
    assert rows[3][2:4] == ('=HYPERLINK("http://x")', "-Bukit Aru")  # shown as typed…
    sheet = load_workbook(out).active
    assert {sheet.cell(4, c).data_type for c in (3, 4)} == {"s"}  # …and stored as text
    out_csv = tmp_path / "motoris.csv"
    answer = run_json(
        capsys, data, "worker", "export", "--out", str(out_csv), "--occupation", "motoris"
    )
    assert answer["workers"] == 1
    with open(out_csv, encoding="utf-8-sig", newline="") as f:
        (header, row) = list(csv.reader(f, delimiter=";"))
    assert header[:2] == ["Nama", "NIK"] and row[:2] == ["Budi Santoso", "6503101203850002"]
    out_csv = tmp_path / "semua.csv"
    run_json(capsys, data, "worker", "export", "--out", str(out_csv), "--sort", "nik")
    with open(out_csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[1][2:4] == ['\'=HYPERLINK("http://x")', "'-Bukit Aru"]  # a CSV has no types


def test_list_sorts_by_any_column_and_search_ignores_apostrophes(capsys, tmp_path):
    data = village_dir(tmp_path)
    add_worker(capsys, data, "6503101203850002", "MA'RUF AMIN", "12-03-1985", "L", "motoris")
    add_worker(capsys, data, "6503104508900001", "Siti Aminah", "05-08-1990", "P", "pekebun")
    answer = run_json(capsys, data, "worker", "list", "--sort", "occupation")
    assert [w["occupation"] for w in answer["workers"]] == ["motoris", "pekebun"]
    answer = run_json(capsys, data, "worker", "list", "--sort", "full_name", "--desc")
    assert [w["full_name"] for w in answer["workers"]] == ["Siti Aminah", "Ma'ruf Amin"]
    for typed in ("maruf", "ma'ruf", "Ma’ruf am"):
        answer = run_json(capsys, data, "worker", "list", "--search", typed)
        assert [w["full_name"] for w in answer["workers"]] == ["Ma'ruf Amin"], typed
