"""The district's queue of village keys: arrived over the network, or approved by the officer."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop_app.device.clock import utc_now

# Anyone on the network can post a file: the queue keeps at most this many unapproved keys
# per village, dropping the oldest, so it cannot be made to grow without end.
MAX_WAITING_PER_VILLAGE = 3


def note_arrival(
    db: Database, code: str, name: str, fingerprint: str, signing: str, box: str
) -> None:
    """Queue (or refresh) a key that arrived with a file and is not pinned."""
    db.execute(
        "INSERT INTO village_key_queue(village_code, fingerprint, village_name, signing_key, "
        "box_key, seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(village_code, fingerprint) "
        "DO UPDATE SET village_name = excluded.village_name, signing_key = excluded.signing_key,"
        " box_key = excluded.box_key, seen_at = excluded.seen_at",
        [code, fingerprint, name, signing, box, utc_now()],
    )
    db.execute(
        "DELETE FROM village_key_queue WHERE village_code = ? AND approved_at IS NULL AND "
        "fingerprint NOT IN (SELECT fingerprint FROM village_key_queue WHERE village_code = ? "
        "AND approved_at IS NULL ORDER BY seen_at DESC LIMIT ?)",
        [code, code, MAX_WAITING_PER_VILLAGE],
    )


def approve(db: Database, code: str, fingerprint: str, user: str) -> None:
    db.execute(
        "INSERT INTO village_key_queue(village_code, fingerprint, approved_at, approved_by) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(village_code, fingerprint) DO UPDATE SET "
        "approved_at = excluded.approved_at, approved_by = excluded.approved_by",
        [code, fingerprint, utc_now(), user],
    )


def is_approved(db: Database, code: str, fingerprint: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM village_key_queue WHERE village_code = ? AND fingerprint = ? "
        "AND approved_at IS NOT NULL",
        [code, fingerprint],
    ).fetchone()
    return row is not None


def clear(db: Database, code: str) -> None:
    """Forget a village's queue once one of its keys is pinned."""
    db.execute("DELETE FROM village_key_queue WHERE village_code = ?", [code])


def queue(db: Database) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT village_code, village_name, fingerprint, seen_at, approved_at, approved_by "
            "FROM village_key_queue ORDER BY village_code, seen_at"
        )
    )
