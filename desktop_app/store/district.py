"""The district's tables: known villages, what each sent, its workers' copy and the findings."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any, NamedTuple

from sqlite_utils import Database

from desktop_app.device.clock import utc_now
from desktop_app.domain.likely_duplicates import NEAR_NIKS, nik_number


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


def record_received(db: Database, code: str, changes: list[tuple[int, str]]) -> None:
    """Note (seq, content SHA-256) of each change of a batch as received now."""
    at = utc_now()
    db.conn.executemany(
        "INSERT INTO received_changes(village_code, seq, content_sha256, received_at) "
        "VALUES (?, ?, ?, ?)",
        [(code, seq, sha, at) for seq, sha in changes],
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


class WorkerRow(NamedTuple):
    """A worker's row as the district stores it: the village-owned columns only (BPJS fields
    stay as the district set them)."""

    id: str
    village_code: str
    nik: str
    full_name: str
    name_key: str  # the name as likely-same-person checks compare it
    birth_date: str
    sex: str
    occupation: str
    monthly_income: int
    programs: str
    registered_at: str
    deleted_at: str | None
    record: str  # the village's record as JSON text
    device_id: str  # the installation that sent it
    status: str | None
    occupation_other: str | None
    dusun: str | None
    heirs: int
    children: int


_UPDATED = [c for c in WorkerRow._fields if c not in ("id", "village_code", "registered_at")]
_ROW = f"({', '.join('?' for _ in WorkerRow._fields)})"
_CHUNK = 500  # values or rows per statement: well under SQLite's limit on parameters


@functools.lru_cache(maxsize=8)
def _upsert_workers_sql(rows: int) -> str:
    return (
        f"INSERT INTO district_workers({', '.join(WorkerRow._fields)}) "
        f"VALUES {', '.join(_ROW for _ in range(rows))} ON CONFLICT(id) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in _UPDATED)
    )


def upsert_workers(db: Database, rows: list[WorkerRow]) -> None:
    """Insert or update workers, in order (a new worker's rowid follows the one before).

    One statement for many rows: the search index's triggers then add their entries in one
    go. Row by row, FTS5 writes its pending entries out at every statement (a new segment
    to merge for each worker): that doubled the cost of storing a worker.
    """
    for chunk in _chunks(rows):
        db.execute(_upsert_workers_sql(len(chunk)), list(chain.from_iterable(chunk)))


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class KnownWorker(NamedTuple):
    rowid: int
    id: str
    village_code: str
    nik: str
    full_name: str
    live: bool


_KNOWN = "SELECT rowid, id, village_code, nik, full_name, deleted_at IS NULL FROM district_workers"


def workers_by_id(db: Database, ids: list[str]) -> list[KnownWorker]:
    """The district's rows with these ids (live or removed): who owns them, and their NIKs."""
    found = []
    for chunk in _chunks(ids):
        rows = db.execute(f"{_KNOWN} WHERE id IN ({', '.join('?' * len(chunk))})", chunk)
        found += [KnownWorker(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows.fetchall()]
    return found


def live_with_niks(db: Database, niks: list[str]) -> list[KnownWorker]:
    """Live workers of any village holding one of these NIKs."""
    found = []
    for chunk in _chunks(niks):
        rows = db.execute(
            f"{_KNOWN} INDEXED BY district_workers_live_nik "
            f"WHERE nik IN ({', '.join('?' * len(chunk))}) AND deleted_at IS NULL",
            chunk,
        )
        found += [KnownWorker(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows.fetchall()]
    return found


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


def add_findings(
    db: Database, findings: list[tuple[str, str, str | None, str | None, str]]
) -> None:
    """`add_finding` for many (kind, village_code, worker_id, nik, detail), in order."""
    at = utc_now()
    db.conn.executemany(
        "INSERT OR IGNORE INTO findings(kind, village_code, worker_id, nik, detail, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(*finding, at) for finding in findings],
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
    rows = db.execute(
        f"SELECT {', '.join(_LIVE_BY_NIK)} FROM district_workers "
        "WHERE nik = ? AND deleted_at IS NULL",
        [nik],
    ).fetchall()
    return [dict(zip(_LIVE_BY_NIK, row, strict=True)) for row in rows]


class Candidate(NamedTuple):
    """A live worker of another village who may be one of a batch's workers under another NIK."""

    pos: int  # which of the batch's workers
    rowid: int
    nik: str
    name_key: str
    birth_date: str
    village_code: str


# A NIK one digit off or with two neighbours swapped differs, read as a number, by d·10^k or
# 9·d·10^k (NEAR_NIKS): these are the digits of such a difference without its trailing zeros.
_NEAR_DIGITS = ", ".join(sorted({f"'{str(abs(diff)).rstrip('0')}'" for diff in NEAR_NIKS}))
_SIXTEEN_DIGITS = "[0-9]" * 16  # a GLOB pattern: what nik_number reads as a number


def likely_same_candidates(
    db: Database, village_code: str, people: list[tuple[int, str, str, str]]
) -> list[Candidate]:
    """For each (pos, nik, birth_date, name_key) of a batch: live workers of other villages
    born that day with another NIK that shares the name key, or one that may be one digit off
    or two neighbours swapped: it shares the first 7 digits or the last 7 (one of them is
    untouched), and two NIKs of 16 digits differ by a number NEAR_NIKS holds. By pos and then
    in the order they were stored. Every pair `likely_same` can match on a shared birth date
    is among them. One query for the batch, read from the index alone; the batch's own NIK
    heads, tails and numbers go in made already, not made again for every worker born that
    day."""
    found: list[Candidate] = []
    for chunk in _chunks(people):
        rows = db.execute(
            "WITH b(pos, nik, birth_date, name_key, head, tail, number) AS (VALUES "
            + ", ".join("(?, ?, ?, ?, ?, ?, ?)" for _ in chunk)
            + ") SELECT b.pos, w.rowid, w.nik, w.name_key, w.birth_date, w.village_code "
            "FROM b JOIN district_workers w INDEXED BY district_workers_born "
            "ON w.birth_date = b.birth_date AND w.deleted_at IS NULL "
            "WHERE w.village_code <> ? AND w.nik <> b.nik AND (w.name_key = b.name_key "
            "OR (substr(w.nik, 1, 7) = b.head OR substr(w.nik, 10) = b.tail) "
            f"AND (b.number IS NULL OR rtrim(abs(w.nik - b.number), '0') IN ({_NEAR_DIGITS}) "
            "OR w.nik NOT GLOB ?)) "
            "ORDER BY b.pos, w.rowid",
            [
                v
                for pos, nik, born, key in chunk
                for v in (pos, nik, born, key, nik[:7], nik[9:], nik_number(nik))
            ]
            + [village_code, _SIXTEEN_DIGITS],
        )
        found += [Candidate(*row) for row in rows.fetchall()]
    return found


def full_names(db: Database, rowids: list[int]) -> dict[int, str]:
    """The names of the workers stored under these rowids."""
    found: dict[int, str] = {}
    for chunk in _chunks(rowids):
        rows = db.execute(
            "SELECT rowid, full_name FROM district_workers "
            f"WHERE rowid IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        found.update(rows.fetchall())
    return found


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
