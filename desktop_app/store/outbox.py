"""The change log (outbox): every accepted change, numbered per device without gaps.

Sync reads ranges of it into batch files; the sequence number is the row id, so numbers are
assigned inside the same transaction as the change and a rolled-back change leaves no hole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from desktop_app.device.clock import utc_now
from desktop_app.store.compact_json import compact_encoder


def encode(payload: dict[str, Any]) -> str:
    """A payload as the outbox stores it: canonical JSON (sorted keys, no spaces, UTF-8 text).

    Stored canonically, a change goes into a batch file as it is, without decoding and
    encoding it again, and its bytes are the ones the district fingerprints.
    """
    return _CANONICAL(payload)


_CANONICAL = compact_encoder(sort_keys=True)


_APPEND = (
    "INSERT INTO changes(seq, at, entity, entity_id, op, payload, user) "
    "VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM changes), ?, ?, ?, ?, ?, ?)"
)


def append_changes(
    db: Database, changes: Iterable[tuple[str, str, str, str]], user: str | None
) -> None:
    """Append many changes made by `user` at once, numbered in order: (entity, entity_id, op,
    `encode()`d payload) each."""
    at = utc_now()
    db.conn.executemany(
        _APPEND,
        ((at, entity, entity_id, op, text, user) for entity, entity_id, op, text in changes),
    )


def last_seq(db: Database) -> int:
    return int(db.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])


def changes_between(db: Database, first: int, last: int) -> list[dict[str, Any]]:
    """Changes with first <= seq <= last, oldest first, payload decoded."""
    rows = db.query("SELECT * FROM changes WHERE seq BETWEEN ? AND ? ORDER BY seq", [first, last])
    return [{**row, "payload": json.loads(row["payload"])} for row in rows]


def change_lines(db: Database, first: int, last: int) -> list[tuple[int, bytes]]:
    """Changes with first <= seq <= last as (seq, canonical JSON line) for a batch file.

    The stored payload is canonical already, so it is spliced in as text, not decoded and
    encoded again; the other fields are short strings."""
    rows = db.execute(
        "SELECT seq, at, user, entity, entity_id, op, payload FROM changes "
        "WHERE seq BETWEEN ? AND ? ORDER BY seq",
        [first, last],
    ).fetchall()

    def dumps(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = []
    for seq, at, user, entity, entity_id, op, payload in rows:
        # "by" only where the change names its person, so that a change made before people
        # were recorded hashes as it did when it was first sent
        by = f'"by":{dumps(user)},' if user else ""
        line = (
            f'{{"at":{dumps(at)},{by}"entity":{dumps(entity)},"entity_id":{dumps(entity_id)},'
            f'"op":{dumps(op)},"payload":{payload},"seq":{seq}}}'
        )
        lines.append((seq, line.encode()))
    return lines


ACK_KEY = "outbox.acknowledged_seq"


def acknowledged_seq(db: Database) -> int:
    """Highest sequence number the district has acknowledged (kept by sync)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [ACK_KEY]).fetchone()
    return 0 if row is None else int(json.loads(row[0]))


def set_acknowledged_seq(db: Database, seq: int) -> None:
    db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [ACK_KEY, json.dumps(seq)],
    )


def unsynced_count(db: Database) -> int:
    return last_seq(db) - acknowledged_seq(db)


def latest_payload(db: Database, entity: str, entity_id: str, op: str) -> dict[str, Any] | None:
    """The payload of a record's newest change of kind `op` (e.g. why it was removed)."""
    row = db.execute(
        "SELECT payload FROM changes WHERE entity = ? AND entity_id = ? AND op = ? "
        "ORDER BY seq DESC LIMIT 1",
        [entity, entity_id, op],
    ).fetchone()
    return None if row is None else json.loads(row[0])


def seqs_about(db: Database, worker_id: str) -> list[int]:
    """Numbers of the changes about one worker: the worker itself, its cover, events, cards."""
    rows = db.execute(
        "SELECT seq FROM changes WHERE entity_id = ? OR json_extract(payload, '$.worker_id') = ? "
        "ORDER BY seq",
        [worker_id, worker_id],
    )
    return [r[0] for r in rows.fetchall()]
