"""The demo is a demo: its own folder, CONTOH on its letters and cards, refused by a district."""

from __future__ import annotations

import datetime as dt

from cli_helpers import run, run_json
from pypdf import PdfReader

from desktop_app.cli.main import main
from desktop_app.services.installation import demo_data_dir, open_installation


def _text(pdf) -> str:
    return " ".join(page.extract_text() for page in PdfReader(pdf).pages)


def test_demo_without_a_data_folder_goes_beside_the_real_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["demo", "--workers", "3"]) == 0
    capsys.readouterr()
    assert demo_data_dir() == tmp_path / "SatuDesa-Demo"
    assert (tmp_path / "SatuDesa-Demo" / "satudesa.sqlite3").exists()
    assert not (tmp_path / "SatuDesa").exists()
    inst = open_installation(tmp_path / "SatuDesa-Demo")
    assert inst.demo
    inst.close()


def test_demo_letters_and_cards_say_contoh_and_real_ones_do_not(tmp_path, capsys):
    year = str(dt.date.today().year)
    demo = tmp_path / "contoh"
    run_json(capsys, demo, "demo", "--workers", "3")
    for kind in ("letters", "cards"):
        out = tmp_path / f"{kind}.pdf"
        assert run(capsys, demo, "print", kind, "--year", year, "--out", str(out))[0] == 0
        assert "CONTOH" in _text(out)

    real = tmp_path / "desa"
    run_json(capsys, real, "init", "village", "--code", "65.03.10.2004")
    run_json(capsys, real, "letterhead", "--head-name", "Hj. Nurhayati Basri")
    run_json(
        capsys, real, "worker", "add", "--nik", "6503104508900001", "--name", "Siti Aminah",
        "--birth-date", "05-08-1990", "--sex", "P", "--occupation", "nelayan",
        "--monthly-income", "1.500.000",
    )  # fmt: skip
    run_json(capsys, real, "budget", "set", "--year", year, "--amount", "40.000.000")
    run_json(capsys, real, "fund", "--year", year, "--all")
    out = tmp_path / "real-letters.pdf"
    assert run(capsys, real, "print", "letters", "--year", year, "--out", str(out))[0] == 0
    assert "Siti Aminah" in _text(out) and "CONTOH" not in _text(out)


def test_a_district_refuses_the_batch_of_a_demo_village(tmp_path, capsys):
    district, demo, usb = tmp_path / "kab", tmp_path / "contoh", tmp_path / "usb"
    usb.mkdir()
    run_json(capsys, district, "init", "district", "--code", "65.03")
    run_json(capsys, demo, "demo", "--workers", "3")
    profile = district / "profil-kabupaten-65.03.json"
    run_json(capsys, demo, "district-profile", str(profile))
    run_json(capsys, demo, "export", "--out", str(usb))
    [batch] = usb.glob("*.sdsync")
    code, out, _ = run(capsys, district, "import", str(batch), "--trust-new")
    assert code == 1
    assert "DITOLAK" in out and "desa CONTOH (Tanjung Aru)" in out and "tidak diterima" in out
    assert run_json(capsys, district, "villages") == []


def test_a_demo_district_takes_demo_villages_but_refuses_a_real_one(tmp_path, capsys):
    kab, usb = tmp_path / "kab-demo", tmp_path / "usb"
    usb.mkdir()
    made = run_json(capsys, kab, "demo", "--district", "--villages", "2", "--workers", "3")
    assert len(made["villages"]) == 2 and len(run_json(capsys, kab, "villages")) == 2
    real = tmp_path / "desa"
    profile = kab / "profil-kabupaten-65.03.json"
    run_json(
        capsys, real, "init", "village", "--code", "65.03.10.2004", "--district-profile",
        str(profile),
    )  # fmt: skip
    run_json(
        capsys, real, "worker", "add", "--nik", "6503104508900001", "--name", "Siti Aminah",
        "--birth-date", "05-08-1990", "--sex", "P", "--occupation", "nelayan",
        "--monthly-income", "1.500.000",
    )  # fmt: skip
    run_json(capsys, real, "export", "--out", str(usb))
    [batch] = usb.glob("*.sdsync")
    code, out, _ = run(capsys, kab, "import", str(batch), "--trust-new")
    assert code == 1 and "CONTOH" in out and "kabupaten yang sebenarnya" in out
    assert len(run_json(capsys, kab, "villages")) == 2
