"""Write the golden files that tests/test_golden.py reads. Run once per released version:

    python tests/golden/make_golden.py

It only adds what is missing — a file that already exists is a released format and is never
made again, so a change that breaks reading it fails the tests instead of rewriting the proof.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from sqlite_utils import Database

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from desktop_app.services import sync  # noqa: E402
from desktop_app.services.demo import make_demo  # noqa: E402
from desktop_app.services.installation import bind_district, init_district  # noqa: E402
from desktop_app.store import migrations  # noqa: E402

SITI = (
    "INSERT INTO workers(id, nik, full_name, birth_date, sex, village_code, occupation, "
    "monthly_income, created_at, created_by, updated_at, updated_by) VALUES "
    "('01A', '6503104508900001', 'Siti Aminah', '1990-08-05', 'P', '65.03.10.2004', "
    "'petani', 1000000, '2026-11-01T00:00:00+00:00', 'operator', "
    "'2026-11-01T00:00:00+00:00', 'operator')"
)


def database_at(version: int) -> None:
    """An empty-but-for-Siti database as an app at schema `version` left it."""
    path = HERE / f"db-v{version}.sqlite3"
    if path.exists():
        return
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(Database(conn), target=version)
    conn.execute(SITI)
    conn.execute("VACUUM")
    conn.close()


def installations(version: int) -> None:
    """A district and a funded demo village at schema `version`, and the village's first batch."""
    village_dir, district_dir = HERE / f"village-v{version}", HERE / f"district-v{version}"
    if village_dir.exists():
        return
    with tempfile.TemporaryDirectory() as tmp:
        district, profile = init_district(Path(tmp) / "kab", "65.03")
        village = make_demo(Path(tmp) / "desa", workers=5)
        bind_district(village, profile)
        (exported,) = sync.export(village, Path(tmp))
        shutil.copy(exported.path, HERE / f"batch-format1-schema{version}.sdsync")
        for inst, target in ((village, village_dir), (district, district_dir)):
            inst.db.execute("VACUUM")
            inst.close()
            shutil.copytree(
                inst.data_dir, target, ignore=shutil.ignore_patterns("*.log", "*-wal", "*-shm")
            )


if __name__ == "__main__":
    released = len(migrations.STEPS)
    for v in range(1, released + 1):
        database_at(v)
    installations(released)
