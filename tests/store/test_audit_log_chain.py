"""The audit log's hash chain: entries written before it existed are chained by the migration,
and an entry changed or deleted in the file is named by `verify`."""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from desktop_app.store import audit, migrations
from desktop_app.store.db import open_database, transaction

CHAINED_AT = migrations.STEPS.index(migrations.add_people_and_audit_chain)


def old_database_with_audit(path) -> None:
    """A database from before the chain, with three audit entries written the old way."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(Database(conn), target=CHAINED_AT)
    for n in (1, 2, 3):
        conn.execute(
            "INSERT INTO audit_log(at, user, action, entity, entity_id, before, after) "
            "VALUES (?, 'operator', 'register', 'worker', ?, NULL, '{}')",
            [f"2026-11-0{n}T01:00:00+00:00", f"0{n}"],
        )
    conn.close()


def test_entries_from_before_the_chain_are_chained_in_order_and_new_ones_continue_it(tmp_path):
    path = tmp_path / "old.sqlite3"
    old_database_with_audit(path)
    db = open_database(path)
    assert audit.verify(db) == (3, None)
    with transaction(db):
        audit.record(db, "ani", "update", "worker", "01", {"a": 1}, {"a": 2})
    assert audit.verify(db) == (4, None)
    rows = list(db.query("SELECT prev_hash, hash FROM audit_log ORDER BY id"))
    assert rows[0]["prev_hash"] == audit.GENESIS
    assert all(rows[i]["prev_hash"] == rows[i - 1]["hash"] for i in range(1, 4))


def test_a_deleted_entry_is_named_by_the_one_after_it(tmp_path):
    path = tmp_path / "old.sqlite3"
    old_database_with_audit(path)
    db = open_database(path)
    db.execute("DELETE FROM audit_log WHERE id = 2")
    _, broken = audit.verify(db)
    assert (broken.entry_id, broken.reason) == (3, "missing_before")


def test_the_district_proof_is_recomputed_from_content_not_read_from_stored_hashes(tmp_path):
    path = tmp_path / "old.sqlite3"
    old_database_with_audit(path)
    db = open_database(path)
    count, head, at = audit.chain_hashes(db, [2])
    assert (count, head) == (3, db.execute("SELECT hash FROM audit_log WHERE id = 3").fetchone()[0])
    db.execute("UPDATE audit_log SET after = '{\"x\": 1}' WHERE id = 1")
    assert audit.chain_hashes(db, [2])[2][2] != at[2]
