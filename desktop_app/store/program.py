"""Budgets, coverage periods and life events of the village."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from desktop_app.device.clock import utc_now


def get_budget(db: Database, year: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM budgets WHERE fiscal_year = ?", [year]))
    return rows[0] if rows else None


def set_budget(
    db: Database,
    year: int,
    allocated: int,
    line: str,
    target: int,
    working_residents: int | None,
) -> None:
    db.execute(
        "INSERT INTO budgets(fiscal_year, allocated, budget_line, target_workers, "
        "working_residents, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(fiscal_year) "
        "DO UPDATE SET allocated = excluded.allocated, budget_line = excluded.budget_line, "
        "target_workers = excluded.target_workers, "
        "working_residents = excluded.working_residents, updated_at = excluded.updated_at",
        [year, allocated, line, target, working_residents, utc_now()],
    )


def insert_period(db: Database, row: dict[str, Any]) -> None:
    columns = ", ".join(row)
    db.execute(
        f"INSERT INTO coverage_periods({columns}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )


def periods_of(db: Database, worker_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT * FROM coverage_periods WHERE worker_id = ? AND cancelled_at IS NULL "
            "ORDER BY start_month",
            [worker_id],
        )
    )


def first_periods_in(
    db: Database, year: int, worker_ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """Each worker's earliest live coverage period in fiscal `year`, for those that have one
    (a query per 500 workers, not one each)."""
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(worker_ids), 500):
        chunk = list(worker_ids[start : start + 500])
        rows = db.query(
            "SELECT * FROM coverage_periods WHERE fiscal_year = ? AND cancelled_at IS NULL "
            f"AND worker_id IN ({', '.join('?' for _ in chunk)}) ORDER BY start_month",
            [year, *chunk],
        )
        for row in rows:
            found.setdefault(row["worker_id"], row)
    return found


def all_periods(db: Database) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT p.* FROM coverage_periods p JOIN workers w ON w.id = p.worker_id "
            "WHERE p.cancelled_at IS NULL AND w.deleted_at IS NULL ORDER BY p.start_month"
        )
    )


def committed(db: Database, year: int) -> int:
    """Village money promised to coverage in a fiscal year."""
    return int(
        db.execute(
            "SELECT coalesce(sum(total_amount), 0) FROM coverage_periods "
            "WHERE fiscal_year = ? AND funding = 'village' AND cancelled_at IS NULL",
            [year],
        ).fetchone()[0]
    )


def count_funded_workers(db: Database, year: int) -> int:
    """How many live workers have cover in `year` (counted in SQL: the budget page asks at
    start, and a set of 100,000 ids costs more than the count)."""
    return int(
        db.execute(
            "SELECT count(DISTINCT p.worker_id) FROM coverage_periods p "
            "JOIN workers w ON w.id = p.worker_id "
            "WHERE p.fiscal_year = ? AND p.cancelled_at IS NULL AND w.deleted_at IS NULL",
            [year],
        ).fetchone()[0]
    )


def funded_worker_ids(db: Database, year: int) -> set[str]:
    rows = db.execute(
        "SELECT DISTINCT p.worker_id FROM coverage_periods p JOIN workers w ON w.id = p.worker_id "
        "WHERE p.fiscal_year = ? AND p.cancelled_at IS NULL AND w.deleted_at IS NULL",
        [year],
    )
    return {r[0] for r in rows.fetchall()}


def insert_event(db: Database, row: dict[str, Any]) -> None:
    columns = ", ".join(row)
    db.execute(
        f"INSERT INTO events({columns}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )


def get_event(db: Database, event_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM events WHERE id = ?", [event_id]))
    return rows[0] if rows else None


def set_claim_status(db: Database, event_id: str, status: str) -> None:
    db.execute("UPDATE events SET claim_status = ? WHERE id = ?", [status, event_id])


def events_of(db: Database, worker_id: str | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE worker_id = ?", [worker_id]) if worker_id else ("", [])
    return list(db.query(f"SELECT * FROM events {where} ORDER BY event_date", params))


def periods_for(db: Database, worker_ids: list[str]) -> list[dict[str, Any]]:
    """Coverage periods of several workers at once (a page of the list)."""
    found: list[dict[str, Any]] = []
    for start in range(0, len(worker_ids), 500):  # stay under SQLite's parameter limit
        chunk = worker_ids[start : start + 500]
        rows = db.query(
            f"SELECT worker_id, start_month, months, funding FROM coverage_periods "
            f"WHERE cancelled_at IS NULL AND worker_id IN ({', '.join('?' for _ in chunk)})",
            chunk,
        )
        found.extend(rows)
    return found


def latest_budget_year(db: Database) -> int | None:
    year: int | None = db.execute("SELECT max(fiscal_year) FROM budgets").fetchone()[0]
    return year


def funded_years(db: Database) -> list[int]:
    """Fiscal years with at least one coverage period in force, oldest first."""
    rows = db.execute(
        "SELECT DISTINCT fiscal_year FROM coverage_periods WHERE cancelled_at IS NULL "
        "ORDER BY fiscal_year"
    ).fetchall()
    return [r[0] for r in rows]
