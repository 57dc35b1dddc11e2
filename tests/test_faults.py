"""Faults: commands killed part-way (as by a power cut) and a disk with no room left.

A short run of bench/kill_test.py: a few kill points per operation. The long run (every
statement of every operation) is recorded in docs/reliability.md.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import ROOT, add_worker, run
from forms import BUDI

from desktop_app.services import registry
from desktop_app.services.installation import init_village, open_installation

sys.path.insert(0, str(ROOT / "bench"))
import kill_test


@pytest.mark.parametrize("operation", list(kill_test.OPERATIONS))
def test_an_operation_killed_part_way_leaves_the_database_as_before(operation, tmp_path):
    outcome = kill_test.kill_operation(tmp_path / "kill", operation, workers=3, points=[1, 3])
    assert outcome.kills >= 1 and outcome.lost == 0


def limited(size: int):
    """Run a child with files capped at `size` bytes: writing past it fails as a full disk does."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, do not kill the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


ADD_BUDI = [
    "worker", "add", "--nik", "6503101203850002", "--name", "Budi Santoso", "--birth-date",
    "12-03-1985", "--sex", "L", "--occupation", "motoris", "--monthly-income", "2.000.000",
]  # fmt: skip


# 70,000 bytes: the register opens, and the write-ahead log finds no room for the new worker's
# pages. Below ~64 KB the statement journal of the insert (one page per index it touches)
# spills to a temporary file first, which SQLite reports only as a generic I/O error.
@pytest.mark.parametrize("room", [8_192, 70_000], ids=["no room to open", "no room to write"])
def test_a_full_disk_is_a_clear_refusal_and_corrupts_nothing(room, tmp_path, capsys):
    desa = tmp_path / "desa"
    assert run(capsys, desa, "init", "village", "--code", "65.03.10.2004")[0] == 0
    add_worker(capsys, desa, "6503104508900001", "Siti Aminah", "05-08-1990", "P", "nelayan")
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(desa), *ADD_BUDI],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=limited(room),
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("Ditolak: Penyimpanan laptop penuh")
    assert "Traceback" not in done.stderr + done.stdout
    conn = sqlite3.connect(desa / "satudesa.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT full_name FROM workers").fetchall() == [("Siti Aminah",)]
        assert conn.execute("SELECT count(*) FROM changes").fetchone() == (1,)
    finally:
        conn.close()
    # With room again, the same command goes through.
    assert run(capsys, desa, *ADD_BUDI)[0] == 0


# Seed 120 sample workers into the register at argv[1]; unless killed part-way, count the
# writes the kill would count and print their number.
SEED = """
import os, sys
from pathlib import Path
from desktop_app.services.demo import seed_workers
from desktop_app.services.installation import open_installation
from desktop_app.store.db import _WRITES, FAULT_ENV
inst = open_installation(Path(sys.argv[1]))
writes = []
if FAULT_ENV not in os.environ:
    inst.db.conn.set_trace_callback(
        lambda sql: writes.append(1) if sql.lstrip().upper().startswith(_WRITES) else None
    )
seed_workers(inst, 120, 5)
print(len(writes))
"""


def seed_child(folder: Path, fault_after: int | None) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop(kill_test.FAULT_ENV, None)
    if fault_after:
        env[kill_test.FAULT_ENV] = str(fault_after)
    done = subprocess.run(
        [sys.executable, "-c", SEED, str(folder)], env=env, capture_output=True, text=True
    )
    assert done.returncode in (0, kill_test.FAULT_EXIT), done.stderr
    return done.returncode, done.stdout


def test_a_seeding_killed_part_way_leaves_the_register_as_before(tmp_path):
    """Seeding writes with a rollback journal and builds the list's indexes at the end: killed
    while writing rows, while building, or at its commit, the register is as it was."""
    before = tmp_path / "before"
    village = init_village(before, "65.03.10.2004", user="operator")
    registry.register_worker(village, BUDI)
    village.close()
    expected = kill_test.dump(before)
    reference = tmp_path / "reference"
    shutil.copytree(before, reference)
    code, out = seed_child(reference, None)
    writes = int(out)
    assert code == 0 and len(kill_test.dump(reference)) > len(expected) + 400
    for point in (2, 300, writes - 1, writes):  # the last two: the live count, then the commit
        trial = tmp_path / f"trial-{point}"
        shutil.copytree(before, trial)
        assert seed_child(trial, point)[0] == kill_test.FAULT_EXIT
        assert kill_test.dump(trial) == expected, point
        with open_installation(trial) as reopened:  # the app writes ahead of a log again
            assert reopened.db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
