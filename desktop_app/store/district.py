"""The district's tables: known villages, what each sent, its workers' copy and the findings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop_app.device.clock import utc_now


@dataclass(frozen=True, slots=True)
class Village:
    code: str
    name: str
    device_id: str
    signing_key: str
    box_key: str
    trusted_at: str
    trusted_by: str
    applied_seq: int
    last_batch_at: str | None
    return_no: int


def get_village(db: Database, code: str) -> Village | None:
    row = db.execute(f"SELECT {', '.join(Village.__slots__)} FROM villages WHERE code = ?", [code])
    found = row.fetchone()
    return None if found is None else Village(*found)


def list_villages(db: Database) -> list[Village]:
    rows = db.execute(f"SELECT {', '.join(Village.__slots__)} FROM villages ORDER BY code")
    return [Village(*r) for r in rows.fetchall()]


def trust_village(
    db: Database,
    code: str,
    name: str,
    device_id: str,
    signing: str,
    box: str,
    user: str,
) -> None:
    """Pin a village's device and keys; a new device starts its sequence numbers afresh."""
    db.execute("DELETE FROM received_changes WHERE village_code = ?", [code])
    db.execute("DELETE FROM held_batches WHERE village_code = ?", [code])
    db.execute("DELETE FROM audit_seen WHERE village_code = ?", [code])  # a new device's chain
    db.execute(
        "INSERT INTO villages(code, name, device_id, signing_key, box_key, trusted_at, trusted_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
        "device_id = excluded.device_id, signing_key = excluded.signing_key, "
        "box_key = excluded.box_key, trusted_at = excluded.trusted_at, "
        "trusted_by = excluded.trusted_by, applied_seq = 0",
        [code, name, device_id, signing, box, utc_now(), user],
    )


def remember_file(db: Database, sha: str, code: str, first: int, last: int) -> None:
    """Note a file whose changes were just applied, by the SHA-256 of its ciphertext."""
    db.execute(
        "INSERT OR IGNORE INTO applied_files(ciphertext_sha256, village_code, first_seq, "
        "last_seq) VALUES (?, ?, ?, ?)",
        [sha, code, first, last],
    )


def file_applied(db: Database, sha: str, code: str, first: int, last: int) -> bool:
    row = db.execute(
        "SELECT 1 FROM applied_files WHERE ciphertext_sha256 = ? AND village_code = ? "
        "AND first_seq = ? AND last_seq = ?",
        [sha, code, first, last],
    ).fetchone()
    return row is not None


def received_hashes(db: Database, code: str, first: int, last: int) -> dict[int, str]:
    rows = db.execute(
        "SELECT seq, content_sha256 FROM received_changes "
        "WHERE village_code = ? AND seq BETWEEN ? AND ?",
        [code, first, last],
    )
    return dict(rows.fetchall())


def record_received(db: Database, code: str, seq: int, sha: str) -> None:
    db.execute(
        "INSERT INTO received_changes(village_code, seq, content_sha256, received_at) "
        "VALUES (?, ?, ?, ?)",
        [code, seq, sha, utc_now()],
    )


def set_applied(db: Database, code: str, seq: int) -> None:
    """Move the village's applied number on; its next return file gets a new number."""
    db.execute(
        "UPDATE villages SET applied_seq = ?, last_batch_at = ?, return_no = return_no + 1 "
        "WHERE code = ?",
        [seq, utc_now(), code],
    )


def hold_batch(db: Database, code: str, first: int, last: int, content: bytes) -> None:
    db.execute(
        "INSERT OR REPLACE INTO held_batches(village_code, first_seq, last_seq, content, "
        "received_at) VALUES (?, ?, ?, ?, ?)",
        [code, first, last, content, utc_now()],
    )


def held_batches(db: Database, code: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT first_seq, last_seq, content FROM held_batches WHERE village_code = ? "
            "ORDER BY first_seq",
            [code],
        )
    )


def drop_held(db: Database, code: str, first: int, last: int) -> None:
    db.execute(
        "DELETE FROM held_batches WHERE village_code = ? AND first_seq = ? AND last_seq = ?",
        [code, first, last],
    )


def upsert_worker(db: Database, village_code: str, record: dict[str, Any], device_id: str) -> None:
    """Store the village-owned fields of a worker (and which installation sent them); BPJS
    fields stay as the district set them."""
    db.execute(
        "INSERT INTO district_workers(id, village_code, nik, full_name, birth_date, sex, "
        "occupation, monthly_income, programs, registered_at, deleted_at, record, device_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "nik = excluded.nik, full_name = excluded.full_name, birth_date = excluded.birth_date, "
        "sex = excluded.sex, occupation = excluded.occupation, "
        "monthly_income = excluded.monthly_income, programs = excluded.programs, "
        "deleted_at = excluded.deleted_at, record = excluded.record, "
        "device_id = excluded.device_id",
        [
            record["id"],
            village_code,
            record["nik"],
            record["full_name"],
            record["birth_date"],
            record["sex"],
            record["occupation"],
            record["monthly_income"],
            record["programs"],
            record["created_at"],
            record.get("deleted_at"),
            json.dumps(record, ensure_ascii=False),
            device_id,
        ],
    )


def worker_village(db: Database, worker_id: str) -> str | None:
    """The village a worker's row belongs to at the district, or None for a new worker."""
    row = db.execute("SELECT village_code FROM district_workers WHERE id = ?", [worker_id])
    found = row.fetchone()
    return None if found is None else found[0]


def audit_seen(db: Database, code: str) -> dict[int, str]:
    """The heads of a village's audit chain as its batches showed them: length -> hash."""
    rows = db.execute(
        "SELECT audit_count, audit_hash FROM audit_seen WHERE village_code = ?", [code]
    )
    return dict(rows.fetchall())


def record_audit_seen(db: Database, code: str, count: int, sha: str) -> None:
    db.execute(
        "INSERT OR REPLACE INTO audit_seen(village_code, audit_count, audit_hash, seen_at) "
        "VALUES (?, ?, ?, ?)",
        [code, count, sha, utc_now()],
    )


def add_finding(
    db: Database,
    kind: str,
    village_code: str,
    worker_id: str | None,
    nik: str | None,
    detail: str,
) -> None:
    """Record a problem for the officer once; the same open finding is not repeated."""
    db.execute(
        "INSERT OR IGNORE INTO findings(kind, village_code, worker_id, nik, detail, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [kind, village_code, worker_id, nik, detail, utc_now()],
    )


def open_findings(db: Database, village_code: str | None = None) -> list[dict[str, Any]]:
    where, params = ("AND village_code = ?", [village_code]) if village_code else ("", [])
    return list(
        db.query(f"SELECT * FROM findings WHERE resolved_at IS NULL {where} ORDER BY id", params)
    )


def resolve_finding(db: Database, finding_id: int, note: str, user: str) -> bool:
    """Close an open finding with what the officer did; False if it was not open."""
    cursor = db.execute(
        "UPDATE findings SET resolved_at = ?, detail = detail || ? "
        "WHERE id = ? AND resolved_at IS NULL",
        [utc_now(), f" — Diselesaikan oleh {user}: {note}", finding_id],
    )
    return cursor.rowcount == 1


def set_bpjs_fields(
    db: Database, worker_id: str, kpj_number: str | None, status: str | None
) -> None:
    db.execute(
        "UPDATE district_workers SET kpj_number = ?, bpjs_status = ?, bpjs_updated_at = ? "
        "WHERE id = ?",
        [kpj_number, status, utc_now(), worker_id],
    )
    db.execute(
        "UPDATE villages SET return_no = return_no + 1 "
        "WHERE code = (SELECT village_code FROM district_workers WHERE id = ?)",
        [worker_id],
    )


def bpjs_fields_of_village(db: Database, village_code: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT id AS worker_id, kpj_number, bpjs_status FROM district_workers "
            "WHERE village_code = ? AND (kpj_number IS NOT NULL OR bpjs_status IS NOT NULL) "
            "ORDER BY id",
            [village_code],
        )
    )


def worker_counts(db: Database) -> dict[str, int]:
    rows = db.execute(
        "SELECT village_code, count(*) FROM district_workers WHERE deleted_at IS NULL "
        "GROUP BY village_code"
    )
    return dict(rows.fetchall())


_LIVE_BY_NIK = ("id", "village_code", "full_name", "kpj_number")


def find_live_by_nik(db: Database, nik: str) -> list[dict[str, Any]]:
    # Plain execute: sqlite-utils' query() parses the SQL again on every call (once per
    # imported change).
    rows = db.execute(
        f"SELECT {', '.join(_LIVE_BY_NIK)} FROM district_workers "
        "WHERE nik = ? AND deleted_at IS NULL",
        [nik],
    ).fetchall()
    return [dict(zip(_LIVE_BY_NIK, row, strict=True)) for row in rows]


_BORN_ON = ("id", "village_code", "nik", "full_name", "birth_date", "kk_number")


def live_born_on(db: Database, birth_date: str, other_than_village: str) -> list[dict[str, Any]]:
    """Live workers of other villages born on `birth_date` (to find one person twice)."""
    # Plain execute: called once per imported change, where sqlite-utils' query() costs.
    rows = db.execute(
        "SELECT id, village_code, nik, full_name, birth_date, "
        "json_extract(record, '$.kk_number') AS kk_number FROM district_workers "
        "WHERE birth_date = ? AND village_code <> ? AND deleted_at IS NULL",
        [birth_date, other_than_village],
    ).fetchall()
    return [dict(zip(_BORN_ON, row, strict=True)) for row in rows]


def get_worker(db: Database, worker_id: str) -> dict[str, Any] | None:
    """The district's copy of one worker, as stored (the village's record as JSON text)."""
    rows = list(db.query("SELECT * FROM district_workers WHERE id = ?", [worker_id]))
    return rows[0] if rows else None


def workers_of_other_installations(db: Database, code: str, device_id: str) -> list[dict[str, Any]]:
    """Live workers of a village sent by any installation but `device_id` (the current one)."""
    return list(
        db.query(
            "SELECT id, nik, kpj_number, bpjs_status FROM district_workers "
            "WHERE village_code = ? AND deleted_at IS NULL "
            "AND (device_id IS NULL OR device_id <> ?) ORDER BY id",
            [code, device_id],
        )
    )


def workers_of_installation(db: Database, code: str, device_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT id, nik, kpj_number FROM district_workers "
            "WHERE village_code = ? AND deleted_at IS NULL AND device_id = ?",
            [code, device_id],
        )
    )


def retire_worker(db: Database, worker_id: str, reason: str) -> None:
    """Remove a worker at the district (the village that sent it is gone)."""
    now = utc_now()
    row = db.execute("SELECT record FROM district_workers WHERE id = ?", [worker_id]).fetchone()
    record = {**json.loads(row[0]), "deleted_at": now, "removal_reason": reason}
    db.execute(
        "UPDATE district_workers SET deleted_at = ?, record = ? WHERE id = ?",
        [now, json.dumps(record, ensure_ascii=False), worker_id],
    )


def resolve_findings_of_kind(
    db: Database, kind: str, village_code: str, note: str, user: str
) -> None:
    db.execute(
        "UPDATE findings SET resolved_at = ?, detail = detail || ? "
        "WHERE kind = ? AND village_code = ? AND resolved_at IS NULL",
        [utc_now(), f" — Diselesaikan oleh {user}: {note}", kind, village_code],
    )
