"""Wiping a person's data from the database for good: rows, change log, audit log, index, file.

Only the columns that say who the person is are wiped; what the anonymous counts need (sex,
occupation, year of birth, dusun, income, programs, coverage, status) stays. An UPDATE alone
leaves the old bytes in the full-text index's segments, in the write-ahead log and in free
pages, so `compact()` merges the index, rebuilds the file and empties the log.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from desktop_app.device.clock import utc_now
from desktop_app.device.files import is_disk_full
from desktop_app.store import audit

# What stays of a worker record (in the change log, the audit log, the district's copy).
KEPT_FIELDS = (
    "id",
    "village_code",
    "sex",
    "dusun",
    "occupation",
    "monthly_income",
    "programs",
    "status",
    "created_at",
    "updated_at",
    "deleted_at",
)


def birth_year_only(birth_date: str | None) -> str:
    """The year of birth, kept for age bands, as a date on 1 January."""
    return f"{(birth_date or '1900')[:4]}-01-01"


def anonymous_record(record: dict[str, Any]) -> dict[str, Any]:
    """A worker record with every identifying field gone."""
    kept = {k: record[k] for k in KEPT_FIELDS if k in record}
    if "birth_date" in record:
        kept["birth_date"] = birth_year_only(record["birth_date"])
    return {**kept, "erased": True}


def _rewrite_json(
    db: Database,
    table: str,
    key: str,
    columns: tuple[str, ...],
    where: str,
    params: list[Any],
    fn: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    rows = db.execute(f"SELECT {key}, {', '.join(columns)} FROM {table} WHERE {where}", params)
    for row in rows.fetchall():
        values = [None if v is None else json.dumps(fn(json.loads(v))) for v in row[1:]]
        assignments = ", ".join(f"{c} = ?" for c in columns)
        db.execute(f"UPDATE {table} SET {assignments} WHERE {key} = ?", [*values, row[0]])


def _anonymous_event(event: dict[str, Any]) -> dict[str, Any]:
    return {**event, "place": None, "detail": None, "disability_part": None}


def erase_village_worker(db: Database, worker_id: str, user: str) -> None:
    """Wipe one removed worker of a village (the caller holds the transaction)."""
    db.execute("PRAGMA secure_delete = ON")  # freed space is zeroed, not left as it was
    birth = db.execute("SELECT birth_date FROM workers WHERE id = ?", [worker_id]).fetchone()[0]
    db.execute(
        "UPDATE workers SET nik = '', kk_number = NULL, full_name = '', birth_place = NULL, "
        "birth_date = ?, address = NULL, rt = NULL, rw = NULL, phone = NULL, "
        "occupation_other = NULL, kpj_number = NULL, nik_mismatch_reason = NULL WHERE id = ?",
        [birth_year_only(birth), worker_id],
    )
    db.execute(
        "UPDATE duplicate_pairs SET reason = NULL WHERE worker_id = ? OR other_id = ?",
        [worker_id, worker_id],
    )
    db.execute("DELETE FROM heirs WHERE worker_id = ?", [worker_id])
    db.execute("DELETE FROM children WHERE worker_id = ?", [worker_id])
    events = [r[0] for r in db.execute("SELECT id FROM events WHERE worker_id = ?", [worker_id])]
    db.execute(
        "UPDATE events SET place = NULL, detail = NULL, disability_part = NULL WHERE worker_id = ?",
        [worker_id],
    )
    _rewrite_json(
        db,
        "changes",
        "seq",
        ("payload",),
        "entity = 'worker' AND entity_id = ?",
        [worker_id],
        anonymous_record,
    )
    audit.redact(db, "worker", worker_id)
    for event_id in events:
        _rewrite_json(
            db,
            "changes",
            "seq",
            ("payload",),
            "entity = 'event' AND entity_id = ?",
            [event_id],
            _anonymous_event,
        )
        audit.redact(db, "event", event_id)
    _record(db, worker_id, user)


def erase_district_worker(db: Database, worker_id: str, user: str) -> None:
    """Wipe the district's copy of one removed worker and the findings that name them."""
    db.execute("PRAGMA secure_delete = ON")
    row = db.execute(
        "SELECT nik, birth_date, record FROM district_workers WHERE id = ?", [worker_id]
    ).fetchone()
    nik, birth, record = row
    db.execute(
        "UPDATE district_workers SET nik = '', full_name = '', name_key = '', birth_date = ?, "
        "record = ?, "
        "kpj_number = NULL, occupation_other = NULL WHERE id = ?",
        [birth_year_only(birth), json.dumps(anonymous_record(json.loads(record))), worker_id],
    )
    db.execute(
        "UPDATE findings SET nik = NULL, detail = '(data pribadi telah dihapus)' "
        "WHERE worker_id = ? OR nik = ?",
        [worker_id, nik],
    )
    _record(db, worker_id, user)


def _record(db: Database, worker_id: str, user: str) -> None:
    db.execute(
        "INSERT OR REPLACE INTO erasures(worker_id, erased_at, erased_by) VALUES (?, ?, ?)",
        [worker_id, utc_now(), user],
    )


def is_erased(db: Database, worker_id: str) -> bool:
    found = db.execute("SELECT 1 FROM erasures WHERE worker_id = ?", [worker_id]).fetchone()
    return found is not None


def removed_village_workers(db: Database) -> list[tuple[str, str]]:
    """(id, deleted_at) of removed, not yet erased workers of a village."""
    return db.execute(
        "SELECT id, deleted_at FROM workers WHERE deleted_at IS NOT NULL "
        "AND id NOT IN (SELECT worker_id FROM erasures)"
    ).fetchall()


def removed_district_workers(db: Database) -> list[tuple[str, str]]:
    return db.execute(
        "SELECT id, deleted_at FROM district_workers WHERE deleted_at IS NOT NULL "
        "AND id NOT IN (SELECT worker_id FROM erasures)"
    ).fetchall()


def last_delete_seq(db: Database, worker_id: str) -> int:
    """The change-log number of the worker's removal (the district must have it first)."""
    row = db.execute(
        "SELECT max(seq) FROM changes WHERE entity = 'worker' AND entity_id = ? AND op = 'delete'",
        [worker_id],
    ).fetchone()
    return row[0] or 0


def compact(db: Database) -> bool:
    """Leave no copy of wiped values in the index, the file's free pages or the log; False
    when the disk has no room for it (VACUUM needs about the file's size), to try again later.

    Runs outside any transaction: VACUUM cannot run inside one.
    """
    try:
        # Every search index (the village's, and the district's across villages): merging its
        # segments drops the tokens of wiped rows, which a delete only marks.
        for (index,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
        ).fetchall():
            db.execute(f"INSERT INTO {index}({index}) VALUES ('optimize')")
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as e:
        if is_disk_full(e):
            return False
        raise
    return True
