"""The letter-number register: every number given out, so none is given twice."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from desktop_app.device.clock import utc_now


def issued(db: Database, kind: str, worker_id: str, year: int) -> tuple[str, dt.date] | None:
    """The number and date of a worker's letter of `kind` for fiscal `year`, if printed."""
    row = db.execute(
        "SELECT number, issued_on FROM letters "
        "WHERE kind = ? AND worker_id = ? AND fiscal_year = ?",
        [kind, worker_id, year],
    ).fetchone()
    return None if row is None else (row[0], dt.date.fromisoformat(row[1]))


def next_seq(db: Database, issued_year: int) -> int:
    """The next place in the calendar year's book of outgoing letters."""
    return int(
        db.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM letters WHERE issued_on BETWEEN ? AND ?",
            [f"{issued_year}-01-01", f"{issued_year}-12-31"],
        ).fetchone()[0]
    )


def record(
    db: Database,
    number: str,
    kind: str,
    worker_id: str,
    year: int,
    issued_on: dt.date,
    seq: int,
    user: str,
) -> None:
    db.execute(
        "INSERT INTO letters(number, kind, worker_id, fiscal_year, issued_on, seq, printed_at, "
        "printed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [number, kind, worker_id, year, issued_on.isoformat(), seq, utc_now(), user],
    )


def count_reprint(db: Database, number: str) -> None:
    db.execute("UPDATE letters SET reprints = reprints + 1 WHERE number = ?", [number])


def number_taken(db: Database, number: str) -> bool:
    return db.execute("SELECT 1 FROM letters WHERE number = ?", [number]).fetchone() is not None
