"""Files written by released versions stay readable: every old schema, and sync format 1.

The files in tests/golden/ were made once by `tests/golden/make_golden.py` and are never
regenerated, so a change that breaks reading what villages already hold fails here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import run, run_json

from desktop_app.store import migrations, workers
from desktop_app.store.db import open_database

GOLDEN = Path(__file__).parent / "golden"
OLD_DATABASES = sorted(GOLDEN.glob("db-v*.sqlite3"))


def test_every_released_schema_has_a_golden_database():
    versions = {int(p.stem.removeprefix("db-v")) for p in OLD_DATABASES}
    assert versions == set(range(1, max(versions) + 1))
    assert max(versions) >= 6


@pytest.mark.parametrize("golden", OLD_DATABASES, ids=lambda p: p.stem)
def test_an_old_database_is_brought_up_to_date_with_its_worker_intact(golden, tmp_path):
    path = tmp_path / "satudesa.sqlite3"
    shutil.copy(golden, path)
    db = open_database(path)
    assert migrations.schema_version(db) == len(migrations.STEPS)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    (siti,) = workers.list_workers(db, search="siti ami")
    assert (siti.id, siti.nik, str(siti.birth_date)) == (
        "01A",
        "6503104508900001",
        "1990-08-05",
    )


def copy_installation(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(GOLDEN / name, target)
    return target


def test_a_village_of_schema_6_opens_lists_and_reports(tmp_path, capsys):
    village = copy_installation("village-v6", tmp_path)
    listed = run_json(capsys, village, "worker", "list")
    assert listed["total"] == 5 and len(listed["workers"]) == 5
    code, out, err = run(capsys, village, "report", "coverage", "--year", "2026")
    assert code == 0, err
    assert "Terdaftar" in out


def test_a_batch_of_sync_format_1_is_applied_by_a_district_of_schema_6(tmp_path, capsys):
    district = copy_installation("district-v6", tmp_path)
    batch = GOLDEN / "batch-format1-schema6.sdsync"
    (result,) = run_json(capsys, district, "import", str(batch), "--trust-new")
    assert result["status"] == "applied", result
    (village,) = run_json(capsys, district, "villages")
    assert (village["code"], village["workers"], village["applied_seq"]) == (
        "65.03.10.2004",
        5,
        10,
    )
    (again,) = run_json(capsys, district, "import", str(batch))
    assert again["status"] != "applied"
