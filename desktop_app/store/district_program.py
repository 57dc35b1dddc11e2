"""The district's copy of each village's program: coverage periods, budgets, events.

Written while a batch is applied (inside its transaction), read by the board and the reports.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def upsert_coverage(db: Database, village_code: str, row: dict[str, Any]) -> None:
    db.execute(
        "INSERT INTO district_coverage(id, village_code, worker_id, fiscal_year, start_month, "
        "months, programs, total_amount, funding, cancelled_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "worker_id = excluded.worker_id, fiscal_year = excluded.fiscal_year, "
        "start_month = excluded.start_month, months = excluded.months, "
        "programs = excluded.programs, total_amount = excluded.total_amount, "
        "funding = excluded.funding, cancelled_at = excluded.cancelled_at",
        [
            row["id"],
            village_code,
            row["worker_id"],
            row["fiscal_year"],
            row["start_month"],
            row["months"],
            row["programs"],
            row["total_amount"],
            row["funding"],
            row.get("cancelled_at"),
        ],
    )


def upsert_budget(db: Database, village_code: str, row: dict[str, Any]) -> None:
    db.execute(
        "INSERT INTO district_budgets(village_code, fiscal_year, allocated, budget_line, "
        "target_workers, working_residents, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(village_code, fiscal_year) DO UPDATE SET allocated = excluded.allocated, "
        "budget_line = excluded.budget_line, target_workers = excluded.target_workers, "
        "working_residents = excluded.working_residents, updated_at = excluded.updated_at",
        [
            village_code,
            row["fiscal_year"],
            row["allocated"],
            row["budget_line"],
            row["target_workers"],
            row.get("working_residents"),
            row["updated_at"],
        ],
    )


def upsert_event(db: Database, village_code: str, row: dict[str, Any]) -> None:
    """An event and its claim status; place and free-text detail stay in the village."""
    db.execute(
        "INSERT INTO district_events(id, village_code, worker_id, kind, event_date, cause, "
        "unable_from, unable_to, claim_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, event_date = excluded.event_date, "
        "cause = excluded.cause, unable_from = excluded.unable_from, "
        "unable_to = excluded.unable_to, claim_status = excluded.claim_status",
        [
            row["id"],
            village_code,
            row["worker_id"],
            row["kind"],
            row["event_date"],
            row.get("cause"),
            row.get("unable_from"),
            row.get("unable_to"),
            row.get("claim_status"),
            row["created_at"],
        ],
    )


def row_village(db: Database, entity: str, row_id: str) -> str | None:
    """The village a coverage period or an event belongs to, or None for a new one."""
    table = {"coverage": "district_coverage", "event": "district_events"}[entity]
    found = db.execute(f"SELECT village_code FROM {table} WHERE id = ?", [row_id]).fetchone()
    return None if found is None else str(found[0])


# ---- reading --------------------------------------------------------------------------------


def live_workers(
    db: Database,
) -> list[tuple[str, str, str, str | None, str, str, str | None]]:
    """(id, village_code, occupation, occupation_other, sex, birth_date, dusun), live workers."""
    return db.execute(
        "SELECT id, village_code, occupation, occupation_other, sex, birth_date, dusun "
        "FROM district_workers WHERE deleted_at IS NULL"
    ).fetchall()


def coverage_rows(db: Database) -> list[tuple[str, int, str, int, str]]:
    """Every period not cancelled as (worker_id, fiscal_year, start_month, months, funding),
    by worker and start."""
    return db.execute(
        "SELECT worker_id, fiscal_year, start_month, months, funding "
        "FROM district_coverage INDEXED BY district_coverage_worker WHERE cancelled_at IS NULL "
        "ORDER BY worker_id, start_month"
    ).fetchall()


def status_groups(db: Database, year: int) -> dict[str, list[tuple[str, bool, int]]]:
    """Per village: live workers counted by coverage signature (as services.reports.signature
    writes it) and whether they are funded in `year`, for the board's counts."""
    rows = db.execute(
        "SELECT w.village_code, coalesce(s.sig, ''), coalesce(s.funded, 0), count(*) "
        "FROM district_workers w INDEXED BY district_workers_live LEFT JOIN (SELECT worker_id, "
        "group_concat(start_month || '|' || months || '|' || funding, ';') AS sig, "
        "max(fiscal_year = ?) AS funded FROM district_coverage "
        "INDEXED BY district_coverage_worker WHERE cancelled_at IS NULL GROUP BY worker_id) s "
        "ON s.worker_id = w.id WHERE w.deleted_at IS NULL GROUP BY 1, 2, 3",
        [year],
    )
    found: dict[str, list[tuple[str, bool, int]]] = {}
    for code, sig, funded, n in rows.fetchall():
        found.setdefault(code, []).append((sig, bool(funded), n))
    return found


def village_paid_periods(db: Database, year: int) -> dict[str, list[tuple[str, int, int]]]:
    """Per village: (start_month, months, total_amount) of live workers' village-paid periods."""
    found: dict[str, list[tuple[str, int, int]]] = {}
    rows = db.execute(
        "SELECT p.village_code, p.start_month, p.months, p.total_amount "
        "FROM district_coverage p INDEXED BY district_coverage_paid "
        "JOIN district_workers w INDEXED BY district_workers_live ON w.id = p.worker_id "
        "WHERE p.fiscal_year = ? "
        "AND p.funding = 'village' AND p.cancelled_at IS NULL AND w.deleted_at IS NULL",
        [year],
    )
    for code, start, months, amount in rows.fetchall():
        found.setdefault(code, []).append((start, months, amount))
    return found


def villages_holding_batches(db: Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT DISTINCT village_code FROM held_batches").fetchall()}


def committed_by_village(db: Database, year: int) -> dict[str, int]:
    """Village money promised to coverage in a fiscal year, as the village itself counts it."""
    rows = db.execute(
        "SELECT village_code, sum(total_amount) FROM district_coverage "
        "INDEXED BY district_coverage_paid "
        "WHERE fiscal_year = ? AND funding = 'village' AND cancelled_at IS NULL "
        "GROUP BY village_code",
        [year],
    )
    return dict(rows.fetchall())


def budgets(db: Database, year: int) -> dict[str, dict[str, Any]]:
    rows = db.query("SELECT * FROM district_budgets WHERE fiscal_year = ?", [year])
    return {r["village_code"]: r for r in rows}


def event_counts(db: Database, year: int) -> dict[str, dict[str, int]]:
    """Per village: events in the year, claims still open, claims paid in the year."""
    rows = db.execute(
        "SELECT e.village_code, "
        "sum(substr(e.event_date, 1, 4) = ?), "
        "sum(e.claim_status IN ('preparing', 'submitted')), "
        "sum(e.claim_status = 'paid' AND substr(e.event_date, 1, 4) = ?) "
        "FROM district_events e GROUP BY e.village_code",
        [str(year), str(year)],
    )
    return {
        code: {"events": events or 0, "open_claims": open_ or 0, "claims_paid": paid or 0}
        for code, events, open_, paid in rows.fetchall()
    }


def active_by_month(db: Database, year: int) -> list[int]:
    """Live workers with the month paid, for each month of `year` (January first)."""
    counts = []
    for month in range(1, 13):
        first = f"{year}-{month:02d}-01"
        counts.append(
            db.execute(
                "SELECT count(DISTINCT p.worker_id) FROM district_coverage p "
                "JOIN district_workers w ON w.id = p.worker_id "
                "WHERE p.cancelled_at IS NULL AND w.deleted_at IS NULL "
                "AND p.start_month <= ? AND date(p.start_month, '+' || p.months || ' months') > ?",
                [first, first],
            ).fetchone()[0]
        )
    return counts


def worker_record(db: Database, worker_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM district_workers WHERE id = ?", [worker_id]))
    return rows[0] if rows else None


def coverage_of(db: Database, worker_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT * FROM district_coverage WHERE worker_id = ? AND cancelled_at IS NULL "
            "ORDER BY start_month",
            [worker_id],
        )
    )


def events_of(db: Database, worker_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT * FROM district_events WHERE worker_id = ? ORDER BY event_date", [worker_id]
        )
    )


def live_ids_by_nik(db: Database, nik: str) -> list[str]:
    rows = db.execute(
        "SELECT id FROM district_workers WHERE nik = ? AND deleted_at IS NULL "
        "ORDER BY village_code",
        [nik],
    )
    return [r[0] for r in rows.fetchall()]


def periods_for(db: Database, worker_ids: list[str]) -> list[dict[str, Any]]:
    """Coverage periods of several workers at once (a page of search results)."""
    found: list[dict[str, Any]] = []
    for start in range(0, len(worker_ids), 500):  # stay under SQLite's parameter limit
        chunk = worker_ids[start : start + 500]
        found.extend(
            db.query(
                "SELECT worker_id, start_month, months, funding FROM district_coverage "
                f"WHERE cancelled_at IS NULL AND worker_id IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )
        )
    return found


def findings_about(db: Database, nik: str) -> list[dict[str, Any]]:
    return list(
        db.query("SELECT * FROM findings WHERE nik = ? AND resolved_at IS NULL ORDER BY id", [nik])
    )


def finding(db: Database, finding_id: int) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM findings WHERE id = ?", [finding_id]))
    return rows[0] if rows else None
