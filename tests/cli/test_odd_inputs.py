"""Inputs that once ended in "Terjadi kesalahan yang tidak terduga": each is a clear refusal (or a
usage error) now, and the data stays exactly as it was."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys

import pytest
from cli_helpers import ROOT, run, run_json

from desktop_app.store.db import DB_FILENAME

WORKER = (
    *("--nik", "6503104508900009", "--birth-date", "05-08-1990", "--sex", "P"),
    *("--occupation", "nelayan", "--monthly-income", "1.500.000"),
)


def rows_digest(data_dir) -> str:
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    digest = hashlib.sha256()
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY 1"):
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
            digest.update(repr(row).encode())
    conn.close()
    return digest.hexdigest()


REFUSED = {
    "amount-5000-digits": ("budget", "set", "--amount", "9" * 5000),
    "amount-1e25": ("budget", "set", "--amount", "1e25"),
    "month-13": ("report", "renewals", "--month", "2028-13"),
    "pattern-attribute-access": ("letterhead", "--number-pattern", "{seq}{seq.__class__}"),
    "pattern-huge-width": ("letterhead", "--number-pattern", "{seq}{year:>999999999}"),
    "report-over-the-live-database": (
        "report",
        "coverage",
        "--format",
        "csv",
        "--out",
        "{data}/satudesa.sqlite3",
    ),
    "income-5000-digits": ("worker", "add", "--name", "Siti Aminah", *WORKER[:-1], "9" * 5000),
}

USAGE = {
    "year-1e20": ("report", "coverage", "--year", "1e20"),
    "year-huge": ("budget", "show", "--year", "99999999999999999999"),
    "year-0": ("budget", "set", "--year", "0", "--amount", "1000"),
    "limit-huge": ("worker", "list", "--limit", "99999999999999999999999"),
    "negative-working-residents": (
        "budget",
        "set",
        "--amount",
        "30.000.000",
        "--working-residents",
        "-5",
    ),
}


@pytest.mark.parametrize(
    "year, residents", [(0, None), (10**20, None), (2026, -5), (2026, 0)], ids=str
)
def test_the_budget_service_refuses_year_0_and_negative_residents(demo_village, year, residents):
    from desktop_app.domain.errors import InvalidInput
    from desktop_app.services import budget

    before = rows_digest(demo_village.data_dir)
    with pytest.raises(InvalidInput):
        budget.set_budget(demo_village, year, 30_000_000, working_residents=residents)
    assert rows_digest(demo_village.data_dir) == before


@pytest.mark.parametrize("args", REFUSED.values(), ids=REFUSED.keys())
def test_odd_input_is_refused_in_words_and_changes_nothing(demo_village, capsys, args):
    data = demo_village.data_dir
    before = rows_digest(data)
    db_bytes = (data / DB_FILENAME).read_bytes()
    code, _, err = run(capsys, data, *(a.replace("{data}", str(data)) for a in args))
    assert code in (1, 2) and "tidak terduga" not in err and err.strip(), err
    assert rows_digest(data) == before
    assert (data / DB_FILENAME).read_bytes()[:16] == db_bytes[:16] == b"SQLite format 3\0"


@pytest.mark.parametrize("args", USAGE.values(), ids=USAGE.keys())
def test_odd_number_is_a_usage_error(demo_village, capsys, args):
    with pytest.raises(SystemExit) as usage:
        run(capsys, demo_village.data_dir, *args)
    assert usage.value.code == 2 and "tidak terduga" not in capsys.readouterr().err


def test_text_that_is_not_utf8_is_refused(demo_village):
    """The shell hands Python raw bytes; they arrive as lone surrogates in argv."""
    data = demo_village.data_dir
    before = rows_digest(data)
    name = os.fsencode("Siti ") + b"\xff"
    argv: list[str | bytes] = [sys.executable, "-m", "desktop_app", "--data-dir", str(data)]
    argv += ["worker", "add", "--name", name, *WORKER]
    done = subprocess.run(
        argv,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "UTF-8" in done.stderr
    assert rows_digest(data) == before


def test_search_for_a_letter_that_lowers_to_two_characters(demo_village, capsys):
    assert run_json(capsys, demo_village.data_dir, "worker", "list", "--search", "İ")["total"] >= 0


def test_an_id_prefix_of_underscores_matches_no_one(demo_village, capsys):
    code, _, err = run(capsys, demo_village.data_dir, "worker", "show", "______")
    assert code == 1 and "tidak ditemukan" in err


def test_a_locked_database_is_a_clear_refusal(demo_village, capsys):
    blocker = sqlite3.connect(demo_village.data_dir / DB_FILENAME, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = run(capsys, demo_village.data_dir, "budget", "set", "--amount", "30.000.000")
    finally:
        blocker.rollback()
        blocker.close()
    assert code == 1 and "sedang dipakai" in err


def test_an_event_before_the_workers_birth_is_refused(demo_village, capsys):
    (first,) = run_json(capsys, demo_village.data_dir, "worker", "list", "--limit", "1")["workers"]
    before = rows_digest(demo_village.data_dir)
    code, _, err = run(
        capsys,
        demo_village.data_dir,
        "event",
        "add",
        first["id"],
        "accident",
        "--date",
        "1950-01-01",
        "--cause",
        "work",
    )
    assert code == 1 and "sebelum tanggal lahir" in err
    assert rows_digest(demo_village.data_dir) == before


def test_search_for_İ_in_the_window_keeps_the_list_whole(qtbot, demo_village):
    from PySide6.QtWidgets import QLineEdit, QTableView

    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    table = window.findChild(QTableView, "worker_table")
    window.findChild(QLineEdit, "search").setText("İ")
    qtbot.waitUntil(lambda: table.model().rowCount() < 30)
    window.findChild(QLineEdit, "search").setText("")
    qtbot.waitUntil(lambda: table.model().rowCount() == 30)
