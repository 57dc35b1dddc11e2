"""The letter-number register: every number given out, so none is given twice."""

from __future__ import annotations

import sqlite_utils

from desktop_app.store.clock import utc_now


def number_of(db: sqlite_utils.Database, kind: str, worker_id: str, year: int) -> str | None:
    row = db.execute(
        "SELECT number FROM letters WHERE kind = ? AND worker_id = ? AND fiscal_year = ?",
        [kind, worker_id, year],
    ).fetchone()
    return None if row is None else row[0]


def next_seq(db: sqlite_utils.Database, year: int) -> int:
    return db.execute(
        "SELECT coalesce(max(seq), 0) + 1 FROM letters WHERE fiscal_year = ?", [year]
    ).fetchone()[0]


def record(
    db: sqlite_utils.Database,
    number: str,
    kind: str,
    worker_id: str,
    year: int,
    seq: int,
    user: str,
) -> None:
    db.execute(
        "INSERT INTO letters(number, kind, worker_id, fiscal_year, seq, printed_at, printed_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [number, kind, worker_id, year, seq, utc_now(), user],
    )


def count_reprint(db: sqlite_utils.Database, number: str) -> None:
    db.execute("UPDATE letters SET reprints = reprints + 1 WHERE number = ?", [number])


def number_taken(db: sqlite_utils.Database, number: str) -> bool:
    return db.execute("SELECT 1 FROM letters WHERE number = ?", [number]).fetchone() is not None
