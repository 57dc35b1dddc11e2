"""A long name can neither be saved past its limit nor make laying out a document blow up."""

from __future__ import annotations

import pytest
from cli_helpers import run, run_json

from desktop_app.documents import layout
from desktop_app.documents.fonts import SANS


def measured_calls(monkeypatch, text: str) -> int:
    calls = 0
    real = layout.stringWidth

    def counting(*args):
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(layout, "stringWidth", counting)
    lines, size = layout.fit_lines(text, SANS, 200, 12, 8, max_lines=2)
    monkeypatch.setattr(layout, "stringWidth", real)
    assert all(layout.stringWidth(line, SANS, size) <= 200.01 for line in lines)
    return calls


@pytest.mark.parametrize("word", ["A" * 10, "Abdurrahman"], ids=["one-long-word", "many-words"])
def test_fitting_a_text_twice_as_long_measures_about_twice_as_much(monkeypatch, word):
    short = " ".join([word] * 200) if word != "A" * 10 else "A" * 2_000
    long = " ".join([word] * 400) if word != "A" * 10 else "A" * 4_000
    ratio = measured_calls(monkeypatch, long) / measured_calls(monkeypatch, short)
    assert ratio < 2.2, ratio


def test_wrapping_breaks_a_word_wider_than_the_line_between_characters():
    lines = layout.wrap_words("Siti " + "M" * 60 + " Aminah", SANS, 10, 100)
    assert "".join(lines).replace(" ", "") == "Siti" + "M" * 60 + "Aminah"
    assert all(layout.stringWidth(line, SANS, 10) <= 100 for line in lines)


@pytest.mark.parametrize("length", [101, 100_000])
def test_a_name_longer_than_on_a_ktp_is_refused_and_nothing_saved(village, capsys, length):
    code, _, err = run(
        capsys,
        village.data_dir,
        "worker",
        "add",
        *("--nik", "6503104508900001", "--name", "A" * length, "--birth-date", "05-08-1990"),
        *("--sex", "P", "--occupation", "nelayan", "--monthly-income", "1.500.000"),
    )
    assert code == 1 and "paling banyak 100 huruf" in err
    assert run_json(capsys, village.data_dir, "worker", "list")["total"] == 0


def test_every_free_text_field_has_a_limit(village, capsys):
    code, _, err = run(
        capsys,
        village.data_dir,
        "worker",
        "add",
        *("--nik", "6503104508900001", "--name", "Siti Aminah", "--birth-date", "05-08-1990"),
        *("--sex", "P", "--occupation", "nelayan", "--monthly-income", "1.500.000"),
        *("--address", "Jalan " * 50, "--dusun", "D" * 61, "--birth-place", "T" * 61),
    )
    assert code == 1
    assert all(f in err for f in ("Alamat terlalu panjang", "Dusun terlalu", "Tempat lahir"))


def test_letterhead_and_village_name_have_limits_too(village, capsys, tmp_path):
    code, _, err = run(capsys, village.data_dir, "letterhead", "--head-name", "A" * 5_000)
    assert code == 1 and "Nama kepala desa terlalu panjang" in err
    code, _, err = run(
        capsys, tmp_path / "lain", "init", "village", "--code", "65.03.10.2004", "--name", "B" * 500
    )
    assert code == 1 and "Nama desa terlalu panjang" in err
