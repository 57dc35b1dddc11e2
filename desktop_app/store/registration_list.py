"""The district's list of workers still to be registered with BPJS."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop_app.device.clock import utc_now


def unregistered_workers(db: Database) -> list[dict[str, Any]]:
    """Live workers of every village without a KPJ number yet, by village and name."""
    return list(
        db.query(
            "SELECT w.id, w.village_code, v.name AS village_name, w.nik, w.full_name, "
            "w.birth_date, w.sex, w.occupation, w.monthly_income, w.programs, w.bpjs_status "
            "FROM district_workers w JOIN villages v ON v.code = w.village_code "
            "WHERE w.deleted_at IS NULL AND w.kpj_number IS NULL "
            "ORDER BY w.village_code, w.full_name COLLATE NOCASE"
        )
    )


def mark_submitted(db: Database, worker_ids: list[str]) -> None:
    """Note that these workers went to BPJS (their villages learn it from the return file)."""
    now = utc_now()
    for worker_id in worker_ids:
        db.execute(
            "UPDATE district_workers SET bpjs_status = 'submitted', bpjs_updated_at = ? "
            "WHERE id = ? AND bpjs_status IS NULL",
            [now, worker_id],
        )
