"""Schema versions: an old database is brought up to date; a newer one is refused."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from desktop_app.domain.errors import Refused
from desktop_app.store import migrations, workers
from desktop_app.store.db import open_database


def database_at(path, version: int) -> sqlite3.Connection:
    """A database file left at schema `version` by an older app, holding Siti Aminah (01A)."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(Database(conn), target=version)
    conn.execute(
        "INSERT INTO workers(id, nik, full_name, birth_date, sex, village_code, occupation, "
        "monthly_income, created_at, created_by, updated_at, updated_by) VALUES "
        "('01A', '6503104508900001', 'Siti Aminah', '1990-08-05', 'P', '65.03.10.2004', "
        "'petani', 1000000, 't', 'u', 't', 'u')"
    )
    return conn


def test_version_1_database_is_migrated_and_its_workers_become_searchable(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = database_at(path, 1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()

    db = open_database(path)
    assert migrations.schema_version(db) == len(migrations.STEPS)
    assert [w.full_name for w in workers.list_workers(db, search="ami")] == ["Siti Aminah"]


def test_database_newer_than_the_code_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(migrations.STEPS) + 1}")
    conn.close()
    with pytest.raises(Refused) as e:
        open_database(path)
    assert e.value.code == "db.too_new"


def test_failed_step_leaves_the_database_at_the_previous_version(tmp_path, monkeypatch):
    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, broken])
    with pytest.raises(RuntimeError):
        open_database(tmp_path / "x.sqlite3")
    conn = sqlite3.connect(tmp_path / "x.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.STEPS) - 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables


def test_search_matches_prefixes_of_every_word_and_ignores_removed_rows(village):
    from forms import BUDI, SITI

    from desktop_app.services import registry

    siti = registry.register_worker(village, SITI).worker
    registry.register_worker(village, BUDI)
    assert [w.nik for w in workers.list_workers(village.db, search="sit amin")] == [siti.nik]
    assert len(workers.list_workers(village.db, search="650310")) == 2
    assert len(workers.list_workers(village.db, search="aji kun")) == 1
    registry.remove_worker(village, siti.id, "salah input")
    assert workers.list_workers(village.db, search="siti") == []


def test_letters_printed_before_version_6_keep_their_numbers_and_get_their_year_of_issue(
    tmp_path,
):
    from desktop_app.store import letters

    path = tmp_path / "v5.sqlite3"
    conn = database_at(path, 5)
    conn.execute(
        "INSERT INTO letters(number, kind, worker_id, fiscal_year, seq, printed_at, printed_by) "
        "VALUES ('400.10/007/DS/XII/2026', 'enrollment', '01A', 2027, 7, "
        "'2026-12-02T03:00:00Z', 'operator')"
    )
    conn.close()

    db = open_database(path)
    number, signed = letters.issued(db, "enrollment", "01A", 2027)
    assert number == "400.10/007/DS/XII/2026" and signed.isoformat() == "2026-12-02"
    assert letters.next_seq(db, 2026) == 8 and letters.next_seq(db, 2027) == 1


def test_names_with_apostrophes_saved_before_the_search_rebuild_are_found_without_them(tmp_path):
    path = tmp_path / "old.sqlite3"
    step = migrations.STEPS.index(migrations.search_names_without_apostrophes)
    conn = database_at(path, step)
    conn.execute("UPDATE workers SET full_name = 'Nur’aini Ma''ruf' WHERE id = '01A'")
    conn.close()

    db = open_database(path)
    for typed in ("nuraini", "maruf", "ma'ruf", "Nur’a"):
        assert [w.full_name for w in workers.list_workers(db, search=typed)] == [
            "Nur’aini Ma'ruf"
        ], typed
    db.execute("UPDATE workers SET full_name = 'Siti Aminah' WHERE id = '01A'")
    assert workers.list_workers(db, search="maruf") == []
    assert workers.count_workers(db, search="siti") == 1
