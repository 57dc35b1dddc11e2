"""The village's record of exported batches (which outbox ranges went into which file)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop_app.device.clock import utc_now


def last_exported_seq(db: Database) -> int:
    return int(db.execute("SELECT coalesce(max(last_seq), 0) FROM batches").fetchone()[0])


def record_export(db: Database, first: int, last: int, file_name: str) -> None:
    db.execute(
        "INSERT OR REPLACE INTO batches(first_seq, last_seq, file_name, created_at) "
        "VALUES (?, ?, ?, ?)",
        [first, last, file_name, utc_now()],
    )


def forget_exports(db: Database) -> None:
    """Start sending from change 1 again (a new district has received nothing)."""
    db.execute("DELETE FROM batches")


def exported(db: Database) -> list[dict[str, Any]]:
    """Every batch file written, oldest first: range, file name and time."""
    return list(db.query("SELECT * FROM batches ORDER BY first_seq"))
