"""Likely-duplicate pairs: the candidates a registration is compared with, and the pairs kept."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import Any

from sqlite_utils import Database

from desktop_app.store.workers import COLUMNS, Worker

_SELECT = f"SELECT {', '.join(COLUMNS)} FROM workers"


def candidates(
    db: Database, birth_date: str, kk_number: str | None, exclude_id: str | None
) -> list[tuple[str, str, str, str, str | None]]:
    """(id, nik, full_name, birth_date, kk_number) of the live workers born the same day or on
    the same family card (other than `exclude_id`): what the rules compare, not whole rows."""
    return db.execute(
        "SELECT id, nik, full_name, birth_date, kk_number FROM workers "
        "WHERE deleted_at IS NULL AND id IS NOT ? AND "
        "(birth_date = ? OR (kk_number IS NOT NULL AND kk_number = ?))",
        [exclude_id, birth_date, kk_number],
    ).fetchall()


def live_born_on(db: Database, birth_dates: Collection[str]) -> list[tuple[str, str, str, str]]:
    """(id, nik, full_name, birth_date) of the live workers born on any of `birth_dates`, each
    day's in the order they were registered (a batch's `candidates` by birth date)."""
    if not birth_dates:
        return []
    return db.execute(
        "SELECT id, nik, full_name, birth_date FROM workers INDEXED BY workers_birth_date "
        "WHERE birth_date IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL",
        [json.dumps(sorted(birth_dates))],
    ).fetchall()


def live_on_cards(
    db: Database, kk_numbers: Collection[str]
) -> list[tuple[str, str, str, str, str]]:
    """(id, nik, full_name, birth_date, kk_number) of the live workers on any of the family
    cards `kk_numbers`, in the order they were registered (a batch's `candidates` by card)."""
    if not kk_numbers:
        return []
    return db.execute(
        "SELECT id, nik, full_name, birth_date, kk_number FROM workers "
        "WHERE kk_number IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL "
        "ORDER BY rowid",
        [json.dumps(sorted(kk_numbers))],
    ).fetchall()


def insert_pair(
    db: Database,
    worker_id: str,
    other_id: str,
    rule: str,
    found_at: str,
    dismissed_by: str | None = None,
    reason: str | None = None,
) -> int:
    """Keep a pair (already dismissed when a reason is given); returns its id."""
    cursor = db.execute(
        "INSERT INTO duplicate_pairs(worker_id, other_id, rule, found_at, dismissed_at, "
        "dismissed_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(worker_id, other_id) DO NOTHING",
        [worker_id, other_id, rule, found_at, found_at if reason else None, dismissed_by, reason],
    )
    return int(cursor.lastrowid or 0)


def insert_open_pairs(db: Database, pairs: Iterable[tuple[str, str, str]], found_at: str) -> None:
    """Keep many pairs not yet looked at: (worker_id, other_id, rule) each."""
    db.conn.executemany(
        "INSERT INTO duplicate_pairs(worker_id, other_id, rule, found_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(worker_id, other_id) DO NOTHING",
        ((worker_id, other_id, rule, found_at) for worker_id, other_id, rule in pairs),
    )


def get_pair(db: Database, pair_id: int) -> dict[str, Any] | None:
    cursor = db.execute("SELECT * FROM duplicate_pairs WHERE id = ?", [pair_id])
    row = cursor.fetchone()
    return None if row is None else dict(zip([d[0] for d in cursor.description], row, strict=True))


_OPEN = (
    "FROM duplicate_pairs p "
    "JOIN workers a ON a.id = p.worker_id JOIN workers b ON b.id = p.other_id "
    "WHERE p.dismissed_at IS NULL AND a.deleted_at IS NULL AND b.deleted_at IS NULL"
)


def count_open_pairs(db: Database, up_to: int | None = None) -> int:
    """How many pairs `open_pairs` lists, without reading their workers (the list's button);
    with `up_to`, counted no further than that (a million workers make millions of pairs)."""
    if up_to is None:
        return int(db.execute(f"SELECT count(*) {_OPEN}").fetchone()[0])
    return int(
        db.execute(f"SELECT count(*) FROM (SELECT 1 {_OPEN} LIMIT ?)", [up_to]).fetchone()[0]
    )


def open_pairs(db: Database) -> list[tuple[dict[str, Any], Worker, Worker]]:
    """Pairs not yet dismissed whose two workers are both live, newest first."""
    columns = ", ".join(f"{side}.{c}" for side in ("a", "b") for c in COLUMNS)
    cursor = db.execute(f"SELECT p.id, p.rule, p.found_at, {columns} {_OPEN} ORDER BY p.id DESC")
    n = len(COLUMNS)
    return [
        (
            {"id": row[0], "rule": row[1], "found_at": row[2]},
            Worker(*row[3 : 3 + n]),
            Worker(*row[3 + n :]),
        )
        for row in cursor.fetchall()
    ]


def dismiss_pair(db: Database, pair_id: int, at: str, user: str, reason: str) -> None:
    db.execute(
        "UPDATE duplicate_pairs SET dismissed_at = ?, dismissed_by = ?, reason = ? WHERE id = ?",
        [at, user, reason, pair_id],
    )
