"""Importing a clerk's own list: messy cells read, good rows in at once, bad rows handed back."""

from __future__ import annotations

import pytest
from list_files import ADDED, HEADER_ROW, HEADERS, REFUSED, messy_csv, messy_xlsx
from openpyxl import load_workbook

from desktop_app.domain.errors import InvalidInput
from desktop_app.services import duplicates, list_import
from desktop_app.services.installation import init_village
from desktop_app.store import outbox
from desktop_app.store import workers as store

TANJUNG_ARU = "65.03.10.2004"


def run_import(inst, path):
    listed, mapping = list_import.open_list(inst, path)
    return listed, list_import.import_list(inst, listed, mapping)


def names(inst) -> set[str]:
    return {w.full_name for w in store.list_workers(inst.db, limit=100)}


def error_rows(path) -> list[dict]:
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_messy_workbook_brings_in_the_good_rows_and_hands_back_each_bad_one(village, tmp_path):
    listed, result = run_import(village, messy_xlsx(tmp_path / "daftar.xlsx"))
    assert listed.header_row == HEADER_ROW
    assert (result.added, result.already_registered, len(result.refused)) == (ADDED, 0, 3)
    assert names(village) == {
        "Siti Aminah",  # twice: the likely duplicate under another NIK is in, with a warning
        "Ma'ruf Amin",
        "Nur'aini",
        "Budi Santoso",
        "Wati",
    }
    maruf = store.find_by_nik(village.db, "6503101203850002")
    assert (maruf.birth_date, maruf.phone, maruf.dusun) == (
        "1985-03-12",
        "+6281234567891",
        "Aji Kuning",
    )
    assert store.find_by_nik(village.db, "6503105701950003").birth_date == "1995-01-17"
    assert store.find_by_nik(village.db, "6503100106800004").birth_date == "1980-06-01"
    assert store.find_by_nik(village.db, "6503106607000006").occupation_other == "Pedagang"
    assert store.find_by_nik(village.db, "6503104508900001").rt == "002"
    # every good row has its outbox entry, as if typed into the form
    assert outbox.last_seq(village.db) == ADDED

    reasons = {r.row.cells[2]: r.reason for r in result.refused}
    assert all(REFUSED[name] in reasons[name] for name in REFUSED), reasons
    assert "terbaca 6503102208920000" in reasons["Andi Saputra"]

    (pair,) = duplicates.open_pairs(village)
    assert {pair.worker.nik, pair.other.nik} == {"6503104508900001", "6503104508900005"}
    assert any("Mungkin orang yang sama dengan Siti Aminah" in w for w in result.warnings)

    errors = list_import.save_refused(result, tmp_path / "perbaiki.xlsx")
    rows = error_rows(errors)
    assert [r["Nama Lengkap"] for r in rows] == ["Andi Saputra", "Rina Wati", "Siti Aminah"]
    assert list(rows[0]) == [*HEADERS, "Alasan"]
    assert all(REFUSED[r["Nama Lengkap"]] in r["Alasan"] for r in rows)
    assert rows[0]["NIK"] == "6503102208920000"  # as text, for the clerk to correct


def test_importing_the_same_workbook_again_adds_nothing(village, tmp_path):
    path = messy_xlsx(tmp_path / "daftar.xlsx")
    run_import(village, path)
    seq = outbox.last_seq(village.db)
    _, again = run_import(village, path)
    assert (again.added, again.already_registered, len(again.refused)) == (0, ADDED, 3)
    assert outbox.last_seq(village.db) == seq
    assert len(duplicates.open_pairs(village)) == 1


def test_the_fixed_error_workbook_imports_the_rows_that_were_refused(village, tmp_path):
    _, result = run_import(village, messy_xlsx(tmp_path / "daftar.xlsx"))
    path = list_import.save_refused(result, tmp_path / "perbaiki.xlsx")
    book = load_workbook(path)
    sheet = book.active
    sheet["B2"] = "6503102208920007"  # retyped from the KTP
    sheet["B3"] = "6503104508900011"
    sheet.delete_rows(4)  # the repeated row was a mistake
    book.save(path)
    _, fixed = run_import(village, path)
    assert (fixed.added, len(fixed.refused)) == (2, 0)
    assert store.find_by_nik(village.db, "6503102208920007").full_name == "Andi Saputra"


def test_semicolon_csv_twin_gives_the_same_result(data_dir, tmp_path):
    inst = init_village(data_dir, TANJUNG_ARU, user="operator")
    try:
        listed, result = run_import(inst, messy_csv(tmp_path / "daftar.csv"))
        assert listed.headers[3] == "Tempat/Tgl Lahir"
        assert (result.added, len(result.refused)) == (ADDED, 3)
        assert names(inst) >= {"Ma'ruf Amin", "Nur'aini"}
        assert store.find_by_nik(inst.db, "6503101203850002").birth_place == "Tawau"
        reasons = {r.row.cells[2]: r.reason for r in result.refused}
        assert "angka terakhirnya hilang" in reasons["Andi Saputra"]
    finally:
        inst.close()


def test_an_import_stopped_half_way_leaves_nothing_behind(village, tmp_path):
    listed, mapping = list_import.open_list(village, messy_xlsx(tmp_path / "daftar.xlsx"))

    def stop_after_the_first_rows(done, total):
        if done > 0:
            raise KeyboardInterrupt

    listed = type(listed)(listed.path, listed.header_row, listed.headers, listed.rows * 20)
    with pytest.raises(KeyboardInterrupt):
        list_import.import_list(village, listed, mapping, stop_after_the_first_rows)
    assert store.count_workers(village.db) == 0
    assert outbox.last_seq(village.db) == 0


def test_mapping_chosen_by_the_clerk_is_remembered_for_the_next_list(village, tmp_path):
    path = messy_xlsx(tmp_path / "daftar.xlsx")
    listed, mapping = list_import.open_list(village, path)
    assert mapping[HEADERS.index("Pekerjaan")] == "occupation"
    mapping[HEADERS.index("Pekerjaan")] = ""  # the clerk leaves the column out
    list_import.remember_mapping(village, listed.headers, mapping)
    _, again = list_import.open_list(village, path)
    assert again == mapping


def test_a_list_with_unknown_headers_is_imported_once_the_clerk_maps_its_columns(village, tmp_path):
    path = tmp_path / "catatan.csv"
    path.write_text(
        "Nomor Identitas;Nama Warga;Lahir;Kode Kelamin;Kerja;Upah\n"
        "6503104508900001;Siti Aminah;05-08-1990;P;nelayan;1.500.000\n",
        encoding="utf-8",
    )
    listed, mapping = list_import.open_list(village, path)
    assert listed.header_row == 1 and set(mapping) == {""}
    with pytest.raises(InvalidInput, match="NIK dan Nama lengkap"):
        list_import.import_list(village, listed, mapping)
    chosen = ["nik", "full_name", "birth_date", "sex", "occupation", "monthly_income"]
    assert list_import.import_list(village, listed, chosen).added == 1


def test_a_birth_date_that_differs_from_the_nik_is_taken_once_the_clerk_confirms_it(
    village, tmp_path
):
    path = tmp_path / "daftar.csv"
    path.write_text(
        "NIK;Nama;Tgl Lahir;L/P;Pekerjaan;Penghasilan\n"
        "6503104508900001;Siti Aminah;06-08-1990;P;nelayan;1.500.000\n",
        encoding="utf-8",
    )
    _, result = run_import(village, path)
    (refusal,) = result.refused
    assert refusal.nik_mismatch and "5 Agustus 1990" in refusal.reason
    fix = list_import.save_refused(result, tmp_path / "perbaiki.xlsx")
    book = load_workbook(fix)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    assert headers[-2:] == ["Alasan beda NIK", "Alasan"]
    assert "isi kolom 'Alasan beda NIK'" in sheet.cell(2, len(headers)).value
    sheet.cell(2, len(headers) - 1).value = "tanggal lahir dikoreksi Dukcapil"
    book.save(fix)
    _, again = run_import(village, fix)
    assert again.added == 1
    assert store.find_by_nik(village.db, "6503104508900001").birth_date == "1990-08-06"


def test_the_list_is_found_on_a_later_sheet_after_a_cover_sheet(village, tmp_path):
    path = messy_xlsx(tmp_path / "daftar.xlsx")
    book = load_workbook(path)
    cover = book.create_sheet("Keterangan", 0)
    cover.append(["Daftar ini disusun oleh operator desa"])
    book.save(path)
    listed, result = run_import(village, path)
    assert listed.header_row == HEADER_ROW and result.added == ADDED
