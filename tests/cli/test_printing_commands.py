"""`satudesa letterhead` and `satudesa print` as a clerk types them."""

from __future__ import annotations

import datetime as dt

from cli_helpers import run, run_json
from pypdf import PdfReader

from desktop_app.device import clock
from desktop_app.services import budget
from desktop_app.services.demo import seed_demo_village

YEAR = 2027


def test_letterhead_is_shown_set_and_refused_without_seq(data_dir, capsys):
    seed_demo_village(data_dir, 3).close()
    shown = run_json(capsys, data_dir, "letterhead")
    assert shown["head_name"] == "" and shown["mask_nik"] is True

    saved = run_json(
        capsys,
        data_dir,
        "letterhead",
        "--head-name",
        "Hj. Nurhayati Basri",
        "--number-pattern",
        "400.10/{seq}/DS-TA/{roman_month}/{year}",
        "--mask-nik",
        "no",
    )
    assert saved["head_name"] == "Hj. Nurhayati Basri" and saved["mask_nik"] is False

    code, _, err = run(capsys, data_dir, "letterhead", "--number-pattern", "400.10/DS-TA/{year}")
    assert code == 1 and "{seq}" in err
    assert run_json(capsys, data_dir, "letterhead")["number_pattern"].startswith("400.10/{seq}")


def test_print_letters_says_what_to_fill_in_first_and_then_prints(data_dir, tmp_path, capsys):
    inst = seed_demo_village(data_dir, 4)
    with clock.living_at(dt.date(2026, 12, 1)):  # 2027 is funded before its first month
        budget.set_budget(inst, YEAR, 20_000_000)
        budget.fund_workers(inst, YEAR)
    inst.close()
    out = tmp_path / "surat.pdf"
    args = ("print", "letters", "--year", str(YEAR), "--out", str(out), "--all")
    code, _, err = run(capsys, data_dir, *args)
    assert code == 1 and "Nama kepala desa belum diisi" in err and not out.exists()

    run_json(capsys, data_dir, "letterhead", "--head-name", "Hj. Nurhayati Basri")
    code, text, err = run(capsys, data_dir, *args)
    assert code == 0, err
    assert "untuk 4 pekerja" in text and len(PdfReader(out).pages) == 4


def test_letterhead_is_shown_in_indonesian_words_not_internal_keys(data_dir, capsys):
    seed_demo_village(data_dir, 1).close()
    code, out, _ = run(capsys, data_dir, "letterhead", "--head-name", "Hj. Nurhayati Basri")
    assert code == 0
    assert "Nama kepala desa: Hj. Nurhayati Basri" in out
    assert "Pola nomor surat: 400.10/{seq}/DS/{roman_month}/{year}" in out
    assert "Samarkan bagian tengah NIK pada surat, kartu dan daftar: ya" in out
    assert "head_name" not in out and "mask_nik" not in out
