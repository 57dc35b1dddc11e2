"""The register of printed participant cards, and the district's copy of the latest of each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlite_utils import Database

from desktop_app.device.clock import utc_now


def issue(db: Database, worker_id: str, issued_on: dt.date, user: str) -> int:
    """Register a new card for the worker and return its serial (1, 2, ...)."""
    serial = int(
        db.execute(
            "SELECT coalesce(max(serial), 0) + 1 FROM cards WHERE worker_id = ?", [worker_id]
        ).fetchone()[0]
    )
    db.execute(
        "INSERT INTO cards(worker_id, serial, issued_on, printed_at, printed_by) "
        "VALUES (?, ?, ?, ?, ?)",
        [worker_id, serial, issued_on.isoformat(), utc_now(), user],
    )
    return serial


def latest(db: Database, worker_id: str) -> tuple[int, dt.date] | None:
    """Serial and date of the worker's newest card, at the village or (copy) at the district."""
    row = (
        db.execute(
            "SELECT serial, issued_on FROM cards WHERE worker_id = ? ORDER BY serial DESC LIMIT 1",
            [worker_id],
        ).fetchone()
        or db.execute(
            "SELECT serial, issued_on FROM district_cards WHERE worker_id = ?", [worker_id]
        ).fetchone()
    )
    return None if row is None else (row[0], dt.date.fromisoformat(row[1]))


def issued_to(db: Database, worker_id: str) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM cards WHERE worker_id = ? ORDER BY serial", [worker_id]))


def record_at_district(db: Database, worker_id: str, serial: int, issued_on: str) -> None:
    """Keep the newest card the village reported for a worker."""
    db.execute(
        "INSERT INTO district_cards(worker_id, serial, issued_on) VALUES (?, ?, ?) "
        "ON CONFLICT(worker_id) DO UPDATE SET serial = excluded.serial, "
        "issued_on = excluded.issued_on WHERE excluded.serial > district_cards.serial",
        [worker_id, serial, issued_on],
    )
