"""The worker's signed consent to the processing of their personal data: a flag with its date."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from desktop_app.device.clock import utc_now


def record(db: Database, worker_id: str, signed_on: dt.date, user: str) -> None:
    db.execute(
        "INSERT INTO consents(worker_id, signed_on, recorded_at, recorded_by) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(worker_id) DO UPDATE SET signed_on = excluded.signed_on, "
        "recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by",
        [worker_id, signed_on.isoformat(), utc_now(), user],
    )


def signed_on(db: Database, worker_id: str) -> dt.date | None:
    row = db.execute("SELECT signed_on FROM consents WHERE worker_id = ?", [worker_id]).fetchone()
    return None if row is None else dt.date.fromisoformat(row[0])
