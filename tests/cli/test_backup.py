"""Backing up to a stick and restoring on a new laptop; a wrong passphrase restores nothing."""

from __future__ import annotations

from cli_helpers import run, run_json
from forms import SITI

from desktop_app.services import registry


def test_backup_restores_every_worker_and_the_same_keys(village, tmp_path, capsys):
    registry.register_worker(village, SITI)
    secret = tmp_path / "sandi.txt"
    secret.write_text("rahasia-desa-2026")
    stick = tmp_path / "cadangan.sdbak"
    run_json(
        capsys, village.data_dir, "backup", "--out", str(stick), "--passphrase-file", str(secret)
    )
    assert b"Siti" not in stick.read_bytes() and b"6503104508900001" not in stick.read_bytes()

    laptop = tmp_path / "laptop-baru"
    restored = run_json(capsys, laptop, "restore", str(stick), "--passphrase-file", str(secret))
    assert restored["code"] == "65.03.10.2004"
    siti = run_json(capsys, laptop, "worker", "show", SITI.nik)
    assert siti["full_name"] == "Siti Aminah"
    assert (laptop / "keys" / "signing.key").read_bytes() == (
        village.data_dir / "keys" / "signing.key"
    ).read_bytes()


def test_wrong_passphrase_restores_nothing(village, tmp_path, capsys):
    good, bad = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text("rahasia-desa-2026")
    bad.write_text("salah-sandi-2026")
    stick = tmp_path / "cadangan.sdbak"
    run_json(
        capsys, village.data_dir, "backup", "--out", str(stick), "--passphrase-file", str(good)
    )
    laptop = tmp_path / "laptop"
    code, _, err = run(capsys, laptop, "restore", str(stick), "--passphrase-file", str(bad))
    assert code == 1 and "Kata sandi salah" in err
    assert not (laptop / "satudesa.sqlite3").exists()


def test_worker_restore_by_nik_brings_back_the_removed_worker(village, capsys):
    registry.register_worker(village, SITI)
    code, _, err = run(capsys, village.data_dir, "worker", "remove", SITI.nik, "--reason", "pindah")
    assert code == 0, err
    assert run_json(capsys, village.data_dir, "worker", "list")["total"] == 0
    assert run_json(capsys, village.data_dir, "worker", "list", "--removed")["total"] == 1
    restored = run_json(capsys, village.data_dir, "worker", "restore", SITI.nik)
    assert restored["deleted_at"] is None
    assert run_json(capsys, village.data_dir, "worker", "list")["total"] == 1
